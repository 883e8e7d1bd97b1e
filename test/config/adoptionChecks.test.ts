// Tests of the adoption refusals: each one fires exactly when adopting would break something silently.
import * as assert from "assert";
import {
    AclGrant,
    aclRefusal,
    accountRefusal,
    AdoptingStack,
    adoptionRefusals,
    AdoptionSubject,
    describeGrant,
    foreignGrants,
    LiveBucketFacts,
    mfaDeleteRefusal,
    objectLockRefusal,
    objectLockRetentionRefusal,
    regionRefusal,
    replicationRefusal,
} from "../../config/adoptionChecks";

const S: AdoptionSubject = {
    stack: "osaka",
    bucket: "legacy-data",
    region: "ap-northeast-3",
    accountId: "111111111111",
};
const OWNER = "a".repeat(64);
const OTHER = "b".repeat(64);
const ROLE = "arn:aws:iam::111111111111:role/example-s3mr-replication";

const ownerGrant: AclGrant = { granteeType: "CanonicalUser", id: OWNER, permission: "FULL_CONTROL" };
const otherGrant: AclGrant = { granteeType: "CanonicalUser", id: OTHER, permission: "READ" };
const logGrant: AclGrant = {
    granteeType: "Group",
    uri: "http://acs.amazonaws.com/groups/s3/LogDelivery",
    permission: "WRITE",
};
const mailGrant: AclGrant = { granteeType: "AmazonCustomerByEmail", email: "ops@example.com", permission: "READ_ACP" };

describe("adoption checks", () => {
    it("region: the same region passes; another is one line naming stack, bucket, both regions and the fix", () => {
        assert.strictEqual(regionRefusal(S, "ap-northeast-3"), undefined);
        assert.strictEqual(
            regionRefusal(S, "ap-northeast-1"),
            "stack osaka: bucket legacy-data is in ap-northeast-1, but the stack deploys to ap-northeast-3 (aws:region in " +
                "Pulumi.osaka.yaml): adopt it from a stack whose aws:region is ap-northeast-1, or set existingBucketName to a bucket in ap-northeast-3",
        );
    });

    it("account: an owned bucket passes; another account's is refused, naming the owner when known", () => {
        assert.strictEqual(accountRefusal(S, true), undefined);
        assert.strictEqual(
            accountRefusal(S, false, "222222222222"),
            "stack osaka: bucket legacy-data belongs to account 222222222222, not to account 111111111111 that the stack deploys " +
                "into: set existingBucketName to a bucket of account 111111111111, or adopt the bucket from a stack of the account that owns it",
        );
        assert.match(
            accountRefusal(S, false)!,
            /^stack osaka: bucket legacy-data belongs to another account, not to account 111111111111 /,
        );
    });

    it("ACL grants: only grants to others count, and each is listed", () => {
        assert.deepStrictEqual(foreignGrants(OWNER, [ownerGrant, otherGrant, logGrant, mailGrant]), [
            otherGrant,
            logGrant,
            mailGrant,
        ]);
        assert.deepStrictEqual([otherGrant, logGrant, mailGrant].map(describeGrant), [
            `READ to canonical user ${OTHER}`,
            "WRITE to group LogDelivery",
            "READ_ACP to ops@example.com",
        ]);
    });

    it("ACL grants: only the owner's canonical-user grant is the owner's; a group grant is foreign whatever it carries", () => {
        // GetBucketAcl gives a group no ID; should one carry the owner's, the grant still reaches the whole group.
        const groupWithOwnerId: AclGrant = { ...logGrant, id: OWNER };
        assert.deepStrictEqual(foreignGrants(OWNER, [ownerGrant, groupWithOwnerId]), [groupWithOwnerId]);
        assert.strictEqual(describeGrant({ granteeType: "Group", permission: "READ" }), "READ to group ");
    });

    it("ACL grants: refused while ACLs are on, listing every foreign grant; fine when enforced or owner-only", () => {
        assert.strictEqual(aclRefusal(S, "ObjectWriter", OWNER, [ownerGrant]), undefined);
        assert.strictEqual(aclRefusal(S, "BucketOwnerEnforced", OWNER, [ownerGrant, otherGrant]), undefined);
        const expected =
            "stack osaka: bucket legacy-data has ACL grants that stop working when the stack sets object ownership to " +
            `BucketOwnerEnforced (ACLs off): READ to canonical user ${OTHER}, WRITE to group LogDelivery; grant that access ` +
            "in the bucket policy instead (keep the statement with --keep), remove the grants (aws s3api put-bucket-acl " +
            "--bucket legacy-data --acl private) and run adopt again";
        // No ownership controls at all is the pre-2023 default, ObjectWriter: ACLs are on.
        assert.strictEqual(aclRefusal(S, undefined, OWNER, [ownerGrant, otherGrant, logGrant]), expected);
        assert.strictEqual(aclRefusal(S, "BucketOwnerPreferred", OWNER, [ownerGrant, otherGrant, logGrant]), expected);
    });

    it("replication: none, or the platform's own role, passes; any other configuration the hub would replace is refused", () => {
        assert.strictEqual(replicationRefusal(S, undefined, ROLE, "tokyo"), undefined);
        assert.strictEqual(replicationRefusal(S, { role: ROLE, ruleIds: ["x"] }, ROLE, "tokyo"), undefined);
        const live = { role: "arn:aws:iam::111111111111:role/legacy-crr", ruleIds: ["to-dr", "logs"] };
        assert.strictEqual(replicationRefusal(S, live, ROLE, undefined), undefined, "no stack writes it");
        assert.strictEqual(
            replicationRefusal(S, live, ROLE, "tokyo"),
            "stack osaka: bucket legacy-data already replicates (role arn:aws:iam::111111111111:role/legacy-crr, rules to-dr, logs), " +
                "and the stack tokyo would replace that configuration with its own: move those destinations elsewhere or drop them " +
                "(aws s3api delete-bucket-replication --bucket legacy-data) and run adopt again",
        );
    });

    it("replication: a configuration whose rules S3 returned without IDs is named as such", () => {
        assert.strictEqual(
            replicationRefusal(S, { role: "arn:aws:iam::111111111111:role/legacy-crr", ruleIds: [] }, ROLE, "tokyo"),
            "stack osaka: bucket legacy-data already replicates (role arn:aws:iam::111111111111:role/legacy-crr, rules (none)), " +
                "and the stack tokyo would replace that configuration with its own: move those destinations elsewhere or drop them " +
                "(aws s3api delete-bucket-replication --bucket legacy-data) and run adopt again",
        );
    });

    it("MFA delete: refused only when enabled", () => {
        assert.strictEqual(mfaDeleteRefusal(S, undefined), undefined);
        assert.strictEqual(mfaDeleteRefusal(S, "Disabled"), undefined);
        assert.strictEqual(
            mfaDeleteRefusal(S, "Enabled"),
            "stack osaka: bucket legacy-data has MFA delete enabled, so only the root user with its MFA device can change its " +
                "versioning and the stack's versioning setting would fail: as root, run aws s3api put-bucket-versioning --bucket " +
                'legacy-data --versioning-configuration Status=Enabled,MFADelete=Disabled --mfa "SERIAL CODE", then run adopt again',
        );
    });

    it("Object Lock: refused on a replication source whose replicas lack it; fine elsewhere", () => {
        assert.strictEqual(objectLockRefusal(S, false, true), undefined);
        assert.strictEqual(objectLockRefusal(S, true, false), undefined, "a destination bucket is no source");
        assert.strictEqual(objectLockRefusal(S, true, true, true), undefined, "replicas with Object Lock");
        assert.strictEqual(
            objectLockRefusal(S, true, true),
            "stack osaka: bucket legacy-data has Object Lock enabled, and S3 replicates such a bucket only to buckets with " +
                "Object Lock, which the platform's other buckets do not have: every object would fail to replicate; Object Lock " +
                "cannot be turned off, so set existingBucketName to a bucket without it (or copy the objects into one first)",
        );
    });

    describe("adoptionRefusals", () => {
        const clean: LiveBucketFacts = {
            region: "ap-northeast-3",
            ownedByStackAccount: true,
            ownership: "BucketOwnerPreferred",
            ownerCanonicalId: OWNER,
            grants: [ownerGrant],
            objectLock: false,
        };
        const regional: AdoptingStack = { replicationRoleArn: ROLE, replicationWriter: "tokyo", replicates: true };

        it("a clean bucket has none", () => {
            assert.deepStrictEqual(adoptionRefusals(S, clean, regional), []);
        });

        it("every problem is reported, account and region first", () => {
            const messy: LiveBucketFacts = {
                ...clean,
                region: "us-east-1",
                ownedByStackAccount: false,
                grants: [ownerGrant, otherGrant],
                replication: { role: "arn:aws:iam::111111111111:role/legacy", ruleIds: ["r1"] },
                mfaDelete: "Enabled",
                objectLock: true,
            };
            const got = adoptionRefusals(S, messy, regional);
            assert.deepStrictEqual(
                got.map((m) => / (belongs to|is in|has MFA|has Object Lock|has ACL|already replicates)/.exec(m)?.[1]),
                ["belongs to", "is in", "has MFA", "has Object Lock", "has ACL", "already replicates"],
            );
            assert.ok(got.every((m) => !m.includes("\n")));
        });

        it("a destination stack's bucket is no replication source: Object Lock and its own replication pass", () => {
            const destination: AdoptingStack = { replicationRoleArn: ROLE, replicates: false };
            const live = {
                ...clean,
                objectLock: true,
                replication: { role: "arn:aws:iam::1:role/onward", ruleIds: [] },
            };
            assert.deepStrictEqual(adoptionRefusals(S, live, destination), []);
        });
    });

    it("Object Lock retention: refused when the stack's default retention would replace a different live one", () => {
        const R = { ...S, stack: "dest-account", bucket: "legacy-replica", region: "ap-northeast-1" };
        const wanted = { mode: "GOVERNANCE", days: 30 };
        assert.strictEqual(objectLockRetentionRefusal(R, undefined, wanted), undefined, "no live retention: gains one");
        assert.strictEqual(objectLockRetentionRefusal(R, { mode: "COMPLIANCE", days: 365 }, undefined), undefined);
        assert.strictEqual(objectLockRetentionRefusal(R, { mode: "GOVERNANCE", days: 30 }, wanted), undefined);
        assert.strictEqual(
            objectLockRetentionRefusal(R, { mode: "COMPLIANCE", days: 365 }, wanted),
            "stack dest-account: bucket legacy-replica has the Object Lock default retention COMPLIANCE 365 days, and the " +
                "stack's objectLockMode and objectLockRetentionDays (GOVERNANCE 30 days) would replace it: set them to the " +
                "live values in Pulumi.dest-account.yaml, or change the bucket's default retention yourself and run adopt again",
        );
        // Each of mode and days decides alone: the same days in another mode, or the same mode for other days.
        const refused = (live: { mode: string; days?: number; years?: number }) =>
            assert.match(objectLockRetentionRefusal(R, live, wanted) ?? "", /would replace it/, JSON.stringify(live));
        refused({ mode: "COMPLIANCE", days: 30 });
        refused({ mode: "GOVERNANCE", days: 31 });
        // A live retention in years is refused even against years the stack would set: a stack sets days.
        assert.match(
            objectLockRetentionRefusal(R, { mode: "GOVERNANCE", years: 1 }, { mode: "GOVERNANCE", years: 1 }) ?? "",
            /^stack dest-account: bucket legacy-replica has the Object Lock default retention GOVERNANCE 1 years, .* \(1 years as days\)/,
        );
        assert.strictEqual(
            objectLockRetentionRefusal(R, { mode: "GOVERNANCE", years: 1 }, wanted),
            "stack dest-account: bucket legacy-replica has the Object Lock default retention GOVERNANCE 1 years, and the " +
                "stack's objectLockMode and objectLockRetentionDays (GOVERNANCE 30 days) would replace it: set them to the " +
                "live values in Pulumi.dest-account.yaml (1 years as days), or change the bucket's default retention yourself " +
                "and run adopt again",
        );
    });
});
