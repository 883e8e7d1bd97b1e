// KMS multi-Region keys (`key/mrk-…`) are key ARNs like any other: accepted wherever a key ARN is read.
import * as assert from "node:assert/strict";
import { validateReplicationKmsKeys } from "../../components/iam/replicationRole";
import { kmsKeyRegion } from "../../components/storage/meshEncryption";
import { DestinationConfig, PrimaryConfig, SecondaryConfig } from "../../config/platformConfig";
import { stackConfig } from "../support/stackConfigs";

const P = "s3-multiregion:";
const MRK_ID = "mrk-1234abcd12ab34cd56ef1234567890ab";
const mrk = (region: string, account = "111111111111") => `arn:aws:kms:${region}:${account}:key/${MRK_ID}`;

describe("KMS multi-Region keys", () => {
    it("config: kmsKeyArn on every role and the destination's sourceKmsKeyArn accept key/mrk-…", () => {
        assert.equal(
            stackConfig<PrimaryConfig>("tokyo", { [`${P}kmsKeyArn`]: mrk("ap-northeast-1") }).kmsKeyArn,
            mrk("ap-northeast-1"),
        );
        assert.equal(
            stackConfig<SecondaryConfig>("osaka", { [`${P}kmsKeyArn`]: mrk("ap-northeast-3") }).kmsKeyArn,
            mrk("ap-northeast-3"),
        );
        const dest = stackConfig<DestinationConfig>("dest-account", {
            [`${P}kmsKeyArn`]: mrk("ap-northeast-1", "222222222222"),
            [`${P}sourceKmsKeyArn`]: mrk("ap-northeast-1"),
        });
        assert.deepEqual(
            [dest.kmsKeyArn, dest.sourceKmsKeyArn],
            [mrk("ap-northeast-1", "222222222222"), mrk("ap-northeast-1")],
        );
    });

    it("config: a malformed mrk id or an alias is still refused with one line naming the key", () => {
        for (const bad of [
            "arn:aws:kms:ap-northeast-1:111111111111:key/mrk-1234",
            "arn:aws:kms:ap-northeast-1:111111111111:key/MRK-1234abcd12ab34cd56ef1234567890ab",
            "arn:aws:kms:ap-northeast-1:111111111111:alias/mrk-1234abcd12ab34cd56ef1234567890ab",
        ]) {
            assert.throws(
                () => stackConfig<PrimaryConfig>("tokyo", { [`${P}kmsKeyArn`]: bad }),
                (e: Error) =>
                    e.message.startsWith(`config ${P}kmsKeyArn = "${bad}"; allowed: unset (SSE-S3) or a KMS key ARN`),
                bad,
            );
        }
    });

    it("the replication mesh reads the region of an mrk key, and the replication role grants it", () => {
        assert.equal(kmsKeyRegion(mrk("ap-northeast-3")), "ap-northeast-3");
        assert.equal(
            validateReplicationKmsKeys(
                [{ keyArn: mrk("ap-northeast-1"), bucketArn: "arn:aws:s3:::acme-data-111111111111-ap-northeast-1" }],
                [{ keyArn: mrk("ap-northeast-3"), bucketArn: "arn:aws:s3:::acme-data-111111111111-ap-northeast-3" }],
            ),
            undefined,
        );
    });
});
