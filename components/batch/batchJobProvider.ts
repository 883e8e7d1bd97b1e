// The dynamic provider behind BatchReplicationJob: create, read, diff and delete over S3 Control CreateJob / DescribeJob.
import * as pulumi from "@pulumi/pulumi";
import type * as s3control from "@aws-sdk/client-s3-control";
import {
    BatchReplicationJobInputs,
    BatchReplicationJobOutputs,
    bucketNameOfArn,
    changedBatchReplicationCallerKeys,
    changedBatchReplicationJobKeys,
    checkBatchReplicationJobInputs,
    normalizeBatchReplicationJobInputs,
    RawBatchReplicationJobInputs,
} from "./batchJobInputs";
import { batchReplicationJobToken, batchReplicationReportLocation, buildCreateJobRequest } from "./batchJobRequest";
import { describeBatchJobError, jobLabel, likelyFixForBatchJobError } from "./batchJobErrors";
import { BatchJobClientConfig, batchJobClientConfig } from "./batchJobCaller";
import { checkSourceReplication } from "./batchJobPreflight";

// Everything the provider calls at deploy time is serialized into the `__provider` input with
// Pulumi's closure serializer. So the provider code below refers only to plain function
// declarations and module-private constants (an `export const` would be read through `exports`
// and drag this whole module, and with it @pulumi/pulumi, into the closure), and it loads the
// AWS SDK with `require` inside function bodies, which the serializer leaves as text.

/** Job statuses in which S3 is still building the manifest; failures such as a role it cannot assume show up here. */
const PREPARING_STATUSES = ["New", "Preparing"];

/** What the provider needs from an S3 Control client; lets tests hand in a mocked client. */
export interface S3ControlSender {
    send(command: unknown): Promise<unknown>;
}

/** Knobs of the provider; only tests change them. */
export interface BatchReplicationJobProviderOptions {
    /** Builds the S3 Control client from the checked caller settings. @default a new `S3ControlClient(config)`, SDK required lazily */
    clientFactory?: (config: BatchJobClientConfig) => S3ControlSender;
    /** Settings every STS and S3 Control client starts from (tests: moto's endpoint and credentials). @default none */
    awsBase?: Partial<BatchJobClientConfig>;
    /** How long a freshly created batch role is given to propagate through IAM before CreateJob. @default 60000 */
    rolePropagationMs?: number;
    /** Clock, in milliseconds since the epoch. @default Date.now */
    now?: () => number;
    /** Waits the given milliseconds. @default setTimeout */
    sleep?: (ms: number) => Promise<void>;
    /** How many more times create asks DescribeJob while S3 is still preparing the job. @default 12 */
    preparePolls?: number;
    /** Pause between those DescribeJob calls, in milliseconds. @default 5000 */
    pollIntervalMs?: number;
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
function defaultS3ControlClient(config: BatchJobClientConfig): S3ControlSender {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily: the dynamic provider is serialized and must not capture the SDK
    const sdk = require("@aws-sdk/client-s3-control") as typeof import("@aws-sdk/client-s3-control");
    return new sdk.S3ControlClient(config);
}

/** Waits with a timer; a plain function so the serialized provider carries it. */
function sleepMs(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The command classes, loaded lazily so that serializing the provider never captures the SDK. */
function s3ControlCommands(): Pick<
    typeof import("@aws-sdk/client-s3-control"),
    "CreateJobCommand" | "DescribeJobCommand"
> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily: the dynamic provider is serialized and must not capture the SDK
    const sdk = require("@aws-sdk/client-s3-control") as typeof import("@aws-sdk/client-s3-control");
    return { CreateJobCommand: sdk.CreateJobCommand, DescribeJobCommand: sdk.DescribeJobCommand };
}

/**
 * Builds the dynamic provider. Every change of the job's definition replaces (a job cannot be edited,
 * only a new one started); a change of who runs it (profile, roles) only updates the state; delete
 * only forgets the job.
 */
export function makeBatchReplicationJobProvider(
    options: BatchReplicationJobProviderOptions = {},
): pulumi.dynamic.ResourceProvider<RawBatchReplicationJobInputs, BatchReplicationJobOutputs> {
    const clientFactory = options.clientFactory ?? defaultS3ControlClient;
    const preparePolls = options.preparePolls ?? 12;
    const pollIntervalMs = options.pollIntervalMs ?? 5000;
    const rolePropagationMs = options.rolePropagationMs ?? 60000;
    const now = options.now ?? Date.now;
    const sleep = options.sleep ?? sleepMs;

    // The stack's profile and roles, proven by STS to be the job's account, before any S3 Control call:
    // the process's default credentials may belong to the other account of a two-account deploy.
    const callerConfig = (inputs: BatchReplicationJobInputs): Promise<BatchJobClientConfig> =>
        batchJobClientConfig(
            { profile: inputs.profile, assumeRoles: inputs.assumeRoles, allowedAccountIds: inputs.allowedAccountIds },
            inputs.region,
            inputs.accountId,
            bucketNameOfArn(inputs.sourceBucketArn),
            options.awsBase,
        );
    const clientFor = async (inputs: BatchReplicationJobInputs): Promise<S3ControlSender> =>
        clientFactory(await callerConfig(inputs));

    // Not named `describe`: the closure serializer skips any free variable whose name is also a
    // global at serialization time (mocha defines `describe`), so the hosted provider lost it.
    const describeJob = async (
        client: S3ControlSender,
        inputs: BatchReplicationJobInputs,
        jobId: string,
    ): Promise<s3control.DescribeJobCommandOutput> => {
        const { DescribeJobCommand } = s3ControlCommands();
        return (await client.send(
            new DescribeJobCommand({ AccountId: inputs.accountId, JobId: jobId }),
        )) as s3control.DescribeJobCommandOutput;
    };

    return {
        async check(_olds: RawBatchReplicationJobInputs, news: RawBatchReplicationJobInputs) {
            const inputs = normalizeBatchReplicationJobInputs(news);
            return { inputs, failures: checkBatchReplicationJobInputs(inputs) };
        },

        async diff(_id: string, olds: RawBatchReplicationJobInputs, news: RawBatchReplicationJobInputs) {
            const before = normalizeBatchReplicationJobInputs(olds) as unknown as Record<string, unknown>;
            const after = normalizeBatchReplicationJobInputs(news) as unknown as Record<string, unknown>;
            // `__provider` is deliberately not compared: a new version of this code must not
            // start a new job for an unchanged definition.
            const replaces = changedBatchReplicationJobKeys(before, after);
            // Who runs the deployment (profile, roles) is recorded by an update, never a new job.
            const changes = replaces.length > 0 || changedBatchReplicationCallerKeys(before, after).length > 0;
            return { changes, replaces, deleteBeforeReplace: false };
        },

        async update(_id: string, olds: RawBatchReplicationJobInputs, news: RawBatchReplicationJobInputs) {
            const after = normalizeBatchReplicationJobInputs(news) as unknown as Record<string, unknown>;
            const outs: Record<string, unknown> = { ...olds };
            for (const key of changedBatchReplicationCallerKeys(olds, after)) {
                if (after[key] === undefined) delete outs[key];
                else outs[key] = after[key];
            }
            return { outs: outs as unknown as BatchReplicationJobOutputs };
        },

        async create(raw: RawBatchReplicationJobInputs) {
            const inputs = normalizeBatchReplicationJobInputs(raw);
            const failures = checkBatchReplicationJobInputs(inputs);
            if (failures.length > 0) {
                throw new Error(`Batch Replication job inputs are invalid: ${failures.map((f) => f.reason).join(" ")}`);
            }
            const request = buildCreateJobRequest(inputs);
            const token = request.ClientRequestToken as string;
            const { CreateJobCommand } = s3ControlCommands();
            const config = await callerConfig(inputs);
            // A job over a bucket without an enabled replication rule is refused or finds nothing; on a
            // secondary the hub creates that configuration, so a too-early `up` stops here with one line.
            await checkSourceReplication(config, bucketNameOfArn(inputs.sourceBucketArn));
            const client = clientFactory(config);
            // A role created in this same `up` is not yet assumable everywhere (IAM propagates in
            // seconds), and a job S3 cannot assume its role for fails for good under its token:
            // give a young role its propagation time first.
            // Stryker disable next-line ConditionalExpression: without roleCreatedAt the age is NaN, and NaN < anything is false: no wait either way
            if (inputs.roleCreatedAt) {
                const age = now() - Date.parse(inputs.roleCreatedAt);
                if (age < rolePropagationMs) await sleep(rolePropagationMs - Math.max(age, 0));
            }
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

            // The cross-account replication report's "Failed to assume role" is not a CreateJob error: S3 accepts the
            // job and fails it while generating the manifest. Wait briefly through preparation so that such a failure
            // fails the deployment instead of hiding in the console.
            let described: s3control.DescribeJobCommandOutput;
            for (let poll = 0; ; poll++) {
                try {
                    described = await describeJob(client, inputs, jobId);
                } catch (err) {
                    throw describeBatchJobError("DescribeJob", err, inputs, token, jobId);
                }
                const status = described.Job?.Status ?? "New";
                if (!PREPARING_STATUSES.includes(status) || poll >= preparePolls) {
                    break;
                }
                await sleep(pollIntervalMs);
            }
            const outs = batchJobOutputs(inputs, jobId, token, described);
            if (outs.status === "Failed" || outs.status === "Failing") {
                const reasons = outs.failureReasons.length > 0 ? outs.failureReasons.join("; ") : "no reason given";
                // Stryker disable next-line OptionalChaining: an answer without Job has status Unknown, so it never gets here
                const failures = described.Job?.FailureReasons;
                const first = failures?.[0];
                // Stryker disable next-line StringLiteral: an absent code or reason need only match no advice pattern, as "" and any filler do
                const fix = likelyFixForBatchJobError(first?.FailureCode ?? "", first?.FailureReason ?? "", inputs);
                throw new Error(
                    `${jobLabel(inputs, token, jobId)} failed right after creation: ${reasons}. ` +
                        `Likely fix: ${fix} ` +
                        `A retry with the same inputs sends the same client request token, so S3 may hand back this failed job; ` +
                        `after the fix, raise runNumber (config batchReplicationRunNumber) to ${inputs.runNumber + 1} to start a new job.`,
                );
            }
            return { id: jobId, outs };
        },

        async read(id: string, props?: RawBatchReplicationJobInputs) {
            if (!props || !props.accountId || !props.region) {
                throw new Error(
                    `Batch Replication job ${id}: reading it needs accountId and region in its state; it cannot be imported by id alone.`,
                );
            }
            const inputs = normalizeBatchReplicationJobInputs(props);
            const token = (props.clientRequestToken as string | undefined) ?? batchReplicationJobToken(inputs);
            const client = await clientFor(inputs);
            try {
                const described = await describeJob(client, inputs, id);
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

/** The provider `BatchReplicationJob` uses: real S3 Control clients in the job's region, with the stack's credentials. */
export const batchReplicationJobProvider = makeBatchReplicationJobProvider();
