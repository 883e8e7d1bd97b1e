// `npm run reconcile` as a user runs it: the entry file in a child process, exit codes and streams.
import * as assert from "node:assert/strict";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { tempRoot, writeScenario } from "./scenario";

const ROOT = path.resolve(__dirname, "..", "..", "..");

function reconcile(args: string[]) {
    const r = spawnSync(
        process.execPath,
        ["-r", "ts-node/register/transpile-only", path.join(ROOT, "operations", "reconcile", "reconcile.ts"), ...args],
        { cwd: ROOT, encoding: "utf8", timeout: 60_000, env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" } },
    );
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("reconcile entry point", function () {
    this.timeout(120_000);

    it("--help prints the usage line and exits 0", () => {
        const r = reconcile(["--help"]);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout.split("\n")[0], /^usage: npm run reconcile -- --source MANIFEST --target MANIFEST /);
    });

    it("a loss exits 1 with the report on stdout; bad input exits 2 with one line on stderr", async () => {
        const root = tempRoot();
        try {
            const m = await writeScenario(root);
            const loss = reconcile(["--source", m.source, "--target", m.target]);
            assert.equal(loss.code, 1, loss.stderr);
            assert.match(loss.stdout, /^missing: 2 {3}mismatched: 1 {3}failed: 2 {3}extra: 1 {3}in flight: 1$/m);
            const bad = reconcile(["--source", m.source, "--target", path.join(root, "nope.json")]);
            assert.equal(bad.code, 2);
            assert.equal(bad.stdout, "");
            assert.equal(
                bad.stderr.trim().split("\n").at(-1),
                `reconcile: ${path.join(root, "nope.json")}: no such file`,
            );
        } finally {
            fs.rmSync(root, { recursive: true, force: true });
        }
    });
});
