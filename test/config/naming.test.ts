// Deterministic names and S3's bucket naming rules.
import * as assert from "node:assert/strict";
import {
    accountRootArn,
    bucketArn,
    bucketName,
    bucketNameProblem,
    mrapName,
    roleArn,
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
        ];
        for (const [name, expected] of table) assert.equal(bucketNameProblem(name), expected, name);
    });
});
