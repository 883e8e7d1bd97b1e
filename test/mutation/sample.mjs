// `npm run mutation -- <area> --sample <fraction> [--seed <n>]` picks the sample this module draws: a seeded, uniform
// random choice of the area's mutants, file by file, for areas whose full run takes hours on two cores.
//
// Stryker has no sampling of its own, but it mutates only the code inside the ranges it is given (`file:line:col-
// line:col`). The sample lists every chosen mutant's exact range; Stryker then also tests the mutants nested inside
// such a range, which costs time but does not enter the sampled score: `npm run mutation:summary -- <area> --sample`
// counts only the chosen mutants, with a 95 % interval for the area's score.
import { Instrumenter } from "@stryker-mutator/instrumenter";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** Every file under `dir`, relative to `root` with `/` separators. */
function filesUnder(root, dir) {
    return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
        const rel = `${dir}/${entry.name}`;
        return entry.isDirectory() ? filesUnder(root, rel) : [rel];
    });
}

/** The glob shapes areas.json uses: `**` any folders, `*` any part of a name. */
function globRegExp(glob) {
    const body = glob
        .split("/")
        .map((part) => (part === "**" ? "(?:[^/]+/)*" : part.replace(/[.]/g, "\\.").replace(/\*/g, "[^/]*") + "/"))
        .join("");
    return new RegExp(`^${body.slice(0, -1)}$`);
}

/** The files an area mutates, in a stable order. */
export function areaFiles(root, globs) {
    const tops = [...new Set(globs.map((g) => g.split("/")[0]))];
    const all = tops.flatMap((top) => (top.endsWith(".ts") ? [top] : filesUnder(root, top)));
    return all.filter((f) => globs.some((g) => globRegExp(g).test(f))).sort();
}

/** mulberry32: a small seeded generator, so that a sample is reproduced from its seed. */
function random(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

const quiet = {
    isTraceEnabled: () => false,
    isDebugEnabled: () => false,
    isInfoEnabled: () => false,
    isWarnEnabled: () => true,
    isErrorEnabled: () => true,
    isFatalEnabled: () => true,
    trace() {},
    debug() {},
    info() {},
    warn: (...a) => console.warn(...a),
    error: (...a) => console.error(...a),
    fatal: (...a) => console.error(...a),
};

/** A mutant's identity across runs, in the report's coordinates: file, exact span, mutator and replacement. */
export const mutantKey = (file, m) =>
    `${file}:${m.location.start.line}:${m.location.start.column}-${m.location.end.line}:${m.location.end.column}:${m.mutatorName}:${m.replacement}`;

/**
 * Draws `fraction` of each file's mutants (rounded up, at least one per file with mutants), the ones Stryker's
 * instrumenter finds with the options Stryker uses by default. Returns the mutate ranges and the chosen keys.
 */
export async function drawSample(root, globs, fraction, seed) {
    const next = random(seed);
    const instrumenter = new Instrumenter(quiet);
    const ranges = [];
    const chosen = [];
    let population = 0;
    for (const file of areaFiles(root, globs)) {
        const content = readFileSync(join(root, file), "utf8");
        const { mutants } = await instrumenter.instrument([{ name: file, mutate: true, content }], {
            plugins: null,
            excludedMutations: [],
            ignorers: [],
        });
        const candidates = mutants.filter((m) => m.status !== "Ignored");
        population += candidates.length;
        // A partial Fisher-Yates shuffle: the first `take` entries are a uniform sample.
        const take = Math.min(candidates.length, Math.ceil(candidates.length * fraction));
        for (let i = 0; i < take; i++) {
            const j = i + Math.floor(next() * (candidates.length - i));
            [candidates[i], candidates[j]] = [candidates[j], candidates[i]];
            const { start, end } = candidates[i].location;
            // Stryker's ranges: 1-based lines, 0-based columns, both ends included.
            ranges.push(`${file}:${start.line + 1}:${start.column}-${end.line + 1}:${end.column}`);
            // The report's locations are 1-based in lines and columns (mutation-testing-elements' schema).
            const inReport = {
                start: { line: start.line + 1, column: start.column + 1 },
                end: { line: end.line + 1, column: end.column + 1 },
            };
            chosen.push(mutantKey(file, { ...candidates[i], location: inReport }));
        }
    }
    return { ranges, chosen, population };
}
