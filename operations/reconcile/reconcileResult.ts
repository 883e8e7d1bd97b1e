// What a reconciliation found, engine-independent: counts, the first entries of each list, and the
// JSON and text a user reads.
import { Difference } from "./comparisonSql";

/** One differing object, with what each side's inventory knows of it. */
export interface DiffEntry {
    key: string;
    sourceVersionId?: string;
    targetVersionId?: string;
    sourceETag?: string;
    targetETag?: string;
    sourceSize?: number;
    targetSize?: number;
    sourceLastModified?: string;
    replicationStatus?: string;
}

export type ListName = "missing" | "mismatched" | "extra" | "failed";

export interface ReconcileResult {
    source: { bucket: string; objects: number };
    target: { bucket: string; objects: number };
    /** Full counts; the lists below are cut at the limit. */
    counts: Record<ListName, number> & { inFlight: number };
    lists: Record<ListName, DiffEntry[]>;
}

/** A row of the comparison, as either engine returns it (strings or native values). */
export type DiffRow = Record<string, unknown>;

const text = (v: unknown) => (v === null || v === undefined || v === "" ? undefined : String(v));
const num = (v: unknown) => (v === null || v === undefined || v === "" ? undefined : Number(v));

/** One comparison row as an entry: empty fields left out. */
export function entryOf(row: DiffRow): DiffEntry {
    const e: DiffEntry = { key: String(row.object_key) };
    const set = <K extends keyof DiffEntry>(k: K, v: DiffEntry[K] | undefined) => {
        if (v !== undefined) e[k] = v;
    };
    set("sourceVersionId", text(row.source_version_id));
    set("targetVersionId", text(row.target_version_id));
    set("sourceETag", text(row.source_etag));
    set("targetETag", text(row.target_etag));
    set("sourceSize", num(row.source_size));
    set("targetSize", num(row.target_size));
    set("sourceLastModified", text(row.source_last_modified));
    set("replicationStatus", text(row.replication_status));
    return e;
}

/** Collects rows into counts and lists cut at `limit`, in the order they come. */
export class ResultCollector {
    readonly counts: ReconcileResult["counts"] = { missing: 0, mismatched: 0, extra: 0, failed: 0, inFlight: 0 };
    readonly lists: ReconcileResult["lists"] = { missing: [], mismatched: [], extra: [], failed: [] };

    constructor(private readonly limit: number) {}

    add(row: DiffRow): void {
        const difference = String(row.difference) as Difference;
        const failed = row.failed === true || row.failed === "true";
        if (difference === "inflight") this.counts.inFlight++;
        else if (difference !== "ok") this.push(difference, row);
        if (failed) this.push("failed", row);
    }

    private push(list: ListName, row: DiffRow): void {
        this.counts[list]++;
        if (this.lists[list].length < this.limit) this.lists[list].push(entryOf(row));
    }
}

/** Exit 0 when nothing is missing, mismatched or failed: extra objects and objects in flight are not losses. */
export function isClean(r: ReconcileResult): boolean {
    return r.counts.missing === 0 && r.counts.mismatched === 0 && r.counts.failed === 0;
}

/** The `--json` document. */
export function resultJson(r: ReconcileResult) {
    return {
        source: r.source,
        target: r.target,
        missing: r.lists.missing,
        mismatched: r.lists.mismatched,
        extra: r.lists.extra,
        inFlight: r.counts.inFlight,
        failed: r.lists.failed,
        counts: r.counts,
    };
}

/** The text report: a summary line per class, then the first entries of each non-empty list. */
export function resultText(r: ReconcileResult): string[] {
    const lines = [
        `source: s3://${r.source.bucket} — ${r.source.objects} current objects`,
        `target: s3://${r.target.bucket} — ${r.target.objects} current objects`,
        `missing: ${r.counts.missing}   mismatched: ${r.counts.mismatched}   failed: ${r.counts.failed}   extra: ${r.counts.extra}   in flight: ${r.counts.inFlight}`,
    ];
    for (const list of ["missing", "mismatched", "failed", "extra"] as const) {
        if (r.counts[list] === 0) continue;
        const shown = r.lists[list];
        lines.push("", `${list} (${r.counts[list]}${r.counts[list] > shown.length ? `, first ${shown.length}` : ""}):`);
        for (const e of shown) lines.push(`  ${describe(list, e)}`);
    }
    lines.push(
        "",
        isClean(r)
            ? "OK: every current source object is in the target" +
                  (r.counts.inFlight > 0 ? ` (${r.counts.inFlight} still inside the 15-minute replication window)` : "")
            : `FAIL: ${r.counts.missing + r.counts.mismatched} objects missing or different, ${r.counts.failed} failed to replicate`,
    );
    return lines;
}

function describe(list: ListName, e: DiffEntry): string {
    const key = JSON.stringify(e.key);
    switch (list) {
        case "mismatched":
            return `${key}  source ${e.sourceETag ?? "?"}/${e.sourceSize ?? "?"}B${e.sourceVersionId ? ` v=${e.sourceVersionId}` : ""}  target ${e.targetETag ?? "?"}/${e.targetSize ?? "?"}B${e.targetVersionId ? ` v=${e.targetVersionId}` : ""}`;
        case "extra":
            return `${key}  ${e.targetETag ?? "?"}/${e.targetSize ?? "?"}B`;
        default:
            return `${key}  ${e.sourceETag ?? "?"}/${e.sourceSize ?? "?"}B  modified ${e.sourceLastModified ?? "?"}${e.replicationStatus ? `  replication ${e.replicationStatus}` : ""}`;
    }
}
