// The one role S3 assumes to replicate account A's regional buckets to each other and to account B.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    REPLICATION_CROSS_ACCOUNT_OBJECT_ACTIONS,
    REPLICATION_DESTINATION_OBJECT_ACTIONS,
    REPLICATION_SOURCE_BUCKET_ACTIONS,
    REPLICATION_SOURCE_OBJECT_ACTIONS,
} from "./actions";
import { NamedStatement, policyJson, serviceTrustPolicy } from "./policyDocument";

export interface ReplicationRoleArgs {
    /** Physical role name: `roleName(prefix, "replication")`, which account B's replica bucket policy already names. */
    roleName: string;
    /** Account A: the only account whose buckets may make S3 assume this role (confused-deputy guard). */
    sourceAccountId: string;
    /** ARNs of the buckets whose replication configurations name this role. */
    sourceBucketArns: pulumi.Input<string>[];
    /** ARNs of destination buckets in account A (replicas keep the source owner, who is the bucket owner). */
    sameAccountDestinationArns: pulumi.Input<string>[];
    /** ARNs of destination buckets in another account (owner override to the destination). @default [] */
    crossAccountDestinationArns?: pulumi.Input<string>[];
}

/** Why ReplicationRoleArgs would be refused, or undefined; exported so it can be tested directly. */
export function validateReplicationRoleArgs(args: ReplicationRoleArgs): string | undefined {
    if (!/^\d{12}$/.test(args.sourceAccountId)) return `sourceAccountId must be a 12-digit account id, got ${args.sourceAccountId}`;
    if (args.sourceBucketArns.length === 0) return "a replication role needs at least one source bucket";
    if (args.sameAccountDestinationArns.length + (args.crossAccountDestinationArns ?? []).length === 0) {
        return "a replication role needs at least one destination bucket";
    }
    return undefined;
}

/** Trust: only the S3 service, and only on behalf of account A's buckets. */
export function replicationTrustPolicy(sourceAccountId: string): pulumi.Output<string> {
    // aws:SourceAccount only, no aws:SourceArn on the bucket ARNs: it keeps the guard on the account
    // while a bucket added to the mesh (a new region) needs no trust-policy change. Batch Replication
    // jobs assume their own role (batchoperations.s3.amazonaws.com, seed 001 step 4), not this one.
    return serviceTrustPolicy("s3.amazonaws.com", { StringEquals: { "aws:SourceAccount": sourceAccountId } });
}

/** The permission statements, least privilege on exact bucket ARNs (never `*`). */
export function replicationPermissionStatements(args: ReplicationRoleArgs): NamedStatement[] {
    const objects = (arns: pulumi.Input<string>[]) => arns.map((arn) => pulumi.interpolate`${arn}/*`);
    const statements: NamedStatement[] = [
        { Sid: "ReadSourceReplicationConfiguration", Effect: "Allow", Action: [...REPLICATION_SOURCE_BUCKET_ACTIONS], Resource: args.sourceBucketArns },
        { Sid: "ReadSourceObjectVersions", Effect: "Allow", Action: [...REPLICATION_SOURCE_OBJECT_ACTIONS], Resource: objects(args.sourceBucketArns) },
    ];
    if (args.sameAccountDestinationArns.length > 0) {
        statements.push({
            Sid: "ReplicateToRegionalBuckets",
            Effect: "Allow",
            Action: [...REPLICATION_DESTINATION_OBJECT_ACTIONS],
            Resource: objects(args.sameAccountDestinationArns),
        });
    }
    const cross = args.crossAccountDestinationArns ?? [];
    if (cross.length > 0) {
        statements.push({
            Sid: "ReplicateToDestinationAccount",
            Effect: "Allow",
            Action: [...REPLICATION_CROSS_ACCOUNT_OBJECT_ACTIONS],
            Resource: objects(cross),
        });
    }
    return statements;
}

export class ReplicationRole extends pulumi.ComponentResource {
    readonly role: aws.iam.Role;
    /** Replication configurations depend on this: S3 starts replicating at once and would fail without it. */
    readonly policy: aws.iam.RolePolicy;
    readonly arn: pulumi.Output<string>;

    constructor(name: string, args: ReplicationRoleArgs, opts?: pulumi.ComponentResourceOptions) {
        const problem = validateReplicationRoleArgs(args);
        if (problem) throw new Error(`${name}: ${problem}`);
        super("s3-multiregion:iam:ReplicationRole", name, {}, opts);

        this.role = new aws.iam.Role(
            name,
            {
                name: args.roleName,
                description: "Assumed by S3 to replicate the regional data buckets to each other and to the destination account.",
                assumeRolePolicy: replicationTrustPolicy(args.sourceAccountId),
            },
            { parent: this },
        );
        this.policy = new aws.iam.RolePolicy(
            `${name}-permissions`,
            { role: this.role.name, name: "replicate", policy: policyJson(replicationPermissionStatements(args)) },
            { parent: this },
        );
        this.arn = this.role.arn;
        this.registerOutputs({ arn: this.arn });
    }
}
