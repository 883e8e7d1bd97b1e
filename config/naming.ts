// Deterministic physical names: every name another stack or account must know before the resource exists.
//
// Names derive only from config (prefix, account id, region), so `dest-account` can grant the
// replication role of account A before that role exists, and `tokyo` can name Osaka's bucket.

/** What a bucket holds; part of its name. */
export type BucketPurpose = "data" | "replica" | "manifest" | "reports" | "athena" | "logs";

/** Every bucket purpose, longest first: the naming rules are checked against all of them. */
export const BUCKET_PURPOSES: readonly BucketPurpose[] = [
    "manifest",
    "replica",
    "reports",
    "athena",
    "data",
    "logs",
] as const;

/** IAM roles other stacks or accounts refer to by ARN. */
export type RolePurpose = "replication" | "batch-replication" | "batch-copy" | "partner-writer";

export const ROLE_PURPOSES: readonly RolePurpose[] = [
    "batch-replication",
    "partner-writer",
    "replication",
    "batch-copy",
] as const;

/** `<prefix>-<purpose>-<account>-<region>`: unique per account and region, so every stack's buckets differ. */
export function bucketName(prefix: string, purpose: BucketPurpose, accountId: string, region: string): string {
    return `${prefix}-${purpose}-${accountId}-${region}`;
}

export function bucketArn(name: string): string {
    return `arn:aws:s3:::${name}`;
}

/** Role names are per account, so the prefix alone keeps them apart. */
export function roleName(prefix: string, purpose: RolePurpose): string {
    return `${prefix}-${purpose}`;
}

/**
 * The Batch Replication role of a regional stack. Every regional bucket has its own job and role, in the
 * one account A, and IAM names are global to an account, so a secondary's role carries its region. The
 * hub keeps the plain name it always had: operators' `iam:PassRole` grants and the hub's published
 * output name it, and a rename would replace the role under a running job.
 */
export function batchReplicationRoleName(prefix: string, region: string, hub: boolean): string {
    return hub ? roleName(prefix, "batch-replication") : `${roleName(prefix, "batch-replication")}-${region}`;
}

export function roleArn(accountId: string, name: string): string {
    return `arn:aws:iam::${accountId}:role/${name}`;
}

/** The account's root principal: what a policy names when the real principal may not exist yet (DESIGN §2). */
export function accountRootArn(accountId: string): string {
    return `arn:aws:iam::${accountId}:root`;
}

/** MRAP names: 3-50 characters, lowercase letters, digits and hyphens. */
export function mrapName(prefix: string): string {
    return `${prefix}-mrap`;
}

/**
 * Why a bucket name would be refused by S3, or undefined when it is valid.
 * Rules from the S3 general-purpose bucket naming rules; dots are refused too, because
 * a dotted name breaks TLS for virtual-hosted requests and cannot be used with an MRAP.
 */
export function bucketNameProblem(name: string): string | undefined {
    if (name.length < 3 || name.length > 63) return `is ${name.length} characters; S3 allows 3 to 63`;
    if (!/^[a-z0-9-]+$/.test(name)) return "may contain only lowercase letters, digits and hyphens";
    if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return "must begin and end with a letter or digit";
    if (name.startsWith("xn--") || name.startsWith("sthree-") || name.startsWith("amzn-s3-demo-")) {
        return "must not begin with xn--, sthree- or amzn-s3-demo- (reserved by S3)";
    }
    if (/(-s3alias|--ol-s3|--x-s3|--table-s3)$/.test(name)) return "must not end with a suffix reserved by S3";
    return undefined;
}

/** Prefixes and suffixes S3 reserves: a bucket name that begins or ends with one is refused. */
export const RESERVED_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"] as const;
export const RESERVED_SUFFIXES = ["-s3alias", "--ol-s3", "--x-s3", "--table-s3"] as const;

/**
 * The one naming rule `prefix` breaks, phrased as what is allowed, or undefined when every name
 * derived from it (buckets, roles, MRAP) is valid. One rule per answer, so the message says exactly
 * what to change. Lengths are checked against the longest purpose and region, so a later region or
 * bucket never hits S3's or IAM's limits after the first deploy.
 */
export function namePrefixProblem(prefix: string, longestRegion: string): string | undefined {
    if (/[A-Z]/.test(prefix)) return "lowercase letters only (S3 refuses uppercase in bucket names)";
    if (/[^a-z0-9-]/.test(prefix)) return "only lowercase letters, digits and hyphens (no dots, underscores or spaces)";
    if (!/^[a-z]/.test(prefix)) return "a prefix that starts with a letter";
    if (prefix.endsWith("-")) return "a prefix that does not end with a hyphen (names join it with one)";
    for (const reserved of RESERVED_PREFIXES) {
        if (prefix.startsWith(reserved)) return `a prefix that does not start with ${reserved} (reserved by S3)`;
    }
    for (const reserved of RESERVED_SUFFIXES) {
        if (prefix.endsWith(reserved)) return `a prefix that does not end with ${reserved} (a suffix S3 reserves)`;
    }
    if (prefix.includes("--")) return "no two hyphens in a row (S3 reserves such forms for access point aliases)";
    if (prefix.length < 2) return "at least 2 characters";
    for (const purpose of BUCKET_PURPOSES) {
        const problem = bucketNameProblem(bucketName(prefix, purpose, "000000000000", longestRegion));
        if (problem) {
            const maxLen = 63 - bucketName("", purpose, "000000000000", longestRegion).length;
            return `at most ${maxLen} characters (bucket names like ${bucketName("<prefix>", purpose, "<account>", longestRegion)} ${problem})`;
        }
    }
    // No role or MRAP check follows: the longest bucket name is longer than every role name (64 allowed)
    // and the MRAP name (50) built from the same prefix and region, so a prefix that passes the bucket
    // rule passes theirs; test/config/naming.test.ts holds that invariant for every purpose.
    return undefined;
}
