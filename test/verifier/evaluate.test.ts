// The offline evaluator: stacks in deploy order in their own processes; bad config stops with one line and no resources.
import * as assert from "node:assert/strict";
import { evaluatePlan, evaluateStack } from "../../verifier/evaluate";
import { discoverStacks } from "../../config/stackFiles";
import { PROJECT_DIR } from "../support/stackConfigs";
import { patchedProject } from "./planRun";
import * as fs from "fs";

describe("offline evaluator", function () {
    this.timeout(120000);

    it("evaluates osaka, dest-account and tokyo in order, deterministically, feeding outputs into tokyo's StackReferences", async () => {
        // Two evaluations side by side: the same program must give the same plan (what makes a second `up` a no-op).
        const [plans, again] = await Promise.all([
            evaluatePlan({ projectDir: PROJECT_DIR }),
            evaluatePlan({ projectDir: PROJECT_DIR }),
        ]);
        const comparable = (ps: typeof plans) =>
            ps.map((p) => ({ stack: p.stack, resources: p.resources, outputs: p.outputs, wiring: p.wiring }));
        assert.deepEqual(comparable(again), comparable(plans));
        assert.deepEqual(
            plans.map((p) => [p.stack, p.ok, p.error]),
            [
                ["osaka", true, undefined],
                ["dest-account", true, undefined],
                ["tokyo", true, undefined],
            ],
        );
        const [osaka, dest, tokyo] = plans;
        assert.deepEqual(tokyo.wiring.map((w) => w.fromStack).sort(), ["dest-account", "osaka"]);
        const refs = tokyo.resources.filter((r) => r.type === "pulumi:pulumi:StackReference");
        assert.deepEqual(refs.find((r) => r.inputs.name.endsWith("/osaka"))?.outputs.outputs, osaka.outputs);
        assert.deepEqual(refs.find((r) => r.inputs.name.endsWith("/dest-account"))?.outputs.outputs, dest.outputs);
        assert.equal(
            (tokyo.outputs.regionalBuckets as { bucketName: string }[])[1].bucketName,
            osaka.outputs.bucketName,
        );
    });

    it("reports a peer deployed in another region as tokyo's error, in one line, instead of crashing", async () => {
        const plans = await evaluatePlan({
            projectDir: PROJECT_DIR,
            overrides: { osaka: { "aws:region": "ap-southeast-1" } },
        });
        assert.deepEqual(
            plans.map((p) => [p.stack, p.ok]),
            [
                ["osaka", true],
                ["dest-account", true],
                ["tokyo", false],
            ],
        );
        assert.deepEqual(plans[2].error, {
            kind: "config",
            message:
                'config s3-multiregion:secondaryStacks entry "osaka@ap-northeast-3": stack osaka is in ap-southeast-1; allowed: osaka@ap-southeast-1',
        });
    });

    it("stops at the first stack that fails in deploy order, as `pulumi up` in order would, even before stacks that do not read it", async () => {
        // dest-account reads nothing from osaka: only the deploy order stops it.
        const plans = await evaluatePlan({
            projectDir: PROJECT_DIR,
            overrides: { osaka: { "s3-multiregion:namePrefix": "Bad_Prefix" } },
        });
        assert.deepEqual(
            plans.map((p) => [p.stack, p.ok, p.error?.kind]),
            [["osaka", false, "config"]],
        );
        const until = await evaluatePlan({ projectDir: PROJECT_DIR, until: "dest-account" });
        assert.deepEqual(
            until.map((p) => [p.stack, p.ok]),
            [
                ["osaka", true],
                ["dest-account", true],
            ],
        );
        await assert.rejects(
            evaluatePlan({ projectDir: PROJECT_DIR, until: "singapore" }),
            new Error("no stack named singapore; stacks: osaka, dest-account, tokyo"),
        );
    });

    it("reports a stack whose process ends without a result with what it printed, or its exit code", async () => {
        const printed = patchedProject({
            indexSuffix: 'process.stderr.write("  the program gave up\\n"); process.exit(7);',
        });
        const silent = patchedProject({ indexSuffix: "process.exit(7);" });
        try {
            const osaka = (dir: string) => discoverStacks(dir).find((s) => s.name === "osaka")!;
            await assert.rejects(
                evaluateStack({ projectDir: printed }, osaka(printed), {}),
                new Error("evaluating stack osaka failed: the program gave up"),
            );
            await assert.rejects(
                evaluateStack({ projectDir: silent }, osaka(silent), {}),
                new Error("evaluating stack osaka failed: exit code 7"),
            );
        } finally {
            for (const dir of [printed, silent]) fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("tells a program's defect from bad config, and reports a failure inside an Output by its cause alone", async () => {
        const failing = (code: string) =>
            patchedProject({
                indexSuffix: `const aws = require("@pulumi/aws"); const pulumi = require("@pulumi/pulumi"); ${code}`,
            });
        const rejected = (message: string) =>
            `new aws.s3.Bucket("late", { bucket: pulumi.output(1).apply(() => { throw new Error(${JSON.stringify(message)}); }) });`;
        const dirs = [
            failing('throw new Error("the program is broken");'),
            failing(rejected("config s3-multiregion:lateKey is 7; allowed: 1 to 5")),
            failing(rejected("the program is broken late")),
        ];
        try {
            const osaka = (dir: string) => discoverStacks(dir).find((s) => s.name === "osaka")!;
            const plans = await Promise.all(dirs.map((dir) => evaluateStack({ projectDir: dir }, osaka(dir), {})));
            assert.deepEqual(
                plans.map((p) => [p.ok, p.error]),
                [
                    [false, { kind: "program", message: "the program is broken" }],
                    [false, { kind: "config", message: "config s3-multiregion:lateKey is 7; allowed: 1 to 5" }],
                    [false, { kind: "program", message: "the program is broken late" }],
                ],
            );
        } finally {
            for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    const stacks = () => discoverStacks(PROJECT_DIR);
    const bad: [string, string, Record<string, string>, RegExp][] = [
        [
            "osaka",
            "malformed account id",
            { "s3-multiregion:sourceAccountId": "1111" },
            /^config s3-multiregion:sourceAccountId = "1111"; allowed: a 12-digit AWS account id$/,
        ],
        [
            "osaka",
            "unknown region",
            { "aws:region": "osaka-1" },
            /^config aws:region = "osaka-1"; allowed: a commercial AWS region code/,
        ],
        [
            "dest-account",
            "prefix S3 would refuse",
            { "s3-multiregion:namePrefix": "Example_S3" },
            /^config s3-multiregion:namePrefix = "Example_S3"; allowed:/,
        ],
        [
            "tokyo",
            "overlapping VPN CIDR",
            { "s3-multiregion:vpnClientCidr": "10.0.4.0/22" },
            /^config s3-multiregion:vpnClientCidr = "10.0.4.0\/22"; allowed: a CIDR that does not overlap vpcCidr 10.0.0.0\/16$/,
        ],
        [
            "tokyo",
            "missing certificate ARN",
            { "s3-multiregion:vpnServerCertificateArn": "" },
            /^config s3-multiregion:vpnServerCertificateArn is not set; allowed: an ACM certificate ARN/,
        ],
    ];
    for (const [stackName, what, overrides, expected] of bad) {
        it(`stops ${stackName} on ${what} with the one-line message and declares nothing`, async () => {
            const stack = stacks().find((s) => s.name === stackName)!;
            const peers = {
                osaka: {
                    role: "secondary",
                    region: "ap-northeast-3",
                    bucketName: "b",
                    bucketArn: "arn:aws:s3:::b",
                    accountId: "111111111111",
                },
            };
            const plan = await evaluateStack(
                { projectDir: PROJECT_DIR, overrides: { [stackName]: overrides } },
                stack,
                peers,
            );
            assert.equal(plan.ok, false);
            assert.equal(plan.error?.kind, "config");
            assert.match(plan.error!.message, expected);
            assert.deepEqual(plan.resources, []);
        });
    }
});
