// `npm run bench` (no sub-command): how long the offline plan takes per stack, and how it grows with 2, 4 and 8 regional stacks.
//
// The replication mesh has n·(n-1) rules between n regional buckets (plus one per bucket to the
// destination account), so the hub's program grows quadratically; the plan must not grow worse.
import * as path from "path";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { PROJECT_NAME, StackFile, discoverStacks } from "../config/stackFiles";
import { evaluatePlan, StackPlan } from "../verifier/evaluate";
import { loadPackRunner } from "../verifier/packRunner";
import { buildPlanDocument } from "../verifier/planReport";
import { mergedStackConfig } from "../verifier/stackConfig";

/** Regions for the synthetic secondaries, after the hub's: distinct commercial regions, Osaka first as in the example. */
const SECONDARY_REGIONS = [
    "ap-northeast-3",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-south-1",
    "eu-west-1",
    "eu-central-1",
    "us-east-1",
    "us-west-2",
];

const key = (k: string) => `${PROJECT_NAME}:${k}`;

/**
 * The example stacks with `regional` regional stacks: the hub plus `regional - 1` secondaries, each a
 * copy of the example secondary in its own region, and the hub's secondaryStacks listing them all.
 */
export function syntheticStacks(projectDir: string, regional: number): StackFile[] {
    if (regional < 2 || regional - 1 > SECONDARY_REGIONS.length)
        throw new Error(`regional stacks must be 2 to ${SECONDARY_REGIONS.length + 1}, got ${regional}`);
    const stacks = discoverStacks(projectDir);
    const hub = stacks.find((s) => s.role === "primary");
    const secondary = stacks.find((s) => s.role === "secondary");
    const others = stacks.filter((s) => s.role === "destination");
    if (!hub || !secondary)
        throw new Error("the project needs a primary and a secondary stack file to derive synthetic stacks from");
    const secondaries: StackFile[] = SECONDARY_REGIONS.slice(0, regional - 1).map((region, i) => ({
        name: i === 0 ? secondary.name : `regional-${region}`,
        file: path.join(projectDir, `Pulumi.regional-${region}.yaml`),
        role: "secondary",
        config: { ...secondary.config, "aws:region": region },
    }));
    const hubFile: StackFile = {
        ...hub,
        config: {
            ...hub.config,
            [key("secondaryStacks")]: secondaries.map((s) => `${s.name}@${s.config["aws:region"]}`),
        },
    };
    return [...secondaries, ...others, hubFile];
}

export interface BenchRow {
    regional: number;
    stacks: number;
    resources: number;
    replicationRules: number;
    /** Child process start to result, summed over stacks. */
    evaluateMs: number;
    /** The program alone (load + registrations), summed over stacks. */
    programMs: number;
    hubMs: number;
    hubProgramMs: number;
    /** The pack and the access proofs over the evaluated stacks. */
    checkMs: number;
    totalMs: number;
    plans: StackPlan[];
}

const rulesOf = (plans: StackPlan[]) =>
    plans
        .flatMap((p) => p.resources)
        .filter((r) => r.type === "aws:s3/bucketReplicationConfig:BucketReplicationConfig")
        .reduce((n, r) => n + (Array.isArray(r.inputs.rules) ? r.inputs.rules.length : 0), 0);

export async function benchOnce(projectDir: string, stacks: StackFile[], regional: number): Promise<BenchRow> {
    const started = process.hrtime.bigint();
    const plans = await evaluatePlan({ projectDir, stacks });
    const failed = plans.find((p) => !p.ok);
    if (failed) throw new Error(`stack ${failed.stack} failed to evaluate: ${failed.error?.message}`);
    const checkStarted = process.hrtime.bigint();
    const { run, status } = loadPackRunner(projectDir);
    const doc = await buildPlanDocument(plans, {
        configs: stacks.map((s) => ({ stack: s.name, config: mergedStackConfig(projectDir, s) })),
        runner: run,
        packStatus: status,
    });
    const done = process.hrtime.bigint();
    if (doc.summary.exitCode !== 0)
        throw new Error(`the plan with ${regional} regional stacks exits ${doc.summary.exitCode}`);
    const hub = plans.find((p) => p.role === "primary") as StackPlan;
    const sum = (f: (p: StackPlan) => number) => Math.round(plans.reduce((n, p) => n + f(p), 0));
    return {
        regional,
        stacks: plans.length,
        resources: plans.reduce((n, p) => n + p.resources.length, 0),
        replicationRules: rulesOf(plans),
        evaluateMs: sum((p) => p.elapsedMs),
        programMs: sum((p) => p.programMs ?? 0),
        hubMs: Math.round(hub.elapsedMs),
        hubProgramMs: Math.round(hub.programMs ?? 0),
        checkMs: Math.round(Number(done - checkStarted) / 1e6),
        totalMs: Math.round(Number(done - started) / 1e6),
        plans,
    };
}

export function table(header: string[], rows: (string | number)[][]): string {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
    const line = (cells: (string | number)[]) =>
        `| ${cells.map((c, i) => (typeof c === "number" ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join(" | ")} |`;
    return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

/** Loads the pack and the simulator's IAM data once, so the first row does not pay for it. */
async function warmUp(projectDir: string): Promise<void> {
    loadPackRunner(projectDir);
    const resource = { resource: "arn:aws:s3:::warm-up/key", accountId: "111111111111" };
    await runSimulation(
        {
            request: {
                principal: "arn:aws:iam::111111111111:role/r",
                action: "s3:GetObject",
                resource,
                contextVariables: {},
            },
            identityPolicies: [],
            serviceControlPolicies: [],
            resourceControlPolicies: [],
        },
        {},
    );
}

/** `npm run bench`: the example plan per stack, then the 2 -> 4 -> 8 region table. */
export async function runPlanBench(): Promise<void> {
    const projectDir = path.resolve(__dirname, "..");
    await warmUp(projectDir);
    const sizes = [2, 4, 8];
    const rows: BenchRow[] = [];
    for (const n of sizes) {
        // Two regional stacks is the example project itself, read from its stack files.
        const stacks = n === 2 ? discoverStacks(projectDir) : syntheticStacks(projectDir, n);
        process.stderr.write(`evaluating ${n} regional stacks (${stacks.length} stacks)...\n`);
        rows.push(await benchOnce(projectDir, stacks, n));
    }

    const example = rows[0];
    console.log("Offline plan of the example project, per stack (deploy order):\n");
    console.log(
        table(
            ["stack", "role", "resources", "process ms", "program ms"],
            example.plans.map((p) => [
                p.stack,
                p.role,
                p.resources.length,
                Math.round(p.elapsedMs),
                Math.round(p.programMs ?? 0),
            ]),
        ),
    );
    console.log(
        `\nAll stacks: ${example.evaluateMs} ms in their processes (summed; stacks that read no peer run side by side), ${example.checkMs} ms for the pack and the access proofs, ${example.totalMs} ms in all.\n`,
    );

    console.log("Growth with the number of regional stacks (hub + secondaries; one destination account):\n");
    const base = rows[0];
    console.log(
        table(
            [
                "regional",
                "stacks",
                "resources",
                "repl. rules",
                "hub ms",
                "hub program ms",
                "pack+proofs ms",
                "total ms",
                "total / 2-region",
                "rules / 2-region",
            ],
            rows.map((r) => [
                r.regional,
                r.stacks,
                r.resources,
                r.replicationRules,
                r.hubMs,
                r.hubProgramMs,
                r.checkMs,
                r.totalMs,
                `${(r.totalMs / base.totalMs).toFixed(2)}x`,
                `${(r.replicationRules / base.replicationRules).toFixed(2)}x`,
            ]),
        ),
    );
    console.log(
        "\n(process ms: child process start to result, waiting for peers excluded, mostly Node and the Pulumi SDKs loading; program ms: the program's own evaluation.)",
    );
}
