// Reading IAM conditions for what they allow: does a condition really narrow who can use a statement?

import { isWorldCidr } from "./cidr";

/** One condition of a statement, as iamDocument.ts parses it. */
export interface ConditionEntry {
    /** Operator without its set prefix, e.g. `StringEquals`. */
    operator: string;
    /** `ForAnyValue` / `ForAllValues`, when present. */
    setOperator?: string;
    /** Condition key, lower-cased: IAM compares keys case-insensitively. */
    key: string;
    values: string[];
}

/** Operators that can narrow: equality and pattern tests (negations, `...IfExists` and `Null` hold when the key is absent). */
const NARROWING_OPERATORS = new Set([
    "StringEquals",
    "StringEqualsIgnoreCase",
    "StringLike",
    "ArnEquals",
    "ArnLike",
    "IpAddress",
]);

/** ArnEquals honours wildcards as ArnLike does; String* only in StringLike. */
function honoursWildcards(operator: string): boolean {
    return operator === "StringLike" || operator.startsWith("Arn");
}

const WILD = /[*?]/;
const ONLY_WILD = /^[*?]*$/;

const ARN_KEYS = new Set(["aws:principalarn", "aws:sourcearn", "s3:dataaccesspointarn"]);
const ACCOUNT_KEYS = new Set([
    "aws:principalaccount",
    "aws:sourceaccount",
    "aws:sourceowner",
    "aws:resourceaccount",
    "s3:dataaccesspointaccount",
]);
const ORG_ID_KEYS = new Set(["aws:principalorgid", "aws:sourceorgid", "aws:resourceorgid"]);
const ORG_PATH_KEYS = new Set(["aws:principalorgpaths", "aws:sourceorgpaths", "aws:resourceorgpaths"]);
const IP_KEYS = new Set(["aws:sourceip", "aws:vpcsourceip"]);

/**
 * Whether one value of a condition admits only some callers. A wildcard in the account part of an ARN
 * (`arn:aws:iam::*:role/x`) admits every account; so do `*` account ids and org ids, a `/0` source
 * address, and any value made only of wildcards.
 */
export function valueNarrows(operator: string, key: string, value: string): boolean {
    const wild = honoursWildcards(operator);
    if (value === "" || (wild && ONLY_WILD.test(value))) return false;
    if (ARN_KEYS.has(key)) {
        if (!wild) return true;
        const parts = value.split(":");
        if (parts.length < 6) return !WILD.test(value);
        const account = parts[4];
        if (WILD.test(account)) return false;
        // S3 bucket ARNs have no account part: then the bucket name is what narrows.
        return account !== "" || !ONLY_WILD.test(parts.slice(5).join(":"));
    }
    if (ACCOUNT_KEYS.has(key) || ORG_ID_KEYS.has(key)) return !(wild && WILD.test(value));
    if (ORG_PATH_KEYS.has(key)) return !(wild && WILD.test(value.split("/")[0]));
    if (IP_KEYS.has(key)) return !isWorldCidr(value) && !/\/0$/.test(value.trim());
    return true;
}

/**
 * A condition that narrows who can use the statement: a narrowing operator on one of `keys`, every value
 * of which narrows (values are ORed: one value that admits everyone admits everyone). Negated operators,
 * `...IfExists`, `Null` and `ForAllValues:` hold when the key is absent from the request, so they restrict nothing.
 */
export function isNarrowingCondition(c: ConditionEntry, keys: ReadonlySet<string>): boolean {
    if (!keys.has(c.key)) return false;
    if (c.setOperator === "ForAllValues") return false;
    if (!NARROWING_OPERATORS.has(c.operator)) return false;
    return c.values.length > 0 && c.values.every((v) => valueNarrows(c.operator, c.key, v));
}

/**
 * What the pack knows of a request it asks about: values of context keys (lower-case keys), and keys it knows the
 * request does not carry (a direct request carries no `s3:DataAccessPointArn`). Any other key is unknown.
 */
export interface RequestContext {
    values: ReadonlyMap<string, readonly string[]>;
    absent: ReadonlySet<string>;
}

/** IAM's wildcard test for condition values: `*` any run, `?` one character. */
function like(pattern: string, value: string, ignoreCase = false): boolean {
    const body = pattern
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*")
        .replace(/\?/g, ".");
    return new RegExp(`^${body}$`, ignoreCase ? "is" : "s").test(value);
}

/** One condition value against one request value, for the base operator (negation applied by the caller). */
function matchesOne(base: string, condition: string, request: string): boolean | undefined {
    switch (base) {
        case "StringEquals":
            return condition === request;
        case "StringEqualsIgnoreCase":
            return condition.toLowerCase() === request.toLowerCase();
        case "StringLike":
        case "ArnEquals":
        case "ArnLike":
            return like(condition, request);
        case "Bool":
            return condition.toLowerCase() === request.toLowerCase();
        default:
            // Numeric, Date, IpAddress, Binary: the pack never knows such request values precisely enough.
            return undefined;
    }
}

const NEGATED: Record<string, string> = {
    StringNotEquals: "StringEquals",
    StringNotEqualsIgnoreCase: "StringEqualsIgnoreCase",
    StringNotLike: "StringLike",
    ArnNotEquals: "ArnEquals",
    ArnNotLike: "ArnLike",
    NotIpAddress: "IpAddress",
    NumericNotEquals: "NumericEquals",
    DateNotEquals: "DateEquals",
};

/**
 * Whether a condition holds for a request: true, false, or undefined when the request's value is not known (or a
 * policy variable is involved). As IAM evaluates: a missing key fails positive operators and satisfies negated
 * ones, `...IfExists` and `ForAllValues:`; `Null` tests presence; values are ORed (negations: none may match).
 */
export function conditionHolds(c: ConditionEntry, ctx: RequestContext): boolean | undefined {
    if (c.values.some((v) => v.includes("${"))) return undefined;
    const ifExists = c.operator.endsWith("IfExists");
    const op = ifExists ? c.operator.slice(0, -"IfExists".length) : c.operator;
    const known = ctx.values.get(c.key);
    const absent = known === undefined && ctx.absent.has(c.key);
    if (op === "Null") {
        if (known === undefined && !absent) return undefined;
        const wantsAbsent = c.values.some((v) => v.toLowerCase() === "true");
        return wantsAbsent === absent;
    }
    const negated = op in NEGATED;
    const base = negated ? NEGATED[op] : op;
    if (absent) {
        if (ifExists || c.setOperator === "ForAllValues") return true;
        if (c.setOperator === "ForAnyValue") return false;
        return negated;
    }
    if (known === undefined) return undefined;
    const one = (request: string): boolean | undefined => {
        const hits = c.values.map((v) => matchesOne(base, v, request));
        if (hits.some((h) => h === true)) return true;
        return hits.some((h) => h === undefined) ? undefined : false;
    };
    const results = known.map(one);
    let any: boolean | undefined;
    if (c.setOperator === "ForAllValues") {
        any = results.every((r) => r === true) ? true : results.some((r) => r === false) ? false : undefined;
    } else {
        any = results.some((r) => r === true) ? true : results.every((r) => r === false) ? false : undefined;
    }
    if (any === undefined) return undefined;
    return negated ? !any : any;
}

/** Whether all conditions of a statement hold (they are ANDed): true, false, or undefined when one is not known. */
export function conditionsHold(conditions: readonly ConditionEntry[], ctx: RequestContext): boolean | undefined {
    let result: boolean | undefined = true;
    for (const c of conditions) {
        const h = conditionHolds(c, ctx);
        if (h === false) return false;
        if (h === undefined) result = undefined;
    }
    return result;
}
