// `npm run bench -- reconcile [ROWS ...]`: the embedded reconcile engine on generated inventories of 1 and
// 10 million rows, beside the time `zcat` alone takes to read the same files in the same run.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { reconcileWithDuckDb } from "../operations/reconcile/duckdbEngine";
import { readLocalManifest } from "../operations/reconcile/manifest";
import { CURRENT_FIELDS, InventoryObject, writeInventory } from "./inventoryWriter";

/** S3 Inventory splits a large report into data files; about this many rows each here. */
const ROWS_PER_FILE = 1_000_000;
const PLANTED = { missing: 10, mismatched: 5, extra: 3 };

/** Realistic keys: tenants, dates, nested folders, some with spaces and non-ASCII names. */
function keyOf(i: number): string {
    const tenant = `tenant-${String(i % 997).padStart(4, "0")}`;
    const day = `2026/${String((i % 12) + 1).padStart(2, "0")}/${String((i % 28) + 1).padStart(2, "0")}`;
    const name = i % 50 === 0 ? `請求書 ${i}.pdf` : i % 7 === 0 ? `scan ${i}.tiff` : `object-${i}.json`;
    return `${tenant}/${day}/${name}`;
}

function* objects(n: number, side: "source" | "target"): Generator<InventoryObject> {
    const lastModified = "2026-11-30T10:00:00.000Z";
    for (let i = 0; i < n; i++) {
        // Planted differences at fixed positions: the first few are missing from the target, the next
        // few differ, and the target holds a few keys the source does not.
        if (side === "target" && i < PLANTED.missing) continue;
        const etag =
            side === "target" && i < PLANTED.missing + PLANTED.mismatched
                ? `changed${i}`
                : `e${(i * 2654435761) % 4294967296}`;
        yield {
            key: keyOf(i),
            size: 1024 + (i % 65536),
            lastModified,
            etag,
            replicationStatus: side === "source" ? "COMPLETED" : "REPLICA",
        };
    }
    if (side === "target")
        for (let j = 0; j < PLANTED.extra; j++)
            yield { key: `extra/only-in-target-${j}`, size: 1, lastModified, etag: "x" };
}

function seconds(start: bigint): number {
    return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Time for `zcat` to decompress every data file to /dev/null: the floor for anything reading them. */
function zcatSeconds(files: string[]): number {
    const start = process.hrtime.bigint();
    const r = spawnSync("sh", ["-c", `zcat ${files.map((f) => `'${f}'`).join(" ")} > /dev/null`]);
    if (r.status !== 0) throw new Error(`zcat failed: ${r.stderr}`);
    return seconds(start);
}

export async function reconcileBench(args: string[]): Promise<void> {
    const sizes = args.length > 0 ? args.map(Number) : [1_000_000, 10_000_000];
    if (sizes.some((n) => !Number.isInteger(n) || n < 100)) throw new Error("row counts must be whole numbers >= 100");
    const rows: (string | number)[][] = [];
    for (const n of sizes) {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), "reconcile-bench-"));
        try {
            process.stderr.write(`generating 2 × ${n} rows in ${root} ...\n`);
            let start = process.hrtime.bigint();
            const files = Math.max(1, Math.ceil(n / ROWS_PER_FILE));
            const write = (side: "source" | "target", createdAt: string) =>
                writeInventory(
                    {
                        root: path.join(root, side),
                        sourceBucket: `bench-${side}`,
                        destinationBucket: `bench-${side}-inv`,
                        createdAt: new Date(createdAt),
                        fields: CURRENT_FIELDS,
                        files,
                    },
                    objects(n, side),
                );
            const s = readLocalManifest(await write("source", "2026-12-01T00:00:00.000Z"));
            const t = readLocalManifest(await write("target", "2026-12-01T01:00:00.000Z"));
            const generate = seconds(start);
            const all = [...s.files, ...t.files];
            const bytes = all.reduce((b, f) => b + fs.statSync(f).size, 0);

            const zcat = zcatSeconds(all);
            start = process.hrtime.bigint();
            const result = await reconcileWithDuckDb(s, t, {
                limit: 10,
                memoryLimit: "2GB",
                progress: () => undefined,
            });
            const reconcile = seconds(start);
            const found = {
                missing: result.counts.missing,
                mismatched: result.counts.mismatched,
                extra: result.counts.extra,
            };
            if (JSON.stringify(found) !== JSON.stringify(PLANTED))
                throw new Error(`planted ${JSON.stringify(PLANTED)} but found ${JSON.stringify(found)}`);
            const totalRows = 2 * n - PLANTED.missing + PLANTED.extra;
            rows.push([
                n,
                2 * files,
                `${(bytes / 1e6).toFixed(0)} MB`,
                generate.toFixed(1),
                zcat.toFixed(2),
                reconcile.toFixed(2),
                Math.round(totalRows / reconcile),
                (reconcile / zcat).toFixed(2),
            ]);
        } finally {
            fs.rmSync(root, { recursive: true, force: true });
        }
    }
    const header = [
        "rows per side",
        "files",
        "gzipped",
        "generate s",
        "zcat s",
        "reconcile s",
        "rows/s",
        "reconcile ÷ zcat",
    ];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
    const line = (cells: (string | number)[]) =>
        `| ${cells.map((c, i) => String(c).padStart(widths[i])).join(" | ")} |`;
    console.log(
        `Reconcile (embedded DuckDB) on ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}:\n`,
    );
    console.log([line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n"));
    console.log(
        "\n(zcat s: decompressing both sides' data files to /dev/null, the floor for any reader; reconcile s: reading, decoding keys, joining and classifying, with the planted differences checked.)",
    );
}
