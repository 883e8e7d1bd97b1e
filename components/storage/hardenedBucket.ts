// The one way this project makes a bucket: versioned, ACLs off, encrypted, never public, one composed policy.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { bucketArn, bucketNameProblem } from "../../config/naming";
import { NamedStatement, policyJson } from "../iam/policyDocument";
import { denyInsecureTransport } from "../iam/statements";
import { keptLifecycleRuleInput } from "./keptLifecycleRule";
import { pausedRuleIds, withExpiryPaused } from "./lifecyclePause";
import { ALL_PUBLIC_ACCESS_BLOCKED } from "./publicAccessBlock";

/** Rule IDs of the lifecycle configuration every hardened bucket carries; a kept rule may not reuse them. */
export const OWN_LIFECYCLE_RULE_IDS = ["expire-noncurrent-versions", "abort-incomplete-multipart-uploads"] as const;

export interface HardenedBucketArgs {
    /** Physical bucket name, from the naming module (deterministic: other stacks derive it too). */
    bucketName: string;
    /** KMS key ARN for SSE-KMS default encryption. @default SSE-S3 (AES256) */
    kmsKeyArn?: pulumi.Input<string>;
    /** Days until noncurrent versions expire; "never" keeps them (a backup). @default 90 */
    noncurrentVersionExpirationDays?: number | "never";
    /**
     * S3 Object Lock default retention: every new version is locked for `days` from its creation. Enabled
     * through PutObjectLockConfiguration, which AWS accepts on a versioned bucket, new or existing.
     * @default none
     */
    objectLock?: { mode: "GOVERNANCE" | "COMPLIANCE"; days: number };
    /** Tags of a bucket this program creates; an adopted bucket's tags are left as they are. @default none */
    tags?: Record<string, string>;
    /**
     * Extra bucket policy statements, each named by its Sid. They join `DenyInsecureTransport` in the
     * bucket's single policy: a second BucketPolicy resource would overwrite the first (the cross-account batch copy
     * report).
     * @default []
     */
    policyStatements?: NamedStatement[];
    /** Mark the bucket protected so `pulumi destroy` refuses it; it is retained on delete regardless. @default true */
    protect?: boolean;
    /** Region of the bucket when it is not the provider's. @default the provider's region */
    region?: pulumi.Input<string>;
    /**
     * Adopt the live bucket named `bucketName` instead of creating it. The bucket is read, never created,
     * replaced or deleted; its settings resources are retained on delete, so a destroy leaves the live
     * bucket as the stack left it. @default false
     */
    existing?: boolean;
    /** Live statements `adopt` kept (by Sid); they join the one policy after the stack's own. @default [] */
    keptPolicyStatements?: ReadonlyArray<{ Sid: string; [field: string]: unknown }>;
    /** Live lifecycle rules `adopt` kept (S3 API shape, by ID); they join the one lifecycle configuration. @default [] */
    keptLifecycleRules?: ReadonlyArray<{ ID: string; [field: string]: unknown }>;
    /**
     * Declare every lifecycle rule that expires objects or noncurrent versions (kept rules included)
     * `Disabled`, while a Batch Replication job of this bucket runs (see lifecyclePause.ts). @default false
     */
    pauseExpiringLifecycleRules?: boolean;
}

/** Reasons HardenedBucketArgs would be refused, or undefined; exported so it can be tested directly. */
export function validateHardenedBucketArgs(args: HardenedBucketArgs, sids: readonly string[]): string | undefined {
    const problem = bucketNameProblem(args.bucketName);
    if (problem) return `bucket name ${args.bucketName} ${problem}`;
    const days = args.noncurrentVersionExpirationDays;
    if (days !== undefined && days !== "never" && (!Number.isInteger(days) || days < 1))
        return `noncurrentVersionExpirationDays must be a positive integer or "never", got ${days}`;
    const lock = args.objectLock;
    if (lock !== undefined && (!["GOVERNANCE", "COMPLIANCE"].includes(lock.mode) || !Number.isInteger(lock.days)))
        return `objectLock must be GOVERNANCE or COMPLIANCE with a whole number of days, got ${JSON.stringify(lock)}`;
    if (lock !== undefined && (lock.days < 1 || lock.days > 36500))
        return `objectLock.days must be from 1 to 36500 (what S3 Object Lock accepts), got ${lock.days}`;
    const seen = new Set<string>();
    for (const sid of sids) {
        if (!/^[A-Za-z0-9]+$/.test(sid)) return `policy statement Sid ${JSON.stringify(sid)} must be alphanumeric`;
        if (seen.has(sid)) return `policy statement Sid ${sid} appears twice in the policy of ${args.bucketName}`;
        seen.add(sid);
    }
    return undefined;
}

/** Sids or rule IDs the kept settings would repeat; the stack checks collisions with its own first (naming the file). */
function keptSettingsProblem(args: HardenedBucketArgs, sids: readonly string[]): string | undefined {
    if ((args.keptPolicyStatements?.length || args.keptLifecycleRules?.length) && !args.existing)
        return `kept policy statements and lifecycle rules belong to an adopted bucket (existing: true) only`;
    const seen = new Set<string>();
    for (const sid of sids) {
        if (seen.has(sid)) return `policy statement Sid ${sid} appears twice in the policy of ${args.bucketName}`;
        seen.add(sid);
    }
    // Stryker disable next-line ArrayDeclaration: a made-up default list adds one ID, which cannot repeat another
    const ids = [...OWN_LIFECYCLE_RULE_IDS, ...(args.keptLifecycleRules ?? []).map((r) => r.ID)];
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup) return `lifecycle rule ID ${dup} appears twice in the lifecycle configuration of ${args.bucketName}`;
    return undefined;
}

export class HardenedBucket extends pulumi.ComponentResource {
    /** True when the bucket was adopted (read), not created. */
    readonly adopted: boolean;
    readonly bucket: aws.s3.Bucket;
    /** Replication configurations must depend on this: S3 refuses replication on an unversioned bucket. */
    readonly versioning: aws.s3.BucketVersioning;
    readonly policy: aws.s3.BucketPolicy;
    /** IDs of the lifecycle rules declared `Disabled` by `pauseExpiringLifecycleRules`; empty otherwise. */
    readonly pausedLifecycleRuleIds: string[];
    readonly bucketName: pulumi.Output<string>;
    readonly arn: pulumi.Output<string>;

    constructor(name: string, args: HardenedBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        // Validated before super(): a refused bucket must not leave even its component registered.
        const arn = bucketArn(args.bucketName);
        const statements = [denyInsecureTransport(arn), ...(args.policyStatements ?? [])];
        const kept = args.keptPolicyStatements ?? [];
        const problem =
            validateHardenedBucketArgs(
                args,
                statements.map((s) => s.Sid),
            ) ?? keptSettingsProblem(args, [...statements.map((s) => s.Sid), ...kept.map((s) => s.Sid)]);
        if (problem) throw new Error(`${name}: ${problem}`);
        const keptRules = (args.keptLifecycleRules ?? []).map((r) => keptLifecycleRuleInput(r));
        super("s3-multiregion:storage:HardenedBucket", name, {}, opts);

        const region = args.region;
        // An adopted bucket's settings outlive the stack like its data: a destroy must not strip the
        // live bucket of its policy (kept statements included), encryption or lifecycle.
        const child = { parent: this, ...(args.existing ? { retainOnDelete: true } : {}) };
        this.adopted = args.existing ?? false;
        this.bucket = args.existing
            ? // Read, not imported: a read resource is never created, replaced or deleted by any later
              // change, needs no inputs that match the live bucket exactly (import fails on any
              // difference, e.g. tags or Object Lock), and leaves tags and the like as they are. The
              // settings the platform needs are separate resources below, so nothing is lost by reading.
              // An unset region is dropped when the state is serialized: the provider's region then.
              aws.s3.Bucket.get(name, args.bucketName, { region }, { parent: this })
            : new aws.s3.Bucket(
                  name,
                  {
                      bucket: args.bucketName,
                      forceDestroy: false,
                      region,
                      ...(args.objectLock ? { objectLockEnabled: true } : {}),
                      ...(args.tags ? { tags: args.tags } : {}),
                  },
                  // Data outlives the stack: `pulumi destroy` drops the bucket from state but never deletes it.
                  // objectLockEnabled replaces a bucket when it changes: a bucket created without it gets Object
                  // Lock from the configuration resource below instead, so turning it on never replaces data.
                  {
                      ...child,
                      retainOnDelete: true,
                      protect: args.protect ?? true,
                      ignoreChanges: ["objectLockEnabled"],
                  },
              );
        const bucket = this.bucket.bucket;

        // Retained like the bucket: deleting this resource would suspend versioning, which breaks replication.
        this.versioning = new aws.s3.BucketVersioning(
            `${name}-versioning`,
            { bucket, region, versioningConfiguration: { status: "Enabled" } },
            { ...child, retainOnDelete: true },
        );

        // BucketOwnerEnforced turns ACLs off: every object (inventory files, batch reports, replicas)
        // belongs to the bucket owner, the fix for the cross-account batch copy report's "manifest owned by another
        // account".
        const ownership = new aws.s3.BucketOwnershipControls(
            `${name}-ownership`,
            { bucket, region, rule: { objectOwnership: "BucketOwnerEnforced" } },
            child,
        );

        const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
            `${name}-public-access-block`,
            {
                bucket,
                region,
                ...ALL_PUBLIC_ACCESS_BLOCKED,
            },
            child,
        );

        new aws.s3.BucketServerSideEncryptionConfiguration(
            `${name}-encryption`,
            {
                bucket,
                region,
                rules: [
                    args.kmsKeyArn
                        ? {
                              applyServerSideEncryptionByDefault: {
                                  sseAlgorithm: "aws:kms",
                                  kmsMasterKeyId: args.kmsKeyArn,
                              },
                              bucketKeyEnabled: true,
                          }
                        : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
                ],
            },
            child,
        );

        this.policy = new aws.s3.BucketPolicy(
            `${name}-policy`,
            { bucket, region, policy: policyJson([...statements, ...(kept as unknown as NamedStatement[])]) },
            // S3 answers OperationAborted to concurrent changes of one bucket's access settings, and a
            // policy put before the public access block exists is judged against the account default.
            { ...child, dependsOn: [publicAccessBlock, ownership] },
        );

        // Request metrics for the whole bucket (the MRAP field report, step 8): the CloudWatch request graphs.
        new aws.s3.BucketMetric(`${name}-metrics`, { bucket, region, name: "EntireBucket" }, child);

        if (args.objectLock) {
            // Retained: Object Lock cannot be turned off, and deleting this resource would only drop the
            // default retention, leaving new versions unlocked. Versioning first: S3 refuses Object Lock on
            // an unversioned bucket.
            new aws.s3.BucketObjectLockConfiguration(
                `${name}-object-lock`,
                {
                    bucket,
                    region,
                    objectLockEnabled: "Enabled",
                    rule: { defaultRetention: { mode: args.objectLock.mode, days: args.objectLock.days } },
                },
                { ...child, retainOnDelete: true, dependsOn: [this.versioning] },
            );
        }

        const expiry = args.noncurrentVersionExpirationDays ?? 90;
        const lifecycleRules = [
            // "never": no rule at all, so no version of a backup is ever expired by lifecycle.
            ...(expiry === "never"
                ? []
                : [
                      {
                          id: OWN_LIFECYCLE_RULE_IDS[0],
                          status: "Enabled",
                          filter: {},
                          noncurrentVersionExpiration: { noncurrentDays: expiry },
                      },
                  ]),
            {
                id: OWN_LIFECYCLE_RULE_IDS[1],
                status: "Enabled",
                filter: {},
                abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
            },
            // The adopted bucket's own rules, kept by `adopt`: S3 has one lifecycle configuration
            // per bucket, and writing ours alone would erase them.
            ...keptRules,
        ];
        const paused = args.pauseExpiringLifecycleRules ?? false;
        this.pausedLifecycleRuleIds = pausedRuleIds(lifecycleRules, paused);
        new aws.s3.BucketLifecycleConfiguration(
            `${name}-lifecycle`,
            { bucket, region, rules: withExpiryPaused(lifecycleRules, paused) },
            // Lifecycle rules on noncurrent versions need versioning in place first.
            { ...child, dependsOn: [this.versioning] },
        );

        this.bucketName = bucket;
        this.arn = this.bucket.arn;
        this.registerOutputs({ bucketName: this.bucketName, arn: this.arn });
    }
}
