// Error advice for Batch Replication jobs: one sentence naming the job, the failed action, the AWS error code and the
// likely fix from the field reports' pitfalls.
import { BatchReplicationJobInputs, bucketNameOfArn } from "./batchJobInputs";

// The provider's code is serialized with Pulumi's closure serializer (see batchJobProvider.ts): functions
// here refer only to plain function declarations and module-private constants, and load Node
// modules with `require` inside function bodies.

/** The most likely fix for an S3 Control error code or job failure reason, from the field reports' pitfalls. */
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
export function jobLabel(inputs: BatchReplicationJobInputs, token: string, jobId?: string): string {
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
