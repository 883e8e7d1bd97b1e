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
        assert.strictEqual(
            r.lines[r.lines.length - 1],
            "FAIL: 0/0 copies present across 2 buckets; worst replication p99 0.0s <= RTC threshold 900s",
        );
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
});
