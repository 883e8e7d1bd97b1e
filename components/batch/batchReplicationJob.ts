// S3 Batch Replication of existing objects as a Pulumi resource: a dynamic provider over S3 Control CreateJob / DescribeJob.
import * as pulumi from "@pulumi/pulumi";
import type * as s3control from "@aws-sdk/client-s3-control";

// Everything the provider calls at deploy time is serialized into the `__provider` input with
// Pulumi's closure serializer. So the provider code below refers only to plain function
// declarations and module-private constants (an `export const` would be read through `exports`
// and drag this whole module, and with it @pulumi/pulumi, into the closure), and it loads the
// AWS SDK with `require` inside function bodies, which the serializer leaves as text.

/** Replication statuses S3 Batch Replication can filter on when it generates the manifest. */
const REPLICATION_STATUSES = ["NONE", "FAILED", "COMPLETED", "REPLICA"];
/** Job statuses in which S3 is still building the manifest; failures such as a role it cannot assume show up here. */
const PREPARING_STATUSES = ["New", "Preparing"];
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
];
/** Value the Pulumi engine passes for inputs that are not known yet (during preview). */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** S3 Control rejects a ClientRequestToken longer than 64 characters. */
const TOKEN_MAX_LENGTH = 64;
const TOKEN_PREFIX = "brj-";

/** Resolved inputs of a Batch Replication job, defaults applied. */
export interface BatchReplicationJobInputs {
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
}

/** State of a Batch Replication job: its inputs plus what S3 reports about it. */
export interface BatchReplicationJobOutputs extends BatchReplicationJobInputs {
    jobId: string;
    status: string;
    totalTasks: number;
    succeededTasks: number;
    failedTasks: number;
    /** `FailureCode: FailureReason` lines from DescribeJob; empty while the job is healthy. */
    failureReasons: string[];
    reportLocation: string;
    clientRequestToken: string;
}

/** A check failure in the shape Pulumi's dynamic provider expects. */
export interface BatchReplicationJobCheckFailure {
    property: string;
    reason: string;
}

/** What the provider needs from an S3 Control client; lets tests hand in a mocked client. */
export interface S3ControlSender {
    send(command: unknown): Promise<unknown>;
}

/** Knobs of the provider; only tests change them. */
export interface BatchReplicationJobProviderOptions {
    /** Builds the S3 Control client for a region. @default a new `S3ControlClient({ region })`, SDK required lazily */
    clientFactory?: (region: string) => S3ControlSender;
    /** How many more times create asks DescribeJob while S3 is still preparing the job. @default 12 */
    preparePolls?: number;
    /** Pause between those DescribeJob calls, in milliseconds. @default 5000 */
    pollIntervalMs?: number;
}

/** Applies the documented defaults to raw inputs; values that are still unknown pass through untouched. */
export function normalizeBatchReplicationJobInputs(raw: Record<string, any>): BatchReplicationJobInputs {
    const out: Record<string, any> = {};
    for (const key of INPUT_KEYS) {
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
    return out as BatchReplicationJobInputs;
}

/**
 * Validates resolved inputs. Returns one failure per bad key, each a sentence naming the key and
 * what is allowed; values still unknown (preview) are skipped.
 */
export function checkBatchReplicationJobInputs(inputs: Record<string, any>): BatchReplicationJobCheckFailure[] {
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
        !(Number.isInteger(inputs.priority) && inputs.priority >= 0 && inputs.priority <= 2147483647)
    ) {
        fail("priority", `priority must be an integer from 0 to 2147483647, got ${inputs.priority}.`);
    }
    if (known("description") && (typeof inputs.description !== "string" || inputs.description.length > 256)) {
        fail("description", "description must be a string of at most 256 characters (the S3 Control limit).");
    }
    return failures;
}

/** Returns the bucket name of a bucket ARN (`arn:aws:s3:::name` → `name`). */
export function bucketNameOfArn(arn: string): string {
    return arn.slice(arn.lastIndexOf(":") + 1);
}

/** JSON with object keys sorted and undefined members dropped, so equal requests serialize equally. */
function canonicalJson(value: unknown): string {
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

/**
 * The CreateJob request for these inputs, without ClientRequestToken. Everything a job is made
 * of is in here, so the token is derived from it.
 */
function jobDefinition(inputs: BatchReplicationJobInputs): s3control.CreateJobCommandInput {
    const manifestOutput = inputs.manifestOutputBucketArn !== undefined && inputs.manifestOutputBucketArn !== "";
    const request: s3control.CreateJobCommandInput = {
        AccountId: inputs.accountId,
        // Seed 001: with confirmation required the job waits forever in "awaiting confirmation"
        // until someone presses "Run job" in the console. A deployed resource must just run.
        ConfirmationRequired: false,
        // Replicates through the bucket's own replication configuration (destination, owner
        // override, RTC), unlike S3PutObjectCopy, which would need its own destination settings.
        Operation: { S3ReplicateObject: {} },
        ManifestGenerator: {
            S3JobManifestGenerator: {
                SourceBucket: inputs.sourceBucketArn,
                // The job account owns the source bucket; S3 refuses to list a bucket owned by
                // someone else instead of silently replicating the wrong one.
                ExpectedBucketOwner: inputs.accountId,
                EnableManifestOutput: manifestOutput,
                ...(manifestOutput
                    ? {
                          ManifestOutputLocation: {
                              Bucket: inputs.manifestOutputBucketArn,
                              ...(inputs.manifestOutputPrefix ? { ManifestPrefix: inputs.manifestOutputPrefix } : {}),
                              ManifestFormat: "S3InventoryReport_CSV_20211130",
                          },
                      }
                    : {}),
                Filter: {
                    // Only objects a replication rule of the bucket covers; the others would fail.
                    EligibleForReplication: true,
                    ObjectReplicationStatuses: inputs.objectReplicationStatuses as s3control.ReplicationStatus[],
                },
            },
        },
        // Seed 004: the completion report is where failed objects are listed; its bucket must be
        // writable by the batch role or the job ends with "The job report could not be written".
        Report: {
            Bucket: inputs.reportBucketArn,
            ...(inputs.reportPrefix ? { Prefix: inputs.reportPrefix } : {}),
            Format: "Report_CSV_20180820",
            Enabled: true,
            ReportScope: "AllTasks",
        },
        Priority: inputs.priority,
        RoleArn: inputs.roleArn,
    };
    if (inputs.description !== undefined && inputs.description !== "") {
        request.Description = inputs.description;
    }
    return request;
}

/**
 * The idempotency token of the job: a hash of the region and the whole CreateJob request. A
 * retried `up` (same inputs) sends the same token, and S3 answers with the job it already made
 * instead of starting a second one; any change to the job gives a new token, hence a new job.
 */
export function batchReplicationJobToken(inputs: BatchReplicationJobInputs): string {
    const { createHash } = require("node:crypto") as typeof import("node:crypto");
    const digest = createHash("sha256")
        .update(canonicalJson({ region: inputs.region, request: jobDefinition(inputs) }))
        .digest("hex");
    return (TOKEN_PREFIX + digest).slice(0, TOKEN_MAX_LENGTH);
}

/** The full CreateJob request S3 receives for these inputs. */
export function buildCreateJobRequest(inputs: BatchReplicationJobInputs): s3control.CreateJobCommandInput {
    return { ...jobDefinition(inputs), ClientRequestToken: batchReplicationJobToken(inputs) };
}

/** Where S3 writes the completion report: `<prefix>/job-<id>/` in the report bucket. */
export function batchReplicationReportLocation(inputs: BatchReplicationJobInputs, jobId: string): string {
    const prefix = inputs.reportPrefix ? `${inputs.reportPrefix}/` : "";
    return `s3://${bucketNameOfArn(inputs.reportBucketArn)}/${prefix}job-${jobId}/`;
}

/** The most likely fix for an S3 Control error code or job failure reason, from the seeds' pitfalls. */
export function likelyFixForBatchJobError(code: string, message: string, inputs: BatchReplicationJobInputs): string {
    const text = `${code} ${message}`;
    if (/assume role/i.test(text)) {
        return (
            `the role ${inputs.roleArn} must trust batchoperations.s3.amazonaws.com (a replication role that trusts ` +
            `s3.amazonaws.com cannot run Batch Operations jobs), and whoever runs the deployment needs iam:PassRole on it.`
        );
    }
    if (/report/i.test(text)) {
        return (
            `the role ${inputs.roleArn} needs s3:PutObject on ${inputs.reportBucketArn}/${inputs.reportPrefix ? `${inputs.reportPrefix}/` : ""}*` +
            `, and the report bucket's policy must allow it when the bucket is in another account.`
        );
    }
    if (/replication configuration/i.test(text)) {
        return `${inputs.sourceBucketArn} needs versioning and a replication configuration before a Batch Replication job can run: deploy replication first.`;
    }
    if (/manifest/i.test(text)) {
        const output = inputs.manifestOutputBucketArn
            ? `, and s3:PutObject on ${inputs.manifestOutputBucketArn}/*`
            : "";
        return (
            `S3 builds the manifest with the role ${inputs.roleArn}: it needs s3:PutInventoryConfiguration, s3:GetReplicationConfiguration ` +
            `and s3:ListBucket on ${inputs.sourceBucketArn}${output}.`
        );
    }
    if (/idempotency/i.test(text)) {
        return "another request used this client request token with different parameters; the token hashes the whole request, so look for jobs created outside this program with the same token.";
    }
    if (/throttl|toomanyrequests|slowdown/i.test(text)) {
        return "S3 throttled the request; run the deployment again: the same inputs reuse the same token, so no second job starts.";
    }
    if (/access ?denied|forbidden|not authorized/i.test(text)) {
        return (
            `the credentials running the deployment must belong to account ${inputs.accountId} and allow s3:CreateJob, ` +
            `s3:DescribeJob and iam:PassRole on ${inputs.roleArn}.`
        );
    }
    return "check the job inputs against the message above; a retry with the same inputs is safe, it reuses the same token.";
}

/** Names the job in error messages: its id once S3 gave one, otherwise its token, plus the source bucket. */
function jobLabel(inputs: BatchReplicationJobInputs, token: string, jobId?: string): string {
    const id = jobId ? `job ${jobId}` : `job with client request token ${token}`;
    return `Batch Replication ${id} for bucket ${bucketNameOfArn(inputs.sourceBucketArn)} (account ${inputs.accountId}, ${inputs.region})`;
}

/** Turns an AWS SDK error into one sentence: the job, the action, the AWS error code, the likely fix. */
export function describeBatchJobError(
    action: string,
    err: unknown,
    inputs: BatchReplicationJobInputs,
    token: string,
    jobId?: string,
): Error {
    const e = (err ?? {}) as { name?: string; Code?: string; message?: string; $metadata?: { requestId?: string } };
    const code = e.Code ?? (e.name && e.name !== "Error" ? e.name : "UnknownError");
    const message = e.message ?? String(err);
    const requestId = e.$metadata?.requestId ? ` (request id ${e.$metadata.requestId})` : "";
    return new Error(
        `${jobLabel(inputs, token, jobId)}: ${action} failed with ${code}: ${message}${requestId}. ` +
            `Likely fix: ${likelyFixForBatchJobError(code, message, inputs)}`,
    );
}

/** Maps a DescribeJob answer onto the resource outputs. */
export function batchJobOutputs(
    inputs: BatchReplicationJobInputs,
    jobId: string,
    token: string,
    describe: s3control.DescribeJobCommandOutput | { Job?: s3control.JobDescriptor },
): BatchReplicationJobOutputs {
    const job = describe.Job ?? {};
    const progress = job.ProgressSummary ?? {};
    const outputs: BatchReplicationJobOutputs = {
        ...inputs,
        jobId,
        status: job.Status ?? "Unknown",
        totalTasks: progress.TotalNumberOfTasks ?? 0,
        succeededTasks: progress.NumberOfTasksSucceeded ?? 0,
        failedTasks: progress.NumberOfTasksFailed ?? 0,
        failureReasons: (job.FailureReasons ?? []).map((f) =>
            `${f.FailureCode ?? "Unknown"}: ${f.FailureReason ?? ""}`.trim(),
        ),
        reportLocation: batchReplicationReportLocation(inputs, jobId),
        clientRequestToken: token,
    };
    // The engine turns outputs into a protobuf Struct, which throws on undefined values.
    return JSON.parse(JSON.stringify(outputs)) as BatchReplicationJobOutputs;
}

/** Builds the client the default provider uses; the SDK is loaded only when a job is really created or read. */
function defaultS3ControlClient(region: string): S3ControlSender {
    const sdk = require("@aws-sdk/client-s3-control") as typeof import("@aws-sdk/client-s3-control");
    return new sdk.S3ControlClient({ region });
}

/** The command classes, loaded lazily so that serializing the provider never captures the SDK. */
function s3ControlCommands(): Pick<
    typeof import("@aws-sdk/client-s3-control"),
    "CreateJobCommand" | "DescribeJobCommand"
> {
    const sdk = require("@aws-sdk/client-s3-control") as typeof import("@aws-sdk/client-s3-control");
    return { CreateJobCommand: sdk.CreateJobCommand, DescribeJobCommand: sdk.DescribeJobCommand };
}

/**
 * Builds the dynamic provider. Every input change replaces (a job cannot be edited, only a new
 * one started), so there is no update; delete only forgets the job.
 */
export function makeBatchReplicationJobProvider(
    options: BatchReplicationJobProviderOptions = {},
): pulumi.dynamic.ResourceProvider<Record<string, any>, BatchReplicationJobOutputs> {
    const clientFactory = options.clientFactory ?? defaultS3ControlClient;
    const preparePolls = options.preparePolls ?? 12;
    const pollIntervalMs = options.pollIntervalMs ?? 5000;

    // Not named `describe`: the closure serializer skips any free variable whose name is also a
    // global at serialization time (mocha defines `describe`), so the hosted provider lost it.
    const describeJob = async (
        inputs: BatchReplicationJobInputs,
        jobId: string,
    ): Promise<s3control.DescribeJobCommandOutput> => {
        const { DescribeJobCommand } = s3ControlCommands();
        const client = clientFactory(inputs.region);
        return (await client.send(
            new DescribeJobCommand({ AccountId: inputs.accountId, JobId: jobId }),
        )) as s3control.DescribeJobCommandOutput;
    };

    return {
        async check(_olds: Record<string, any>, news: Record<string, any>) {
            const inputs = normalizeBatchReplicationJobInputs(news);
            return { inputs, failures: checkBatchReplicationJobInputs(inputs) };
        },

        async diff(_id: string, olds: Record<string, any>, news: Record<string, any>) {
            const before = normalizeBatchReplicationJobInputs(olds) as unknown as Record<string, unknown>;
            const after = normalizeBatchReplicationJobInputs(news) as unknown as Record<string, unknown>;
            // `__provider` is deliberately not compared: a new version of this code must not
            // start a new job for an unchanged definition.
            const replaces = INPUT_KEYS.filter((key) => canonicalJson(before[key]) !== canonicalJson(after[key]));
            return { changes: replaces.length > 0, replaces, deleteBeforeReplace: false };
        },

        async create(raw: Record<string, any>) {
            const inputs = normalizeBatchReplicationJobInputs(raw);
            const failures = checkBatchReplicationJobInputs(inputs);
            if (failures.length > 0) {
                throw new Error(`Batch Replication job inputs are invalid: ${failures.map((f) => f.reason).join(" ")}`);
            }
            const request = buildCreateJobRequest(inputs);
            const token = request.ClientRequestToken as string;
            const { CreateJobCommand } = s3ControlCommands();
            const client = clientFactory(inputs.region);
            let jobId: string;
            try {
                const created = (await client.send(new CreateJobCommand(request))) as s3control.CreateJobCommandOutput;
                if (!created.JobId) {
                    throw new Error("S3 returned no JobId");
                }
                jobId = created.JobId;
            } catch (err) {
                throw describeBatchJobError("CreateJob", err, inputs, token);
            }

            // Seed 001's "Failed to assume role" is not a CreateJob error: S3 accepts the job and
            // fails it while generating the manifest. Wait briefly through preparation so that
            // such a failure fails the deployment instead of hiding in the console.
            let described: s3control.DescribeJobCommandOutput;
            for (let poll = 0; ; poll++) {
                try {
                    described = await describeJob(inputs, jobId);
                } catch (err) {
                    throw describeBatchJobError("DescribeJob", err, inputs, token, jobId);
                }
                const status = described.Job?.Status ?? "New";
                if (!PREPARING_STATUSES.includes(status) || poll >= preparePolls) {
                    break;
                }
                await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
            }
            const outs = batchJobOutputs(inputs, jobId, token, described);
            if (outs.status === "Failed" || outs.status === "Failing") {
                const reasons = outs.failureReasons.length > 0 ? outs.failureReasons.join("; ") : "no reason given";
                const first = described.Job?.FailureReasons?.[0];
                throw new Error(
                    `${jobLabel(inputs, token, jobId)} failed right after creation: ${reasons}. ` +
                        `Likely fix: ${likelyFixForBatchJobError(first?.FailureCode ?? "", first?.FailureReason ?? "", inputs)} ` +
                        `A retry with the same inputs sends the same client request token, so S3 may hand back this failed job; ` +
                        `after the fix, change description to start a new job.`,
                );
            }
            return { id: jobId, outs };
        },

        async read(id: string, props?: Record<string, any>) {
            if (!props || !props.accountId || !props.region) {
                throw new Error(
                    `Batch Replication job ${id}: reading it needs accountId and region in its state; it cannot be imported by id alone.`,
                );
            }
            const inputs = normalizeBatchReplicationJobInputs(props);
            const token = (props.clientRequestToken as string | undefined) ?? batchReplicationJobToken(inputs);
            try {
                const described = await describeJob(inputs, id);
                return { id, props: batchJobOutputs(inputs, id, token, described) };
            } catch (err) {
                const name = (err as { name?: string } | undefined)?.name;
                if (name === "NotFoundException" || name === "NotFound") {
                    // S3 forgets finished jobs after a while. The job still ran, so keep the last
                    // known state: dropping it would make the next `up` start the job again.
                    return { id, props: props as BatchReplicationJobOutputs };
                }
                throw describeBatchJobError("DescribeJob", err, inputs, token, id);
            }
        },

        async delete() {
            // Deliberately no S3 Control call. A job cannot be deleted, only cancelled, and
            // cancelling is irreversible and would stop a half-done replication; on a replace the
            // old job may also still be copying objects the new one skips as COMPLETED. Removing
            // the resource only stops tracking the job; replicated objects are never touched.
        },
    };
}

/** The provider `BatchReplicationJob` uses: real S3 Control clients in the job's region. */
export const batchReplicationJobProvider = makeBatchReplicationJobProvider();

/** Arguments of {@link BatchReplicationJob}. */
export interface BatchReplicationJobArgs {
    /** Account that owns the job and the source bucket (the source account); S3 checks the bucket's owner against it. */
    accountId: pulumi.Input<string>;
    /** Region of the source bucket; the S3 Control client that creates and reads the job is created there. */
    region: pulumi.Input<string>;
    /** ARN of the bucket whose existing objects are replicated; it must already have a replication configuration. */
    sourceBucketArn: pulumi.Input<string>;
    /** Batch replication role; it must trust batchoperations.s3.amazonaws.com, not s3.amazonaws.com (seed 001). */
    roleArn: pulumi.Input<string>;
    /** ARN of the bucket that receives the completion report; the role must be able to write it (seed 004). */
    reportBucketArn: pulumi.Input<string>;
    /** Key prefix of the completion report; S3 adds `job-<id>/` below it. @default "batch-replication" */
    reportPrefix?: pulumi.Input<string>;
    /** ARN of a bucket to keep the manifest S3 generates; omit to not save it. @default undefined (manifest not saved) */
    manifestOutputBucketArn?: pulumi.Input<string>;
    /** Key prefix of the saved manifest inside `manifestOutputBucketArn`. @default undefined (bucket root) */
    manifestOutputPrefix?: pulumi.Input<string>;
    /** Replication statuses of the objects to replicate (NONE, FAILED, COMPLETED, REPLICA). @default ["NONE", "FAILED"] */
    objectReplicationStatuses?: pulumi.Input<pulumi.Input<string>[]>;
    /** Job priority; higher runs first among the account's jobs. @default 10 */
    priority?: pulumi.Input<number>;
    /** Job description shown in the console; changing it (like any input) starts a new job, which is how to re-run. @default undefined */
    description?: pulumi.Input<string>;
}

/**
 * One S3 Batch Replication job that copies the existing objects of a bucket through its
 * replication configuration, with a manifest S3 generates (objects not yet replicated or failed)
 * and a completion report. It runs without the console's "Run job" confirmation. A retried `up`
 * never starts a second job; changing any input starts a new one; deleting it touches no data.
 * The job is created and read with the credentials of the process running the deployment.
 */
export class BatchReplicationJob extends pulumi.dynamic.Resource {
    /** Id S3 gave the job. */
    declare public readonly jobId: pulumi.Output<string>;
    /** Job status as of the last create or refresh (New, Preparing, Active, Complete, Failed, ...). */
    declare public readonly status: pulumi.Output<string>;
    /** Number of objects in the generated manifest. */
    declare public readonly totalTasks: pulumi.Output<number>;
    /** Objects replicated so far. */
    declare public readonly succeededTasks: pulumi.Output<number>;
    /** Objects that failed; the completion report lists them. */
    declare public readonly failedTasks: pulumi.Output<number>;
    /** `FailureCode: FailureReason` lines S3 reports for the job. */
    declare public readonly failureReasons: pulumi.Output<string[]>;
    /** Folder of the completion report, `s3://<report bucket>/<prefix>/job-<id>/`. */
    declare public readonly reportLocation: pulumi.Output<string>;
    /** Idempotency token sent with CreateJob; a hash of the job definition. */
    declare public readonly clientRequestToken: pulumi.Output<string>;

    constructor(name: string, args: BatchReplicationJobArgs, opts?: pulumi.CustomResourceOptions) {
        // Plain values are validated here so a typo fails at construction, not at deploy time;
        // values that are Outputs are validated by the provider's check once they resolve.
        const pending = (value: unknown): boolean => pulumi.Output.isInstance(value) || value instanceof Promise;
        const plain: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(args)) {
            plain[key] = pending(value)
                ? UNKNOWN
                : Array.isArray(value)
                  ? value.map((v) => (pending(v) ? UNKNOWN : v))
                  : value;
        }
        const failures = checkBatchReplicationJobInputs(normalizeBatchReplicationJobInputs(plain));
        if (failures.length > 0) {
            throw new Error(`BatchReplicationJob ${name}: ${failures.map((f) => f.reason).join(" ")}`);
        }
        super(
            batchReplicationJobProvider,
            name,
            {
                ...args,
                reportPrefix: args.reportPrefix ?? "batch-replication",
                objectReplicationStatuses: args.objectReplicationStatuses ?? ["NONE", "FAILED"],
                priority: args.priority ?? 10,
                jobId: undefined,
                status: undefined,
                totalTasks: undefined,
                succeededTasks: undefined,
                failedTasks: undefined,
                failureReasons: undefined,
                reportLocation: undefined,
                clientRequestToken: undefined,
            },
            opts,
        );
    }
}
