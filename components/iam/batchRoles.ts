// The roles S3 Batch Operations assumes for existing objects: Batch Replication in account A, the cross-account copy in account B.
import * as pulumi from "@pulumi/pulumi";
import {
    BATCH_COPY_SOURCE_KMS_ACTIONS,
    BATCH_COPY_SOURCE_READ_ACTIONS,
    BATCH_COPY_TARGET_WRITE_ACTIONS,
    BATCH_REPLICATION_BUCKET_ACTIONS,
    BATCH_REPLICATION_OBJECT_ACTIONS,
    BATCH_REPORT_WRITE_ACTIONS,
    KMS_WRITE_ACTIONS,
    MANIFEST_READ_ACTIONS,
} from "./actions";
import { NamedStatement, policyJson, serviceTrustPolicy } from "./policyDocument";
import { RoleWithPolicy } from "./roleWithPolicy";
import { allow, allowRoleOfAccount } from "./statements";

/**
 * The service principal of S3 Batch Operations; S3 replication's `s3.amazonaws.com` cannot run jobs (the cross-account
 * replication report).
 */
export const BATCH_OPERATIONS_SERVICE = "batchoperations.s3.amazonaws.com";

/**
 * Trust: only S3 Batch Operations. A role trusting `s3.amazonaws.com` (the replication role) fails
 * at job preparation with "Failed to assume role" (the cross-account replication report).
 *
 * No `aws:SourceAccount` condition: AWS documents this trust policy without one and does not say
 * that Batch Operations puts the key into its AssumeRole request, and a condition on a missing key
 * never matches, which would reproduce the cross-account replication report's "Failed to assume role" at the first real
 * job. The confused-deputy guard is already there: a job can only name a role its creator may `iam:PassRole`, and
 * PassRole only reaches roles of the creator's own account.
 */
export function batchOperationsTrustPolicy(): pulumi.Output<string> {
    return serviceTrustPolicy(BATCH_OPERATIONS_SERVICE);
}

const objectsOf = (bucketArn: pulumi.Input<string>) => pulumi.interpolate`${bucketArn}/*`;

export interface BatchReplicationPermissionArgs {
    /** The bucket whose existing objects are replicated (the stack's regional data bucket). */
    sourceBucketArn: pulumi.Input<string>;
    /** The bucket that receives the job's completion report. */
    reportBucketArn: pulumi.Input<string>;
    /**
     * Where the job saves the manifest S3 generates: a bucket of the same account and region and the key
     * prefix inside it. @default none (the manifest is not saved, and no manifest-bucket access is granted)
     */
    manifestOutput?: { bucketArn: pulumi.Input<string>; prefix: string };
}

/**
 * Batch Replication with an S3-generated manifest (AWS "Configuring IAM policies for Batch
 * Replication"): start replication of the source's objects, read its replication rules and let S3
 * build the manifest, write the completion report and, when the job saves it, the generated manifest
 * (only below its prefix: the inventory reports beside it stay out of the role's reach).
 */
export function batchReplicationPermissionStatements(args: BatchReplicationPermissionArgs): NamedStatement[] {
    const manifest = args.manifestOutput;
    return [
        allow("InitiateReplicationOfSourceObjects", BATCH_REPLICATION_OBJECT_ACTIONS, [
            objectsOf(args.sourceBucketArn),
        ]),
        allow("ReadSourceReplicationConfiguration", BATCH_REPLICATION_BUCKET_ACTIONS, [args.sourceBucketArn]),
        allow("WriteCompletionReports", BATCH_REPORT_WRITE_ACTIONS, [objectsOf(args.reportBucketArn)]),
        ...(manifest
            ? [
                  allow("WriteGeneratedManifest", BATCH_REPORT_WRITE_ACTIONS, [
                      pulumi.interpolate`${manifest.bucketArn}/${manifest.prefix}/*`,
                  ]),
              ]
            : []),
    ];
}

export interface BatchCopyPermissionArgs {
    /** Account A's data bucket whose objects are copied (its bucket policy grants this role read). */
    sourceBucketArn: pulumi.Input<string>;
    /** Account A's inventory manifest bucket (its bucket policy grants this role read). */
    manifestBucketArn: pulumi.Input<string>;
    /** The bucket the objects are copied into (account B's replica bucket). */
    targetBucketArn: pulumi.Input<string>;
    /** Account B's report bucket. */
    reportBucketArn: pulumi.Input<string>;
    /** The target bucket's SSE-KMS key, when it has one: S3 encrypts each copy with it as this role. @default none (SSE-S3) */
    targetKmsKeyArn?: pulumi.Input<string>;
    /**
     * The source bucket's SSE-KMS key and that bucket's exact ARN and region, when it has one: S3 decrypts
     * each object it reads as this role. @default none (SSE-S3)
     */
    sourceKms?: { keyArn: string; region: string; bucketArn: string };
}

/**
 * The cross-account batch copy report's copy-role policy, split by purpose, plus the report bucket its author had to
 * add ("The job report could not be written"). ACL actions are left out: ACLs are disabled on every bucket. No
 * s3:ListBucket: a Copy job works from the manifest's keys and never lists a bucket.
 */
export function batchCopyPermissionStatements(args: BatchCopyPermissionArgs): NamedStatement[] {
    const statements: NamedStatement[] = [
        allow("ReadSourceObjects", BATCH_COPY_SOURCE_READ_ACTIONS, [objectsOf(args.sourceBucketArn)]),
        // manifest.json and every CSV file it lists: the job reads all of them (the cross-account batch copy report,
        // "Reading the manifest is forbidden").
        allow("ReadInventoryManifests", MANIFEST_READ_ACTIONS, [objectsOf(args.manifestBucketArn)]),
        allow("WriteTargetObjects", BATCH_COPY_TARGET_WRITE_ACTIONS, [objectsOf(args.targetBucketArn)]),
        allow("WriteCompletionReports", BATCH_REPORT_WRITE_ACTIONS, [objectsOf(args.reportBucketArn)]),
    ];
    if (args.sourceKms) {
        // Account A's key: this grant is half of it, the key policy in account A must name this role too
        // (KMS checks both across accounts). Pinned to S3 in the bucket's region and to that bucket's
        // encryption context: the bucket ARN under an S3 Bucket Key, the object ARN without one.
        const { keyArn, region, bucketArn } = args.sourceKms;
        statements.push({
            Sid: "DecryptSourceObjects",
            Effect: "Allow",
            Action: [...BATCH_COPY_SOURCE_KMS_ACTIONS],
            Resource: [keyArn],
            Condition: {
                StringEquals: { "kms:ViaService": `s3.${region}.amazonaws.com` },
                StringLike: { "kms:EncryptionContext:aws:s3:arn": [bucketArn, `${bucketArn}/*`] },
            },
        });
    }
    if (args.targetKmsKeyArn) {
        // The key is account B's own: its default key policy delegates to IAM, so this statement suffices.
        statements.push(allow("EncryptTargetObjects", KMS_WRITE_ACTIONS, [args.targetKmsKeyArn]));
    }
    return statements;
}

/**
 * The source data bucket's grant to account B's batch copy role. Principal is B's root plus an
 * `aws:PrincipalArn` condition, so the grant is valid whether or not the role exists yet (DESIGN §2).
 */
export function batchCopySourceReadStatement(args: {
    destinationAccountId: string;
    batchCopyRoleArn: pulumi.Input<string>;
    sourceBucketArn: pulumi.Input<string>;
}): NamedStatement {
    return allowRoleOfAccount({
        sid: "AllowBatchCopyRead",
        accountId: args.destinationAccountId,
        roleArns: [args.batchCopyRoleArn],
        actions: BATCH_COPY_SOURCE_READ_ACTIONS,
        resources: [objectsOf(args.sourceBucketArn)],
    });
}

export interface BatchOperationsRoleArgs {
    /** Physical role name, `roleName(prefix, "batch-replication" | "batch-copy")`: other stacks grant it by ARN. */
    roleName: string;
    /** Shown in the IAM console. */
    description: string;
    /** The permission statements (batchReplicationPermissionStatements or batchCopyPermissionStatements). */
    statements: NamedStatement[];
}

/** Why BatchOperationsRoleArgs would be refused, or undefined; exported so it can be tested directly. */
export function validateBatchOperationsRoleArgs(args: BatchOperationsRoleArgs): string | undefined {
    if (!/^[\w+=,.@-]{1,64}$/.test(args.roleName))
        return `role name ${JSON.stringify(args.roleName)} must be 1 to 64 characters of letters, digits and +=,.@_-`;
    if (args.statements.length === 0) return "a Batch Operations role needs at least one permission statement";
    for (const st of args.statements) {
        const resources = Array.isArray(st.Resource) ? st.Resource : [st.Resource];
        if (resources.some((r) => r === "*"))
            return `statement ${st.Sid} grants Resource "*"; Batch Operations roles name exact bucket ARNs`;
    }
    return undefined;
}

/**
 * An IAM role that S3 Batch Operations (and nothing else) assumes, with one inline permission policy.
 * Jobs depend on its `policy`: a job whose role lacks its permissions fails while S3 prepares it.
 */
export class BatchOperationsRole extends RoleWithPolicy {
    constructor(name: string, args: BatchOperationsRoleArgs, opts?: pulumi.ComponentResourceOptions) {
        const problem = validateBatchOperationsRoleArgs(args);
        if (problem) throw new Error(`${name}: ${problem}`);
        const { roleName, description } = args;
        const [trustPolicy, permissionPolicy] = [batchOperationsTrustPolicy(), policyJson(args.statements)];
        const spec = { roleName, description, trustPolicy, policyName: "batch-operations", permissionPolicy };
        super("s3-multiregion:iam:BatchOperationsRole", name, spec, opts);
    }
}
