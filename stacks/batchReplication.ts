// Batch Replication of one regional bucket's existing objects, built by the stack that owns the bucket: its report
// bucket, role and (switch) job, in that bucket's own region and account.
import * as pulumi from "@pulumi/pulumi";
import { batchReplicationRoleName } from "../config/naming";
import { PrimaryConfig, SecondaryConfig } from "../config/platformConfig";
import { BatchReplicationJob } from "../components/batch/batchReplicationJob";
import { BatchOperationsRole, batchReplicationPermissionStatements } from "../components/iam/batchRoles";
import { HardenedBucket } from "../components/storage/hardenedBucket";
import { stackAwsCaller } from "./awsCaller";
import { stackBucket } from "./stackBucket";

/** Key prefix, in the regional manifest bucket, of the manifests S3 generates for the job. */
export const GENERATED_MANIFEST_PREFIX = "batch-replication-manifests";

export interface RegionalBatchReplicationArgs {
    /** The stack's data bucket, whose existing objects the job replicates (its expiring lifecycle rules paused while the switch is on). */
    dataBucket: HardenedBucket;
    /** ARN of the stack's manifest bucket (same account and region): where the job saves its generated manifest. */
    manifestBucketArn: pulumi.Output<string>;
    /**
     * The data bucket's replication configuration, when this stack declares it (the hub): S3 refuses Batch
     * Replication of a bucket without one, so the job waits for it. A secondary's configuration belongs to
     * the hub's stack; its job's provider checks for it before CreateJob instead. @default none
     */
    replicationConfiguration?: pulumi.Resource;
}

/**
 * The report bucket, the Batch Replication role and, when `batchReplicationJob` is on, the job of this
 * stack's data bucket, with statuses NONE and FAILED: objects that predate the replication configuration
 * and objects whose replication failed (S3 never retries a failed replication by itself).
 *
 * Every piece is this stack's own, in its own region, because a job only runs in its bucket's region and
 * is created with the credentials of the stack that owns the bucket:
 * - the report bucket is a separate `reports` bucket per region, as on the hub, not a prefix of the
 *   manifest bucket: reports list every key of the bucket and its failures, and keeping them apart keeps
 *   the manifest bucket's read grants (operators, account B) off them; one shape for every region.
 * - the role is per region too: one role per bucket names exactly one source, report and manifest
 *   location, and the secondary stack owns it, so its job can wait for the role's policy in the same
 *   `up` (the hub's role is created only after the secondary stacks are deployed).
 */
export function regionalBatchReplication(cfg: PrimaryConfig | SecondaryConfig, args: RegionalBatchReplicationArgs) {
    // Same account as the role that writes it: its identity policy is the grant, and the bucket policy
    // stays DenyInsecureTransport alone. SSE-S3: reports hold keys and statuses, not data, and a KMS key
    // would need grants for every writer.
    const reports = stackBucket(cfg, "reports");
    const hub = cfg.role === "primary";
    const role = new BatchOperationsRole("batch-replication-role", {
        roleName: batchReplicationRoleName(cfg.namePrefix, cfg.region, hub),
        description: `Assumed by S3 Batch Operations to replicate the existing objects of the ${cfg.region} data bucket through its replication configuration.`,
        statements: batchReplicationPermissionStatements({
            sourceBucketArn: args.dataBucket.arn,
            reportBucketArn: reports.arn,
            manifestOutput: { bucketArn: args.manifestBucketArn, prefix: GENERATED_MANIFEST_PREFIX },
        }),
    });

    const job = cfg.batchReplicationJob
        ? new BatchReplicationJob(
              "batch-replication",
              {
                  accountId: cfg.accountId,
                  region: cfg.region,
                  sourceBucketArn: args.dataBucket.arn,
                  roleArn: role.arn,
                  reportBucketArn: reports.arn,
                  // Saved beside the bucket's inventories: the list of what the job set out to replicate,
                  // readable while a long job still runs (the report comes only at its end).
                  manifestOutputBucketArn: args.manifestBucketArn,
                  manifestOutputPrefix: GENERATED_MANIFEST_PREFIX,
                  objectReplicationStatuses: ["NONE", "FAILED"],
                  description: `Replicate existing and failed objects of the ${cfg.region} data bucket (s3-multiregion)`,
                  runNumber: cfg.batchReplicationRunNumber,
                  // Created with this stack's credentials, checked by STS to be account A's.
                  ...stackAwsCaller(),
                  roleCreatedAt: role.role.createDate,
              },
              // A role without its permission policy fails while S3 prepares the manifest; S3 refuses Batch
              // Replication of a bucket without a replication configuration.
              {
                  dependsOn: [role.policy, ...(args.replicationConfiguration ? [args.replicationConfiguration] : [])],
              },
          )
        : undefined;

    return {
        reportBucketName: reports.bucketName,
        reportBucketArn: reports.arn,
        batchReplicationRoleArn: role.arn,
        ...(job
            ? {
                  batchReplicationJob: { jobId: job.jobId, status: job.status, reportLocation: job.reportLocation },
                  // What stays paused until the switch goes off: `pulumi stack output` shows it beside the job.
                  lifecyclePausedRules: args.dataBucket.pausedLifecycleRuleIds,
              }
            : {}),
    };
}
