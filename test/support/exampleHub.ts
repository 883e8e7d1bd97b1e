// The example hub (tokyo) evaluated under mocks, its peers answering with the example stacks' outputs:
// the setup that stack tests of hub-only resources share.
import { PrimaryConfig } from "../../config/platformConfig";
import { primaryStack } from "../../stacks/primary";
import { installMocks, ResourceRecorder, settle, valueOf } from "../../verifier/mockRuntime";
import { DEST_OUTPUTS, OSAKA_OUTPUTS } from "./peerOutputs";
import { stackConfig } from "./stackConfigs";

/** Records every resource of the example hub and resolves its outputs. */
export async function exampleHub(): Promise<{ rec: ResourceRecorder; out: Record<string, unknown> }> {
    const rec = await installMocks({
        stack: "tokyo",
        accountId: "111111111111",
        region: "ap-northeast-1",
        peers: { osaka: OSAKA_OUTPUTS, "dest-account": DEST_OUTPUTS },
    });
    const out = (await valueOf(primaryStack(stackConfig<PrimaryConfig>("tokyo")))) as Record<string, unknown>;
    await settle();
    return { rec, out };
}
