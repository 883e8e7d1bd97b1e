// Deterministic names and S3's bucket naming rules.
import * as assert from "node:assert/strict";
import { COMMERCIAL_REGIONS } from "../../config/configTypes";
import {
    accountRootArn,
    batchReplicationRoleName,
    bucketArn,
    bucketName,
    bucketNameProblem,
    mrapName,
    namePrefixProblem,
    roleArn,
    ROLE_PURPOSES,
    roleName,
} from "../../config/naming";

describe("naming", () => {
    it("derives the same names from the same config, in every stack", () => {
        assert.equal(
            bucketName("acme", "data", "111111111111", "ap-northeast-3"),
            "acme-data-111111111111-ap-northeast-3",
        );
        assert.equal(
            bucketArn("acme-replica-222222222222-ap-northeast-1"),
            "arn:aws:s3:::acme-replica-222222222222-ap-northeast-1",
        );
        assert.equal(
            roleArn("111111111111", roleName("acme", "replication")),
            "arn:aws:iam::111111111111:role/acme-replication",
        );
        assert.equal(accountRootArn("222222222222"), "arn:aws:iam::222222222222:root");
        assert.equal(mrapName("acme"), "acme-mrap");
    });

    it("names the hub's Batch Replication role plainly and a secondary's with its region (IAM names are per account)", () => {
        assert.equal(batchReplicationRoleName("acme", "ap-northeast-1", true), "acme-batch-replication");
        assert.equal(
            batchReplicationRoleName("acme", "ap-northeast-3", false),
            "acme-batch-replication-ap-northeast-3",
        );
    });

    it("reports why S3 would refuse a bucket name", () => {
        const table: [string, string | undefined][] = [
            ["acme-data-111111111111-ap-northeast-1", undefined],
            ["ab", "is 2 characters; S3 allows 3 to 63"],
            ["a".repeat(64), "is 64 characters; S3 allows 3 to 63"],
            ["Acme", "may contain only lowercase letters, digits and hyphens"],
            ["acme.data", "may contain only lowercase letters, digits and hyphens"],
            ["-acme", "must begin and end with a letter or digit"],
            ["acme-", "must begin and end with a letter or digit"],
            ["xn--acme", "must not begin with xn--, sthree- or amzn-s3-demo- (reserved by S3)"],
            ["sthree-acme", "must not begin with xn--, sthree- or amzn-s3-demo- (reserved by S3)"],
            ["acme-s3alias", "must not end with a suffix reserved by S3"],
            ["acme--ol-s3", "must not end with a suffix reserved by S3"],
            // The bounds: the first length outside and the last inside, on each side.
            ["abc", undefined],
            ["a".repeat(63), undefined],
            ["amzn-s3-demo-acme", "must not begin with xn--, sthree- or amzn-s3-demo- (reserved by S3)"],
            // A reserved suffix only at the end is reserved.
            ["acme-s3alias-data", undefined],
        ];
        for (const [name, expected] of table) assert.equal(bucketNameProblem(name), expected, name);
    });
});

describe("namePrefixProblem: lengths", () => {
    const R = "ap-southeast-5";

    it("accepts 2 characters and the longest prefix every bucket name fits, and names the limit one past it", () => {
        assert.equal(namePrefixProblem("ab", R), undefined);
        assert.equal(namePrefixProblem("a".repeat(26), R), undefined);
        assert.equal(
            namePrefixProblem("a".repeat(27), R),
            "at most 26 characters (bucket names like <prefix>-manifest-<account>-ap-southeast-5 is 64 characters; S3 allows 3 to 63)",
        );
    });

    it("a prefix every bucket name fits also fits every role name (64) and the MRAP name (50), in every region", () => {
        // namePrefixProblem checks only the bucket names: this is why that is enough.
        for (const region of COMMERCIAL_REGIONS) {
            let n = 2;
            while (namePrefixProblem("a".repeat(n + 1), region) === undefined) n++;
            const prefix = "a".repeat(n);
            for (const purpose of ROLE_PURPOSES) assert.ok(roleName(prefix, purpose).length <= 64, purpose);
            assert.ok(batchReplicationRoleName(prefix, region, false).length <= 64, region);
            assert.ok(mrapName(prefix).length <= 50, region);
        }
    });
});
