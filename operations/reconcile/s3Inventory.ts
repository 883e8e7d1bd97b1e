// Inventories that lie in S3: the manifest read with the SDK and, for the embedded engine, its data
// files streamed to a local folder. Every failure is one line naming the s3:// location.
import * as fs from "fs";
import * as path from "path";
import { pipeline } from "stream/promises";
import { Readable } from "stream";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { PreflightError } from "../common/cli";
import { configurationFolderKey, InventoryManifest, parseManifest } from "./manifest";
import { LocalInventory } from "./duckdbEngine";

export interface S3Location {
    bucket: string;
    key: string;
}

/** `s3://bucket/key` → its parts; undefined for anything else. */
export function parseS3Url(url: string): S3Location | undefined {
    const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(url);
    return m ? { bucket: m[1], key: m[2] } : undefined;
}

function missing(e: unknown): boolean {
    const name = (e as { name?: string }).name;
    return name === "NoSuchKey" || name === "NotFound" || name === "NoSuchBucket";
}

async function getObject(s3: S3Client, at: S3Location) {
    try {
        return await s3.send(new GetObjectCommand({ Bucket: at.bucket, Key: at.key }));
    } catch (e) {
        if (missing(e)) throw new PreflightError(`s3://${at.bucket}/${at.key}: no such object (${(e as Error).name})`);
        throw e;
    }
}

/** An inventory in S3: its manifest and where its data files and its Athena symlink folder lie. */
export interface S3Inventory {
    manifest: InventoryManifest;
    manifestAt: S3Location;
}

export async function readS3Manifest(s3: S3Client, url: string): Promise<S3Inventory> {
    const at = parseS3Url(url);
    if (!at) throw new PreflightError(`${url}: not an s3://bucket/key URL`);
    const body = await getObject(s3, at);
    const manifest = parseManifest(await body.Body!.transformToString(), url);
    return { manifest, manifestAt: at };
}

/**
 * The Hive symlink folder S3 writes beside the dated manifest folders, `hive/dt=YYYY-MM-DD-HH-MM/`:
 * Athena reads exactly this inventory's data files through it.
 */
export function hiveSymlinkFolder(inv: S3Inventory): string {
    const dated = path.posix.basename(path.posix.dirname(inv.manifestAt.key));
    const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}-\d{2})Z$/.exec(dated);
    if (!m)
        throw new PreflightError(
            `s3://${inv.manifestAt.bucket}/${inv.manifestAt.key}: not in a dated folder such as 2026-12-01T01-00Z, as S3 Inventory writes it`,
        );
    const config = configurationFolderKey(inv.manifest, inv.manifest.fileKeys[0]);
    return `s3://${inv.manifest.destinationBucket}/${config}hive/dt=${m[1]}-${m[2]}/`;
}

/** Streams the data files into `dir` (never whole in memory); progress after each file. */
export async function downloadInventory(
    s3: S3Client,
    inv: S3Inventory,
    dir: string,
    progress: (line: string) => void,
): Promise<LocalInventory> {
    fs.mkdirSync(dir, { recursive: true });
    const files: string[] = [];
    for (const [i, key] of inv.manifest.fileKeys.entries()) {
        const body = await getObject(s3, { bucket: inv.manifest.destinationBucket, key }).catch((e) => {
            if (e instanceof PreflightError)
                throw new PreflightError(
                    `${inv.manifest.location}: data file s3://${inv.manifest.destinationBucket}/${key} is missing`,
                );
            throw e;
        });
        const file = path.join(dir, `${String(i).padStart(5, "0")}-${path.posix.basename(key)}`);
        await pipeline(body.Body as Readable, fs.createWriteStream(file));
        files.push(file);
        progress(`downloaded ${i + 1}/${inv.manifest.fileKeys.length} data files of ${inv.manifest.location}`);
    }
    return { manifest: inv.manifest, files };
}
