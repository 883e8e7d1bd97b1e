// Named S3 action lists (least privilege), shared by role policies and bucket policies.

/**
 * What a replication destination must allow the source account's replication role (the cross-account replication
 * report, step 2).
 */
export const REPLICA_OBJECT_ACTIONS = [
    "s3:ReplicateObject",
    "s3:ReplicateDelete",
    "s3:ReplicateTags",
    "s3:ObjectOwnerOverrideToBucketOwner",
] as const;

/**
 * What a BACKUP replica bucket allows the replication role: no s3:ReplicateDelete, the action S3 checks
 * to write a delete marker. Account B thereby refuses account A's deletes itself, even if A's rule were
 * changed to replicate delete markers again.
 */
export const REPLICA_BACKUP_OBJECT_ACTIONS = REPLICA_OBJECT_ACTIONS.filter((a) => a !== "s3:ReplicateDelete");

/**
 * Object-lock reads AWS requires of a replication role whose destination has S3 Object Lock ("Using
 * Object Lock with S3 Replication": s3:GetObjectRetention and s3:GetObjectLegalHold on the source).
 */
export const REPLICATION_SOURCE_OBJECT_LOCK_ACTIONS = ["s3:GetObjectRetention", "s3:GetObjectLegalHold"] as const;

/**
 * Bucket-level reads the replication role needs on a destination. The cross-account replication report also grants
 * s3:PutBucketVersioning; that is left out on purpose: it would let account A suspend
 * versioning on account B's replica, and the destination stack owns that setting.
 */
export const REPLICA_BUCKET_ACTIONS = ["s3:ListBucket", "s3:GetBucketVersioning"] as const;

/** Bucket-level reads a replication role needs on each SOURCE bucket (the cross-account replication report, step 1). */
export const REPLICATION_SOURCE_BUCKET_ACTIONS = ["s3:GetReplicationConfiguration", "s3:ListBucket"] as const;

/**
 * Object-version reads a replication role needs on each SOURCE bucket's objects (the cross-account replication report,
 * step 1).
 */
export const REPLICATION_SOURCE_OBJECT_ACTIONS = [
    "s3:GetObjectVersionForReplication",
    "s3:GetObjectVersionAcl",
    "s3:GetObjectVersionTagging",
] as const;

/** Writes a replication role needs on a destination bucket of the SAME account (no owner override). */
export const REPLICATION_DESTINATION_OBJECT_ACTIONS = [
    "s3:ReplicateObject",
    "s3:ReplicateDelete",
    "s3:ReplicateTags",
] as const;

/**
 * Writes on a destination bucket of ANOTHER account: the rule sets `accessControlTranslation.owner =
 * Destination`, and S3 refuses that rule's replicas unless the role may also change the owner.
 * Equal to REPLICA_OBJECT_ACTIONS, which the destination's bucket policy grants.
 */
export const REPLICATION_CROSS_ACCOUNT_OBJECT_ACTIONS = [
    ...REPLICATION_DESTINATION_OBJECT_ACTIONS,
    "s3:ObjectOwnerOverrideToBucketOwner",
] as const;

/**
 * What the MRAP policy lets account A's own principals do through the MRAP; their identity policies
 * then decide who does what (the partner writer role, for one, gets only Get/Put/List).
 */
export const MRAP_DATA_ACTIONS = [
    "s3:GetObject",
    "s3:GetObjectVersion",
    "s3:GetObjectTagging",
    "s3:PutObject",
    "s3:PutObjectTagging",
    "s3:DeleteObject",
    "s3:DeleteObjectVersion",
    "s3:AbortMultipartUpload",
    "s3:ListMultipartUploadParts",
    "s3:ListBucket",
    "s3:ListBucketVersions",
    "s3:ListBucketMultipartUploads",
] as const;

/**
 * Object actions a partner may use through the MRAP (the MRAP field report, cross-account part): read, upload and clean
 * up its own multipart uploads, no delete.
 */
export const PARTNER_OBJECT_ACTIONS = [
    "s3:GetObject",
    "s3:PutObject",
    // `aws s3 cp` of a large file uploads in parts: an interrupted upload leaves parts (billed as storage)
    // that only AbortMultipartUpload removes, and the CLI lists parts to resume or clean up.
    "s3:AbortMultipartUpload",
    "s3:ListMultipartUploadParts",
] as const;

/** Bucket-level action a partner may use through the MRAP: listing keys (`aws s3 ls`). */
export const PARTNER_BUCKET_ACTIONS = ["s3:ListBucket"] as const;

/**
 * What the private network's VPC endpoints let through to the platform's buckets and MRAP: object
 * reads and writes, listing, multipart uploads, and GetBucketLocation (the CLI asks it for some
 * commands). No bucket administration and no s3:ListAllMyBuckets: those take the public API.
 */
export const VPC_ENDPOINT_DATA_ACTIONS = [...MRAP_DATA_ACTIONS, "s3:GetBucketLocation"] as const;

/**
 * What a Batch Replication job's role needs on the SOURCE bucket's objects (AWS "Configuring IAM
 * policies for Batch Replication"): S3 copies through the replication configuration and its own
 * replication role, so the batch role only starts replication, it never reads object data.
 */
export const BATCH_REPLICATION_OBJECT_ACTIONS = ["s3:InitiateReplication"] as const;

/**
 * Bucket-level actions of a Batch Replication job with an S3-generated manifest: S3 reads the
 * replication rules to pick eligible objects, and builds the manifest through an inventory configuration.
 */
export const BATCH_REPLICATION_BUCKET_ACTIONS = [
    "s3:GetReplicationConfiguration",
    "s3:PutInventoryConfiguration",
] as const;

/**
 * Writing a Batch Operations completion report (the cross-account batch copy report: without it "The job report could
 * not be written").
 */
export const BATCH_REPORT_WRITE_ACTIONS = ["s3:PutObject"] as const;

/**
 * Reading an inventory manifest: manifest.json and every data file it lists (the cross-account batch copy report).
 * Batch Operations checks the manifest's ETag with GetObject, so the person creating the job needs it too.
 */
export const MANIFEST_READ_ACTIONS = ["s3:GetObject", "s3:GetObjectVersion"] as const;

/** Listing the manifest bucket: how an operator finds the newest dated inventory report to start a job from. */
export const MANIFEST_LIST_ACTIONS = ["s3:ListBucket"] as const;

/**
 * What an S3 Batch Operations Copy job reads from each source object: data and tags (the cross-account batch copy
 * report's policy without s3:GetObjectAcl/GetObjectVersionAcl: every bucket here has ACLs disabled).
 */
export const BATCH_COPY_SOURCE_READ_ACTIONS = [
    "s3:GetObject",
    "s3:GetObjectVersion",
    "s3:GetObjectTagging",
    "s3:GetObjectVersionTagging",
] as const;

/**
 * What an S3 Batch Operations Copy job writes into the target bucket: the object and its tags
 * (the cross-account batch copy report's policy without s3:PutObjectAcl/PutObjectVersionAcl: BucketOwnerEnforced
 * refuses ACLs other than bucket-owner-full-control, and the copy sets none).
 */
export const BATCH_COPY_TARGET_WRITE_ACTIONS = [
    "s3:PutObject",
    "s3:PutObjectTagging",
    "s3:PutObjectVersionTagging",
] as const;

/** KMS actions for writing objects into a bucket whose default encryption is SSE-KMS with a customer key. */
export const KMS_WRITE_ACTIONS = ["kms:GenerateDataKey", "kms:Decrypt"] as const;

/**
 * What the replication role needs on each SOURCE bucket's SSE-KMS key (AWS "Replicating encrypted
 * objects"): S3 decrypts the source object as the role before it writes the replica.
 */
export const REPLICATION_SOURCE_KMS_ACTIONS = ["kms:Decrypt"] as const;

/**
 * What the replication role needs on each key replicas are encrypted with (a rule's replicaKmsKeyId).
 * kms:Encrypt encrypts the replica. kms:Decrypt is there because every bucket here enables S3 Bucket
 * Keys and a replica keeps its source's Bucket Key setting: AWS says S3 then calls kms:Decrypt on the
 * replica key as the role, to check the bucket-level key before using it. No kms:GenerateDataKey:
 * AWS requires it only for replicating plaintext (unencrypted) objects, and no object in buckets
 * created since January 2023 is plaintext (SSE-S3 is the floor).
 */
export const REPLICATION_REPLICA_KMS_ACTIONS = ["kms:Encrypt", "kms:Decrypt"] as const;

/** What the batch copy role needs on the SOURCE bucket's SSE-KMS key to read (GetObject) each object it copies. */
export const BATCH_COPY_SOURCE_KMS_ACTIONS = ["kms:Decrypt"] as const;
