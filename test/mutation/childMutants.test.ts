// A mutant instrumented by the pinned Stryker is active in a test's child process, and what the child reached is
// counted for the test (test/mutation/childMutants.ts relies on both; a Stryker upgrade that changes either fails here).
import * as assert from "node:assert/strict";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
    ACTIVE_MUTANT_ENV,
    COVERAGE_DIR_ENV,
    Counts,
    mochaHooks,
    mutantVariables,
    readCounts,
    sharedChildRun,
} from "./childMutants";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const STRYKER = `@stryker-mutator/instrumenter ${require("@stryker-mutator/instrumenter/package.json").version}`;

interface Instrumented {
    files: { name: string; content: string }[];
    mutants: { id: string; mutatorName: string; replacement: string }[];
}

/** The instrumenter is an ES module; this file is compiled to CommonJS, where `import()` would become `require`. */
const importEsm = new Function("id", "return import(id)") as (id: string) => Promise<Record<string, unknown>>;

async function instrument(name: string, content: string): Promise<Instrumented> {
    const { Instrumenter } = (await importEsm("@stryker-mutator/instrumenter")) as {
        Instrumenter: new (log: unknown) => {
            instrument(files: unknown[], opts: unknown): Promise<Instrumented>;
        };
    };
    const quiet = Object.fromEntries(
        ["isTraceEnabled", "isDebugEnabled", "isInfoEnabled", "isWarnEnabled", "isErrorEnabled", "isFatalEnabled"]
            .map((k) => [k, () => false] as [string, () => unknown])
            .concat(["trace", "debug", "info", "warn", "error", "fatal"].map((k) => [k, () => undefined])),
    );
    return new Instrumenter(quiet).instrument([{ name, mutate: true, content }], {
        plugins: null,
        excludedMutations: [],
        ignorers: [],
    });
}

type Namespace = { activeMutant?: string; currentTestId?: string; mutantCoverage?: unknown };
const global = globalThis as { __stryker__?: Namespace };

describe(`mutants in child processes (${STRYKER})`, function () {
    this.timeout(60000);
    let dir: string;
    let file: string;
    let minus: string;
    let emptied: string;
    const savedEnv = { ...process.env };

    before(async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "s3mr-child-mutants-"));
        file = path.join(dir, "answer.js");
        const { files, mutants } = await instrument(file, "exports.answer = function () {\n    return 40 + 2;\n};\n");
        fs.writeFileSync(file, files[0].content);
        const find = (mutator: string) => mutants.find((m) => m.mutatorName === mutator)?.id;
        minus = find("ArithmeticOperator") ?? "";
        emptied = find("BlockStatement") ?? "";
        assert.ok(minus && emptied, `${STRYKER} found no ArithmeticOperator/BlockStatement mutant in the sample`);
    });
    afterEach(() => {
        delete global.__stryker__;
        for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
        Object.assign(process.env, savedEnv);
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    /** Runs the instrumented file in a child, as a test's `npm run plan` would run the verifier. */
    const child = (env: NodeJS.ProcessEnv = process.env) =>
        spawnSync(process.execPath, ["-e", `console.log(require(${JSON.stringify(file)}).answer())`], {
            env,
            encoding: "utf8",
        }).stdout.trim();

    it("outside a mutation run, the hooks change nothing and the child runs the original code", () => {
        mochaHooks.beforeEach();
        assert.equal(process.env[ACTIVE_MUTANT_ENV], undefined);
        assert.equal(process.env[COVERAGE_DIR_ENV], undefined);
        assert.equal(child(), "42");
        mochaHooks.afterEach();
    });

    it("in the first run, what the child reached counts for the running test; then the active mutant is active in the child", () => {
        // Stryker's first run: no mutant active, each test's coverage collected under its name.
        global.__stryker__ = { currentTestId: "the test" };
        mochaHooks.beforeEach();
        assert.equal(child(), "42");
        mochaHooks.afterEach();
        const perTest = (global.__stryker__.mutantCoverage as { perTest: Record<string, Counts> }).perTest;
        assert.deepEqual(Object.keys(perTest), ["the test"]);
        assert.deepEqual(Object.keys(perTest["the test"]).sort(), [minus, emptied].sort());
        // The test's environment is given back: the next test's children start from it.
        assert.equal(process.env[ACTIVE_MUTANT_ENV], undefined);
        assert.equal(process.env[COVERAGE_DIR_ENV], undefined);
        assert.equal(process.env.NODE_OPTIONS, savedEnv.NODE_OPTIONS);

        // The mutant runs: one mutant active at a time.
        global.__stryker__.activeMutant = minus;
        mochaHooks.beforeEach();
        assert.equal(child(), "38");
        mochaHooks.afterEach();
        global.__stryker__.activeMutant = emptied;
        mochaHooks.beforeEach();
        assert.equal(child(), "undefined");
        mochaHooks.afterEach();
    });

    it("a child with an environment of its own gets the mutant's variables in a mutation run, and nothing outside one", () => {
        mochaHooks.beforeEach();
        assert.deepEqual(mutantVariables(), {});
        mochaHooks.afterEach();
        global.__stryker__ = { activeMutant: minus, currentTestId: "t" };
        mochaHooks.beforeEach();
        const own = { PATH: path.dirname(process.execPath), ...mutantVariables() };
        assert.deepEqual(Object.keys(own).sort(), ["NODE_OPTIONS", "PATH", COVERAGE_DIR_ENV, ACTIVE_MUTANT_ENV].sort());
        assert.equal(child(own), "38");
        mochaHooks.afterEach();
    });

    it("readCounts sums the children's static and per-test counters", () => {
        const counts = path.join(dir, "counts");
        fs.mkdirSync(counts);
        fs.writeFileSync(
            path.join(counts, "1.json"),
            JSON.stringify({ static: { 1: 2 }, perTest: { t: { 1: 1, 2: 3 } } }),
        );
        fs.writeFileSync(path.join(counts, "2.json"), JSON.stringify({ static: { 2: 1 }, perTest: {} }));
        assert.deepEqual(readCounts(counts), { 1: 3, 2: 4 });
        assert.deepEqual(readCounts(path.join(dir, "none")), {});
    });

    it("a shared run is run once per active mutant, and counts for every test that reads it", async () => {
        const runs: (string | undefined)[] = [];
        const shared = sharedChildRun(async (env) => {
            runs.push(env?.[ACTIVE_MUTANT_ENV]);
            return child(env);
        });
        global.__stryker__ = { currentTestId: "first" };
        assert.equal(await shared(), "42");
        global.__stryker__.currentTestId = "second";
        assert.equal(await shared(), "42");
        const perTest = (global.__stryker__.mutantCoverage as { perTest: Record<string, Counts> }).perTest;
        assert.deepEqual(perTest.first, perTest.second);
        assert.deepEqual(Object.keys(perTest.first).sort(), [minus, emptied].sort());

        global.__stryker__.activeMutant = minus;
        assert.equal(await shared(), "38");
        assert.equal(await shared(), "38");
        global.__stryker__.activeMutant = emptied;
        assert.equal(await shared(), "undefined");
        assert.deepEqual(runs, [undefined, minus, emptied]);
    });
});
