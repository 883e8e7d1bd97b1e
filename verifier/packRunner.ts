// The CrossGuard pack as the offline plan runs it: its in-process runner, loaded by path, and what a crash of it means.
import * as fs from "fs";
import * as path from "path";
import { RecordedResource } from "./mockRuntime";

/** A finding of the CrossGuard pack, as its in-process runner reports it. */
export interface PolicyViolation {
    policy: string;
    enforcementLevel: string;
    urn: string;
    message: string;
}

export interface PolicyPackStatus {
    ran: boolean;
    /** Why the pack did not run (its runner is missing or failed to load). */
    reason?: string;
}

export type PackRunner = (
    resources: RecordedResource[],
    options?: Record<string, unknown>,
) => PolicyViolation[] | Promise<PolicyViolation[]>;

/**
 * Loads the pack's in-process runner (policy/runner.ts). Loaded by path, not imported: the pack
 * is its own package and the plan must still print resources and proofs if the runner is absent.
 */
export function loadPackRunner(projectDir: string): { run?: PackRunner; status: PolicyPackStatus } {
    const file = path.join(projectDir, "policy", "runner.ts");
    if (!fs.existsSync(file)) return { status: { ran: false, reason: "policy/runner.ts not found" } };
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const mod = require(file) as { runPolicyPack?: PackRunner };
        if (typeof mod.runPolicyPack !== "function")
            return { status: { ran: false, reason: "policy/runner.ts exports no runPolicyPack" } };
        return { run: mod.runPolicyPack, status: { ran: true } };
    } catch (e) {
        return { status: { ran: false, reason: `policy/runner.ts failed to load: ${(e as Error).message}` } };
    }
}

export const isMandatory = (v: PolicyViolation) => v.enforcementLevel === "mandatory";

/** A pack that throws (bad pack config, a policy that crashes) has not approved the stack: that is a mandatory finding. */
export async function runPack(runner: PackRunner, resources: RecordedResource[]): Promise<PolicyViolation[]> {
    try {
        return await runner(resources);
    } catch (e) {
        return [
            {
                policy: "policy-pack",
                enforcementLevel: "mandatory",
                urn: "",
                message: `the pack could not evaluate this stack: ${(e as Error).message}`,
            },
        ];
    }
}
