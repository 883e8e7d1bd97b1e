// Each replication rule in full, whatever form declared it, and how a rule relates to accounts (read through SystemView).

import { accountOf } from "./iamDocument";
import { ReplicationRule, blocks, replicationSources } from "./s3";
import { accountsInName, mrapBuckets } from "./regions";
import { StackResource, StackView, bucketRef } from "./stack";
import { T } from "./types";
import { Plain, PlainObject, UNKNOWN, Unknown, get, isObject, str } from "./values";

/** One replication rule with everything the invariants read, whatever form declared it. */
export interface RuleDetails extends ReplicationRule {
    /** The configuration that declares the rule (BucketReplicationConfig or an inline bucket form). */
    resource: StackResource;
    source: string | Unknown | undefined;
    role: string | Unknown | undefined;
    deleteMarkers: string | Unknown | undefined;
    replicaModifications: string | Unknown | undefined;
    sseKmsEncryptedObjects: string | Unknown | undefined;
    replicaKmsKeyId: string | Unknown | undefined;
    /** What the rule's filter (or legacy prefix) limits it to; empty when it covers every object. */
    scope: string[] | Unknown;
    /** The key prefix the rule is limited to, if any (for "can the role read/write there"). */
    prefix: string | undefined;
}

function first(value: Plain | undefined, ...names: string[]): PlainObject | Unknown | undefined {
    for (const name of names) {
        const v = get(value, name);
        if (v === undefined) continue;
        const b = blocks(v);
        return b === UNKNOWN ? UNKNOWN : b[0];
    }
    return undefined;
}

function statusOf(value: Plain | undefined, ...path: string[][]): string | Unknown | undefined {
    for (const names of path) {
        let cur: PlainObject | Unknown | undefined = isObject(value ?? null) ? (value as PlainObject) : undefined;
        // first() passes UNKNOWN and undefined through, so a missing or unknown level ends the walk by itself.
        for (const name of names) cur = first(cur, name);
        if (cur === UNKNOWN) return UNKNOWN;
        if (cur === undefined) continue;
        return str(cur["status"]);
    }
    return undefined;
}

/** What a filter limits a rule to: a prefix, tags, or an `and` of them. Empty when the rule covers the whole bucket. */
function scopeOf(rule: PlainObject): string[] | Unknown {
    const out: string[] = [];
    const legacy = str(rule["prefix"]);
    if (legacy === UNKNOWN) return UNKNOWN;
    if (legacy !== undefined) out.push(`prefix '${legacy}'`);
    // An unknown filter is a part not known below.
    const filter = first(rule, "filter", "filters");
    const parts: (PlainObject | Unknown | undefined)[] = [filter, first(filter, "and")];
    for (const part of parts) {
        if (part === UNKNOWN) return UNKNOWN;
        if (part === undefined) continue;
        const prefix = str(part["prefix"]);
        if (prefix === UNKNOWN) return UNKNOWN;
        if (prefix !== undefined) out.push(`prefix '${prefix}'`);
        const tag = part["tag"] ?? part["tags"];
        if (tag !== undefined && tag !== null && !(isObject(tag) && Object.keys(tag).length === 0)) out.push("tags");
    }
    return out;
}

function prefixOf(rule: PlainObject): string | undefined {
    const filter = first(rule, "filter", "filters");
    // An unknown filter (or `and`) gives an UNKNOWN prefix, which is no string: only a known prefix counts.
    for (const v of [str(rule["prefix"]), str(get(filter, "prefix")), str(get(first(filter, "and"), "prefix"))])
        if (typeof v === "string") return v;
    return undefined;
}

function details(
    resource: StackResource,
    source: string | Unknown | undefined,
    role: Plain,
    rule: PlainObject,
    i: number,
): RuleDetails {
    // get() and first() answer UNKNOWN through a destination not known yet, so every field read from it (its
    // encryption too) comes out "not known" rather than "not set".
    const dest = first(rule, "destination", "destinations");
    const id = str(rule["id"]);
    const encryption = first(dest, "encryptionConfiguration", "encryptionConfigurations");
    return {
        label: typeof id === "string" ? `rule '${id}'` : `rule #${i + 1}`,
        resource,
        source,
        role: str(role),
        status: str(rule["status"]),
        destinationBucket: bucketRef(get(dest, "bucket")),
        account: str(get(dest, "account") ?? get(dest, "accountId")),
        ownerOverride: str(get(first(dest, "accessControlTranslation", "accessControlTranslations"), "owner")),
        replicationTime: dest === UNKNOWN ? UNKNOWN : statusOf(dest, ["replicationTime"], ["replicationTimes"]),
        metrics: dest === UNKNOWN ? UNKNOWN : statusOf(dest, ["metrics"]),
        deleteMarkers: statusOf(rule, ["deleteMarkerReplication"], ["deleteMarkerReplications"]),
        replicaModifications: statusOf(
            rule,
            ["sourceSelectionCriteria", "replicaModifications"],
            ["sourceSelectionCriterias", "replicaModifications"],
        ),
        sseKmsEncryptedObjects: statusOf(
            rule,
            ["sourceSelectionCriteria", "sseKmsEncryptedObjects"],
            ["sourceSelectionCriterias", "sseKmsEncryptedObjects"],
        ),
        replicaKmsKeyId: str(get(encryption, "replicaKmsKeyId")),
        scope: scopeOf(rule),
        prefix: prefixOf(rule),
    };
}

/** Every replication rule of the stack in full, and whether some configuration's rule list is not known yet. */
export function replicationRules(view: StackView): { rules: RuleDetails[]; unknown: boolean } {
    const rules: RuleDetails[] = [];
    let unknown = false;
    for (const src of replicationSources(view)) {
        if (src.rulesUnknown) {
            unknown = true;
            continue;
        }
        const r = src.resource;
        const inline =
            r.type === T.replicationConfig
                ? r.props
                : first(r.props, "replicationConfiguration", "replicationConfigurations");
        // Stryker disable next-line ConditionalExpression,LogicalOperator: replicationSources yields only configurations whose block is known and present
        if (inline === UNKNOWN || inline === undefined) continue;
        const raw = blocks(inline["rules"]);
        // Stryker disable next-line ConditionalExpression: a list not known is already skipped above (rulesUnknown)
        if (raw === UNKNOWN) continue;
        raw.forEach((rule, i) => rules.push(details(r, src.source, inline["role"], rule, i)));
    }
    return { rules, unknown };
}

/**
 * The regional buckets of the system: those an MRAP of the stack spans, and those that replicate to another bucket
 * of the same account (a source of a replication configuration that is not itself only a replica).
 */
export function regionalBuckets(view: StackView): Set<string> {
    const out = new Set<string>();
    for (const m of mrapBuckets(view)) m.buckets.forEach((b) => out.add(b));
    for (const src of replicationSources(view)) if (typeof src.source === "string") out.add(src.source);
    return out;
}

/** The account of the replication rule's source: the role's account (the role is always in the source account). */
export function sourceAccount(rule: RuleDetails): string | undefined {
    return typeof rule.role === "string" ? accountOf(rule.role) : undefined;
}

/**
 * Whether a rule writes into another account: it names another account, overrides the owner, or its destination's
 * name carries only other accounts' ids. Undefined when nothing tells.
 */
export function isCrossAccount(rule: RuleDetails, regional: Set<string>): boolean {
    const own = sourceAccount(rule);
    if (typeof rule.account === "string" && rule.account !== own) return true;
    if (typeof rule.ownerOverride === "string") return true;
    if (typeof rule.destinationBucket !== "string" || regional.has(rule.destinationBucket)) return false;
    const ids = accountsInName(rule.destinationBucket);
    return own !== undefined && ids.length > 0 && !ids.includes(own);
}
