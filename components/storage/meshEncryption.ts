// Whether the mesh's encryption can replicate: every key a KMS key ARN in its bucket's region, and no SSE-S3 bucket that
// an SSE-KMS bucket replicates to.
import { parseKmsKeyArn } from "../../config/validators";

/** A bucket's encryption as the mesh checks it: `name` says which bucket in a refusal. */
export interface MeshEncryption {
    name: string;
    /** The bucket's region; undefined for account B's bucket, whose stack checked its own key's region. */
    region?: string;
    kmsKeyArn?: string;
}

/** The region in a KMS key ARN, or undefined when the text is not a key ARN. */
export function kmsKeyRegion(keyArn: string): string | undefined {
    return parseKmsKeyArn(keyArn)?.region;
}

/**
 * Why the mesh's encryption cannot replicate, or undefined; exported so it can be tested directly.
 * An SSE-KMS source needs a key on every bucket it replicates to: S3 wants a replica key in each
 * destination's region, and handing a key to an SSE-S3 destination would make its replicas SSE-KMS
 * under a key that bucket does not use (AWS managed keys cannot even cross accounts). So once one
 * regional bucket has a key, every regional bucket and the replica bucket need one. A key on the
 * replica bucket alone needs nothing from the mesh: replicas of SSE-S3 objects stay SSE-S3 (AWS:
 * the destination's default encryption is not applied to encrypted source objects).
 */
export function meshEncryptionProblem(
    regional: readonly MeshEncryption[],
    destination?: MeshEncryption,
): string | undefined {
    for (const b of meshBuckets(regional, destination)) {
        if (b.kmsKeyArn === undefined) continue;
        const keyRegion = kmsKeyRegion(b.kmsKeyArn);
        if (keyRegion === undefined)
            return `${b.name} has ${b.kmsKeyArn}, which is not a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key-id>)`;
        if (b.region !== undefined && keyRegion !== b.region)
            return `${b.name} has a KMS key in ${keyRegion}; S3 needs the bucket's key in the bucket's region ${b.region}`;
    }
    const gap = meshKeyGap(regional, destination);
    if (gap === undefined) return undefined;
    return `${gap.unencrypted.name} has no KMS key, but ${gap.encrypted.name} is SSE-KMS and replicates to it; S3 replicates SSE-KMS objects only with a replica key in each destination's region, so every bucket of the mesh needs a key once one has`;
}

/** The regional buckets, then the destination account's bucket when there is one. */
function meshBuckets<B>(regional: readonly B[], destination?: B): B[] {
    return destination ? [...regional, destination] : [...regional];
}

/** The first bucket without a key that an SSE-KMS regional bucket replicates to, with that source; undefined when none. */
export function meshKeyGap<B extends MeshEncryption>(
    regional: readonly B[],
    destination?: B,
): { encrypted: B; unencrypted: B } | undefined {
    const encrypted = regional.find((b) => b.kmsKeyArn !== undefined);
    const unencrypted = meshBuckets(regional, destination).find((b) => b.kmsKeyArn === undefined);
    return encrypted !== undefined && unencrypted !== undefined ? { encrypted, unencrypted } : undefined;
}
