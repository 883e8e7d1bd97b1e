// The transpile cache: runs exactly what ts-node emits, compiles only what changed, and keeps its cache per toolchain and tsconfig.
import * as assert from "node:assert/strict";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { create } from "ts-node";
import { PROJECT_DIR } from "../support/stackConfigs";

const HOOK = path.join(PROJECT_DIR, "verifier", "transpileCache.js");

interface Run {
    stats: { hits: number; misses: number };
    value: unknown;
}

/** Requires `file` in a fresh Node with the hook preloaded and the cache in `cacheDir`; returns the hook's counters and the module's `value`. */
function runWithHook(file: string, cacheDir: string, cwd = PROJECT_DIR, env: Record<string, string> = {}): Run {
    const script = `const m = require(${JSON.stringify(file)}); const h = require(${JSON.stringify(HOOK)});
const s = h.stats();
process.stdout.write(JSON.stringify({ stats: { hits: s.hits, misses: s.misses }, value: m.value }));`;
    const out = execFileSync(process.execPath, ["-r", HOOK, "-e", script], {
        cwd,
        env: { ...process.env, ...env, S3MR_TS_CACHE: cacheDir },
        encoding: "utf8",
    });
    return JSON.parse(out) as Run;
}

describe("transpile cache (verifier/transpileCache.js)", function () {
    this.timeout(60000);
    let dir: string;
    let cacheDir: string;
    let source: string;

    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "s3mr-tscache-"));
        cacheDir = path.join(dir, "cache");
        source = path.join(dir, "module.ts");
        fs.writeFileSync(source, "export const value: number = 1 + 1;\n");
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("compiles a file once, then runs it from the cache; a changed text is compiled again", () => {
        assert.deepEqual(runWithHook(source, cacheDir), { stats: stats(1, 0), value: 2 });
        assert.deepEqual(runWithHook(source, cacheDir), { stats: stats(0, 1), value: 2 });
        fs.writeFileSync(source, "export const value: number = 2 + 2;\n");
        assert.deepEqual(runWithHook(source, cacheDir), { stats: stats(1, 0), value: 4 });
        assert.equal(fs.readdirSync(cacheDir).length, 2);
    });

    it("stores byte for byte what ts-node --transpile-only emits for the program", () => {
        const index = path.join(PROJECT_DIR, "index.ts");
        const script = `require(${JSON.stringify(HOOK)}); process.stdout.write(require(${JSON.stringify(HOOK)}).compile(require("fs").readFileSync(${JSON.stringify(index)}, "utf8"), ${JSON.stringify(index)}));`;
        const viaHook = execFileSync(process.execPath, ["-e", script], {
            cwd: PROJECT_DIR,
            env: { ...process.env, S3MR_TS_CACHE: cacheDir },
            encoding: "utf8",
        });
        const viaTsNode = create({ transpileOnly: true, cwd: PROJECT_DIR }).compile(
            fs.readFileSync(index, "utf8"),
            index,
        );
        assert.equal(viaHook, viaTsNode);
        const [cached] = fs.readdirSync(cacheDir);
        assert.equal(fs.readFileSync(path.join(cacheDir, cached), "utf8"), viaTsNode);
    });

    it("does not reuse output compiled under another tsconfig or other TS_NODE_ settings", () => {
        fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { target: "ES2022" } }));
        assert.deepEqual(runWithHook(source, cacheDir, dir).stats, stats(1, 0));
        fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { target: "ES2017" } }));
        assert.deepEqual(runWithHook(source, cacheDir, dir).stats, stats(1, 0));
        assert.deepEqual(runWithHook(source, cacheDir, dir, { TS_NODE_COMPILER_OPTIONS: "{}" }).stats, stats(1, 0));
        assert.deepEqual(runWithHook(source, cacheDir, dir).stats, stats(0, 1));
    });

    it("with S3MR_TS_CACHE=off compiles every time and writes nothing", () => {
        const off = (): Run => {
            const script = `const m = require(${JSON.stringify(source)}); const s = require(${JSON.stringify(HOOK)}).stats();
process.stdout.write(JSON.stringify({ stats: { hits: s.hits, misses: s.misses }, value: m.value }));`;
            return JSON.parse(
                execFileSync(process.execPath, ["-r", HOOK, "-e", script], {
                    cwd: PROJECT_DIR,
                    env: { ...process.env, S3MR_TS_CACHE: "off" },
                    encoding: "utf8",
                }),
            ) as Run;
        };
        assert.deepEqual(off(), { stats: stats(1, 0), value: 2 });
        assert.deepEqual(off(), { stats: stats(1, 0), value: 2 });
        assert.equal(fs.existsSync(cacheDir), false);
    });
});

/** The counters a run must show (timings are not compared). */
function stats(misses: number, hits: number): { hits: number; misses: number } {
    return { hits, misses };
}
