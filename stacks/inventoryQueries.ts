// The hub's Athena side of reconciling: a workgroup whose results land in a hardened bucket of account A,
// and a database where `npm run reconcile --engine athena` creates its tables over the inventories.
import * as aws from "@pulumi/aws";
import { PrimaryConfig } from "../config/platformConfig";
import { ownBucketName, stackBucket } from "./stackBucket";

/** Athena database names take letters, digits and underscores only. */
export function athenaDatabaseName(prefix: string): string {
    return `${prefix.replace(/-/g, "_")}_inventory`;
}

export function athenaWorkgroupName(prefix: string): string {
    return `${prefix}-reconcile`;
}

export function inventoryQueries(cfg: PrimaryConfig) {
    // Only account A's operators query here, with their own IAM permissions: the bucket policy stays
    // DenyInsecureTransport alone, as for the batch reports. SSE-S3: results hold keys, not data.
    const results = stackBucket(cfg, "athena");
    const bucketName = ownBucketName(cfg, "athena");
    const workgroup = new aws.athena.Workgroup("reconcile", {
        name: athenaWorkgroupName(cfg.namePrefix),
        description: "Reconciles S3 Inventories of the platform's buckets (npm run reconcile -- --engine athena).",
        forceDestroy: false,
        configuration: {
            // Users cannot point results elsewhere (a public or foreign bucket) from the client.
            enforceWorkgroupConfiguration: true,
            publishCloudwatchMetricsEnabled: true,
            resultConfiguration: {
                outputLocation: `s3://${bucketName}/results/`,
                expectedBucketOwner: cfg.accountId,
                encryptionConfiguration: { encryptionOption: "SSE_S3" },
            },
        },
    });
    const database = new aws.athena.Database(
        "inventory",
        {
            name: athenaDatabaseName(cfg.namePrefix),
            bucket: results.bucketName,
            expectedBucketOwner: cfg.accountId,
            encryptionConfiguration: { encryptionOption: "SSE_S3" },
            comment: "Tables over the platform's S3 Inventory reports, created by npm run reconcile.",
            forceDestroy: false,
        },
        // The database's DDL results go to the bucket: it must be hardened (and policy'd) first.
        { dependsOn: [results.policy] },
    );
    return {
        athenaWorkgroup: workgroup.name,
        athenaDatabase: database.name,
        athenaResultsBucketName: results.bucketName,
    };
}
