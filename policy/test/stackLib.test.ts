// Small readers of the stack view: a bucket's name when only its id is known, and checks bound to type tokens.

import * as assert from "node:assert/strict";

import { forTypes } from "../lib/check";
import { StackView } from "../lib/stack";
import { T } from "../lib/types";
import { UNKNOWN, UNKNOWN_SENTINEL } from "../lib/values";

describe("lib: bucket names and typed checks", () => {
    it("names a bucket by its bucket property, else by its id (v7 bucket ids are the name)", () => {
        const v = new StackView({
            resources: [
                { type: T.bucket, name: "a", urn: "urn:a", props: { bucket: "data", id: "other" }, dependencies: [] },
                { type: T.bucket, name: "b", urn: "urn:b", props: { id: "logs" }, dependencies: [] },
            ],
        } as never);
        assert.deepEqual(
            v.resources.map((r) => v.bucketName(r)),
            ["data", "logs"],
        );
    });

    it("finds a bucket by its name, keys attachments by the bucket they name, and keeps a resource's provider", () => {
        const v = new StackView({
            resources: [
                { type: T.bucket, name: "a", urn: "urn:a", props: { bucket: "data" }, dependencies: [] },
                {
                    type: T.bucket,
                    name: "b",
                    urn: "urn:b",
                    props: { bucket: "logs" },
                    provider: { props: { region: "ap-northeast-3" } },
                    dependencies: [],
                },
                { type: T.logging, name: "l", urn: "urn:l", props: { bucket: "arn:aws:s3:::logs" }, dependencies: [] },
                { type: T.logging, name: "none", urn: "urn:n", props: {}, dependencies: [] },
            ],
        } as never);
        assert.equal(v.findBucket("logs")?.name, "b");
        assert.equal(v.findBucket("other"), undefined);
        assert.deepEqual(
            v.resources.map((r) => r.providerProps),
            [undefined, { region: "ap-northeast-3" }, undefined, undefined],
        );
        const att = v.attachments([T.logging]);
        assert.deepEqual(
            {
                keys: [...att.byBucket.keys()],
                names: att.byBucket.get("logs")?.map((r) => r.name),
                unresolved: att.unresolved,
            },
            { keys: ["logs"], names: ["l"], unresolved: false },
        );
    });

    it("reports another type not applicable, naming every type token the check is for", async () => {
        const reasons: string[] = [];
        const checked: string[] = [];
        const validate = forTypes([T.bucket, T.bucketV2], (r) => {
            checked.push(r.name);
        });
        const args = (type: string, name: string) =>
            ({
                type,
                name,
                urn: `urn:${name}`,
                props: {},
                notApplicable: (reason: string) => {
                    reasons.push(reason);
                    throw new Error("not applicable");
                },
            }) as never;
        await assert.rejects(async () => validate(args(T.bucketPolicy, "policy"), () => undefined), /not applicable/);
        await validate(args(T.bucketV2, "bucket"), () => undefined);
        assert.deepEqual(reasons, [
            "Policy only applies to resources of type 'aws:s3/bucket:Bucket', 'aws:s3/bucketV2:BucketV2'",
        ]);
        assert.deepEqual(checked, ["bucket"]);
    });

    it("hands the check a plain snapshot of the resource, with its provider's properties when the engine sends them", async () => {
        const seen: unknown[] = [];
        const validate = forTypes([T.bucket], (r) => {
            seen.push(r);
        });
        const args = (provider?: Record<string, unknown>) =>
            ({
                type: T.bucket,
                name: "data",
                urn: "urn:data",
                props: { bucket: "data", region: UNKNOWN_SENTINEL },
                ...(provider ? { provider: { props: provider } } : {}),
                notApplicable: () => undefined,
            }) as never;
        await validate(args(), () => undefined);
        await validate(args({ region: "ap-northeast-1" }), () => undefined);
        assert.deepEqual(seen, [
            { type: T.bucket, urn: "urn:data", name: "data", props: { bucket: "data", region: UNKNOWN } },
            {
                type: T.bucket,
                urn: "urn:data",
                name: "data",
                props: { bucket: "data", region: UNKNOWN },
                providerProps: { region: "ap-northeast-1" },
            },
        ]);
    });
});
