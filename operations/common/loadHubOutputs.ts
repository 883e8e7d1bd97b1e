// Finds the hub stack and loads its outputs, from a `--outputs FILE` document or through the automation API.
import type { StackFile } from "../../config/stackFiles";
import { PreflightError, UsageError } from "./cli";
import { HubOutputs, parseHubOutputs, readOutputsFile } from "./hubOutputs";
import { checkPulumiCli, PulumiVersionProbe } from "./preflight";

export interface HubOutputsDeps {
    projectDir: string;
    discoverStacks(projectDir: string): StackFile[];
    probePulumi: PulumiVersionProbe;
    /** Plain output values of a stack (the real one is `readStackOutputs` over LocalWorkspace). */
    readStackOutputs(stackName: string): Promise<Record<string, unknown>>;
}

/** The one stack whose role is primary; the hub owns the MRAP and exports what failover and verify read. */
export function hubStackName(stacks: StackFile[]): string {
    const hubs = stacks.filter((s) => s.role === "primary");
    if (hubs.length !== 1) {
        throw new UsageError(
            hubs.length === 0
                ? "no stack file has role primary; pass --stack NAME"
                : `several stacks have role primary (${hubs.map((s) => s.name).join(", ")}); pass --stack NAME`,
        );
    }
    return hubs[0].name;
}

export async function loadHubOutputs(
    options: { stack?: string; outputs?: string },
    deps: HubOutputsDeps,
): Promise<{ stackName: string; outputs: HubOutputs }> {
    const discover = (): string => {
        try {
            return hubStackName(deps.discoverStacks(deps.projectDir));
        } catch (e) {
            if (e instanceof UsageError) {
                throw e;
            }
            throw new PreflightError(
                `cannot read the stack files to find the hub stack (${(e as Error).message}); pass --stack NAME`,
            );
        }
    };
    if (options.outputs) {
        // The stack name is only used in the config commands printed afterwards; "tokyo" is the documented hub.
        let stackName = options.stack;
        if (!stackName) {
            try {
                stackName = discover();
            } catch {
                stackName = "tokyo";
            }
        }
        return {
            stackName,
            outputs: parseHubOutputs(readOutputsFile(options.outputs), `--outputs ${options.outputs}`),
        };
    }
    const stackName = options.stack ?? discover();
    try {
        await checkPulumiCli(deps.probePulumi);
    } catch (e) {
        throw new PreflightError(
            `${(e as Error).message} (or pass --outputs FILE written by pulumi stack output --json)`,
        );
    }
    const raw = await deps.readStackOutputs(stackName);
    return { stackName, outputs: parseHubOutputs(raw, `stack ${stackName}`) };
}
