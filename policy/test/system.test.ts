// The normalised system view: the same bucket settings and role permissions whatever shape the program declared them in.

import * as assert from "node:assert/strict";

import { StackValidationPolicy } from "@pulumi/policy";

import { BucketFacts, RoleFacts, SystemView } from "../lib/system";
import { T } from "../lib/types";
import { UNKNOWN } from "../lib/values";
import { PolicyInputResource, evaluatePolicyPack } from "../runner";
import { json, raw } from "./fixtures";

const ACCOUNT = "111111111111";

/** Runs a capturing stack policy over `resources` (through the runner, so export values are unwrapped as the engine does). */
async function systemOf(resources: PolicyInputResource[]): Promise<SystemView> {
    let view: SystemView | undefined;
    const capture: StackValidationPolicy = {
        name: "capture",
        description: "captures the system view",
        enforcementLevel: "advisory",
        validateStack: (args) => {
            view = new SystemView(args);
            view.buckets();
            view.roles();
        },
    };
    await evaluatePolicyPack(resources, { policies: [capture] });
    assert.ok(view);
    return view;
}

/** The settings a policy compares, without the resources they came from. */
function settings(b: BucketFacts): Record<string, unknown> {
    return {
        name: b.name,
        region: b.region,
        versioning: b.versioning.value,
        ownership: b.ownership.value,
        encryption: [b.encryption.algorithms, b.encryption.kmsKeyIds],
        pab: b.publicAccessBlock.flags,
        policies: b.policies.map((p) =>
            p.document === UNKNOWN ? "unknown" : p.document?.ok ? p.document.statements.length : "bad",
        ),
        replicationRules: b.replication.flatMap((r) => r.rules.map((rule) => rule.destinationBucket)),
        lifecycle: b.lifecycle.length,
    };
}

const ALL_ON = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };
const TLS_DENY = {
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
};

describe("lib: system view of buckets", () => {
    it("reads BucketV2 with separate ...V2 resources, nested in a component, documents as objects", async () => {
        const parent = "urn:pulumi:test::other::acme:storage:Vault::data";
        const child = (type: string, name: string, inputs: Record<string, unknown>): PolicyInputResource => ({
            ...raw(type, name, inputs),
            urn: `urn:pulumi:test::other::acme:storage:Vault$${type}::${name}`,
            parent,
        });
        const view = await systemOf([
            raw("acme:storage:Vault", "data", {}),
            child(T.bucketV2, "data-bucket", { bucket: "acme-data", region: "eu-west-1" }),
            child(T.versioningV2, "data-versioning", {
                bucket: "acme-data",
                versioningConfiguration: { status: "Enabled" },
            }),
            child(T.sseV2, "data-sse", {
                bucket: "acme-data",
                rules: [
                    {
                        applyServerSideEncryptionByDefault: {
                            sseAlgorithm: "aws:kms",
                            kmsMasterKeyId: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/k`,
                        },
                    },
                ],
            }),
            child(T.ownershipControls, "data-own", {
                bucket: "acme-data",
                rule: { objectOwnership: "BucketOwnerEnforced" },
            }),
            child(T.publicAccessBlock, "data-pab", { bucket: "arn:aws:s3:::acme-data", ...ALL_ON }),
            child(T.bucketPolicy, "data-policy", {
                bucket: "acme-data",
                policy: { Version: "2012-10-17", Statement: TLS_DENY },
            }),
            child(T.lifecycleV2, "data-lc", { bucket: "acme-data", rules: [] }),
        ]);
        assert.deepStrictEqual(view.buckets().map(settings), [
            {
                name: "acme-data",
                region: "eu-west-1",
                versioning: "Enabled",
                ownership: "BucketOwnerEnforced",
                encryption: [["aws:kms"], [`arn:aws:kms:eu-west-1:${ACCOUNT}:key/k`]],
                pab: ALL_ON,
                policies: [1],
                replicationRules: [],
                lifecycle: 1,
            },
        ]);
    });

    it("reads the inline forms of a v7 Bucket and the plural lists of a BucketV2", async () => {
        const view = await systemOf([
            raw(T.bucket, "v7", {
                bucket: "inline-v7",
                versioning: { enabled: true },
                serverSideEncryptionConfiguration: {
                    rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
                },
                policy: json({ Statement: [TLS_DENY, TLS_DENY] }),
                replicationConfiguration: {
                    role: `arn:aws:iam::${ACCOUNT}:role/r`,
                    rules: [{ status: "Enabled", destination: { bucket: "arn:aws:s3:::inline-v2" } }],
                },
            }),
            raw(T.bucketV2, "v2", {
                bucket: "inline-v2",
                versionings: [{ enabled: false }],
                serverSideEncryptionConfigurations: [
                    {
                        rules: [
                            {
                                applyServerSideEncryptionByDefaults: [
                                    { sseAlgorithm: "aws:kms", kmsMasterKeyId: "alias/x" },
                                ],
                            },
                        ],
                    },
                ],
            }),
        ]);
        const none = {
            blockPublicAcls: undefined,
            blockPublicPolicy: undefined,
            ignorePublicAcls: undefined,
            restrictPublicBuckets: undefined,
        };
        assert.deepStrictEqual(view.buckets().map(settings), [
            {
                name: "inline-v7",
                region: undefined,
                versioning: "Enabled",
                ownership: undefined,
                encryption: [["AES256"], []],
                pab: none,
                policies: [2],
                replicationRules: ["inline-v2"],
                lifecycle: 0,
            },
            {
                name: "inline-v2",
                region: undefined,
                versioning: "Disabled",
                ownership: undefined,
                encryption: [["aws:kms"], ["alias/x"]],
                pab: none,
                policies: [],
                replicationRules: [],
                lifecycle: 0,
            },
        ]);
        assert.equal(view.bucket("inline-v2")?.resource.name, "v2");
        assert.equal(view.bucket("nope"), undefined);
    });

    it("an exported secret (ciphertext only) reads as unknown, never as a value or a crash", async () => {
        const secret = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: "AAAB" };
        const view = await systemOf([
            raw(T.bucket, "b", { bucket: "secret-b" }),
            raw(T.bucketPolicy, "p", { bucket: "secret-b", policy: secret }),
            raw(T.versioning, "v", { bucket: "secret-b", versioningConfiguration: secret }),
        ]);
        const [b] = view.buckets();
        assert.equal(b.policies[0].document, UNKNOWN);
        assert.equal(b.versioning.value, UNKNOWN);
    });
});

describe("lib: system view of roles", () => {
    const doc = (action: string): Record<string, unknown> => ({
        Version: "2012-10-17",
        Statement: { Effect: "Allow", Action: action, Resource: "*" },
    });
    const trust = json({
        Statement: { Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole" },
    });
    const perms = (r: RoleFacts | undefined): unknown => [
        r?.permissions.statements.map((s) => s.action).flat(),
        r?.permissions.complete,
    ];

    it("gathers inline, RolePolicy, managed Policy + attachment and managedPolicyArns; AWS managed ones make it incomplete", async () => {
        const view = await systemOf([
            raw(
                T.role,
                "all",
                {
                    name: "all",
                    assumeRolePolicy: trust,
                    inlinePolicies: [{ name: "i", policy: json(doc("s3:GetObject")) }],
                    managedPolicyArns: [`arn:aws:iam::${ACCOUNT}:policy/by-arn`],
                },
                { outputs: { arn: `arn:aws:iam::${ACCOUNT}:role/all` } },
            ),
            raw(T.rolePolicy, "rp", { role: "all", policy: doc("s3:PutObject") }),
            raw(
                T.iamPolicy,
                "managed",
                { name: "managed", policy: json(doc("s3:ListBucket")) },
                { outputs: { arn: `arn:aws:iam::${ACCOUNT}:policy/managed` } },
            ),
            raw(T.rolePolicyAttachment, "att", { role: "all", policyArn: `arn:aws:iam::${ACCOUNT}:policy/managed` }),
            raw(T.iamPolicy, "by-arn", { name: "by-arn", policy: doc("s3:ReplicateObject") }),
            raw(T.role, "aws-managed", { name: "aws-managed", assumeRolePolicy: trust }),
            raw(T.rolePolicyAttachment, "att2", {
                role: "aws-managed",
                policyArn: "arn:aws:iam::aws:policy/AmazonS3FullAccess",
            }),
        ]);
        const all = view.role(`arn:aws:iam::${ACCOUNT}:role/all`);
        assert.deepStrictEqual(perms(all), [
            ["s3:GetObject", "s3:PutObject", "s3:ReplicateObject", "s3:ListBucket"],
            true,
        ]);
        assert.deepStrictEqual(all?.trustedServices, ["s3.amazonaws.com"]);
        assert.deepStrictEqual(perms(view.role(`arn:aws:iam::${ACCOUNT}:role/aws-managed`)), [[], false]);
    });
});
