// reconcile of s3:// manifests against a real S3 API on loopback (moto_server): the manifest and its
// data files are read with the SDK, exactly as from the inventories' own buckets.
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { CreateBucketCommand, DeleteObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { reconcileMain } from "../../../operations/reconcile/reconcileCommand";
import { downloadInventory, readS3Manifest } from "../../../operations/reconcile/s3Inventory";
import { motoClientConfig, useMotoServer } from "../../support/motoServer";
import { captureDeps, tempRoot, writeScenario } from "./scenario";

/** Uploads every file below `folder` to `bucket`, keyed by its path relative to `folder`. */
async function upload(s3: S3Client, bucket: string, folder: string) {
    await s3.send(
        new CreateBucketCommand({
            Bucket: bucket,
            CreateBucketConfiguration: { LocationConstraint: "ap-northeast-1" },
        }),
    );
    const walk = (dir: string): string[] =>
        fs
            .readdirSync(dir, { withFileTypes: true })
            .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    for (const file of walk(folder)) {
        await s3.send(
            new PutObjectCommand({
                Bucket: bucket,
                Key: path.relative(folder, file).split(path.sep).join("/"),
                Body: fs.readFileSync(file),
            }),
        );
    }
}

const key = (root: string, manifest: string) => path.relative(root, manifest).split(path.sep).join("/");

describe("reconcile of s3:// manifests (moto_server)", function () {
    this.timeout(120_000);
    const moto = useMotoServer();
    let root: string;
    beforeEach(() => (root = tempRoot()));
    afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

    async function setUp() {
        const m = await writeScenario(root);
        const s3 = new S3Client(motoClientConfig(moto.endpoint));
        await upload(s3, "acme-manifest-111111111111-ap-northeast-1", path.join(root, "source-manifests"));
        await upload(s3, "acme-manifest-222222222222-ap-northeast-1", path.join(root, "target-manifests"));
        return {
            s3,
            source: `s3://acme-manifest-111111111111-ap-northeast-1/${key(path.join(root, "source-manifests"), m.source)}`,
            target: `s3://acme-manifest-222222222222-ap-northeast-1/${key(path.join(root, "target-manifests"), m.target)}`,
            targetDataKeys: JSON.parse(fs.readFileSync(m.target, "utf8")).files.map(
                (f: { key: string }) => f.key,
            ) as string[],
        };
    }

    it("reads both inventories from S3 and finds the same differences as from disk", async () => {
        const { s3, source, target } = await setUp();
        const { deps, out } = captureDeps({ s3: () => s3 });
        assert.equal(await reconcileMain(["--source", source, "--target", target, "--json"], deps), 1);
        const r = JSON.parse(out.join("\n"));
        assert.deepEqual(r.counts, { missing: 2, mismatched: 1, extra: 1, failed: 2, inFlight: 1 });
        assert.deepEqual(r.source.objects, 11);
    });

    it("a data file missing from S3 is one line naming it, exit 2", async () => {
        const { s3, source, target, targetDataKeys } = await setUp();
        await s3.send(
            new DeleteObjectCommand({ Bucket: "acme-manifest-222222222222-ap-northeast-1", Key: targetDataKeys[2] }),
        );
        const { deps, err } = captureDeps({ s3: () => s3 });
        assert.equal(await reconcileMain(["--source", source, "--target", target], deps), 2);
        assert.deepEqual(
            err.filter((l) => l.startsWith("reconcile:")),
            [
                `reconcile: ${target}: data file s3://acme-manifest-222222222222-ap-northeast-1/${targetDataKeys[2]} is missing`,
            ],
        );
    });

    it("a manifest that is not there is one line with S3's error, exit 2", async () => {
        const { s3, target } = await setUp();
        const { deps, err } = captureDeps({ s3: () => s3 });
        const missing = "s3://acme-manifest-111111111111-ap-northeast-1/inventory/nope/manifest.json";
        assert.equal(await reconcileMain(["--source", missing, "--target", target], deps), 2);
        assert.deepEqual(err, [`reconcile: ${missing}: no such object (NoSuchKey)`]);
    });

    it("downloads the data files in manifest order into a folder it creates, parents included", async () => {
        const { s3, target, targetDataKeys } = await setUp();
        const dir = path.join(root, "scratch", "deep", "target");
        const progress: string[] = [];
        const local = await downloadInventory(s3, await readS3Manifest(s3, target), dir, (l) => progress.push(l));
        assert.deepEqual(
            local.files,
            targetDataKeys.map((k, i) => path.join(dir, `${String(i).padStart(5, "0")}-${path.posix.basename(k)}`)),
        );
        assert.ok(local.files.every((f) => fs.statSync(f).size > 0));
        assert.equal(
            progress.at(-1),
            `downloaded ${targetDataKeys.length}/${targetDataKeys.length} data files of ${target}`,
        );
    });
});
