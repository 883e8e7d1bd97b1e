// reconcile on the embedded engine, from local inventories laid out as S3 Inventory writes them: every
// difference class, awkward keys, other column orders, several data files, all-versions inventories.
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { ALL_VERSIONS_FIELDS, InventoryObject, writeInventory } from "../../../bench/inventoryWriter";
import { reconcileMain } from "../../../operations/reconcile/reconcileCommand";
import {
    AWKWARD_KEYS,
    captureDeps,
    OLD,
    RECENT,
    SOURCE_BUCKET,
    TARGET_BUCKET,
    tempRoot,
    writeScenario,
} from "./scenario";

describe("reconcile (duckdb)", function () {
    this.timeout(60_000);
    let root: string;
    beforeEach(() => (root = tempRoot()));
    afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

    it("finds every difference class, decodes awkward keys, and exits 1", async () => {
        const m = await writeScenario(root);
        const { deps, out } = captureDeps();
        const code = await reconcileMain(["--source", m.source, "--target", m.target, "--json"], deps);
        assert.equal(code, 1);
        const r = JSON.parse(out.join("\n"));
        assert.deepEqual(r.source, { bucket: SOURCE_BUCKET, objects: 11 });
        assert.deepEqual(r.target, { bucket: TARGET_BUCKET, objects: 9 });
        assert.deepEqual(
            r.missing.map((e: { key: string }) => e.key),
            ["failed.txt", "missing.txt"],
        );
        assert.deepEqual(r.missing[1], {
            key: "missing.txt",
            sourceETag: "m1",
            sourceSize: 100,
            sourceLastModified: OLD,
            replicationStatus: "COMPLETED",
        });
        assert.deepEqual(r.mismatched, [
            {
                key: "changed.txt",
                sourceETag: "c-source",
                targetETag: "c-target",
                sourceSize: 100,
                targetSize: 100,
                sourceLastModified: OLD,
                replicationStatus: "COMPLETED",
            },
        ]);
        assert.deepEqual(
            r.extra.map((e: { key: string }) => e.key),
            ["extra.txt"],
        );
        assert.equal(r.inFlight, 1);
        assert.deepEqual(
            r.failed.map((e: { key: string; replicationStatus: string }) => [e.key, e.replicationStatus]),
            [
                ["failed-but-present.txt", "FAILED"],
                ["failed.txt", "FAILED"],
            ],
        );
        assert.deepEqual(r.counts, { missing: 2, mismatched: 1, extra: 1, failed: 2, inFlight: 1 });
        // Not one awkward key was reported: each decoded to the same key on both sides.
        const reported = [...r.missing, ...r.mismatched, ...r.extra].map((e: { key: string }) => e.key);
        for (const k of AWKWARD_KEYS) assert.ok(!reported.includes(k), `${k} was reported`);
    });

    it("exits 0 with OK when the target holds every current source object, extra and in-flight ones aside", async () => {
        const same: InventoryObject[] = AWKWARD_KEYS.map((key) => ({ key, size: 1, lastModified: OLD, etag: "e" }));
        const late: InventoryObject = { key: "late.txt", size: 1, lastModified: RECENT, etag: "l" };
        const m = await writeScenario(root, [...same, late], [...same, { ...late, key: "extra.txt" }]);
        const { deps, out } = captureDeps();
        assert.equal(await reconcileMain(["--source", m.source, "--target", m.target], deps), 0);
        assert.deepEqual(out.slice(0, 3), [
            `source: s3://${SOURCE_BUCKET} — 7 current objects`,
            `target: s3://${TARGET_BUCKET} — 7 current objects`,
            "missing: 0   mismatched: 0   failed: 0   extra: 1   in flight: 1",
        ]);
        assert.equal(
            out.at(-1),
            "OK: every current source object is in the target (1 still inside the 15-minute replication window)",
        );
    });

    it("takes the latest non-delete-marker version as current and compares version ids where both sides have them", async () => {
        const v = (
            key: string,
            versionId: string,
            isLatest: boolean,
            extra: Partial<InventoryObject> = {},
        ): InventoryObject => ({
            key,
            versionId,
            isLatest,
            size: 10,
            lastModified: OLD,
            etag: "same",
            ...extra,
        });
        const source = [
            v("deleted.txt", "d1", false),
            v("deleted.txt", "d2", true, { isDeleteMarker: true }),
            v("versioned.txt", "v1", false),
            v("versioned.txt", "v2", true),
            v("kept.txt", "k1", true),
        ];
        const target = [v("versioned.txt", "v1", true), v("kept.txt", "k1", true)];
        const write = (sub: string, bucket: string, objects: InventoryObject[], createdAt: string) =>
            writeInventory(
                {
                    root: path.join(root, sub),
                    sourceBucket: bucket,
                    destinationBucket: `${bucket}-inv`,
                    createdAt: new Date(createdAt),
                    fields: ALL_VERSIONS_FIELDS,
                },
                objects,
            );
        const s = await write("s", SOURCE_BUCKET, source, "2026-12-01T00:00:00.000Z");
        const t = await write("t", TARGET_BUCKET, target, "2026-12-01T01:00:00.000Z");
        const { deps, out } = captureDeps();
        assert.equal(await reconcileMain(["--source", s, "--target", t, "--json"], deps), 1);
        const r = JSON.parse(out.join("\n"));
        assert.deepEqual(r.source.objects, 2, "deleted.txt has no current object");
        assert.deepEqual(r.missing, []);
        assert.deepEqual(r.mismatched, [
            {
                key: "versioned.txt",
                sourceVersionId: "v2",
                targetVersionId: "v1",
                sourceETag: "same",
                targetETag: "same",
                sourceSize: 10,
                targetSize: 10,
                sourceLastModified: OLD,
            },
        ]);
    });

    it("cuts the lists at --limit but counts them whole, and writes every difference to --out", async () => {
        const m = await writeScenario(root);
        const csv = path.join(root, "diff.csv");
        const { deps, out } = captureDeps();
        await reconcileMain(["--source", m.source, "--target", m.target, "--json", "--limit", "1", "--out", csv], deps);
        const r = JSON.parse(out.join("\n"));
        assert.equal(r.missing.length, 1);
        assert.equal(r.counts.missing, 2);
        const lines = fs.readFileSync(csv, "utf8").trim().split("\n");
        assert.equal(
            lines[0],
            "difference,failed,object_key,source_version_id,target_version_id,source_etag,target_etag,source_size,target_size,source_last_modified,replication_status",
        );
        assert.deepEqual(
            lines.slice(1).map((l) => l.split(",").slice(0, 3).join(",")),
            [
                "extra,false,extra.txt",
                "inflight,false,in-flight.txt",
                "mismatched,false,changed.txt",
                "missing,true,failed.txt",
                "missing,false,missing.txt",
                "ok,true,failed-but-present.txt",
            ],
        );
    });

    it("reports progress on stderr, never on stdout", async () => {
        const m = await writeScenario(root);
        const { deps, out, err } = captureDeps();
        await reconcileMain(["--source", m.source, "--target", m.target, "--json"], deps);
        assert.doesNotThrow(() => JSON.parse(out.join("\n")));
        assert.ok(
            err.some((l) => /^target: 9 rows read from 3\/3 files \(\d+ rows\/s\)$/.test(l)),
            err.join("\n"),
        );
    });
});

describe("reconcile: bad input is one line and exit 2", function () {
    this.timeout(60_000);
    let root: string;
    beforeEach(() => (root = tempRoot()));
    afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

    async function run(args: string[]) {
        const { deps, out, err } = captureDeps();
        const code = await reconcileMain(args, deps);
        return { code, out, err };
    }

    it("a manifest whose data file is missing", async () => {
        const m = await writeScenario(root);
        const data = path.join(path.dirname(path.dirname(m.target)), "data");
        const gone = fs.readdirSync(data)[1];
        fs.rmSync(path.join(data, gone));
        const r = await run(["--source", m.source, "--target", m.target]);
        assert.equal(r.code, 2);
        assert.equal(r.err.length, 1);
        assert.match(
            r.err[0],
            new RegExp(
                `^reconcile: ${m.target.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: data file .*${gone} is missing`,
            ),
        );
    });

    it("a manifest whose schema lacks Key", async () => {
        const m = await writeScenario(root);
        const doc = JSON.parse(fs.readFileSync(m.source, "utf8"));
        doc.fileSchema = doc.fileSchema.replace("Key, ", "");
        fs.writeFileSync(m.source, JSON.stringify(doc));
        const r = await run(["--source", m.source, "--target", m.target]);
        assert.equal(r.code, 2);
        assert.deepEqual(r.err, [
            `reconcile: ${m.source}: fileSchema has no Key column (Bucket, Size, LastModifiedDate, ETag, StorageClass, ReplicationStatus, EncryptionStatus); reconcile needs Key, Size, ETag and LastModifiedDate`,
        ]);
    });

    const cases: [string, string[], RegExp][] = [
        ["no --source", ["--target", "t.json"], /^reconcile: --source is required \(usage: npm run reconcile -- /],
        [
            "a manifest that does not exist",
            ["--source", "/nonexistent/manifest.json", "--target", "t"],
            /^reconcile: \/nonexistent\/manifest\.json: no such file$/,
        ],
        [
            "an unknown engine",
            ["--source", "s", "--target", "t", "--engine", "spark"],
            /^reconcile: --engine must be duckdb or athena, got "spark"/,
        ],
        [
            "a bad --limit",
            ["--source", "s", "--target", "t", "--limit", "ten"],
            /^reconcile: --limit must be a whole number >= 0/,
        ],
        [
            "a bad s3 URL",
            ["--source", "s3://bucket-only", "--target", "t"],
            /^reconcile: --source s3:\/\/bucket-only is not an s3:\/\/bucket\/key URL/,
        ],
        [
            "athena on local manifests",
            ["--source", "s", "--target", "t", "--engine", "athena", "--workgroup", "w", "--database", "d"],
            /^reconcile: --engine athena reads inventories where they lie/,
        ],
        ...[
            ["s3://b/k", "t"],
            ["s", "s3://b/k"],
        ].map(([source, target]): [string, string[], RegExp] => [
            `athena with ${source} and ${target}: one local manifest is enough to refuse`,
            ["--source", source, "--target", target, "--engine", "athena", "--workgroup", "w", "--database", "d"],
            /^reconcile: --engine athena reads inventories where they lie: --source and --target must be s3:\/\/ manifests \(usage:/,
        ]),
        [
            "athena without a workgroup",
            ["--source", "s3://b/k", "--target", "s3://b/k", "--engine", "athena"],
            /^reconcile: --engine athena needs --workgroup and --database/,
        ],
        [
            "a bad memory limit",
            ["--source", "s", "--target", "t", "--memory-limit", "lots"],
            /^reconcile: --memory-limit must be a size such as 2GB/,
        ],
        [
            "an --out folder that does not exist",
            ["--source", "s", "--target", "t", "--out", "/nonexistent/x.csv"],
            /^reconcile: --out \/nonexistent\/x\.csv: the folder \/nonexistent does not exist/,
        ],
    ];
    for (const [what, args, message] of cases) {
        it(what, async () => {
            const r = await run(args);
            assert.equal(r.code, 2, r.err.join("\n"));
            assert.equal(r.err.length, 1, r.err.join("\n"));
            assert.match(r.err[0], message);
            assert.deepEqual(r.out, []);
        });
    }
});
