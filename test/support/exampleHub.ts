// The example hub (tokyo) evaluated under mocks, its peers answering with the example stacks' outputs:
// the setup that stack tests of hub-only resources share.
import { PrimaryConfig } from "../../config/platformConfig";
import { primaryStack } from "../../stacks/primary";
import { installMocks, ResourceRecorder, settle, valueOf } from "../../verifier/mockRuntime";
import { DEST_OUTPUTS, OSAKA_OUTPUTS } from "./peerOutputs";
import { stackConfig } from "./stackConfigs";

/**
 * Records every resource of the example hub and resolves its outputs; `overrides` change the hub's config
 * (fully-qualified keys), `peers` add to or replace the example peers' outputs.
 */
export async function exampleHub(
    overrides: Record<string, string> = {},
    peers: { osaka?: Record<string, unknown>; "dest-account"?: Record<string, unknown> } = {},
): Promise<{ rec: ResourceRecorder; out: Record<string, unknown> }> {
    const rec = await installMocks({
        stack: "tokyo",
        accountId: "111111111111",
        region: "ap-northeast-1",
        peers: {
            osaka: { ...OSAKA_OUTPUTS, ...peers.osaka },
            "dest-account": { ...DEST_OUTPUTS, ...peers["dest-account"] },
        },
    });
    const out = (await valueOf(primaryStack(stackConfig<PrimaryConfig>("tokyo", overrides)))) as Record<
        string,
        unknown
    >;
    await settle();
    return { rec, out };
}
