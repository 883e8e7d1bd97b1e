// The plan's text per stack and its summary, from hand-made documents: wiring, pack verdict, proofs, deploy order.
import * as assert from "node:assert/strict";
import { PlanDocument, StackReport } from "../../verifier/planReport";
import { renderPlan, renderStackReport } from "../../verifier/planText";

const report = (more: Partial<StackReport> = {}): StackReport => ({
    stack: "tokyo",
    role: "primary",
    accountId: "111111111111",
    region: "ap-northeast-1",
    elapsedMs: 42,
    error: null,
    resources: [],
    outputs: { bucketName: "b", mrapAlias: "a" },
    wiring: [],
    violations: [],
    proofs: [],
    ...more,
});

const ran = { ran: true };
const HEADER = "1. stack tokyo  (role primary, account 111111111111, ap-northeast-1; evaluated in 42 ms)";
const violation = (enforcementLevel: string, policy: string) => ({
    policy,
    enforcementLevel,
    urn: `urn:pulumi:tokyo::p::aws:s3/bucket:Bucket::${policy}-target`,
    message: `${policy} says no`,
});

describe("plan text: one stack", () => {
    it("a stack that could not be evaluated: the header and the error, nothing else", () => {
        assert.deepEqual(renderStackReport(report({ error: { kind: "config", message: "bad key" } }), 0, ran), [
            HEADER,
            "    config error: bad key",
        ]);
        assert.deepEqual(renderStackReport(report({ error: { kind: "program", message: "boom" } }), 2, ran), [
            HEADER.replace("1.", "3."),
            "    error: boom",
        ]);
    });

    it("a clean stack: resources, outputs and the pack's pass; no wiring or proofs section when there are none", () => {
        const resources = [
            { urn: "u1", type: "x:y:Z", name: "one", parent: null, dependencies: [], inputs: { bucket: "b" } },
        ];
        assert.deepEqual(renderStackReport(report({ resources }), 0, ran), [
            HEADER,
            "  resources (1):",
            "    one  [x:y:Z]  (bucket=b)",
            "  outputs: bucketName, mrapAlias",
            "  policy pack: pass (no violations)",
        ]);
        assert.deepEqual(renderStackReport(report(), 0, { ran: false, reason: "policy/runner.ts not found" }), [
            HEADER,
            "  resources (0):",
            "  outputs: bucketName, mrapAlias",
            "  policy pack: not run (policy/runner.ts not found)",
        ]);
    });

    it("cross-stack wiring: each output's consumers, at most four and a count of the rest", () => {
        const wiring = [
            {
                reference: "osaka-ref",
                fromStack: "osaka",
                outputs: [
                    { name: "four", usedBy: ["a", "b", "c", "d"] },
                    { name: "five", usedBy: ["a", "b", "c", "d", "e"] },
                    { name: "seven", usedBy: ["a", "b", "c", "d", "e", "f", "g"] },
                    { name: "none", usedBy: [] },
                ],
            },
        ];
        assert.deepEqual(renderStackReport(report({ wiring }), 0, ran).slice(2, 8), [
            "  cross-stack wiring:",
            "    osaka-ref <- stack osaka",
            "      four -> a, b, c, d",
            "      five -> a, b, c, d, 1 more",
            "      seven -> a, b, c, d, 3 more",
            "      none (carried; no resource input contains it)",
        ]);
    });

    it("the pack's verdict: FAIL with any mandatory violation, pass with advisory ones only; every finding listed", () => {
        const mixed = [
            violation("advisory", "tags"),
            violation("mandatory", "no-public"),
            violation("advisory", "kms"),
        ];
        assert.deepEqual(renderStackReport(report({ violations: mixed }), 0, ran).slice(3), [
            "  policy pack: FAIL (1 mandatory, 2 advisory)",
            "    [advisory] tags  tags-target: tags says no",
            "    [mandatory] no-public  no-public-target: no-public says no",
            "    [advisory] kms  kms-target: kms says no",
        ]);
        assert.deepEqual(renderStackReport(report({ violations: [violation("advisory", "tags")] }), 0, ran).slice(3), [
            "  policy pack: pass (0 mandatory, 1 advisory)",
            "    [advisory] tags  tags-target: tags says no",
        ]);
        // A crashed pack reports an empty urn: the line still says which policy and why.
        const crash = { policy: "policy-pack", enforcementLevel: "mandatory", urn: "", message: "crashed" };
        assert.deepEqual(renderStackReport(report({ violations: [crash] }), 0, ran).slice(4), [
            "    [mandatory] policy-pack  : crashed",
        ]);
    });

    it("access proofs: the counts per status, then each proof's mark, expectation, outcome and reason", () => {
        const proofs = [
            { name: "p1", expected: "Allowed", actual: "Allowed", status: "passed", reason: "AllowX" },
            { name: "p2", expected: "Denied", actual: "Allowed", status: "failed", reason: "public" },
            { name: "p3", expected: "Allowed", actual: null, status: "unproven", reason: "simulator" },
            { name: "p4", expected: "Denied", actual: "ExplicitlyDenied", status: "passed", reason: "DenyY" },
        ] satisfies StackReport["proofs"];
        assert.deepEqual(renderStackReport(report({ proofs }), 0, ran).slice(4), [
            "  access proofs (2 passed, 1 failed, 1 unproven):",
            "    PASS      p1",
            "              expected Allowed, actual Allowed: AllowX",
            "    FAIL      p2",
            "              expected Denied, actual Allowed: public",
            "    UNPROVEN  p3",
            "              expected Allowed, actual -: simulator",
            "    PASS      p4",
            "              expected Denied, actual ExplicitlyDenied: DenyY",
        ]);
    });
});

describe("plan text: the whole plan", () => {
    const doc = (more: Partial<PlanDocument> = {}): PlanDocument => ({
        deployOrder: ["osaka", "dest-account", "tokyo"],
        policyPack: ran,
        summary: {
            resources: 12,
            mandatoryViolations: 1,
            advisoryViolations: 2,
            proofs: { passed: 3, failed: 4, unproven: 5 },
            exitCode: 1,
        },
        stacks: [report()],
        ...more,
    });

    it("numbers each stack by its place in the deploy order and ends with the summary", () => {
        const text = renderPlan(doc()).split("\n");
        assert.equal(text[0], "Offline plan: osaka -> dest-account -> tokyo (deploy order)");
        assert.equal(text[1], "");
        assert.equal(text[2], HEADER.replace("1.", "3."));
        assert.equal(text[text.length - 2], "");
        assert.equal(
            text[text.length - 1],
            "Summary: 12 resources in 1 stack(s); policy pack: 1 mandatory and 2 advisory violations; access proofs: 3 passed, 4 failed, 5 unproven.",
        );
    });

    it("a stack missing from the deploy order keeps its place in the list; a pack not run says why", () => {
        const other = report({ stack: "extra", error: { kind: "program", message: "x" } });
        const text = renderPlan(doc({ stacks: [other, report()], policyPack: { ran: false, reason: "absent" } }));
        assert.deepEqual(text.split("\n").slice(2, 5), [
            "1. stack extra  (role primary, account 111111111111, ap-northeast-1; evaluated in 42 ms)",
            "    error: x",
            "",
        ]);
        assert.match(text, /^3\. stack tokyo /m);
        // The first stack of the deploy order is 1., wherever it is listed.
        const first = renderPlan(doc({ stacks: [report(), report({ stack: "osaka" })] }));
        assert.match(first, /^1\. stack osaka /m);
        assert.ok(text.includes("\n  policy pack: not run (absent)\n"), text);
        assert.match(text, /; policy pack: not run \(absent\); access proofs: 3 passed, 4 failed, 5 unproven\.$/);
        assert.match(text, /^Summary: 12 resources in 2 stack\(s\);/m);
    });
});
