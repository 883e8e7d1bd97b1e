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
