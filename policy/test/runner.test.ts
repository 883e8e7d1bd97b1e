// The offline runner behaves as the engine does: config and levels, not-applicable, unknown values, stack exports.

import * as assert from "node:assert/strict";

import * as aws from "@pulumi/aws";
import { ResourceValidationPolicy, StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";

import { mrapRoutesRegion } from "../policies/mrap";
import { bucketPolicySecureTransport } from "../policies/bucketPolicy";
import { bucketPublicAccessBlock, bucketRequestMetrics } from "../policies/storage";
import {
    PolicyConfigError,
    PolicyEvaluationError,
    PolicyInputResource,
    evaluatePolicyPack,
    resourcesFromStackExport,
    resolvePolicyConfig,
    runPolicyPack,
} from "../runner";
import { UNKNOWN_SENTINEL } from "../lib/values";
import { json, raw, res, urnOf } from "./fixtures";
import { MRAP_ARN, accessLogging, hardenedBucket } from "./stacks";

const bucket = (name = "b1"): PolicyInputResource =>
    res(aws.s3.Bucket, name, { bucket: `example-${name}` }, { id: `example-${name}` });
const osakaRoutes = (): PolicyInputResource =>
    res(aws.s3control.MultiRegionAccessPointRoutes, "routes", { mrap: MRAP_ARN, region: "ap-northeast-3", routes: [] });

/** A resource policy that records what the runner handed it. */
function probe(seen: Record<string, unknown>[]): ResourceValidationPolicy {
    return {
        name: "probe",
        description: "Records its arguments.",
        enforcementLevel: "advisory",
        configSchema: {
            properties: { limit: { type: "integer", default: 3 }, tags: { type: "array", items: { type: "string" } } },
        },
        validateResource: (args) => {
            seen.push({
                type: args.type,
                name: args.name,
                urn: args.urn,
                props: { ...args.props },
                config: args.getConfig(),
                isBucket: args.isType(aws.s3.Bucket),
                provider: args.provider?.name,
            });
        },
    };
}

describe("runner: enforcement levels and config", () => {
    it("reports each policy at its own level, the pack default filling in", async () => {
        const loose = { ...bucketRequestMetrics, enforcementLevel: undefined };
        const v = await runPolicyPack([bucket()], {
            policies: [bucketPublicAccessBlock, loose],
            enforcementLevel: "advisory",
        });
        assert.deepStrictEqual(
            v.map((x) => [x.policy, x.enforcementLevel]),
            [
                ["s3-bucket-public-access-block", "mandatory"],
                ["s3-bucket-request-metrics", "advisory"],
            ],
        );
    });

    it("applies `all`, then each policy's own level, and skips disabled policies", async () => {
        const config = {
            all: "advisory",
            "s3-bucket-request-metrics": "mandatory",
            "s3-bucket-public-access-block": { enforcementLevel: "disabled" },
        };
        const v = await runPolicyPack([bucket()], {
            policies: [bucketPublicAccessBlock, bucketRequestMetrics, bucketPolicySecureTransport],
            config,
        });
        assert.deepStrictEqual(v, [
            {
                policy: "s3-bucket-request-metrics",
                enforcementLevel: "mandatory",
                urn: bucket().urn,
                message: "Bucket 'example-b1' has no request metrics configuration.",
            },
        ]);
    });

    it("reports a remediate-level violation as mandatory (nothing remediates offline)", async () => {
        const v = await runPolicyPack([osakaRoutes()], {
            policies: [mrapRoutesRegion],
            config: { "s3-mrap-routes-region": "remediate" },
        });
        assert.deepStrictEqual(
            v.map((x) => x.enforcementLevel),
            ["mandatory"],
        );
    });

    it("fills config from schema defaults and lays given properties over them", async () => {
        const seen: Record<string, unknown>[] = [];
        await runPolicyPack([bucket()], { policies: [probe(seen)] });
        await runPolicyPack([bucket()], { policies: [probe(seen)], config: { probe: { tags: ["a"] } } });
        assert.deepStrictEqual(
            seen.map((s) => s.config),
            [{ limit: 3 }, { limit: 3, tags: ["a"] }],
        );
    });

    it("refuses config that does not match the schema, or an invalid level", () => {
        assert.throws(
            () =>
                resolvePolicyConfig([mrapRoutesRegion], "mandatory", {
                    "s3-mrap-routes-region": { routesRegions: [] },
                }),
            (e: unknown) =>
                e instanceof PolicyConfigError &&
                e.message === "invalid policy pack config: s3-mrap-routes-region: routesRegions: fewer than 1 items",
        );
        assert.throws(
            () => resolvePolicyConfig([mrapRoutesRegion], "mandatory", { all: "strict" }),
            /all: "strict" is not a valid enforcement level/,
        );
        assert.throws(
            () =>
                resolvePolicyConfig([mrapRoutesRegion], "mandatory", {
                    "s3-mrap-routes-region": { routesRegions: [1] },
                }),
            /routesRegions\[0\]: expected string, got integer/,
        );
    });

    it("ignores config for policies the pack does not have, as the engine does", async () => {
        assert.deepStrictEqual(
            await runPolicyPack([bucket()], {
                policies: [bucketRequestMetrics],
                config: { "no-such-policy": "disabled" },
            }),
            [
                {
                    policy: "s3-bucket-request-metrics",
                    enforcementLevel: "advisory",
                    urn: bucket().urn,
                    message: "Bucket 'example-b1' has no request metrics configuration.",
                },
            ],
        );
    });

    it("refuses policy lists the engine would refuse", async () => {
        await assert.rejects(
            runPolicyPack([], { policies: [{ ...bucketRequestMetrics, name: "all" }] }),
            /"all" is a reserved name/,
        );
        await assert.rejects(
            runPolicyPack([], { policies: [bucketRequestMetrics, bucketRequestMetrics] }),
            /Duplicate policy name/,
        );
    });
});

describe("runner: what policies see", () => {
    it("gives resource policies the inputs, name, URN, config and provider of each resource", async () => {
        const seen: Record<string, unknown>[] = [];
        const provider: PolicyInputResource = {
            urn: urnOf("pulumi:providers:aws", "tokyo"),
            type: "pulumi:providers:aws",
            name: "tokyo",
            inputs: { region: "ap-northeast-1" },
            id: "pid",
        };
        const b = res(
            aws.s3.Bucket,
            "b1",
            { bucket: "example-b1" },
            { outputs: { arn: "arn:aws:s3:::example-b1" }, provider: `${provider.urn}::pid` },
        );
        await runPolicyPack([b], { policies: [probe(seen)] });
        await runPolicyPack([provider, b], { policies: [probe(seen)] });
        assert.deepStrictEqual(seen, [
            {
                type: "aws:s3/bucket:Bucket",
                name: "b1",
                urn: b.urn,
                props: { bucket: "example-b1" },
                config: { limit: 3 },
                isBucket: true,
                provider: undefined,
            },
            {
                type: "pulumi:providers:aws",
                name: "tokyo",
                urn: provider.urn,
                props: { region: "ap-northeast-1" },
                config: { limit: 3 },
                isBucket: false,
                provider: undefined,
            },
            {
                type: "aws:s3/bucket:Bucket",
                name: "b1",
                urn: b.urn,
                props: { bucket: "example-b1" },
                config: { limit: 3 },
                isBucket: true,
                provider: "tokyo",
            },
        ]);
    });

    it("gives stack policies every resource's outputs over its inputs, its id, parent and dependencies", async () => {
        let seen: unknown;
        const policy: StackValidationPolicy = {
            name: "stack-probe",
            description: "Records the stack.",
            validateStack: (args) => {
                seen = args.resources.map((r) => ({
                    name: r.name,
                    props: { ...r.props },
                    parent: r.parent?.name,
                    deps: r.dependencies.map((d) => d.name),
                }));
            },
        };
        const vpc = raw("awsx:ec2:Vpc", "vpc", { cidrBlock: "10.0.0.0/16" }, { outputs: { vpcId: "vpc-1" } });
        const sg = res(
            aws.ec2.SecurityGroup,
            "sg",
            { vpcId: "vpc-1" },
            { id: "sg-1", parent: vpc.urn, dependencies: [vpc.urn, "urn:not:in:stack"], outputs: { arn: "arn:sg" } },
        );
        await runPolicyPack([vpc, sg], { policies: [policy] });
        assert.deepStrictEqual(seen, [
            { name: "vpc", props: { cidrBlock: "10.0.0.0/16", vpcId: "vpc-1" }, parent: undefined, deps: [] },
            { name: "sg", props: { vpcId: "vpc-1", arn: "arn:sg", id: "sg-1" }, parent: "vpc", deps: ["vpc"] },
        ]);
    });

    it("pins a resource policy's violation to its resource and leaves a stack violation without URN empty", async () => {
        const resourcePolicy: ResourceValidationPolicy = {
            name: "r",
            description: "r",
            enforcementLevel: "mandatory",
            validateResource: (_a, report) => report("x", "urn:elsewhere"),
        };
        const stackPolicy: StackValidationPolicy = {
            name: "s",
            description: "the stack description",
            enforcementLevel: "advisory",
            validateStack: (_a, report) => report(""),
        };
        assert.deepStrictEqual(await runPolicyPack([bucket()], { policies: [resourcePolicy, stackPolicy] }), [
            { policy: "r", enforcementLevel: "mandatory", urn: bucket().urn, message: "x" },
            { policy: "s", enforcementLevel: "advisory", urn: "", message: "the stack description" },
        ]);
    });

    it("records not-applicable policies instead of reporting them", async () => {
        const typed: ResourceValidationPolicy = {
            name: "typed",
            description: "Buckets only.",
            enforcementLevel: "mandatory",
            validateResource: validateResourceOfType(aws.s3.Bucket, (_props, _args, report) => report("a bucket")),
        };
        const result = await evaluatePolicyPack([bucket(), osakaRoutes()], { policies: [typed, bucketRequestMetrics] });
        assert.deepStrictEqual(
            result.violations.map((v) => [v.policy, v.urn]),
            [
                ["typed", bucket().urn],
                ["s3-bucket-request-metrics", bucket().urn],
            ],
        );
        assert.deepStrictEqual(result.notApplicable, [
            {
                policy: "typed",
                urn: osakaRoutes().urn,
                reason: "Policy only applies to resources of type 'aws:s3/bucket:Bucket'",
            },
        ]);
        const empty = await evaluatePolicyPack([osakaRoutes()], { policies: [bucketRequestMetrics] });
        assert.deepStrictEqual(empty.notApplicable, [
            { policy: "s3-bucket-request-metrics", reason: "No S3 buckets in this stack" },
        ]);
    });

    it("turns a read of an unknown value into an advisory 'can't run during preview', as the engine does", async () => {
        const typed: ResourceValidationPolicy = {
            name: "reads-bucket",
            description: "Reads bucket.",
            enforcementLevel: "mandatory",
            validateResource: validateResourceOfType(aws.s3.Bucket, (props, _args, report) => {
                if (props.bucket !== "x") report("wrong name");
            }),
        };
        const pending = res(aws.s3.Bucket, "pending", { bucket: UNKNOWN_SENTINEL });
        assert.deepStrictEqual(await runPolicyPack([pending], { policies: [typed] }), [
            {
                policy: "reads-bucket",
                enforcementLevel: "advisory",
                urn: pending.urn,
                message:
                    "can't run policy 'reads-bucket' from policy pack 's3-multiregion@v0.1.0' during preview: string value at .bucket can't be known during preview",
            },
        ]);
    });

    it("lets the pack's own policies skip unknown values without any finding", async () => {
        const stack = [...hardenedBucket("b", "example-b", []), accessLogging("b", "example-b", "example-logs")].map(
            (r) => (r.name === "b-policy" ? { ...r, inputs: { ...r.inputs, policy: UNKNOWN_SENTINEL } } : r),
        );
        assert.deepStrictEqual(await runPolicyPack(stack), []);
    });

    it("fails loudly when a policy throws, as the engine fails the preview", async () => {
        const broken: ResourceValidationPolicy = {
            name: "broken",
            description: "Throws.",
            validateResource: () => {
                throw new TypeError("boom");
            },
        };
        await assert.rejects(
            runPolicyPack([bucket()], { policies: [broken] }),
            (e: unknown) =>
                e instanceof PolicyEvaluationError && e.message === `policy 'broken' failed on ${bucket().urn}: boom`,
        );
    });
});

describe("runner: stack exports", () => {
    const SIG = "4dabf18193072939515e22adb298388d";
    const exported = (resources: unknown[]): unknown => ({ version: 3, deployment: { manifest: {}, resources } });

    it("reads resources, drops those pending deletion, and names each from its URN", () => {
        const doc = exported([
            { urn: "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev", type: "pulumi:pulumi:Stack", custom: false },
            {
                urn: "urn:pulumi:dev::p::aws:s3/bucket:Bucket::old",
                type: "aws:s3/bucket:Bucket",
                delete: true,
                inputs: {},
                outputs: {},
            },
            {
                urn: "urn:pulumi:dev::p::aws:s3/bucket:Bucket::data",
                type: "aws:s3/bucket:Bucket",
                id: "data-bucket",
                parent: "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev",
                provider: "urn:pulumi:dev::p::pulumi:providers:aws::default::abc",
                dependencies: ["urn:x"],
                protect: true,
                inputs: { bucket: "data-bucket" },
                outputs: { bucket: "data-bucket", arn: "arn:aws:s3:::data-bucket" },
            },
        ]);
        assert.deepStrictEqual(resourcesFromStackExport(doc), [
            {
                urn: "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev",
                type: "pulumi:pulumi:Stack",
                name: "p-dev",
                inputs: {},
                outputs: {},
            },
            {
                urn: "urn:pulumi:dev::p::aws:s3/bucket:Bucket::data",
                type: "aws:s3/bucket:Bucket",
                name: "data",
                inputs: { bucket: "data-bucket" },
                outputs: { bucket: "data-bucket", arn: "arn:aws:s3:::data-bucket" },
                id: "data-bucket",
                parent: "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev",
                provider: "urn:pulumi:dev::p::pulumi:providers:aws::default::abc",
                dependencies: ["urn:x"],
                protect: true,
            },
        ]);
    });

    it("refuses documents that are not stack exports, saying why", () => {
        const cases: [unknown, string][] = [
            [[], "not a stack export: the document is not a JSON object"],
            [{ version: 3 }, 'not a stack export: no "deployment" object'],
            [{ version: 9, deployment: {} }, "not a stack export: unsupported version 9 (expected 3)"],
            [{ deployment: { resources: {} } }, "not a stack export: deployment.resources is not an array"],
            [
                { deployment: { resources: [{ type: "x" }] } },
                "not a stack export: deployment.resources[0] has no urn and type",
            ],
        ];
        for (const [doc, message] of cases)
            assert.throws(() => resourcesFromStackExport(doc), { name: "StackExportError", message });
    });

    it("unwraps exported secrets: plaintext is checked, ciphertext counts as unknown (no false failure)", async () => {
        const policy = (p: string): PolicyInputResource =>
            res(aws.s3.BucketPolicy, "p", { bucket: "example-b", policy: p });
        const open = json({
            Version: "2012-10-17",
            Statement: [
                { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::example-b/*" },
            ],
        });
        const plaintext = {
            ...policy(""),
            inputs: {
                bucket: "example-b",
                policy: { [SIG]: "1b47061264138c4ac30d75fd1eb44270", plaintext: JSON.stringify(open) },
            },
        };
        const ciphertext = {
            ...policy(""),
            inputs: {
                bucket: "example-b",
                policy: { [SIG]: "1b47061264138c4ac30d75fd1eb44270", ciphertext: "v1:abc" },
            },
        };
        assert.deepStrictEqual(
            (await runPolicyPack([plaintext], { policies: [bucketPolicySecureTransport] })).map((v) => v.message),
            ["The policy of bucket 'example-b' has no statement denying s3:* when aws:SecureTransport is false."],
        );
        assert.deepStrictEqual(await runPolicyPack([ciphertext], { policies: [bucketPolicySecureTransport] }), []);
    });

    it("replaces resource references by their id and resolves recorded output values", async () => {
        const seen: Record<string, unknown>[] = [];
        const b = res(aws.s3.Bucket, "b1", { bucket: "x" });
        b.inputs = {
            bucket: { [SIG]: "d0e6a833031e9bbcd3f4e8bde6ca49a4", value: "example-b1", dependencies: [] },
            ref: { [SIG]: "5cf8f73096256a8f31e491e813e4eb8e", urn: "urn:r", id: "r-id" },
            pending: { [SIG]: "d0e6a833031e9bbcd3f4e8bde6ca49a4", dependencies: [] },
        };
        const reader: ResourceValidationPolicy = {
            name: "reader",
            description: "Reads known values.",
            validateResource: (args) => {
                seen.push({ bucket: args.props.bucket, ref: args.props.ref });
            },
        };
        // The probe copies every property, so it meets the pending one and cannot run, as in a preview.
        const v = await runPolicyPack([b], { policies: [reader, probe(seen)] });
        assert.deepStrictEqual(seen, [{ bucket: "example-b1", ref: "r-id" }]);
        assert.deepStrictEqual(
            v.map((x) => [x.policy, x.enforcementLevel, x.message]),
            [
                [
                    "probe",
                    "advisory",
                    "can't run policy 'probe' from policy pack 's3-multiregion@v0.1.0' during preview: string value at .pending can't be known during preview",
                ],
            ],
        );
    });
});
