// The plan document from hand-made evaluated stacks and a fake pack: stacks shown, violations, proofs, summary, exit code.
import * as assert from "node:assert/strict";
import * as path from "path";
import { deployOrder, discoverStacks, mergedStackConfig } from "../../config/stackFiles";
import { StackPlan } from "../../verifier/evaluate";
import { RecordedResource } from "../../verifier/mockRuntime";
import { PackRunner, PolicyViolation } from "../../verifier/packRunner";
import { buildPlanDocument } from "../../verifier/planReport";

const A = "111111111111";

const resource = (name: string, more: Partial<RecordedResource> = {}): RecordedResource => ({
    urn: `urn:pulumi:s::p::x:y:Z::${name}`,
    type: "x:y:Z",
    name,
    custom: true,
    dependencies: ["urn:dep"],
    protect: false,
    retainOnDelete: false,
    inputs: { bucket: name },
    outputs: { id: name },
    ...more,
});

const plan = (stack: string, more: Partial<StackPlan> = {}): StackPlan => ({
    stack,
    role: "secondary",
    accountId: A,
    region: "ap-northeast-3",
    ok: true,
    resources: [resource(`${stack}-a`), resource(`${stack}-b`)],
    outputs: { bucketName: `${stack}-bucket` },
    config: {},
    wiring: [],
    elapsedMs: 41.6,
    ...more,
});

const found = (enforcementLevel: string, urn = "u"): PolicyViolation & { extra: string } => ({
    policy: "p",
    enforcementLevel,
    urn,
    message: "m",
    extra: "not reported",
});

/** A pack that reports the given findings for every stack and records the resources it was shown. */
const pack = (findings: PolicyViolation[], seen: string[][] = []): PackRunner => {
    return (resources) => {
        seen.push(resources.map((r) => r.name));
        return findings;
    };
};

describe("plan document", () => {
    it("reports every stack's resources as entries: parent and error as null, adopted only for a read resource", async () => {
        const read = resource("live", { read: true, parent: "urn:parent" });
        const ref = resource("ref", { read: true, type: "pulumi:pulumi:StackReference" });
        const doc = await buildPlanDocument([plan("osaka", { resources: [read, ref] })], {
            configs: [],
            packStatus: { ran: false, reason: "r" },
        });
        assert.deepEqual(doc.stacks[0], {
            stack: "osaka",
            role: "secondary",
            accountId: A,
            region: "ap-northeast-3",
            elapsedMs: 42,
            error: null,
            resources: [
                {
                    urn: read.urn,
                    type: "x:y:Z",
                    name: "live",
                    parent: "urn:parent",
                    dependencies: ["urn:dep"],
                    inputs: { bucket: "live" },
                    adopted: true,
                },
                {
                    urn: ref.urn,
                    type: "pulumi:pulumi:StackReference",
                    name: "ref",
                    parent: null,
                    dependencies: ["urn:dep"],
                    inputs: { bucket: "ref" },
                },
            ],
            outputs: { bucketName: "osaka-bucket" },
            wiring: [],
            violations: [],
            proofs: [],
        });
        assert.deepEqual(doc.policyPack, { ran: false, reason: "r" });
    });

    it("runs the pack on each evaluated stack and keeps only the four documented fields of a finding", async () => {
        const seen: string[][] = [];
        const broken = plan("tokyo", { ok: false, error: { kind: "program", message: "boom" } });
        const doc = await buildPlanDocument([plan("osaka"), broken], {
            configs: [],
            runner: pack([found("advisory")], seen),
            packStatus: { ran: true },
        });
        assert.deepEqual(seen, [["osaka-a", "osaka-b"]]);
        assert.deepEqual(doc.stacks[0].violations, [
            { policy: "p", enforcementLevel: "advisory", urn: "u", message: "m" },
        ]);
        assert.deepEqual(doc.stacks[1].violations, []);
        assert.deepEqual(doc.stacks[1].error, { kind: "program", message: "boom" });
    });

    it("a pack that throws is one mandatory finding naming the error", async () => {
        const doc = await buildPlanDocument([plan("osaka")], {
            configs: [],
            runner: () => {
                throw new Error("bad pack config");
            },
            packStatus: { ran: true },
        });
        assert.deepEqual(doc.stacks[0].violations, [
            {
                policy: "policy-pack",
                enforcementLevel: "mandatory",
                urn: "",
                message: "the pack could not evaluate this stack: bad pack config",
            },
        ]);
        assert.equal(doc.summary.exitCode, 1);
    });

    it("summary: resources and violations of the stacks shown; exit 1 only for a mandatory one", async () => {
        const advisory = await buildPlanDocument([plan("osaka"), plan("tokyo")], {
            configs: [],
            runner: pack([found("advisory"), found("advisory")]),
            packStatus: { ran: true },
        });
        assert.deepEqual(advisory.deployOrder, ["osaka", "tokyo"]);
        assert.deepEqual(advisory.summary, {
            resources: 4,
            mandatoryViolations: 0,
            advisoryViolations: 4,
            proofs: { passed: 0, failed: 0, unproven: 0 },
            exitCode: 0,
        });
        const mandatory = await buildPlanDocument([plan("osaka"), plan("tokyo")], {
            only: "tokyo",
            configs: [],
            runner: pack([found("mandatory"), found("advisory"), found("Mandatory")]),
            packStatus: { ran: true },
        });
        assert.deepEqual(mandatory.deployOrder, ["osaka", "tokyo"]);
        assert.deepEqual(
            mandatory.stacks.map((s) => s.stack),
            ["tokyo"],
        );
        assert.deepEqual(mandatory.summary, {
            resources: 2,
            mandatoryViolations: 1,
            advisoryViolations: 2,
            proofs: { passed: 0, failed: 0, unproven: 0 },
            exitCode: 1,
        });
    });

    it("exit 2 for a stack with a config error, 1 for a program error, even in a stack not shown", async () => {
        const opts = { configs: [], packStatus: { ran: true } };
        const config = plan("tokyo", { ok: false, error: { kind: "config", message: "bad" } });
        const program = plan("tokyo", { ok: false, error: { kind: "program", message: "boom" } });
        assert.equal((await buildPlanDocument([plan("osaka"), config], opts)).summary.exitCode, 2);
        assert.equal((await buildPlanDocument([plan("osaka"), program], opts)).summary.exitCode, 1);
        assert.equal((await buildPlanDocument([program], { ...opts, only: "osaka" })).summary.exitCode, 1);
        // A stack that failed without saying why still fails the plan.
        assert.equal((await buildPlanDocument([plan("osaka", { ok: false })], opts)).summary.exitCode, 1);
        assert.equal((await buildPlanDocument([plan("osaka")], opts)).summary.exitCode, 0);
    });

    it("shows which of a stack's resources use each output its StackReference carried from a peer", async () => {
        const arn = "arn:aws:s3:::osaka-data-bucket";
        const osaka = plan("osaka", { outputs: { bucketArn: arn } });
        const tokyo = plan("tokyo", {
            resources: [resource("rule", { inputs: { destination: arn } }), resource("other")],
            wiring: [{ reference: "osaka-ref", fromStack: "osaka", outputs: ["bucketArn"] }],
        });
        const doc = await buildPlanDocument([osaka, tokyo], { configs: [], packStatus: { ran: true } });
        assert.deepEqual(doc.stacks[1].wiring, [
            { reference: "osaka-ref", fromStack: "osaka", outputs: [{ name: "bucketArn", usedBy: ["rule"] }] },
        ]);
    });

    it("tells how long the proofs and the pack took", async () => {
        const phases: string[] = [];
        await buildPlanDocument([plan("osaka")], {
            configs: [],
            packStatus: { ran: true },
            onPhase: (phase, ms) => {
                assert.ok(ms >= 0 && Number.isFinite(ms), `${phase}: ${ms}`);
                phases.push(phase);
            },
        });
        assert.deepEqual(phases, ["proofs", "pack"]);
    });
});

describe("plan document: access proofs", function () {
    this.timeout(60000);
    const project = path.resolve(__dirname, "../..");
    const configs = deployOrder(discoverStacks(project)).map((s) => ({
        stack: s.name,
        config: mergedStackConfig(project, s),
    }));
    // The example stacks' config with no resources evaluated: every proof's subject is missing from the plan.
    const empty = configs.map((c) => plan(c.stack, { resources: [] }));

    it("on a full plan a subject missing from the plan fails the proof; the counts are the stacks' proofs", async () => {
        const doc = await buildPlanDocument(empty, { configs, packStatus: { ran: true } });
        const proofs = doc.stacks.flatMap((s) => s.proofs);
        const count = (status: string) => proofs.filter((p) => p.status === status).length;
        assert.ok(count("failed") > 0, JSON.stringify(proofs));
        assert.equal(count("passed"), 0);
        assert.deepEqual(doc.summary.proofs, { passed: 0, failed: count("failed"), unproven: count("unproven") });
        assert.equal(doc.summary.exitCode, 1);
        for (const s of doc.stacks) assert.ok(s.proofs.length > 0 && !s.proofs.some((p) => "stack" in p), s.stack);
        // Each proof is shown under its own stack only.
        assert.equal(new Set(proofs.map((p) => p.name)).size, proofs.length);
        assert.ok(proofs.every((p) => p.status !== "failed" || p.reason.endsWith("do the stack files agree?")));
    });

    it("with --stack the missing subjects stay unproven and only that stack's proofs are shown", async () => {
        const full = await buildPlanDocument(empty, { configs, packStatus: { ran: true } });
        const doc = await buildPlanDocument(empty, { only: "tokyo", configs, packStatus: { ran: true } });
        const tokyo = full.stacks.find((s) => s.stack === "tokyo")!.proofs;
        assert.ok(tokyo.length > 0);
        assert.deepEqual(
            doc.stacks[0].proofs.map((p) => p.name),
            tokyo.map((p) => p.name),
        );
        assert.ok(doc.stacks[0].proofs.every((p) => p.status === "unproven"));
        assert.deepEqual(doc.summary.proofs, { passed: 0, failed: 0, unproven: tokyo.length });
        assert.equal(doc.summary.exitCode, 0);
    });

    it("runs no proofs while any stack failed to evaluate", async () => {
        const broken = [...empty.slice(0, -1), { ...empty[empty.length - 1], ok: false }];
        const doc = await buildPlanDocument(broken, { configs, packStatus: { ran: true } });
        assert.deepEqual(
            doc.stacks.map((s) => s.proofs),
            empty.map(() => []),
        );
    });
});
