// Reads raw config strings with their declared types; every failure is one ConfigError naming the key.
import { CONFIG_KEYS, PROJECT } from "./configTypes";

/** One-line configuration error; the CLI, the offline plan and the tests show `message` as is. */
export class ConfigError extends Error {
    constructor(
        readonly key: string,
        message: string,
    ) {
        super(message);
        this.name = "ConfigError";
    }
}

/** Raw config as the CLI hands it over: project keys un-prefixed, structured values as JSON text. */
export interface RawConfig {
    stack: string;
    /** `aws:region` */
    awsRegion: string | undefined;
    values: Readonly<Record<string, string | undefined>>;
}

export function fail(key: string, value: unknown, allowed: string): never {
    const fq = key.includes(":") ? key : `${PROJECT}:${key}`;
    const shown = value === undefined ? "is not set" : `= ${JSON.stringify(value)}`;
    throw new ConfigError(fq, `config ${fq} ${shown}; allowed: ${allowed}`);
}

/** Reads raw values with their declared types; unknown keys are a programming error, not user input. */
export class Reader {
    constructor(private readonly raw: RawConfig) {}

    private text(key: string): string | undefined {
        if (!(key in CONFIG_KEYS)) throw new Error(`config key ${key} is not declared in CONFIG_KEYS`);
        const v = this.raw.values[key];
        // Pulumi.yaml declares "" as the default of optional text keys: "" is unset.
        return v === "" ? undefined : v;
    }

    optionalString(key: string): string | undefined {
        return this.text(key);
    }

    string(key: string, allowed: string): string {
        const v = this.text(key);
        if (v === undefined) fail(key, undefined, allowed);
        return v;
    }

    oneOf<T extends string>(key: string, values: readonly T[]): T {
        const v = this.string(key, values.join(", "));
        if (!(values as readonly string[]).includes(v)) fail(key, v, values.join(", "));
        return v as T;
    }

    boolean(key: string): boolean {
        const v = this.string(key, "true or false");
        if (v !== "true" && v !== "false") fail(key, v, "true or false");
        return v === "true";
    }

    integer(key: string, min: number, max: number, allowed = `an integer from ${min} to ${max}`): number {
        const v = this.string(key, allowed);
        const n = Number(v);
        if (!/^-?\d+$/.test(v) || n < min || n > max) fail(key, v, allowed);
        return n;
    }

    array(key: string, allowed: string): string[] {
        const v = this.string(key, `a list of ${allowed}`);
        let parsed: unknown;
        try {
            parsed = JSON.parse(v);
        } catch {
            // Not JSON: `parsed` stays undefined, and is refused below like any other value that is not a list.
        }
        if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === "string")) fail(key, v, `a list of ${allowed}`);
        return parsed as string[];
    }
}
