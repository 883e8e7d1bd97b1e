// The hub's view of every bucket's SSE-KMS key: checked against each other (a refusal names the config key to set)
// and turned into the replication role's KMS grants.
import * as pulumi from "@pulumi/pulumi";
import { ReplicationKmsKey } from "../components/iam/replicationRole";
import { MeshEncryption, meshEncryptionProblem, meshKeyGap } from "../components/storage/meshEncryption";
import { ConfigError, PrimaryConfig, PROJECT } from "../config/platformConfig";
import { DestinationPeer } from "./peers";

/** One regional bucket of the hub's mesh: everything the hub wires about it, travelling together. */
export interface MeshMember {
    /** The stack that owns the bucket (and whose config sets its key). */
    stack: string;
    region: string;
    bucketName: pulumi.Output<string>;
    bucketArn: pulumi.Output<string>;
    /** The key as the stack sets it (a peer's through its outputs), before the mesh check; undefined = SSE-S3. */
    kmsKeyArn: pulumi.Output<string | undefined>;
    /** The bucket's versioning resource when the hub declares it (its own bucket only). */
    versioning?: pulumi.Resource;
}

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
    /**
     * The destination stack's `sourceKmsKeyArn` and this hub's `kmsKeyArn`: the batch copy role's grant must
     * match the hub's key. Absent when the hub does not replicate to account B (nothing there is read).
     */
    batchCopy?: { destinationStack: string; sourceKmsKeyArn?: string; hubStack: string; hubKmsKeyArn?: string };
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
    const destination = keys.destination ? named(keys.destination) : undefined;
    const gap = meshKeyGap(regional, destination);
    if (gap) {
        return new ConfigError(
            KEY,
            `config ${KEY} is not set on ${gap.unencrypted.name}; allowed: a KMS key ARN in ${gap.unencrypted.region} there, because ${gap.encrypted.name} is SSE-KMS and replicates to it (S3 replicates SSE-KMS objects only with a replica key in each destination's region, so once one regional bucket has a key every bucket of the mesh needs one)`,
        );
    }
    const problem = meshEncryptionProblem(regional, destination);
    if (problem) return new ConfigError(KEY, `config ${KEY}: ${problem}`);

    if (keys.batchCopy === undefined) return undefined;
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
    const destinations = [...keys.regional, keys.destination].filter(
        (b): b is StackBucketKey => b?.kmsKeyArn !== undefined,
    );
    return { sourceKmsKeys: encrypted.map(key), replicaKmsKeys: destinations.map(key) };
}

/**
 * Every member's key, account B's and the batch copy role's, resolved from the records and checked
 * together (meshKeysError): the Output fails with the ConfigError when the keys do not fit.
 */
export function checkedMeshKeys(
    cfg: Pick<
        PrimaryConfig,
        "stack" | "kmsKeyArn" | "destinationStack" | "replicateToDestination" | "destinationAccountId"
    >,
    members: readonly MeshMember[],
    /** Account B's stack; undefined when the hub does not replicate there. */
    destination: Pick<DestinationPeer, "region" | "replicaBucketArn" | "kmsKeyArn" | "sourceKmsKeyArn"> | undefined,
): pulumi.Output<MeshKeys> {
    const regional = pulumi.all(
        members.map((m) =>
            pulumi.all([m.bucketArn, m.kmsKeyArn]).apply(([bucketArn, kmsKeyArn]): StackBucketKey => ({
                stack: m.stack,
                region: m.region,
                bucketArn,
                kmsKeyArn,
            })),
        ),
    );
    return pulumi
        .all([
            regional,
            destination
                ? pulumi.all([
                      destination.region,
                      destination.replicaBucketArn,
                      destination.kmsKeyArn,
                      destination.sourceKmsKeyArn,
                  ])
                : undefined,
        ])
        .apply(([regionalKeys, peer]) => {
            const keys: MeshKeys = { regional: regionalKeys };
            if (peer && cfg.replicateToDestination) {
                const [destinationRegion, replicaArn, replicaKey, batchCopyKey] = peer;
                keys.destination = {
                    stack: cfg.destinationStack,
                    region: destinationRegion,
                    bucketArn: replicaArn,
                    kmsKeyArn: replicaKey,
                    accountId: cfg.destinationAccountId,
                };
                keys.batchCopy = {
                    destinationStack: cfg.destinationStack,
                    sourceKmsKeyArn: batchCopyKey,
                    hubStack: cfg.stack,
                    hubKmsKeyArn: cfg.kmsKeyArn,
                };
            }
            const error = meshKeysError(keys);
            if (error) throw error;
            return keys;
        });
}
