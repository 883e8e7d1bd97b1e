// HardenedBucket under mocks: the exact children and the security-relevant inputs of each.
import * as assert from "node:assert/strict";
import { HardenedBucket, validateHardenedBucketArgs } from "../../components/storage/hardenedBucket";
import { allowRoleOfAccount } from "../../components/iam/statements";
import { installMocks, ResourceRecorder, settle, valueOf } from "../../verifier/mockRuntime";

const NAME = "acme-data-111111111111-ap-northeast-1";

describe("HardenedBucket", () => {
    let rec: ResourceRecorder;
    beforeEach(async () => {
        rec = await installMocks({ stack: "test", accountId: "111111111111", region: "ap-northeast-1" });
    });

    async function build(args: Partial<ConstructorParameters<typeof HardenedBucket>[1]> = {}) {
        const b = new HardenedBucket("data", { bucketName: NAME, ...args });
        await valueOf(b.urn);
        await settle();
        return b;
    }

    it("creates exactly the hardened set of children, all parented to the component", async () => {
        const b = await build();
        const component = rec.one("s3-multiregion:storage:HardenedBucket", "data");
        assert.deepEqual(rec.registeredOutputs.get(component.urn), { bucketName: NAME, arn: `arn:aws:s3:::${NAME}` });
        const children = rec.resources
            .filter((r) => r.parent === component.urn)
            .map((r) => `${r.type}/${r.name}`)
            .sort();
        assert.deepEqual(children, [
            "aws:s3/bucket:Bucket/data",
            "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration/data-lifecycle",
            "aws:s3/bucketMetric:BucketMetric/data-metrics",
            "aws:s3/bucketOwnershipControls:BucketOwnershipControls/data-ownership",
            "aws:s3/bucketPolicy:BucketPolicy/data-policy",
            "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock/data-public-access-block",
            "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration/data-encryption",
            "aws:s3/bucketVersioning:BucketVersioning/data-versioning",
        ]);
        assert.equal(await valueOf(b.arn), `arn:aws:s3:::${NAME}`);
        // Noncurrent versions are kept 90 days unless configured otherwise.
        assert.deepEqual(
            rec.one("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "data-lifecycle").inputs
                .rules[0].noncurrentVersionExpiration,
            { noncurrentDays: 90 },
        );
    });

    it("versions, enforces bucket-owner ownership and blocks all public access", async () => {
        await build();
        assert.deepEqual(
            rec.one("aws:s3/bucketVersioning:BucketVersioning", "data-versioning").inputs.versioningConfiguration,
            { status: "Enabled" },
        );
        assert.deepEqual(
            rec.one("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "data-ownership").inputs.rule,
            { objectOwnership: "BucketOwnerEnforced" },
        );
        const pab = rec.one(
            "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
            "data-public-access-block",
        ).inputs;
        assert.deepEqual(
            {
                a: pab.blockPublicAcls,
                b: pab.blockPublicPolicy,
                c: pab.ignorePublicAcls,
                d: pab.restrictPublicBuckets,
                bucket: pab.bucket,
            },
            { a: true, b: true, c: true, d: true, bucket: NAME },
        );
    });

    it("keeps data on destroy: bucket and versioning retained, bucket protected by default and on request only", async () => {
        await build();
        const bucket = rec.one("aws:s3/bucket:Bucket", "data");
        assert.deepEqual(
            { protect: bucket.protect, retain: bucket.retainOnDelete, force: bucket.inputs.forceDestroy },
            { protect: true, retain: true, force: false },
        );
        assert.equal(rec.one("aws:s3/bucketVersioning:BucketVersioning", "data-versioning").retainOnDelete, true);
        rec.clear();
        await build({ protect: false });
        assert.deepEqual(
            {
                protect: rec.one("aws:s3/bucket:Bucket", "data").protect,
                retain: rec.one("aws:s3/bucket:Bucket", "data").retainOnDelete,
            },
            { protect: false, retain: true },
        );
    });

    it("encrypts with SSE-S3 by default and SSE-KMS with a bucket key when a key is given", async () => {
        await build();
        assert.deepEqual(
            rec.one(
                "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
                "data-encryption",
            ).inputs.rules,
            [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
        );
        rec.clear();
        const key = "arn:aws:kms:ap-northeast-1:111111111111:key/0b7f1c2e-1111-2222-3333-444455556666";
        await build({ kmsKeyArn: key });
        assert.deepEqual(
            rec.one(
                "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
                "data-encryption",
            ).inputs.rules,
            [
                {
                    applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key },
                    bucketKeyEnabled: true,
                },
            ],
        );
    });

    it("composes one policy: DenyInsecureTransport first, then the named statements given", async () => {
        const extra = allowRoleOfAccount({
            sid: "AllowReader",
            accountId: "222222222222",
            roleArns: ["arn:aws:iam::222222222222:role/reader"],
            actions: ["s3:GetObject"],
            resources: [`arn:aws:s3:::${NAME}/*`],
        });
        await build({ policyStatements: [extra] });
        assert.equal(rec.ofType("aws:s3/bucketPolicy:BucketPolicy").length, 1);
        const policy = rec.one("aws:s3/bucketPolicy:BucketPolicy", "data-policy");
        assert.deepEqual(JSON.parse(policy.inputs.policy), {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "DenyInsecureTransport",
                    Effect: "Deny",
                    Principal: "*",
                    Action: "s3:*",
                    Resource: [`arn:aws:s3:::${NAME}`, `arn:aws:s3:::${NAME}/*`],
                    Condition: { Bool: { "aws:SecureTransport": "false" } },
                },
                {
                    Sid: "AllowReader",
                    Effect: "Allow",
                    Principal: { AWS: "arn:aws:iam::222222222222:root" },
                    Action: ["s3:GetObject"],
                    Resource: [`arn:aws:s3:::${NAME}/*`],
                    Condition: { ArnEquals: { "aws:PrincipalArn": ["arn:aws:iam::222222222222:role/reader"] } },
                },
            ],
        });
        // The policy waits for the public access block and ownership controls (S3 OperationAborted otherwise).
        const deps = policy.dependencies;
        assert.ok(
            deps.includes(
                rec.one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "data-public-access-block").urn,
            ),
        );
        assert.ok(
            deps.includes(rec.one("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "data-ownership").urn),
        );
    });

    it("expires noncurrent versions after the configured days, after versioning exists, and turns on request metrics", async () => {
        await build({ noncurrentVersionExpirationDays: 30 });
        const lifecycle = rec.one("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "data-lifecycle");
        // Every rule, exactly: an incomplete multipart upload's parts are billed until they are aborted.
        assert.deepEqual(lifecycle.inputs.rules, [
            {
                id: "expire-noncurrent-versions",
                status: "Enabled",
                filter: {},
                noncurrentVersionExpiration: { noncurrentDays: 30 },
            },
            {
                id: "abort-incomplete-multipart-uploads",
                status: "Enabled",
                filter: {},
                abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
            },
        ]);
        assert.ok(
            lifecycle.dependencies.includes(rec.one("aws:s3/bucketVersioning:BucketVersioning", "data-versioning").urn),
        );
        assert.deepEqual(rec.one("aws:s3/bucketMetric:BucketMetric", "data-metrics").inputs, {
            bucket: NAME,
            name: "EntireBucket",
        });
    });

    it("refuses invalid names, duplicate or malformed Sids, and bad expiry days", () => {
        const table: [Parameters<typeof validateHardenedBucketArgs>, string | undefined][] = [
            [[{ bucketName: NAME }, ["DenyInsecureTransport"]], undefined],
            [
                [{ bucketName: "Bad_Name" }, []],
                "bucket name Bad_Name may contain only lowercase letters, digits and hyphens",
            ],
            [[{ bucketName: "x".repeat(64) }, []], `bucket name ${"x".repeat(64)} is 64 characters; S3 allows 3 to 63`],
            [[{ bucketName: NAME }, ["A", "A"]], `policy statement Sid A appears twice in the policy of ${NAME}`],
            [[{ bucketName: NAME }, ["has space"]], 'policy statement Sid "has space" must be alphanumeric'],
            [
                [{ bucketName: NAME, noncurrentVersionExpirationDays: 0 }, []],
                'noncurrentVersionExpirationDays must be a positive integer or "never", got 0',
            ],
            [
                [{ bucketName: NAME, objectLock: { mode: "COMPLIANCE", days: 0 } }, []],
                "objectLock.days must be from 1 to 36500 (what S3 Object Lock accepts), got 0",
            ],
            [
                [{ bucketName: NAME, objectLock: { mode: "COMPLIANCE", days: 36501 } }, []],
                "objectLock.days must be from 1 to 36500 (what S3 Object Lock accepts), got 36501",
            ],
            [
                [{ bucketName: NAME, objectLock: { mode: "LEGAL" as "COMPLIANCE", days: 30 } }, []],
                'objectLock must be GOVERNANCE or COMPLIANCE with a whole number of days, got {"mode":"LEGAL","days":30}',
            ],
        ];
        for (const [args, expected] of table) assert.equal(validateHardenedBucketArgs(...args), expected);
    });

    it("declares nothing, not even the component, when its arguments are refused", async () => {
        assert.throws(() => new HardenedBucket("bad", { bucketName: "Bad_Name" }), /bad: bucket name Bad_Name/);
        await settle();
        assert.deepEqual(
            rec.resources.map((r) => r.name),
            [],
        );
    });
});
