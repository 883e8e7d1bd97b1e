// The system view's facts of one bucket at their edges: encryption not known or not set, policies, replication by name.

import * as assert from "node:assert/strict";

import { T } from "../lib/types";
import { UNKNOWN, UNKNOWN_SENTINEL } from "../lib/values";
import { bucket, system } from "./systemFixtures";

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
        assert.deepEqual(s.bucket("plain")?.versioning, { value: undefined });
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

    it("reads every rule's algorithm and KMS key, skips a rule without one, and is not known while a rule is not", () => {
        const rules = (name: string, rs: unknown) => ({
            type: T.sse,
            name: `sse-${name}`,
            props: { bucket: name, rules: rs },
        });
        const s = system(
            bucket("two"),
            rules("two", [
                { applyServerSideEncryptionByDefault: { kmsMasterKeyId: "alias/only-key" } },
                { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "alias/data" } },
                { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
            ]),
            bucket("default-later"),
            rules("default-later", [
                { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "alias/a" } },
                { applyServerSideEncryptionByDefault: UNKNOWN_SENTINEL },
            ]),
            bucket("rules-later"),
            rules("rules-later", UNKNOWN_SENTINEL),
        );
        const facts = (name: string) => {
            const e = s.bucket(name)?.encryption;
            return [e?.algorithms, e?.kmsKeyIds, e?.from?.name];
        };
        assert.deepEqual(facts("two"), [["aws:kms", "AES256"], ["alias/only-key", "alias/data"], "sse-two"]);
        assert.deepEqual(facts("default-later"), [UNKNOWN, ["alias/a"], "sse-default-later"]);
        assert.deepEqual(facts("rules-later"), [UNKNOWN, [], "sse-rules-later"]);
    });

    it("reads encryption and versioning declared inline, and not known while the inline block is not", () => {
        const s = system(
            bucket("inline", {
                serverSideEncryptionConfiguration: {
                    rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "k" } },
                },
                versioning: { enabled: true },
            }),
            bucket("plural", {
                serverSideEncryptionConfigurations: [
                    { rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "AES256" }] }] },
                ],
                versionings: [{ enabled: false }],
            }),
            bucket("later", { serverSideEncryptionConfiguration: UNKNOWN_SENTINEL, versioning: UNKNOWN_SENTINEL }),
        );
        const facts = (name: string) => {
            const b = s.bucket(name);
            return {
                algorithms: b?.encryption.algorithms,
                kmsKeyIds: b?.encryption.kmsKeyIds,
                from: b?.encryption.from?.name,
                versioning: b?.versioning.value,
            };
        };
        assert.deepEqual(facts("inline"), {
            algorithms: ["aws:kms"],
            kmsKeyIds: ["k"],
            from: "inline",
            versioning: "Enabled",
        });
        assert.deepEqual(facts("plural"), {
            algorithms: ["AES256"],
            kmsKeyIds: [],
            from: "plural",
            versioning: "Disabled",
        });
        assert.deepEqual(facts("later"), { algorithms: UNKNOWN, kmsKeyIds: [], from: "later", versioning: UNKNOWN });
    });

    it("holds a bucket's own inline replication even while its name is not known", () => {
        const inline = {
            role: "arn:aws:iam::111111111111:role/replication",
            rules: [{ id: "all", status: "Enabled", destination: { bucket: "arn:aws:s3:::replica" } }],
        };
        const s = system(
            { type: T.bucket, name: "later", props: { bucket: UNKNOWN_SENTINEL, replicationConfiguration: inline } },
            bucket("other"),
        );
        const [later, other] = s.buckets();
        assert.deepEqual(
            later.replication.map((r) => r.resource.name),
            ["later"],
        );
        assert.deepEqual(other.replication, []);
    });

    it("lists the services a role's trust policy lets in, none while the trust policy is not known", () => {
        const trust = JSON.stringify({
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { Service: ["s3.amazonaws.com", "batchoperations.s3.amazonaws.com"] },
                    Action: "sts:AssumeRole",
                },
            ],
        });
        const role = (name: string, assumeRolePolicy: string) => ({
            type: T.role,
            name,
            props: { name, assumeRolePolicy },
        });
        const s = system(role("copy", trust), role("later", UNKNOWN_SENTINEL), role("broken", "{"));
        assert.deepEqual(
            s.roles().map((r) => [r.name, r.trustedServices]),
            [
                ["copy", ["batchoperations.s3.amazonaws.com", "s3.amazonaws.com"]],
                ["later", []],
                ["broken", []],
            ],
        );
    });

    it("gives no statements while one of a bucket's policies is not known, and passes over a malformed one", () => {
        const doc = JSON.stringify({
            Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" }],
        });
        const policy = (name: string, bucketName: string, p: string) => ({
            type: T.bucketPolicy,
            name,
            props: { bucket: bucketName, policy: p },
        });
        const s = system(
            bucket("data", { policy: "{" }),
            policy("good", "data", doc),
            bucket("later"),
            policy("known", "later", doc),
            policy("unknown", "later", UNKNOWN_SENTINEL),
        );
        assert.deepEqual(
            (s.bucketPolicyOf("data") as { effect: string }[]).map((st) => st.effect),
            ["Allow"],
        );
        assert.equal(s.bucketPolicyOf("later"), UNKNOWN);
    });

    it("finds a role's facts by its ARN, and none for a role it does not declare", () => {
        const arn = "arn:aws:iam::111111111111:role/copy";
        const s = system({ type: T.role, name: "copy", props: { name: "copy", arn } });
        assert.equal(s.role(arn)?.resource.name, "copy");
        assert.deepEqual(s.identityOf(arn), { statements: [], complete: true });
        assert.equal(s.role("arn:aws:iam::111111111111:role/other"), undefined);
        assert.equal(s.identityOf("arn:aws:iam::111111111111:role/other"), undefined);
    });
});
