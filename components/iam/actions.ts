// Named S3 action lists (least privilege), shared by role policies and bucket policies.

/** What a replication destination must allow the source account's replication role (seed 001, step 2). */
export const REPLICA_OBJECT_ACTIONS = ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags", "s3:ObjectOwnerOverrideToBucketOwner"] as const;

/**
 * Bucket-level reads the replication role needs on a destination. Seed 001 also grants
 * s3:PutBucketVersioning; that is left out on purpose: it would let account A suspend
 * versioning on account B's replica, and the destination stack owns that setting.
 */
export const REPLICA_BUCKET_ACTIONS = ["s3:ListBucket", "s3:GetBucketVersioning"] as const;
