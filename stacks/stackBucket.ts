// One of this stack's own buckets, from the stack config: its deterministic name, lifecycle and protection in one place.
import { BucketPurpose, bucketName } from "../config/naming";
import { CommonConfig } from "../config/platformConfig";
import { NamedStatement } from "../components/iam/policyDocument";
import { HardenedBucket } from "../components/storage/hardenedBucket";

/** The name of this stack's bucket for `purpose` (the name other stacks derive for it too). */
export function ownBucketName(cfg: CommonConfig, purpose: BucketPurpose): string {
    return bucketName(cfg.namePrefix, purpose, cfg.accountId, cfg.region);
}

export interface StackBucketOptions {
    /** Encrypt with the stack's `kmsKeyArn` (data and replica buckets); batch buckets stay SSE-S3. @default false */
    useStackKey?: boolean;
    /** Statements joining DenyInsecureTransport in the bucket's one policy. @default [] */
    policyStatements?: NamedStatement[];
}

/** The hardened bucket for `purpose`, logical name = purpose. */
export function stackBucket(cfg: CommonConfig, purpose: BucketPurpose, opts: StackBucketOptions = {}): HardenedBucket {
    return new HardenedBucket(purpose, {
        bucketName: ownBucketName(cfg, purpose),
        kmsKeyArn: opts.useStackKey ? cfg.kmsKeyArn : undefined,
        noncurrentVersionExpirationDays: cfg.noncurrentVersionExpirationDays,
        protect: cfg.protectBuckets,
        policyStatements: opts.policyStatements,
    });
}
