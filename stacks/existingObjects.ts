// Existing objects (the cross-account replication and batch copy reports): what the hub and the destination stack
// build for Batch Replication and the cross-account batch copy.
import * as pulumi from "@pulumi/pulumi";
import { bucketArn, bucketName, roleArn, roleName } from "../config/naming";
import { DestinationConfig, PrimaryConfig } from "../config/platformConfig";
import { parseKmsKeyArn } from "../config/validators";
import { batchCopyCommand } from "../components/batch/batchCopyCommand";
import { InventoryManifest, inventoryManifestFolder } from "../components/batch/inventoryManifest";
import {
    BatchOperationsRole,
    batchCopyPermissionStatements,
    batchCopySourceReadStatement,
} from "../components/iam/batchRoles";
import { NamedStatement } from "../components/iam/policyDocument";
import { HardenedBucket } from "../components/storage/hardenedBucket";
import { regionalBatchReplication } from "./batchReplication";
import { stackBucket } from "./stackBucket";

/** Account B's batch copy role, named deterministically so account A grants it without a stack output. */
export function batchCopyRoleArn(
    cfg: Pick<PrimaryConfig | DestinationConfig, "namePrefix" | "destinationAccountId">,
): string {
    return roleArn(cfg.destinationAccountId, roleName(cfg.namePrefix, "batch-copy"));
}

/**
 * The hub data bucket's statement that lets account B's batch copy role read every object (the cross-account batch copy
 * report).
 */
export function hubDataBucketBatchStatements(cfg: PrimaryConfig, dataBucketName: string): NamedStatement[] {
    return [
        batchCopySourceReadStatement({
            destinationAccountId: cfg.destinationAccountId,
            batchCopyRoleArn: batchCopyRoleArn(cfg),
            sourceBucketArn: bucketArn(dataBucketName),
        }),
    ];
}

export interface HubExistingObjectsArgs {
    /** The hub's data bucket, whose existing objects are replicated and inventoried. */
    dataBucket: HardenedBucket;
    /** Physical name of that bucket (deterministic). */
    dataBucketName: string;
    /**
     * The hub bucket's replication configuration: S3 Batch Replication refuses a bucket without one,
     * so the job waits for it. Undefined only when the hub builds no replication.
     */
    replicationConfiguration?: pulumi.Resource;
    /**
     * Account B's replica bucket and its region (from the destination's StackReference); undefined when
     * the hub does not replicate to account B, and then nothing here mentions account B's copy job.
     */
    destination?: { replicaBucketArn: pulumi.Input<string>; destinationRegion: pulumi.Input<string> };
}

/**
 * The hub's side in account A: manifest bucket + inventory (with account B's read grant), and this
 * region's Batch Replication pieces (report bucket, role, switch job). Returns the stack outputs it adds.
 */
export function hubExistingObjects(cfg: PrimaryConfig, args: HubExistingObjectsArgs) {
    const manifestBucketName = bucketName(cfg.namePrefix, "manifest", cfg.accountId, cfg.region);
    const manifest = new InventoryManifest("manifest", {
        sourceBucketName: args.dataBucket.bucketName,
        sourceBucketArn: bucketArn(args.dataBucketName),
        sourceAccountId: cfg.accountId,
        manifestBucketName,
        // Account B's batch copy role reads the manifests only when the hub replicates to account B.
        ...(args.destination
            ? { destinationAccountId: cfg.destinationAccountId, batchCopyRoleArn: batchCopyRoleArn(cfg) }
            : {}),
        operatorPrincipals: cfg.operatorPrincipals,
        noncurrentVersionExpirationDays: cfg.noncurrentVersionExpirationDays,
        protect: cfg.protectBuckets,
    });

    // This region's report bucket, Batch Replication role and (switch) job, built like every regional stack's.
    const batchReplication = regionalBatchReplication(cfg, {
        dataBucket: args.dataBucket,
        manifestBucketArn: manifest.bucketArn,
        replicationConfiguration: args.replicationConfiguration,
    });

    const manifestFolder = inventoryManifestFolder(manifestBucketName, args.dataBucketName);
    const destination = args.destination;
    return {
        manifestBucketName: manifest.bucketName,
        manifestBucketArn: manifest.bucketArn,
        inventoryManifestFolder: manifestFolder,
        ...batchReplication,
        ...(destination
            ? {
                  batchCopyCommand: pulumi
                      .all([destination.destinationRegion, destination.replicaBucketArn])
                      .apply(([destinationRegion, targetBucketArn]) =>
                          batchCopyCommand({
                              destinationAccountId: cfg.destinationAccountId,
                              destinationRegion,
                              batchCopyRoleArn: batchCopyRoleArn(cfg),
                              targetBucketArn,
                              reportBucketName: bucketName(
                                  cfg.namePrefix,
                                  "reports",
                                  cfg.destinationAccountId,
                                  destinationRegion,
                              ),
                              manifestBucketName,
                              manifestRegion: cfg.region,
                              manifestFolder,
                          }),
                      ),
              }
            : {}),
    };
}

/**
 * Account B's side: the role its S3 Batch Operations Copy job runs as (the cross-account batch copy report: the job
 * runs in the destination account) and the bucket its completion reports go to.
 */
export function destinationExistingObjects(cfg: DestinationConfig, args: { replicaBucketArn: pulumi.Input<string> }) {
    // Same account as the role that writes it: the role's identity policy is the grant, and the bucket
    // policy stays DenyInsecureTransport alone. SSE-S3 for the same reason as account A's reports.
    const reports = stackBucket(cfg, "reports");
    const role = new BatchOperationsRole("batch-copy-role", {
        roleName: roleName(cfg.namePrefix, "batch-copy"),
        description:
            "Assumed by S3 Batch Operations to copy account A's existing objects, listed by its inventory, into the replica bucket.",
        statements: batchCopyPermissionStatements({
            sourceBucketArn: bucketArn(sourceBucketPattern(cfg, "data")),
            manifestBucketArn: bucketArn(sourceBucketPattern(cfg, "manifest")),
            targetBucketArn: args.replicaBucketArn,
            reportBucketArn: reports.arn,
            targetKmsKeyArn: cfg.kmsKeyArn,
            sourceKms: hubBucketKms(cfg),
        }),
    });
    return {
        batchCopyRoleArn: role.arn,
        reportBucketName: reports.bucketName,
        reportBucketArn: reports.arn,
    };
}

/**
 * The hub data bucket's key for the batch copy role, from `sourceKmsKeyArn`. S3 requires a bucket's
 * key in the bucket's region, so the key ARN names the hub's region and with it the exact bucket.
 */
export function hubBucketKms(
    cfg: Pick<DestinationConfig, "namePrefix" | "sourceAccountId" | "sourceKmsKeyArn">,
): { keyArn: string; region: string; bucketArn: string } | undefined {
    if (cfg.sourceKmsKeyArn === undefined) return undefined;
    // parseConfig admitted only an exact key ARN of account A here.
    const region = parseKmsKeyArn(cfg.sourceKmsKeyArn)!.region;
    return {
        keyArn: cfg.sourceKmsKeyArn,
        region,
        bucketArn: bucketArn(bucketName(cfg.namePrefix, "data", cfg.sourceAccountId, region)),
    };
}

/**
 * `<prefix>-<purpose>-<account A>-*`: account A's bucket of that purpose in whichever region the hub
 * is, which this stack's config does not name. The wildcard widens nothing in effect: reading another
 * account's bucket needs that bucket's policy too, and account A grants this role on the hub's data
 * and manifest buckets alone, by exact ARN.
 */
export function sourceBucketPattern(
    cfg: Pick<DestinationConfig, "namePrefix" | "sourceAccountId">,
    purpose: "data" | "manifest",
): string {
    return bucketName(cfg.namePrefix, purpose, cfg.sourceAccountId, "*");
}
