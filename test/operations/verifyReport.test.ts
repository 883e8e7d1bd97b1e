// Tests of verify's summary on edge cases the end-to-end tests do not reach.
import * as assert from "assert";
import type { ObjectResult } from "../../operations/verify/replicationProbe";
import { buildReport, table } from "../../operations/verify/verifyReport";

const LOCATIONS = [
    { id: "tokyo", label: "ap-northeast-1 (tokyo)" },
    { id: "destination", label: "destination (222222222222)" },
];
const OPTS = { rtcThresholdSeconds: 900, timeoutSeconds: 1200, intervalSeconds: 5 };

describe("ops verifyReport", () => {
    it("fails when no upload went through, instead of passing with nothing to compare", () => {
        const results: ObjectResult[] = [
            { key: "verify/x/obj-1", putError: "AccessDenied: Access Denied", copies: { tokyo: {}, destination: {} } },
        ];
        const r = buildReport(results, LOCATIONS, OPTS);
        assert.strictEqual(r.pass, false);
        assert.deepStrictEqual(r.failures, [
            "obj-1: upload through the MRAP failed: AccessDenied: Access Denied",
            "no object could be uploaded through the MRAP",
        ]);
        assert.deepStrictEqual(r.lines.slice(0, 5), [
            "object  landed in        ap-northeast-1 (tokyo)  destination (222222222222)  source status",
            "obj-1   (upload failed)  -                       -                           -",
            "",
            "replication latency  copies  min  median  p99  max",
            "(measured from the end of each upload to the first successful HeadObject, polled every 5s)",
        ]);
        assert.strictEqual(
            r.lines[r.lines.length - 1],
            "FAIL: 0/0 copies present across 2 buckets; worst replication p99 0.0s <= RTC threshold 900s",
        );
    });

    it("passes a p99 exactly at the RTC threshold, says where uploads landed, and gives no row to a bucket only landed in", () => {
        const results: ObjectResult[] = [1, 2].map((n) => ({
            key: `verify/x/obj-${n}`,
            versionId: `v${n}`,
            landedIn: "tokyo",
            copies: {
                tokyo: { seenAt: 1, latencyMs: 0, replicationStatus: "COMPLETED" },
                destination: { seenAt: 2, latencyMs: 900_000 },
            },
        }));
        const r = buildReport(results, LOCATIONS, OPTS);
        assert.strictEqual(r.pass, true);
        assert.deepStrictEqual(r.failures, []);
        assert.deepStrictEqual(r.lines, [
            "object  landed in               ap-northeast-1 (tokyo)  destination (222222222222)  source status",
            "obj-1   ap-northeast-1 (tokyo)  landed                  900.0s                      COMPLETED",
            "obj-2   ap-northeast-1 (tokyo)  landed                  900.0s                      COMPLETED",
            "",
            "landed in: ap-northeast-1 (tokyo) x2",
            "",
            "replication latency         copies  min     median  p99     max",
            "destination (222222222222)  2       900.0s  900.0s  900.0s  900.0s",
            "(measured from the end of each upload to the first successful HeadObject, polled every 5s)",
            "",
            "PASS: 4/4 copies present across 2 buckets; worst replication p99 900.0s <= RTC threshold 900s",
        ]);
        const late = buildReport(results, LOCATIONS, { ...OPTS, rtcThresholdSeconds: 899.9 });
        assert.deepStrictEqual(late.failures, [
            "destination (222222222222): p99 900.0s is above the RTC threshold of 899.9s",
        ]);
        assert.strictEqual(
            late.lines[late.lines.length - 1],
            "FAIL: 4/4 copies present across 2 buckets; worst replication p99 900.0s > RTC threshold 899.9s",
        );
    });

    it("calls an object undecided only when it has no landing bucket and more than one candidate", () => {
        const unplaced = (sourceCandidates: string[]): ObjectResult => ({
            key: "verify/x/obj-1",
            versionId: "v1",
            sourceCandidates,
            copies: {
                tokyo: { seenAt: 1, latencyMs: 2000, replicationStatus: "PENDING" },
                destination: { seenAt: 1, latencyMs: 2000, replicationStatus: "FAILED" },
            },
        });
        const two = buildReport([unplaced(["tokyo", "destination"])], LOCATIONS, OPTS);
        assert.strictEqual(two.lines[1], "obj-1   (undecided)  2.0s                    2.0s                        -");
        assert.deepStrictEqual(two.failures, [
            "obj-1: cannot tell which copy the MRAP wrote: ap-northeast-1 (tokyo) reports PENDING, " +
                "destination (222222222222) reports FAILED; with replica modification sync a replica reports PENDING or " +
                "FAILED too, so none of them is counted as a replica",
        ]);
        for (const candidates of [["tokyo"], []]) {
            const r = buildReport([unplaced(candidates)], LOCATIONS, OPTS);
            assert.strictEqual(r.lines[1], "obj-1   (not seen)  2.0s                    2.0s                        -");
            assert.deepStrictEqual(r.failures, [], candidates.join());
        }
    });

    it("lists a destination that received nothing with an empty statistics row", () => {
        const results: ObjectResult[] = [
            {
                key: "verify/x/obj-1",
                versionId: "v1",
                landedIn: "tokyo",
                copies: {
                    tokyo: { seenAt: 1, latencyMs: 0, replicationStatus: "PENDING" },
                    destination: { lastError: "Forbidden (HTTP 403)" },
                },
            },
        ];
        const r = buildReport(results, LOCATIONS, OPTS);
        assert.strictEqual(r.stats.destination, undefined);
        assert.strictEqual(
            r.stats.tokyo,
            undefined,
            "the bucket an upload landed in is not a replication destination for it",
        );
        assert.ok(r.lines.includes("destination (222222222222)  0       -    -       -    -"), r.lines.join("\n"));
        assert.deepStrictEqual(r.failures, [
            "obj-1 -> destination (222222222222): not present after 1200s (last answer: Forbidden (HTTP 403))",
        ]);
    });

    it("aligns columns and trims trailing spaces", () => {
        assert.deepStrictEqual(
            table([
                ["a", "bb", "c"],
                ["ccc", "d", ""],
            ]),
            ["a    bb  c", "ccc  d"],
        );
    });

    it("an object with several candidates that did settle is reported where it landed, not as undecided", () => {
        const results: ObjectResult[] = [
            {
                key: "verify/x/obj-1",
                versionId: "v1",
                landedIn: "tokyo",
                sourceCandidates: ["tokyo", "destination"],
                copies: {
                    tokyo: { seenAt: 1, latencyMs: 0, replicationStatus: "COMPLETED" },
                    destination: { seenAt: 2, latencyMs: 1000 },
                },
            },
        ];
        const r = buildReport(results, LOCATIONS, OPTS);
        assert.strictEqual(
            r.lines[1],
            "obj-1   ap-northeast-1 (tokyo)  landed                  1.0s                        COMPLETED",
        );
    });

    it("a bucket no copy reached gets a row of 0 copies, even beside a failed upload", () => {
        const results: ObjectResult[] = [
            { key: "verify/x/obj-1", putError: "AccessDenied: Access Denied", copies: { tokyo: {}, destination: {} } },
            {
                key: "verify/x/obj-2",
                versionId: "v2",
                landedIn: "tokyo",
                copies: { tokyo: { seenAt: 1, latencyMs: 0, replicationStatus: "PENDING" }, destination: {} },
            },
        ];
        const r = buildReport(results, LOCATIONS, OPTS);
        assert.deepStrictEqual(r.lines.slice(6, 8), [
            "replication latency         copies  min  median  p99  max",
            "destination (222222222222)  0       -    -       -    -",
        ]);
    });
});
