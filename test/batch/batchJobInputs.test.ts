// Tests of the Batch Replication job's input checks at their edges: anchored ARN and account patterns, the length
// bound of a description, the caller settings entry by entry, values unknown during preview, and canonical JSON.
import * as assert from "node:assert/strict";
import {
    canonicalJson,
    changedBatchReplicationCallerKeys,
    checkBatchReplicationJobInputs,
    normalizeBatchReplicationJobInputs,
    withUnknownsMarked,
} from "../../components/batch/batchReplicationJob";

const ACCOUNT = "111122223333";
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const ROLE = "arn:aws:iam::111122223333:role/s3mr-batch-replication";
const base = {
    accountId: ACCOUNT,
    region: "ap-northeast-1",
    sourceBucketArn: "arn:aws:s3:::s3mr-111122223333-ap-northeast-1-data",
    roleArn: ROLE,
    reportBucketArn: "arn:aws:s3:::s3mr-111122223333-ap-northeast-1-reports",
};
const check = (change: Record<string, unknown>) =>
    checkBatchReplicationJobInputs(normalizeBatchReplicationJobInputs({ ...base, ...change }));
const ASSUME_ROLES_REASON =
    "assumeRoles (aws:assumeRoles) must be a list of { roleArn: arn:aws:iam::<account>:role/<name>, sessionName?, externalId? }.";
const ALLOWED_REASON = "allowedAccountIds (aws:allowedAccountIds) must be a list of 12-digit AWS account ids.";

describe("batch job inputs: bucket ARNs, statuses and the description at their edges", () => {
    it("a bucket ARN with anything after the bucket name is refused", () => {
        assert.deepEqual(check({ sourceBucketArn: `${base.sourceBucketArn}/prefix` }), [
            {
                property: "sourceBucketArn",
                reason: `sourceBucketArn must be a bucket ARN such as arn:aws:s3:::my-bucket, got "${base.sourceBucketArn}/prefix".`,
            },
        ]);
    });

    it("an empty manifestOutputPrefix needs no manifest bucket; a non-empty one does", () => {
        assert.deepEqual(check({ manifestOutputPrefix: "" }), []);
        assert.deepEqual(check({ manifestOutputPrefix: "generated" }), [
            {
                property: "manifestOutputPrefix",
                reason: "manifestOutputPrefix needs manifestOutputBucketArn: the prefix is inside that bucket.",
            },
        ]);
    });

    it("names every status S3 does not know", () => {
        assert.deepEqual(check({ objectReplicationStatuses: ["NONE", "PENDING", "DONE"] }), [
            {
                property: "objectReplicationStatuses",
                reason: "objectReplicationStatuses allows only NONE, FAILED, COMPLETED, REPLICA, got PENDING, DONE.",
            },
        ]);
    });

    it("a description of 256 characters passes, 257 or one that is not a string is refused", () => {
        const tooLong = {
            property: "description",
            reason: "description must be a string of at most 256 characters (the S3 Control limit).",
        };
        assert.deepEqual(check({ description: "x".repeat(256) }), []);
        assert.deepEqual(check({ description: "x".repeat(257) }), [tooLong]);
        assert.deepEqual(check({ description: 42 }), [tooLong]);
    });
});

describe("batch job inputs: the stack's caller settings", () => {
    it("a profile that is not a string is refused like an empty one", () => {
        const reason = { property: "profile", reason: "profile (aws:profile) must be a non-empty profile name." };
        assert.deepEqual(check({ profile: 7 }), [reason]);
        assert.deepEqual(check({ profile: "" }), [reason]);
        assert.deepEqual(check({ profile: "tokyo" }), []);
    });

    it("every role of aws:assumeRoles must be a role ARN, anchored at both ends, of any partition", () => {
        const refused = { property: "assumeRoles", reason: ASSUME_ROLES_REASON };
        const roles = (...roleArns: unknown[]) => ({ assumeRoles: roleArns.map((roleArn) => ({ roleArn })) });
        assert.deepEqual(check(roles(ROLE, "arn:aws-cn:iam::111122223333:role/deployer")), []);
        assert.deepEqual(check(roles(ROLE, "arn:aws:iam::111122223333:user/alice")), [refused]);
        assert.deepEqual(check(roles(`x${ROLE}`)), [refused]);
        assert.deepEqual(check(roles(`${ROLE}\nsecond-line`)), [refused]);
        assert.deepEqual(check({ assumeRoles: [null] }), [refused]);
        assert.deepEqual(check({ assumeRoles: [ROLE] }), [refused]);
    });

    it("a role, or a role's ARN, still unknown during preview passes", () => {
        assert.deepEqual(check({ assumeRoles: [UNKNOWN] }), []);
        assert.deepEqual(check({ assumeRoles: [{ roleArn: UNKNOWN }, { roleArn: ROLE }] }), []);
    });

    it("every allowed account id must be exactly 12 digits", () => {
        const refused = { property: "allowedAccountIds", reason: ALLOWED_REASON };
        assert.deepEqual(check({ allowedAccountIds: [ACCOUNT, "1234"] }), [refused]);
        assert.deepEqual(check({ allowedAccountIds: ["1111222233334"] }), [refused]);
        assert.deepEqual(check({ allowedAccountIds: [`${ACCOUNT}x`] }), [refused]);
        assert.deepEqual(check({ allowedAccountIds: [ACCOUNT, UNKNOWN] }), []);
        assert.deepEqual(check({ allowedAccountIds: [UNKNOWN] }), []);
    });

    it("the job's account must be allowed; an empty list or an account still unknown decides nothing", () => {
        assert.deepEqual(check({ allowedAccountIds: ["222222222222", "444455556666"] }), [
            {
                property: "allowedAccountIds",
                reason: "allowedAccountIds (aws:allowedAccountIds) is 222222222222, 444455556666, which does not include the job's account 111122223333.",
            },
        ]);
        assert.deepEqual(check({ allowedAccountIds: [] }), []);
        assert.deepEqual(check({ accountId: UNKNOWN, allowedAccountIds: ["222222222222"] }), []);
    });
});

describe("batch job inputs: pending values and canonical JSON", () => {
    it("marks pending values as unknown, also inside lists, and keeps plain ones", () => {
        const pending = (v: unknown) => v === "pending";
        assert.deepEqual(withUnknownsMarked({ a: "pending", b: ["x", "pending"], c: 3 }, pending), {
            a: UNKNOWN,
            b: ["x", UNKNOWN],
            c: 3,
        });
    });

    it("sorts keys, drops undefined members and keeps null", () => {
        assert.equal(
            canonicalJson({ b: 1, a: undefined, c: null, d: [{ y: 2, x: undefined }] }),
            '{"b":1,"c":null,"d":[{"y":2}]}',
        );
        assert.equal(canonicalJson(null), "null");
    });

    it("an assumed role spelled with an undefined session name is the same caller", () => {
        assert.deepEqual(
            changedBatchReplicationCallerKeys(
                { assumeRoles: [{ roleArn: ROLE }] },
                { assumeRoles: [{ roleArn: ROLE, sessionName: undefined }] },
            ),
            [],
        );
    });
});
