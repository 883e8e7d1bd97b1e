// S3 Batch Replication of existing objects as a Pulumi resource; the provider lives in batchJobProvider.ts.
import * as pulumi from "@pulumi/pulumi";
import {
    checkBatchReplicationJobInputs,
    normalizeBatchReplicationJobInputs,
    withUnknownsMarked,
} from "./batchJobInputs";
import { batchReplicationJobProvider } from "./batchJobProvider";
import type { BatchJobAssumeRole } from "./batchJobCaller";

export * from "./batchJobInputs";
export * from "./batchJobRequest";
export * from "./batchJobErrors";
export * from "./batchJobProvider";
export * from "./batchJobCaller";
export * from "./batchJobPreflight";

/** Arguments of {@link BatchReplicationJob}. */
export interface BatchReplicationJobArgs {
    /** Account that owns the job and the source bucket (the source account); S3 checks the bucket's owner against it. */
    accountId: pulumi.Input<string>;
    /** Region of the source bucket; the S3 Control client that creates and reads the job is created there. */
    region: pulumi.Input<string>;
    /** ARN of the bucket whose existing objects are replicated; it must already have a replication configuration. */
    sourceBucketArn: pulumi.Input<string>;
    /**
     * Batch replication role; it must trust batchoperations.s3.amazonaws.com, not s3.amazonaws.com (the cross-account
     * replication report).
     */
    roleArn: pulumi.Input<string>;
    /**
     * ARN of the bucket that receives the completion report; the role must be able to write it (the cross-account batch
     * copy report).
     */
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
    /** Raise it (2, 3, ...) to run the job again after fixing what made it fail; part of the job's token. @default 1 */
    runNumber?: pulumi.Input<number>;
    /** The stack's `aws:profile`: the job is created and read with it, not with the process's default credentials. @default undefined */
    profile?: pulumi.Input<string>;
    /** The stack's `aws:assumeRoles`, assumed in order before any S3 Control call. @default [] */
    assumeRoles?: pulumi.Input<BatchJobAssumeRole[]>;
    /** The stack's `aws:allowedAccountIds`; the caller's account (STS GetCallerIdentity) must be one of them. @default [] */
    allowedAccountIds?: pulumi.Input<pulumi.Input<string>[]>;
    /** When the batch role was created (its `createDate`): a role younger than a minute is given time to propagate. @default undefined */
    roleCreatedAt?: pulumi.Input<string>;
}

/**
 * One S3 Batch Replication job that copies the existing objects of a bucket through its
 * replication configuration, with a manifest S3 generates (objects not yet replicated or failed)
 * and a completion report. It runs without the console's "Run job" confirmation. A retried `up`
 * never starts a second job; changing any input starts a new one; deleting it touches no data.
 * The job is created and read with the stack's AWS settings, after STS shows they belong to `accountId`.
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
        const plain = withUnknownsMarked(args as unknown as Record<string, unknown>, pending);
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
                runNumber: args.runNumber ?? 1,
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
