// Plain snapshots of resource properties in which values unknown during preview are explicit, so a policy can skip them.

/**
 * Marks a value that is not known yet (during `pulumi preview` an input that depends on another
 * resource's output, or a secret whose plaintext is not available). A check that needs it is skipped:
 * it runs again during `pulumi up`, when the value is known, so skipping never hides a violation.
 */
export const UNKNOWN: unique symbol = Symbol("unknown during preview");
export type Unknown = typeof UNKNOWN;

export type Plain = null | boolean | number | string | Unknown | Plain[] | PlainObject;
export interface PlainObject {
    [key: string]: Plain;
}

/**
 * The engine's wire sentinels for unknown values (one per type). They are part of the Pulumi
 * resource protocol, the same strings `@pulumi/policy` and `@pulumi/pulumi` compare against.
 */
export const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string (also the generic "unknown")
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
    "030794c1-ac77-496b-92df-f27374a8bd58", // asset
    "e48ece36-62e2-4504-bad9-02848725956a", // archive
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);

/** The generic unknown sentinel, used when the runner must mark a value it cannot read. */
export const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * The engine hands policies a proxy that throws when an unknown value is read. A stack policy reads
 * many resources, and one unknown id would abort the whole policy; so each property is read here on
 * its own and an unknown becomes UNKNOWN instead of an exception. Works on plain objects too.
 */
export function plain(value: unknown): Plain {
    if (value === null || value === undefined) return null;
    if (typeof value === "string") return UNKNOWN_SENTINELS.has(value) ? UNKNOWN : value;
    if (typeof value === "boolean" || typeof value === "number") return value;
    if (typeof value !== "object") return null;
    if (Array.isArray(value)) {
        const out: Plain[] = [];
        for (let i = 0; i < value.length; i++) out.push(readProperty(value, i));
        return out;
    }
    const out: PlainObject = {};
    for (const key of Object.keys(value)) {
        const v = readProperty(value, key);
        // The engine drops properties whose value is undefined; null stands for "absent" here too.
        if (v !== null) out[key] = v;
    }
    return out;
}

/** `plain` for a property bag; anything that is not an object becomes an empty bag. */
export function plainObject(value: unknown): PlainObject {
    const p = plain(value);
    return isObject(p) ? p : {};
}

function readProperty(container: object, key: string | number): Plain {
    try {
        return plain((container as Record<string | number, unknown>)[key]);
    } catch (e) {
        if (isUnknownValueError(e)) return UNKNOWN;
        throw e;
    }
}

/** `@pulumi/policy`'s UnknownValueError carries the sentinel it met; nothing else we read throws. */
export function isUnknownValueError(e: unknown): boolean {
    return e instanceof Error && "unknownTypeSentinel" in e;
}

export function isObject(value: Plain | undefined): value is PlainObject {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Follows a path of keys; UNKNOWN as soon as an unknown is met, undefined when a key is missing. */
export function get(value: Plain | undefined, ...path: string[]): Plain | undefined {
    let cur: Plain | undefined = value;
    for (const key of path) {
        if (cur === UNKNOWN) return UNKNOWN;
        if (!isObject(cur)) return undefined;
        cur = cur[key];
    }
    return cur === null ? undefined : cur;
}

/** A string, UNKNOWN, or undefined for anything else (including the empty string). */
export function str(value: Plain | undefined): string | Unknown | undefined {
    if (value === UNKNOWN) return UNKNOWN;
    return typeof value === "string" && value !== "" ? value : undefined;
}

export function bool(value: Plain | undefined): boolean | Unknown | undefined {
    if (value === UNKNOWN) return UNKNOWN;
    if (typeof value === "boolean") return value;
    if (value === "true") return true;
    if (value === "false") return false;
    return undefined;
}

/** An array (a single non-array value counts as a one-element list), UNKNOWN, or undefined. */
export function list(value: Plain | undefined): Plain[] | Unknown | undefined {
    if (value === UNKNOWN) return UNKNOWN;
    if (value === undefined || value === null) return undefined;
    return Array.isArray(value) ? value : [value];
}

/** The known strings of a list; `unknown` is true when any element (or the list) is unknown. */
export function strings(value: Plain | undefined): { values: string[]; unknown: boolean } {
    const l = list(value);
    if (l === UNKNOWN) return { values: [], unknown: true };
    const values: string[] = [];
    let unknown = false;
    for (const v of l ?? []) {
        const s = str(v);
        if (s === UNKNOWN) unknown = true;
        else if (s !== undefined) values.push(s);
    }
    return { values, unknown };
}
