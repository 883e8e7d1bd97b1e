// The offline plan's result as one JSON document: resources, cross-stack wiring, pack verdict, access proofs.
import { buildAccessModel } from "./accessModel";
import { StackPlan } from "./evaluate";
import { isMandatory, PackRunner, PolicyPackStatus, PolicyViolation, runPack } from "./packRunner";
import { proofFactsOf, StackConfigInput } from "./proofFacts";
import { accessProofs, copyProofs, ProofResult, runProofs } from "./proofs";
import { WiringEntry, wiringOf } from "./wiringReport";

export type { PolicyPackStatus, PolicyViolation } from "./packRunner";
export type { StackConfigInput } from "./proofFacts";
export type { WiringEntry } from "./wiringReport";

export interface ResourceEntry {
    urn: string;
    type: string;
    name: string;
    parent: string | null;
    dependencies: string[];
    inputs: Record<string, unknown>;
    /** Present (true) for a resource read from the live account, not created: an adopted bucket. */
    adopted?: true;
}

export interface StackReport {
    stack: string;
    role: string;
    accountId: string;
    region: string;
    elapsedMs: number;
    /** Set when the stack could not be evaluated (config error or program error). */
    error: { kind: "config" | "program"; message: string } | null;
    resources: ResourceEntry[];
    outputs: Record<string, unknown>;
    wiring: WiringEntry[];
    violations: PolicyViolation[];
    proofs: Omit<ProofResult, "stack">[];
}

export interface PlanDocument {
    deployOrder: string[];
    policyPack: PolicyPackStatus;
    summary: {
        resources: number;
        mandatoryViolations: number;
        advisoryViolations: number;
        proofs: Record<ProofResult["status"], number>;
        exitCode: number;
    };
    stacks: StackReport[];
}

export interface BuildOptions {
    /** Stacks to report (all evaluated stacks when absent), e.g. `--stack tokyo`. */
    only?: string;
    configs: StackConfigInput[];
    runner?: PackRunner;
    packStatus: PolicyPackStatus;
    /** Told how long the proofs and the pack took (milliseconds, each summed over stacks): the bench's breakdown. */
    onPhase?: (phase: "proofs" | "pack", ms: number) => void;
}

/**
 * On a full plan every stack is evaluated, so a proof whose subject "is not in the plan" means the stack
 * files do not fit together (another prefix, account or stack name on one side): a failure, not a gap.
 */
export function missingOnFullPlan(p: ProofResult): ProofResult {
    if (p.status !== "unproven" || !/^no .* in the plan$/.test(p.reason)) return p;
    return {
        ...p,
        status: "failed",
        reason: `${p.reason}, although every stack was evaluated: do the stack files agree?`,
    };
}

/** Runs the pack and the proofs on an evaluated plan and assembles the document `--json` prints. */
export async function buildPlanDocument(plans: StackPlan[], opts: BuildOptions): Promise<PlanDocument> {
    const model = buildAccessModel(
        plans
            .filter((p) => p.ok)
            .map((p) => ({ stack: p.stack, accountId: p.accountId, region: p.region, resources: p.resources })),
    );
    const facts = proofFactsOf(opts.configs, plans);
    const proofsStarted = performance.now();
    const proven =
        plans.every((p) => p.ok) && facts
            ? [
                  ...(await runProofs(accessProofs(facts), model)),
                  ...copyProofs(
                      facts,
                      plans.flatMap((p) => p.resources),
                  ),
              ]
            : [];
    // With --stack a later stack's role is legitimately missing; on a full plan it is not.
    const proofs = opts.only === undefined ? proven.map(missingOnFullPlan) : proven;
    opts.onPhase?.("proofs", performance.now() - proofsStarted);
    let packMs = 0;
    const peers: Record<string, Record<string, unknown>> = Object.fromEntries(plans.map((p) => [p.stack, p.outputs]));

    const stacks: StackReport[] = [];
    for (const plan of plans) {
        if (opts.only && plan.stack !== opts.only) continue;
        const packStarted = performance.now();
        const violations = plan.ok && opts.runner ? await runPack(opts.runner, plan.resources) : [];
        packMs += performance.now() - packStarted;
        stacks.push({
            stack: plan.stack,
            role: plan.role,
            accountId: plan.accountId,
            region: plan.region,
            elapsedMs: Math.round(plan.elapsedMs),
            error: plan.error ?? null,
            resources: plan.resources.map((r) => ({
                urn: r.urn,
                type: r.type,
                name: r.name,
                parent: r.parent ?? null,
                dependencies: r.dependencies,
                inputs: r.inputs,
                // A StackReference is read too, but it is a peer's outputs, not a live resource adopted.
                ...(r.read && r.type !== "pulumi:pulumi:StackReference" ? { adopted: true as const } : {}),
            })),
            outputs: plan.outputs,
            wiring: wiringOf(plan, peers),
            violations: violations.map((v) => ({
                policy: v.policy,
                enforcementLevel: v.enforcementLevel,
                urn: v.urn,
                message: v.message,
            })),
            proofs: proofs.filter((p) => p.stack === plan.stack).map(({ stack: _stack, ...rest }) => rest),
        });
    }
    opts.onPhase?.("pack", packMs);
    const all = stacks.flatMap((s) => s.violations);
    const shownProofs = stacks.flatMap((s) => s.proofs);
    const count = (status: ProofResult["status"]) => shownProofs.filter((p) => p.status === status).length;
    const failedStack = stacks.find((s) => s.error) ?? plans.find((p) => !p.ok);
    const mandatory = all.filter(isMandatory).length;
    let exitCode = 0;
    if (failedStack?.error?.kind === "config") exitCode = 2;
    else if (failedStack || mandatory > 0 || count("failed") > 0) exitCode = 1;
    return {
        deployOrder: plans.map((p) => p.stack),
        policyPack: opts.packStatus,
        summary: {
            resources: stacks.reduce((n, s) => n + s.resources.length, 0),
            mandatoryViolations: mandatory,
            advisoryViolations: all.length - mandatory,
            proofs: { passed: count("passed"), failed: count("failed"), unproven: count("unproven") },
            exitCode,
        },
        stacks,
    };
}
