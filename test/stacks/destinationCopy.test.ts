// Account B's copy under mocks: a backup keeps what A deletes (no delete markers into B, noncurrent versions kept, optional Object Lock); a mirror follows A.
import * as assert from "node:assert/strict";
import { COPY_TAG_KEY } from "../../config/destinationCopy";
import { DestinationConfig, PrimaryConfig } from "../../config/platformConfig";
import { COPY_TAG_KEY as PACK_COPY_TAG_KEY } from "../../policy/policies/backup";
import { destinationStack } from "../../stacks/destination";
import { destinationPeer, peerDestinationMode } from "../../stacks/peers";
import { primaryStack } from "../../stacks/primary";
import { installMocks, ResourceRecorder, settle, valueOf } from "../../verifier/mockRuntime";
import { ACCOUNT_A as A, ACCOUNT_B as B, DEST_OUTPUTS, OSAKA_OUTPUTS } from "../support/peerOutputs";
import { stackConfig } from "../support/stackConfigs";

const P = "s3-multiregion:";
const REPLICA = DEST_OUTPUTS.replicaBucketName;
const LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";
const ABORT_UPLOADS = {
    id: "abort-incomplete-multipart-uploads",
    status: "Enabled",
    filter: {},
    abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
};
const expireAfter = (days: number) => ({
    id: "expire-noncurrent-versions",
    status: "Enabled",
    filter: {},
    noncurrentVersionExpiration: { noncurrentDays: days },
});

async function destination(
    overrides: Record<string, string> = {},
    adopt?: string,
): Promise<{ rec: ResourceRecorder; out: Record<string, unknown> }> {
    const base = stackConfig<DestinationConfig>("dest-account", {
        ...overrides,
        ...(adopt ? { [`${P}existingBucketName`]: adopt } : {}),
    });
    const cfg: DestinationConfig = adopt
        ? {
              ...base,
              adopted: {
                  version: 1,
                  stack: "dest-account",
                  bucket: adopt,
                  region: base.region,
                  accountId: base.accountId,
                  readAt: "2026-12-01T00:00:00Z",
                  keptPolicyStatements: [],
                  keptLifecycleRules: [],
              },
          }
        : base;
    const rec = await installMocks({ stack: "dest-account", accountId: B, region: "ap-northeast-1" });
    const out = (await valueOf(destinationStack(cfg))) as Record<string, unknown>;
    await settle();
    return { rec, out };
}

const lifecycleRules = (rec: ResourceRecorder) =>
    rec.one("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "replica-lifecycle").inputs.rules;
const replicaGrant = (rec: ResourceRecorder) =>
    JSON.parse(rec.one("aws:s3/bucketPolicy:BucketPolicy", "replica-policy").inputs.policy).Statement.find(
        (s: { Sid: string }) => s.Sid === "AllowSourceReplicationObjects",
    ).Action;

describe("account B's copy: the destination stack", () => {
    it("tags the replica with the key the policy pack reads (the pack keeps its own copy)", () =>
        assert.equal(COPY_TAG_KEY, PACK_COPY_TAG_KEY));

    it("backup (the default): no noncurrent expiry, no s3:ReplicateDelete, tagged backup, no Object Lock", async () => {
        const { rec, out } = await destination();
        assert.deepEqual(lifecycleRules(rec), [ABORT_UPLOADS]);
        assert.deepEqual(replicaGrant(rec), [
            "s3:ReplicateObject",
            "s3:ReplicateTags",
            "s3:ObjectOwnerOverrideToBucketOwner",
        ]);
        const bucket = rec.one("aws:s3/bucket:Bucket", "replica").inputs;
        assert.deepEqual(bucket.tags, { "s3-multiregion:copy": "backup" });
        assert.equal(bucket.objectLockEnabled, undefined);
        assert.deepEqual(rec.ofType(LOCK), []);
        assert.equal(out.destinationMode, "backup");
        assert.equal("objectLock" in out, false);
    });

    it("backup with backupNoncurrentDays and COMPLIANCE retention: kept that long, locked at creation and by default retention", async () => {
        const { rec, out } = await destination({
            [`${P}backupNoncurrentDays`]: "365",
            [`${P}objectLockMode`]: "COMPLIANCE",
            [`${P}objectLockRetentionDays`]: "30",
        });
        assert.deepEqual(lifecycleRules(rec), [expireAfter(365), ABORT_UPLOADS]);
        const bucket = rec.one("aws:s3/bucket:Bucket", "replica");
        assert.equal(bucket.inputs.objectLockEnabled, true);
        // Turning Object Lock on later must not replace a live bucket: the flag is ignored after creation.
        assert.deepEqual(bucket.options?.ignoreChanges, ["objectLockEnabled"]);
        const lock = rec.one(LOCK, "replica-object-lock");
        assert.deepEqual(lock.inputs, {
            bucket: REPLICA,
            objectLockEnabled: "Enabled",
            rule: { defaultRetention: { mode: "COMPLIANCE", days: 30 } },
        });
        assert.equal(lock.retainOnDelete, true);
        assert.ok(
            lock.dependencies.includes(rec.one("aws:s3/bucketVersioning:BucketVersioning", "replica-versioning").urn),
        );
        assert.deepEqual(out.objectLock, { mode: "COMPLIANCE", days: 30 });
        // Only the replica bucket is locked: the report, log and inventory buckets are not.
        assert.equal(rec.ofType(LOCK).length, 1);
    });

    it("mirror: noncurrent versions expire after noncurrentVersionExpirationDays and delete markers are admitted", async () => {
        const { rec, out } = await destination({ [`${P}destinationMode`]: "mirror" });
        assert.deepEqual(lifecycleRules(rec), [expireAfter(90), ABORT_UPLOADS]);
        assert.deepEqual(replicaGrant(rec), [
            "s3:ReplicateObject",
            "s3:ReplicateDelete",
            "s3:ReplicateTags",
            "s3:ObjectOwnerOverrideToBucketOwner",
        ]);
        assert.deepEqual(rec.one("aws:s3/bucket:Bucket", "replica").inputs.tags, { "s3-multiregion:copy": "mirror" });
        assert.deepEqual(rec.ofType(LOCK), []);
        assert.equal(out.destinationMode, "mirror");
    });

    it("an adopted replica bucket gets Object Lock through PutObjectLockConfiguration, never by replacing it", async () => {
        const { rec } = await destination(
            { [`${P}objectLockMode`]: "GOVERNANCE", [`${P}objectLockRetentionDays`]: "7" },
            "legacy-replica",
        );
        assert.equal(rec.one("aws:s3/bucket:Bucket", "replica").read, true);
        assert.deepEqual(rec.one(LOCK, "replica-object-lock").inputs, {
            bucket: "legacy-replica",
            objectLockEnabled: "Enabled",
            rule: { defaultRetention: { mode: "GOVERNANCE", days: 7 } },
        });
    });
});

/** The hub's replication rules as (id, delete markers) per source region, and its role's statement ids. */
async function hubWith(dest: Record<string, unknown>) {
    const rec = await installMocks({
        stack: "tokyo",
        accountId: A,
        region: "ap-northeast-1",
        peers: { osaka: OSAKA_OUTPUTS, "dest-account": dest },
    });
    primaryStack(stackConfig<PrimaryConfig>("tokyo"));
    await settle();
    const rules = (region: string) =>
        rec
            .one("aws:s3/bucketReplicationConfig:BucketReplicationConfig", `replication-${region}`)
            .inputs.rules.map((r: { id: string; deleteMarkerReplication: { status: string } }) => [
                r.id,
                r.deleteMarkerReplication.status,
            ]);
    const policy = JSON.parse(rec.one("aws:iam/rolePolicy:RolePolicy", "replication-role-permissions").inputs.policy);
    return { rules, statements: policy.Statement as Array<{ Sid: string; Action: string[]; Resource: string[] }> };
}

describe("account B's copy: the hub follows the destination stack's outputs", () => {
    const TOKYO = `arn:aws:s3:::example-s3mr-data-${A}-ap-northeast-1`;

    it("backup: every rule into B leaves delete markers behind; the rules between regions keep them", async () => {
        const { rules, statements } = await hubWith(DEST_OUTPUTS);
        assert.deepEqual(rules("ap-northeast-1"), [
            ["to-ap-northeast-3", "Enabled"],
            [`to-account-${B}`, "Disabled"],
        ]);
        assert.deepEqual(rules("ap-northeast-3"), [
            ["to-ap-northeast-1", "Enabled"],
            [`to-account-${B}`, "Disabled"],
        ]);
        assert.equal(
            statements.some((s) => s.Sid === "ReadSourceObjectLock"),
            false,
        );
    });

    it("mirror, and a destination stack that exports no mode (deployed before the choice): delete markers replicate into B", async () => {
        const { destinationMode, ...old } = DEST_OUTPUTS;
        void destinationMode;
        for (const dest of [{ ...DEST_OUTPUTS, destinationMode: "mirror" }, old]) {
            const { rules } = await hubWith(dest);
            assert.deepEqual(rules("ap-northeast-1"), [
                ["to-ap-northeast-3", "Enabled"],
                [`to-account-${B}`, "Enabled"],
            ]);
            assert.deepEqual(rules("ap-northeast-3"), [
                ["to-ap-northeast-1", "Enabled"],
                [`to-account-${B}`, "Enabled"],
            ]);
        }
    });

    it("a locked replica: the role may read retention and legal holds on exactly the source objects", async () => {
        const { statements } = await hubWith({ ...DEST_OUTPUTS, objectLock: { mode: "COMPLIANCE", days: 30 } });
        assert.deepEqual(
            statements.find((s) => s.Sid === "ReadSourceObjectLock"),
            {
                Sid: "ReadSourceObjectLock",
                Effect: "Allow",
                Action: ["s3:GetObjectRetention", "s3:GetObjectLegalHold"],
                Resource: [`${TOKYO}/*`, `${OSAKA_OUTPUTS.bucketArn}/*`],
            },
        );
    });

    it("refuses a destinationMode output that is neither mode, naming destinationStack", async () => {
        assert.equal(peerDestinationMode("dest-account", undefined), "mirror");
        assert.equal(peerDestinationMode("dest-account", "backup"), "backup");
        await installMocks({
            stack: "tokyo",
            accountId: A,
            region: "ap-northeast-1",
            peers: { "dest-account": { ...DEST_OUTPUTS, destinationMode: "archive" } },
        });
        await assert.rejects(
            valueOf(destinationPeer("dest-account").mode),
            /^ConfigError: config s3-multiregion:destinationStack names stack dest-account, whose destinationMode output is "archive"; allowed: a destination stack exporting mirror or backup$/,
        );
        await settle();
    });
});
