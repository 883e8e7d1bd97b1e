// The `secondary` role: one regional data bucket of account A (e.g. Osaka). The hub wires replication and the MRAP.
import { bucketArn, bucketName } from "../config/naming";
import { SecondaryConfig } from "../config/platformConfig";
import { accountMultiRegionAccessPoints } from "../components/network/endpointPolicy";
import { dataBucketStatements } from "./dataBucketPolicy";
import { stackAccessLogging } from "./accessLogging";
import { regionalBatchReplication } from "./batchReplication";
import { stackInventory } from "./inventory";
import { stackNetwork } from "./network";
import { mainBucketName, stackBucket } from "./stackBucket";

export function secondaryStack(cfg: SecondaryConfig) {
    const data = stackBucket(cfg, "data", {
        useStackKey: true,
        policyStatements: dataBucketStatements(cfg, mainBucketName(cfg)),
        // Lifecycle expiry waits while this bucket's Batch Replication job runs (lifecyclePause.ts).
        pauseExpiringLifecycleRules: cfg.batchReplicationJob,
    });
    const inventory = stackInventory(cfg, data);
    // This bucket's own Batch Replication (report bucket, role, switch job): objects already in it, or
    // whose replication failed, reach the hub's region and account B only through a job in this region.
    const batchReplication = regionalBatchReplication(cfg, {
        dataBucket: data,
        manifestBucketArn: inventory.manifest.bucketArn,
    });
    const logging = stackAccessLogging(cfg, "data", data);
    // Nothing reads the hub, so the MRAP's alias (and the hub's region) are unknown here: the endpoints
    // allow every data bucket of this platform in account A (names are deterministic up to the region)
    // and account A's MRAPs; the policy also pins the resource account.
    const network = cfg.network
        ? stackNetwork(cfg, cfg.network, {
              bucketName: data.bucketName,
              bucketArns: [bucketArn(bucketName(cfg.namePrefix, "data", cfg.accountId, "*"))],
              accessPointArns: [accountMultiRegionAccessPoints(cfg.accountId)],
          })
        : undefined;
    return {
        role: cfg.role,
        region: cfg.region,
        accountId: cfg.accountId,
        bucketName: data.bucketName,
        bucketArn: data.arn,
        ...inventory.outputs,
        ...batchReplication,
        ...logging,
        // Only when set: the hub reads it (absent = SSE-S3) to build this bucket's KMS replication rules and grants.
        ...(cfg.kmsKeyArn !== undefined ? { kmsKeyArn: cfg.kmsKeyArn } : {}),
        ...(network ? { network } : {}),
    };
}
