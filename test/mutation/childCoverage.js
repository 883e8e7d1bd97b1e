// Preloaded (NODE_OPTIONS) into every Node process a test starts during a Stryker run: on exit, writes which
// mutants the process reached, so that test/mutation/childMutants.ts can count them for the test that started it.
"use strict";
const fs = require("fs");
const path = require("path");

const dir = process.env.S3MR_CHILD_COVERAGE_DIR;
if (dir) {
    process.on("exit", () => {
        // Stryker's instrumented code keeps its counters on this global (@stryker-mutator/api INSTRUMENTER_CONSTANTS).
        const coverage = globalThis.__stryker__ && globalThis.__stryker__.mutantCoverage;
        if (!coverage) return;
        try {
            fs.writeFileSync(path.join(dir, `${process.pid}.json`), JSON.stringify(coverage));
        } catch {
            // The test that started this process has finished and removed the folder: nothing is left to count.
        }
    });
}
