// The `secondary` role: one regional data bucket of account A (e.g. Osaka). The hub wires replication and the MRAP.
import { bucketName } from "../config/naming";
import { SecondaryConfig } from "../config/platformConfig";
import { HardenedBucket } from "../components/storage/hardenedBucket";
import { dataBucketStatements } from "./dataBucketPolicy";

export function secondaryStack(cfg: SecondaryConfig) {
    const name = bucketName(cfg.namePrefix, "data", cfg.accountId, cfg.region);
    const data = new HardenedBucket("data", {
        bucketName: name,
        kmsKeyArn: cfg.kmsKeyArn,
        noncurrentVersionExpirationDays: cfg.noncurrentVersionExpirationDays,
        protect: cfg.protectBuckets,
        policyStatements: dataBucketStatements(cfg, name),
    });
    return {
        role: cfg.role,
        region: cfg.region,
        accountId: cfg.accountId,
        bucketName: data.bucketName,
        bucketArn: data.arn,
    };
}
