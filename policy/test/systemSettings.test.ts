// The system view's settings from separate resources: public access blocks, versioning and ownership not known, attachments.

import * as assert from "node:assert/strict";

import { T } from "../lib/types";
import { UNKNOWN, UNKNOWN_SENTINEL } from "../lib/values";
import { bucket, system } from "./systemFixtures";

const on = (type: string, name: string, bucketName: unknown, props: Record<string, unknown> = {}) => ({
    type,
    name,
    props: { bucket: bucketName, ...props },
});
const ALL_ON = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };

describe("lib: system view, settings from separate resources", () => {
    it("reads a bucket's public access block, and an account-wide one only when it sets all four flags", () => {
        const pab = (over: Record<string, unknown>) => on(T.publicAccessBlock, "pab", "data", { ...ALL_ON, ...over });
        const account = (over: Record<string, unknown>) => ({
            type: T.accountPublicAccessBlock,
            name: "account",
            props: { ...ALL_ON, ...over },
        });
        const read = (...more: { type: string; name: string; props: Record<string, unknown> }[]) => {
            const p = system(bucket("data"), ...more).bucket("data")?.publicAccessBlock;
            return { flags: p?.flags, from: p?.from?.name, accountWide: p?.accountWide };
        };
        assert.deepEqual(read(pab({ restrictPublicBuckets: UNKNOWN_SENTINEL })), {
            flags: { ...ALL_ON, restrictPublicBuckets: UNKNOWN },
            from: "pab",
            accountWide: false,
        });
        assert.deepEqual(read(account({})).accountWide, true);
        assert.deepEqual(read(account({ ignorePublicAcls: false })).accountWide, false);
        assert.deepEqual(read(account({ blockPublicPolicy: "true" })).accountWide, true);
    });

    it("has versioning and ownership not known while the resource that sets them does not say", () => {
        const s = system(
            bucket("data"),
            on(T.versioningV2, "ver", "data", { versioningConfiguration: { status: UNKNOWN_SENTINEL } }),
            on(T.ownershipControls, "own", "data", {}),
            bucket("bare"),
            on(T.versioning, "ver-bare", "bare", { versioningConfiguration: {} }),
            bucket("set"),
            on(T.versioning, "ver-set", "set", { versioningConfiguration: { status: "Suspended" } }),
            on(T.ownershipControls, "own-set", "set", { rule: { objectOwnership: "BucketOwnerPreferred" } }),
        );
        const read = (name: string) => {
            const b = s.bucket(name);
            return [b?.versioning.value, b?.versioning.from?.name, b?.ownership.value, b?.ownership.from?.name];
        };
        assert.deepEqual(read("data"), [UNKNOWN, "ver", UNKNOWN, "own"]);
        assert.deepEqual(read("bare").slice(0, 2), [UNKNOWN, "ver-bare"]);
        assert.deepEqual(read("set"), ["Suspended", "ver-set", "BucketOwnerPreferred", "own-set"]);
    });

    it("holds each kind of attachment by the bucket it names, and is unresolved while one names a bucket not known", () => {
        const s = system(
            bucket("data"),
            bucket("other"),
            on(T.loggingV2, "log", "data"),
            on(T.acl, "acl", "data"),
            on(T.objectLockV2, "lock", "data"),
            on(T.bucketMetric, "metric", "data"),
            on(T.inventory, "inv", "data"),
            on(T.lifecycle, "lc", "data"),
            on(T.logging, "log-other", "other"),
        );
        const d = s.bucket("data");
        assert.deepEqual(
            [d?.logging, d?.acls, d?.objectLock, d?.metrics, d?.inventories, d?.lifecycle].map((l) =>
                l?.map((r) => r.name),
            ),
            [["log"], ["acl"], ["lock"], ["metric"], ["inv"], ["lc"]],
        );
        assert.equal(d?.unresolved, false);
        const later = system(bucket("data"), on(T.bucketMetric, "metric", UNKNOWN_SENTINEL));
        assert.equal(later.bucket("data")?.unresolved, true);
    });
});
