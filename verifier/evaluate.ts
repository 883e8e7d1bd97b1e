// Evaluates the project's stacks offline, in deploy order, each in its own process, feeding outputs to StackReferences.
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { deployOrder, discoverStacks, StackFile, StackRole } from "../config/stackFiles";
import { RecordedResource } from "./mockRuntime";
import { mergedStackConfig, stackAccountId } from "./stackConfig";

export interface ChildRequest {
    projectDir: string;
    stack: string;
    organization: string;
    accountId: string;
    region: string;
    config: Record<string, string>;
    peers: Record<string, Record<string, unknown>>;
}

export interface ChildResult {
    ok: boolean;
    error?: { kind: "config" | "program"; message: string };
    resources: RecordedResource[];
    outputs: Record<string, unknown>;
    /** Milliseconds from loading the program to the last registration answered (the process start excluded). */
    programMs?: number;
}

export interface StackWiring {
    /** The StackReference's logical name and the stack it reads. */
    reference: string;
    fromStack: string;
    /** Outputs of `fromStack` the reference carried. */
    outputs: string[];
}

export interface StackPlan extends ChildResult {
    stack: string;
    role: StackRole;
    accountId: string;
    region: string;
    config: Record<string, string>;
    wiring: StackWiring[];
    /** Milliseconds to evaluate this stack (child process start to result). */
    elapsedMs: number;
}

export interface EvaluateOptions {
    projectDir: string;
    /** Stack files to use instead of the ones on disk (tests, benchmarks). */
    stacks?: StackFile[];
    /** Config overrides per stack: fully-qualified key -> string value (tests of bad input). */
    overrides?: Record<string, Record<string, string>>;
    organization?: string;
    /** Stop after this stack (deploy order): `plan --stack NAME` evaluates NAME and the peers it reads. */
    until?: string;
}

const CHILD = path.join(__dirname, "evaluateChild.ts");

function runChild(req: ChildRequest): Promise<ChildResult> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "s3mr-plan-"));
    const requestFile = path.join(dir, "request.json");
    const resultFile = path.join(dir, "result.json");
    fs.writeFileSync(requestFile, JSON.stringify(req));
    // Type-checking is `tsc --noEmit`'s job; the child only transpiles, which keeps a stack to about a second.
    const args = ["-r", "ts-node/register/transpile-only", CHILD, requestFile, resultFile];
    return new Promise((resolve, reject) => {
        execFile(
            process.execPath,
            args,
            {
                cwd: req.projectDir,
                maxBuffer: 64 * 1024 * 1024,
                env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" },
            },
            (err, _stdout, stderr) => {
                try {
                    if (err && !fs.existsSync(resultFile)) {
                        reject(new Error(`evaluating stack ${req.stack} failed: ${stderr.trim() || err.message}`));
                        return;
                    }
                    resolve(JSON.parse(fs.readFileSync(resultFile, "utf8")) as ChildResult);
                } finally {
                    fs.rmSync(dir, { recursive: true, force: true });
                }
            },
        );
    });
}

/** Which peer outputs each StackReference carried into the stack (for the plan's wiring section). */
function wiringOf(resources: RecordedResource[], peers: Record<string, Record<string, unknown>>): StackWiring[] {
    return resources
        .filter((r) => r.type === "pulumi:pulumi:StackReference")
        .map((r) => {
            const fromStack = String(r.inputs.name).split("/").pop() as string;
            return { reference: r.name, fromStack, outputs: Object.keys(peers[fromStack] ?? {}).sort() };
        });
}

export async function evaluateStack(
    opts: EvaluateOptions,
    stack: StackFile,
    peers: Record<string, Record<string, unknown>>,
): Promise<StackPlan> {
    const config = { ...mergedStackConfig(opts.projectDir, stack), ...(opts.overrides?.[stack.name] ?? {}) };
    const accountId = stackAccountId(config);
    const region = config["aws:region"] ?? "";
    const started = process.hrtime.bigint();
    const result = await runChild({
        projectDir: opts.projectDir,
        stack: stack.name,
        organization: opts.organization ?? "organization",
        accountId,
        region,
        config,
        peers,
    });
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    return {
        ...result,
        stack: stack.name,
        role: stack.role,
        accountId,
        region,
        config,
        wiring: wiringOf(result.resources, peers),
        elapsedMs,
    };
}

/**
 * All stacks in deploy order; each stack sees the outputs of the stacks before it. Stops at the
 * first stack that fails, as `pulumi up` in order would.
 */
export async function evaluatePlan(opts: EvaluateOptions): Promise<StackPlan[]> {
    const stacks = deployOrder(opts.stacks ?? discoverStacks(opts.projectDir));
    const last = opts.until === undefined ? stacks.length - 1 : stacks.findIndex((s) => s.name === opts.until);
    if (last < 0) throw new Error(`no stack named ${opts.until}; stacks: ${stacks.map((s) => s.name).join(", ")}`);
    stacks.length = last + 1;
    const peers: Record<string, Record<string, unknown>> = {};
    const plans: StackPlan[] = [];
    for (const stack of stacks) {
        const plan = await evaluateStack(opts, stack, { ...peers });
        plans.push(plan);
        if (!plan.ok) break;
        peers[stack.name] = plan.outputs;
    }
    return plans;
}
