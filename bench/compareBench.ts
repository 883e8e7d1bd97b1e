// `npm run bench -- compare`: `npm run plan` today against commit 62a7776, run alternately on this machine, with where today's time goes.
//
// 62a7776 is the last commit before the plan was made faster: three stacks one after another, each
// a fresh ts-node process compiling the program. Its tree is checked out once into a git worktree
// (default: <tmp>/s3mr-ref-62a7776) with its own `npm ci`; the runs alternate so that the load of a
// shared machine falls on both sides alike, and the medians are compared.
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PlanTimings } from "../verifier/planTimings";
import { table } from "./planBench";

export const REFERENCE_COMMIT = "62a7776";
/** The compare benchmark's usage line (also the source of its flags for the doc checks). */
export const COMPARE_USAGE = "usage: npm run bench -- compare [--rounds N (1-50, default 5)] [--ref DIR]";

export interface CompareArgs {
    rounds: number;
    refDir: string;
}

export function parseCompareArgs(argv: string[]): CompareArgs {
    const args: CompareArgs = { rounds: 5, refDir: path.join(os.tmpdir(), `s3mr-ref-${REFERENCE_COMMIT}`) };
    for (let i = 0; i < argv.length; i++) {
        const value = argv[i + 1];
        if (argv[i] === "--rounds" && /^\d+$/.test(value ?? "") && +value >= 1 && +value <= 50) args.rounds = +value;
        else if (argv[i] === "--ref" && value) args.refDir = path.resolve(value);
        else throw new Error(`bad argument ${argv[i]} ${value ?? ""}; ${COMPARE_USAGE}`);
        i++;
    }
    return args;
}

/** Checks out 62a7776 into `refDir` with its own dependencies, once; later runs reuse it. */
function ensureReference(projectDir: string, refDir: string): void {
    if (!fs.existsSync(path.join(refDir, "package.json"))) {
        process.stderr.write(`checking out ${REFERENCE_COMMIT} into ${refDir} ...\n`);
        execFileSync("git", ["worktree", "add", "--detach", refDir, REFERENCE_COMMIT], {
            cwd: projectDir,
            stdio: "inherit",
        });
    }
    if (!fs.existsSync(path.join(refDir, "node_modules"))) {
        process.stderr.write(`npm ci in ${refDir} ...\n`);
        execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: refDir, stdio: "inherit" });
    }
}

/** Wall milliseconds of one `npm run plan` in `cwd`; rejects when it does not exit 0. */
function timePlan(cwd: string, env: Record<string, string> = {}): Promise<number> {
    return new Promise((resolve, reject) => {
        const started = performance.now();
        const child = spawn("npm", ["run", "-s", "plan"], {
            cwd,
            env: { ...process.env, ...env },
            stdio: ["ignore", "ignore", "pipe"],
        });
        let stderr = "";
        child.stderr.on("data", (d) => (stderr += d));
        child.on("error", reject);
        child.on("close", (code) => {
            const ms = performance.now() - started;
            if (code === 0) resolve(ms);
            else reject(new Error(`npm run plan in ${cwd} exited ${code}: ${stderr.trim().split("\n").pop()}`));
        });
    });
}

export function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function machine(): string {
    const cpu = /model name\s*:\s*(.*)/.exec(fs.readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? os.cpus()[0]?.model;
    return `${os.availableParallelism()} cores (nproc), ${cpu}, Node ${process.version}`;
}

const load = () => os.loadavg()[0].toFixed(1);

interface Round {
    reference: number;
    today: number;
    cold: number;
    timings: PlanTimings;
}

export async function runCompareBench(argv: string[]): Promise<void> {
    const args = parseCompareArgs(argv);
    const projectDir = path.resolve(__dirname, "..");
    ensureReference(projectDir, args.refDir);
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "s3mr-bench-"));
    const timingsFile = path.join(scratch, "timings.json");
    const loadBefore = load();
    try {
        // One run each first: the OS file cache and today's transpile cache, as on any second run.
        await timePlan(args.refDir);
        await timePlan(projectDir);
        const rounds: Round[] = [];
        for (let i = 0; i < args.rounds; i++) {
            process.stderr.write(`round ${i + 1}/${args.rounds} ...\n`);
            const cold = async () => {
                // An empty cache: every TypeScript file compiled by ts-node, as on a first run after a change.
                const dir = fs.mkdtempSync(path.join(scratch, "cache-"));
                const ms = await timePlan(projectDir, { S3MR_TS_CACHE: dir });
                fs.rmSync(dir, { recursive: true, force: true });
                return ms;
            };
            const today = () => timePlan(projectDir, { S3MR_PLAN_TIMINGS: timingsFile });
            const reference = () => timePlan(args.refDir);
            // Alternate the order so that a change of load during a round favours neither side.
            let r: Omit<Round, "timings">;
            if (i % 2 === 0) r = { reference: await reference(), today: await today(), cold: await cold() };
            else {
                const c = await cold();
                const t = await today();
                r = { cold: c, today: t, reference: await reference() };
            }
            rounds.push({ ...r, timings: JSON.parse(fs.readFileSync(timingsFile, "utf8")) as PlanTimings });
        }
        report(rounds, args, loadBefore);
    } finally {
        fs.rmSync(scratch, { recursive: true, force: true });
    }
}

function report(rounds: Round[], args: CompareArgs, loadBefore: string): void {
    const ms = (x: number) => Math.round(x);
    const med = (f: (r: Round) => number) => ms(median(rounds.map(f)));
    console.log(`Machine: ${machine()}; load average ${loadBefore} before, ${load()} after.\n`);
    console.log(`npm run plan, wall ms, ${rounds.length} rounds alternating (reference: ${args.refDir}):\n`);
    console.log(
        table(
            ["round", `${REFERENCE_COMMIT}`, "today", "today, empty transpile cache"],
            [
                ...rounds.map((r, i) => [String(i + 1), ms(r.reference), ms(r.today), ms(r.cold)]),
                ["median", med((r) => r.reference), med((r) => r.today), med((r) => r.cold)],
            ],
        ),
    );
    const ratio = median(rounds.map((r) => r.today)) / median(rounds.map((r) => r.reference));
    const coldRatio = median(rounds.map((r) => r.cold)) / median(rounds.map((r) => r.reference));
    console.log(
        `\nToday / ${REFERENCE_COMMIT}: ${ratio.toFixed(2)} (${(ratio * 100).toFixed(0)} % of the reference's wall time; ` +
            `${(coldRatio * 100).toFixed(0)} % with an empty transpile cache).\n`,
    );

    const t = (f: (p: PlanTimings) => number) => med((r) => f(r.timings));
    console.log(`Where today's time goes (medians, ms; the stacks' phases overlap the plan process's waiting):\n`);
    console.log(
        table(
            ["phase", "ms"],
            [
                ["npm and the plan process's exit", med((r) => r.today - r.timings.totalMs)],
                ["plan process: Node start", t((p) => p.bootMs)],
                ["plan process: module loading", t((p) => p.loadMs)],
                ["plan process: TypeScript (transpile cache)", t((p) => p.transpileMs)],
                ["stacks: first started to last evaluated", t((p) => p.evaluateMs)],
                ["  meanwhile: pack, proof engine and IAM data loaded", t((p) => p.checksLoadMs)],
                ["access proofs", t((p) => p.proofsMs)],
                ["policy pack", t((p) => p.packMs)],
                ["document and text", t((p) => p.renderMs)],
                ["plan process in all", t((p) => p.totalMs)],
                ["npm run plan (wall)", med((r) => r.today)],
            ],
        ),
    );
    const stacks = rounds[0].timings.stacks.map((s) => s.stack);
    const phase = (stack: string, f: (p: NonNullable<PlanTimings["stacks"][number]["phases"]>) => number) =>
        med((r) => {
            const p = r.timings.stacks.find((s) => s.stack === stack)?.phases;
            return p ? f(p) : 0;
        });
    console.log("\nPer stack, each in its own process (medians, ms):\n");
    console.log(
        table(
            ["stack", "Node start", "SDK loading", "TypeScript", "waiting for peers", "program under mocks", "child"],
            stacks.map((s) => [
                s,
                phase(s, (p) => p.bootMs),
                phase(s, (p) => p.loadMs),
                phase(s, (p) => p.transpileMs),
                phase(s, (p) => p.waitMs),
                phase(s, (p) => p.evaluateMs),
                med((r) => r.timings.stacks.find((x) => x.stack === s)?.elapsedMs ?? 0),
            ]),
        ),
    );
}
