// parseConfig's common and destination keys: the exact line for each bad value, and optional keys absent when unset.
import * as assert from "node:assert/strict";
import { ConfigError, DestinationConfig, parseConfig } from "../../config/platformConfig";
import { rawStackConfig, stackConfig } from "../support/stackConfigs";

const P = "s3-multiregion:";
const HUB_KEY = "arn:aws:kms:ap-northeast-1:111111111111:key/0b7f1c2e-1111-2222-3333-444455556666";

function errorOf(stack: string, overrides: Record<string, string | undefined>): string {
    try {
        parseConfig(rawStackConfig(stack, overrides));
    } catch (e) {
        assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${String(e)}`);
        return e.message;
    }
    assert.fail("config was accepted");
}

describe("parseConfig: common and destination keys", () => {
    it("namePrefix is required, and the allowed text says what a prefix is", () => {
        assert.equal(
            errorOf("osaka", { [`${P}namePrefix`]: undefined }),
            `config ${P}namePrefix is not set; allowed: lowercase letters, digits and hyphens, starting with a letter`,
        );
    });

    it("existingBucketName: a bucket name S3 accepts, carried only when set", () => {
        assert.equal(
            errorOf("osaka", { [`${P}existingBucketName`]: "Legacy_Data" }),
            `config ${P}existingBucketName = "Legacy_Data"; allowed: unset, or the name of an existing S3 bucket (this one may contain only lowercase letters, digits and hyphens)`,
        );
        assert.equal(
            stackConfig("osaka", { [`${P}existingBucketName`]: "legacy-data" }).existingBucketName,
            "legacy-data",
        );
        // Unset, the key is absent (not present as undefined): the stack creates its bucket.
        assert.equal("existingBucketName" in stackConfig("osaka"), false);
    });

    it("a destination stack refuses batchReplicationJob: Batch Replication runs in account A", () => {
        assert.equal(
            errorOf("dest-account", { [`${P}batchReplicationJob`]: "true" }),
            `config ${P}batchReplicationJob = "true"; allowed: false on a destination stack (Batch Replication runs in account A, on each regional stack)`,
        );
    });

    it("a destination stack carries sourceKmsKeyArn only when it is set", () => {
        const withKey = stackConfig<DestinationConfig>("dest-account", { [`${P}sourceKmsKeyArn`]: HUB_KEY });
        assert.equal(withKey.sourceKmsKeyArn, HUB_KEY);
        assert.equal("sourceKmsKeyArn" in stackConfig("dest-account"), false);
    });
});
