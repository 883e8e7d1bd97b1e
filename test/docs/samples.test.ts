// Every sample output in the README and docs/ is what its command prints offline, or says it is illustrative and why.
import * as assert from "node:assert/strict";
import type { PlanDocument } from "../../verifier/planReport";
import { realPlanRun } from "../verifier/planRun";
import { docPages, fences, readPage } from "./markdown";
import { ILLUSTRATIVE, SAMPLES, sampleProblem } from "./sampleRuns";

interface Marked {
    page: string;
    name: string;
    body: string;
    /** The page's text just above the marker: where an illustrative sample must say so. */
    before: string;
}

function markedSamples(): Marked[] {
    return docPages().flatMap((page) => {
        const text = readPage(page);
        return fences(text)
            .filter((f) => f.marker !== undefined)
            .map((f) => {
                const at = text.indexOf(`<!-- sample: ${f.marker} -->`);
                return {
                    page,
                    name: f.marker!,
                    body: f.body.join("\n"),
                    before: text.slice(Math.max(0, at - 400), at),
                };
            });
    });
}

describe("the sample outputs in the README and docs/", function () {
    this.timeout(600_000);
    const marked = markedSamples();

    it("every transcript (a block that starts with `$ `) is a marked sample", () => {
        const unmarked = docPages().flatMap((page) =>
            fences(readPage(page))
                .filter((f) => f.body[0]?.startsWith("$ ") && f.marker === undefined)
                .map((f) => `${page}:${f.line}`),
        );
        assert.deepEqual(unmarked, []);
    });

    it("every marked sample is made offline or listed as illustrative, and an illustrative one says so on the page", () => {
        assert.deepEqual(
            marked.filter((m) => !(m.name in SAMPLES) && !(m.name in ILLUSTRATIVE)).map((m) => `${m.page}: ${m.name}`),
            [],
        );
        assert.deepEqual(
            marked.filter((m) => m.name in ILLUSTRATIVE && !/illustrative/i.test(m.before)).map((m) => m.name),
            [],
        );
    });

    it("every sample the checks can make is shown on some page", () => {
        const shown = new Set(marked.map((m) => m.name));
        assert.deepEqual(
            [...Object.keys(SAMPLES), ...Object.keys(ILLUSTRATIVE)].filter((n) => !shown.has(n)),
            [],
        );
    });

    for (const m of marked.filter((x) => x.name in SAMPLES))
        it(`${m.page}: sample ${m.name} is what the command prints`, async () => {
            const source = SAMPLES[m.name];
            const problem = sampleProblem(m.body, await source.expected(), source);
            assert.equal(
                problem,
                undefined,
                `${m.page}, sample ${m.name}: ${problem}\n(npx ts-node --transpile-only test/docs/writeSamples.ts rewrites the samples that are not trimmed)`,
            );
        });

    it("docs/offline-plan.md: the --json shape has the keys and the summary of a real run", async () => {
        const shown = marked.find((m) => m.name === "plan-json");
        assert.ok(shown, "no plan-json sample");
        const page = JSON.parse(shown.body) as PlanDocument;
        const real = JSON.parse((await realPlanRun()).stdout) as PlanDocument;
        assert.deepEqual(Object.keys(page).sort(), Object.keys(real).sort());
        assert.deepEqual(page.summary, real.summary);
        assert.deepEqual(page.deployOrder, real.deployOrder);
        assert.deepEqual(Object.keys(page.stacks[0]).sort(), Object.keys(real.stacks[0]).sort());
        const { stack, role, accountId, region } = real.stacks[0];
        assert.deepEqual(
            {
                stack: page.stacks[0].stack,
                role: page.stacks[0].role,
                accountId: page.stacks[0].accountId,
                region: page.stacks[0].region,
            },
            { stack, role, accountId, region },
        );
    });
});

describe("the sample comparison notices drift", () => {
    const real = ["$ npm run x", "line one", "line two", "line three", "(exit 0)"].join("\n");

    it("a sample shown whole must be the output, line for line", () => {
        assert.equal(sampleProblem(real, real, {}), undefined);
        assert.equal(
            sampleProblem(real.replace("line two", "line 2"), real, {}),
            "line 3 differs:\n  page: line 2\n  real: line two",
        );
        assert.match(sampleProblem(real.replace("\n(exit 0)", ""), real, {}) ?? "", /line 5 differs/);
    });

    it("a trimmed sample must show real lines, in order, unbroken between the `...` lines", () => {
        const trimmed = { trimmed: true };
        assert.equal(sampleProblem("$ npm run x\n  ...\nline three\n(exit 0)", real, trimmed), undefined);
        assert.equal(sampleProblem("$ npm run x\n...", real, trimmed), undefined);
        assert.match(
            sampleProblem("$ npm run x\n...\nline three\nline two", real, trimmed) ?? "",
            /not in the real output/,
        );
        assert.match(sampleProblem("...\nline one\nline three\n...", real, trimmed) ?? "", /not in the real output/);
        assert.match(sampleProblem("line one\n...", real, trimmed) ?? "", /not in the real output/);
        assert.match(sampleProblem("$ npm run x\n...\nline two", real, trimmed) ?? "", /page stops/);
    });

    it("what legitimately varies is made alike before comparing", () => {
        const timed = { normalise: (t: string) => t.replace(/\d+ ms/g, "N ms") };
        assert.equal(sampleProblem("evaluated in 2786 ms", "evaluated in 7104 ms", timed), undefined);
        assert.notEqual(sampleProblem("evaluated in 2786 ms", "evaluated in 7104 s", timed), undefined);
    });
});
