// A source and a target inventory with one object of every difference class, written as S3 Inventory
// writes them; shared by the reconcile tests.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CURRENT_FIELDS, InventoryObject, writeInventory } from "../../../bench/inventoryWriter";
import { ReconcileDeps } from "../../../operations/reconcile/reconcileCommand";

export const SOURCE_BUCKET = "acme-data-111111111111-ap-northeast-1";
export const TARGET_BUCKET = "acme-replica-222222222222-ap-northeast-1";
/** When the target inventory was created; the in-flight window is the 15 minutes before it. */
export const TARGET_CREATED = new Date("2026-12-01T01:00:00.000Z");
export const OLD = "2026-11-30T10:00:00.000Z";
/** Inside the window: changed 5 minutes before the target inventory. */
export const RECENT = "2026-12-01T00:55:00.000Z";

const obj = (key: string, etag: string, extra: Partial<InventoryObject> = {}): InventoryObject => ({
    key,
    size: 100,
    lastModified: OLD,
    etag,
    replicationStatus: "COMPLETED",
    ...extra,
});

/** Keys S3 Inventory must encode: spaces, +, %, commas, quotes, non-ASCII. Identical on both sides. */
export const AWKWARD_KEYS = [
    "with space.txt",
    "plus+sign.txt",
    "100%done.txt",
    "a,b.csv",
    'say "hi".txt',
    "日本語/ファイル.txt",
];

export const SOURCE_OBJECTS: InventoryObject[] = [
    ...AWKWARD_KEYS.map((k, i) => obj(k, `e${i}`)),
    obj("missing.txt", "m1"),
    obj("in-flight.txt", "f1", { lastModified: RECENT, replicationStatus: "PENDING" }),
    obj("changed.txt", "c-source"),
    obj("failed.txt", "x1", { lastModified: RECENT, replicationStatus: "FAILED" }),
    obj("failed-but-present.txt", "x2", { replicationStatus: "FAILED" }),
];

export const TARGET_OBJECTS: InventoryObject[] = [
    ...AWKWARD_KEYS.map((k, i) => obj(k, `e${i}`, { replicationStatus: "REPLICA" })),
    obj("changed.txt", "c-target", { replicationStatus: "REPLICA" }),
    obj("failed-but-present.txt", "x2", { replicationStatus: "REPLICA" }),
    obj("extra.txt", "z1", { replicationStatus: "REPLICA" }),
];

/** The target's columns in another order than the source's, as another configuration may write them. */
export const TARGET_FIELDS = [
    "Bucket",
    "Key",
    "ETag",
    "ReplicationStatus",
    "LastModifiedDate",
    "Size",
    "EncryptionStatus",
    "StorageClass",
];

export function tempRoot(): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), "reconcile-test-"));
}

/** Writes both inventories below `root`; returns the two manifest paths. */
export async function writeScenario(
    root: string,
    source: InventoryObject[] = SOURCE_OBJECTS,
    target: InventoryObject[] = TARGET_OBJECTS,
): Promise<{ source: string; target: string }> {
    return {
        source: await writeInventory(
            {
                root: path.join(root, "source-manifests"),
                sourceBucket: SOURCE_BUCKET,
                destinationBucket: "acme-manifest-111111111111-ap-northeast-1",
                createdAt: new Date("2026-12-01T00:30:00.000Z"),
                fields: CURRENT_FIELDS,
            },
            source,
        ),
        target: await writeInventory(
            {
                root: path.join(root, "target-manifests"),
                sourceBucket: TARGET_BUCKET,
                destinationBucket: "acme-manifest-222222222222-ap-northeast-1",
                createdAt: TARGET_CREATED,
                fields: TARGET_FIELDS,
                files: 3,
            },
            target,
        ),
    };
}

/** Dependencies that capture stdout and stderr; no S3 or Athena unless a test passes its own. */
export function captureDeps(overrides: Partial<ReconcileDeps> = {}) {
    const out: string[] = [];
    const err: string[] = [];
    const deps: ReconcileDeps = {
        io: { out: (l) => out.push(l), err: (l) => err.push(l) },
        s3: () => {
            throw new Error("no S3 in this test");
        },
        athena: () => {
            throw new Error("no Athena in this test");
        },
        scratch: tempRoot,
        ...overrides,
    };
    return { deps, out, err };
}

/** The scenario with the example project's bucket names (Tokyo's data bucket against account B's replica), for the docs. */
export async function writeExampleScenario(root: string): Promise<{ source: string; target: string }> {
    return {
        source: await writeInventory(
            {
                root: path.join(root, "tokyo"),
                sourceBucket: "example-s3mr-data-111111111111-ap-northeast-1",
                destinationBucket: "example-s3mr-manifest-111111111111-ap-northeast-1",
                createdAt: new Date("2026-12-01T00:30:00.000Z"),
                fields: CURRENT_FIELDS,
            },
            SOURCE_OBJECTS,
        ),
        target: await writeInventory(
            {
                root: path.join(root, "dest"),
                sourceBucket: "example-s3mr-replica-222222222222-ap-northeast-1",
                destinationBucket: "example-s3mr-manifest-222222222222-ap-northeast-1",
                createdAt: TARGET_CREATED,
                fields: TARGET_FIELDS,
                files: 3,
            },
            TARGET_OBJECTS,
        ),
    };
}
