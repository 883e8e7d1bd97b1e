// `replicateToDestination: false` switches account B off completely: no StackReference to its stack, no grant to its roles, no copy command.
import * as assert from "node:assert/strict";
import { PrimaryConfig } from "../../config/platformConfig";
import { primaryStack } from "../../stacks/primary";
import { installMocks, settle, valueOf } from "../../verifier/mockRuntime";
import { DEST_OUTPUTS, secondaryOutputs } from "../support/peerOutputs";
import { stackConfig } from "../support/stackConfigs";

const P = "s3-multiregion:";
const BATCH_COPY_ROLE = "arn:aws:iam::222222222222:role/example-s3mr-batch-copy";

async function hub(replicateToDestination: boolean, withDestinationStack: boolean) {
    const rec = await installMocks({
        stack: "tokyo",
        accountId: "111111111111",
        region: "ap-northeast-1",
        peers: {
            osaka: secondaryOutputs("ap-northeast-3"),
            ...(withDestinationStack ? { "dest-account": DEST_OUTPUTS } : {}),
        },
    });
    const outputs = primaryStack(
        stackConfig<PrimaryConfig>("tokyo", {
            [`${P}networkEnabled`]: "false",
            [`${P}replicateToDestination`]: String(replicateToDestination),
        }),
    );
    const resolved = (await valueOf(outputs)) as Record<string, unknown>;
    await settle();
    return { rec, outputs: resolved };
}

const statements = (rec: Awaited<ReturnType<typeof hub>>["rec"], bucketPolicyName: string): unknown[] =>
    JSON.parse(rec.one("aws:s3/bucketPolicy:BucketPolicy", bucketPolicyName).inputs.policy).Statement;

/** The statements of a bucket policy that name account B's batch copy role (operators configured by hand are not it). */
function grantsToAccountB(rec: Awaited<ReturnType<typeof hub>>["rec"], bucketPolicyName: string) {
    return (statements(rec, bucketPolicyName) as { Sid: string }[])
        .filter((s) => JSON.stringify(s).includes(BATCH_COPY_ROLE))
        .map((s) => s.Sid);
}

describe("primary stack with replicateToDestination false", () => {
    it("deploys without a dest-account stack: no StackReference to it at all", async () => {
        const { rec, outputs } = await hub(false, false);
        assert.deepEqual(
            rec.ofType("pulumi:pulumi:StackReference").map((r) => r.name),
            ["peer-osaka"],
        );
        assert.equal(outputs.role, "primary");
    });

    it("grants account B's batch copy role nothing on the data or manifest bucket and prints no batch copy command", async () => {
        const { rec, outputs } = await hub(false, false);
        assert.deepEqual(grantsToAccountB(rec, "data-policy"), []);
        assert.deepEqual(grantsToAccountB(rec, "manifest-policy"), []);
        assert.deepEqual(
            ["batchCopyCommand", "destinationBucket"].filter((k) => k in outputs),
            [],
        );
    });

    it("with replication to account B on, the same stack reads dest-account and grants its batch copy role (the switch is what removes them)", async () => {
        const { rec, outputs } = await hub(true, true);
        assert.deepEqual(
            rec
                .ofType("pulumi:pulumi:StackReference")
                .map((r) => r.name)
                .sort(),
            ["peer-dest-account", "peer-osaka"],
        );
        assert.deepEqual(grantsToAccountB(rec, "data-policy"), ["AllowBatchCopyRead"]);
        assert.deepEqual(grantsToAccountB(rec, "manifest-policy"), ["AllowManifestRead"]);
        assert.equal(typeof outputs.batchCopyCommand, "string");
        // Switched off, the data bucket's policy is the same but for those grants: nothing else comes or goes.
        const on = statements(rec, "data-policy");
        const off = statements((await hub(false, false)).rec, "data-policy");
        assert.deepEqual(
            off,
            on.filter((s) => !JSON.stringify(s).includes(BATCH_COPY_ROLE)),
        );
        assert.equal(off.length, on.length - 1);
    });
});
