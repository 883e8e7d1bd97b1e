// `npm run mutation:summary -- <area> [--survivors]`: the scores of the last Stryker run over an area, per file, from
// reports/mutation/<area>.json (mutation-testing-elements' report schema), and, with --survivors, each surviving
// or uncovered mutant on one line (file:line:column, mutator, the replacement).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const [area, ...flags] = process.argv.slice(2);
const report = join(root, "reports", "mutation", `${area}.json`);
if (!area || !existsSync(report)) {
    console.error(
        `usage: npm run mutation:summary -- <area> [--survivors]; no report at reports/mutation/${area ?? "<area>"}.json`,
    );
    process.exit(2);
}
const { files } = JSON.parse(readFileSync(report, "utf8"));
const DETECTED = new Set(["Killed", "Timeout"]);
const UNDETECTED = new Set(["Survived", "NoCoverage"]);
const total = { detected: 0, undetected: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0 };
const rows = [];
const open = [];
for (const [file, { source, mutants }] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    const lines = source.split("\n");
    const count = { detected: 0, undetected: 0 };
    for (const m of mutants) {
        if (DETECTED.has(m.status)) count.detected++;
        if (UNDETECTED.has(m.status)) {
            count.undetected++;
            const at = `${file}:${m.location.start.line}:${m.location.start.column}`;
            const original = (lines[m.location.start.line - 1] ?? "").trim().slice(0, 100);
            const replacement = (m.replacement ?? "").replace(/\s+/g, " ").slice(0, 80);
            open.push(
                `${at} ${m.status} ${m.mutatorName}${m.static ? " (static)" : ""}: ${replacement}\n    | ${original}`,
            );
        }
        if (m.status === "Timeout") total.timeout++;
        if (m.status === "Survived") total.survived++;
        if (m.status === "NoCoverage") total.noCoverage++;
        if (m.status === "Ignored") total.ignored++;
    }
    total.detected += count.detected;
    total.undetected += count.undetected;
    const valid = count.detected + count.undetected;
    rows.push([file, valid, count.undetected, valid === 0 ? "n/a" : ((100 * count.detected) / valid).toFixed(1)]);
}
const score = (d, u) => (d + u === 0 ? "n/a" : ((100 * d) / (d + u)).toFixed(1));
for (const [file, valid, undetected, s] of rows)
    console.log(
        `${s.padStart(6)} %  ${String(valid).padStart(5)} mutants  ${String(undetected).padStart(4)} undetected  ${file}`,
    );
console.log(
    `${score(total.detected, total.undetected).padStart(6)} %  ${String(total.detected + total.undetected).padStart(5)} mutants  ` +
        `${String(total.undetected).padStart(4)} undetected  ${area} (${total.timeout} timed out, ${total.survived} survived, ${total.noCoverage} without coverage; ${total.ignored} ignored, not in the score)`,
);
if (flags.includes("--survivors")) console.log(`\n${open.join("\n")}`);
