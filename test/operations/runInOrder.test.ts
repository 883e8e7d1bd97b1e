// Tests of the ordered stack runner: deploy order, reverse for destroy, stop at the first failure, streamed output.
import * as assert from "assert";
import type { StackFile } from "../../config/stackFiles";
import { formatRunSummary, linePrefixer, orderFor, runInOrder } from "../../operations/deploy/runInOrder";
import { FakeRunner } from "./fakeRunner";

function stack(name: string, role: StackFile["role"], region: string): StackFile {
    return {
        name,
        file: `/p/Pulumi.${name}.yaml`,
        role,
        config: { "aws:region": region, "s3-multiregion:role": role },
    };
}

// Listed in an order that is neither deploy order nor its reverse, so sorting is really exercised.
const STACKS = [
    stack("tokyo", "primary", "ap-northeast-1"),
    stack("dest-account", "destination", "ap-northeast-1"),
    stack("osaka", "secondary", "ap-northeast-3"),
];

function run(runner: FakeRunner, mode: Parameters<typeof runInOrder>[2]) {
    const log: string[] = [];
    let t = 0;
    return runInOrder(STACKS, runner, mode, {
        log: (l) => log.push(l),
        now: () => (t += 1500),
    }).then((report) => ({ report, log }));
}

describe("ops runInOrder", () => {
    it("deploys secondaries, then the destination, then the hub", async () => {
        const runner = new FakeRunner();
        const { report } = await run(runner, "up");
        assert.deepStrictEqual(runner.calls, [
            "select osaka --create",
            "up osaka",
            "select dest-account --create",
            "up dest-account",
            "select tokyo --create",
            "up tokyo",
        ]);
        assert.strictEqual(report.ok, true);
        assert.deepStrictEqual(
            report.outcomes.map((o) => [o.stack, o.status]),
            [
                ["osaka", "succeeded"],
                ["dest-account", "succeeded"],
                ["tokyo", "succeeded"],
            ],
        );
    });

    it("previews in deploy order", async () => {
        const runner = new FakeRunner();
        await run(runner, "preview");
        assert.deepStrictEqual(
            runner.calls.filter((c) => !c.startsWith("select")),
            ["preview osaka", "preview dest-account", "preview tokyo"],
        );
    });

    it("destroys in reverse order, selecting without creating", async () => {
        const runner = new FakeRunner();
        await run(runner, "destroy");
        assert.deepStrictEqual(runner.calls, [
            "select tokyo",
            "destroy tokyo",
            "select dest-account",
            "destroy dest-account",
            "select osaka",
            "destroy osaka",
        ]);
        const preview = new FakeRunner();
        await run(preview, "preview-destroy");
        assert.deepStrictEqual(
            preview.calls.filter((c) => !c.startsWith("select")),
            ["preview-destroy tokyo", "preview-destroy dest-account", "preview-destroy osaka"],
        );
    });

    it("stops at the first failed stack, names it and the step, and does not run the rest", async () => {
        const runner = new FakeRunner({
            failRun: { "dest-account": 'aws:s3/bucketV2:BucketV2 "replica": AccessDenied' },
        });
        const { report, log } = await run(runner, "up");
        assert.deepStrictEqual(runner.calls, [
            "select osaka --create",
            "up osaka",
            "select dest-account --create",
            "up dest-account",
        ]);
        assert.strictEqual(report.ok, false);
        assert.deepStrictEqual(report.failure, {
            stack: "dest-account",
            step: "pulumi up",
            error: 'aws:s3/bucketV2:BucketV2 "replica": AccessDenied',
        });
        assert.deepStrictEqual(
            report.outcomes.map((o) => o.status),
            ["succeeded", "failed", "not-run"],
        );
        const summary = formatRunSummary(report);
        assert.strictEqual(
            summary[summary.length - 1],
            'FAILED: stack dest-account failed at "pulumi up": aws:s3/bucketV2:BucketV2 "replica": AccessDenied',
        );
        assert.strictEqual(summary[1], "  osaka            succeeded pulumi up: create 2, same 1");
        assert.ok(
            summary.some((l) => /tokyo\s+not-run\s+not run \(an earlier stack failed\)/.test(l)),
            summary.join("\n"),
        );
        // The output streamed before the failure is still shown, prefixed, and the stack's end is marked.
        assert.ok(log.includes("[dest-account]    +  aws:s3:Bucket data created"), log.join("\n"));
        assert.strictEqual(log[log.length - 1], "<== dest-account: pulumi up FAILED after 1.5s");
        assert.ok(
            summary.some((l) => /dest-account\s+failed\s+at pulumi up$/.test(l)),
            summary.join("\n"),
        );
    });

    it("reports a failure to select the stack as its own step", async () => {
        const runner = new FakeRunner({ failSelect: { osaka: "error: passphrase must be set" } });
        const { report } = await run(runner, "up");
        assert.deepStrictEqual(report.failure, {
            stack: "osaka",
            step: "select stack",
            error: "error: passphrase must be set",
        });
        assert.deepStrictEqual(runner.calls, ["select osaka --create"]);
    });

    it("stops a destroy at the hub when the hub fails, leaving the stacks it depends on", async () => {
        const runner = new FakeRunner({ failRun: { tokyo: "resource is protected" } });
        const { report } = await run(runner, "destroy");
        assert.deepStrictEqual(report.failure?.stack, "tokyo");
        assert.strictEqual(report.failure?.step, "pulumi destroy");
        assert.deepStrictEqual(runner.calls, ["select tokyo", "destroy tokyo"]);
    });

    it("skips a stack that was never deployed when destroying", async () => {
        const runner = new FakeRunner({ missing: ["tokyo"] });
        const { report, log } = await run(runner, "destroy");
        assert.strictEqual(report.ok, true);
        assert.deepStrictEqual(
            report.outcomes.map((o) => o.status),
            ["skipped", "succeeded", "succeeded"],
        );
        assert.ok(log.includes("<== tokyo: not deployed, nothing to destroy"));
        assert.ok(!runner.calls.includes("destroy tokyo"));
    });

    it("streams each stack's output line by line with the stack name, and times each stack", async () => {
        const runner = new FakeRunner({ changes: { create: 3, same: 0, update: 1 } });
        const { log } = await run(runner, "up");
        const osaka = log.slice(
            log.indexOf("==> [1/3] osaka (secondary, ap-northeast-3): pulumi up"),
            log.indexOf("==> [2/3] dest-account (destination, ap-northeast-1): pulumi up"),
        );
        assert.deepStrictEqual(osaka, [
            "==> [1/3] osaka (secondary, ap-northeast-3): pulumi up",
            "[osaka] Updating (osaka):",
            "[osaka]    +  aws:s3:Bucket data created",
            "<== osaka: pulumi up succeeded in 1.5s (create 3, update 1)",
        ]);
        assert.strictEqual(log[0], "deploy order: osaka -> dest-account -> tokyo (pulumi up)");
    });

    it("names a stack's region in its heading only when its config sets one", async () => {
        const log: string[] = [];
        const noRegion: StackFile = {
            ...stack("osaka", "secondary", ""),
            config: { "s3-multiregion:role": "secondary" },
        };
        await runInOrder([noRegion], new FakeRunner(), "preview", { log: (l) => log.push(l), now: () => 0 });
        assert.strictEqual(log[1], "==> [1/1] osaka (secondary): pulumi preview");
    });

    it("orderFor is deployOrder for up/preview and its reverse for destroy", () => {
        assert.deepStrictEqual(
            orderFor(STACKS, "up").map((s) => s.name),
            ["osaka", "dest-account", "tokyo"],
        );
        assert.deepStrictEqual(
            orderFor(STACKS, "destroy").map((s) => s.name),
            ["tokyo", "dest-account", "osaka"],
        );
        // The input is not reordered in place.
        assert.deepStrictEqual(
            STACKS.map((s) => s.name),
            ["tokyo", "dest-account", "osaka"],
        );
    });

    it("linePrefixer joins chunks split mid-line and flushes an unterminated last line", () => {
        const lines: string[] = [];
        const p = linePrefixer("[x] ", (l) => lines.push(l));
        p.push("one\ntw");
        p.push("o\r\nthr");
        assert.deepStrictEqual(lines, ["[x] one", "[x] two"]);
        p.flush();
        p.flush();
        assert.deepStrictEqual(lines, ["[x] one", "[x] two", "[x] thr"]);
    });
});
