// An S3 Inventory manifest (manifest.json): its schema, creation time and data files, read from a local
// folder tree laid out as S3 Inventory writes it, with one-line errors naming the file.
import * as fs from "fs";
import * as path from "path";
import { PreflightError } from "../common/cli";

/** The columns reconcile reads, by their names in `fileSchema`; any others are read and ignored. */
export const KNOWN_COLUMNS = [
    "Bucket",
    "Key",
    "VersionId",
    "IsLatest",
    "IsDeleteMarker",
    "Size",
    "LastModifiedDate",
    "ETag",
    "ReplicationStatus",
] as const;

export interface InventoryManifest {
    /** Where the manifest was read from (a local path or an s3:// URL), for messages. */
    location: string;
    /** The inventoried bucket. */
    sourceBucket: string;
    /** The bucket the inventory was delivered to (name, not ARN). */
    destinationBucket: string;
    /** When S3 started writing this inventory. */
    createdAt: Date;
    /** Column names in file order, as `fileSchema` gives them. */
    columns: string[];
    /** Data file keys in the destination bucket, as the manifest lists them. */
    fileKeys: string[];
}

function bad(location: string, what: string): never {
    throw new PreflightError(`${location}: ${what}`);
}

/** Parses manifest.json text; every problem is one line naming `location`. */
export function parseManifest(text: string, location: string): InventoryManifest {
    let doc: Record<string, unknown>;
    try {
        doc = JSON.parse(text);
    } catch (e) {
        bad(location, `not JSON (${(e as Error).message})`);
    }
    if (typeof doc !== "object" || doc === null || Array.isArray(doc)) bad(location, "not an S3 Inventory manifest");
    if (doc.fileFormat !== "CSV")
        bad(location, `fileFormat ${JSON.stringify(doc.fileFormat)} is not supported; reconcile reads CSV inventories`);
    if (typeof doc.sourceBucket !== "string" || doc.sourceBucket === "") bad(location, "sourceBucket is missing");
    if (typeof doc.destinationBucket !== "string") bad(location, "destinationBucket is missing");
    const created = Number(doc.creationTimestamp);
    if (typeof doc.creationTimestamp !== "string" || !Number.isFinite(created) || created <= 0)
        bad(location, `creationTimestamp ${JSON.stringify(doc.creationTimestamp)} is not milliseconds since 1970`);
    if (typeof doc.fileSchema !== "string") bad(location, "fileSchema is missing");
    const columns = doc.fileSchema
        .split(",")
        .map((c) => c.trim())
        .filter((c) => c !== "");
    for (const required of ["Key", "Size", "ETag", "LastModifiedDate"]) {
        if (!columns.includes(required))
            bad(
                location,
                `fileSchema has no ${required} column (${columns.join(", ")}); reconcile needs Key, Size, ETag and LastModifiedDate`,
            );
    }
    if (new Set(columns).size !== columns.length) bad(location, `fileSchema names a column twice (${doc.fileSchema})`);
    if (columns.includes("IsLatest") !== columns.includes("IsDeleteMarker"))
        bad(location, "fileSchema has one of IsLatest and IsDeleteMarker without the other");
    if (!Array.isArray(doc.files) || doc.files.length === 0) bad(location, "files lists no data file");
    const fileKeys = (doc.files as unknown[]).map((f, i) => {
        const key = (f as { key?: unknown })?.key;
        if (typeof key !== "string" || key === "") bad(location, `files[${i}] has no key`);
        return key;
    });
    return {
        location,
        sourceBucket: doc.sourceBucket,
        destinationBucket: doc.destinationBucket.replace(/^arn:aws[a-z-]*:s3:::/, ""),
        createdAt: new Date(created),
        columns,
        fileKeys,
    };
}

/**
 * The folder of the inventory configuration, `<prefix>/<source bucket>/<configuration id>/`, as a key
 * prefix: S3 writes the dated manifest folders and the `data/` folder side by side below it.
 */
export function configurationFolderKey(manifest: InventoryManifest, fileKey: string): string {
    const parts = fileKey.split("/");
    const at = parts.lastIndexOf(manifest.sourceBucket);
    if (at < 0 || at + 2 >= parts.length)
        bad(manifest.location, `data file ${fileKey} is not below <prefix>/${manifest.sourceBucket}/<configuration>/`);
    return parts.slice(0, at + 2).join("/") + "/";
}

/**
 * Local paths of the data files of a manifest read from disk: the manifest sits in a dated folder of the
 * configuration folder, and each data file key is mapped below that same configuration folder.
 */
export function localDataFiles(manifest: InventoryManifest, manifestPath: string): string[] {
    const configurationFolder = path.dirname(path.dirname(path.resolve(manifestPath)));
    return manifest.fileKeys.map((key) => {
        const file = path.join(configurationFolder, key.slice(configurationFolderKey(manifest, key).length));
        if (!fs.existsSync(file)) bad(manifest.location, `data file ${key} is missing (looked for ${file})`);
        return file;
    });
}

/** Reads and parses a local manifest.json; a missing or unreadable file is one line. */
export function readLocalManifest(manifestPath: string): { manifest: InventoryManifest; files: string[] } {
    let text: string;
    try {
        text = fs.readFileSync(manifestPath, "utf8");
    } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new PreflightError(
            `${manifestPath}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a folder, not a manifest.json" : (e as Error).message}`,
        );
    }
    const manifest = parseManifest(text, manifestPath);
    return { manifest, files: localDataFiles(manifest, manifestPath) };
}
