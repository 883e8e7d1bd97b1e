// Preload hook (`node -r ./verifier/transpileCache.js`): runs .ts files as `ts-node --transpile-only` compiles them, from a content-hash cache.
//
// Plain JavaScript on purpose: it must load before anything can compile TypeScript. Loading the
// TypeScript compiler and transpiling the program took about a second of CPU in every process of a
// plan (the plan itself, then one per stack) and in every test run. Here ts-node compiles a file only
// when its text, path, tsconfig or toolchain changed; every other run reads ts-node's own output back
// from node_modules/.cache, so what runs is byte for byte what `pulumi up` (ts-node) runs.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

/** Bump when the cached output's shape changes. */
const FORMAT = "1";
const DEFAULT_DIR = path.join(__dirname, "..", "node_modules", ".cache", "s3-multiregion-ts");
/** `S3MR_TS_CACHE=off` compiles every file with ts-node as `-r ts-node/register/transpile-only` would (benchmarks). */
const setting = process.env.S3MR_TS_CACHE;
const enabled = setting !== "off";
const cacheDir = setting && setting !== "off" ? path.resolve(setting) : DEFAULT_DIR;

/** `loadedAt`: milliseconds from the process's start to this hook's first line (Node's own start-up). */
const stats = { hits: 0, misses: 0, hitMs: 0, missMs: 0, loadedAt: performance.now() };

/** The tsconfig ts-node would pick up: the nearest one above the working directory. */
function nearestTsconfig(dir) {
    for (let d = dir; ; d = path.dirname(d)) {
        const f = path.join(d, "tsconfig.json");
        if (fs.existsSync(f)) return f;
        if (path.dirname(d) === d) return undefined;
    }
}

const versionOf = (pkg) => {
    try {
        return JSON.parse(fs.readFileSync(require.resolve(`${pkg}/package.json`), "utf8")).version;
    } catch {
        return "absent";
    }
};

let salt;
/** Everything besides a file's own text and path that changes what ts-node emits. */
function saltOf() {
    if (salt === undefined) {
        const tsconfig = nearestTsconfig(process.cwd());
        const env = Object.keys(process.env)
            // TS_NODE_TRANSPILE_ONLY is moot: this hook always transpiles only.
            .filter((k) => k.startsWith("TS_NODE_") && k !== "TS_NODE_TRANSPILE_ONLY")
            .sort()
            .map((k) => `${k}=${process.env[k]}`);
        salt = JSON.stringify([
            FORMAT,
            process.version,
            versionOf("ts-node"),
            versionOf("typescript"),
            tsconfig ?? "",
            tsconfig ? fs.readFileSync(tsconfig, "utf8") : "",
            env,
        ]);
    }
    return salt;
}

let service;
/** ts-node's compiler, created on the first miss only: loading it and TypeScript is the cost this file avoids. */
function tsNode() {
    if (!service) service = require("ts-node").create({ transpileOnly: true });
    return service;
}

/** The JavaScript ts-node emits for `code` at `fileName`, from the cache when the same inputs were compiled before. */
function compile(code, fileName) {
    const started = process.hrtime.bigint();
    const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
    if (!enabled) {
        const out = tsNode().compile(code, fileName);
        stats.misses++;
        stats.missMs += elapsed();
        return out;
    }
    const key = crypto.createHash("sha256").update(saltOf()).update("\0").update(fileName).update("\0").update(code);
    const file = path.join(cacheDir, `${key.digest("hex")}.js`);
    try {
        const out = fs.readFileSync(file, "utf8");
        stats.hits++;
        stats.hitMs += elapsed();
        return out;
    } catch {
        // Not compiled yet with these inputs.
    }
    const out = tsNode().compile(code, fileName);
    // Written under a unique name and renamed: parallel processes (a plan's stacks) may compile the same file.
    fs.mkdirSync(cacheDir, { recursive: true });
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
    fs.writeFileSync(tmp, out);
    fs.renameSync(tmp, file);
    stats.misses++;
    stats.missMs += elapsed();
    return out;
}

// ts-node leaves files under node_modules to Node; so does this hook.
const fallback = require.extensions[".js"];
require.extensions[".ts"] = function (module, fileName) {
    if (fileName.split(path.sep).includes("node_modules")) return fallback(module, fileName);
    module._compile(compile(fs.readFileSync(fileName, "utf8"), fileName), fileName);
};

module.exports = {
    compile,
    /** Files read from the cache or compiled in this process, and the milliseconds each took in all. */
    stats: () => ({ ...stats }),
    cacheDir,
    enabled,
};
