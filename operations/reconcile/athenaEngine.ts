// The engine for buckets that outgrow one machine: the same comparison SQL on Amazon Athena, over the
// inventories where they lie (tables over S3 Inventory's Hive symlink folders), results read page by page.
import * as crypto from "crypto";
import * as fs from "fs";
import {
    AthenaClient,
    GetQueryExecutionCommand,
    GetQueryResultsCommand,
    StartQueryExecutionCommand,
} from "@aws-sdk/client-athena";
import { OpsFailure } from "../common/cli";
import {
    ATHENA,
    comparisonSql,
    countSql,
    DIFF_COLUMNS,
    inFlightCutoff,
    normalizedSelect,
    rawColumn,
} from "./comparisonSql";
import { ReconcileResult, ResultCollector } from "./reconcileResult";
import { hiveSymlinkFolder, S3Inventory } from "./s3Inventory";

export interface AthenaOptions {
    workgroup: string;
    database: string;
    limit: number;
    outFile?: string;
    progress(line: string): void;
    /** Waits between polls. @default 2 s */
    sleep?: (ms: number) => Promise<void>;
    pollMs?: number;
}

/** A table name per inventory location: re-running over the same inventory reuses its table. */
export function inventoryTableName(location: string): string {
    return `inventory_${crypto.createHash("sha256").update(location).digest("hex").slice(0, 16)}`;
}

/** DDL of an external table over one inventory's data files, read through S3's Hive symlink file. */
export function createTableSql(database: string, table: string, inv: S3Inventory): string {
    const columns = inv.manifest.columns.map((c) => `  \`${rawColumn(c)}\` string`).join(",\n");
    return [
        `CREATE EXTERNAL TABLE IF NOT EXISTS \`${database}\`.\`${table}\` (`,
        columns,
        ")",
        // S3 Inventory quotes every CSV field; OpenCSVSerde reads them (as strings, which the SQL casts).
        "ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde'",
        "STORED AS INPUTFORMAT 'org.apache.hadoop.hive.ql.io.SymlinkTextInputFormat'",
        "OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'",
        `LOCATION '${hiveSymlinkFolder(inv)}'`,
    ].join("\n");
}

class Athena {
    constructor(
        private readonly client: AthenaClient,
        private readonly o: AthenaOptions,
    ) {}

    /** Starts a query and waits until it succeeds; a failed or cancelled query is one line with Athena's reason. */
    async run(what: string, sql: string): Promise<string> {
        const { QueryExecutionId: id } = await this.client.send(
            new StartQueryExecutionCommand({
                QueryString: sql,
                WorkGroup: this.o.workgroup,
                QueryExecutionContext: { Database: this.o.database },
            }),
        );
        if (!id) throw new OpsFailure(`Athena returned no query id for ${what}`);
        const sleep = this.o.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
        for (;;) {
            const { QueryExecution: q } = await this.client.send(
                new GetQueryExecutionCommand({ QueryExecutionId: id }),
            );
            const state = q?.Status?.State;
            const scanned = q?.Statistics?.DataScannedInBytes ?? 0;
            this.o.progress(`athena ${what}: ${state ?? "UNKNOWN"}, ${(scanned / 1e9).toFixed(2)} GB scanned`);
            if (state === "SUCCEEDED") return id;
            if (state === "FAILED" || state === "CANCELLED")
                throw new OpsFailure(
                    `Athena ${what} query ${id} ${state}: ${q?.Status?.StateChangeReason ?? "no reason given"}`,
                );
            await sleep(this.o.pollMs ?? 2000);
        }
    }

    /** Every result row as an object keyed by column name; the first row of the first page is the header. */
    async *rows(id: string): AsyncGenerator<Record<string, string | undefined>> {
        let token: string | undefined;
        let header: string[] | undefined;
        do {
            const page = await this.client.send(
                new GetQueryResultsCommand({ QueryExecutionId: id, NextToken: token, MaxResults: 1000 }),
            );
            const rows = page.ResultSet?.Rows ?? [];
            for (const row of rows) {
                const values = (row.Data ?? []).map((d) => d.VarCharValue);
                if (!header) {
                    header = values.map((v) => v ?? "");
                    continue;
                }
                yield Object.fromEntries(header.map((h, i) => [h, values[i]]));
            }
            token = page.NextToken;
        } while (token);
    }
}

const csvValue = (v: string | undefined) =>
    v === undefined ? "" : /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;

export async function reconcileWithAthena(
    client: AthenaClient,
    source: S3Inventory,
    target: S3Inventory,
    o: AthenaOptions,
): Promise<ReconcileResult> {
    const athena = new Athena(client, o);
    const relation = (inv: S3Inventory, alias: string) => {
        const table = inventoryTableName(inv.manifest.location);
        return {
            table,
            sql: `(${normalizedSelect(ATHENA, `\`${o.database}\`.\`${table}\``, inv.manifest.columns)}) AS ${alias}`,
        };
    };
    const src = relation(source, "source_objects");
    const tgt = relation(target, "target_objects");
    await athena.run("create source table", createTableSql(o.database, src.table, source));
    await athena.run("create target table", createTableSql(o.database, tgt.table, target));

    const countId = await athena.run("count", countSql(src.sql, tgt.sql));
    const counts = (await athena.rows(countId).next()).value as Record<string, string | undefined>;

    const compareId = await athena.run(
        "comparison",
        comparisonSql(ATHENA, src.sql, tgt.sql, inFlightCutoff(target.manifest.createdAt)),
    );
    const collector = new ResultCollector(o.limit);
    const out = o.outFile ? fs.createWriteStream(o.outFile) : undefined;
    out?.write(DIFF_COLUMNS.join(",") + "\n");
    let read = 0;
    for await (const row of athena.rows(compareId)) {
        collector.add(row);
        out?.write(DIFF_COLUMNS.map((c) => csvValue(row[c])).join(",") + "\n");
        if (++read % 100_000 === 0) o.progress(`athena comparison: ${read} differences read`);
    }
    if (out) await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
    return {
        source: { bucket: source.manifest.sourceBucket, objects: Number(counts?.source_objects ?? 0) },
        target: { bucket: target.manifest.sourceBucket, objects: Number(counts?.target_objects ?? 0) },
        counts: collector.counts,
        lists: collector.lists,
    };
}
