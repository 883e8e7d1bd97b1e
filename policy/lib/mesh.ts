// Replication as a mesh: which buckets are regional, where each bucket lives, each replication rule in full, what a role may do.

import { Statement, accountOf, appliesToAction, appliesToResource, isAllow } from "./iamDocument";
import { ReplicationRule, blocks, replicationSources } from "./s3";
import { StackResource, StackView, bucketRef } from "./stack";
import { accountsInName } from "./system";
import { OBJECT_LOCK_TYPES, T } from "./types";

export { accountsInName } from "./system";
import { Plain, PlainObject, UNKNOWN, Unknown, bool, get, isObject, str } from "./values";

/** An AWS region code as it ends a name derived from config (`<prefix>-data-<account>-ap-northeast-1`). */
const REGION_SUFFIX =
    /(?:^|[-.])((?:af|ap|ca|cn|eu|il|me|mx|sa|us)(?:-gov)?-(?:north|south|east|west|central|northeast|northwest|southeast|southwest)-\d)$/;

/** The region of a resource: its v7 per-resource `region`, else its provider's. */
export function regionOf(r: StackResource): string | Unknown | undefined {
    const own = str(r.props["region"]);
    if (own !== undefined) return own;
    return str(r.providerProps?.["region"]);
}

/** The region a bucket name ends with, when it follows the `...-<region>` convention. */
export function regionFromName(bucket: string): string | undefined {
    return REGION_SUFFIX.exec(bucket)?.[1];
}

/**
 * Where each bucket the stack mentions lives, best evidence first: the bucket resource (or its provider),
 * an MRAP route, the replication configuration of the bucket, and last the region its name ends with.
 */
export function bucketRegion(view: StackView, bucket: string): string | Unknown | undefined {
    const own = view.findBucket(bucket);
    if (own) {
        const r = regionOf(own);
        if (r !== undefined) return r;
    }
    for (const routes of view.ofType(T.mrapRoutes)) {
        for (const route of blocks(routes.props["routes"]) === UNKNOWN
            ? []
            : (blocks(routes.props["routes"]) as PlainObject[])) {
            if (bucketRef(route["bucket"]) === bucket) {
                const r = str(route["region"]);
                if (r !== undefined) return r;
            }
        }
    }
    for (const conf of view.ofType(T.replicationConfig)) {
        if (bucketRef(conf.props["bucket"]) === bucket) {
            const r = regionOf(conf);
            if (r !== undefined) return r;
        }
    }
    return regionFromName(bucket);
}

/** Buckets named in the `details.regions` of every MRAP of the stack. */
export function mrapBuckets(view: StackView): { mrap: StackResource; buckets: string[]; unknown: boolean }[] {
    return view.ofType(T.mrap).map((mrap) => {
        const regions = blocks(get(mrap.props, "details", "regions"));
        if (regions === UNKNOWN) return { mrap, buckets: [], unknown: true };
        let unknown = false;
        const buckets: string[] = [];
        for (const region of regions) {
            const b = bucketRef(region["bucket"]);
            if (b === UNKNOWN) unknown = true;
            else if (b !== undefined) buckets.push(b);
        }
        return { mrap, buckets, unknown };
    });
}

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
        for (const name of names) {
            if (cur === UNKNOWN || cur === undefined) break;
            cur = first(cur, name);
        }
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
    const filter = first(rule, "filter", "filters");
    if (filter === UNKNOWN) return UNKNOWN;
    const parts: (PlainObject | Unknown | undefined)[] = [
        filter,
        filter === undefined ? undefined : first(filter, "and"),
    ];
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
    const and = filter === UNKNOWN || filter === undefined ? undefined : first(filter, "and");
    for (const v of [
        str(rule["prefix"]),
        filter === UNKNOWN ? undefined : str(get(filter ?? null, "prefix")),
        and === UNKNOWN ? undefined : str(get(and ?? null, "prefix")),
    ])
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
    const dest = first(rule, "destination", "destinations");
    const destObj = dest === UNKNOWN ? undefined : dest;
    const id = str(rule["id"]);
    const encryption = first(destObj, "encryptionConfiguration", "encryptionConfigurations");
    return {
        label: typeof id === "string" ? `rule '${id}'` : `rule #${i + 1}`,
        resource,
        source,
        role: str(role),
        status: str(rule["status"]),
        destinationBucket: dest === UNKNOWN ? UNKNOWN : bucketRef(get(destObj, "bucket")),
        account: dest === UNKNOWN ? UNKNOWN : str(get(destObj, "account") ?? get(destObj, "accountId")),
        ownerOverride:
            dest === UNKNOWN
                ? UNKNOWN
                : str(get(first(destObj, "accessControlTranslation", "accessControlTranslations") ?? null, "owner")),
        replicationTime: dest === UNKNOWN ? UNKNOWN : statusOf(destObj, ["replicationTime"], ["replicationTimes"]),
        metrics: dest === UNKNOWN ? UNKNOWN : statusOf(destObj, ["metrics"]),
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
        replicaKmsKeyId: encryption === UNKNOWN ? UNKNOWN : str(get(encryption ?? null, "replicaKmsKeyId")),
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
        if (inline === UNKNOWN || inline === undefined) continue;
        const raw = blocks(inline["rules"]);
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

/** Whether Object Lock is on for a bucket of the stack (inline on the bucket or a lock configuration resource). */
export function objectLockEnabled(view: StackView, bucket: string): boolean {
    const b = view.findBucket(bucket);
    if (
        b &&
        (bool(b.props["objectLockEnabled"]) === true ||
            str(get(b.props, "objectLockConfiguration", "objectLockEnabled")) === "Enabled")
    )
        return true;
    return view.ofType(...OBJECT_LOCK_TYPES).some((r) => bucketRef(r.props["bucket"]) === bucket);
}

/**
 * Whether identity-policy statements allow `action` on `arn`: some Allow covers it and no unconditional Deny does.
 * Conditions on an Allow are taken as met (the service's requests usually meet them); a conditional Deny is not
 * counted, so this never reports a missing permission that a condition might in fact grant.
 */
export function allowsAction(statements: Statement[], action: string, arn: string): boolean {
    const covers = (st: Statement): boolean => appliesToAction(st, action) && appliesToResource(st, arn);
    if (statements.some((st) => st.effect === "Deny" && st.conditions.length === 0 && covers(st))) return false;
    return statements.some((st) => isAllow(st) && covers(st));
}
