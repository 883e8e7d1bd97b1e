// The Athena engine on its own (aws-sdk-client-mock; Athena is not in moto): the progress it reports per
// query, answers with parts missing, no result file unless asked, and a progress line per 100,000 rows.
import * as assert from "node:assert/strict";
import {
    AthenaClient,
    GetQueryExecutionCommand,
    GetQueryResultsCommand,
    Row,
    StartQueryExecutionCommand,
} from "@aws-sdk/client-athena";
import { AwsClientStub, mockClient } from "aws-sdk-client-mock";
import { DIFF_COLUMNS } from "../../../operations/reconcile/comparisonSql";
import { inventoryTableName, reconcileWithAthena } from "../../../operations/reconcile/athenaEngine";
import { parseManifest } from "../../../operations/reconcile/manifest";

const inventory = (bucket: string) => ({
    manifest: parseManifest(
        JSON.stringify({
            sourceBucket: bucket,
            destinationBucket: "arn:aws:s3:::acme-inv",
            fileFormat: "CSV",
            fileSchema: "Bucket, Key, Size, ETag, LastModifiedDate",
            creationTimestamp: "1764633600000",
            files: [{ key: `inv/${bucket}/daily/data/a.csv.gz` }],
        }),
        `s3://acme-inv/inv/${bucket}/daily/2026-12-01T01-00Z/manifest.json`,
    ),
    manifestAt: { bucket: "acme-inv", key: `inv/${bucket}/daily/2026-12-01T01-00Z/manifest.json` },
});
const row = (values: string[]): Row => ({ Data: values.map((v) => ({ VarCharValue: v })) });
const missing = (key: string) =>
    row(DIFF_COLUMNS.map((c) => (c === "difference" ? "missing" : c === "object_key" ? key : "")));

describe("reconcile's Athena engine", () => {
    let athena: AwsClientStub<AthenaClient>;
    beforeEach(() => (athena = mockClient(AthenaClient)));
    afterEach(() => athena.restore());

    async function run() {
        const progress: string[] = [];
        const result = await reconcileWithAthena(
            new AthenaClient({ region: "ap-northeast-1" }),
            inventory("acme-src"),
            inventory("acme-dst"),
            {
                workgroup: "wg",
                database: "inv",
                limit: 2,
                progress: (l) => progress.push(l),
                sleep: async () => undefined,
            },
        );
        return { result, progress };
    }

    it("names each query in its progress, reads an answer without status or rows as unknown and empty", async () => {
        let n = 0;
        athena.on(StartQueryExecutionCommand).callsFake(() => ({ QueryExecutionId: `q${++n}` }));
        const polls = new Map<string, number>();
        athena.on(GetQueryExecutionCommand).callsFake(({ QueryExecutionId: id }: { QueryExecutionId: string }) => {
            polls.set(id, (polls.get(id) ?? 0) + 1);
            // The first answer has no QueryExecution at all.
            return polls.get(id) === 1 ? {} : { QueryExecution: { Status: { State: "SUCCEEDED" } } };
        });
        athena.on(GetQueryResultsCommand, { QueryExecutionId: "q3" }).resolves({});
        athena.on(GetQueryResultsCommand, { QueryExecutionId: "q4" }).resolves({ ResultSet: {} });
        const { result, progress } = await run();
        assert.deepEqual(progress, [
            "athena create source table: UNKNOWN, 0.00 GB scanned",
            "athena create source table: SUCCEEDED, 0.00 GB scanned",
            "athena create target table: UNKNOWN, 0.00 GB scanned",
            "athena create target table: SUCCEEDED, 0.00 GB scanned",
            "athena count: UNKNOWN, 0.00 GB scanned",
            "athena count: SUCCEEDED, 0.00 GB scanned",
            "athena comparison: UNKNOWN, 0.00 GB scanned",
            "athena comparison: SUCCEEDED, 0.00 GB scanned",
        ]);
        assert.deepEqual(result.source, { bucket: "acme-src", objects: 0 });
        assert.deepEqual(result.counts, { missing: 0, mismatched: 0, extra: 0, failed: 0, inFlight: 0 });
    });

    it("fails in one line when Athena returns no query id", async () => {
        athena.on(StartQueryExecutionCommand).resolves({});
        await assert.rejects(run(), {
            name: "OpsFailure",
            message: "Athena returned no query id for create source table",
        });
        assert.equal(athena.commandCalls(GetQueryExecutionCommand).length, 0);
    });

    it("reports progress at every 100,000th difference read, and writes no file unless asked", async () => {
        let n = 0;
        athena.on(StartQueryExecutionCommand).callsFake(() => ({ QueryExecutionId: `q${++n}` }));
        athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: "SUCCEEDED" } } });
        athena
            .on(GetQueryResultsCommand, { QueryExecutionId: "q3" })
            .resolves({ ResultSet: { Rows: [row(["source_objects", "target_objects"]), row(["200001", "0"])] } });
        const rows = Array.from({ length: 200_001 }, (_, i) => missing(`k${i}`));
        athena
            .on(GetQueryResultsCommand, { QueryExecutionId: "q4" })
            .resolves({ ResultSet: { Rows: [row([...DIFF_COLUMNS]), ...rows] } });
        const { result, progress } = await run();
        assert.deepEqual(
            progress.filter((l) => l.endsWith("differences read")),
            ["athena comparison: 100000 differences read", "athena comparison: 200000 differences read"],
        );
        assert.equal(result.counts.missing, 200_001);
        assert.deepEqual(
            result.lists.missing.map((e) => e.key),
            ["k0", "k1"],
        );
    });

    it("names an inventory's table by a hash of its location: the same location, the same table", () => {
        const name = inventoryTableName("s3://acme-inv/inv/acme-src/daily/2026-12-01T01-00Z/manifest.json");
        assert.match(name, /^inventory_[0-9a-f]{16}$/);
        assert.equal(inventoryTableName("s3://acme-inv/inv/acme-src/daily/2026-12-01T01-00Z/manifest.json"), name);
        assert.notEqual(inventoryTableName("s3://acme-inv/inv/acme-src/daily/2026-12-02T01-00Z/manifest.json"), name);
    });
});
