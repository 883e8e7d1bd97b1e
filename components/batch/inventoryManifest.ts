// A daily S3 Inventory of a source bucket into a hardened manifest bucket that S3 can deliver to and account B's batch copy can read.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { accountRootArn } from "../../config/naming";
import { isAccountId, isAccountPrincipal, isPrincipalArn, isPrincipalOrAccountId } from "../../config/validators";
import { MANIFEST_LIST_ACTIONS, MANIFEST_READ_ACTIONS } from "../iam/actions";
import { NamedStatement } from "../iam/policyDocument";
import { allowRoleOfAccount } from "../iam/statements";
import { HardenedBucket } from "../storage/hardenedBucket";

/** Key prefix of every inventory report in the manifest bucket. */
export const INVENTORY_PREFIX = "inventory";
/** Id of the inventory configuration; S3 writes `<prefix>/<source bucket>/<id>/<date>/manifest.json`. */
export const INVENTORY_ID = "existing-objects";

/**
 * Fields beside Bucket and Key. Size: S3 Batch Operations Copy stops at 5 GB per object, so the
 * report shows which objects need another path. ETag: to verify copies. ReplicationStatus: what
 * Batch Replication still has to do (NONE/FAILED). EncryptionStatus: SSE-KMS objects need key grants
 * before a copy can read them. LastModifiedDate and StorageClass: archived objects cannot be copied.
 */
export const INVENTORY_OPTIONAL_FIELDS = [
    "Size",
    "LastModifiedDate",
    "ETag",
    "StorageClass",
    "ReplicationStatus",
    "EncryptionStatus",
] as const;

/** `s3://<manifest bucket>/inventory/<source bucket>/existing-objects/`: one dated folder per daily report below it. */
export function inventoryManifestFolder(manifestBucketName: string, sourceBucketName: string): string {
    return `s3://${manifestBucketName}/${INVENTORY_PREFIX}/${sourceBucketName}/${INVENTORY_ID}/`;
}

/**
 * The statement S3 needs to deliver inventory reports (AWS "Grant permissions for S3 Inventory"; the
 * one the console adds by itself, which the cross-account batch copy report pasted over). The `s3:x-amz-acl` condition
 * is kept: it is the canned ACL S3's inventory delivery sends, and a BucketOwnerEnforced bucket accepts exactly that
 * ACL, so the statement stays the documented one and still matches every delivery.
 */
export function inventoryDeliveryStatement(args: {
    manifestBucketArn: string;
    sourceAccountId: string;
    sourceBucketArn: pulumi.Input<string>;
}): NamedStatement {
    return {
        Sid: "AllowInventoryDelivery",
        Effect: "Allow",
        Principal: { Service: "s3.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `${args.manifestBucketArn}/*`,
        Condition: {
            StringEquals: { "aws:SourceAccount": args.sourceAccountId, "s3:x-amz-acl": "bucket-owner-full-control" },
            ArnLike: { "aws:SourceArn": args.sourceBucketArn },
        },
    };
}

/**
 * Manifest read for account B's batch copy role, and read plus listing for the operators who create
 * the copy job: CreateJob checks the manifest's ETag as the person creating the job, not as the job's
 * role (the cross-account batch copy report), and finding the newest dated report needs a listing. Roles and users are
 * pinned by `aws:PrincipalArn` under their accounts' roots, so no grant names a principal that may not exist yet; an
 * operator given as an account (id or root ARN) is granted as that account, whose own IAM policies then decide who
 * inside it may read.
 */
export function manifestReadStatements(args: {
    manifestBucketArn: string;
    destinationAccountId: string;
    batchCopyRoleArn: string;
    operatorPrincipals: readonly string[];
}): NamedStatement[] {
    return [
        allowRoleOfAccount({
            sid: "AllowManifestRead",
            accountId: args.destinationAccountId,
            roleArns: [args.batchCopyRoleArn],
            actions: MANIFEST_READ_ACTIONS,
            resources: [`${args.manifestBucketArn}/*`],
        }),
        ...operatorManifestReadStatements(args),
    ];
}

/** Read plus listing of the manifests for the operators who create copy jobs or reconcile inventories. */
export function operatorManifestReadStatements(args: {
    manifestBucketArn: string;
    operatorPrincipals: readonly string[];
}): NamedStatement[] {
    const statements: NamedStatement[] = [];
    const objects = `${args.manifestBucketArn}/*`;
    const operatorActions = [...MANIFEST_READ_ACTIONS, ...MANIFEST_LIST_ACTIONS];
    const operatorResources = [args.manifestBucketArn, objects];
    const pinned = args.operatorPrincipals.filter((p) => isPrincipalArn(p) && !isAccountPrincipal(p));
    if (pinned.length > 0) {
        const roots = [...new Set(pinned.map((arn) => accountRootArn(arn.split(":")[4])))];
        statements.push({
            Sid: "AllowOperatorManifestRead",
            Effect: "Allow",
            Principal: { AWS: roots },
            Action: operatorActions,
            Resource: operatorResources,
            Condition: { ArnEquals: { "aws:PrincipalArn": pinned } },
        });
    }
    const accounts = [
        ...new Set(
            args.operatorPrincipals
                .filter((p) => isAccountPrincipal(p))
                .map((p) => (isAccountId(p) ? accountRootArn(p) : p)),
        ),
    ];
    if (accounts.length > 0) {
        statements.push({
            Sid: "AllowOperatorAccountManifestRead",
            Effect: "Allow",
            Principal: { AWS: accounts },
            Action: operatorActions,
            Resource: operatorResources,
        });
    }
    return statements;
}

export interface InventoryManifestArgs {
    /** Name of the bucket whose objects are listed (the hub's data bucket). */
    sourceBucketName: pulumi.Input<string>;
    /** Its ARN: the delivery statement admits only inventory of this bucket. */
    sourceBucketArn: pulumi.Input<string>;
    /** Account A: owns the source and the manifest bucket. */
    sourceAccountId: string;
    /** Physical name of the manifest bucket, `bucketName(prefix, "manifest", A, region)`. */
    manifestBucketName: string;
    /**
     * Account B, whose batch copy job reads the manifests; with `batchCopyRoleArn`, only on the hub's
     * manifest bucket (the copy job lists the hub bucket). @default no batch copy read grant
     */
    destinationAccountId?: string;
    /** ARN of account B's batch copy role (deterministic; it may not exist when this is deployed). */
    batchCopyRoleArn?: string;
    /** Principals that create Batch Operations jobs from these manifests (ARNs or account ids). @default [] */
    operatorPrincipals?: readonly string[];
    /** Days until noncurrent versions of manifest files expire. @default 90 */
    noncurrentVersionExpirationDays?: number;
    /** Protect the manifest bucket against `pulumi destroy`. @default true */
    protect?: boolean;
}

/** Why InventoryManifestArgs would be refused, or undefined; exported so it can be tested directly. */
export function validateInventoryManifestArgs(args: InventoryManifestArgs): string | undefined {
    if (!isAccountId(args.sourceAccountId))
        return `sourceAccountId must be a 12-digit account id, got ${args.sourceAccountId}`;
    if (args.destinationAccountId === undefined || args.batchCopyRoleArn === undefined) {
        return args.destinationAccountId !== args.batchCopyRoleArn
            ? "destinationAccountId and batchCopyRoleArn go together: both for the hub's batch copy grant, or neither"
            : operatorProblem(args);
    }
    if (!isAccountId(args.destinationAccountId))
        return `destinationAccountId must be a 12-digit account id, got ${args.destinationAccountId}`;
    if (args.sourceAccountId === args.destinationAccountId)
        return "destinationAccountId must differ from sourceAccountId: the manifest grants exist for a second account";
    if (
        !isPrincipalArn(args.batchCopyRoleArn) ||
        isAccountPrincipal(args.batchCopyRoleArn) ||
        args.batchCopyRoleArn.split(":")[4] !== args.destinationAccountId
    ) {
        return `batchCopyRoleArn must be a role ARN of account ${args.destinationAccountId}, got ${args.batchCopyRoleArn}`;
    }
    return operatorProblem(args);
}

function operatorProblem(args: InventoryManifestArgs): string | undefined {
    for (const p of args.operatorPrincipals ?? []) {
        if (!isPrincipalOrAccountId(p))
            return `operator principal ${p} is neither an account id nor an IAM root, role or user ARN`;
    }
    return undefined;
}

/**
 * The manifest bucket (hardened: BucketOwnerEnforced, so every inventory file belongs to account A
 * and its bucket policy covers it: the cross-account batch copy report's hardest error) with its ONE policy, delivery
 * plus manifest read, and the daily inventory of the source bucket into it.
 */
export class InventoryManifest extends pulumi.ComponentResource {
    readonly bucket: HardenedBucket;
    readonly inventory: aws.s3.Inventory;
    readonly bucketName: pulumi.Output<string>;
    readonly bucketArn: pulumi.Output<string>;

    constructor(name: string, args: InventoryManifestArgs, opts?: pulumi.ComponentResourceOptions) {
        const problem = validateInventoryManifestArgs(args);
        if (problem) throw new Error(`${name}: ${problem}`);
        super("s3-multiregion:batch:InventoryManifest", name, {}, opts);

        const manifestBucketArn = `arn:aws:s3:::${args.manifestBucketName}`;
        // Stryker disable next-line ArrayDeclaration: an entry that is no ARN or account id grants nothing, so a filler here changes no statement
        const operatorPrincipals = args.operatorPrincipals ?? [];
        this.bucket = new HardenedBucket(
            name,
            {
                bucketName: args.manifestBucketName,
                // SSE-S3, never the stack's KMS key: S3's inventory delivery and account B's batch role
                // would each need grants in that key's policy, which this program does not manage.
                noncurrentVersionExpirationDays: args.noncurrentVersionExpirationDays,
                protect: args.protect,
                policyStatements: [
                    inventoryDeliveryStatement({
                        manifestBucketArn,
                        sourceAccountId: args.sourceAccountId,
                        sourceBucketArn: args.sourceBucketArn,
                    }),
                    // Validation has refused one of the pair without the other, so the role alone decides.
                    ...(args.batchCopyRoleArn !== undefined
                        ? manifestReadStatements({
                              manifestBucketArn,
                              destinationAccountId: args.destinationAccountId as string,
                              batchCopyRoleArn: args.batchCopyRoleArn,
                              operatorPrincipals,
                          })
                        : operatorManifestReadStatements({ manifestBucketArn, operatorPrincipals })),
                ],
            },
            { parent: this },
        );

        this.inventory = new aws.s3.Inventory(
            `${name}-inventory`,
            {
                bucket: args.sourceBucketName,
                name: INVENTORY_ID,
                enabled: true,
                // Current versions only: a Copy job writes each listed version as the target's newest,
                // so with All the target's current object would be whichever version was copied last.
                includedObjectVersions: "Current",
                schedule: { frequency: "Daily" },
                optionalFields: [...INVENTORY_OPTIONAL_FIELDS],
                destination: {
                    bucket: {
                        bucketArn: this.bucket.arn,
                        format: "CSV",
                        accountId: args.sourceAccountId,
                        prefix: INVENTORY_PREFIX,
                    },
                },
            },
            // S3 checks the destination's bucket policy when delivering, and the policy waits for the
            // ownership controls: so the first report already lands owned by account A, and nobody has
            // to re-save the configuration after changing ownership (the cross-account batch copy report).
            { parent: this, dependsOn: [this.bucket.policy] },
        );

        this.bucketName = this.bucket.bucketName;
        this.bucketArn = this.bucket.arn;
        this.registerOutputs({ bucketName: this.bucketName, bucketArn: this.bucketArn });
    }
}
