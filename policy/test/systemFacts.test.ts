// The system view's facts of one bucket at their edges: encryption not known or not set, policies, replication by name.

import * as assert from "node:assert/strict";

import { StackView } from "../lib/stack";
import { SystemView } from "../lib/system";
import { T } from "../lib/types";
import { UNKNOWN, UNKNOWN_SENTINEL } from "../lib/values";

function system(...resources: { type: string; name: string; props: Record<string, unknown> }[]): SystemView {
    return new SystemView(
        new StackView({
            resources: resources.map((r) => ({
                ...r,
                urn: `urn:pulumi:test::p::${r.type}::${r.name}`,
                dependencies: [],
            })),
        } as never),
    );
}
const bucket = (name: string, props: Record<string, unknown> = {}) => ({
    type: T.bucket,
    name,
    props: { bucket: name, ...props },
});
const sse = (name: string, byDefault: Record<string, unknown>) => ({
    type: T.sse,
    name: `sse-${name}`,
    props: { bucket: name, rules: [{ applyServerSideEncryptionByDefault: byDefault }] },
});

describe("lib: system view, one bucket's facts at their edges", () => {
    it("has no encryption algorithm when nothing sets one, and an unknown one while its algorithm is not known", () => {
        const s = system(
            bucket("plain"),
            bucket("later"),
            sse("later", { sseAlgorithm: UNKNOWN_SENTINEL, kmsMasterKeyId: "alias/data" }),
        );
        assert.deepEqual(s.bucket("plain")?.encryption, { algorithms: [], kmsKeyIds: [] });
        const later = s.bucket("later")?.encryption;
        assert.deepEqual([later?.algorithms, later?.kmsKeyIds], [UNKNOWN, []]);
    });

    it("gives the statements of a bucket's policies and nothing else", () => {
        const doc = { Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*" }] };
        const s = system(bucket("data"), bucket("open"), {
            type: T.bucketPolicy,
            name: "policy",
            props: { bucket: "data", policy: JSON.stringify(doc) },
        });
        assert.deepEqual(
            (s.bucketPolicyOf("data") as { effect: string }[]).map((st) => st.effect),
            ["Deny"],
        );
        assert.deepEqual(s.bucketPolicyOf("open"), []);
        assert.equal(s.bucketPolicyOf("unseen"), undefined);
    });

    it("holds the replication configuration declared on its own for the bucket, by the bucket's name", () => {
        const s = system(bucket("data"), bucket("other"), {
            type: T.replicationConfig,
            name: "repl",
            props: {
                bucket: "data",
                role: "arn:aws:iam::111111111111:role/replication",
                rules: [{ id: "all", status: "Enabled", destination: { bucket: "arn:aws:s3:::replica" } }],
            },
        });
        assert.deepEqual(
            s.bucket("data")?.replication.map((r) => r.resource.name),
            ["repl"],
        );
        assert.deepEqual(s.bucket("other")?.replication, []);
    });
});
