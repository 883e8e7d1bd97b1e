// Existing objects end to end under mocks: what tokyo and dest-account build for Batch Replication and the batch copy, and the job switch.
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { DestinationConfig, PrimaryConfig } from "../../config/platformConfig";
import { destinationStack } from "../../stacks/destination";
import { primaryStack } from "../../stacks/primary";
import { installMocks, RecordedResource, ResourceRecorder, settle, valueOf } from "../../verifier/mockRuntime";
import { DEST_OUTPUTS, OSAKA_OUTPUTS } from "../support/peerOutputs";
import { stackConfig } from "../support/stackConfigs";
import { BATCH_TRUST } from "../support/expectedDocuments";

const A = "111111111111";
const B = "222222222222";

const DATA = "arn:aws:s3:::example-s3mr-data-111111111111-ap-northeast-1";
const MANIFEST = "arn:aws:s3:::example-s3mr-manifest-111111111111-ap-northeast-1";
const REPORTS_A = "arn:aws:s3:::example-s3mr-reports-111111111111-ap-northeast-1";
const REPORTS_B = "arn:aws:s3:::example-s3mr-reports-222222222222-ap-northeast-1";
const BATCH_REPLICATION_ROLE = "arn:aws:iam::111111111111:role/example-s3mr-batch-replication";
const BATCH_COPY_ROLE = "arn:aws:iam::222222222222:role/example-s3mr-batch-copy";
const OPERATOR = "arn:aws:iam::222222222222:role/example-batch-operator";
const DYNAMIC = "pulumi-nodejs:dynamic:Resource";

const policyOf = (r: RecordedResource, key = "policy") => JSON.parse(r.inputs[key]);
const denyHttp = (arn: string) => ({
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [arn, `${arn}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
});

async function tokyo(
    overrides: Record<string, string> = {},
): Promise<{ rec: ResourceRecorder; outputs: Record<string, unknown> }> {
    const rec = await installMocks({
        stack: "tokyo",
        accountId: A,
        region: "ap-northeast-1",
        peers: { osaka: OSAKA_OUTPUTS, "dest-account": DEST_OUTPUTS },
    });
    const stack = primaryStack(stackConfig<PrimaryConfig>("tokyo", overrides));
    const outputs = (await valueOf(stack)) as Record<string, unknown>;
    await settle();
    return { rec, outputs };
}

describe("existing objects: tokyo (account A)", () => {
    it("manifest bucket: owner-enforced, ONE policy with the inventory delivery AND the read grants for B's copy role and the operator", async () => {
        const { rec } = await tokyo();
        const manifestPolicies = rec
            .ofType("aws:s3/bucketPolicy:BucketPolicy")
            .filter((p) => p.inputs.bucket === "example-s3mr-manifest-111111111111-ap-northeast-1");
        assert.equal(
            manifestPolicies.length,
            1,
            "a second BucketPolicy on the manifest bucket would overwrite the first (batch copy report)",
        );
        assert.deepEqual(policyOf(manifestPolicies[0]), {
            Version: "2012-10-17",
            Statement: [
                denyHttp(MANIFEST),
                {
                    Sid: "AllowInventoryDelivery",
                    Effect: "Allow",
                    Principal: { Service: "s3.amazonaws.com" },
                    Action: "s3:PutObject",
                    Resource: `${MANIFEST}/*`,
                    Condition: {
                        StringEquals: { "aws:SourceAccount": A, "s3:x-amz-acl": "bucket-owner-full-control" },
                        ArnLike: { "aws:SourceArn": DATA },
                    },
                },
                {
                    Sid: "AllowManifestRead",
                    Effect: "Allow",
                    Principal: { AWS: `arn:aws:iam::${B}:root` },
                    Action: ["s3:GetObject", "s3:GetObjectVersion"],
                    Resource: [`${MANIFEST}/*`],
                    Condition: { ArnEquals: { "aws:PrincipalArn": [BATCH_COPY_ROLE] } },
                },
                {
                    Sid: "AllowOperatorManifestRead",
                    Effect: "Allow",
                    Principal: { AWS: [`arn:aws:iam::${B}:root`] },
                    Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket"],
                    Resource: [MANIFEST, `${MANIFEST}/*`],
                    Condition: { ArnEquals: { "aws:PrincipalArn": [OPERATOR] } },
                },
            ],
        });
        assert.deepEqual(
            rec.one("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "manifest-ownership").inputs.rule,
            { objectOwnership: "BucketOwnerEnforced" },
        );
    });

    it("inventory of the Tokyo bucket into the manifest bucket, after the manifest bucket's policy", async () => {
        const { rec } = await tokyo();
        const inventory = rec.one("aws:s3/inventory:Inventory", "manifest-inventory");
        assert.deepEqual(
            {
                bucket: inventory.inputs.bucket,
                versions: inventory.inputs.includedObjectVersions,
                schedule: inventory.inputs.schedule,
                destination: inventory.inputs.destination,
            },
            {
                bucket: "example-s3mr-data-111111111111-ap-northeast-1",
                versions: "Current",
                schedule: { frequency: "Daily" },
                destination: { bucket: { bucketArn: MANIFEST, format: "CSV", accountId: A, prefix: "inventory" } },
            },
        );
        assert.ok(inventory.dependencies.includes(rec.one("aws:s3/bucketPolicy:BucketPolicy", "manifest-policy").urn));
    });

    it("Tokyo data bucket grants B's batch copy role object reads, pinned by PrincipalArn", async () => {
        const { rec } = await tokyo();
        const statements = policyOf(rec.one("aws:s3/bucketPolicy:BucketPolicy", "data-policy")).Statement as {
            Sid: string;
        }[];
        assert.deepEqual(
            statements.filter((s) => s.Sid === "AllowBatchCopyRead"),
            [
                {
                    Sid: "AllowBatchCopyRead",
                    Effect: "Allow",
                    Principal: { AWS: `arn:aws:iam::${B}:root` },
                    Action: [
                        "s3:GetObject",
                        "s3:GetObjectVersion",
                        "s3:GetObjectTagging",
                        "s3:GetObjectVersionTagging",
                    ],
                    Resource: [`${DATA}/*`],
                    Condition: { ArnEquals: { "aws:PrincipalArn": [BATCH_COPY_ROLE] } },
                },
            ],
        );
        assert.equal(
            rec
                .ofType("aws:s3/bucketPolicy:BucketPolicy")
                .filter((p) => p.inputs.bucket === "example-s3mr-data-111111111111-ap-northeast-1").length,
            1,
        );
    });

    it("Batch Replication role trusts batchoperations (not s3.amazonaws.com) and may write the report bucket, whose policy adds nothing", async () => {
        const { rec } = await tokyo();
        const role = rec.one("aws:iam/role:Role", "batch-replication-role");
        assert.equal(role.inputs.name, "example-s3mr-batch-replication");
        assert.deepEqual(policyOf(role, "assumeRolePolicy"), BATCH_TRUST);
        assert.deepEqual(
            policyOf(rec.one("aws:iam/rolePolicy:RolePolicy", "batch-replication-role-permissions")).Statement,
            [
                {
                    Sid: "InitiateReplicationOfSourceObjects",
                    Effect: "Allow",
                    Action: ["s3:InitiateReplication"],
                    Resource: [`${DATA}/*`],
                },
                {
                    Sid: "ReadSourceReplicationConfiguration",
                    Effect: "Allow",
                    Action: ["s3:GetReplicationConfiguration", "s3:PutInventoryConfiguration"],
                    Resource: [DATA],
                },
                {
                    Sid: "WriteCompletionReports",
                    Effect: "Allow",
                    Action: ["s3:PutObject"],
                    Resource: [`${REPORTS_A}/*`],
                },
                {
                    Sid: "WriteGeneratedManifest",
                    Effect: "Allow",
                    Action: ["s3:PutObject"],
                    Resource: [`${MANIFEST}/batch-replication-manifests/*`],
                },
            ],
        );
        assert.deepEqual(policyOf(rec.one("aws:s3/bucketPolicy:BucketPolicy", "reports-policy")).Statement, [
            denyHttp(REPORTS_A),
        ]);
        assert.deepEqual(
            rec.one("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "reports-ownership").inputs.rule,
            { objectOwnership: "BucketOwnerEnforced" },
        );
        // The replication role keeps its own s3.amazonaws.com trust: the two roles are never one (the cross-account
        // replication report).
        assert.notEqual(rec.one("aws:iam/role:Role", "replication-role").inputs.name, role.inputs.name);
    });

    it("no Batch Replication job by default; outputs name the buckets, the role and the batch copy command", async () => {
        const { rec, outputs } = await tokyo();
        assert.deepEqual(rec.ofType(DYNAMIC), []);
        assert.equal(outputs.batchReplicationJob, undefined);
        assert.deepEqual(
            {
                manifestBucketName: outputs.manifestBucketName,
                manifestBucketArn: outputs.manifestBucketArn,
                inventoryManifestFolder: outputs.inventoryManifestFolder,
                reportBucketName: outputs.reportBucketName,
                reportBucketArn: outputs.reportBucketArn,
                batchReplicationRoleArn: outputs.batchReplicationRoleArn,
            },
            {
                manifestBucketName: "example-s3mr-manifest-111111111111-ap-northeast-1",
                manifestBucketArn: MANIFEST,
                inventoryManifestFolder:
                    "s3://example-s3mr-manifest-111111111111-ap-northeast-1/inventory/example-s3mr-data-111111111111-ap-northeast-1/existing-objects/",
                reportBucketName: "example-s3mr-reports-111111111111-ap-northeast-1",
                reportBucketArn: REPORTS_A,
                batchReplicationRoleArn: BATCH_REPLICATION_ROLE,
            },
        );
        const command = outputs.batchCopyCommand as string;
        assert.match(command, /aws s3control create-job --region ap-northeast-1 --account-id 222222222222 /);
        assert.match(command, /"TargetResource":"arn:aws:s3:::example-s3mr-replica-222222222222-ap-northeast-1"/);
        assert.match(command, /"Bucket":"arn:aws:s3:::example-s3mr-reports-222222222222-ap-northeast-1"/);
        assert.match(command, /--role-arn arn:aws:iam::222222222222:role\/example-s3mr-batch-copy /);
    });

    it("batchReplicationJob: true adds the job: hub bucket, batch role, report bucket, after the hub's replication configuration and the role's policy", async () => {
        const { rec, outputs } = await tokyo({ "s3-multiregion:batchReplicationJob": "true" });
        const jobs = rec.ofType(DYNAMIC);
        assert.equal(jobs.length, 1);
        const job = jobs[0];
        assert.equal(job.name, "batch-replication");
        assert.deepEqual(
            {
                accountId: job.inputs.accountId,
                region: job.inputs.region,
                sourceBucketArn: job.inputs.sourceBucketArn,
                roleArn: job.inputs.roleArn,
                reportBucketArn: job.inputs.reportBucketArn,
                reportPrefix: job.inputs.reportPrefix,
                objectReplicationStatuses: job.inputs.objectReplicationStatuses,
                manifestOutputBucketArn: job.inputs.manifestOutputBucketArn,
                manifestOutputPrefix: job.inputs.manifestOutputPrefix,
            },
            {
                accountId: A,
                region: "ap-northeast-1",
                sourceBucketArn: DATA,
                roleArn: BATCH_REPLICATION_ROLE,
                reportBucketArn: REPORTS_A,
                reportPrefix: "batch-replication",
                objectReplicationStatuses: ["NONE", "FAILED"],
                // The generated manifest stays in the hub's own region, beside the bucket's inventories.
                manifestOutputBucketArn: MANIFEST,
                manifestOutputPrefix: "batch-replication-manifests",
            },
        );
        const hubReplication = rec
            .ofType("aws:s3/bucketReplicationConfig:BucketReplicationConfig")
            .find((r) => r.inputs.bucket === "example-s3mr-data-111111111111-ap-northeast-1");
        assert.ok(hubReplication, "the hub's replication configuration exists");
        assert.ok(
            job.dependencies.includes(hubReplication.urn),
            "S3 refuses Batch Replication before the replication configuration exists",
        );
        assert.ok(
            job.dependencies.includes(
                rec.one("aws:iam/rolePolicy:RolePolicy", "batch-replication-role-permissions").urn,
            ),
        );
        assert.ok(outputs.batchReplicationJob !== undefined);
        // The hub bucket's noncurrent-version expiry waits for the job; the manifest bucket's does not.
        const status = (bucket: string) =>
            rec
                .ofType("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration")
                .find((l) => l.inputs.bucket === bucket)!
                .inputs.rules.map((r: { id: string; status: string }) => `${r.id}=${r.status}`);
        assert.deepEqual(status("example-s3mr-data-111111111111-ap-northeast-1"), [
            "expire-noncurrent-versions=Disabled",
            "abort-incomplete-multipart-uploads=Enabled",
        ]);
        assert.deepEqual(status("example-s3mr-manifest-111111111111-ap-northeast-1"), [
            "expire-noncurrent-versions=Enabled",
            "abort-incomplete-multipart-uploads=Enabled",
        ]);
        assert.deepEqual(outputs.lifecyclePausedRules, ["expire-noncurrent-versions"]);
    });

    it("the job runs with the stack's aws:profile, aws:assumeRoles and aws:allowedAccountIds, and its run number", async () => {
        const aws = {
            "aws:profile": "tokyo-admin",
            "aws:assumeRoles": JSON.stringify([
                {
                    roleArn: "arn:aws:iam::111111111111:role/deployer",
                    sessionName: "up",
                    externalId: "ext",
                    duration: "1h",
                },
            ]),
            "aws:allowedAccountIds": JSON.stringify([A]),
        };
        for (const [key, value] of Object.entries(aws)) pulumi.runtime.setConfig(key, value);
        try {
            const { rec } = await tokyo({
                "s3-multiregion:batchReplicationJob": "true",
                "s3-multiregion:batchReplicationRunNumber": "3",
            });
            const job = rec.ofType(DYNAMIC)[0];
            assert.deepEqual(
                {
                    profile: job.inputs.profile,
                    assumeRoles: job.inputs.assumeRoles,
                    allowedAccountIds: job.inputs.allowedAccountIds,
                    runNumber: job.inputs.runNumber,
                },
                {
                    profile: "tokyo-admin",
                    assumeRoles: [
                        { roleArn: "arn:aws:iam::111111111111:role/deployer", sessionName: "up", externalId: "ext" },
                    ],
                    allowedAccountIds: [A],
                    runNumber: 3,
                },
            );
        } finally {
            // The runtime cannot unset a key: leave values that read as "not set" for later tests.
            pulumi.runtime.setConfig("aws:profile", "");
            pulumi.runtime.setConfig("aws:assumeRoles", "[]");
            pulumi.runtime.setConfig("aws:allowedAccountIds", "[]");
        }
    });
});

describe("existing objects: dest-account (account B)", () => {
    it("batch copy role: batchoperations trust, reads of A's data and manifests, writes of the replica and B's reports", async () => {
        const rec = await installMocks({ stack: "dest-account", accountId: B, region: "ap-northeast-1" });
        const outputs = await valueOf(destinationStack(stackConfig<DestinationConfig>("dest-account")));
        await settle();
        const role = rec.one("aws:iam/role:Role", "batch-copy-role");
        assert.equal(role.inputs.name, "example-s3mr-batch-copy");
        assert.deepEqual(policyOf(role, "assumeRolePolicy"), BATCH_TRUST);
        assert.deepEqual(policyOf(rec.one("aws:iam/rolePolicy:RolePolicy", "batch-copy-role-permissions")).Statement, [
            {
                Sid: "ReadSourceObjects",
                Effect: "Allow",
                Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectTagging", "s3:GetObjectVersionTagging"],
                Resource: ["arn:aws:s3:::example-s3mr-data-111111111111-*/*"],
            },
            {
                Sid: "ReadInventoryManifests",
                Effect: "Allow",
                Action: ["s3:GetObject", "s3:GetObjectVersion"],
                Resource: ["arn:aws:s3:::example-s3mr-manifest-111111111111-*/*"],
            },
            {
                Sid: "WriteTargetObjects",
                Effect: "Allow",
                Action: ["s3:PutObject", "s3:PutObjectTagging", "s3:PutObjectVersionTagging"],
                Resource: [`${DEST_OUTPUTS.replicaBucketArn}/*`],
            },
            { Sid: "WriteCompletionReports", Effect: "Allow", Action: ["s3:PutObject"], Resource: [`${REPORTS_B}/*`] },
        ]);
        // Same account as its writer: the report bucket's policy adds nothing to DenyInsecureTransport.
        assert.deepEqual(policyOf(rec.one("aws:s3/bucketPolicy:BucketPolicy", "reports-policy")).Statement, [
            denyHttp(REPORTS_B),
        ]);
        assert.deepEqual(
            rec.one("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "reports-ownership").inputs.rule,
            { objectOwnership: "BucketOwnerEnforced" },
        );
        assert.deepEqual(
            {
                batchCopyRoleArn: outputs.batchCopyRoleArn,
                reportBucketName: outputs.reportBucketName,
                reportBucketArn: outputs.reportBucketArn,
            },
            {
                batchCopyRoleArn: BATCH_COPY_ROLE,
                reportBucketName: "example-s3mr-reports-222222222222-ap-northeast-1",
                reportBucketArn: REPORTS_B,
            },
        );
        assert.deepEqual(rec.ofType(DYNAMIC), []);
    });
});
