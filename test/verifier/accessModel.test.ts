// The access model the proofs and the diagram read: which document belongs to which bucket, role and MRAP, in every
// shape a program may declare them (names or ARNs, inline or attached, declared before or after their owner).
import * as assert from "node:assert/strict";
import { buildAccessModel, bucketFromRef, parseDoc, roleRef, TYPES } from "../../verifier/accessModel";
import { recorded as res } from "./recorded";

const A = "111111111111";
const B = "222222222222";

const doc = (sid: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: sid, Effect: "Allow" }] });
const parsed = (sid: string) => JSON.parse(doc(sid)) as unknown;

describe("verifier access model", () => {
    it("parseDoc keeps objects, parses JSON strings and says why anything else is unreadable", () => {
        const object = { Statement: [] };
        assert.equal(parseDoc(object), object);
        assert.deepEqual(parseDoc(doc("S")), parsed("S"));
        assert.deepEqual(parseDoc(undefined), { unreadable: "policy is undefined, not a JSON document" });
        assert.deepEqual(parseDoc(null), { unreadable: "policy is null, not a JSON document" });
        assert.deepEqual(parseDoc(7), { unreadable: "policy is 7, not a JSON document" });
        assert.deepEqual(parseDoc('{"Version":"2012-10-17"}'), {
            unreadable: 'policy has no Statement: {"Version":"2012-10-17"}',
        });
        assert.deepEqual(parseDoc("null"), { unreadable: "policy has no Statement: null" });
        assert.deepEqual(parseDoc('"text"'), { unreadable: 'policy has no Statement: "text"' });
        const broken = parseDoc("{not json");
        assert.match((broken as { unreadable: string }).unreadable, /^policy is not JSON \(.+\): \{not json$/);
    });

    it("roleRef reads an account and name from a role ARN (any partition, any path); a bare name is in the fallback account", () => {
        assert.deepEqual(roleRef(`arn:aws:iam::${B}:role/r`, A), { accountId: B, name: "r" });
        assert.deepEqual(roleRef(`arn:aws-cn:iam::${B}:role/a/b/r`, A), { accountId: B, name: "r" });
        assert.deepEqual(roleRef("r", A), { accountId: A, name: "r" });
        // Not a role ARN: taken as a name, never as a role of another account.
        assert.deepEqual(roleRef(`x-arn:aws:iam::${B}:role/r`, A), {
            accountId: A,
            name: `x-arn:aws:iam::${B}:role/r`,
        });
        assert.deepEqual(roleRef(`arn:aws:iam::${B}:user/r`, A), { accountId: A, name: `arn:aws:iam::${B}:user/r` });
        assert.equal(roleRef("", A), undefined);
        assert.equal(roleRef(undefined, A), undefined);
    });

    it("bucketFromRef reads a bucket from a name, a bucket ARN or an object ARN; other ARNs are no bucket", () => {
        assert.equal(bucketFromRef("b"), "b");
        assert.equal(bucketFromRef("arn:aws:s3:::b"), "b");
        assert.equal(bucketFromRef("arn:aws-cn:s3:::b/key/*"), "b");
        assert.equal(bucketFromRef(`arn:aws:iam::${A}:role/r`), undefined);
        assert.equal(bucketFromRef("x-arn:aws:s3:::b"), "x-arn:aws:s3:::b");
        assert.equal(bucketFromRef(""), undefined);
        assert.equal(bucketFromRef(3), undefined);
    });

    it("indexes buckets by their name, wherever the program put it, in their own region or the stack's", () => {
        const model = buildAccessModel([
            {
                stack: "tokyo",
                accountId: A,
                region: "ap-northeast-1",
                resources: [
                    res(TYPES.bucket, "by-input", { bucket: "in", region: "ap-northeast-3" }, { bucket: "out" }),
                    res(TYPES.bucket, "by-output", { region: "" }, { bucket: "out" }),
                    res(TYPES.bucket, "by-id", {}, {}, { id: "the-id" }),
                    res(TYPES.bucket, "by-name", { region: 5 }),
                ],
            },
        ]);
        const at = (name: string) => [model.buckets.get(name)?.region, model.buckets.get(name)?.urn];
        assert.deepEqual([...model.buckets.keys()], ["in", "out", "the-id", "by-name"]);
        assert.deepEqual(at("in"), ["ap-northeast-3", `urn:pulumi:s::p::${TYPES.bucket}::by-input`]);
        assert.deepEqual(at("out"), ["ap-northeast-1", `urn:pulumi:s::p::${TYPES.bucket}::by-output`]);
        assert.deepEqual(at("by-name"), ["ap-northeast-1", `urn:pulumi:s::p::${TYPES.bucket}::by-name`]);
        assert.deepEqual(model.buckets.get("the-id"), {
            name: "the-id",
            stack: "tokyo",
            accountId: A,
            region: "ap-northeast-1",
            urn: `urn:pulumi:s::p::${TYPES.bucket}::by-id`,
            policies: [],
        });
    });

    it("indexes roles with their trust, inline policies, RolePolicies and attached policies, by account and name", () => {
        const model = buildAccessModel([
            {
                stack: "hub",
                accountId: A,
                region: "ap-northeast-1",
                resources: [
                    // Attachments and RolePolicies may come before their role: they are read in a second pass.
                    res(TYPES.rolePolicy, "rp", { role: "writer", name: "named", policy: doc("RolePolicy") }),
                    res(TYPES.rolePolicy, "rp-by-arn", {
                        role: `arn:aws:iam::${A}:role/path/writer`,
                        policy: doc("ByArn"),
                    }),
                    res(TYPES.rolePolicy, "rp-nobody", { role: "nobody", policy: doc("Lost") }),
                    res(TYPES.rolePolicyAttachment, "att", {
                        role: "writer",
                        policyArn: `arn:aws:iam::${A}:policy/p/mp`,
                    }),
                    res(TYPES.rolePolicyAttachment, "att-aws", {
                        role: "writer",
                        policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess",
                    }),
                    res(TYPES.rolePolicyAttachment, "att-nobody", { role: "nobody", policyArn: "x" }),
                    res(
                        TYPES.role,
                        "writer-role",
                        {
                            name: "input-name",
                            assumeRolePolicy: doc("Trust"),
                            inlinePolicies: [
                                { name: "inline", policy: doc("Inline") },
                                { policy: doc("Unnamed") },
                                { name: "empty" },
                            ],
                        },
                        { name: "writer", arn: `arn:aws:iam::${A}:role/path/writer` },
                    ),
                    res(TYPES.role, "bare", { name: "bare-name", inlinePolicies: "not a list" }),
                    res(
                        TYPES.managedPolicy,
                        "mp",
                        { policy: doc("Managed") },
                        { arn: `arn:aws:iam::${A}:policy/p/mp` },
                    ),
                    res(TYPES.managedPolicy, "no-arn", { policy: doc("Nowhere") }),
                ],
            },
            {
                stack: "dest",
                accountId: B,
                region: "ap-northeast-1",
                resources: [res(TYPES.role, "other", {}, { arn: `arn:aws:iam::${A}:role/other` })],
            },
        ]);
        assert.deepEqual([...model.roles.keys()], [`${A}/writer`, `${A}/bare-name`, `${A}/other`]);
        assert.deepEqual(model.roles.get(`${A}/writer`), {
            name: "writer",
            arn: `arn:aws:iam::${A}:role/writer`,
            accountId: A,
            stack: "hub",
            urn: `urn:pulumi:s::p::${TYPES.role}::writer-role`,
            trust: parsed("Trust"),
            permissions: [
                { name: "inline", document: parsed("Inline") },
                { name: "writer-role-inline-1", document: parsed("Unnamed") },
                { name: "named", document: parsed("RolePolicy") },
                { name: "rp-by-arn", document: parsed("ByArn") },
                { name: "mp", document: parsed("Managed") },
            ],
            opaqueAttachments: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
        });
        const bare = model.roles.get(`${A}/bare-name`);
        assert.deepEqual(
            [bare?.arn, bare?.trust, bare?.permissions],
            [`arn:aws:iam::${A}:role/bare-name`, undefined, []],
        );
        // A role's ARN names its account, whatever stack declared it.
        assert.deepEqual([model.roles.get(`${A}/other`)?.accountId, model.roles.get(`${A}/other`)?.stack], [A, "dest"]);
    });

    it("gives each bucket its policies, named by resource, whether the policy names the bucket or its ARN", () => {
        const model = buildAccessModel([
            {
                stack: "s",
                accountId: A,
                region: "ap-northeast-1",
                resources: [
                    res(TYPES.bucketPolicy, "first", { bucket: "b", policy: doc("First") }),
                    res(TYPES.bucket, "b", { bucket: "b" }),
                    res(TYPES.bucketPolicy, "second", { bucket: "arn:aws:s3:::b", policy: "{}" }),
                    res(TYPES.bucketPolicy, "elsewhere", { bucket: "c", policy: doc("Lost") }),
                ],
            },
        ]);
        assert.deepEqual(model.buckets.get("b")?.policies, [
            { resource: "first", document: parsed("First") },
            { resource: "second", document: { unreadable: "policy has no Statement: {}" } },
        ]);
        assert.deepEqual([...model.buckets.keys()], ["b"]);
    });

    it("indexes MRAPs with their buckets and gives each its policy by name, or the only one when the name is not known", () => {
        const mrap = (name: string, details: Record<string, unknown>) =>
            res(TYPES.mrap, name, { details }, { arn: `arn:${name}`, alias: `${name}.mrap` });
        const policy = (name: string, details: Record<string, unknown>) => res(TYPES.mrapPolicy, name, { details });
        const one = buildAccessModel([
            {
                stack: "hub",
                accountId: A,
                region: "ap-northeast-1",
                resources: [
                    policy("pol", { name: "unknown-yet", policy: doc("Only") }),
                    mrap("m", {
                        regions: [{ bucket: "arn:aws:s3:::t" }, { bucket: "o" }, {}, { bucket: "arn:aws:iam::x" }],
                    }),
                ],
            },
        ]);
        assert.deepEqual(one.mraps, [
            {
                name: "m",
                arn: "arn:m",
                alias: "m.mrap",
                stack: "hub",
                accountId: A,
                buckets: ["t", "o"],
                policy: parsed("Only"),
            },
        ]);

        const two = buildAccessModel([
            {
                stack: "hub",
                accountId: A,
                region: "ap-northeast-1",
                resources: [
                    mrap("first", { name: "one" }),
                    mrap("second", { name: "two" }),
                    res(TYPES.mrap, "bare", {}),
                    policy("p2", { name: "two", policy: doc("Two") }),
                    policy("p3", { name: "three", policy: doc("Three") }),
                ],
            },
        ]);
        assert.deepEqual(
            two.mraps.map((m) => [m.name, m.arn, m.alias, m.buckets, m.policy]),
            [
                ["one", "arn:first", "first.mrap", [], undefined],
                ["two", "arn:second", "second.mrap", [], parsed("Two")],
                ["bare", "", "", [], undefined],
            ],
        );
    });
});
