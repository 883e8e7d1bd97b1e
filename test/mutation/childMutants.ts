// In a Stryker run, the mutants of code that a test runs in a child process (`npm run plan`, the evaluator's
// per-stack processes, an operations command's entry file): active there, and counted as that test's coverage.
//
// Stryker's mocha runner activates a mutant by setting a global in its own test process, and learns which tests
// reach a mutant from counters on that global. A child process sees neither. The instrumented code itself reads
// the active mutant from the environment when it loads (`__STRYKER_ACTIVE_MUTANT__`), so each test starts its
// children with that variable set, and a preload (childCoverage.js) writes each child's counters on exit; they are
// added to the test's own counters after it. Loaded by stryker.conf.mjs only: outside Stryker every function here
// does nothing. test/mutation/childMutants.test.ts checks the instrumenter still works the way this relies on.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** Counts per mutant id, as Stryker's instrumented code keeps them. */
export type Counts = Record<string, number>;

interface StrykerGlobal {
    activeMutant?: string | number;
    currentTestId?: string;
    mutantCoverage?: { static: Counts; perTest: Record<string, Counts> };
}

/** The names Stryker 9's instrumenter uses (@stryker-mutator/api's INSTRUMENTER_CONSTANTS). */
export const ACTIVE_MUTANT_ENV = "__STRYKER_ACTIVE_MUTANT__";
const NAMESPACE = "__stryker__";
/** Where the preload writes a child's counters. */
export const COVERAGE_DIR_ENV = "S3MR_CHILD_COVERAGE_DIR";
const PRELOAD = `--require ${JSON.stringify(path.join(__dirname, "childCoverage.js"))}`;

function stryker(): StrykerGlobal | undefined {
    return (globalThis as Record<string, unknown>)[NAMESPACE] as StrykerGlobal | undefined;
}

/** The environment a child needs to run the active mutant and report what it reached into `dir`. */
export function childEnv(dir: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...base, [COVERAGE_DIR_ENV]: dir };
    const active = stryker()?.activeMutant;
    if (active === undefined) delete env[ACTIVE_MUTANT_ENV];
    else env[ACTIVE_MUTANT_ENV] = String(active);
    const options = (base.NODE_OPTIONS ?? "").replace(PRELOAD, "").trim();
    env.NODE_OPTIONS = options ? `${options} ${PRELOAD}` : PRELOAD;
    return env;
}

/**
 * For a test that starts a child with an environment of its own (no inherited variables): what the child needs in
 * a mutation run. Outside one, nothing, so that the test's environment stays exactly what it wrote.
 */
export function mutantVariables(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
    if (!stryker()) return {};
    const keys = [ACTIVE_MUTANT_ENV, COVERAGE_DIR_ENV, "NODE_OPTIONS"];
    return Object.fromEntries(keys.filter((k) => env[k] !== undefined).map((k) => [k, env[k] as string]));
}

/** The counters the children wrote into `dir`, summed over children and over their static and per-test parts. */
export function readCounts(dir: string): Counts {
    const total: Counts = {};
    const add = (counts: Counts) => {
        for (const [id, n] of Object.entries(counts)) total[id] = (total[id] ?? 0) + n;
    };
    for (const file of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
        const coverage = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as StrykerGlobal["mutantCoverage"];
        add(coverage?.static ?? {});
        for (const counts of Object.values(coverage?.perTest ?? {})) add(counts);
    }
    return total;
}

/** Adds `counts` to the running test's coverage, as if the test had reached those mutants itself. */
export function countForCurrentTest(counts: Counts): void {
    const ns = stryker();
    if (ns?.currentTestId === undefined || Object.keys(counts).length === 0) return;
    ns.mutantCoverage ??= { static: {}, perTest: {} };
    const mine = (ns.mutantCoverage.perTest[ns.currentTestId] ??= {});
    for (const [id, n] of Object.entries(counts)) mine[id] = (mine[id] ?? 0) + n;
}

/**
 * A child run whose result several tests share (the real project's plan): run once per active mutant, and its
 * coverage counted for every test that reads it.
 */
export function sharedChildRun<T>(run: (env: NodeJS.ProcessEnv | undefined) => Promise<T>): () => Promise<T> {
    let last: { key: string; result: Promise<{ value: T; counts: Counts }> } | undefined;
    return async () => {
        const key = String(stryker()?.activeMutant ?? "");
        if (last?.key !== key) {
            const dir = stryker() ? fs.mkdtempSync(path.join(os.tmpdir(), "s3mr-child-coverage-")) : undefined;
            const result = run(dir ? childEnv(dir) : undefined).then((value) => {
                if (!dir) return { value, counts: {} };
                const counts = readCounts(dir);
                fs.rmSync(dir, { recursive: true, force: true });
                return { value, counts };
            });
            last = { key, result };
        }
        const { value, counts } = await last.result;
        countForCurrentTest(counts);
        return value;
    };
}

let testDir: string | undefined;
let saved: NodeJS.ProcessEnv | undefined;

/** Root hooks (mocha's `mochaHooks`), loaded by stryker.conf.mjs: every child a test starts inherits `childEnv`. */
export const mochaHooks = {
    beforeEach(): void {
        if (!stryker()) return;
        testDir = fs.mkdtempSync(path.join(os.tmpdir(), "s3mr-child-coverage-"));
        const env = childEnv(testDir);
        saved = {};
        for (const key of [ACTIVE_MUTANT_ENV, COVERAGE_DIR_ENV, "NODE_OPTIONS"]) {
            saved[key] = process.env[key];
            if (env[key] === undefined) delete process.env[key];
            else process.env[key] = env[key];
        }
    },
    afterEach(): void {
        if (testDir === undefined) return;
        countForCurrentTest(readCounts(testDir));
        fs.rmSync(testDir, { recursive: true, force: true });
        for (const [key, value] of Object.entries(saved ?? {})) {
            if (value === undefined) delete process.env[key];
            else process.env[key] = value;
        }
        testDir = saved = undefined;
    },
};
