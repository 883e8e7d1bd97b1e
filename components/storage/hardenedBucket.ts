// The one way this project makes a bucket: versioned, ACLs off, encrypted, never public, one composed policy.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { bucketArn, bucketNameProblem } from "../../config/naming";
import { NamedStatement, policyJson } from "../iam/policyDocument";
import { denyInsecureTransport } from "../iam/statements";

export interface HardenedBucketArgs {
    /** Physical bucket name, from the naming module (deterministic: other stacks derive it too). */
    bucketName: string;
    /** KMS key ARN for SSE-KMS default encryption. @default SSE-S3 (AES256) */
    kmsKeyArn?: pulumi.Input<string>;
    /** Days until noncurrent versions expire. @default 90 */
    noncurrentVersionExpirationDays?: number;
    /**
     * Extra bucket policy statements, each named by its Sid. They join `DenyInsecureTransport` in the
     * bucket's single policy: a second BucketPolicy resource would overwrite the first (seed 004).
     * @default []
     */
    policyStatements?: NamedStatement[];
    /** Mark the bucket protected so `pulumi destroy` refuses it; it is retained on delete regardless. @default true */
    protect?: boolean;
    /** Region of the bucket when it is not the provider's. @default the provider's region */
    region?: pulumi.Input<string>;
}

/** Reasons HardenedBucketArgs would be refused, or undefined; exported so it can be tested directly. */
export function validateHardenedBucketArgs(args: HardenedBucketArgs, sids: readonly string[]): string | undefined {
    const problem = bucketNameProblem(args.bucketName);
    if (problem) return `bucket name ${args.bucketName} ${problem}`;
    const days = args.noncurrentVersionExpirationDays;
    if (days !== undefined && (!Number.isInteger(days) || days < 1))
        return `noncurrentVersionExpirationDays must be a positive integer, got ${days}`;
    const seen = new Set<string>();
    for (const sid of sids) {
        if (!/^[A-Za-z0-9]+$/.test(sid)) return `policy statement Sid ${JSON.stringify(sid)} must be alphanumeric`;
        if (seen.has(sid)) return `policy statement Sid ${sid} appears twice in the policy of ${args.bucketName}`;
        seen.add(sid);
    }
    return undefined;
}

export class HardenedBucket extends pulumi.ComponentResource {
    readonly bucket: aws.s3.Bucket;
    /** Replication configurations must depend on this: S3 refuses replication on an unversioned bucket. */
    readonly versioning: aws.s3.BucketVersioning;
    readonly policy: aws.s3.BucketPolicy;
    readonly bucketName: pulumi.Output<string>;
    readonly arn: pulumi.Output<string>;

    constructor(name: string, args: HardenedBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        // Validated before super(): a refused bucket must not leave even its component registered.
        const arn = bucketArn(args.bucketName);
        const statements = [denyInsecureTransport(arn), ...(args.policyStatements ?? [])];
        const problem = validateHardenedBucketArgs(
            args,
            statements.map((s) => s.Sid),
        );
        if (problem) throw new Error(`${name}: ${problem}`);
        super("s3-multiregion:storage:HardenedBucket", name, {}, opts);

        const region = args.region;
        const child = { parent: this };
        this.bucket = new aws.s3.Bucket(
            name,
            { bucket: args.bucketName, forceDestroy: false, region },
            // Data outlives the stack: `pulumi destroy` drops the bucket from state but never deletes it.
            { ...child, retainOnDelete: true, protect: args.protect ?? true },
        );
        const bucket = this.bucket.bucket;

        // Retained like the bucket: deleting this resource would suspend versioning, which breaks replication.
        this.versioning = new aws.s3.BucketVersioning(
            `${name}-versioning`,
            { bucket, region, versioningConfiguration: { status: "Enabled" } },
            { ...child, retainOnDelete: true },
        );

        // BucketOwnerEnforced turns ACLs off: every object (inventory files, batch reports, replicas)
        // belongs to the bucket owner, the fix for seed 004's "manifest owned by another account".
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
                blockPublicAcls: true,
                blockPublicPolicy: true,
                ignorePublicAcls: true,
                restrictPublicBuckets: true,
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
            { bucket, region, policy: policyJson(statements) },
            // S3 answers OperationAborted to concurrent changes of one bucket's access settings, and a
            // policy put before the public access block exists is judged against the account default.
            { ...child, dependsOn: [publicAccessBlock, ownership] },
        );

        // Request metrics for the whole bucket (seed 000, step 8): the CloudWatch request graphs.
        new aws.s3.BucketMetric(`${name}-metrics`, { bucket, region, name: "EntireBucket" }, child);

        new aws.s3.BucketLifecycleConfiguration(
            `${name}-lifecycle`,
            {
                bucket,
                region,
                rules: [
                    {
                        id: "expire-noncurrent-versions",
                        status: "Enabled",
                        filter: {},
                        noncurrentVersionExpiration: { noncurrentDays: args.noncurrentVersionExpirationDays ?? 90 },
                    },
                    {
                        id: "abort-incomplete-multipart-uploads",
                        status: "Enabled",
                        filter: {},
                        abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
                    },
                ],
            },
            // Lifecycle rules on noncurrent versions need versioning in place first.
            { ...child, dependsOn: [this.versioning] },
        );

        this.bucketName = bucket;
        this.arn = this.bucket.arn;
        this.registerOutputs({ bucketName: this.bucketName, arn: this.arn });
    }
}
