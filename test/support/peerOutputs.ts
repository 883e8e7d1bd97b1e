// Stack outputs of the example peer stacks, as the hub's StackReferences receive them under mocks.

export const ACCOUNT_A = "111111111111";
export const ACCOUNT_B = "222222222222";

/** What a `secondary` stack of the example config exports, in any region. */
export const secondaryOutputs = (region: string) => ({
    role: "secondary",
    region,
    accountId: ACCOUNT_A,
    bucketName: `example-s3mr-data-${ACCOUNT_A}-${region}`,
    bucketArn: `arn:aws:s3:::example-s3mr-data-${ACCOUNT_A}-${region}`,
    manifestBucketName: `example-s3mr-manifest-${ACCOUNT_A}-${region}`,
    inventoryManifestFolder: `s3://example-s3mr-manifest-${ACCOUNT_A}-${region}/inventory/example-s3mr-data-${ACCOUNT_A}-${region}/existing-objects/`,
    accessLogBucketName: `example-s3mr-logs-${ACCOUNT_A}-${region}`,
    reportBucketName: `example-s3mr-reports-${ACCOUNT_A}-${region}`,
    reportBucketArn: `arn:aws:s3:::example-s3mr-reports-${ACCOUNT_A}-${region}`,
    batchReplicationRoleArn: `arn:aws:iam::${ACCOUNT_A}:role/example-s3mr-batch-replication-${region}`,
});

export const OSAKA_OUTPUTS = secondaryOutputs("ap-northeast-3");

export const DEST_OUTPUTS = {
    role: "destination",
    region: "ap-northeast-1",
    accountId: ACCOUNT_B,
    replicaBucketName: `example-s3mr-replica-${ACCOUNT_B}-ap-northeast-1`,
    replicaBucketArn: `arn:aws:s3:::example-s3mr-replica-${ACCOUNT_B}-ap-northeast-1`,
    // The example destination keeps what account A deletes (destinationMode's default).
    destinationMode: "backup",
};
