// Reads a live bucket's settings with the AWS SDK: everything the stack would overwrite, and what the refusals need.
import {
    GetBucketAclCommand,
    GetBucketAclCommandOutput,
    GetBucketEncryptionCommand,
    GetBucketLifecycleConfigurationCommand,
    GetBucketLocationCommand,
    GetBucketLoggingCommand,
    GetBucketOwnershipControlsCommand,
    GetBucketPolicyCommand,
    GetBucketReplicationCommand,
    GetBucketTaggingCommand,
    GetBucketVersioningCommand,
    GetObjectLockConfigurationCommand,
    GetPublicAccessBlockCommand,
    HeadBucketCommand,
    InventoryConfiguration,
    LifecycleRule,
    ListBucketInventoryConfigurationsCommand,
    ListBucketsCommand,
    LoggingEnabled,
    ObjectLockConfiguration,
    PublicAccessBlockConfiguration,
    ReplicationConfiguration,
    S3Client,
    ServerSideEncryptionRule,
} from "@aws-sdk/client-s3";
import type { AclGrant } from "../../config/adoptionChecks";
import { OpsFailure, oneLine, PreflightError } from "../common/cli";

/** What `adopt` knows about the live bucket after reading it (undefined = the setting is absent). */
export interface LiveBucket {
    ownership?: string;
    ownerCanonicalId: string;
    grants: AclGrant[];
    encryption?: ServerSideEncryptionRule[];
    versioning?: string;
    mfaDelete?: string;
    publicAccessBlock?: PublicAccessBlockConfiguration;
    /** The statements of the live policy, as written (a single statement object becomes a list of one). */
    policyStatements: Record<string, unknown>[];
    lifecycleRules: LifecycleRule[];
    replication?: ReplicationConfiguration;
    inventories: InventoryConfiguration[];
    objectLock?: ObjectLockConfiguration;
    tags: Record<string, string>;
    /** Server access logging, when the bucket logs. */
    logging?: LoggingEnabled;
}

/** The error name S3 (and moto) give when a setting was never configured: absent, not a failure. */
const ABSENT = new Set([
    "NoSuchBucketPolicy",
    "OwnershipControlsNotFoundError",
    "ServerSideEncryptionConfigurationNotFoundError",
    "NoSuchPublicAccessBlockConfiguration",
    "NoSuchLifecycleConfiguration",
    "ReplicationConfigurationNotFoundError",
    "ObjectLockConfigurationNotFoundError",
    "NoSuchTagSet",
]);

/** One read of one setting: absent settings resolve undefined, anything else is one line naming the setting. */
async function read<T>(bucket: string, setting: string, call: () => Promise<T>): Promise<T | undefined> {
    try {
        return await call();
    } catch (e) {
        const name = (e as { name?: string }).name ?? "";
        if (ABSENT.has(name)) return undefined;
        throw new OpsFailure(`could not read the ${setting} of bucket ${bucket}: ${oneLine(e)}`);
    }
}

/** GetBucketLocation's answer as a region code: S3 writes us-east-1 as no constraint and eu-west-1 as "EU". */
export function locationToRegion(constraint: string | undefined | null): string {
    if (!constraint) return "us-east-1";
    return constraint === "EU" ? "eu-west-1" : constraint;
}

/**
 * Whether the caller's account owns the bucket, and its region. ListBuckets lists exactly the buckets the
 * caller's account owns, so a bucket that exists (HeadBucket) but is not listed belongs to another account.
 * A bucket that does not exist is bad input (exit 2): the stack file names it.
 */
export async function locateBucket(
    s3: Pick<S3Client, "send">,
    bucket: string,
    stackFile: string,
): Promise<{ owned: boolean; region?: string }> {
    try {
        await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    } catch (e) {
        const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
        const name = (e as { name?: string }).name;
        if (status === 404 || name === "NotFound" || name === "NoSuchBucket") {
            throw new PreflightError(`bucket ${bucket} (existingBucketName in ${stackFile}) does not exist`);
        }
        // 403 (another account's bucket without a policy for us) and 301 (another region) are answered below.
        if (status !== 403 && status !== 301) throw new OpsFailure(`could not find bucket ${bucket}: ${oneLine(e)}`);
    }
    let owned = false;
    let token: string | undefined;
    do {
        const page = await read(bucket, "bucket list of the account (s3:ListAllMyBuckets)", () =>
            s3.send(new ListBucketsCommand({ Prefix: bucket, ContinuationToken: token })),
        );
        // Stryker disable next-line ArrayDeclaration: a non-empty stand-in holds no element named like the bucket either
        owned ||= (page?.Buckets ?? []).some((b) => b.Name === bucket);
        token = page?.ContinuationToken;
    } while (token && !owned);
    if (!owned) return { owned };
    const location = await read(bucket, "location", () => s3.send(new GetBucketLocationCommand({ Bucket: bucket })));
    // Stryker disable next-line OptionalChaining: read() resolves undefined only for "setting absent" errors, which GetBucketLocation never answers
    return { owned, region: locationToRegion(location?.LocationConstraint) };
}

function parsePolicy(bucket: string, text: string | undefined): Record<string, unknown>[] {
    if (!text) return [];
    try {
        const doc = JSON.parse(text) as { Statement?: unknown };
        const st = doc.Statement;
        return (Array.isArray(st) ? st : st ? [st] : []) as Record<string, unknown>[];
    } catch (e) {
        throw new OpsFailure(`the policy of bucket ${bucket} is not JSON: ${(e as Error).message}`);
    }
}

function grantsOf(acl: GetBucketAclCommandOutput): AclGrant[] {
    return (acl.Grants ?? []).map((g) => {
        return {
            granteeType: (g.Grantee?.Type ?? "CanonicalUser") as AclGrant["granteeType"],
            ...(g.Grantee?.ID ? { id: g.Grantee.ID } : {}),
            ...(g.Grantee?.URI ? { uri: g.Grantee.URI } : {}),
            ...(g.Grantee?.EmailAddress ? { email: g.Grantee.EmailAddress } : {}),
            permission: g.Permission ?? "",
        };
    });
}

/** Reads every setting of a bucket the caller owns, with a client in the bucket's region. */
export async function readLiveBucket(s3: Pick<S3Client, "send">, bucket: string): Promise<LiveBucket> {
    const B = { Bucket: bucket };
    const [ownership, acl, encryption, versioning, pab, policy, lifecycle, replication, objectLock, tagging, logging] =
        await Promise.all([
            read(bucket, "ownership controls", () => s3.send(new GetBucketOwnershipControlsCommand(B))),
            read(bucket, "ACL", () => s3.send(new GetBucketAclCommand(B))),
            read(bucket, "default encryption", () => s3.send(new GetBucketEncryptionCommand(B))),
            read(bucket, "versioning", () => s3.send(new GetBucketVersioningCommand(B))),
            read(bucket, "public access block", () => s3.send(new GetPublicAccessBlockCommand(B))),
            read(bucket, "policy", () => s3.send(new GetBucketPolicyCommand(B))),
            read(bucket, "lifecycle configuration", () => s3.send(new GetBucketLifecycleConfigurationCommand(B))),
            read(bucket, "replication configuration", () => s3.send(new GetBucketReplicationCommand(B))),
            read(bucket, "Object Lock configuration", () => s3.send(new GetObjectLockConfigurationCommand(B))),
            read(bucket, "tags", () => s3.send(new GetBucketTaggingCommand(B))),
            // A bucket that does not log answers without LoggingEnabled, not with an error.
            read(bucket, "server access logging", () => s3.send(new GetBucketLoggingCommand(B))),
        ]);
    const inventories: InventoryConfiguration[] = [];
    let token: string | undefined;
    do {
        const page = await read(bucket, "inventory configurations", () =>
            s3.send(new ListBucketInventoryConfigurationsCommand({ ...B, ContinuationToken: token })),
        );
        inventories.push(...(page?.InventoryConfigurationList ?? []));
        token = page?.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return {
        ownership: ownership?.OwnershipControls?.Rules?.[0]?.ObjectOwnership,
        ownerCanonicalId: acl?.Owner?.ID ?? "",
        grants: acl ? grantsOf(acl) : [],
        encryption: encryption?.ServerSideEncryptionConfiguration?.Rules,
        versioning: versioning?.Status,
        mfaDelete: versioning?.MFADelete,
        publicAccessBlock: pab?.PublicAccessBlockConfiguration,
        policyStatements: parsePolicy(bucket, policy?.Policy),
        lifecycleRules: lifecycle?.Rules ?? [],
        replication: replication?.ReplicationConfiguration,
        inventories,
        objectLock: objectLock?.ObjectLockConfiguration,
        tags: Object.fromEntries((tagging?.TagSet ?? []).map((t) => [t.Key ?? "", t.Value ?? ""])),
        ...(logging?.LoggingEnabled?.TargetBucket ? { logging: logging.LoggingEnabled } : {}),
    };
}
