// The hub's typed StackReferences under mocks: the reference's name, optional outputs read as absent, the destination's mode and lock.
import * as assert from "node:assert/strict";
import { destinationPeer, peerDestinationMode, qualifiedStackName, secondaryPeer } from "../../stacks/peers";
import { installMocks, settle, valueOf } from "../../verifier/mockRuntime";
import { DEST_OUTPUTS, OSAKA_OUTPUTS } from "../support/peerOutputs";

const KEY = "arn:aws:kms:ap-northeast-1:222222222222:key/11111111-2222-3333-4444-555555555555";

async function hub(peers: Record<string, Record<string, unknown>>) {
    return installMocks({ stack: "tokyo", accountId: "111111111111", region: "ap-northeast-1", peers });
}

describe("peer stacks: what the hub reads from its StackReferences", () => {
    it("a qualified org/project/stack name is used as is, and the reference's logical name has a dash for each slash", async () => {
        const rec = await hub({ osaka: OSAKA_OUTPUTS, "dest-account": DEST_OUTPUTS });
        assert.equal(qualifiedStackName("acme/s3-multiregion/osaka"), "acme/s3-multiregion/osaka");
        const osaka = secondaryPeer({ stack: "acme/s3-multiregion/osaka", region: "ap-northeast-3" });
        const dest = destinationPeer("acme/s3-multiregion/dest-account");
        assert.equal(await valueOf(osaka.bucketName), OSAKA_OUTPUTS.bucketName);
        assert.equal(await valueOf(dest.replicaBucketName), DEST_OUTPUTS.replicaBucketName);
        await settle();
        assert.deepEqual(
            rec
                .ofType("pulumi:pulumi:StackReference")
                .map((r) => [r.name, r.inputs.name])
                .sort(),
            [
                ["peer-acme-s3-multiregion-dest-account", "acme/s3-multiregion/dest-account"],
                ["peer-acme-s3-multiregion-osaka", "acme/s3-multiregion/osaka"],
            ],
        );
    });

    it("an optional key output that is absent, null or empty reads as no key; a set one as itself", async () => {
        await hub({
            osaka: { ...OSAKA_OUTPUTS, kmsKeyArn: "" },
            "dest-account": { ...DEST_OUTPUTS, kmsKeyArn: null, sourceKmsKeyArn: KEY },
        });
        const osaka = secondaryPeer({ stack: "osaka", region: "ap-northeast-3" });
        const dest = destinationPeer("dest-account");
        assert.equal(await valueOf(osaka.kmsKeyArn), undefined);
        assert.equal(await valueOf(dest.kmsKeyArn), undefined);
        assert.equal(await valueOf(dest.sourceKmsKeyArn), KEY);
        await settle();

        await hub({ osaka: OSAKA_OUTPUTS, "dest-account": { ...DEST_OUTPUTS, kmsKeyArn: KEY } });
        assert.equal(await valueOf(secondaryPeer({ stack: "osaka", region: "ap-northeast-3" }).kmsKeyArn), undefined);
        const keyed = destinationPeer("dest-account");
        assert.equal(await valueOf(keyed.kmsKeyArn), KEY);
        assert.equal(await valueOf(keyed.sourceKmsKeyArn), undefined);
        await settle();
    });

    it("a destination that exports no destinationMode (absent or null) is a mirror; Object Lock only when exported", async () => {
        assert.equal(peerDestinationMode("dest-account", null), "mirror");
        assert.equal(peerDestinationMode("dest-account", undefined), "mirror");
        assert.equal(peerDestinationMode("dest-account", "mirror"), "mirror");
        await hub({ "dest-account": { ...DEST_OUTPUTS, destinationMode: null, objectLock: null } });
        const plain = destinationPeer("dest-account");
        assert.equal(await valueOf(plain.mode), "mirror");
        assert.equal(await valueOf(plain.objectLock), undefined);
        await settle();

        const lock = { mode: "COMPLIANCE", days: 30 };
        await hub({ "dest-account": { ...DEST_OUTPUTS, objectLock: lock } });
        const locked = destinationPeer("dest-account");
        assert.equal(await valueOf(locked.mode), "backup");
        assert.deepEqual(await valueOf(locked.objectLock), lock);
        await settle();
    });
});
