// reconcile's result on its own: comparison rows to entries (empty fields left out) and the text report's
// lines for each list, as a user reads them.
import * as assert from "node:assert/strict";
import { entryOf, ReconcileResult, ResultCollector, resultText } from "../../../operations/reconcile/reconcileResult";

function result(collector: ResultCollector, sourceObjects: number): ReconcileResult {
    return {
        source: { bucket: "acme-src", objects: sourceObjects },
        target: { bucket: "acme-dst", objects: 3 },
        counts: collector.counts,
        lists: collector.lists,
    };
}

describe("reconcile result", () => {
    it("turns a row into an entry, leaving out null, undefined and empty fields and keeping zero", () => {
        assert.deepEqual(
            entryOf({
                object_key: "a b.txt",
                source_version_id: "",
                target_version_id: null,
                source_etag: "e1",
                target_etag: undefined,
                source_size: "0",
                target_size: "",
                source_last_modified: "2026-12-01T00:00:00.000Z",
                replication_status: null,
            }),
            { key: "a b.txt", sourceETag: "e1", sourceSize: 0, sourceLastModified: "2026-12-01T00:00:00.000Z" },
        );
        assert.deepEqual(entryOf({ object_key: "k", target_size: 12, source_size: null, target_etag: "" }), {
            key: "k",
            targetSize: 12,
        });
    });

    it("reports each non-empty list with its own line shape, cut at the limit, and nothing for an empty one", () => {
        const c = new ResultCollector(1);
        c.add({
            difference: "mismatched",
            object_key: "changed.txt",
            source_etag: "s",
            target_etag: "t",
            source_size: 5,
            target_size: 6,
            source_version_id: "sv",
            target_version_id: "tv",
        });
        c.add({ difference: "mismatched", object_key: "changed-too.txt" });
        c.add({ difference: "missing", object_key: "gone.txt", failed: "true", replication_status: "FAILED" });
        assert.deepEqual(resultText(result(c, 4)), [
            "source: s3://acme-src — 4 current objects",
            "target: s3://acme-dst — 3 current objects",
            "missing: 1   mismatched: 2   failed: 1   extra: 0   in flight: 0",
            "",
            "missing (1):",
            '  "gone.txt"  ?/?B  modified ?  replication FAILED',
            "",
            "mismatched (2, first 1):",
            '  "changed.txt"  source s/5B v=sv  target t/6B v=tv',
            "",
            "failed (1):",
            '  "gone.txt"  ?/?B  modified ?  replication FAILED',
            "",
            "FAIL: 3 objects missing or different, 1 failed to replicate",
        ]);
    });

    it("describes a mismatch without versions or sizes, a missing object in full and an extra one", () => {
        const c = new ResultCollector(5);
        c.add({ difference: "mismatched", object_key: "m.txt" });
        c.add({
            difference: "missing",
            object_key: "x.txt",
            source_etag: "e",
            source_size: 9,
            source_last_modified: "2026-12-01T00:00:00.000Z",
        });
        c.add({ difference: "extra", object_key: "y.txt", target_etag: "t", target_size: 2 });
        const lines = resultText(result(c, 2));
        assert.deepEqual(lines.slice(3, 12), [
            "",
            "missing (1):",
            '  "x.txt"  e/9B  modified 2026-12-01T00:00:00.000Z',
            "",
            "mismatched (1):",
            '  "m.txt"  source ?/?B  target ?/?B',
            "",
            "extra (1):",
            '  "y.txt"  t/2B',
        ]);
    });

    it("counts a failed row whether the engine gives true or the text true", () => {
        const c = new ResultCollector(5);
        c.add({ difference: "missing", object_key: "a", failed: true });
        c.add({ difference: "missing", object_key: "b", failed: "true" });
        c.add({ difference: "missing", object_key: "c", failed: false });
        assert.equal(c.counts.failed, 2);
        assert.deepEqual(
            c.lists.failed.map((e) => e.key),
            ["a", "b"],
        );
    });

    it("a clean result names the objects still in the replication window, and only when there are some", () => {
        const clean = new ResultCollector(5);
        clean.add({ difference: "ok", object_key: "a" });
        assert.equal(resultText(result(clean, 1)).at(-1), "OK: every current source object is in the target");
        clean.add({ difference: "inflight", object_key: "b" });
        clean.add({ difference: "inflight", object_key: "c" });
        assert.equal(
            resultText(result(clean, 3)).at(-1),
            "OK: every current source object is in the target (2 still inside the 15-minute replication window)",
        );
    });
});
