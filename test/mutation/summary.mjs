// `npm run mutation:summary -- <area> [--sample <seed>] [--survivors]`: the scores of the last Stryker run over an
// area, per file, from reports/mutation/<area>.json (mutation-testing-elements' report schema), and, with
// --survivors, each surviving or uncovered mutant on one line (file:line:column, mutator, the replacement).
// With --sample, the report of a sampled run (test/mutation/sample.mjs): only the drawn mutants enter the scores,
// and the area's score is given with a 95 % interval.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { mutantKey } from "./sample.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const [area, ...flags] = process.argv.slice(2);
const seed = flags.includes("--sample") ? flags[flags.indexOf("--sample") + 1] : undefined;
const name = seed === undefined ? area : `${area}.sample-${seed}`;
const report = join(root, "reports", "mutation", `${name}.json`);
if (!area || !existsSync(report)) {
    console.error(
        `usage: npm run mutation:summary -- <area> [--sample <seed>] [--survivors]; no report at reports/mutation/${name}.json`,
    );
    process.exit(2);
}
const { files } = JSON.parse(readFileSync(report, "utf8"));
const drawn =
    seed === undefined
        ? undefined
        : JSON.parse(readFileSync(join(root, "reports", "mutation", `${name}.sample.json`), "utf8"));
const keys = new Set(drawn?.chosen ?? []);
const counted = (file, m) => drawn === undefined || keys.has(mutantKey(file, m));

const DETECTED = new Set(["Killed", "Timeout"]);
const UNDETECTED = new Set(["Survived", "NoCoverage"]);
const total = { detected: 0, undetected: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0 };
const rows = [];
const open = [];
for (const [file, { source, mutants }] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    const lines = source.split("\n");
    const count = { detected: 0, undetected: 0 };
    for (const m of mutants) {
        // Survivors are listed whether drawn or not (a sampled run also tests the mutants nested in a drawn one).
        if (UNDETECTED.has(m.status)) {
            const at = `${file}:${m.location.start.line}:${m.location.start.column}`;
            const original = (lines[m.location.start.line - 1] ?? "").trim().slice(0, 100);
            const replacement = (m.replacement ?? "").replace(/\s+/g, " ").slice(0, 80);
            open.push(
                `${at} ${m.status} ${m.mutatorName}${m.static ? " (static)" : ""}: ${replacement}\n    | ${original}`,
            );
        }
        if (!counted(file, m)) continue;
        if (DETECTED.has(m.status)) count.detected++;
        if (UNDETECTED.has(m.status)) count.undetected++;
        if (m.status === "Timeout") total.timeout++;
        if (m.status === "Survived") total.survived++;
        if (m.status === "NoCoverage") total.noCoverage++;
        if (m.status === "Ignored") total.ignored++;
    }
    total.detected += count.detected;
    total.undetected += count.undetected;
    const valid = count.detected + count.undetected;
    if (valid > 0) rows.push([file, valid, count.undetected, ((100 * count.detected) / valid).toFixed(1)]);
}
const score = (d, u) => (d + u === 0 ? "n/a" : ((100 * d) / (d + u)).toFixed(1));
for (const [file, valid, undetected, s] of rows)
    console.log(
        `${s.padStart(6)} %  ${String(valid).padStart(5)} mutants  ${String(undetected).padStart(4)} undetected  ${file}`,
    );
console.log(
    `${score(total.detected, total.undetected).padStart(6)} %  ${String(total.detected + total.undetected).padStart(5)} mutants  ` +
        `${String(total.undetected).padStart(4)} undetected  ${area} (${total.timeout} timed out, ${total.survived} survived, ` +
        `${total.noCoverage} without coverage; ${total.ignored} ignored, not in the score)`,
);
if (drawn !== undefined) {
    // Wilson's 95 % interval for the area's score (the draw is uniform within each file, in proportion to its size).
    const n = total.detected + total.undetected;
    const p = total.detected / n;
    const z = 1.96;
    const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
    const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
    console.log(
        `sample: ${n + total.ignored} of ${drawn.chosen.length} drawn mutants in the report (fraction ${drawn.fraction} of ` +
            `${drawn.population}, seed ${drawn.seed}); 95 % interval for ${area}: ` +
            `${(100 * (centre - half)).toFixed(1)} to ${(100 * (centre + half)).toFixed(1)} %`,
    );
}
if (flags.includes("--survivors")) console.log(`\n${open.join("\n")}`);
