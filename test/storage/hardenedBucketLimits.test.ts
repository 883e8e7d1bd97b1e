// HardenedBucket at its edges: the bounds of its numbers, a backup that keeps every version, Object Lock, tags.
import * as assert from "node:assert/strict";
import { HardenedBucket, validateHardenedBucketArgs } from "../../components/storage/hardenedBucket";
import { installMocks, ResourceRecorder, settle, valueOf } from "../../verifier/mockRuntime";

const NAME = "acme-replica-222222222222-ap-northeast-1";
const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
const ABORT_RULE = {
    id: "abort-incomplete-multipart-uploads",
    status: "Enabled",
    filter: {},
    abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
};

describe("HardenedBucket: limits", () => {
    it("accepts the last value inside each bound and refuses the first outside", () => {
        const valid = (args: Partial<Parameters<typeof validateHardenedBucketArgs>[0]>) =>
            validateHardenedBucketArgs({ bucketName: NAME, ...args }, ["DenyInsecureTransport"]);
        assert.equal(valid({ noncurrentVersionExpirationDays: 1 }), undefined);
        assert.equal(valid({ noncurrentVersionExpirationDays: "never" }), undefined);
        assert.equal(
            valid({ noncurrentVersionExpirationDays: 1.5 }),
            'noncurrentVersionExpirationDays must be a positive integer or "never", got 1.5',
        );
        assert.equal(valid({ objectLock: { mode: "GOVERNANCE", days: 1 } }), undefined);
        assert.equal(valid({ objectLock: { mode: "COMPLIANCE", days: 36500 } }), undefined);
        assert.equal(
            valid({ objectLock: { mode: "GOVERNANCE", days: 1.5 } }),
            'objectLock must be GOVERNANCE or COMPLIANCE with a whole number of days, got {"mode":"GOVERNANCE","days":1.5}',
        );
    });
});

describe("HardenedBucket: backups and Object Lock", () => {
    let rec: ResourceRecorder;
    beforeEach(async () => {
        rec = await installMocks({ stack: "test", accountId: "222222222222", region: "ap-northeast-1" });
    });

    async function build(args: Partial<ConstructorParameters<typeof HardenedBucket>[1]> = {}) {
        const b = new HardenedBucket("replica", { bucketName: NAME, ...args });
        await valueOf(b.urn);
        await settle();
        return b;
    }

    it('"never" expires no version: only the multipart clean-up rule is left', async () => {
        await build({ noncurrentVersionExpirationDays: "never" });
        assert.deepEqual(rec.one(LIFECYCLE, "replica-lifecycle").inputs.rules, [ABORT_RULE]);
    });

    it("locks every new version by default, retained and after versioning, on a bucket created with Object Lock", async () => {
        await build({ objectLock: { mode: "COMPLIANCE", days: 30 }, tags: { role: "backup" } });
        const bucket = rec.one("aws:s3/bucket:Bucket", "replica");
        assert.deepEqual(bucket.inputs, {
            bucket: NAME,
            forceDestroy: false,
            objectLockEnabled: true,
            tags: { role: "backup" },
        });
        // Turning Object Lock on later goes through the configuration resource, never a bucket replacement.
        assert.deepEqual(bucket.options?.ignoreChanges, ["objectLockEnabled"]);
        const lock = rec.one(
            "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
            "replica-object-lock",
        );
        const component = rec.one("s3-multiregion:storage:HardenedBucket", "replica");
        assert.equal(lock.parent, component.urn);
        assert.deepEqual(lock.inputs, {
            bucket: NAME,
            objectLockEnabled: "Enabled",
            rule: { defaultRetention: { mode: "COMPLIANCE", days: 30 } },
        });
        assert.equal(lock.retainOnDelete, true);
        assert.deepEqual(lock.options?.dependsOn, [
            rec.one("aws:s3/bucketVersioning:BucketVersioning", "replica-versioning").urn,
        ]);
    });

    it("without Object Lock or tags the bucket carries neither, and no lock configuration is declared", async () => {
        await build();
        assert.deepEqual(rec.one("aws:s3/bucket:Bucket", "replica").inputs, { bucket: NAME, forceDestroy: false });
        assert.deepEqual(rec.ofType("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration"), []);
    });

    it("with no extra statements the policy is DenyInsecureTransport alone", async () => {
        await build();
        const policy = JSON.parse(rec.one("aws:s3/bucketPolicy:BucketPolicy", "replica-policy").inputs.policy);
        assert.deepEqual(
            policy.Statement.map((s: { Sid: string }) => s.Sid),
            ["DenyInsecureTransport"],
        );
    });

    it("pauses the expiring rule while a Batch Replication job runs, and says which", async () => {
        const b = await build({ pauseExpiringLifecycleRules: true });
        assert.deepEqual(b.pausedLifecycleRuleIds, ["expire-noncurrent-versions"]);
        assert.deepEqual(rec.one(LIFECYCLE, "replica-lifecycle").inputs.rules, [
            {
                id: "expire-noncurrent-versions",
                status: "Disabled",
                filter: {},
                noncurrentVersionExpiration: { noncurrentDays: 90 },
            },
            ABORT_RULE,
        ]);
        assert.equal(b.adopted, false);
    });
});
