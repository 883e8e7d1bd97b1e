// The one role S3 assumes to replicate account A's regional buckets to each other and to account B.
import * as pulumi from "@pulumi/pulumi";
import {
    REPLICATION_CROSS_ACCOUNT_OBJECT_ACTIONS,
    REPLICATION_DESTINATION_OBJECT_ACTIONS,
    REPLICATION_REPLICA_KMS_ACTIONS,
    REPLICATION_SOURCE_BUCKET_ACTIONS,
    REPLICATION_SOURCE_KMS_ACTIONS,
    REPLICATION_SOURCE_OBJECT_ACTIONS,
    REPLICATION_SOURCE_OBJECT_LOCK_ACTIONS,
} from "./actions";
import { NamedStatement, policyJson, serviceTrustPolicy } from "./policyDocument";
import { RoleWithPolicy } from "./roleWithPolicy";
import { allow } from "./statements";
import { isAccountId, isBucketArn, parseKmsKeyArn } from "../../config/validators";

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
    /**
     * SSE-KMS keys of source buckets, which S3 decrypts source objects with as this role. A list that
     * may come through an Output: whether a peer stack's bucket has a key is only known from its outputs.
     * @default [] (every source bucket SSE-S3)
     */
    sourceKmsKeys?: pulumi.Input<ReplicationKmsKey[]>;
    /** Keys replicas are encrypted with (each rule's replicaKmsKeyId), one per SSE-KMS destination bucket. @default [] */
    replicaKmsKeys?: pulumi.Input<ReplicationKmsKey[]>;
    /**
     * A destination has S3 Object Lock: AWS then requires s3:GetObjectRetention and s3:GetObjectLegalHold
     * on the source objects. May come through an Output (account B's stack says so). @default false
     */
    objectLockDestination?: pulumi.Input<boolean>;
}

/** One SSE-KMS key and the bucket it encrypts, as the role's KMS statements scope it. */
export interface ReplicationKmsKey {
    /** Exact key ARN (arn:aws:kms:<region>:<account>:key/<id>); its region is the bucket's, as S3 requires. */
    keyArn: string;
    /** The bucket whose objects (source) or replicas (destination) the key encrypts. */
    bucketArn: string;
    /** Set when the bucket belongs to another account (account B's replica bucket): it names the statement. @default same account */
    accountId?: string;
}

/** Why the KMS key lists would be refused, or undefined; exported so it can be tested directly. */
export function validateReplicationKmsKeys(
    sourceKeys: readonly ReplicationKmsKey[],
    replicaKeys: readonly ReplicationKmsKey[],
): string | undefined {
    for (const k of [...sourceKeys, ...replicaKeys]) {
        if (!parseKmsKeyArn(k.keyArn))
            return `${k.keyArn} is not an exact KMS key ARN (arn:aws:kms:<region>:<account>:key/<key-id>)`;
        if (!isBucketArn(k.bucketArn)) return `${k.bucketArn} is not an exact S3 bucket ARN`;
    }
    // IAM wants distinct statement ids, and two keys of one kind in one region means two buckets there.
    const sids = replicationKmsStatements(sourceKeys, replicaKeys).map((st) => st.Sid);
    const twice = sids.find((sid, i) => sids.indexOf(sid) !== i);
    if (twice)
        return `two KMS keys would share statement ${twice}: one source key per region, one replica key per destination bucket`;
    return undefined;
}

/** `ApNortheast3` from `ap-northeast-3`: statement ids are alphanumeric. */
const pascal = (text: string) => text.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase());

/**
 * One statement per key, each pinned by AWS's two KMS condition keys: the call comes through S3 in the
 * key's (= the bucket's) region, and the encryption context names that key's bucket. The context is the
 * bucket ARN itself because every bucket here enables S3 Bucket Keys (AWS: with a Bucket Key the
 * context is the bucket ARN, not the object ARN), plus `<bucket>/*` for an object written with the
 * Bucket Key turned off per request. Exact key ARNs only: no `*`.
 */
export function replicationKmsStatements(
    sourceKeys: readonly ReplicationKmsKey[],
    replicaKeys: readonly ReplicationKmsKey[],
): NamedStatement[] {
    const statement = (sid: string, actions: readonly string[], k: ReplicationKmsKey): NamedStatement => ({
        Sid: sid,
        Effect: "Allow",
        Action: [...actions],
        Resource: [k.keyArn],
        Condition: {
            StringEquals: { "kms:ViaService": `s3.${parseKmsKeyArn(k.keyArn)!.region}.amazonaws.com` },
            StringLike: { "kms:EncryptionContext:aws:s3:arn": [k.bucketArn, `${k.bucketArn}/*`] },
        },
    });
    const regionOf = (k: ReplicationKmsKey) => pascal(parseKmsKeyArn(k.keyArn)!.region);
    return [
        ...sourceKeys.map((k) => statement(`DecryptSourceObjects${regionOf(k)}`, REPLICATION_SOURCE_KMS_ACTIONS, k)),
        ...replicaKeys.map((k) =>
            statement(
                k.accountId ? `EncryptReplicasInAccount${k.accountId}` : `EncryptReplicas${regionOf(k)}`,
                REPLICATION_REPLICA_KMS_ACTIONS,
                k,
            ),
        ),
    ];
}

/** Why ReplicationRoleArgs would be refused, or undefined; exported so it can be tested directly. */
export function validateReplicationRoleArgs(args: ReplicationRoleArgs): string | undefined {
    if (!isAccountId(args.sourceAccountId))
        return `sourceAccountId must be a 12-digit account id, got ${args.sourceAccountId}`;
    if (args.sourceBucketArns.length === 0) return "a replication role needs at least one source bucket";
    if (args.sameAccountDestinationArns.length + (args.crossAccountDestinationArns ?? []).length === 0) {
        return "a replication role needs at least one destination bucket";
    }
    // Lists given as plain arrays are checked here; a list that comes through an Output is checked when it resolves.
    const plain = (keys: ReplicationRoleArgs["sourceKmsKeys"]) =>
        Array.isArray(keys) ? (keys as ReplicationKmsKey[]) : [];
    return validateReplicationKmsKeys(plain(args.sourceKmsKeys), plain(args.replicaKmsKeys));
}

/** Trust: only the S3 service, and only on behalf of account A's buckets. */
export function replicationTrustPolicy(sourceAccountId: string): pulumi.Output<string> {
    // aws:SourceAccount only, no aws:SourceArn on the bucket ARNs: it keeps the guard on the account
    // while a bucket added to the mesh (a new region) needs no trust-policy change. Batch Replication
    // jobs assume their own role (batchoperations.s3.amazonaws.com, the cross-account replication report step 4), not
    // this one.
    return serviceTrustPolicy("s3.amazonaws.com", { StringEquals: { "aws:SourceAccount": sourceAccountId } });
}

/** The permission statements, least privilege on exact bucket ARNs (never `*`). */
export function replicationPermissionStatements(args: ReplicationRoleArgs, objectLock = false): NamedStatement[] {
    const objects = (arns: pulumi.Input<string>[]) => arns.map((arn) => pulumi.interpolate`${arn}/*`);
    const statements: NamedStatement[] = [
        allow("ReadSourceReplicationConfiguration", REPLICATION_SOURCE_BUCKET_ACTIONS, args.sourceBucketArns),
        allow("ReadSourceObjectVersions", REPLICATION_SOURCE_OBJECT_ACTIONS, objects(args.sourceBucketArns)),
    ];
    if (objectLock) {
        statements.push({
            Sid: "ReadSourceObjectLock",
            Effect: "Allow",
            Action: [...REPLICATION_SOURCE_OBJECT_LOCK_ACTIONS],
            Resource: objects(args.sourceBucketArns),
        });
    }
    if (args.sameAccountDestinationArns.length > 0) {
        statements.push(
            allow(
                "ReplicateToRegionalBuckets",
                REPLICATION_DESTINATION_OBJECT_ACTIONS,
                objects(args.sameAccountDestinationArns),
            ),
        );
    }
    const cross = args.crossAccountDestinationArns ?? [];
    if (cross.length > 0) {
        statements.push(
            allow("ReplicateToDestinationAccount", REPLICATION_CROSS_ACCOUNT_OBJECT_ACTIONS, objects(cross)),
        );
    }
    return statements;
}

/** The role S3 replication assumes; replication configurations depend on its `policy` (S3 starts at once). */
export class ReplicationRole extends RoleWithPolicy {
    constructor(name: string, args: ReplicationRoleArgs, opts?: pulumi.ComponentResourceOptions) {
        const problem = validateReplicationRoleArgs(args);
        if (problem) throw new Error(`${name}: ${problem}`);
        // The KMS statements wait for the key lists (a peer's key comes through its StackReference); a
        // list that cannot be scoped to exact ARNs fails the policy rather than widening it.
        const permissionPolicy = pulumi
            .all([args.sourceKmsKeys ?? [], args.replicaKmsKeys ?? [], args.objectLockDestination ?? false])
            .apply(([sourceKeys, replicaKeys, objectLock]) => {
                const keyProblem = validateReplicationKmsKeys(sourceKeys, replicaKeys);
                if (keyProblem) throw new Error(`${name}: ${keyProblem}`);
                return policyJson([
                    ...replicationPermissionStatements(args, objectLock),
                    ...replicationKmsStatements(sourceKeys, replicaKeys),
                ]);
            });
        const description =
            "Assumed by S3 to replicate the regional data buckets to each other and to the destination account.";
        const trustPolicy = replicationTrustPolicy(args.sourceAccountId);
        const spec = { roleName: args.roleName, description, trustPolicy, policyName: "replicate", permissionPolicy };
        super("s3-multiregion:iam:ReplicationRole", name, spec, opts);
    }
}
