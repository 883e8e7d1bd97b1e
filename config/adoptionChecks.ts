// The one-line refusals for adopting a live bucket: `npm run adopt` and the adopting stack print the same line.
//
// Each check is a pure function of what the live bucket says and what the stack file says; it returns
// undefined when adoption is safe on that point, or one sentence naming the stack, the bucket, what would
// break and the fix. Only what would break people silently is refused; every other difference is shown by
// `adopt` as a change and applied by the deploy.

/** The bucket a stack would adopt, and where the stack file says it is. */
export interface AdoptionSubject {
    stack: string;
    /** The stack's `existingBucketName`. */
    bucket: string;
    /** The stack file's `aws:region`. */
    region: string;
    /** The account the stack deploys into (sourceAccountId, or destinationAccountId on a destination stack). */
    accountId: string;
}

function where(s: AdoptionSubject): string {
    return `stack ${s.stack}: bucket ${s.bucket}`;
}

/** A bucket lives in one region for good; a stack in another region would create its other resources beside it. */
export function regionRefusal(s: AdoptionSubject, liveRegion: string): string | undefined {
    if (liveRegion === s.region) return undefined;
    return (
        `${where(s)} is in ${liveRegion}, but the stack deploys to ${s.region} (aws:region in Pulumi.${s.stack}.yaml): ` +
        `adopt it from a stack whose aws:region is ${liveRegion}, or set existingBucketName to a bucket in ${s.region}`
    );
}

/**
 * A bucket of another account cannot be adopted: the stack's settings would be written with this account's
 * credentials (and fail), or, worse, half of them would succeed through a permissive bucket policy.
 * `ownerAccount` is the owner when it is known, undefined when only "not this account" is known.
 */
export function accountRefusal(s: AdoptionSubject, ownsBucket: boolean, ownerAccount?: string): string | undefined {
    if (ownsBucket) return undefined;
    const owner = ownerAccount ? `account ${ownerAccount}` : "another account";
    return (
        `${where(s)} belongs to ${owner}, not to account ${s.accountId} that the stack deploys into: ` +
        `set existingBucketName to a bucket of account ${s.accountId}, or adopt the bucket from a stack of the account that owns it`
    );
}

/** The config key that names the account a stack of `role` deploys into. */
export function accountKeyOf(role: string | undefined): "sourceAccountId" | "destinationAccountId" {
    return role === "destination" ? "destinationAccountId" : "sourceAccountId";
}

/**
 * The credentials must be the stack's account: adopt reads, and the stack writes, the bucket with them; in
 * another account "the bucket is not ours" would be true of every bucket. `label` names the credentials.
 */
export function callerRefusal(
    s: Pick<AdoptionSubject, "stack" | "accountId">,
    role: string | undefined,
    label: string,
    callerAccount: string,
): string | undefined {
    if (callerAccount === s.accountId) return undefined;
    return (
        `${label} is account ${callerAccount}, but stack ${s.stack} deploys into account ${s.accountId} (${accountKeyOf(role)}): ` +
        `set aws:profile in Pulumi.${s.stack}.yaml (or AWS_PROFILE) to a profile of account ${s.accountId}`
    );
}

/** One ACL grant as GetBucketAcl returns it. */
export interface AclGrant {
    granteeType: "CanonicalUser" | "AmazonCustomerByEmail" | "Group";
    /** Canonical user id (CanonicalUser). */
    id?: string;
    /** Group URI (Group), e.g. `http://acs.amazonaws.com/groups/global/AllUsers`. */
    uri?: string;
    /** E-mail address (AmazonCustomerByEmail). */
    email?: string;
    permission: string;
}

/** `READ to group AllUsers`, `WRITE to canonical user 79a5...`: how a grant is named in messages. */
export function describeGrant(g: AclGrant): string {
    switch (g.granteeType) {
        case "Group":
            return `${g.permission} to group ${(g.uri ?? "").split("/").pop()}`;
        case "AmazonCustomerByEmail":
            return `${g.permission} to ${g.email}`;
        default:
            return `${g.permission} to canonical user ${g.id}`;
    }
}

/** The grants that give anyone but the bucket owner access: they stop working once ACLs are off. */
export function foreignGrants(ownerCanonicalId: string, grants: readonly AclGrant[]): AclGrant[] {
    return grants.filter((g) => !(g.granteeType === "CanonicalUser" && g.id === ownerCanonicalId));
}

/**
 * The stack sets object ownership to BucketOwnerEnforced (the fix for the manifest-owned-by-another-account
 * failure in the cross-account copy report), which turns ACLs off: a grant to another account, to a group
 * (log delivery, all users) or by e-mail silently stops working. Already enforced means ACLs are already off.
 */
export function aclRefusal(
    s: AdoptionSubject,
    liveOwnership: string | undefined,
    ownerCanonicalId: string,
    grants: readonly AclGrant[],
): string | undefined {
    if (liveOwnership === "BucketOwnerEnforced") return undefined;
    const foreign = foreignGrants(ownerCanonicalId, grants);
    if (foreign.length === 0) return undefined;
    return (
        `${where(s)} has ACL grants that stop working when the stack sets object ownership to BucketOwnerEnforced (ACLs off): ` +
        `${foreign.map(describeGrant).join(", ")}; grant that access in the bucket policy instead (keep the statement with --keep), ` +
        `remove the grants (aws s3api put-bucket-acl --bucket ${s.bucket} --acl private) and run adopt again`
    );
}

/** The live replication configuration, as far as the check needs it. */
export interface LiveReplication {
    /** The IAM role the configuration names. */
    role: string;
    /** Rule IDs (S3 assigns one when the writer gave none). */
    ruleIds: string[];
}

/**
 * S3 keeps one replication configuration per bucket and PutBucketReplication replaces it whole, so the
 * platform's mesh would silently end whatever replication the bucket does today. A configuration that names
 * the platform's own replication role was written by an earlier deploy and is the stack's own.
 * `writer` names who writes the bucket's configuration (the hub stack); undefined when no stack does.
 */
export function replicationRefusal(
    s: AdoptionSubject,
    live: LiveReplication | undefined,
    platformRoleArn: string,
    writer: string | undefined,
): string | undefined {
    if (!live || writer === undefined || live.role === platformRoleArn) return undefined;
    return (
        `${where(s)} already replicates (role ${live.role}, rules ${live.ruleIds.join(", ") || "(none)"}), and the stack ${writer} ` +
        `would replace that configuration with its own: move those destinations elsewhere or drop them ` +
        `(aws s3api delete-bucket-replication --bucket ${s.bucket}) and run adopt again`
    );
}

/**
 * With MFA delete on, only the root user with its MFA device may change the bucket's versioning: the
 * stack's versioning setting would fail in the middle of a deploy.
 */
export function mfaDeleteRefusal(s: AdoptionSubject, liveMfaDelete: string | undefined): string | undefined {
    if (liveMfaDelete !== "Enabled") return undefined;
    return (
        `${where(s)} has MFA delete enabled, so only the root user with its MFA device can change its versioning and the stack's ` +
        `versioning setting would fail: as root, run aws s3api put-bucket-versioning --bucket ${s.bucket} ` +
        `--versioning-configuration Status=Enabled,MFADelete=Disabled --mfa "SERIAL CODE", then run adopt again`
    );
}

/**
 * S3 replicates an Object Lock bucket's objects only to buckets with Object Lock enabled (failure reason
 * DstBucketObjectLockConfigMissing): every object would fail to replicate, and a failed replication is
 * never retried by itself. Object Lock cannot be turned off, so the fix is a different bucket.
 * `replicates` is false on a stack whose bucket is never a replication source (the destination account).
 */
export function objectLockRefusal(
    s: AdoptionSubject,
    liveObjectLock: boolean,
    replicates: boolean,
    replicasHaveObjectLock = false,
): string | undefined {
    if (!liveObjectLock || !replicates || replicasHaveObjectLock) return undefined;
    return (
        `${where(s)} has Object Lock enabled, and S3 replicates such a bucket only to buckets with Object Lock, which the ` +
        `platform's other buckets do not have: every object would fail to replicate; Object Lock cannot be turned off, ` +
        `so set existingBucketName to a bucket without it (or copy the objects into one first)`
    );
}

/** An Object Lock default retention: as S3 returns it (Days or Years) and as a stack sets it (days). */
export interface LockRetention {
    mode: string;
    days?: number;
    years?: number;
}

const retentionText = (r: LockRetention): string =>
    `${r.mode} ${r.days !== undefined ? `${r.days} days` : `${r.years} years`}`;

/**
 * A destination stack with objectLockMode writes the bucket's default retention (PutObjectLockConfiguration
 * replaces it whole): a live default retention that differs would be overwritten silently. A live bucket
 * with Object Lock and no default retention only gains one, which loses nothing.
 */
export function objectLockRetentionRefusal(
    s: AdoptionSubject,
    live: LockRetention | undefined,
    wanted: LockRetention | undefined,
): string | undefined {
    if (!live || !wanted || (live.mode === wanted.mode && live.days !== undefined && live.days === wanted.days))
        return undefined;
    return (
        `${where(s)} has the Object Lock default retention ${retentionText(live)}, and the stack's objectLockMode and ` +
        `objectLockRetentionDays (${retentionText(wanted)}) would replace it: set them to the live values in ` +
        `Pulumi.${s.stack}.yaml${live.days === undefined ? ` (${live.years} years as days)` : ""}, or change the bucket's ` +
        `default retention yourself and run adopt again`
    );
}

/** Everything the checks need to know about the live bucket. */
export interface LiveBucketFacts {
    region: string;
    ownedByStackAccount: boolean;
    ownerAccount?: string;
    ownership?: string;
    ownerCanonicalId: string;
    grants: AclGrant[];
    replication?: LiveReplication;
    mfaDelete?: string;
    objectLock: boolean;
    /** The live Object Lock default retention, when the bucket has one. */
    objectLockRetention?: LockRetention;
}

/** What the stack does to the bucket, as far as the checks need it. */
export interface AdoptingStack {
    /** The platform's replication role ARN (deterministic, from the naming module). */
    replicationRoleArn: string;
    /** The stack that writes this bucket's replication configuration (the hub), undefined for none. */
    replicationWriter?: string;
    /** The bucket is a replication source (regional stacks). */
    replicates: boolean;
    /** The default retention the stack sets (a destination stack with objectLockMode). @default none */
    objectLockRetention?: LockRetention;
}

/** Every refusal that applies, in the order a user should fix them (whose and where the bucket is first). */
export function adoptionRefusals(s: AdoptionSubject, live: LiveBucketFacts, stack: AdoptingStack): string[] {
    return [
        accountRefusal(s, live.ownedByStackAccount, live.ownerAccount),
        regionRefusal(s, live.region),
        mfaDeleteRefusal(s, live.mfaDelete),
        objectLockRefusal(s, live.objectLock, stack.replicates),
        objectLockRetentionRefusal(s, live.objectLockRetention, stack.objectLockRetention),
        aclRefusal(s, live.ownership, live.ownerCanonicalId, live.grants),
        replicationRefusal(s, live.replication, stack.replicationRoleArn, stack.replicationWriter),
    ].filter((m): m is string => m !== undefined);
}
