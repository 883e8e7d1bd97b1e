// S3 facts shared by several policies: replication rules, Batch Operations jobs, report buckets, "can this role write there".

import { Statement, appliesToAction, globMatch, isAllow } from "./iamDocument";
import { StackResource, StackView, bucketRef } from "./stack";
import { BUCKET_TYPES, T } from "./types";
import { Plain, PlainObject, UNKNOWN, Unknown, bool, get, isObject, list, str } from "./values";

/** One replication rule, the same whatever form declared it (BucketReplicationConfig, inline v7 Bucket, inline BucketV2). */
export interface ReplicationRule {
    label: string;
    status: string | Unknown | undefined;
    destinationBucket: string | Unknown | undefined;
    account: string | Unknown | undefined;
    /** `accessControlTranslation.owner` (owner override). */
    ownerOverride: string | Unknown | undefined;
    replicationTime: string | Unknown | undefined;
    metrics: string | Unknown | undefined;
}

/** One replication configuration. */
export interface Replication {
    role: string | Unknown | undefined;
    rules: ReplicationRule[];
    /** True when the rule list itself is not known yet. */
    rulesUnknown: boolean;
}

/** Nested blocks: an object, or a list of objects (BucketV2 keeps one-element lists), or UNKNOWN. */
export function blocks(value: Plain | undefined): PlainObject[] | Unknown {
    const l = list(value);
    if (l === UNKNOWN) return UNKNOWN;
    return (l ?? []).filter(isObject);
}

/** The first block of the first of `names` present on `obj`. */
function block(obj: Plain | undefined, ...names: string[]): PlainObject | Unknown | undefined {
    for (const name of names) {
        const v = get(obj, name);
        if (v === undefined) continue;
        const b = blocks(v);
        return b === UNKNOWN ? UNKNOWN : b[0];
    }
    return undefined;
}

function field(obj: PlainObject | Unknown | undefined, ...names: string[]): Plain | undefined {
    if (obj === UNKNOWN) return UNKNOWN;
    for (const name of names) {
        const v = get(obj, name);
        if (v !== undefined) return v;
    }
    return undefined;
}

function normaliseRule(rule: PlainObject, index: number): ReplicationRule {
    const dest = block(rule, "destination", "destinations");
    const id = str(rule["id"]);
    return {
        label: typeof id === "string" ? `rule '${id}'` : `rule #${index + 1}`,
        status: str(rule["status"]),
        destinationBucket: bucketRef(field(dest, "bucket")),
        account: str(field(dest, "account", "accountId")),
        ownerOverride: str(field(block(dest, "accessControlTranslation", "accessControlTranslations"), "owner")),
        replicationTime: str(field(block(dest, "replicationTime", "replicationTimes"), "status")),
        metrics: str(field(block(dest, "metrics"), "status")),
    };
}

function normalise(role: Plain | undefined, rules: Plain | undefined): Replication {
    const b = blocks(rules);
    if (b === UNKNOWN) return { role: str(role), rules: [], rulesUnknown: true };
    return { role: str(role), rules: b.map(normaliseRule), rulesUnknown: false };
}

/** The replication configuration a resource declares, if any: a BucketReplicationConfig, or a bucket's inline form. */
export function replicationOf(type: string, props: PlainObject): Replication | Unknown | undefined {
    if (type === T.replicationConfig) return normalise(props["role"], props["rules"]);
    if (!BUCKET_TYPES.includes(type)) return undefined;
    const inline = block(props, "replicationConfiguration", "replicationConfigurations");
    if (inline === UNKNOWN) return UNKNOWN;
    if (inline === undefined) return undefined;
    const r = normalise(inline["role"], inline["rules"]);
    return r.rules.length === 0 && !r.rulesUnknown ? undefined : r;
}

/** A replication configuration of the stack with the bucket it replicates from. */
export interface ReplicationSource extends Replication {
    resource: StackResource;
    source: string | Unknown | undefined;
}

export function replicationSources(view: StackView): ReplicationSource[] {
    const out: ReplicationSource[] = [];
    for (const r of view.ofType(T.replicationConfig, ...BUCKET_TYPES)) {
        const rep = replicationOf(r.type, r.props);
        if (rep === undefined || rep === UNKNOWN) continue;
        const source = r.type === T.replicationConfig ? bucketRef(r.props["bucket"]) : view.bucketName(r);
        out.push({ resource: r, source, ...rep });
    }
    return out;
}

/** Whether a bucket's inline versioning (v7 `versioning`, BucketV2 `versionings`) is enabled. */
export function inlineVersioningEnabled(props: PlainObject): boolean | Unknown | undefined {
    return bool(field(block(props, "versioning", "versionings"), "enabled"));
}

/** The default-encryption algorithms a bucket declares inline (v7 `serverSideEncryptionConfiguration`, BucketV2 plural form). */
export function inlineSseAlgorithms(props: PlainObject): string[] | Unknown {
    const conf = block(props, "serverSideEncryptionConfiguration", "serverSideEncryptionConfigurations");
    if (conf === UNKNOWN) return UNKNOWN;
    if (conf === undefined) return [];
    return sseAlgorithms(field(conf, "rule", "rules"));
}

/** Algorithms of SSE rules (`applyServerSideEncryptionByDefault.sseAlgorithm`), from one rule or a list. */
export function sseAlgorithms(rules: Plain | undefined): string[] | Unknown {
    const rs = blocks(rules);
    if (rs === UNKNOWN) return UNKNOWN;
    const out: string[] = [];
    for (const rule of rs) {
        const alg = str(
            field(
                block(rule, "applyServerSideEncryptionByDefault", "applyServerSideEncryptionByDefaults"),
                "sseAlgorithm",
            ),
        );
        if (alg === UNKNOWN) return UNKNOWN;
        if (alg !== undefined) out.push(alg);
    }
    return out;
}

// ---- Batch Operations jobs ---------------------------------------------------------------

/** A Batch Operations job declared in the stack (e.g. a dynamic provider over S3 Control CreateJob). */
export interface BatchJob {
    resource: StackResource;
    roleArn: string | Unknown | undefined;
    reportBucket: string | Unknown | undefined;
    reportPrefix: string | undefined;
    /** False when the job asks for no completion report. */
    reportEnabled: boolean | Unknown;
}

/** Case-insensitive property lookup: job resources follow either the CreateJob API (`RoleArn`) or camelCase (`roleArn`). */
function prop(obj: Plain | undefined, name: string): Plain | undefined {
    if (obj === UNKNOWN) return UNKNOWN;
    if (!isObject(obj)) return undefined;
    const key = Object.keys(obj).find((k) => k.toLowerCase() === name.toLowerCase());
    return key === undefined ? undefined : obj[key];
}

/**
 * Batch Operations jobs are not a resource of @pulumi/aws; programs declare them with a dynamic or
 * custom provider. A resource counts as a job when its inputs carry the CreateJob shape (`RoleArn`,
 * `Manifest`/`ManifestGenerator`/`Operation`/`Report`) or its flattened camelCase form (`roleArn`,
 * `reportBucketArn`, `reportPrefix`, `manifestOutputBucketArn`).
 */
export function batchJobs(view: StackView): BatchJob[] {
    const out: BatchJob[] = [];
    for (const r of view.resources) {
        if (r.type.startsWith("aws:") || r.type.startsWith("pulumi:")) continue;
        const roleArn = prop(r.props, "roleArn");
        if (roleArn === undefined) continue;
        const jobKeys = [
            "manifest",
            "manifestGenerator",
            "manifestOutputBucketArn",
            "operation",
            "report",
            "reportBucket",
            "reportBucketArn",
        ];
        if (jobKeys.every((k) => prop(r.props, k) === undefined)) continue;
        const report = prop(r.props, "report");
        const bucket =
            prop(report, "bucket") ??
            prop(report, "bucketArn") ??
            prop(r.props, "reportBucket") ??
            prop(r.props, "reportBucketArn");
        const prefix = str(prop(report, "prefix") ?? prop(r.props, "reportPrefix"));
        const enabled = bool(prop(report, "enabled") ?? prop(r.props, "reportEnabled"));
        out.push({
            resource: r,
            roleArn: str(roleArn),
            reportBucket: bucketRef(bucket),
            reportPrefix: typeof prefix === "string" ? prefix : undefined,
            reportEnabled: enabled === undefined ? bucket !== undefined : enabled,
        });
    }
    return out;
}

/** Default pattern for report buckets found by name (our naming module names them `<prefix>-reports-<account>-<region>`). */
export const DEFAULT_REPORT_BUCKET_PATTERN = "(^|[-_.])reports?([-_.]|$)";

/** The pack-config property every policy that looks for report buckets declares: one definition, one default. */
export const reportBucketPatternSchema = {
    type: "string" as const,
    default: DEFAULT_REPORT_BUCKET_PATTERN,
    description: "Regular expression matched against bucket names to find report buckets no job in this stack names.",
};

/** Buckets of the stack that receive reports: those a job names, and those whose name matches the pattern. */
export function reportBuckets(view: StackView, pattern: string): Map<string, StackResource> {
    const out = new Map<string, StackResource>();
    const re = new RegExp(pattern);
    for (const b of view.buckets()) {
        const name = view.bucketName(b);
        if (typeof name === "string" && re.test(name)) out.set(name, b);
    }
    for (const job of batchJobs(view)) {
        if (typeof job.reportBucket !== "string" || job.reportEnabled === false) continue;
        const b = view.findBucket(job.reportBucket);
        if (b) out.set(job.reportBucket, b);
    }
    return out;
}

/**
 * Whether a resource pattern can match some object of `bucket` (under `prefix` when given). Used for
 * "can the role write its report there": any key will do, because S3 picks the report's key itself.
 */
export function patternCoversObjectIn(pattern: string, bucket: string, prefix?: string): boolean {
    const m = /^arn:([^:]*):s3:::(.*)$/.exec(pattern);
    // Stryker disable next-line ConditionalExpression,LogicalOperator,Regex: a wildcard partition would match itself as well as "aws"
    const partition = m && !/[*?]/.test(m[1]) ? m[1] : "aws";
    if (prefix !== undefined && prefix !== "") {
        const key = `${prefix.replace(/\/+$/, "")}/job-0000/results/0000.csv`;
        return globMatch(pattern, `arn:${partition}:s3:::${bucket}/${key}`);
    }
    if (!m) return globMatch(pattern, `arn:aws:s3:::${bucket}/report.csv`);
    const slash = m[2].indexOf("/");
    // Stryker disable next-line EqualityOperator: at 0 the bucket part is empty, and no bucket name matches it either way
    if (slash < 0) return globMatch(pattern, `arn:${partition}:s3:::${bucket}/report.csv`);
    // `bucket/<key pattern>`: a non-empty key pattern always matches some key.
    return globMatch(m[2].slice(0, slash), bucket) && m[2].length > slash + 1;
}

/** Whether Allow statements grant `action` on some object of `bucket` (under `prefix`). */
export function allowsObjectAction(statements: Statement[], action: string, bucket: string, prefix?: string): boolean {
    return statements.some(
        (st) =>
            isAllow(st) &&
            appliesToAction(st, action) &&
            (st.resource ?? []).some((p) => patternCoversObjectIn(p, bucket, prefix)),
    );
}

/** The VPC endpoint service of Multi-Region Access Points (interface endpoints only). */
export const MRAP_ENDPOINT_SERVICE = "com.amazonaws.s3-global.accesspoint";

/** S3 endpoint service names: regional `com.amazonaws.<region>.s3` (and the China form) and the MRAP global service. */
export function isS3ServiceName(name: string): boolean {
    return /^(cn\.)?com\.amazonaws\.[a-z0-9-]+\.s3$/.test(name) || name === MRAP_ENDPOINT_SERVICE;
}
