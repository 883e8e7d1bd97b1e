// Every data and replica bucket is inventoried daily into a manifest bucket of its own region and
// account, which is what the reconcile command compares.
import * as assert from "node:assert/strict";
import { DestinationConfig, SecondaryConfig } from "../../config/platformConfig";
import { destinationStack } from "../../stacks/destination";
import { secondaryStack } from "../../stacks/secondary";
import { installMocks, ResourceRecorder, settle, valueOf } from "../../verifier/mockRuntime";
import { DEST_OUTPUTS, OSAKA_OUTPUTS } from "../support/peerOutputs";
import { stackConfig } from "../support/stackConfigs";
import { exampleHub } from "../support/exampleHub";
import { athenaDatabaseName, athenaWorkgroupName } from "../../stacks/inventoryQueries";

const INVENTORY = "aws:s3/inventory:Inventory";

/** The inventory's source bucket, destination bucket ARN, account and the fields reconcile needs. */
function inventories(rec: ResourceRecorder) {
    return rec.ofType(INVENTORY).map((r) => ({
        bucket: r.inputs.bucket,
        destination: r.inputs.destination.bucket.bucketArn,
        accountId: r.inputs.destination.bucket.accountId,
        format: r.inputs.destination.bucket.format,
        frequency: r.inputs.schedule.frequency,
        versions: r.inputs.includedObjectVersions,
        fields: [...r.inputs.optionalFields].sort(),
    }));
}

const FIELDS = ["ETag", "EncryptionStatus", "LastModifiedDate", "ReplicationStatus", "Size", "StorageClass"];

describe("inventories on every bucket", () => {
    it("secondary: its data bucket into its own region's manifest bucket", async () => {
        const rec = await installMocks({ stack: "osaka", accountId: "111111111111", region: "ap-northeast-3" });
        const out = await valueOf(secondaryStack(stackConfig<SecondaryConfig>("osaka")));
        await settle();
        assert.deepEqual(inventories(rec), [
            {
                bucket: OSAKA_OUTPUTS.bucketName,
                destination: `arn:aws:s3:::${OSAKA_OUTPUTS.manifestBucketName}`,
                accountId: "111111111111",
                format: "CSV",
                frequency: "Daily",
                versions: "Current",
                fields: FIELDS,
            },
        ]);
        assert.equal(out.inventoryManifestFolder, OSAKA_OUTPUTS.inventoryManifestFolder);
        // Same account reads it: the policy holds the delivery statement and nothing for another account.
        const policy = JSON.parse(rec.one("aws:s3/bucketPolicy:BucketPolicy", "manifest-policy").inputs.policy);
        assert.deepEqual(
            policy.Statement.map((s: { Sid: string }) => s.Sid),
            ["DenyInsecureTransport", "AllowInventoryDelivery"],
        );
    });

    it("destination: the replica into account B's manifest bucket, readable by account A for reconciling", async () => {
        const rec = await installMocks({ stack: "dest-account", accountId: "222222222222", region: "ap-northeast-1" });
        const out = await valueOf(destinationStack(stackConfig<DestinationConfig>("dest-account")));
        await settle();
        const manifest = "example-s3mr-manifest-222222222222-ap-northeast-1";
        assert.deepEqual(inventories(rec), [
            {
                bucket: DEST_OUTPUTS.replicaBucketName,
                destination: `arn:aws:s3:::${manifest}`,
                accountId: "222222222222",
                format: "CSV",
                frequency: "Daily",
                versions: "Current",
                fields: FIELDS,
            },
        ]);
        assert.equal(out.manifestBucketName, manifest);
        assert.equal(
            out.inventoryManifestFolder,
            `s3://${manifest}/inventory/${DEST_OUTPUTS.replicaBucketName}/existing-objects/`,
        );
        const policy = JSON.parse(rec.one("aws:s3/bucketPolicy:BucketPolicy", "manifest-policy").inputs.policy);
        const delivery = policy.Statement.find((s: { Sid: string }) => s.Sid === "AllowInventoryDelivery");
        assert.deepEqual(delivery.Condition.StringEquals["aws:SourceAccount"], "222222222222");
        assert.deepEqual(
            policy.Statement.find((s: { Sid: string }) => s.Sid === "AllowOperatorAccountManifestRead"),
            {
                Sid: "AllowOperatorAccountManifestRead",
                Effect: "Allow",
                Principal: { AWS: ["arn:aws:iam::111111111111:root"] },
                Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket"],
                Resource: [`arn:aws:s3:::${manifest}`, `arn:aws:s3:::${manifest}/*`],
            },
        );
    });

    it("primary: its data bucket into the hub's manifest bucket, once", async () => {
        const { rec } = await exampleHub();
        const inv = inventories(rec);
        assert.equal(inv.length, 1);
        assert.equal(inv[0].bucket, "example-s3mr-data-111111111111-ap-northeast-1");
        assert.equal(inv[0].destination, "arn:aws:s3:::example-s3mr-manifest-111111111111-ap-northeast-1");
    });
});

describe("the hub's Athena workgroup for reconciling", () => {
    it("keeps results in a hardened bucket of account A that clients cannot redirect", async () => {
        const { rec, out } = await exampleHub();
        const results = "example-s3mr-athena-111111111111-ap-northeast-1";
        const wg = rec.one("aws:athena/workgroup:Workgroup", "reconcile").inputs;
        assert.equal(wg.name, "example-s3mr-reconcile");
        assert.equal(
            wg.description,
            "Reconciles S3 Inventories of the platform's buckets (npm run reconcile -- --engine athena).",
        );
        // A workgroup holding query history is not deleted with it by accident.
        assert.equal(wg.forceDestroy, false);
        assert.deepEqual(wg.configuration, {
            enforceWorkgroupConfiguration: true,
            publishCloudwatchMetricsEnabled: true,
            resultConfiguration: {
                outputLocation: `s3://${results}/results/`,
                expectedBucketOwner: "111111111111",
                encryptionConfiguration: { encryptionOption: "SSE_S3" },
            },
        });
        const db = rec.one("aws:athena/database:Database", "inventory").inputs;
        assert.deepEqual(
            { name: db.name, bucket: db.bucket, owner: db.expectedBucketOwner, forceDestroy: db.forceDestroy },
            { name: "example_s3mr_inventory", bucket: results, owner: "111111111111", forceDestroy: false },
        );
        assert.deepEqual(db.encryptionConfiguration, { encryptionOption: "SSE_S3" });
        assert.equal(db.comment, "Tables over the platform's S3 Inventory reports, created by npm run reconcile.");
        // The database's DDL results land in the bucket: it is declared only after the bucket's policy.
        const policy = rec
            .ofType("aws:s3/bucketPolicy:BucketPolicy")
            .filter((p) => p.inputs.bucket === results)
            .map((p) => p.urn);
        assert.equal(policy.length, 1);
        assert.deepEqual(rec.one("aws:athena/database:Database", "inventory").options?.dependsOn, policy);
        assert.ok(rec.ofType("aws:s3/bucket:Bucket").some((b) => b.inputs.bucket === results));
        assert.deepEqual(
            { wg: out.athenaWorkgroup, db: out.athenaDatabase, bucket: out.athenaResultsBucketName },
            { wg: "example-s3mr-reconcile", db: "example_s3mr_inventory", bucket: results },
        );
    });

    it("Athena names: every dash of the prefix becomes an underscore in the database name (Athena allows no dash)", () => {
        assert.equal(athenaDatabaseName("acme-s3-mr"), "acme_s3_mr_inventory");
        assert.equal(athenaWorkgroupName("acme-s3-mr"), "acme-s3-mr-reconcile");
    });
});
