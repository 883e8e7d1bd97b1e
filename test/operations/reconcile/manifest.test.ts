// The S3 Inventory manifest reader on its own: each refusal is one exact line naming the manifest, and the
// configuration folder and s3:// URL rules hold for keys other than the scenario's.
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { S3Client } from "@aws-sdk/client-s3";
import { PreflightError } from "../../../operations/common/cli";
import {
    configurationFolderKey,
    InventoryManifest,
    parseManifest,
    readLocalManifest,
} from "../../../operations/reconcile/manifest";
import { createTableSql } from "../../../operations/reconcile/athenaEngine";
import { hiveSymlinkFolder, parseS3Url, readS3Manifest } from "../../../operations/reconcile/s3Inventory";
import { tempRoot } from "./scenario";

const AT = "inv/manifest.json";
const GOOD = {
    sourceBucket: "acme-src",
    destinationBucket: "arn:aws:s3:::acme-inv",
    fileFormat: "CSV",
    fileSchema: "Bucket, Key, Size, ETag, LastModifiedDate",
    creationTimestamp: "1764633600000",
    files: [{ key: "inv/acme-src/daily/data/a.csv.gz" }],
};
const manifestText = (patch: Record<string, unknown>) => JSON.stringify({ ...GOOD, ...patch });
const refusal = (text: string) => () => parseManifest(text, AT);
const line = (what: string) => ({ name: "PreflightError", message: `${AT}: ${what}` });

describe("parseManifest", () => {
    it("reads a CSV manifest: columns trimmed, the destination ARN reduced to the bucket name", () => {
        assert.deepEqual(parseManifest(manifestText({}), AT), {
            location: AT,
            sourceBucket: "acme-src",
            destinationBucket: "acme-inv",
            createdAt: new Date(1764633600000),
            columns: ["Bucket", "Key", "Size", "ETag", "LastModifiedDate"],
            fileKeys: ["inv/acme-src/daily/data/a.csv.gz"],
        });
    });

    it("an empty column in the schema (a trailing comma) is no column", () => {
        assert.deepEqual(
            parseManifest(manifestText({ fileSchema: "Bucket, Key,, Size, ETag, LastModifiedDate," }), AT).columns,
            ["Bucket", "Key", "Size", "ETag", "LastModifiedDate"],
        );
    });

    it("refuses text that is not JSON, naming the parser's complaint", () => {
        assert.throws(refusal("{"), (e: Error) => {
            assert.ok(e instanceof PreflightError);
            assert.match(e.message, /^inv\/manifest\.json: not JSON \(.+\)$/);
            return true;
        });
    });

    it("refuses JSON that is not an object: null, an array, a string", () => {
        for (const text of ["null", "[]", '"CSV"', "42"])
            assert.throws(refusal(text), line("not an S3 Inventory manifest"), text);
    });

    it("refuses another file format", () => {
        assert.throws(
            refusal(manifestText({ fileFormat: "Parquet" })),
            line('fileFormat "Parquet" is not supported; reconcile reads CSV inventories'),
        );
    });

    it("refuses a missing, empty or non-string sourceBucket, and a missing destinationBucket", () => {
        for (const sourceBucket of [undefined, "", 7])
            assert.throws(
                refusal(manifestText({ sourceBucket })),
                line("sourceBucket is missing"),
                String(sourceBucket),
            );
        assert.throws(refusal(manifestText({ destinationBucket: undefined })), line("destinationBucket is missing"));
    });

    it("refuses a creation time that is not a positive millisecond string", () => {
        for (const creationTimestamp of [1764633600000, "soon", "0", "-5"])
            assert.throws(
                refusal(manifestText({ creationTimestamp })),
                line(`creationTimestamp ${JSON.stringify(creationTimestamp)} is not milliseconds since 1970`),
            );
        assert.equal(parseManifest(manifestText({ creationTimestamp: "1" }), AT).createdAt.getTime(), 1);
    });

    it("refuses a missing schema, a required column left out, a column named twice and half a versions pair", () => {
        assert.throws(refusal(manifestText({ fileSchema: undefined })), line("fileSchema is missing"));
        assert.throws(
            refusal(manifestText({ fileSchema: "Bucket, Key, Size, LastModifiedDate" })),
            line(
                "fileSchema has no ETag column (Bucket, Key, Size, LastModifiedDate); reconcile needs Key, Size, ETag and LastModifiedDate",
            ),
        );
        assert.throws(
            refusal(manifestText({ fileSchema: "Key, Size, ETag, LastModifiedDate, Size" })),
            line("fileSchema names a column twice (Key, Size, ETag, LastModifiedDate, Size)"),
        );
        assert.throws(
            refusal(manifestText({ fileSchema: "Key, Size, ETag, LastModifiedDate, IsLatest" })),
            line("fileSchema has one of IsLatest and IsDeleteMarker without the other"),
        );
    });

    it("refuses no data files, and a data file without a key, naming its index", () => {
        for (const files of [undefined, []])
            assert.throws(refusal(manifestText({ files })), line("files lists no data file"));
        for (const bad of [{}, { key: "" }, { key: 3 }, null])
            assert.throws(
                refusal(manifestText({ files: [{ key: "inv/acme-src/daily/data/a.csv.gz" }, bad] })),
                line("files[1] has no key"),
                JSON.stringify(bad),
            );
    });
});

describe("configurationFolderKey", () => {
    const manifest = parseManifest(manifestText({}), AT) as InventoryManifest;

    it("is the folder two levels below the last path segment naming the source bucket", () => {
        assert.equal(configurationFolderKey(manifest, "inv/acme-src/daily/data/a.csv.gz"), "inv/acme-src/daily/");
        assert.equal(configurationFolderKey(manifest, "acme-src/acme-src/daily/x.csv"), "acme-src/acme-src/daily/");
        assert.equal(configurationFolderKey(manifest, "acme-src/daily/x.csv"), "acme-src/daily/");
    });

    it("refuses a key without the source bucket, or with nothing below the configuration", () => {
        for (const key of ["inv/other/daily/data/a.csv.gz", "inv/acme-src/daily", "inv/acme-src"])
            assert.throws(
                () => configurationFolderKey(manifest, key),
                line(`data file ${key} is not below <prefix>/acme-src/<configuration>/`),
                key,
            );
    });
});

describe("readLocalManifest", () => {
    let root: string;
    beforeEach(() => (root = tempRoot()));
    afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

    it("names a missing file and a folder given for a manifest", () => {
        const missing = path.join(root, "nope.json");
        assert.throws(() => readLocalManifest(missing), {
            name: "PreflightError",
            message: `${missing}: no such file`,
        });
        assert.throws(() => readLocalManifest(root), {
            name: "PreflightError",
            message: `${root}: is a folder, not a manifest.json`,
        });
    });
});

describe("s3:// manifest URLs", () => {
    it("splits s3://bucket/key and nothing else", () => {
        assert.deepEqual(parseS3Url("s3://acme-inv/a/b/manifest.json"), {
            bucket: "acme-inv",
            key: "a/b/manifest.json",
        });
        for (const url of [
            "x s3://acme-inv/a",
            "s3://acme-inv/a\nb",
            "s3://acme-inv/",
            "s3:///a",
            "https://acme-inv/a",
        ])
            assert.equal(parseS3Url(url), undefined, url);
    });

    const failingS3 = (name: string) =>
        ({
            send: async () => {
                throw Object.assign(new Error("refused"), { name });
            },
        }) as unknown as S3Client;

    it("refuses a URL that is not s3://bucket/key before asking S3", async () => {
        await assert.rejects(readS3Manifest(failingS3("AccessDenied"), "/tmp/manifest.json"), {
            name: "PreflightError",
            message: "/tmp/manifest.json: not an s3://bucket/key URL",
        });
    });

    it("names a missing object for each of S3's not-found errors, and passes any other error on", async () => {
        for (const name of ["NoSuchKey", "NotFound", "NoSuchBucket"])
            await assert.rejects(readS3Manifest(failingS3(name), "s3://acme-inv/m.json"), {
                name: "PreflightError",
                message: `s3://acme-inv/m.json: no such object (${name})`,
            });
        await assert.rejects(readS3Manifest(failingS3("AccessDenied"), "s3://acme-inv/m.json"), {
            name: "AccessDenied",
            message: "refused",
        });
    });
});

describe("the Athena table over an inventory", () => {
    const inv = (key: string) => ({
        manifest: parseManifest(manifestText({}), AT),
        manifestAt: { bucket: "acme-inv", key },
    });

    it("is an OpenCSVSerde table of string columns read through the hive symlink folder of the manifest's date", () => {
        assert.equal(
            createTableSql("inv", "t1", inv("inv/acme-src/daily/2026-12-01T01-00Z/manifest.json")),
            [
                "CREATE EXTERNAL TABLE IF NOT EXISTS `inv`.`t1` (",
                "  `bucket` string,",
                "  `key` string,",
                "  `size` string,",
                "  `etag` string,",
                "  `lastmodifieddate` string",
                ")",
                "ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde'",
                "STORED AS INPUTFORMAT 'org.apache.hadoop.hive.ql.io.SymlinkTextInputFormat'",
                "OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'",
                "LOCATION 's3://acme-inv/inv/acme-src/daily/hive/dt=2026-12-01-01-00/'",
            ].join("\n"),
        );
    });

    it("refuses a manifest outside a dated folder", () => {
        const key = "inv/acme-src/daily/x2026-12-01T01-00Z/manifest.json";
        assert.throws(() => hiveSymlinkFolder(inv(key)), {
            name: "PreflightError",
            message: `s3://acme-inv/${key}: not in a dated folder such as 2026-12-01T01-00Z, as S3 Inventory writes it`,
        });
    });
});
