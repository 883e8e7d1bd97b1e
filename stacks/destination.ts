// The `destination` role: account B's replica bucket, whose policy admits account A's replication role.
import { bucketArn, roleArn, roleName } from "../config/naming";
import { DestinationConfig } from "../config/platformConfig";
import { COPY_TAG_KEY } from "../config/destinationCopy";
import {
    REPLICA_BACKUP_OBJECT_ACTIONS,
    REPLICA_BUCKET_ACTIONS,
    REPLICA_OBJECT_ACTIONS,
} from "../components/iam/actions";
import { allowRoleOfAccount } from "../components/iam/statements";
import { destinationExistingObjects } from "./existingObjects";
import { stackAccessLogging } from "./accessLogging";
import { stackInventory } from "./inventory";
import { mainBucketName, stackBucket } from "./stackBucket";

export function destinationStack(cfg: DestinationConfig) {
    const name = mainBucketName(cfg);
    const arn = bucketArn(name);
    // The role lives in account A and is named deterministically, so this stack can grant it before the hub creates it.
    const replicationRole = roleArn(cfg.sourceAccountId, roleName(cfg.namePrefix, "replication"));
    const copy = cfg.copy;
    const backup = copy.mode === "backup";
    const replica = stackBucket(cfg, "replica", {
        useStackKey: true,
        // A backup keeps noncurrent versions (forever unless backupNoncurrentDays) and may lock them; a
        // mirror expires them like every other bucket, so a deletion in A is gone from B after that many days.
        ...(backup
            ? {
                  noncurrentVersionExpirationDays: copy.noncurrentDays ?? "never",
                  ...(copy.objectLock ? { objectLock: copy.objectLock } : {}),
              }
            : {}),
        tags: { [COPY_TAG_KEY]: copy.mode },
        policyStatements: [
            allowRoleOfAccount({
                sid: "AllowSourceReplicationObjects",
                accountId: cfg.sourceAccountId,
                roleArns: [replicationRole],
                actions: backup ? REPLICA_BACKUP_OBJECT_ACTIONS : REPLICA_OBJECT_ACTIONS,
                resources: [`${arn}/*`],
            }),
            allowRoleOfAccount({
                sid: "AllowSourceReplicationBucket",
                accountId: cfg.sourceAccountId,
                roleArns: [replicationRole],
                actions: REPLICA_BUCKET_ACTIONS,
                resources: [arn],
            }),
        ],
    });
    // Account A's operators reconcile their buckets against this replica's inventory: the source
    // account is granted read and list as an account, and its own IAM decides who inside it may.
    const inventory = stackInventory(cfg, replica, [cfg.sourceAccountId]);
    return {
        role: cfg.role,
        region: cfg.region,
        accountId: cfg.accountId,
        replicaBucketName: replica.bucketName,
        replicaBucketArn: replica.arn,
        // The hub reads these: a backup's rules replicate no delete markers, and a locked replica needs the
        // replication role to read retention and legal holds.
        destinationMode: copy.mode,
        ...(backup && copy.objectLock ? { objectLock: copy.objectLock } : {}),
        ...inventory.outputs,
        ...stackAccessLogging(cfg, "replica", replica),
        // Only when set: the hub reads them (absent = SSE-S3) to encrypt replicas and to check the batch copy grant.
        ...(cfg.kmsKeyArn !== undefined ? { kmsKeyArn: cfg.kmsKeyArn } : {}),
        ...(cfg.sourceKmsKeyArn !== undefined ? { sourceKmsKeyArn: cfg.sourceKmsKeyArn } : {}),
        // The batch copy role and its report bucket (the cross-account batch copy report: the copy job runs in this
        // account).
        ...destinationExistingObjects(cfg, { replicaBucketArn: replica.arn }),
    };
}
