// A stack's own bucket on its own: an adopting stack never builds its main bucket without the settings adopt kept.
import * as assert from "node:assert/strict";
import { SecondaryConfig } from "../../config/platformConfig";
import { stackBucket } from "../../stacks/stackBucket";
import { installMocks, settle } from "../../verifier/mockRuntime";
import { stackConfig } from "../support/stackConfigs";

describe("stackBucket: the adopted main bucket", () => {
    it("an adopting stack whose kept settings were not read is refused before any resource: they would be overwritten", async () => {
        const rec = await installMocks({ stack: "osaka", accountId: "111111111111", region: "ap-northeast-3" });
        const cfg = stackConfig<SecondaryConfig>("osaka", { "s3-multiregion:existingBucketName": "legacy-osaka-data" });
        assert.throws(
            () => stackBucket(cfg, "data"),
            (e: unknown) =>
                e instanceof Error &&
                e.message ===
                    "stack osaka adopts bucket legacy-osaka-data without the settings adopt kept (adopted/osaka.json): read them first (readAdoptedSettings)",
        );
        // Its other buckets are its own, with derived names: nothing kept to read.
        stackBucket(cfg, "logs");
        await settle();
        assert.deepEqual(
            rec.ofType("aws:s3/bucket:Bucket").map((b) => [b.name, b.inputs.bucket, b.read ?? false]),
            [["logs", "example-s3mr-logs-111111111111-ap-northeast-3", false]],
        );
    });
});
