// Shared command-line plumbing for the operations commands: option parsing, --help, exit codes, one-line errors.
import { parseArgs } from "util";

/** Exit codes of every operations command (documented in docs/operations.md). */
export const EXIT_OK = 0;
/** The operation ran and failed: a stack failed, verification failed, AWS refused a call. */
export const EXIT_FAILURE = 1;
/** Nothing was changed: bad arguments or a missing prerequisite (CLI, credentials, outputs). */
export const EXIT_USAGE = 2;

/** Bad command-line arguments; reported as one line, exit 2. */
export class UsageError extends Error {
    override name = "UsageError";
}

/** A prerequisite is missing (Pulumi CLI, AWS credentials, stack outputs); reported as one line, exit 2. */
export class PreflightError extends Error {
    override name = "PreflightError";
}

/** The operation failed in a way already explained by `message`; reported as one line, exit 1. */
export class OpsFailure extends Error {
    override name = "OpsFailure";
}

/** Where a command writes: progress and results to `out`, problems to `err`. Injected so tests capture both. */
export interface Io {
    out(line: string): void;
    err(line: string): void;
}

/** The terminal. */
export const consoleIo: Io = {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
};

export interface OptionSpec {
    type: "string" | "boolean";
    /** The option may be given more than once; its value is then the list of every value given. @default false */
    multiple?: boolean;
    /** Placeholder shown in the help text, e.g. `REGION`. */
    value?: string;
    help: string;
}

export interface CommandSpec {
    /** npm script name, e.g. `failover`. */
    name: string;
    /** The one-line synopsis after `npm run <name> --`, e.g. `--to REGION | --active-active [options]`. */
    synopsis: string;
    /** One sentence saying what the command does. */
    summary: string;
    options: Record<string, OptionSpec>;
}

export type OptionValue = string | boolean | string[] | undefined;

export type ParsedOptions = Record<string, OptionValue>;

/** `usage: npm run failover -- --to REGION | --active-active [options]` */
export function usageLine(spec: CommandSpec): string {
    return `usage: npm run ${spec.name} -- ${spec.synopsis}`;
}

/** The full --help text: usage line, summary, one line per option, exit codes. */
export function helpText(spec: CommandSpec): string {
    const rows = Object.entries(spec.options).map(([name, o]) => [`--${name}${o.value ? ` ${o.value}` : ""}`, o.help]);
    rows.push(["--help", "print this help and exit"]);
    const width = Math.max(...rows.map(([left]) => left.length));
    return [
        usageLine(spec),
        "",
        ...wrap(spec.summary, 100),
        "",
        "options:",
        ...rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`),
        "",
        "exit codes: 0 success, 1 the operation failed, 2 bad arguments or a missing prerequisite (nothing changed)",
    ].join("\n");
}

/** Greedy word wrap, so the help reads well in an 80-120 column terminal. */
export function wrap(text: string, width: number): string[] {
    const lines: string[] = [];
    let line = "";
    for (const word of text.split(/\s+/).filter((w) => w !== "")) {
        if (line !== "" && line.length + 1 + word.length > width) {
            lines.push(line);
            line = word;
        } else {
            line = line === "" ? word : `${line} ${word}`;
        }
    }
    if (line !== "") {
        lines.push(line);
    }
    return lines;
}

/**
 * Parses argv against the spec. Returns "help" for --help. Node's own parse errors are long and mention
 * positional-argument escaping; they are replaced by one short sentence.
 */
export function parseCommandLine(spec: CommandSpec, argv: string[]): ParsedOptions | "help" {
    if (argv.includes("--help") || argv.includes("-h")) {
        return "help";
    }
    const options: Record<string, { type: "string" | "boolean"; multiple?: boolean }> = {};
    for (const [name, o] of Object.entries(spec.options)) {
        options[name] = o.multiple ? { type: o.type, multiple: true } : { type: o.type };
    }
    try {
        const { values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false });
        return values as ParsedOptions;
    } catch (e) {
        throw new UsageError(describeParseError(e, argv));
    }
}

function describeParseError(e: unknown, argv: string[]): string {
    const code = (e as { code?: string }).code;
    const message = e instanceof Error ? e.message : String(e);
    const quoted = /'(-[^']*)'/.exec(message)?.[1];
    switch (code) {
        case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
            return `unknown option ${quoted ?? ""}`.trim();
        case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
            return `unexpected argument ${JSON.stringify(argv.find((a) => !a.startsWith("-")) ?? "")}`;
        case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
            if (/argument missing/.test(message) && quoted) {
                return `option ${quoted.split(" ")[0]} needs a value`;
            }
            return /does not take an argument/.test(message) && quoted
                ? `option ${quoted} does not take a value`
                : `invalid option value: ${message.split("\n")[0]}`;
        default:
            return message.split("\n")[0];
    }
}

/** A whole number >= min, from an option value; one-line error naming the option otherwise. */
export function intOption(name: string, value: OptionValue, fallback: number, min = 1): number {
    if (value === undefined) {
        return fallback;
    }
    if (typeof value !== "string" || !/^\d+$/.test(value) || Number(value) < min) {
        throw new UsageError(`--${name} must be a whole number >= ${min}, got ${JSON.stringify(value)}`);
    }
    return Number(value);
}

/** A number > 0 (decimals allowed), from an option value. */
export function positiveNumberOption(name: string, value: OptionValue, fallback: number): number {
    if (value === undefined) {
        return fallback;
    }
    const n = typeof value === "string" && /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
    if (!(n > 0)) {
        throw new UsageError(`--${name} must be a number of seconds > 0, got ${JSON.stringify(value)}`);
    }
    return n;
}

export function stringOption(value: OptionValue): string | undefined {
    return typeof value === "string" ? value : undefined;
}

/**
 * Runs a command body and turns every outcome into an exit code. Errors become one line, never a stack
 * trace: the commands are run by operators during incidents, who need the sentence, not the frames.
 */
export async function runCommand(
    spec: CommandSpec,
    argv: string[],
    io: Io,
    body: (options: ParsedOptions) => Promise<number>,
): Promise<number> {
    try {
        const parsed = parseCommandLine(spec, argv);
        if (parsed === "help") {
            io.out(helpText(spec));
            return EXIT_OK;
        }
        return await body(parsed);
    } catch (e) {
        if (e instanceof UsageError) {
            io.err(`${spec.name}: ${e.message} (${usageLine(spec)}; --help for details)`);
            return EXIT_USAGE;
        }
        if (e instanceof PreflightError) {
            io.err(`${spec.name}: ${e.message}`);
            return EXIT_USAGE;
        }
        io.err(`${spec.name}: ${oneLine(e)}`);
        return EXIT_FAILURE;
    }
}

/** The first meaningful line of an error, with its AWS error name when it has one. */
export function oneLine(e: unknown): string {
    if (!(e instanceof Error)) {
        return String(e);
    }
    const first =
        e.message
            .split("\n")
            .find((l) => l.trim() !== "")
            ?.trim() ?? "";
    const named = e.name && e.name !== "Error" && e.name !== "OpsFailure" && !first.startsWith(e.name);
    return named ? `${e.name}: ${first}` : first || e.name;
}

/** Every value of a repeatable string option (`multiple: true`), in the order given; [] when absent. */
export function listOption(value: OptionValue): string[] {
    if (value === undefined) return [];
    return Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
}
