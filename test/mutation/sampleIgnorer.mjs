// A Stryker ignore plugin for sampled runs (test/mutation/sample.mjs): it leaves out every piece of code that holds
// none of the drawn mutants, so that Stryker tests the drawn mutants and only the few mutants that lie between two
// nested drawn ones (the `mutate` ranges already leave out everything outside a drawn one).
import { relative } from "node:path";
import { readFileSync } from "node:fs";
import { PluginKind, declareValuePlugin } from "@stryker-mutator/api/plugin";

const seed = process.env.S3MR_MUTATION_SAMPLE ?? "";
const area = process.env.S3MR_MUTATION_AREA ?? "";
/** Drawn ranges per file, as Babel locates nodes: 1-based lines, 0-based columns. */
const drawn = new Map();
if (seed) {
    const { ranges } = JSON.parse(
        readFileSync(new URL(`../../reports/mutation/${area}.sample-${seed}.sample.json`, import.meta.url), "utf8"),
    );
    for (const range of ranges) {
        const m = /^(.*):(\d+):(\d+)-(\d+):(\d+)$/.exec(range);
        const [file, sl, sc, el, ec] = [m[1], ...m.slice(2).map(Number)];
        if (!drawn.has(file)) drawn.set(file, []);
        drawn.get(file).push({ start: { line: sl, column: sc }, end: { line: el, column: ec } });
    }
}

const before = (a, b) => a.line < b.line || (a.line === b.line && a.column <= b.column);
const contains = (outer, inner) => before(outer.start, inner.start) && before(inner.end, outer.end);

const ignorer = {
    shouldIgnore(path) {
        const loc = path.node.loc;
        const filename = path.hub?.file?.opts?.filename;
        if (!seed || !loc || !filename) return undefined;
        const ranges = drawn.get(relative(process.cwd(), filename).split("\\").join("/")) ?? [];
        return ranges.some((r) => contains(loc, r)) ? undefined : "not in the sample";
    },
};

export const strykerPlugins = [declareValuePlugin(PluginKind.Ignore, "sample", ignorer)];
