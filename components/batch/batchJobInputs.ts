// Inputs of a Batch Replication job: their types, the documented defaults and the one-line checks the provider and the resource share.
import type { BatchJobAssumeRole } from "./batchJobCaller";

// The provider's code is serialized with Pulumi's closure serializer (see batchJobProvider.ts): functions
// here refer only to plain function declarations and module-private constants, and load Node
// modules with `require` inside function bodies. So the account id, region, bucket ARN and role ARN
// checks below are copies of config/validators.ts's rules, kept in step by test/layout/ruleAgreement.test.ts.

/** Replication statuses S3 Batch Replication can filter on when it generates the manifest. */
const REPLICATION_STATUSES = ["NONE", "FAILED", "COMPLETED", "REPLICA"];
/** Keys that describe the job. Changing any of them means a different job. */
const INPUT_KEYS = [
    "accountId",
    "region",
    "sourceBucketArn",
    "roleArn",
    "reportBucketArn",
    "reportPrefix",
    "manifestOutputBucketArn",
    "manifestOutputPrefix",
    "objectReplicationStatuses",
    "priority",
    "description",
    "runNumber",
];
/**
 * Keys that say who creates the job and when, not what the job is: a change updates the state but
 * starts no new job, and they are not part of the client request token.
 */
const CALLER_KEYS = ["profile", "assumeRoles", "allowedAccountIds", "roleCreatedAt"];
/** Value the Pulumi engine passes for inputs that are not known yet (during preview). */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Resolved inputs of a Batch Replication job, defaults applied (a type, not an interface: it is also a raw record). */
export type BatchReplicationJobInputs = {
    accountId: string;
    region: string;
    sourceBucketArn: string;
    roleArn: string;
    reportBucketArn: string;
    reportPrefix: string;
    manifestOutputBucketArn?: string;
    manifestOutputPrefix?: string;
    objectReplicationStatuses: string[];
    priority: number;
    description?: string;
    /** Raised by the operator to run the job again after fixing a failure; part of the token when above 1. */
    runNumber: number;
    /** `aws:profile` of the stack. */
    profile?: string;
    /** `aws:assumeRoles` of the stack, assumed in order. */
    assumeRoles?: BatchJobAssumeRole[];
    /** `aws:allowedAccountIds` of the stack. */
    allowedAccountIds?: string[];
    /** When IAM created the batch role (ISO 8601); a younger role is given time to propagate before CreateJob. */
    roleCreatedAt?: string;
};

/** State of a Batch Replication job: its inputs plus what S3 reports about it. */
export type BatchReplicationJobOutputs = BatchReplicationJobInputs & {
    jobId: string;
    status: string;
    totalTasks: number;
    succeededTasks: number;
    failedTasks: number;
    /** `FailureCode: FailureReason` lines from DescribeJob; empty while the job is healthy. */
    failureReasons: string[];
    reportLocation: string;
    clientRequestToken: string;
};

/** Inputs as the engine hands them to the provider: any key may be missing, unknown (preview) or of the wrong type. */
export type RawBatchReplicationJobInputs = Record<string, unknown>;

/** A check failure in the shape Pulumi's dynamic provider expects. */
export interface BatchReplicationJobCheckFailure {
    property: string;
    reason: string;
}

/** Applies the documented defaults to raw inputs; values that are still unknown pass through untouched. */
export function normalizeBatchReplicationJobInputs(raw: RawBatchReplicationJobInputs): BatchReplicationJobInputs {
    const out: RawBatchReplicationJobInputs = {};
    for (const key of [...INPUT_KEYS, ...CALLER_KEYS]) {
        if (raw[key] !== undefined && raw[key] !== null) {
            out[key] = raw[key];
        }
    }
    if (out.reportPrefix === undefined) {
        out.reportPrefix = "batch-replication";
    }
    if (out.objectReplicationStatuses === undefined) {
        // Objects never replicated (NONE) and earlier failures (FAILED): the set S3 Batch
        // Replication exists for; COMPLETED would copy everything a second time.
        out.objectReplicationStatuses = ["NONE", "FAILED"];
    }
    if (out.priority === undefined) {
        out.priority = 10;
    }
    if (out.runNumber === undefined) {
        out.runNumber = 1;
    }
    return out as unknown as BatchReplicationJobInputs;
}

/**
 * Validates resolved inputs. Returns one failure per bad key, each a sentence naming the key and
 * what is allowed; values still unknown (preview) are skipped.
 */
export function checkBatchReplicationJobInputs(
    inputs: RawBatchReplicationJobInputs,
): BatchReplicationJobCheckFailure[] {
    const failures: BatchReplicationJobCheckFailure[] = [];
    const known = (key: string): boolean => inputs[key] !== undefined && inputs[key] !== UNKNOWN;
    const fail = (property: string, reason: string): void => {
        failures.push({ property, reason });
    };
    const bucketArn = /^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
    const requiredStrings = ["accountId", "region", "sourceBucketArn", "roleArn", "reportBucketArn"];
    for (const key of requiredStrings) {
        if (inputs[key] === undefined || inputs[key] === "") {
            fail(key, `${key} is required.`);
        }
    }
    if (known("accountId") && !/^\d{12}$/.test(String(inputs.accountId))) {
        fail("accountId", `accountId must be a 12-digit AWS account id, got "${inputs.accountId}".`);
    }
    if (known("region") && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(String(inputs.region))) {
        fail("region", `region must be an AWS region code such as ap-northeast-1, got "${inputs.region}".`);
    }
    for (const key of ["sourceBucketArn", "reportBucketArn", "manifestOutputBucketArn"]) {
        if (known(key) && inputs[key] !== "" && !bucketArn.test(String(inputs[key]))) {
            fail(key, `${key} must be a bucket ARN such as arn:aws:s3:::my-bucket, got "${inputs[key]}".`);
        }
    }
    if (
        known("roleArn") &&
        inputs.roleArn !== "" &&
        !/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(String(inputs.roleArn))
    ) {
        fail(
            "roleArn",
            `roleArn must be an IAM role ARN such as arn:aws:iam::111122223333:role/name, got "${inputs.roleArn}".`,
        );
    }
    for (const key of ["reportPrefix", "manifestOutputPrefix"]) {
        if (!known(key)) {
            continue;
        }
        const value = inputs[key];
        // S3 appends "/job-<id>/..." itself, so a leading or trailing slash yields "//" in the keys.
        if (typeof value !== "string" || value.startsWith("/") || value.endsWith("/") || value.length > 512) {
            fail(
                key,
                `${key} must be a key prefix of at most 512 characters without a leading or trailing "/", got "${value}".`,
            );
        }
    }
    if (known("manifestOutputPrefix") && inputs.manifestOutputPrefix !== "" && !inputs.manifestOutputBucketArn) {
        fail(
            "manifestOutputPrefix",
            "manifestOutputPrefix needs manifestOutputBucketArn: the prefix is inside that bucket.",
        );
    }
    if (known("objectReplicationStatuses")) {
        const statuses = inputs.objectReplicationStatuses;
        const allowed = REPLICATION_STATUSES.join(", ");
        if (!Array.isArray(statuses) || statuses.length === 0) {
            fail("objectReplicationStatuses", `objectReplicationStatuses must be a non-empty list of ${allowed}.`);
        } else {
            const bad = statuses.filter((s: unknown) => s !== UNKNOWN && !REPLICATION_STATUSES.includes(String(s)));
            if (bad.length > 0) {
                fail(
                    "objectReplicationStatuses",
                    `objectReplicationStatuses allows only ${allowed}, got ${bad.join(", ")}.`,
                );
            } else if (new Set(statuses).size !== statuses.length && !statuses.includes(UNKNOWN)) {
                fail("objectReplicationStatuses", "objectReplicationStatuses must not repeat a status.");
            }
        }
    }
    if (
        known("priority") &&
        !(
            typeof inputs.priority === "number" &&
            Number.isInteger(inputs.priority) &&
            inputs.priority >= 0 &&
            inputs.priority <= 2147483647
        )
    ) {
        fail("priority", `priority must be an integer from 0 to 2147483647, got ${inputs.priority}.`);
    }
    if (known("description") && (typeof inputs.description !== "string" || inputs.description.length > 256)) {
        fail("description", "description must be a string of at most 256 characters (the S3 Control limit).");
    }
    if (
        known("runNumber") &&
        !(typeof inputs.runNumber === "number" && Number.isInteger(inputs.runNumber) && inputs.runNumber >= 1)
    ) {
        fail("runNumber", `runNumber must be an integer of at least 1, got ${inputs.runNumber}.`);
    }
    failures.push(...checkCallerInputs(inputs, known));
    return failures;
}

/** Checks the stack's AWS settings the job is created with (`aws:profile`, `aws:assumeRoles`, `aws:allowedAccountIds`). */
function checkCallerInputs(
    inputs: RawBatchReplicationJobInputs,
    known: (key: string) => boolean,
): BatchReplicationJobCheckFailure[] {
    const failures: BatchReplicationJobCheckFailure[] = [];
    if (known("profile") && (typeof inputs.profile !== "string" || inputs.profile === "")) {
        failures.push({ property: "profile", reason: "profile (aws:profile) must be a non-empty profile name." });
    }
    if (known("assumeRoles")) {
        const roles = inputs.assumeRoles;
        // A string, number or null entry has no roleArn, so its "undefined" fails the pattern like any bad ARN.
        const roleArnOf = (r: unknown): unknown => (r as { roleArn?: unknown } | null | undefined)?.roleArn;
        const ok =
            Array.isArray(roles) &&
            roles.every(
                (r: unknown) =>
                    r === UNKNOWN ||
                    roleArnOf(r) === UNKNOWN ||
                    /^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(String(roleArnOf(r))),
            );
        if (!ok) {
            failures.push({
                property: "assumeRoles",
                reason: "assumeRoles (aws:assumeRoles) must be a list of { roleArn: arn:aws:iam::<account>:role/<name>, sessionName?, externalId? }.",
            });
        }
    }
    if (known("allowedAccountIds")) {
        const ids = inputs.allowedAccountIds;
        if (!Array.isArray(ids) || !ids.every((id: unknown) => id === UNKNOWN || /^\d{12}$/.test(String(id)))) {
            failures.push({
                property: "allowedAccountIds",
                reason: "allowedAccountIds (aws:allowedAccountIds) must be a list of 12-digit AWS account ids.",
            });
        } else if (known("accountId") && ids.length > 0 && !ids.includes(inputs.accountId) && !ids.includes(UNKNOWN)) {
            failures.push({
                property: "allowedAccountIds",
                reason: `allowedAccountIds (aws:allowedAccountIds) is ${ids.join(", ")}, which does not include the job's account ${inputs.accountId}.`,
            });
        }
    }
    if (known("roleCreatedAt") && Number.isNaN(Date.parse(String(inputs.roleCreatedAt)))) {
        failures.push({
            property: "roleCreatedAt",
            reason: `roleCreatedAt must be an ISO 8601 time, got "${inputs.roleCreatedAt}".`,
        });
    }
    return failures;
}

/** Returns the bucket name of a bucket ARN (`arn:aws:s3:::name` → `name`). */
export function bucketNameOfArn(arn: string): string {
    return arn.slice(arn.lastIndexOf(":") + 1);
}

/** The caller keys (profile, roles, allowed accounts, role age) whose values differ: a change that starts no new job. */
export function changedBatchReplicationCallerKeys(
    before: Record<string, unknown>,
    after: Record<string, unknown>,
): string[] {
    return CALLER_KEYS.filter((key) => canonicalJson(before[key]) !== canonicalJson(after[key]));
}

/** The input keys whose values differ between two input sets, compared canonically: changing any of them means a different job. */
export function changedBatchReplicationJobKeys(
    before: Record<string, unknown>,
    after: Record<string, unknown>,
): string[] {
    return INPUT_KEYS.filter((key) => canonicalJson(before[key]) !== canonicalJson(after[key]));
}

/** Replaces every pending value (an Output or a Promise) with the engine's unknown marker, so plain values can be checked at construction. */
export function withUnknownsMarked(
    args: Record<string, unknown>,
    pending: (value: unknown) => boolean,
): Record<string, unknown> {
    const plain: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(args)) {
        plain[key] = pending(value)
            ? UNKNOWN
            : Array.isArray(value)
              ? value.map((v) => (pending(v) ? UNKNOWN : v))
              : value;
    }
    return plain;
}

/** JSON with object keys sorted and undefined members dropped, so equal requests serialize equally. */
export function canonicalJson(value: unknown): string {
    if (Array.isArray(value)) {
        return `[${value.map((v) => canonicalJson(v)).join(",")}]`;
    }
    if (value !== null && typeof value === "object") {
        const entries = Object.keys(value as Record<string, unknown>)
            .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
            .sort()
            .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
        return `{${entries.join(",")}}`;
    }
    return JSON.stringify(value);
}
