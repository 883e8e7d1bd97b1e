// The plan's cross-stack wiring and its proof facts, in process from hand-made stacks and the example stack files.
import * as assert from "node:assert/strict";
import * as path from "path";
import { deployOrder, discoverStacks, mergedStackConfig } from "../../config/stackFiles";
import { StackPlan } from "../../verifier/evaluate";
import { RecordedResource } from "../../verifier/mockRuntime";
import { proofFactsOf } from "../../verifier/proofFacts";
import { wiringOf } from "../../verifier/wiringReport";
import { recorded } from "./recorded";

const resource = (name: string, inputs: Record<string, unknown>, more: Partial<RecordedResource> = {}) =>
    recorded("x:y:Z", name, inputs, {}, more);

const plan = (resources: RecordedResource[], outputs: string[], fromStack = "osaka"): StackPlan => ({
    stack: "tokyo",
    role: "primary",
    accountId: "111111111111",
    region: "ap-northeast-1",
    ok: true,
    resources,
    outputs: {},
    config: {},
    wiring: [{ reference: "osaka-ref", fromStack, outputs }],
    elapsedMs: 0,
});

// 20 characters: the shortest value that counts as an identifier.
const ARN = "arn:aws:s3:::bucket1";

describe("plan wiring", () => {
    it("names the resources whose inputs contain an output's value, however deep, once each", () => {
        const peers = {
            osaka: {
                bucketArn: ARN,
                nested: { list: [{ deep: "arn:aws:iam::111111111111:role/replication" }] },
                short: "arn:aws:s3:::bucket", // 19 characters: would match by accident
                nothing: null,
            },
        };
        const resources = [
            resource("policy", { policy: { Statement: [{ Resource: [`${ARN}/*`] }] }, none: null, gone: undefined }),
            resource("rule", { role: "arn:aws:iam::111111111111:role/replication", bucket: ARN }),
            resource("rule", { again: ARN }, { urn: "urn:other" }),
            resource("ref", { value: ARN }, { type: "pulumi:pulumi:StackReference" }),
            resource("component", { value: ARN }, { custom: false }),
            resource("count", { n: 20 }),
        ];
        assert.deepEqual(wiringOf(plan(resources, ["bucketArn", "nested", "short", "nothing", "missing"]), peers), [
            {
                reference: "osaka-ref",
                fromStack: "osaka",
                outputs: [
                    { name: "bucketArn", usedBy: ["policy", "rule"] },
                    { name: "nested", usedBy: ["rule"] },
                    { name: "short", usedBy: [] },
                    { name: "nothing", usedBy: [] },
                    { name: "missing", usedBy: [] },
                ],
            },
        ]);
    });

    it("a peer that was not evaluated carries nothing anybody uses", () => {
        assert.deepEqual(wiringOf(plan([resource("r", { v: ARN })], ["bucketArn"], "gone"), {}), [
            { reference: "osaka-ref", fromStack: "gone", outputs: [{ name: "bucketArn", usedBy: [] }] },
        ]);
        assert.deepEqual(wiringOf({ ...plan([], []), wiring: [] }, {}), []);
    });
});

describe("plan proof facts", () => {
    const project = path.resolve(__dirname, "../..");
    const configs = deployOrder(discoverStacks(project)).map((s) => ({
        stack: s.name,
        config: mergedStackConfig(project, s),
    }));
    const without = {
        manifestKey: "inventory/manifest.json",
        reportKey: "job-00000000-0000-0000-0000-000000000000/results/report.csv",
    };

    it("the example stacks: the hub's partners and replication, the destination's copy, every regional stack", () => {
        assert.deepEqual(
            configs.map((c) => c.stack),
            ["osaka", "dest-account", "tokyo"],
        );
        assert.deepEqual(proofFactsOf(configs, []), {
            namePrefix: "example-s3mr",
            sourceAccountId: "111111111111",
            destinationAccountId: "222222222222",
            regional: [
                { stack: "osaka", region: "ap-northeast-3" },
                { stack: "tokyo", region: "ap-northeast-1" },
            ],
            hub: {
                stack: "tokyo",
                region: "ap-northeast-1",
                partners: {
                    principals: ["arn:aws:iam::333333333333:root"],
                    externalId: "secret-not-decrypted-offline",
                },
                replicatesToDestination: true,
            },
            destination: { stack: "dest-account", region: "ap-northeast-1", copy: { mode: "backup" } },
            ...without,
        });
    });

    it("a stack with bad config adds nothing; with no readable config there are no facts", () => {
        const bad = { stack: "broken", config: { "s3-multiregion:role": "nonsense" } };
        assert.deepEqual(proofFactsOf([bad, ...configs], []), proofFactsOf(configs, []));
        assert.equal(proofFactsOf([bad], []), undefined);
        assert.equal(proofFactsOf([], []), undefined);
    });

    it("without a hub or a destination stack the facts have none, and the first stack gives the names", () => {
        const osaka = configs.filter((c) => c.stack === "osaka");
        assert.deepEqual(proofFactsOf(osaka, []), {
            namePrefix: "example-s3mr",
            sourceAccountId: "111111111111",
            destinationAccountId: "222222222222",
            regional: [{ stack: "osaka", region: "ap-northeast-3" }],
            hub: undefined,
            destination: undefined,
            ...without,
        });
        const dest = proofFactsOf(
            configs.filter((c) => c.stack !== "tokyo"),
            [],
        );
        assert.equal(dest?.hub, undefined);
        assert.deepEqual(dest?.destination, {
            stack: "dest-account",
            region: "ap-northeast-1",
            copy: { mode: "backup" },
        });
    });

    it("the manifest and report keys follow the plan's inventory and batch job", () => {
        const inventory = (destination: Record<string, unknown>) =>
            resource(
                "inv",
                { bucket: "data", name: "daily", destination: { bucket: destination } },
                {
                    type: "aws:s3/inventory:Inventory",
                },
            );
        const job = resource("job", { reportPrefix: "reports/batch" });
        const facts = (...resources: RecordedResource[]) => {
            const f = proofFactsOf(configs, [{ ...plan(resources, []), resources }]);
            return { manifestKey: f?.manifestKey, reportKey: f?.reportKey };
        };
        assert.deepEqual(facts(inventory({ prefix: "inventory" }), job), {
            manifestKey: "inventory/data/daily/2025-01-01T01-00Z/manifest.json",
            reportKey: "reports/batch/job-00000000-0000-0000-0000-000000000000/results/report.csv",
        });
        // No prefix (or an empty one): the manifest sits at the bucket's top.
        assert.deepEqual(facts(inventory({ prefix: "" })), {
            manifestKey: "data/daily/2025-01-01T01-00Z/manifest.json",
            reportKey: without.reportKey,
        });
        assert.equal(facts(inventory({})).manifestKey, "data/daily/2025-01-01T01-00Z/manifest.json");
        assert.deepEqual(facts(resource("other", { bucket: "x" })), without);
    });
});
