// Corpus: the hub stack (roles of account A, the replication mesh of every regional bucket, MRAP, batch job, private network).

import { A, B, PARTNER, StackBuilder, Statement, arn, kmsKey, roleArn } from "./builder";
import { Names, delegateToAccessPoints, hardenedBucket, inventoryDelivery } from "./storage";

/** MRAP routes are only served in these regions: the routes resource pins the hub when it is one of them. */
const ROUTES_REGIONS = ["us-east-1", "us-west-2", "ap-southeast-2", "ap-northeast-1", "eu-west-1"];

export const mrapArn = (prefix: string): string => `arn:aws:s3::${A}:accesspoint/${prefix.replace(/-/g, "")}x.mrap`;

function replicationRule(s: StackBuilder, id: string, dest: string, destRegion: string, account?: string): Statement {
    const destination: Record<string, unknown> = {
        bucket: arn(dest),
        replicationTime: { status: "Enabled", time: { minutes: 15 } },
        metrics: { status: "Enabled", eventThreshold: { minutes: 15 } },
    };
    if (account) Object.assign(destination, { account, accessControlTranslation: { owner: "Destination" } });
    if (s.shape.kms) destination["encryptionConfiguration"] = { replicaKmsKeyId: kmsKey(destRegion, account ?? A, 1) };
    const criteria: Record<string, unknown> = { replicaModifications: { status: "Enabled" } };
    if (s.shape.kms) criteria["sseKmsEncryptedObjects"] = { status: "Enabled" };
    return {
        id,
        status: "Enabled",
        priority: account ? 2 : 1,
        filter: {},
        deleteMarkerReplication: { status: "Enabled" },
        sourceSelectionCriteria: criteria,
        destination,
    };
}

export function hubStack(s: StackBuilder, n: Names, regions: string[]): void {
    const hub = regions[0];
    const data = regions.map(n.data);
    const allObjects = data.map((b) => `${arn(b)}/*`);
    hardenedBucket(s, `data-${hub}`, n.data(hub), [delegateToAccessPoints(n.data(hub))]);
    hardenedBucket(
        s,
        "manifest",
        n.manifest,
        [
            inventoryDelivery(n.manifest, n.data(hub)),
            {
                Sid: "AllowBatchOperationsManifestRead",
                Effect: "Allow",
                Principal: { AWS: `arn:aws:iam::${B}:root` },
                Action: ["s3:GetObject", "s3:GetObjectVersion"],
                Resource: `${arn(n.manifest)}/*`,
                Condition: { ArnEquals: { "aws:PrincipalArn": roleArn(B, n.batchCopyRole) } },
            },
        ],
        2,
    );
    s.add("aws:s3/inventory:Inventory", "data-inventory", {
        bucket: n.data(hub),
        name: "batch-manifest",
        includedObjectVersions: "Current",
        schedule: { frequency: "Daily" },
        destination: { bucket: { bucketArn: arn(n.manifest), format: "CSV", prefix: "inventory" } },
    });

    const kmsGrants: Statement[] = s.shape.kms
        ? [
              {
                  Sid: "DecryptSources",
                  Effect: "Allow",
                  Action: "kms:Decrypt",
                  Resource: regions.map((r) => kmsKey(r, A, 1)),
              },
              {
                  Sid: "EncryptReplicas",
                  Effect: "Allow",
                  Action: ["kms:Encrypt", "kms:GenerateDataKey"],
                  Resource: [...regions.map((r) => kmsKey(r, A, 1)), kmsKey(hub, B, 1)],
              },
          ]
        : [];
    s.role(
        "replication-role",
        n.replicationRole,
        [
            {
                Effect: "Allow",
                Principal: { Service: "s3.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: { StringEquals: { "aws:SourceAccount": A } },
            },
        ],
        [
            {
                Sid: "ReadConfiguration",
                Effect: "Allow",
                Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"],
                Resource: data.map(arn),
            },
            {
                Sid: "ReadSources",
                Effect: "Allow",
                Action: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"],
                Resource: allObjects,
            },
            {
                Sid: "WriteDestinations",
                Effect: "Allow",
                Action: [
                    "s3:ReplicateObject",
                    "s3:ReplicateDelete",
                    "s3:ReplicateTags",
                    "s3:ObjectOwnerOverrideToBucketOwner",
                ],
                Resource: [...allObjects, `${arn(n.replica)}/*`],
            },
            ...kmsGrants,
        ],
        s.component("iam:ReplicationRole", "replication"),
    );
    // Every regional bucket replicates to every other one and to account B (S3 never replicates a replica).
    for (const source of regions) {
        const rules = regions.filter((r) => r !== source).map((r) => replicationRule(s, `to-${r}`, n.data(r), r));
        rules.push(replicationRule(s, "to-destination-account", n.replica, hub, B));
        const inputs: Record<string, unknown> = { bucket: n.data(source), role: roleArn(A, n.replicationRole), rules };
        if (source !== hub) inputs["region"] = source;
        s.add("aws:s3/bucketReplicationConfig:BucketReplicationConfig", `replication-${source}`, inputs);
    }

    s.role(
        "batch-replication-role",
        n.batchReplicationRole,
        [{ Effect: "Allow", Principal: { Service: "batchoperations.s3.amazonaws.com" }, Action: "sts:AssumeRole" }],
        [
            { Sid: "InitiateReplication", Effect: "Allow", Action: "s3:InitiateReplication", Resource: allObjects },
            {
                Sid: "GenerateManifest",
                Effect: "Allow",
                Action: ["s3:GetReplicationConfiguration", "s3:PutInventoryConfiguration"],
                Resource: data.map(arn),
            },
            {
                Sid: "ReadAndWriteManifest",
                Effect: "Allow",
                Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"],
                Resource: `${arn(n.manifest)}/*`,
            },
            {
                Sid: "WriteReport",
                Effect: "Allow",
                Action: "s3:PutObject",
                Resource: `${arn(n.reports)}/batch-replication/*`,
            },
        ],
        s.component("iam:BatchOperationsRole", "batch-replication"),
    );
    s.add(
        "pulumi-nodejs:dynamic:Resource",
        "existing-objects",
        {
            accountId: A,
            region: hub,
            sourceBucketArn: arn(n.data(hub)),
            roleArn: roleArn(A, n.batchReplicationRole),
            reportBucketArn: arn(n.reports),
            reportPrefix: "batch-replication",
            manifestOutputBucketArn: arn(n.manifest),
            objectReplicationStatuses: ["NONE", "FAILED"],
        },
        { id: "job-0001" },
    );

    const mrap = mrapArn(s.shape.prefix);
    const pab = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };
    s.add(
        "aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint",
        "mrap",
        {
            accountId: A,
            details: { name: n.mrap, publicAccessBlock: pab, regions: data.map((bucket) => ({ bucket })) },
        },
        { outputs: { arn: mrap } },
    );
    s.add("aws:s3control/multiRegionAccessPointPolicy:MultiRegionAccessPointPolicy", "mrap-policy", {
        accountId: A,
        details: {
            name: n.mrap,
            policy: s.doc([
                {
                    Effect: "Allow",
                    Principal: { AWS: `arn:aws:iam::${A}:root` },
                    Action: ["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
                    Resource: [mrap, `${mrap}/object/*`],
                },
            ]),
        },
    });
    s.add("aws:s3control/multiRegionAccessPointRoutes:MultiRegionAccessPointRoutes", "mrap-routes", {
        accountId: A,
        mrap,
        region: ROUTES_REGIONS.includes(hub) ? hub : "us-west-2",
        routes: regions.map((region, i) => ({
            bucket: n.data(region),
            region,
            // Three regions: active-passive (the hub takes requests, the others stand by); two: active-active.
            trafficDialPercentage: i > 0 && regions.length > 2 ? 0 : 100,
        })),
    });
    s.role(
        "partner-writer-role",
        n.partnerRole,
        [
            {
                Effect: "Allow",
                Principal: { AWS: `arn:aws:iam::${PARTNER}:root` },
                Action: "sts:AssumeRole",
                Condition: { StringEquals: { "sts:ExternalId": `${s.shape.prefix}-partner` } },
            },
        ],
        [
            { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: `${mrap}/object/*` },
            { Effect: "Allow", Action: "s3:ListBucket", Resource: mrap },
        ],
    );
}
