// Writes inventories exactly as S3 Inventory lays them out (manifest.json in a dated folder, gzipped CSV
// data files in data/, a Hive symlink for Athena), for the reconcile tests and benchmark.
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { once } from "events";

export interface InventoryObject {
    key: string;
    versionId?: string;
    isLatest?: boolean;
    isDeleteMarker?: boolean;
    size: number;
    /** ISO 8601, as S3 Inventory writes LastModifiedDate. */
    lastModified: string;
    etag: string;
    replicationStatus?: string;
}

export interface InventoryLayout {
    /** The folder standing for the destination bucket's root. */
    root: string;
    sourceBucket: string;
    destinationBucket: string;
    /** The inventory configuration's destination prefix. @default "inventory" */
    prefix?: string;
    /** @default "existing-objects" */
    configurationId?: string;
    createdAt: Date;
    /** `fileSchema` fields in file order (Bucket and Key first, as S3 writes them). */
    fields: readonly string[];
    /** How many data files the rows are spread over. @default 1 */
    files?: number;
}

/** A key as S3 Inventory writes it in CSV: URL-encoded, a space as `+`. */
export function encodeInventoryKey(key: string): string {
    return encodeURIComponent(key)
        .replace(/%20/g, "+")
        .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const csvField = (v: string) => `"${v.replace(/"/g, '""')}"`;

/** One CSV line of `fields` for `o` in `bucket`. */
export function inventoryLine(bucket: string, fields: readonly string[], o: InventoryObject): string {
    const values: Record<string, string> = {
        Bucket: bucket,
        Key: encodeInventoryKey(o.key),
        VersionId: o.versionId ?? "",
        IsLatest: String(o.isLatest ?? true),
        IsDeleteMarker: String(o.isDeleteMarker ?? false),
        Size: o.isDeleteMarker ? "" : String(o.size),
        LastModifiedDate: o.lastModified,
        ETag: o.isDeleteMarker ? "" : o.etag,
        StorageClass: "STANDARD",
        ReplicationStatus: o.replicationStatus ?? "",
        EncryptionStatus: "SSE-S3",
    };
    return fields.map((f) => csvField(values[f] ?? "")).join(",");
}

/** The dated folder name S3 uses, e.g. `2026-12-01T01-00Z`. */
export function datedFolder(d: Date): string {
    return d.toISOString().slice(0, 16).replace(":", "-") + "Z";
}

/** Writes the inventory; returns the path of its manifest.json. */
export async function writeInventory(layout: InventoryLayout, objects: Iterable<InventoryObject>): Promise<string> {
    const prefix = layout.prefix ?? "inventory";
    const configurationId = layout.configurationId ?? "existing-objects";
    const configKey = `${prefix}/${layout.sourceBucket}/${configurationId}/`;
    const configFolder = path.join(layout.root, ...configKey.split("/").filter(Boolean));
    const dated = datedFolder(layout.createdAt);
    fs.mkdirSync(path.join(configFolder, "data"), { recursive: true });
    fs.mkdirSync(path.join(configFolder, dated), { recursive: true });
    const fileCount = Math.max(1, layout.files ?? 1);
    const stamp = layout.createdAt.getTime();
    const keys = Array.from(
        { length: fileCount },
        (_, i) => `${configKey}data/${stamp}-${String(i).padStart(4, "0")}.csv.gz`,
    );
    const outs = keys.map((k) => {
        const gz = zlib.createGzip({ level: 6 });
        const file = fs.createWriteStream(path.join(configFolder, k.slice(configKey.length)));
        gz.pipe(file);
        return { gz, file, buffer: [] as string[] };
    });
    let n = 0;
    for (const o of objects) {
        const out = outs[n++ % fileCount];
        out.buffer.push(inventoryLine(layout.sourceBucket, layout.fields, o));
        if (out.buffer.length >= 5000) {
            if (!out.gz.write(out.buffer.join("\n") + "\n")) await once(out.gz, "drain");
            out.buffer = [];
        }
    }
    for (const out of outs) {
        if (out.buffer.length > 0) out.gz.write(out.buffer.join("\n") + "\n");
        out.gz.end();
        await once(out.file, "close");
    }
    const manifest = {
        sourceBucket: layout.sourceBucket,
        destinationBucket: `arn:aws:s3:::${layout.destinationBucket}`,
        version: "2016-11-30",
        creationTimestamp: String(stamp),
        fileFormat: "CSV",
        fileSchema: layout.fields.join(", "),
        files: keys.map((key) => ({
            key,
            size: fs.statSync(path.join(configFolder, key.slice(configKey.length))).size,
            MD5checksum: "",
        })),
    };
    const manifestPath = path.join(configFolder, dated, "manifest.json");
    fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
    // Athena reads an inventory through this symlink file (SymlinkTextInputFormat), one data file a line.
    const hive = path.join(configFolder, "hive", `dt=${dated.slice(0, 10)}-${dated.slice(11, 16)}`);
    fs.mkdirSync(hive, { recursive: true });
    fs.writeFileSync(
        path.join(hive, "symlink.txt"),
        keys.map((k) => `s3://${layout.destinationBucket}/${k}`).join("\n") + "\n",
    );
    return manifestPath;
}

/** Fields of an inventory of current versions, as this platform configures it. */
export const CURRENT_FIELDS = [
    "Bucket",
    "Key",
    "Size",
    "LastModifiedDate",
    "ETag",
    "StorageClass",
    "ReplicationStatus",
    "EncryptionStatus",
];
/** Fields of an inventory of all versions. */
export const ALL_VERSIONS_FIELDS = [
    "Bucket",
    "Key",
    "VersionId",
    "IsLatest",
    "IsDeleteMarker",
    "Size",
    "LastModifiedDate",
    "ETag",
    "ReplicationStatus",
];
