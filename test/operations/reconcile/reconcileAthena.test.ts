// reconcile --engine athena under aws-sdk-client-mock (Athena is not in moto): the tables it creates
// over the inventories' Hive symlink folders, the shared comparison SQL it sends, polling, result paging.
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import {
    AthenaClient,
    GetQueryExecutionCommand,
    GetQueryResultsCommand,
    Row,
    StartQueryExecutionCommand,
} from "@aws-sdk/client-athena";
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import {
    ATHENA,
    comparisonSql,
    countSql,
    DIFF_COLUMNS,
    normalizedSelect,
} from "../../../operations/reconcile/comparisonSql";
import { inventoryTableName } from "../../../operations/reconcile/athenaEngine";
import { reconcileMain } from "../../../operations/reconcile/reconcileCommand";
import { motoClientConfig, useMotoServer } from "../../support/motoServer";
import { captureDeps, tempRoot, writeScenario } from "./scenario";

const row = (values: (string | undefined)[]): Row => ({
    Data: values.map((v) => (v === undefined ? {} : { VarCharValue: v })),
});
const diff = (difference: string, failed: boolean, key: string): Row =>
    row([
        difference,
        String(failed),
        key,
        undefined,
        undefined,
        "e",
        undefined,
        "1",
        undefined,
        "2026-11-30 10:00:00.000 UTC",
        failed ? "FAILED" : "COMPLETED",
    ]);

describe("reconcile --engine athena (aws-sdk-client-mock)", function () {
    this.timeout(120_000);
    const moto = useMotoServer();
    let root: string;
    beforeEach(() => (root = tempRoot()));
    afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

    /** Both scenario manifests in moto S3 (only the manifests: Athena reads the data files itself). */
    async function manifests() {
        const m = await writeScenario(root);
        const s3 = new S3Client(motoClientConfig(moto.endpoint));
        const put = async (bucket: string, sub: string, file: string) => {
            await s3.send(
                new CreateBucketCommand({
                    Bucket: bucket,
                    CreateBucketConfiguration: { LocationConstraint: "ap-northeast-1" },
                }),
            );
            const key = path.relative(path.join(root, sub), file).split(path.sep).join("/");
            await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: fs.readFileSync(file) }));
            return `s3://${bucket}/${key}`;
        };
        return {
            s3,
            source: await put("acme-manifest-111111111111-ap-northeast-1", "source-manifests", m.source),
            target: await put("acme-manifest-222222222222-ap-northeast-1", "target-manifests", m.target),
            sourceColumns: JSON.parse(fs.readFileSync(m.source, "utf8")).fileSchema.split(", ") as string[],
            targetColumns: JSON.parse(fs.readFileSync(m.target, "utf8")).fileSchema.split(", ") as string[],
        };
    }

    it("creates a table per inventory, sends the shared SQL, polls, pages through results, and exits 1 on a loss", async () => {
        const m = await manifests();
        const athena = mockClient(AthenaClient);
        let n = 0;
        athena.on(StartQueryExecutionCommand).callsFake(() => ({ QueryExecutionId: `q${++n}` }));
        const polls: Record<string, number> = {};
        athena.on(GetQueryExecutionCommand).callsFake((input: { QueryExecutionId: string }) => {
            polls[input.QueryExecutionId] = (polls[input.QueryExecutionId] ?? 0) + 1;
            const state = polls[input.QueryExecutionId] === 1 ? "RUNNING" : "SUCCEEDED";
            return { QueryExecution: { Status: { State: state }, Statistics: { DataScannedInBytes: 2_500_000_000 } } };
        });
        athena
            .on(GetQueryResultsCommand, { QueryExecutionId: "q3" })
            .resolves({ ResultSet: { Rows: [row(["source_objects", "target_objects"]), row(["11", "9"])] } });
        athena
            .on(GetQueryResultsCommand, { QueryExecutionId: "q4", NextToken: undefined })
            .resolves({
                ResultSet: {
                    Rows: [
                        row([...DIFF_COLUMNS]),
                        diff("extra", false, "extra.txt"),
                        diff("missing", true, "failed.txt"),
                    ],
                },
                NextToken: "page2",
            })
            .on(GetQueryResultsCommand, { QueryExecutionId: "q4", NextToken: "page2" })
            .resolves({
                ResultSet: {
                    Rows: [
                        diff("missing", false, "missing.txt"),
                        diff("inflight", false, "in-flight.txt"),
                        diff("ok", true, "x.txt"),
                    ],
                },
            });

        const csv = path.join(root, "diff.csv");
        const waits: number[] = [];
        const { deps, out, err } = captureDeps({
            s3: () => m.s3,
            athena: () => new AthenaClient({ region: "ap-northeast-1" }),
            sleep: async (ms) => void waits.push(ms),
        });
        const code = await reconcileMain(
            [
                "--source",
                m.source,
                "--target",
                m.target,
                "--engine",
                "athena",
                "--workgroup",
                "wg",
                "--database",
                "inv",
                "--json",
                "--out",
                csv,
            ],
            deps,
        );
        assert.equal(code, 1, err.join("\n"));
        const r = JSON.parse(out.join("\n"));
        assert.deepEqual(r.source, { bucket: "acme-data-111111111111-ap-northeast-1", objects: 11 });
        assert.deepEqual(r.counts, { missing: 2, mismatched: 0, extra: 1, failed: 2, inFlight: 1 });
        assert.deepEqual(
            r.missing.map((e: { key: string }) => e.key),
            ["failed.txt", "missing.txt"],
        );

        const sent = athena.commandCalls(StartQueryExecutionCommand).map((c) => c.args[0].input);
        for (const input of sent) {
            assert.equal(input.WorkGroup, "wg");
            assert.deepEqual(input.QueryExecutionContext, { Database: "inv" });
        }
        const srcTable = inventoryTableName(m.source);
        const tgtTable = inventoryTableName(m.target);
        assert.match(
            sent[0].QueryString!,
            new RegExp(`^CREATE EXTERNAL TABLE IF NOT EXISTS \`inv\`\\.\`${srcTable}\` \\(`),
        );
        assert.match(
            sent[0].QueryString!,
            /LOCATION 's3:\/\/acme-manifest-111111111111-ap-northeast-1\/inventory\/acme-data-111111111111-ap-northeast-1\/existing-objects\/hive\/dt=2026-12-01-00-30\/'$/,
        );
        assert.match(sent[1].QueryString!, /hive\/dt=2026-12-01-01-00\/'$/);
        assert.match(
            sent[1].QueryString!,
            /`etag` string,\n {2}`replicationstatus` string,/,
            "target columns in the target's own order",
        );
        const src = `(${normalizedSelect(ATHENA, `\`inv\`.\`${srcTable}\``, m.sourceColumns)}) AS source_objects`;
        const tgt = `(${normalizedSelect(ATHENA, `\`inv\`.\`${tgtTable}\``, m.targetColumns)}) AS target_objects`;
        assert.equal(sent[2].QueryString, countSql(src, tgt));
        assert.equal(sent[3].QueryString, comparisonSql(ATHENA, src, tgt, "2026-12-01T00:45:00.000Z"));
        assert.equal(sent.length, 4);

        assert.ok(err.includes("athena comparison: RUNNING, 2.50 GB scanned"), err.join("\n"));
        assert.deepEqual(waits, [2000, 2000, 2000, 2000], "one wait after each RUNNING poll");
        const lines = fs.readFileSync(csv, "utf8").trim().split("\n");
        assert.equal(lines.length, 6, "the header and every row of both pages");
        assert.equal(lines[0], DIFF_COLUMNS.join(","));
    });

    it("a failed query is one line with Athena's reason, exit 1", async () => {
        const m = await manifests();
        const athena = mockClient(AthenaClient);
        athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: "q1" });
        athena.on(GetQueryExecutionCommand).resolves({
            QueryExecution: {
                Status: {
                    State: "FAILED",
                    StateChangeReason: "Access denied when writing output to url: s3://results/",
                },
            },
        });
        const { deps, err } = captureDeps({
            s3: () => m.s3,
            athena: () => new AthenaClient({ region: "ap-northeast-1" }),
            sleep: async () => undefined,
        });
        const code = await reconcileMain(
            [
                "--source",
                m.source,
                "--target",
                m.target,
                "--engine",
                "athena",
                "--workgroup",
                "wg",
                "--database",
                "inv",
            ],
            deps,
        );
        assert.equal(code, 1);
        assert.equal(
            err.at(-1),
            "reconcile: Athena create source table query q1 FAILED: Access denied when writing output to url: s3://results/",
        );
    });
});
