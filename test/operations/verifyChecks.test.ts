// verify's command around the probe: an argument named in its refusal, the hub's account checked before any
// upload, the buckets it says it watches, and a copy cleanup could not delete.
import * as assert from "assert";
import { DeleteObjectCommand } from "@aws-sdk/client-s3";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { EXIT_OK, EXIT_USAGE } from "../../operations/common/cli";
import { ACCOUNT_A, ACCOUNT_B, DEST_BUCKET, OSAKA_BUCKET, TOKYO_BUCKET } from "./fixtures";
import { tokyoPlan } from "./replicationWorld";
import { verify, verifyHarness } from "./verifyHarness";

describe("ops verify command checks", () => {
    const { stubs, setup } = verifyHarness();

    it("names --objects when its value is not a whole number", async () => {
        const t = setup([]);
        assert.strictEqual(await verify(t.deps, "--objects", "ten"), EXIT_USAGE);
        assert.match(t.io.err[0], /^verify: --objects must be a whole number >= 1, got "ten" \(usage:/);
    });

    it("refuses credentials for another account than the MRAP's before uploading anything", async () => {
        const t = setup([tokyoPlan(3, 8)]);
        stubs.sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT_B });
        assert.strictEqual(await verify(t.deps, "--objects", "1"), EXIT_USAGE);
        assert.deepStrictEqual(t.io.err, [
            `verify: the MRAP belongs to account ${ACCOUNT_A} but the default credential chain is account ${ACCOUNT_B}: set AWS_PROFILE to a profile for account ${ACCOUNT_A}`,
        ]);
        assert.strictEqual(stubs.s3.calls().length, 0, "nothing uploaded");
    });

    it("says which bucket of each location it watches, and names a copy cleanup could not delete", async () => {
        const t = setup([tokyoPlan(3, 8)]);
        stubs.s3
            .on(DeleteObjectCommand, { Bucket: DEST_BUCKET })
            .rejects(Object.assign(new Error("Access Denied"), { name: "AccessDenied" }));
        assert.strictEqual(await verify(t.deps, "--objects", "1", "--cleanup"), EXIT_OK, t.io.all.join("\n"));
        assert.strictEqual(
            t.io.out.find((l) => l.startsWith("watching ")),
            `watching ap-northeast-1 (tokyo) ${TOKYO_BUCKET}, ap-northeast-3 (osaka) ${OSAKA_BUCKET}, ` +
                `destination (${ACCOUNT_B}) ${DEST_BUCKET}; timeout 1200s, poll every 5s`,
        );
        assert.strictEqual(
            t.io.out.at(-1),
            `cleanup: deleted 2 object version(s); could not delete 1: obj-1 in destination (${ACCOUNT_B}): AccessDenied: Access Denied`,
        );
    });
});
