// IAM / resource policy documents: parsing (JSON string or object) into normalised statements, and wildcard matching.

import { actionPatternMatches } from "./actions";
import { ConditionEntry, isNarrowingCondition } from "./conditions";
import { Plain, PlainObject, UNKNOWN, Unknown, isObject, plain } from "./values";

export { ConditionEntry, isNarrowingCondition, valueNarrows } from "./conditions";

export interface Principals {
    /** `"*"` or `{ AWS: "*" }`: anyone, in any account. */
    star: boolean;
    aws: string[];
    service: string[];
    federated: string[];
    canonicalUser: string[];
}

export interface Statement {
    index: number;
    sid?: string;
    effect: string;
    action?: string[];
    notAction?: string[];
    resource?: string[];
    notResource?: string[];
    principal?: Principals;
    notPrincipal?: Principals;
    conditions: ConditionEntry[];
}

export type ParsedDocument = { ok: true; statements: Statement[] } | { ok: false; error: string };

/**
 * Parses a policy given as a JSON string (how the AWS provider stores it) or as an object
 * (`aws.iam.PolicyDocument`). UNKNOWN when the document, or any part of it, is not known yet.
 */
export function parsePolicyDocument(value: Plain | undefined): ParsedDocument | Unknown | undefined {
    // Stryker disable next-line ConditionalExpression: an UNKNOWN value also reaches containsUnknown below, which answers UNKNOWN
    if (value === UNKNOWN) return UNKNOWN;
    if (value === undefined || value === null || value === "") return undefined;
    let doc: Plain;
    if (typeof value === "string") {
        try {
            doc = plain(JSON.parse(value));
        } catch (e) {
            return { ok: false, error: `is not valid JSON (${(e as Error).message})` };
        }
    } else {
        doc = value;
    }
    if (containsUnknown(doc)) return UNKNOWN;
    if (!isObject(doc)) return { ok: false, error: "is not a JSON object" };
    const raw = doc["Statement"];
    const list: Plain[] = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
    if (list.length === 0) return { ok: false, error: "has no Statement" };
    const statements: Statement[] = [];
    for (let i = 0; i < list.length; i++) {
        const s = list[i];
        if (!isObject(s)) return { ok: false, error: `statement ${i} is not an object` };
        statements.push(parseStatement(s, i));
    }
    return { ok: true, statements };
}

function containsUnknown(v: Plain): boolean {
    if (v === UNKNOWN) return true;
    if (Array.isArray(v)) return v.some(containsUnknown);
    if (isObject(v)) return Object.values(v).some(containsUnknown);
    return false;
}

function parseStatement(s: PlainObject, index: number): Statement {
    const st: Statement = {
        index,
        effect: typeof s["Effect"] === "string" ? s["Effect"] : "",
        conditions: parseConditions(s["Condition"]),
    };
    if (typeof s["Sid"] === "string") st.sid = s["Sid"];
    if (s["Action"] !== undefined) st.action = stringList(s["Action"]);
    if (s["NotAction"] !== undefined) st.notAction = stringList(s["NotAction"]);
    if (s["Resource"] !== undefined) st.resource = stringList(s["Resource"]);
    if (s["NotResource"] !== undefined) st.notResource = stringList(s["NotResource"]);
    if (s["Principal"] !== undefined) st.principal = parsePrincipals(s["Principal"]);
    if (s["NotPrincipal"] !== undefined) st.notPrincipal = parsePrincipals(s["NotPrincipal"]);
    return st;
}

function stringList(v: Plain): string[] {
    const l = Array.isArray(v) ? v : [v];
    return l
        .map((x) => (typeof x === "string" ? x : typeof x === "number" || typeof x === "boolean" ? String(x) : ""))
        .filter((x) => x !== "");
}

function parsePrincipals(v: Plain): Principals {
    const p: Principals = { star: false, aws: [], service: [], federated: [], canonicalUser: [] };
    if (v === "*") {
        p.star = true;
        return p;
    }
    if (!isObject(v)) return p;
    for (const [k, val] of Object.entries(v)) {
        const values = stringList(val);
        switch (k) {
            case "AWS":
                p.aws.push(...values);
                if (values.includes("*")) p.star = true;
                break;
            case "Service":
                p.service.push(...values);
                break;
            case "Federated":
                p.federated.push(...values);
                break;
            case "CanonicalUser":
                p.canonicalUser.push(...values);
                break;
        }
    }
    return p;
}

function parseConditions(v: Plain | undefined): ConditionEntry[] {
    if (!isObject(v)) return [];
    const out: ConditionEntry[] = [];
    for (const [op, block] of Object.entries(v)) {
        if (!isObject(block)) continue;
        const m = /^(ForAnyValue|ForAllValues):(.+)$/.exec(op);
        for (const [key, values] of Object.entries(block)) {
            const entry: ConditionEntry = {
                operator: m ? m[2] : op,
                key: key.toLowerCase(),
                values: stringList(values),
            };
            if (m) entry.setOperator = m[1];
            out.push(entry);
        }
    }
    return out;
}

/** IAM wildcard match: `*` any run of characters (slashes included), `?` one character. */
export function globMatch(pattern: string, value: string, ignoreCase = false): boolean {
    const re =
        "^" +
        pattern
            .replace(/[.+^${}()|[\]\\]/g, "\\$&")
            .replace(/\*/g, ".*")
            .replace(/\?/g, ".") +
        "$";
    return new RegExp(re, ignoreCase ? "is" : "s").test(value);
}

/**
 * Whether the statement's Action / NotAction lets it apply to one action (case-insensitive, as IAM compares them;
 * the same matching as `expandActions`, so a pattern applies to exactly the actions it expands to).
 */
export function appliesToAction(st: Statement, action: string): boolean {
    if (st.action) return st.action.some((p) => actionPatternMatches(p, action));
    if (st.notAction) return !st.notAction.some((p) => actionPatternMatches(p, action));
    return false;
}

/** Whether the statement's Resource / NotResource covers `arn`. A statement without either covers everything (trust policies). */
export function appliesToResource(st: Statement, arn: string): boolean {
    if (st.resource) return st.resource.some((p) => globMatch(p, arn));
    if (st.notResource) return !st.notResource.some((p) => globMatch(p, arn));
    return true;
}

export function isAllow(st: Statement): boolean {
    return st.effect === "Allow";
}

/** Condition keys that tie a statement to specific callers, accounts, organisations, networks or sources. */
export const CALLER_RESTRICTING_KEYS: ReadonlySet<string> = new Set([
    "aws:principalarn",
    "aws:principalaccount",
    "aws:principalorgid",
    "aws:principalorgpaths",
    "aws:userid",
    "aws:sourcearn",
    "aws:sourceaccount",
    "aws:sourceowner",
    "aws:sourceorgid",
    "aws:sourceorgpaths",
    "aws:sourcevpc",
    "aws:sourcevpce",
    "aws:sourceip",
    "aws:vpcsourceip",
    // Access point delegation (the MRAP field report's bucket policy for the MRAP, our data buckets' delegation).
    "s3:dataaccesspointaccount",
    "s3:dataaccesspointarn",
]);

/** What limits a cross-account trust: a shared secret, the organisation, or the exact principals. */
export const TRUST_LIMITING_KEYS: ReadonlySet<string> = new Set([
    "sts:externalid",
    "aws:principalorgid",
    "aws:principalorgpaths",
    "aws:principalarn",
]);

/**
 * What limits a trust of `"*"` (or a NotPrincipal): only conditions that pin the caller's organisation, account
 * or ARN. An sts:ExternalId is a secret shared with ONE partner account; with `Principal: "*"` anyone in any
 * account who learns it can assume the role, so it is not a trust in a partner.
 */
export const STAR_TRUST_LIMITING_KEYS: ReadonlySet<string> = new Set([
    "aws:principalorgid",
    "aws:principalorgpaths",
    "aws:principalarn",
    "aws:principalaccount",
]);

/** Whether a trust statement limits who may assume the role, given how wide its principal is. */
export function trustIsLimited(st: Statement): boolean {
    const star = st.principal?.star === true || st.notPrincipal !== undefined;
    return hasNarrowingCondition(st, star ? STAR_TRUST_LIMITING_KEYS : TRUST_LIMITING_KEYS);
}

/**
 * Whether an Allow grants every action: `*` (or `*:*`), or a NotAction (everything of every service but
 * the few it lists, iam:* and sts:* included) — the wide grant it is.
 */
export function grantsEveryAction(st: Statement): boolean {
    if (!isAllow(st)) return false;
    return st.notAction !== undefined || (st.action ?? []).some((a) => a === "*" || a === "*:*");
}

/** Whether a statement covers every resource: `*`, or a NotResource (everything but what it lists). */
export function coversEveryResource(st: Statement): boolean {
    return st.notResource !== undefined || (st.resource ?? []).includes("*");
}

export function hasNarrowingCondition(st: Statement, keys: ReadonlySet<string>): boolean {
    return st.conditions.some((c) => isNarrowingCondition(c, keys));
}

/** Whether an Allow statement lets `service` assume the role (a trust policy statement). */
export function trustsService(statements: Statement[], service: string): boolean {
    return statements.some(
        (st) =>
            isAllow(st) &&
            appliesToAction(st, "sts:AssumeRole") &&
            st.principal !== undefined &&
            st.principal.service.includes(service),
    );
}

export function trustedServices(statements: Statement[]): string[] {
    const out = new Set<string>();
    for (const st of statements) {
        if (isAllow(st) && appliesToAction(st, "sts:AssumeRole")) st.principal?.service.forEach((s) => out.add(s));
    }
    return [...out].sort();
}

/** A 12-digit AWS account id (the product's config/validators.ts has the same rule; a layout test compares them). */
export function isAccountId(value: string): boolean {
    return /^\d{12}$/.test(value);
}

/** Account id of an IAM ARN (`arn:aws:iam::123456789012:role/x`), or of a bare 12-digit account principal. */
export function accountOf(arnOrId: string): string | undefined {
    if (isAccountId(arnOrId)) return arnOrId;
    const m = /^arn:[^:]+:[^:]+:[^:]*:(\d{12}):/.exec(arnOrId);
    return m ? m[1] : undefined;
}

/** True for principals that stand for a whole account: `arn:aws:iam::123456789012:root` or `123456789012`. */
export function isAccountPrincipal(principal: string): boolean {
    return isAccountId(principal) || /^arn:[^:]+:iam::\d{12}:root$/.test(principal);
}
