// Tests of `npm run verify` against a simulated S3 (aws-sdk-client-mock) and a fake clock: statistics, timeouts, credentials.
import * as assert from "assert";
import { DeleteObjectCommand, HeadObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from "../../operations/common/cli";
import { verifyMain } from "../../operations/verify/verifyCommand";
import { ACCOUNT_A, ACCOUNT_B, DEST_BUCKET, hubOutputsDoc, MRAP_ARN, OSAKA_BUCKET, TOKYO_BUCKET } from "./fixtures";
import { osakaPlan, tokyoPlan } from "./replicationWorld";
import { PREFIX, verify, verifyHarness } from "./verifyHarness";

describe("ops verify command", () => {
    const { stubs, setup } = verifyHarness();

    /** The latency table rows, keyed by location label. */
    function statRows(out: string[]): Record<string, string[]> {
        const start = out.findIndex((l) => l.startsWith("replication latency"));
        const rows: Record<string, string[]> = {};
        for (const line of out.slice(start + 1)) {
            if (!line.trim() || line.startsWith("(")) {
                break;
            }
            const cells = line.split(/\s{2,}/);
            rows[cells[0]] = cells.slice(1);
        }
        return rows;
    }

    it("uploads through the MRAP, finds every copy, and reports exact latency statistics per destination", async () => {
        // Uploads finish at +1s..+4s; polls run at +4s, +9s, +14s... so every delay below is seen exactly on time.
        const t = setup([tokyoPlan(3, 8), tokyoPlan(7, 12), tokyoPlan(11, 16), osakaPlan(5, 20)]);
        const code = await verify(t.deps, "--objects", "4", "--interval", "5");
        assert.strictEqual(code, EXIT_OK, t.io.all.join("\n"));

        const puts = stubs.s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input);
        assert.deepStrictEqual(
            puts.map((p) => [p.Bucket, p.Key, p.Body, p.ContentType]),
            [1, 2, 3, 4].map((i) => [
                MRAP_ARN,
                `${PREFIX}obj-${i}`,
                `s3-multiregion verify ${PREFIX}obj-${i}\n`,
                "text/plain",
            ]),
        );
        // Every HeadObject names the version the upload returned: replication keeps version ids.
        for (const call of stubs.s3.commandCalls(HeadObjectCommand)) {
            const input = call.args[0].input;
            assert.strictEqual(input.VersionId, t.world.objects.get(String(input.Key))?.versionId);
        }

        assert.deepStrictEqual(statRows(t.io.out), {
            "ap-northeast-1 (tokyo)": ["1", "5.0s", "5.0s", "5.0s", "5.0s"],
            "ap-northeast-3 (osaka)": ["3", "3.0s", "7.0s", "11.0s", "11.0s"],
            [`destination (${ACCOUNT_B})`]: ["4", "8.0s", "14.0s", "20.0s", "20.0s"],
        });
        assert.ok(
            t.io.out.includes("landed in: ap-northeast-1 (tokyo) x3, ap-northeast-3 (osaka) x1"),
            t.io.out.join("\n"),
        );
        const obj4 = t.io.out.find((l) => l.startsWith("obj-4 "));
        assert.deepStrictEqual(obj4?.split(/\s{2,}/), [
            "obj-4",
            "ap-northeast-3 (osaka)",
            "5.0s",
            "landed",
            "20.0s",
            "COMPLETED",
        ]);
        assert.strictEqual(
            t.io.out[t.io.out.length - 1],
            "PASS: 12/12 copies present across 3 buckets; worst replication p99 20.0s <= RTC threshold 900s",
        );
        assert.strictEqual(
            t.clock.now() - t.clock.sleeps.reduce((a, b) => a + b, 0),
            Date.UTC(2026, 0, 15, 9, 30, 0) + 4000,
            "time passes only in uploads and sleeps",
        );
        assert.deepStrictEqual(t.clock.sleeps, [5000, 5000, 5000, 5000], "stops polling once every copy is present");
    });

    it("watches only the regional buckets when the hub does not replicate to account B", async () => {
        const doc = hubOutputsDoc();
        delete doc.destinationBucket;
        const t = setup([tokyoPlan(3, 8), osakaPlan(5, 20)], { outputs: doc });
        const code = await verify(t.deps, "--objects", "2", "--interval", "5");
        assert.strictEqual(code, EXIT_OK, t.io.all.join("\n"));
        assert.strictEqual(
            t.io.out.find((l) => l.startsWith("watching ")),
            `watching ap-northeast-1 (tokyo) ${TOKYO_BUCKET}, ap-northeast-3 (osaka) ${OSAKA_BUCKET}; timeout 1200s, poll every 5s`,
        );
        // Uploads finish at +1s and +2s, polls run at +2s, +7s: obj-1's Osaka copy (3s after) is seen at +7s (6s),
        // obj-2's Tokyo copy (5s after) at +7s (5s). No destination row, and no account B credential check.
        assert.deepStrictEqual(statRows(t.io.out), {
            "ap-northeast-1 (tokyo)": ["1", "5.0s", "5.0s", "5.0s", "5.0s"],
            "ap-northeast-3 (osaka)": ["1", "6.0s", "6.0s", "6.0s", "6.0s"],
        });
        assert.strictEqual(
            t.io.out[t.io.out.length - 1],
            "PASS: 4/4 copies present across 2 buckets; worst replication p99 6.0s <= RTC threshold 900s",
        );
    });

    it("shows progress while it polls", async () => {
        const t = setup([tokyoPlan(3, 8), osakaPlan(5, 20)]);
        await verify(t.deps, "--objects", "2");
        assert.ok(t.io.out.includes(`uploading 2 object(s) to ${MRAP_ARN} under ${PREFIX}`));
        assert.ok(t.io.out.some((l) => /^put 1\/2 obj-1 version [\w-]{27}$/.test(l)));
        const progress = t.io.out.filter((l) => /^\[ *\d+\.\ds\] \d+\/6 copies present/.test(l));
        assert.ok(progress.length >= 2, t.io.out.join("\n"));
        assert.match(
            progress[0],
            /^\[ {3}0\.0s\] 2\/6 copies present; waiting for obj-1 -> ap-northeast-3 \(osaka\), obj-1 -> destination \(222222222222\), obj-2 -> ap-northeast-1 \(tokyo\), \+1 more$/,
        );
        assert.match(progress[progress.length - 1], /\] 6\/6 copies present$/);
    });

    it("an object that never replicates ends in a FAIL report at the timeout, without hanging", async () => {
        // Uploads end at +1s and +2s, polls run at +2s, +7s, +12s...
        const t = setup([tokyoPlan(3, 8), tokyoPlan("never", 8)]);
        const started = t.clock.now();
        const code = await verify(t.deps, "--objects", "2", "--timeout", "60", "--interval", "5");
        assert.strictEqual(code, EXIT_FAILURE);
        // Uploads took 2s; then polling stopped exactly at the 60s deadline, never sleeping past it.
        assert.strictEqual(t.clock.now() - started, 2000 + 60_000);
        assert.ok(t.clock.sleeps.every((ms) => ms > 0 && ms <= 5000));
        assert.ok(stubs.s3.commandCalls(HeadObjectCommand).length <= 13 * 3, "one round per interval at most");
        // Nothing changes after +12s, yet a progress line still appears at least every 30s.
        const elapsed = t.io.out
            .map((l) => /^\[ *(\d+\.\d)s\]/.exec(l)?.[1])
            .filter((v): v is string => v !== undefined)
            .map(Number);
        assert.deepStrictEqual(elapsed, [0, 5, 10, 40]);
        const failures = t.io.out.slice(t.io.out.indexOf("failures:") + 1, -2);
        assert.deepStrictEqual(failures, [
            "  obj-2 -> ap-northeast-3 (osaka): not present after 60s (last answer: NotFound (HTTP 404))",
        ]);
        assert.deepStrictEqual(t.io.out.find((l) => l.startsWith("obj-2 "))?.split(/\s{2,}/), [
            "obj-2",
            "ap-northeast-1 (tokyo)",
            "landed",
            "missing",
            "10.0s",
            "PENDING",
        ]);
        assert.strictEqual(
            t.io.out[t.io.out.length - 1],
            "FAIL: 5/6 copies present across 3 buckets; worst replication p99 11.0s <= RTC threshold 900s",
        );
    });

    it("waits the RTC threshold plus a margin by default", async () => {
        const t = setup([tokyoPlan(3, "never")]);
        const started = t.clock.now();
        assert.strictEqual(await verify(t.deps, "--objects", "1"), EXIT_FAILURE);
        assert.strictEqual(t.clock.now() - started, 1000 + (900 + 300) * 1000);
        assert.ok(
            t.io.out.includes(
                `  obj-1 -> destination (${ACCOUNT_B}): not present after 1200s (last answer: NotFound (HTTP 404))`,
            ),
        );
    });

    it("stops waiting for an object whose source reports FAILED", async () => {
        const t = setup([tokyoPlan("never", 4, 6)]);
        const started = t.clock.now();
        assert.strictEqual(await verify(t.deps, "--objects", "1", "--timeout", "600"), EXIT_FAILURE);
        assert.ok(
            t.clock.now() - started < 20_000,
            `stopped early, not at the 600s timeout (${t.clock.now() - started}ms)`,
        );
        assert.ok(
            t.io.out.includes("  obj-1: the source copy in ap-northeast-1 (tokyo) reports ReplicationStatus FAILED"),
            t.io.out.join("\n"),
        );
        assert.ok(t.io.out.includes("  obj-1 -> ap-northeast-3 (osaka): stopped waiting"));
        assert.deepStrictEqual(
            t.io.out
                .find((l) => l.startsWith("obj-1 "))
                ?.split(/\s{2,}/)
                .slice(-1),
            ["FAILED"],
        );
    });

    it("fails when a destination's p99 is above the RTC threshold", async () => {
        // Uploads end at +1s and +2s, polls run at +2s, +7s...: the destination sees them 16s and 25s after upload.
        const t = setup([tokyoPlan(3, 16), tokyoPlan(3, 21)], { outputs: hubOutputsDoc({ rtcThresholdSeconds: 10 }) });
        assert.strictEqual(await verify(t.deps, "--objects", "2", "--timeout", "100"), EXIT_FAILURE);
        assert.ok(
            t.io.out.includes(`  destination (${ACCOUNT_B}): p99 25.0s is above the RTC threshold of 10s`),
            t.io.out.join("\n"),
        );
        assert.match(
            t.io.out[t.io.out.length - 1],
            /^FAIL: 6\/6 copies present across 3 buckets; worst replication p99 25\.0s > RTC threshold 10s$/,
        );
    });

    it("reports a failed upload and still checks the others", async () => {
        const t = setup([tokyoPlan(3, 8), tokyoPlan(3, 8)]);
        stubs.s3
            .on(PutObjectCommand, { Key: `${PREFIX}obj-1` })
            .rejects(Object.assign(new Error("Access Denied"), { name: "AccessDenied" }));
        assert.strictEqual(await verify(t.deps, "--objects", "2"), EXIT_FAILURE);
        assert.ok(t.io.out.includes("put 1/2 obj-1 FAILED: AccessDenied: Access Denied"));
        assert.ok(t.io.out.includes("  obj-1: upload through the MRAP failed: AccessDenied: Access Denied"));
        assert.ok(
            !stubs.s3.commandCalls(HeadObjectCommand).some((c) => c.args[0].input.Key === `${PREFIX}obj-1`),
            "nothing to poll for a failed upload",
        );
        assert.match(t.io.out[t.io.out.length - 1], /^FAIL: 3\/3 copies present/);
    });

    it("reads the destination bucket with --dest-profile credentials, the rest with account A's", async () => {
        const t = setup([tokyoPlan(3, 8)]);
        assert.strictEqual(await verify(t.deps, "--objects", "1"), EXIT_OK, t.io.all.join("\n"));
        assert.deepStrictEqual(t.s3Clients, [
            { region: "ap-northeast-1", profile: undefined },
            { region: "ap-northeast-3", profile: undefined },
            { region: "ap-northeast-1", profile: "account-b" },
            { region: "ap-northeast-1", profile: undefined },
        ]);
    });

    it("without --dest-profile, account A credentials for account B's bucket are refused up front", async () => {
        const t = setup([tokyoPlan(3, 8)]);
        assert.strictEqual(await verifyMain(["--objects", "1"], t.deps), EXIT_USAGE);
        assert.deepStrictEqual(t.io.err, [
            `verify: the destination bucket is in account ${ACCOUNT_B} but the default credential chain is account ${ACCOUNT_A}: pass --dest-profile NAME with a profile for account ${ACCOUNT_B}`,
        ]);
        assert.strictEqual(stubs.s3.calls().length, 0, "nothing uploaded");
    });

    it("--cleanup deletes every copy it saw, by version, in each bucket", async () => {
        const t = setup([tokyoPlan(3, 8), osakaPlan(3, 8)]);
        assert.strictEqual(await verify(t.deps, "--objects", "2", "--cleanup"), EXIT_OK);
        const deletes = stubs.s3.commandCalls(DeleteObjectCommand).map((c) => c.args[0].input);
        const expected = [1, 2].flatMap((i) =>
            [TOKYO_BUCKET, OSAKA_BUCKET, DEST_BUCKET].map((b) => ({
                Bucket: b,
                Key: `${PREFIX}obj-${i}`,
                VersionId: t.world.objects.get(`${PREFIX}obj-${i}`)?.versionId,
            })),
        );
        assert.deepStrictEqual(deletes, expected);
        assert.strictEqual(t.io.out[t.io.out.length - 1], "cleanup: deleted 6 object version(s)");
    });

    it("--cleanup deletes only the copies it saw", async () => {
        const t = setup([tokyoPlan(3, 8), tokyoPlan("never", 8)]);
        assert.strictEqual(await verify(t.deps, "--objects", "2", "--timeout", "20", "--cleanup"), EXIT_FAILURE);
        const deletes = stubs.s3
            .commandCalls(DeleteObjectCommand)
            .map((c) => [c.args[0].input.Bucket, c.args[0].input.Key]);
        assert.deepStrictEqual(deletes, [
            [TOKYO_BUCKET, `${PREFIX}obj-1`],
            [OSAKA_BUCKET, `${PREFIX}obj-1`],
            [DEST_BUCKET, `${PREFIX}obj-1`],
            [TOKYO_BUCKET, `${PREFIX}obj-2`],
            [DEST_BUCKET, `${PREFIX}obj-2`],
        ]);
    });

    it("rejects bad numbers before any AWS call", async () => {
        for (const argv of [
            ["--objects", "0"],
            ["--objects", "1001"],
            ["--timeout", "soon"],
            ["--interval", "0"],
        ]) {
            const t = setup([]);
            assert.strictEqual(await verify(t.deps, ...argv), EXIT_USAGE, argv.join(" "));
            assert.strictEqual(t.io.err.length, 1);
            assert.strictEqual(stubs.sts.calls().length + stubs.s3.calls().length, 0);
        }
    });
});
