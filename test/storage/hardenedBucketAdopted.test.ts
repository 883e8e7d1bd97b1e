// HardenedBucket adopting a live bucket: read never created, settings retained, the live statements and rules kept.
import * as assert from "node:assert/strict";
import { HardenedBucket, HardenedBucketArgs } from "../../components/storage/hardenedBucket";
import { installMocks, ResourceRecorder, settle, valueOf } from "../../verifier/mockRuntime";

const NAME = "acme-data-111111111111-ap-northeast-1";
const KEPT_STATEMENT = {
    Sid: "AllowAuditRead",
    Effect: "Allow",
    Principal: { AWS: "arn:aws:iam::111111111111:role/audit" },
    Action: "s3:GetObject",
    Resource: `arn:aws:s3:::${NAME}/*`,
};
const KEPT_RULE = { ID: "expire-tmp", Status: "Enabled", Filter: { Prefix: "tmp/" }, Expiration: { Days: 7 } };

describe("HardenedBucket: an adopted bucket", () => {
    let rec: ResourceRecorder;
    beforeEach(async () => {
        rec = await installMocks({ stack: "test", accountId: "111111111111", region: "ap-northeast-1" });
    });

    async function build(args: Partial<HardenedBucketArgs> = {}) {
        const b = new HardenedBucket("data", { bucketName: NAME, existing: true, ...args });
        await valueOf(b.urn);
        await settle();
        return b;
    }

    it("reads the bucket where it is and retains every settings resource on delete", async () => {
        const b = await build({ region: "ap-northeast-3" });
        assert.equal(b.adopted, true);
        const bucket = rec.one("aws:s3/bucket:Bucket", "data");
        assert.deepEqual(
            { read: bucket.read, id: bucket.id, inputs: bucket.inputs },
            { read: true, id: NAME, inputs: { region: "ap-northeast-3" } },
        );
        const component = rec.one("s3-multiregion:storage:HardenedBucket", "data");
        assert.equal(bucket.parent, component.urn);
        const children = rec.resources.filter((r) => r.parent === component.urn && r.type !== "aws:s3/bucket:Bucket");
        assert.equal(children.length, 7);
        for (const c of children) assert.equal(c.retainOnDelete, true, c.name);
    });

    it("reads it in the provider's region when none is given", async () => {
        await build();
        assert.deepEqual(rec.one("aws:s3/bucket:Bucket", "data").inputs, {});
    });

    it("keeps the live statements after its own in the one policy, and the live rules after its own", async () => {
        await build({ keptPolicyStatements: [KEPT_STATEMENT], keptLifecycleRules: [KEPT_RULE] });
        const policy = JSON.parse(rec.one("aws:s3/bucketPolicy:BucketPolicy", "data-policy").inputs.policy);
        assert.deepEqual(
            policy.Statement.map((s: { Sid: string }) => s.Sid),
            ["DenyInsecureTransport", "AllowAuditRead"],
        );
        assert.deepEqual(policy.Statement[1], KEPT_STATEMENT);
        const rules = rec.one("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "data-lifecycle")
            .inputs.rules;
        assert.deepEqual(
            rules.map((r: { id: string }) => r.id),
            ["expire-noncurrent-versions", "abort-incomplete-multipart-uploads", "expire-tmp"],
        );
        assert.deepEqual(rules[2], {
            id: "expire-tmp",
            status: "Enabled",
            filter: { prefix: "tmp/" },
            expiration: { days: 7 },
        });
    });

    it("refuses kept settings that would repeat a Sid or rule ID, or that come without adoption, and declares nothing", async () => {
        const refused: [Partial<HardenedBucketArgs>, string][] = [
            [
                { existing: false, keptPolicyStatements: [KEPT_STATEMENT] },
                "kept policy statements and lifecycle rules belong to an adopted bucket (existing: true) only",
            ],
            [
                { existing: undefined, keptLifecycleRules: [KEPT_RULE] },
                "kept policy statements and lifecycle rules belong to an adopted bucket (existing: true) only",
            ],
            [
                { keptPolicyStatements: [{ ...KEPT_STATEMENT, Sid: "DenyInsecureTransport" }] },
                `policy statement Sid DenyInsecureTransport appears twice in the policy of ${NAME}`,
            ],
            [
                { keptPolicyStatements: [KEPT_STATEMENT, KEPT_STATEMENT] },
                `policy statement Sid AllowAuditRead appears twice in the policy of ${NAME}`,
            ],
            [
                { keptLifecycleRules: [{ ...KEPT_RULE, ID: "abort-incomplete-multipart-uploads" }] },
                `lifecycle rule ID abort-incomplete-multipart-uploads appears twice in the lifecycle configuration of ${NAME}`,
            ],
            [
                { keptLifecycleRules: [KEPT_RULE, KEPT_RULE] },
                `lifecycle rule ID expire-tmp appears twice in the lifecycle configuration of ${NAME}`,
            ],
        ];
        for (const [args, message] of refused) {
            assert.throws(
                () => new HardenedBucket("bad", { bucketName: NAME, existing: true, ...args }),
                (e: Error) => e.message === `bad: ${message}`,
                message,
            );
        }
        await settle();
        assert.deepEqual(rec.resources, []);
    });
});
