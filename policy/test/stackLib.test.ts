// Small readers of the stack view: a bucket's name when only its id is known, and checks bound to type tokens.

import * as assert from "node:assert/strict";

import { forTypes } from "../lib/check";
import { StackView } from "../lib/stack";
import { T } from "../lib/types";

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
});
