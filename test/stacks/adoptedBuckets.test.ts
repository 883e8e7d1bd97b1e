// Adopting existing buckets under mocks: the bucket is read, not created; the kept statements and rules join the one
// policy and lifecycle exactly once; a collision is one line before any resource.
import * as assert from "node:assert/strict";
import { AdoptedSettings } from "../../config/adoptedSettings";
import { ConfigError } from "../../config/configReader";
import { DestinationConfig, SecondaryConfig } from "../../config/platformConfig";
import { keptAccessLoggingInput } from "../../stacks/accessLogging";
import { destinationStack } from "../../stacks/destination";
import { secondaryStack } from "../../stacks/secondary";
import { installMocks, ResourceRecorder, settle, valueOf } from "../../verifier/mockRuntime";
import { stackConfig } from "../support/stackConfigs";

const LEGACY = "legacy-osaka-data";
const BUCKET = "aws:s3/bucket:Bucket";
const INVENTORY_DELIVERY = {
    Sid: "InventoryDeliveryFromReports",
    Effect: "Allow" as const,
    Principal: { Service: "s3.amazonaws.com" },
    Action: "s3:PutObject",
    Resource: `arn:aws:s3:::${LEGACY}/inventory/*`,
};
const LOG_DELIVERY = "http://acs.amazonaws.com/groups/s3/LogDelivery";
const KEPT_RULE = { ID: "expire-tmp", Status: "Enabled" as const, Filter: { Prefix: "tmp/" }, Expiration: { Days: 7 } };

function adopted(
    stack: string,
    bucket: string,
    region: string,
    accountId: string,
    over: Partial<AdoptedSettings> = {},
) {
    return {
        version: 1 as const,
        stack,
        bucket,
        region,
        accountId,
        readAt: "2026-12-01T00:00:00Z",
        keptPolicyStatements: [INVENTORY_DELIVERY],
        keptLifecycleRules: [KEPT_RULE],
        ...over,
    };
}

function osakaConfig(over: Partial<AdoptedSettings> = {}): SecondaryConfig {
    const cfg = stackConfig<SecondaryConfig>("osaka", { "s3-multiregion:existingBucketName": LEGACY });
    return { ...cfg, adopted: adopted("osaka", LEGACY, cfg.region, cfg.accountId, over) };
}

async function osaka(cfg: SecondaryConfig): Promise<{ rec: ResourceRecorder; outputs: Record<string, unknown> }> {
    const rec = await installMocks({ stack: "osaka", accountId: cfg.accountId, region: cfg.region });
    const outputs = (await valueOf(secondaryStack(cfg))) as Record<string, unknown>;
    await settle();
    return { rec, outputs };
}

const policyOf = (rec: ResourceRecorder, bucket: string) =>
    JSON.parse(
        rec.ofType("aws:s3/bucketPolicy:BucketPolicy").find((p) => p.inputs.bucket === bucket)!.inputs.policy as string,
    ) as { Statement: Array<{ Sid: string }> };

describe("adopted buckets: a regional stack adopts its data bucket", () => {
    it("the bucket is read by its name, never created, and the stack exports the adopted name", async () => {
        const { rec, outputs } = await osaka(osakaConfig());
        const data = rec.resources.filter((r) => r.type === BUCKET && r.name === "data");
        assert.equal(data.length, 1);
        assert.equal(data[0].read, true);
        assert.equal(data[0].id, LEGACY);
        assert.equal(outputs.bucketName, LEGACY);
        assert.equal(outputs.bucketArn, `arn:aws:s3:::${LEGACY}`);
        // The other buckets keep their deterministic names and are created as before.
        const created = rec.ofType(BUCKET).filter((r) => !r.read);
        assert.deepEqual(created.map((r) => r.inputs.bucket).sort(), [
            "example-s3mr-logs-111111111111-ap-northeast-3",
            "example-s3mr-manifest-111111111111-ap-northeast-3",
            "example-s3mr-reports-111111111111-ap-northeast-3",
        ]);
    });

    it("the kept statement joins the ONE policy exactly once, after the stack's own", async () => {
        const { rec } = await osaka(osakaConfig());
        const policies = rec.ofType("aws:s3/bucketPolicy:BucketPolicy").filter((p) => p.inputs.bucket === LEGACY);
        assert.equal(policies.length, 1);
        const statements = policyOf(rec, LEGACY).Statement;
        assert.deepEqual(
            statements.map((s) => s.Sid),
            ["DenyInsecureTransport", "DelegateToOwnAccessPoints", "InventoryDeliveryFromReports"],
        );
        assert.deepEqual(statements[2], INVENTORY_DELIVERY);
    });

    it("the kept lifecycle rule joins the ONE lifecycle configuration beside the stack's rules", async () => {
        const { rec } = await osaka(osakaConfig());
        const lifecycles = rec
            .ofType("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration")
            .filter((l) => l.inputs.bucket === LEGACY);
        assert.equal(lifecycles.length, 1);
        const rules = lifecycles[0].inputs.rules as Array<Record<string, unknown>>;
        assert.deepEqual(
            rules.map((r) => r.id),
            ["expire-noncurrent-versions", "abort-incomplete-multipart-uploads", "expire-tmp"],
        );
        assert.deepEqual(rules[2], {
            id: "expire-tmp",
            status: "Enabled",
            filter: { prefix: "tmp/" },
            expiration: { days: 7 },
        });
    });

    it("every setting of the adopted bucket is retained on delete: a destroy never strips the live bucket", async () => {
        const { rec } = await osaka(osakaConfig());
        const settings = rec.resources.filter((r) => r.custom && !r.read && r.inputs.bucket === LEGACY);
        assert.deepEqual(
            settings.map((r) => r.type).sort(),
            [
                "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
                "aws:s3/bucketLogging:BucketLogging",
                "aws:s3/bucketMetric:BucketMetric",
                "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
                "aws:s3/bucketPolicy:BucketPolicy",
                "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
                "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
                "aws:s3/bucketVersioning:BucketVersioning",
                "aws:s3/inventory:Inventory",
            ].sort(),
        );
        for (const r of settings.filter((s) => s.parent?.includes("HardenedBucket"))) {
            assert.equal(r.retainOnDelete, true, `${r.type} of the adopted bucket must be retained on delete`);
        }
    });

    it("a kept Sid that collides with one of ours fails with one line naming both, before any resource", async () => {
        const rec = await installMocks({ stack: "osaka", accountId: "111111111111", region: "ap-northeast-3" });
        const cfg = osakaConfig({
            keptPolicyStatements: [{ ...INVENTORY_DELIVERY, Sid: "DelegateToOwnAccessPoints" }],
        });
        assert.throws(
            () => secondaryStack(cfg),
            (e: unknown) =>
                e instanceof ConfigError &&
                e.message ===
                    "s3-multiregion:existingBucketName: the kept statement DelegateToOwnAccessPoints in adopted/osaka.json has the Sid of the stack's own statement DelegateToOwnAccessPoints; rename the kept statement's Sid in that file (or drop it with adopt) and run again",
        );
        await settle();
        assert.equal(rec.resources.length, 0);
    });

    it("a kept rule the stack cannot carry over fails with one line naming the file and the rule", async () => {
        await installMocks({ stack: "osaka", accountId: "111111111111", region: "ap-northeast-3" });
        const cfg = osakaConfig({ keptLifecycleRules: [{ ...KEPT_RULE, Unknown: 1 }] });
        assert.throws(
            () => secondaryStack(cfg),
            (e: unknown) =>
                e instanceof ConfigError &&
                e.key === "existingBucketName" &&
                e.message.startsWith("adopted/osaka.json: kept lifecycle rule expire-tmp: the rule has Unknown"),
        );
    });

    it("a bucket name S3 would refuse is a config error naming existingBucketName", () => {
        assert.throws(
            () => stackConfig<SecondaryConfig>("osaka", { "s3-multiregion:existingBucketName": "Legacy_Bucket" }),
            (e: unknown) =>
                e instanceof ConfigError &&
                /^config s3-multiregion:existingBucketName = "Legacy_Bucket"; allowed: unset, or the name of an existing S3 bucket/.test(
                    e.message,
                ),
        );
    });
});

describe("adopted buckets: the live server access logging target", () => {
    const KEPT = {
        TargetBucket: "legacy-osaka-logs",
        TargetPrefix: "legacy/",
        TargetObjectKeyFormat: { PartitionedPrefix: { PartitionDateSource: "EventTime" as const } },
    };

    it("a kept target is what the stack writes, and no log bucket is built for nothing to log into", async () => {
        const { rec, outputs } = await osaka(osakaConfig({ keptAccessLogging: KEPT }));
        assert.deepEqual(
            rec.ofType("aws:s3/bucketLogging:BucketLogging").map((r) => [r.inputs, r.retainOnDelete]),
            [
                [
                    {
                        bucket: LEGACY,
                        targetBucket: "legacy-osaka-logs",
                        targetPrefix: "legacy/",
                        targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } },
                    },
                    true,
                ],
            ],
        );
        assert.equal(
            rec.ofType(BUCKET).find((r) => String(r.inputs.bucket).includes("-logs-")),
            undefined,
            "no platform log bucket",
        );
        assert.equal(outputs.accessLogBucketName, "legacy-osaka-logs");
    });

    it("without a kept target the adopted bucket logs into the stack's log bucket", async () => {
        const { rec, outputs } = await osaka(osakaConfig());
        const logs = "example-s3mr-logs-111111111111-ap-northeast-3";
        assert.deepEqual(
            rec.ofType("aws:s3/bucketLogging:BucketLogging").map((r) => [r.inputs.bucket, r.inputs.targetBucket]),
            [[LEGACY, logs]],
        );
        assert.equal(outputs.accessLogBucketName, logs);
    });

    it("maps every kept field onto the BucketLogging inputs", () => {
        assert.deepEqual(
            keptAccessLoggingInput({
                TargetBucket: "t",
                TargetPrefix: "",
                TargetObjectKeyFormat: { SimplePrefix: {} },
                TargetGrants: [
                    { Grantee: { Type: "CanonicalUser", ID: "abc" }, Permission: "READ" },
                    {
                        Grantee: { Type: "AmazonCustomerByEmail", EmailAddress: "ops@example.com" },
                        Permission: "WRITE",
                    },
                    { Grantee: { Type: "Group", URI: LOG_DELIVERY }, Permission: "READ" },
                ],
            }),
            {
                targetBucket: "t",
                targetPrefix: "",
                targetObjectKeyFormat: { simplePrefix: {} },
                targetGrants: [
                    { permission: "READ", grantee: { type: "CanonicalUser", id: "abc" } },
                    {
                        permission: "WRITE",
                        grantee: { type: "AmazonCustomerByEmail", emailAddress: "ops@example.com" },
                    },
                    { permission: "READ", grantee: { type: "Group", uri: LOG_DELIVERY } },
                ],
            },
        );
        for (const source of ["EventTime", "DeliveryTime"] as const) {
            assert.deepEqual(
                keptAccessLoggingInput({
                    TargetBucket: "t",
                    TargetPrefix: "p/",
                    TargetObjectKeyFormat: { PartitionedPrefix: { PartitionDateSource: source } },
                }),
                {
                    targetBucket: "t",
                    targetPrefix: "p/",
                    targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: source } },
                },
            );
        }
        assert.deepEqual(keptAccessLoggingInput({ TargetBucket: "t", TargetPrefix: "p/" }), {
            targetBucket: "t",
            targetPrefix: "p/",
        });
    });
});

describe("adopted buckets: dest-account adopts its replica bucket", () => {
    it("reads the replica bucket and grants the source replication role on the adopted name", async () => {
        const base = stackConfig<DestinationConfig>("dest-account", {
            "s3-multiregion:existingBucketName": "legacy-replica",
        });
        const cfg = {
            ...base,
            adopted: adopted("dest-account", "legacy-replica", base.region, base.accountId, {
                keptPolicyStatements: [],
                keptLifecycleRules: [],
            }),
        };
        const rec = await installMocks({ stack: "dest-account", accountId: cfg.accountId, region: cfg.region });
        const outputs = (await valueOf(destinationStack(cfg))) as Record<string, unknown>;
        await settle();
        const replica = rec.resources.find((r) => r.type === BUCKET && r.name === "replica")!;
        assert.equal(replica.read, true);
        assert.equal(outputs.replicaBucketName, "legacy-replica");
        const statements = policyOf(rec, "legacy-replica").Statement as Array<{ Sid: string; Resource: unknown }>;
        assert.deepEqual(
            statements.map((s) => [s.Sid, s.Resource]),
            [
                ["DenyInsecureTransport", ["arn:aws:s3:::legacy-replica", "arn:aws:s3:::legacy-replica/*"]],
                ["AllowSourceReplicationObjects", ["arn:aws:s3:::legacy-replica/*"]],
                ["AllowSourceReplicationBucket", ["arn:aws:s3:::legacy-replica"]],
            ],
        );
    });
});
