// The embedded engine: DuckDB in this process reads the gzipped inventory CSVs, spills to disk past its
// memory limit, and runs the shared comparison SQL. No server; one machine.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { DuckDBConnection } from "@duckdb/node-api";
import {
    comparisonSql,
    countSql,
    DIFF_COLUMNS,
    DUCKDB,
    inFlightCutoff,
    normalizedSelect,
    rawColumn,
} from "./comparisonSql";
import { InventoryManifest } from "./manifest";
import { DiffRow, entryOf, ListName, ReconcileResult } from "./reconcileResult";

/** An inventory whose data files are on local disk. */
export interface LocalInventory {
    manifest: InventoryManifest;
    files: string[];
}

export interface DuckDbOptions {
    /** How many entries of each list to return. */
    limit: number;
    /** Write every difference, not only the first `limit`, to this CSV file. */
    outFile?: string;
    /** DuckDB's memory limit, e.g. `2GB`; past it, joins and sorts spill to `tempDirectory`. */
    memoryLimit: string;
    /** Where DuckDB spills. @default a fresh folder in the OS temp dir */
    tempDirectory?: string;
    /** Progress lines (rows read, rate), for stderr. */
    progress(line: string): void;
    /** Milliseconds since some origin; injected so tests need no wall clock. @default Date.now */
    now?: () => number;
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** read_csv over `files` with the manifest's columns, all text: S3 Inventory quotes every field. */
function readCsv(files: string[], columns: readonly string[]): string {
    const cols = columns.map((c) => `${quote(rawColumn(c))}: 'VARCHAR'`).join(", ");
    return `read_csv([${files.map(quote).join(", ")}], header = false, auto_detect = false, delim = ',', quote = '"', escape = '"', compression = 'gzip', columns = {${cols}})`;
}

const TABLE_COLUMNS =
    "object_key VARCHAR, version_id VARCHAR, is_latest BOOLEAN, is_delete_marker BOOLEAN, size BIGINT, last_modified TIMESTAMPTZ, etag VARCHAR, replication_status VARCHAR";

/**
 * Loads one side, a few files per statement so DuckDB reads them in parallel while progress is still
 * reported between statements.
 */
async function load(c: DuckDBConnection, table: string, side: string, inv: LocalInventory, o: DuckDbOptions) {
    const now = o.now ?? Date.now;
    await c.run(`CREATE TABLE ${table} (${TABLE_COLUMNS})`);
    const batch = Math.max(2, os.cpus().length);
    const started = now();
    let rows = 0;
    for (let i = 0; i < inv.files.length; i += batch) {
        const files = inv.files.slice(i, i + batch);
        const r = await c.run(
            `INSERT INTO ${table} ${normalizedSelect(DUCKDB, readCsv(files, inv.manifest.columns), inv.manifest.columns)}`,
        );
        rows += Number(r.rowsChanged);
        const seconds = Math.max((now() - started) / 1000, 0.001);
        o.progress(
            `${side}: ${rows} rows read from ${Math.min(i + batch, inv.files.length)}/${inv.files.length} files (${Math.round(rows / seconds)} rows/s)`,
        );
    }
}

/** A DuckDB value as plain JSON: timestamps as ISO text, big integers as numbers. */
function plain(v: unknown): unknown {
    // Stryker disable next-line ConditionalExpression: every reader of these rows converts sizes and counts with Number() again
    if (typeof v === "bigint") return Number(v);
    if (v !== null && typeof v === "object" && "micros" in v)
        return new Date(Number((v as { micros: bigint }).micros / 1000n)).toISOString();
    return v;
}

async function rows(c: DuckDBConnection, sql: string): Promise<DiffRow[]> {
    const reader = await c.runAndReadAll(sql);
    return reader.getRowObjects().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)])));
}

export async function reconcileWithDuckDb(
    source: LocalInventory,
    target: LocalInventory,
    o: DuckDbOptions,
): Promise<ReconcileResult> {
    // Loaded here, not at module load: `--help` and argument errors need no native binding.
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const tempDirectory = o.tempDirectory ?? fs.mkdtempSync(path.join(os.tmpdir(), "reconcile-duckdb-"));
    const instance = await DuckDBInstance.create(":memory:", {
        memory_limit: o.memoryLimit,
        temp_directory: tempDirectory,
        // Row order is re-established by ORDER BY where it matters; dropping it lets large loads stream.
        preserve_insertion_order: "false",
    });
    const c = await instance.connect();
    try {
        await load(c, "source_objects", "source", source, o);
        await load(c, "target_objects", "target", target, o);
        const [counts] = await rows(c, countSql("source_objects", "target_objects"));
        await c.run(
            `CREATE TABLE diffs AS ${comparisonSql(DUCKDB, "source_objects", "target_objects", inFlightCutoff(target.manifest.createdAt))}`,
        );
        const byClass = await rows(
            c,
            "SELECT difference, count(*) AS n, count(*) FILTER (WHERE failed) AS failed FROM diffs GROUP BY difference",
        );
        const count = (d: string) => Number(byClass.find((r) => r.difference === d)?.n ?? 0);
        const list = async (where: string) =>
            (
                await rows(
                    c,
                    `SELECT ${DIFF_COLUMNS.join(", ")} FROM diffs WHERE ${where} ORDER BY object_key LIMIT ${o.limit}`,
                )
            ).map(entryOf);
        const lists = {} as Record<ListName, ReturnType<typeof entryOf>[]>;
        for (const name of ["missing", "mismatched", "extra"] as const)
            lists[name] = await list(`difference = '${name}'`);
        lists.failed = await list("failed");
        if (o.outFile) {
            await c.run(
                `COPY (SELECT ${DIFF_COLUMNS.join(", ")} FROM diffs WHERE difference <> 'ok' OR failed ORDER BY difference, object_key) TO ${quote(o.outFile)} (HEADER, DELIMITER ',')`,
            );
        }
        return {
            source: { bucket: source.manifest.sourceBucket, objects: Number(counts.source_objects) },
            target: { bucket: target.manifest.sourceBucket, objects: Number(counts.target_objects) },
            counts: {
                missing: count("missing"),
                mismatched: count("mismatched"),
                extra: count("extra"),
                inFlight: count("inflight"),
                failed: byClass.reduce((n, r) => n + Number(r.failed), 0),
            },
            lists,
        };
    } finally {
        c.closeSync();
        instance.closeSync();
        if (!o.tempDirectory) fs.rmSync(tempDirectory, { recursive: true, force: true });
    }
}
