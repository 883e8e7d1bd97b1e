// Evaluates the project's stacks offline, each in its own process, feeding outputs to StackReferences; stacks that read none run at once.
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { deployOrder, discoverStacks, readsFrom, StackFile, StackRole } from "../config/stackFiles";
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
    /** Where the child's time went. */
    phases?: ChildPhases;
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
    /** Milliseconds to evaluate this stack (child process start to result, waiting for peers excluded). */
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
/** The preload hook every child starts with: the transpile cache (see transpileCache.js). */
const HOOK = path.join(__dirname, "transpileCache.js");

/** Where one child's time went, as it measured it (milliseconds; phases overlap nothing). */
export interface ChildPhases {
    /** Node's own start, up to the first line of the preload hook. */
    bootMs: number;
    /** Loading the Pulumi SDKs the project depends on, before the request arrives. */
    loadMs: number;
    /** Waiting for the request (the peers it reads were still being evaluated). */
    waitMs: number;
    /** Transpiling (or reading from the cache) the TypeScript the child ran. */
    transpileMs: number;
    /** The program under mocks: module loading of the product and every registration answered, transpile excluded. */
    evaluateMs: number;
    /** TypeScript files read from the transpile cache / compiled anew. */
    cacheHits: number;
    cacheMisses: number;
}

/** A started child process: it loads the SDKs at once and evaluates when it is sent its request. */
interface PendingChild {
    /** Sends the request; resolves with the result. */
    run(req: ChildRequest): Promise<ChildResult>;
    /** The stack will not be evaluated (a peer failed): the child exits without evaluating. */
    cancel(): void;
}

/**
 * Starts a child for one stack. It is started before its peers are done, so that Node's start and
 * the SDK loading overlap their evaluation; the request follows on stdin once its peers' outputs exist.
 */
function startChild(projectDir: string, stack: string): PendingChild {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "s3mr-plan-"));
    const resultFile = path.join(dir, "result.json");
    // Type-checking is `tsc --noEmit`'s job; the child runs what `ts-node --transpile-only` emits, from a cache.
    const child = spawn(process.execPath, ["-r", HOOK, CHILD, resultFile], {
        cwd: projectDir,
        stdio: ["pipe", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve, reject) => {
        child.on("error", reject);
        child.on("close", (code) => resolve(code));
    });
    // A child that exits early (cancelled, or crashed while loading) closes stdin: not an error of the parent's.
    child.stdin.on("error", () => undefined);
    const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
    return {
        async run(req) {
            child.stdin.end(JSON.stringify(req));
            try {
                const code = await exited;
                if (!fs.existsSync(resultFile))
                    throw new Error(`evaluating stack ${stack} failed: ${stderr.trim() || `exit code ${code}`}`);
                return JSON.parse(fs.readFileSync(resultFile, "utf8")) as ChildResult;
            } finally {
                cleanup();
            }
        },
        cancel() {
            child.stdin.end();
            void exited.catch(() => undefined).finally(cleanup);
        },
    };
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

/** Runs one stack in a started child; `started` is when the child was started. */
async function evaluateIn(
    child: PendingChild,
    started: bigint,
    opts: EvaluateOptions,
    stack: StackFile,
    peers: Record<string, Record<string, unknown>>,
): Promise<StackPlan> {
    const config = { ...mergedStackConfig(opts.projectDir, stack), ...(opts.overrides?.[stack.name] ?? {}) };
    const accountId = stackAccountId(config);
    const region = config["aws:region"] ?? "";
    const result = await child.run({
        projectDir: opts.projectDir,
        stack: stack.name,
        organization: opts.organization ?? "organization",
        accountId,
        region,
        config,
        peers,
    });
    // The time the child waited for its peers is theirs, not this stack's.
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6 - (result.phases?.waitMs ?? 0);
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

export function evaluateStack(
    opts: EvaluateOptions,
    stack: StackFile,
    peers: Record<string, Record<string, unknown>>,
): Promise<StackPlan> {
    const started = process.hrtime.bigint();
    return evaluateIn(startChild(opts.projectDir, stack.name), started, opts, stack, peers);
}

/** Children alive at once: one per core plus one loading ahead; more would only compete for the same cores. */
const CHILDREN = Math.max(2, os.availableParallelism()) + 1;

/**
 * All stacks in deploy order; each stack sees the outputs of the stacks it reads (`readsFrom`). Stacks
 * that read nothing are evaluated at the same time, each still in its own process. Reports up to the
 * first stack that fails in deploy order, as `pulumi up` in order would.
 */
export async function evaluatePlan(opts: EvaluateOptions): Promise<StackPlan[]> {
    const stacks = deployOrder(opts.stacks ?? discoverStacks(opts.projectDir));
    const last = opts.until === undefined ? stacks.length - 1 : stacks.findIndex((s) => s.name === opts.until);
    if (last < 0) throw new Error(`no stack named ${opts.until}; stacks: ${stacks.map((s) => s.name).join(", ")}`);
    stacks.length = last + 1;

    // Children start in deploy order as slots free up; a slot frees when a child has exited.
    let free = CHILDREN;
    const waiting: (() => void)[] = [];
    const slot = (): Promise<void> =>
        // Stryker disable next-line ConditionalExpression,EqualityOperator: bounds how many children are alive at once, never what any of them returns
        free > 0 ? (free--, Promise.resolve()) : new Promise((resolve) => waiting.push(resolve));
    const release = () => (waiting.length ? waiting.shift()!() : free++);

    const plans = new Map<string, Promise<StackPlan | undefined>>();
    for (const stack of stacks) {
        const reads = readsFrom(stack, stacks);
        const evaluation = (async (): Promise<StackPlan | undefined> => {
            await slot();
            const started = process.hrtime.bigint();
            const child = startChild(opts.projectDir, stack.name);
            try {
                const before = await Promise.all(reads.map((r) => plans.get(r.name)!));
                if (before.some((p) => p === undefined || !p.ok)) {
                    child.cancel();
                    return undefined;
                }
                const peers = Object.fromEntries(before.map((p) => [p!.stack, p!.outputs]));
                return await evaluateIn(child, started, opts, stack, peers);
            } finally {
                release();
            }
        })();
        plans.set(stack.name, evaluation);
    }
    const settled = await Promise.allSettled(stacks.map((s) => plans.get(s.name)!));
    const done: StackPlan[] = [];
    for (const s of settled) {
        if (s.status === "rejected") throw s.reason;
        if (s.value === undefined) break;
        done.push(s.value);
        if (!s.value.ok) break;
    }
    return done;
}
