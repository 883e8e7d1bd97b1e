// Stryker mutation testing, one area at a time: `npm run mutation -- <area> [files...]` (test/mutation/run.mjs sets the area).
//
// Not part of `npm test` or CI: a run takes minutes to an hour per area on two shared cores. docs/testing.md has
// the scores and how they were measured.
import { readFileSync } from "node:fs";

const areas = JSON.parse(readFileSync(new URL("./test/mutation/areas.json", import.meta.url), "utf8"));
const area = process.env.S3MR_MUTATION_AREA ?? "";
if (!(area in areas)) {
    throw new Error(
        `S3MR_MUTATION_AREA must be one of ${Object.keys(areas).join(", ")}; run \`npm run mutation -- <area>\``,
    );
}
// A narrower run: files (or globs) of the area, comma-separated, e.g. `components/iam/*.ts`.
const only = (process.env.S3MR_MUTATION_FILES ?? "").split(",").filter(Boolean);
// A sampled run (`--sample`, test/mutation/sample.mjs): the ranges of the drawn mutants, and reports of its own.
const seed = process.env.S3MR_MUTATION_SAMPLE ?? "";
const name = seed ? `${area}.sample-${seed}` : area;
const sample = seed
    ? JSON.parse(readFileSync(new URL(`./reports/mutation/${name}.sample.json`, import.meta.url), "utf8"))
    : undefined;

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
    testRunner: "mocha",
    // The tests load TypeScript as `pulumi up` does (ts-node, transpile only, through the content-hash cache that
    // `npm test` uses), so a test process restarted after a timed-out mutant does not compile the tree again.
    mochaOptions: {
        "no-config": true,
        spec: areas[area].tests,
        // Tests that run the pack's command line or the @pulumi/policy server in another process: a mutant is active
        // only in Stryker's own test process, so they cannot notice one, and they cost seconds per mutant.
        ignore: areas[area].ignoreTests ?? [],
        extension: ["ts"],
        // test/mutation/childMutants.ts: a mutant is active, and counted, in the child processes a test starts too.
        require: ["./verifier/transpileCache.js", "./test/mutation/childMutants.ts"],
    },
    mutate: sample ? sample.ranges : only.length > 0 ? only : areas[area].mutate,
    // In a sampled run, the code around the drawn mutants is left out too (test/mutation/sampleIgnorer.mjs).
    appendPlugins: sample ? ["./test/mutation/sampleIgnorer.mjs"] : [],
    ignorers: sample ? ["sample"] : [],
    // Each mutant runs only the tests that reached it in the first, instrumented run.
    coverageAnalysis: "perTest",
    // A static mutant (a module-level constant, evaluated once at load) can only be tested by reloading every test
    // file of the area and running them all: about the whole first run per mutant. Where that run takes more than
    // about 15 s (areas.json, `ignoreStatic`), such mutants are reported as ignored and left out of the score;
    // `npm run mutation:summary` counts them.
    ignoreStatic: areas[area].ignoreStatic === true,
    // Two cores shared with other work: one test process more would only queue.
    concurrency: 2,
    // A mutant's time limit: 1.5 times its tests' time in the first run, plus 10 s. A mutant that leaves a Pulumi
    // output unresolved hangs until this limit, and the test process restarts after it, so a longer limit costs
    // hours on an area; 10 s still covers the slowest test (a spawned plan) on an idle machine.
    timeoutMS: 10000,
    // The first run of an area whose tests run the plan in child processes takes minutes on a loaded machine.
    dryRunTimeoutMinutes: 30,
    timeoutFactor: 1.5,
    incremental: true,
    incrementalFile: `reports/mutation/${name}.incremental.json`,
    reporters: ["clear-text", "html", "json", "progress-append-only"],
    htmlReporter: { fileName: `reports/mutation/${name}.html` },
    jsonReporter: { fileName: `reports/mutation/${name}.json` },
    clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
    tempDirName: ".stryker-tmp",
    cleanTempDir: "always",
    // The sandbox needs the sources, the tests and the config they read; never the reports of earlier runs.
    // Another run's sandbox (`--tempDirName .stryker-tmp-<area>` lets two areas run side by side) is not copied either.
    ignorePatterns: ["reports", "plan-out", ".pulumi-state", ".pulumi", "bin", ".stryker-tmp*"],
    thresholds: { high: 90, low: 85, break: null },
};
