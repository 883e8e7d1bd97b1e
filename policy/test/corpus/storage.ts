// Corpus: hardened buckets and their policies, written in the shape's way (Bucket or BucketV2, ...V2 settings, components).

import { A, B, ExportResource, StackBuilder, Statement, arn, kmsKey, roleArn } from "./builder";

/** Names of the buckets and roles of a system with this prefix and these regions (deterministic, as the design asks). */
export function namesOf(prefix: string, regions: string[]) {
    const hub = regions[0];
    return {
        data: (region: string) => `${prefix}-data-${A}-${region}`,
        manifest: `${prefix}-manifest-${A}-${hub}`,
        regionalManifest: (region: string) => `${prefix}-manifest-${A}-${region}`,
        replica: `${prefix}-replica-${B}-${hub}`,
        reports: `${prefix}-reports-${B}-${hub}`,
        replicationRole: `${prefix}-replication`,
        batchReplicationRole: `${prefix}-batch-replication`,
        batchCopyRole: `${prefix}-batch-copy`,
        partnerRole: `${prefix}-partner-writer`,
        mrap: `${prefix}-mrap`,
    };
}
export type Names = ReturnType<typeof namesOf>;

export function denyInsecureTransport(bucket: string): Statement {
    return {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [arn(bucket), `${arn(bucket)}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
    };
}

export function delegateToAccessPoints(bucket: string): Statement {
    return {
        Sid: "DelegateToOwnAccessPoints",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: "s3:*",
        Resource: [arn(bucket), `${arn(bucket)}/*`],
        Condition: { StringEquals: { "s3:DataAccessPointAccount": A } },
    };
}

export function inventoryDelivery(dest: string, source: string): Statement {
    return {
        Sid: "InventoryDelivery",
        Effect: "Allow",
        Principal: { Service: "s3.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `${arn(dest)}/*`,
        Condition: {
            StringEquals: { "aws:SourceAccount": A, "s3:x-amz-acl": "bucket-owner-full-control" },
            ArnLike: { "aws:SourceArn": arn(source) },
        },
    };
}

/**
 * A bucket with every setting of the hardened baseline: versioning, ownership, encryption, public access
 * block, one policy (TLS deny + `statements`), request metrics. Logical names: `<logical>` for the bucket,
 * `<logical>-versioning`, `-ownership`, `-encryption`, `-public-access-block`, `-policy`, `-metrics`.
 */
export function hardenedBucket(
    s: StackBuilder,
    logical: string,
    bucket: string,
    statements: Statement[],
    keyIndex = 1,
): ExportResource {
    const v2 = s.shape.bucket === "BucketV2";
    const parent = s.component("storage:HardenedBucket", logical);
    const b = s.add(
        v2 ? "aws:s3/bucketV2:BucketV2" : "aws:s3/bucket:Bucket",
        logical,
        { bucket },
        {
            id: bucket,
            outputs: { arn: arn(bucket), region: s.region },
            parent,
        },
    );
    const deps = { parent, deps: [b] };
    const versioning = s.add(
        v2 ? "aws:s3/bucketVersioningV2:BucketVersioningV2" : "aws:s3/bucketVersioning:BucketVersioning",
        `${logical}-versioning`,
        { bucket, versioningConfiguration: { status: "Enabled" } },
        deps,
    );
    s.add(
        "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
        `${logical}-ownership`,
        {
            bucket,
            rule: { objectOwnership: "BucketOwnerEnforced" },
        },
        deps,
    );
    const byDefault = s.shape.kms
        ? { sseAlgorithm: "aws:kms", kmsMasterKeyId: kmsKey(s.region, s.account, keyIndex) }
        : { sseAlgorithm: "AES256" };
    s.add(
        v2
            ? "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2"
            : "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        `${logical}-encryption`,
        { bucket, rules: [{ applyServerSideEncryptionByDefault: byDefault, bucketKeyEnabled: true }] },
        deps,
    );
    s.add(
        "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
        `${logical}-public-access-block`,
        {
            bucket,
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        },
        deps,
    );
    s.add(
        "aws:s3/bucketPolicy:BucketPolicy",
        `${logical}-policy`,
        {
            bucket,
            policy: s.doc([denyInsecureTransport(bucket), ...statements]),
        },
        deps,
    );
    s.add("aws:s3/bucketMetric:BucketMetric", `${logical}-metrics`, { bucket, name: "EntireBucket" }, deps);
    s.add(
        v2
            ? "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2"
            : "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
        `${logical}-lifecycle`,
        {
            bucket,
            rules: [
                {
                    id: "noncurrent",
                    status: "Enabled",
                    filter: {},
                    noncurrentVersionExpiration: { noncurrentDays: 90 },
                },
                {
                    id: "abort-multipart",
                    status: "Enabled",
                    filter: {},
                    abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
                },
            ],
        },
        { parent, deps: [b, versioning] },
    );
    return b;
}

/** The destination account's stack: replica and report buckets, the cross-account batch copy role. */
export function destinationStack(s: StackBuilder, n: Names, regions: string[]): void {
    const fromA = (role: string): Statement => ({
        Principal: { AWS: `arn:aws:iam::${A}:root` },
        Condition: { ArnEquals: { "aws:PrincipalArn": roleArn(A, role) } },
    });
    hardenedBucket(s, "replica", n.replica, [
        {
            Sid: "AllowSourceReplicationObjects",
            Effect: "Allow",
            ...fromA(n.replicationRole),
            Action: [
                "s3:ReplicateObject",
                "s3:ReplicateDelete",
                "s3:ReplicateTags",
                "s3:ObjectOwnerOverrideToBucketOwner",
            ],
            Resource: `${arn(n.replica)}/*`,
        },
        {
            Sid: "AllowSourceReplicationBucket",
            Effect: "Allow",
            ...fromA(n.replicationRole),
            Action: ["s3:ListBucket", "s3:GetBucketVersioning"],
            Resource: arn(n.replica),
        },
    ]);
    hardenedBucket(
        s,
        "reports",
        n.reports,
        [
            {
                Sid: "AllowSourceBatchReports",
                Effect: "Allow",
                ...fromA(n.batchReplicationRole),
                Action: "s3:PutObject",
                Resource: `${arn(n.reports)}/*`,
            },
        ],
        2,
    );
    s.role(
        "batch-copy-role",
        n.batchCopyRole,
        [{ Effect: "Allow", Principal: { Service: "batchoperations.s3.amazonaws.com" }, Action: "sts:AssumeRole" }],
        [
            {
                Sid: "ReadSourceAndManifest",
                Effect: "Allow",
                Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectTagging"],
                Resource: [...regions.map((r) => `${arn(n.data(r))}/*`), `${arn(n.manifest)}/*`],
            },
            {
                Sid: "WriteReplica",
                Effect: "Allow",
                Action: ["s3:PutObject", "s3:PutObjectTagging"],
                Resource: `${arn(n.replica)}/*`,
            },
            { Sid: "WriteReport", Effect: "Allow", Action: "s3:PutObject", Resource: `${arn(n.reports)}/*` },
        ],
        s.component("iam:BatchOperationsRole", "batch-copy"),
    );
}
