// Before a Batch Replication job is created: its bucket must have a replication configuration with an enabled rule,
// which on a secondary another stack (the hub) creates.
import type { BatchJobClientConfig } from "./batchJobCaller";

// The provider's code is serialized with Pulumi's closure serializer (see batchJobProvider.ts): functions
// here refer only to plain function declarations, and load the SDK with `require` inside function bodies.

/** One rule of a replication configuration, as S3 GetBucketReplication returns it; only its status matters here. */
export interface ReplicationRuleStatus {
    ID?: string;
    Status?: string;
}

/**
 * Why the bucket cannot have a Batch Replication job yet, as one line; undefined when it can. S3 refuses
 * CreateJob for a bucket without a replication configuration, and a job over rules that are all disabled
 * finds no object eligible. On the hub the job waits for the configuration (dependsOn); a secondary's
 * configuration is the hub's resource, deployed after it, so the first `up` with the switch on can
 * come too early.
 */
export function sourceReplicationProblem(
    bucket: string,
    rules: ReplicationRuleStatus[] | undefined,
): string | undefined {
    const hint =
        "the hub stack writes every regional bucket's replication configuration: deploy the hub, then run pulumi up on this stack again";
    if (rules === undefined) {
        return `Batch Replication job for bucket ${bucket}: the bucket has no replication configuration, and S3 Batch Replication replicates only through one; ${hint}.`;
    }
    if (!rules.some((r) => r.Status === "Enabled")) {
        return `Batch Replication job for bucket ${bucket}: no rule of its replication configuration is Enabled (${rules.map((r) => r.ID ?? "(no id)").join(", ") || "no rules"}), so no object is eligible; ${hint}.`;
    }
    return undefined;
}

/**
 * Reads the bucket's replication configuration (S3 GetBucketReplication) with the job's checked client
 * settings and throws the one line of {@link sourceReplicationProblem}; any other S3 error is one line too.
 */
export async function checkSourceReplication(config: BatchJobClientConfig, bucket: string): Promise<void> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily: the dynamic provider is serialized and must not capture the SDK
    const s3 = require("@aws-sdk/client-s3") as typeof import("@aws-sdk/client-s3");
    // Path-style only against a test endpoint (moto_server on loopback), which has no bucket subdomains.
    const client = new s3.S3Client({ ...config, ...(config.endpoint ? { forcePathStyle: true } : {}) });
    let rules: ReplicationRuleStatus[] | undefined;
    try {
        const answer = await client.send(new s3.GetBucketReplicationCommand({ Bucket: bucket }));
        rules = answer.ReplicationConfiguration?.Rules ?? [];
    } catch (err) {
        if ((err as { name?: string }).name !== "ReplicationConfigurationNotFoundError") {
            throw new Error(
                `Batch Replication job for bucket ${bucket}: its replication configuration could not be read (S3 GetBucketReplication): ${(err as Error).message}`,
                { cause: err },
            );
        }
    }
    const problem = sourceReplicationProblem(bucket, rules);
    if (problem) throw new Error(problem);
}
