// The hub's view of every bucket's SSE-KMS key: checked against each other (a refusal names the config key to set) and turned into the replication role's KMS grants.
import { ReplicationKmsKey } from "../components/iam/replicationRole";
import { MeshEncryption, meshEncryptionProblem, meshKeyGap } from "../components/storage/replicationMesh";
import { ConfigError, PROJECT } from "../config/platformConfig";

/** A bucket of the mesh with its resolved key, named after the stack whose config sets that key. */
export interface StackBucketKey {
    stack: string;
    /** The bucket's region (the destination's comes from its stack's outputs). */
    region: string;
    bucketArn: string;
    kmsKeyArn?: string;
    /** Set for account B's replica bucket. */
    accountId?: string;
}

export interface MeshKeys {
    /** The hub first, then the secondaries in config order. */
    regional: StackBucketKey[];
    /** Account B's replica bucket when the hub replicates there. @default none */
    destination?: StackBucketKey;
    /** The destination stack's `sourceKmsKeyArn` and this hub's `kmsKeyArn`: the batch copy role's grant must match the hub's key. */
    batchCopy: { destinationStack: string; sourceKmsKeyArn?: string; hubStack: string; hubKmsKeyArn?: string };
}

const KEY = `${PROJECT}:kmsKeyArn`;

/**
 * The ConfigError the hub raises for keys that do not fit together, or undefined. Checked here, not
 * in parseConfig, because only the hub sees its peers' keys (their StackReference outputs).
 */
export function meshKeysError(keys: MeshKeys): ConfigError | undefined {
    const named = (b: StackBucketKey): MeshEncryption & StackBucketKey => ({
        ...b,
        name: b.accountId ? `stack ${b.stack} (account ${b.accountId}, ${b.region})` : `stack ${b.stack} (${b.region})`,
    });
    const regional = keys.regional.map(named);
    const destination = keys.destination ? { ...named(keys.destination), region: keys.destination.region } : undefined;
    const gap = meshKeyGap(regional, destination);
    if (gap) {
        return new ConfigError(
            KEY,
            `config ${KEY} is not set on ${gap.unencrypted.name}; allowed: a KMS key ARN in ${gap.unencrypted.region} there, because ${gap.encrypted.name} is SSE-KMS and replicates to it (S3 replicates SSE-KMS objects only with a replica key in each destination's region, so once one regional bucket has a key every bucket of the mesh needs one)`,
        );
    }
    const problem = meshEncryptionProblem(regional, destination);
    if (problem) return new ConfigError(KEY, `config ${KEY}: ${problem}`);

    const { destinationStack, sourceKmsKeyArn, hubStack, hubKmsKeyArn } = keys.batchCopy;
    if (sourceKmsKeyArn !== hubKmsKeyArn) {
        const sourceKey = `${PROJECT}:sourceKmsKeyArn`;
        const shown = sourceKmsKeyArn === undefined ? "is not set" : `= ${JSON.stringify(sourceKmsKeyArn)}`;
        const allowed =
            hubKmsKeyArn === undefined
                ? "unset, since the hub bucket is SSE-S3"
                : `${hubKmsKeyArn}, stack ${hubStack}'s kmsKeyArn, so the batch copy role can decrypt the objects it copies`;
        return new ConfigError(
            sourceKey,
            `config ${sourceKey} ${shown} on stack ${destinationStack}; allowed: ${allowed}`,
        );
    }
    return undefined;
}

/**
 * The replication role's KMS grants: decrypt with every source bucket's key, encrypt with the key of
 * every bucket an SSE-KMS source replicates to. Keys are all-or-nothing across the regional buckets
 * (meshKeysError), so with no regional key there is nothing to grant: a key on account B's bucket
 * alone is never used by replication (replicas of SSE-S3 objects stay SSE-S3).
 */
export function replicationKmsKeys(keys: Pick<MeshKeys, "regional" | "destination">): {
    sourceKmsKeys: ReplicationKmsKey[];
    replicaKmsKeys: ReplicationKmsKey[];
} {
    const encrypted = keys.regional.filter((b) => b.kmsKeyArn !== undefined);
    if (encrypted.length === 0) return { sourceKmsKeys: [], replicaKmsKeys: [] };
    const key = (b: StackBucketKey): ReplicationKmsKey => ({
        keyArn: b.kmsKeyArn!,
        bucketArn: b.bucketArn,
        ...(b.accountId ? { accountId: b.accountId } : {}),
    });
    const destinations = [...keys.regional, ...(keys.destination ? [keys.destination] : [])].filter(
        (b) => b.kmsKeyArn !== undefined,
    );
    return { sourceKmsKeys: encrypted.map(key), replicaKmsKeys: destinations.map(key) };
}
