// The `primary` role (the hub, e.g. Tokyo): its data bucket plus everything that spans regions and accounts.
import * as pulumi from "@pulumi/pulumi";
import { bucketName } from "../config/naming";
import { PrimaryConfig } from "../config/platformConfig";
import { HardenedBucket } from "../components/storage/hardenedBucket";
import { dataBucketStatements } from "./dataBucketPolicy";
import { destinationPeer, secondaryPeer } from "./peers";

export function primaryStack(cfg: PrimaryConfig) {
    const secondaries = cfg.secondaries.map((s) => secondaryPeer(s));
    const destination = destinationPeer(cfg.destinationStack);

    const name = bucketName(cfg.namePrefix, "data", cfg.accountId, cfg.region);
    const data = new HardenedBucket("data", {
        bucketName: name,
        kmsKeyArn: cfg.kmsKeyArn,
        noncurrentVersionExpirationDays: cfg.noncurrentVersionExpirationDays,
        protect: cfg.protectBuckets,
        policyStatements: dataBucketStatements(cfg, name),
    });

    const regionalBuckets = [
        { stack: cfg.stack, region: cfg.region, bucketName: data.bucketName, bucketArn: data.arn },
        ...secondaries.map((s) => ({ stack: s.stack, region: s.region, bucketName: s.bucketName, bucketArn: s.bucketArn })),
    ];
    return {
        role: cfg.role,
        region: cfg.region,
        accountId: cfg.accountId,
        sourceAccountId: cfg.sourceAccountId,
        bucketName: data.bucketName,
        bucketArn: data.arn,
        regionalBuckets,
        destinationBucket: pulumi.output({
            accountId: destination.accountId,
            region: destination.region,
            bucketName: destination.replicaBucketName,
            bucketArn: destination.replicaBucketArn,
        }),
    };
}
