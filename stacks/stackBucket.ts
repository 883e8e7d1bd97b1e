// One of this stack's own buckets, from the stack config: its name (deterministic, or the adopted bucket's), lifecycle and protection in one place.
import { composeKeptRuleIds, composeKeptStatements } from "../config/adoption";
import { ConfigError } from "../config/configReader";
import { BucketPurpose, bucketName } from "../config/naming";
import { CommonConfig } from "../config/platformConfig";
import { NamedStatement } from "../components/iam/policyDocument";
import { HardenedBucket, HardenedBucketArgs, OWN_LIFECYCLE_RULE_IDS } from "../components/storage/hardenedBucket";
import { keptLifecycleRuleInput } from "../components/storage/keptLifecycleRule";
import { denyInsecureTransport } from "../components/iam/statements";
import { bucketArn } from "../config/naming";

/** The name of this stack's bucket for `purpose` (the name other stacks derive for it too). */
export function ownBucketName(cfg: CommonConfig, purpose: BucketPurpose): string {
    return bucketName(cfg.namePrefix, purpose, cfg.accountId, cfg.region);
}

/** The purpose of the bucket `existingBucketName` stands for: the data bucket, or account B's replica. */
function adoptablePurpose(cfg: CommonConfig): BucketPurpose {
    return cfg.role === "destination" ? "replica" : "data";
}

/**
 * The name of the stack's main bucket (data, or replica on a destination stack): the adopted bucket's when
 * `existingBucketName` is set, else the deterministic one. Every other bucket keeps its derived name.
 */
export function mainBucketName(cfg: CommonConfig): string {
    return cfg.existingBucketName ?? ownBucketName(cfg, adoptablePurpose(cfg));
}

export interface StackBucketOptions {
    /** Encrypt with the stack's `kmsKeyArn` (data and replica buckets); batch buckets stay SSE-S3. @default false */
    useStackKey?: boolean;
    /** Statements joining DenyInsecureTransport in the bucket's one policy. @default [] */
    policyStatements?: NamedStatement[];
    /** Declare the rules that expire objects or noncurrent versions `Disabled` (a Batch Replication job runs). @default false */
    pauseExpiringLifecycleRules?: boolean;
    /** Overrides the stack's noncurrentVersionExpirationDays ("never": a backup keeps them). @default the stack's */
    noncurrentVersionExpirationDays?: number | "never";
    /** S3 Object Lock default retention. @default none */
    objectLock?: HardenedBucketArgs["objectLock"];
    /** Tags of the bucket when the stack creates it. @default none */
    tags?: Record<string, string>;
}

/** The hardened bucket for `purpose`, logical name = purpose; the stack's main bucket is the adopted one when configured. */
export function stackBucket(cfg: CommonConfig, purpose: BucketPurpose, opts: StackBucketOptions = {}): HardenedBucket {
    const adopting = cfg.existingBucketName !== undefined && purpose === adoptablePurpose(cfg);
    const name = adopting ? mainBucketName(cfg) : ownBucketName(cfg, purpose);
    const kept = adopting ? cfg.adopted : undefined;
    // Without what adopt kept, the stack would replace the live bucket's policy and lifecycle with its own alone.
    if (adopting && !kept) {
        throw new Error(
            `stack ${cfg.stack} adopts bucket ${name} without the settings adopt kept (adopted/${cfg.stack}.json): read them first (readAdoptedSettings)`,
        );
    }
    const policyStatements = opts.policyStatements ?? [];
    if (kept) {
        // Collisions are config errors naming the file, found before any resource is declared.
        const ours = [denyInsecureTransport(bucketArn(name)), ...policyStatements];
        composeKeptStatements(cfg.stack, ours, kept.keptPolicyStatements);
        composeKeptRuleIds(cfg.stack, OWN_LIFECYCLE_RULE_IDS, kept.keptLifecycleRules);
        for (const rule of kept.keptLifecycleRules) {
            try {
                keptLifecycleRuleInput(rule);
            } catch (e) {
                throw new ConfigError("existingBucketName", `adopted/${cfg.stack}.json: ${(e as Error).message}`);
            }
        }
    }
    return new HardenedBucket(purpose, {
        bucketName: name,
        kmsKeyArn: opts.useStackKey ? cfg.kmsKeyArn : undefined,
        noncurrentVersionExpirationDays: opts.noncurrentVersionExpirationDays ?? cfg.noncurrentVersionExpirationDays,
        protect: cfg.protectBuckets,
        policyStatements,
        pauseExpiringLifecycleRules: opts.pauseExpiringLifecycleRules,
        ...(opts.objectLock ? { objectLock: opts.objectLock } : {}),
        ...(opts.tags ? { tags: opts.tags } : {}),
        ...(kept
            ? {
                  existing: true,
                  keptPolicyStatements: kept.keptPolicyStatements,
                  keptLifecycleRules: kept.keptLifecycleRules,
              }
            : {}),
    });
}
