// Where an offline plan's time went, phase by phase: written when S3MR_PLAN_TIMINGS names a file (`npm run bench -- compare`).
import * as fs from "fs";
import { ChildPhases } from "./evaluate";

/** The transpile cache's counters in this process (verifier/transpileCache.js, preloaded with -r); zeros without it. */
export interface TranspileStats {
    hits: number;
    misses: number;
    hitMs: number;
    missMs: number;
    /** Milliseconds from the process's start to the hook's first line. */
    loadedAt: number;
}

export function transpileStats(): TranspileStats {
    const hook = require.cache[require.resolve("./transpileCache.js")]?.exports as
        { stats(): TranspileStats } | undefined;
    return hook ? hook.stats() : { hits: 0, misses: 0, hitMs: 0, missMs: 0, loadedAt: 0 };
}

/** Milliseconds; the plan process's own phases, then each stack's child as it reported them. */
export interface PlanTimings {
    /** Node's start, up to the preload hook. */
    bootMs: number;
    /** The plan's own modules loaded before the stacks start (transpile excluded). */
    loadMs: number;
    /** The plan process's TypeScript: transpiled or read from the cache. */
    transpileMs: number;
    /** First stack started to last stack evaluated. */
    evaluateMs: number;
    /** The pack's runner, the proofs' engine and the IAM data, loaded while the stacks evaluate. */
    checksLoadMs: number;
    proofsMs: number;
    packMs: number;
    /** The document, its text and the diagram. */
    renderMs: number;
    /** Process start to the plan's exit code. */
    totalMs: number;
    stacks: { stack: string; elapsedMs: number; phases?: ChildPhases }[];
}

/** The file S3MR_PLAN_TIMINGS names, if any. */
export function timingsFile(): string | undefined {
    return process.env.S3MR_PLAN_TIMINGS || undefined;
}

export function writeTimings(file: string, timings: PlanTimings): void {
    fs.writeFileSync(file, JSON.stringify(timings, null, 2));
}
