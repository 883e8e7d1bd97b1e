// Expected IAM documents shared by tests at different levels (component and stack); written out, never derived from the code.

/**
 * The trust every Batch Operations role must carry: the service alone (the cross-account replication report's "Failed
 * to assume role" otherwise).
 */
export const BATCH_TRUST = {
    Version: "2012-10-17",
    Statement: [
        {
            Sid: "TrustService",
            Effect: "Allow",
            Principal: { Service: "batchoperations.s3.amazonaws.com" },
            Action: "sts:AssumeRole",
        },
    ],
};
