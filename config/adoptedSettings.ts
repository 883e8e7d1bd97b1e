// The settings of an adopted (pre-existing) bucket that the user keeps: written by `npm run adopt`,
// read by the stack that adopts the bucket, and composed into its ONE policy and ONE lifecycle
// configuration, so adopting never erases a live statement (the inventory-delivery statement lost to a
// pasted policy in the cross-account copy field report) or a live rule.
import * as path from "path";
import { ConfigError } from "./configReader";
import { isAccountId } from "./validators";

/** An IAM policy statement as S3 returns it in GetBucketPolicy (JSON), with a Sid that names it. */
export interface KeptPolicyStatement {
    Sid: string;
    Effect: "Allow" | "Deny";
    [field: string]: unknown;
}

/** A lifecycle rule in the S3 API's shape (GetBucketLifecycleConfiguration), with an ID that names it. */
export interface KeptLifecycleRule {
    ID: string;
    Status: "Enabled" | "Disabled";
    [field: string]: unknown;
}

/**
 * The live bucket's server access logging, in the S3 API's shape (GetBucketLogging's LoggingEnabled),
 * kept by `adopt`: the stack writes this target instead of sending the logs to its own log bucket.
 */
export interface KeptAccessLogging {
    TargetBucket: string;
    TargetPrefix: string;
    TargetObjectKeyFormat?: {
        SimplePrefix?: Record<string, never>;
        PartitionedPrefix?: { PartitionDateSource: "EventTime" | "DeliveryTime" };
    };
    TargetGrants?: Array<{
        Grantee: {
            Type: "CanonicalUser" | "AmazonCustomerByEmail" | "Group";
            ID?: string;
            URI?: string;
            EmailAddress?: string;
        };
        Permission: "FULL_CONTROL" | "READ" | "WRITE";
    }>;
}

export interface AdoptedSettings {
    /** Format version of this file. */
    version: 1;
    /** The stack that adopts the bucket. */
    stack: string;
    bucket: string;
    region: string;
    accountId: string;
    /** When `adopt` read the live bucket (ISO 8601). */
    readAt: string;
    keptPolicyStatements: KeptPolicyStatement[];
    keptLifecycleRules: KeptLifecycleRule[];
    /** The live server access logging target, when adopt kept it. @default absent: the stack's own log bucket */
    keptAccessLogging?: KeptAccessLogging;
}

/** Where `adopt` writes, and the stack reads, the kept settings of `stack`: `adopted/<stack>.json` in the project. */
export function adoptedSettingsPath(projectDir: string, stack: string): string {
    return path.join(projectDir, "adopted", `${stack.replace(/[\\/]/g, "_")}.json`);
}

/** A JSON object: not null, not a list (both are `typeof "object"` too). */
function isRecord(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

function bad(file: string, what: string): never {
    throw new ConfigError("existingBucketName", `${file}: ${what}; run npm run adopt again to rewrite it`);
}

/** Parses and checks a kept-settings file; every problem is one line naming the file. */
export function parseAdoptedSettings(text: string, file: string): AdoptedSettings {
    let d: unknown;
    try {
        d = JSON.parse(text);
    } catch (e) {
        bad(file, `not JSON (${(e as Error).message})`);
    }
    if (!isRecord(d)) bad(file, "not a JSON object");
    if (d.version !== 1) bad(file, `version ${JSON.stringify(d.version)} is not 1`);
    for (const k of ["stack", "bucket", "region", "accountId", "readAt"] as const) {
        if (typeof d[k] !== "string" || d[k] === "") bad(file, `${k} is missing or not a string`);
    }
    if (!isAccountId(d.accountId as string)) bad(file, `accountId ${JSON.stringify(d.accountId)} is not 12 digits`);
    if (!Array.isArray(d.keptPolicyStatements)) bad(file, "keptPolicyStatements is not a list");
    if (!Array.isArray(d.keptLifecycleRules)) bad(file, "keptLifecycleRules is not a list");
    const sids = new Set<string>();
    for (const st of d.keptPolicyStatements as unknown[]) {
        if (!isRecord(st) || typeof st.Sid !== "string" || st.Sid === "")
            bad(file, "every kept policy statement needs a Sid");
        if (st.Effect !== "Allow" && st.Effect !== "Deny") bad(file, `statement ${st.Sid} has no Effect Allow or Deny`);
        if (sids.has(st.Sid)) bad(file, `two kept policy statements have the Sid ${st.Sid}`);
        sids.add(st.Sid);
    }
    const ids = new Set<string>();
    for (const rule of d.keptLifecycleRules as unknown[]) {
        if (!isRecord(rule) || typeof rule.ID !== "string" || rule.ID === "")
            bad(file, "every kept lifecycle rule needs an ID");
        if (rule.Status !== "Enabled" && rule.Status !== "Disabled")
            bad(file, `lifecycle rule ${rule.ID} has no Status Enabled or Disabled`);
        if (ids.has(rule.ID)) bad(file, `two kept lifecycle rules have the ID ${rule.ID}`);
        ids.add(rule.ID);
    }
    if (d.keptAccessLogging !== undefined) accessLoggingProblem(file, d.keptAccessLogging);
    return d as unknown as AdoptedSettings;
}

function accessLoggingProblem(file: string, l: unknown): void {
    if (!isRecord(l)) bad(file, "keptAccessLogging is not an object");
    if (typeof l.TargetBucket !== "string" || l.TargetBucket === "")
        bad(file, "keptAccessLogging.TargetBucket is missing or not a string");
    if (typeof l.TargetPrefix !== "string") bad(file, "keptAccessLogging.TargetPrefix is not a string");
    const known = ["TargetBucket", "TargetPrefix", "TargetObjectKeyFormat", "TargetGrants"];
    const unknown = Object.keys(l).find((k) => !known.includes(k));
    if (unknown) bad(file, `keptAccessLogging has ${unknown}, which the stack cannot carry over`);
    if (l.TargetObjectKeyFormat !== undefined) {
        // A format that is no object (null, a string) is neither kind; reading into it would throw.
        const format = isRecord(l.TargetObjectKeyFormat) ? l.TargetObjectKeyFormat : {};
        const partition = format.PartitionedPrefix;
        const source = isRecord(partition) ? partition.PartitionDateSource : undefined;
        const simple = format.SimplePrefix !== undefined && partition === undefined;
        const partitioned = format.SimplePrefix === undefined && (source === "EventTime" || source === "DeliveryTime");
        if (!simple && !partitioned)
            bad(
                file,
                "keptAccessLogging.TargetObjectKeyFormat is neither SimplePrefix nor PartitionedPrefix with PartitionDateSource EventTime or DeliveryTime",
            );
    }
    if (l.TargetGrants !== undefined && !Array.isArray(l.TargetGrants))
        bad(file, "keptAccessLogging.TargetGrants is not a list");
}
