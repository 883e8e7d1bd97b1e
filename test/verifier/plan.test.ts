// `npm run plan` as a user and CI run it: the JSON document's shape, every access proof, and the exit codes 0, 1 and 2.
import * as assert from "node:assert/strict";
import * as fs from "fs";
import { PlanDocument } from "../../verifier/planReport";
import { parseArgs } from "../../verifier/plan";
import { patchedProject, realPlanRun, runPlanCli } from "./planRun";

const A = "111111111111";
const B = "222222222222";
const DATA_TOKYO = `example-s3mr-data-${A}-ap-northeast-1`;
const DATA_OSAKA = `example-s3mr-data-${A}-ap-northeast-3`;
const REPLICA = `example-s3mr-replica-${B}-ap-northeast-1`;

/** Every proof the example configuration must show, by stack. */
const EXPECTED_PROOFS: Record<string, string[]> = {
    osaka: [
        `a principal of account A with S3 rights may write to ${DATA_OSAKA}`,
        `a request without TLS to ${DATA_OSAKA} is denied`,
        `anonymous read of ${DATA_OSAKA} is denied`,
        `partner principal without the writer role may not write to ${DATA_OSAKA}`,
        "batchoperations.s3.amazonaws.com may assume example-s3mr-batch-replication-ap-northeast-3",
        "s3.amazonaws.com may not assume example-s3mr-batch-replication-ap-northeast-3",
        "a role of the same account may not assume example-s3mr-batch-replication-ap-northeast-3",
        `the batch replication role may initiate replication of objects in ${DATA_OSAKA}`,
        `the batch replication role may write the job report to example-s3mr-reports-${A}-ap-northeast-3`,
        `example-s3mr-batch-replication-ap-northeast-3 may not initiate replication of objects in ${DATA_TOKYO}`,
    ],
    "dest-account": [
        `the replication role may s3:ReplicateObject into ${REPLICA}`,
        `the replication role may s3:ObjectOwnerOverrideToBucketOwner into ${REPLICA}`,
        `an unrelated role of account A may not replicate into ${REPLICA}`,
        `the replication role without TLS is denied on ${REPLICA}`,
        `anonymous read of ${REPLICA} is denied`,
        "batchoperations.s3.amazonaws.com may assume example-s3mr-batch-copy",
        "s3.amazonaws.com may not assume example-s3mr-batch-copy",
        "a role of the same account may not assume example-s3mr-batch-copy",
        `the destination's batch copy role may write the job report to example-s3mr-reports-${B}-ap-northeast-1`,
        // The example replica is a backup (destinationMode's default).
        `account B refuses the replication role's delete markers in ${REPLICA} (a backup)`,
        `${REPLICA} keeps noncurrent versions forever and expires no current version`,
    ],
    tokyo: [
        `a principal of account A with S3 rights may write to ${DATA_TOKYO}`,
        `a request without TLS to ${DATA_TOKYO} is denied`,
        `anonymous read of ${DATA_TOKYO} is denied`,
        `partner principal without the writer role may not write to ${DATA_TOKYO}`,
        "partner principal may assume example-s3mr-partner-writer with the external id",
        "partner principal may not assume example-s3mr-partner-writer without the external id",
        "an unlisted account may not assume example-s3mr-partner-writer, even with the external id",
        "with example-s3mr-partner-writer, the partner may write through the Multi-Region Access Point",
        "s3.amazonaws.com may assume example-s3mr-replication",
        "batchoperations.s3.amazonaws.com may assume example-s3mr-batch-replication",
        "s3.amazonaws.com may not assume example-s3mr-batch-replication",
        "a role of the same account may not assume example-s3mr-batch-replication",
        `the batch replication role may initiate replication of objects in ${DATA_TOKYO}`,
        `the batch replication role may write the job report to example-s3mr-reports-${A}-ap-northeast-1`,
        `example-s3mr-batch-replication may not initiate replication of objects in ${DATA_OSAKA}`,
        `the destination's batch copy role may read objects in ${DATA_TOKYO}`,
        `the destination's batch copy role may read the manifest in example-s3mr-manifest-${A}-ap-northeast-1`,
        `a delete in account A leaves ${REPLICA}'s copy current (no rule into account B replicates delete markers)`,
    ],
};

describe("npm run plan", function () {
    this.timeout(180000);

    it("exits 0 on the example stacks and prints one JSON document with the documented shape", async () => {
        const run = await realPlanRun();
        assert.equal(run.code, 0, run.stderr);
        const doc = JSON.parse(run.stdout) as PlanDocument;
        assert.deepEqual(Object.keys(doc).sort(), ["deployOrder", "policyPack", "stacks", "summary"]);
        assert.deepEqual(doc.deployOrder, ["osaka", "dest-account", "tokyo"]);
        assert.deepEqual(doc.policyPack, { ran: true });
        assert.deepEqual(Object.keys(doc.summary).sort(), [
            "advisoryViolations",
            "exitCode",
            "mandatoryViolations",
            "proofs",
            "resources",
        ]);
        assert.equal(doc.summary.exitCode, 0);
        assert.equal(doc.summary.mandatoryViolations, 0);
        assert.equal(doc.summary.proofs.failed, 0);
        for (const s of doc.stacks) {
            assert.deepEqual(Object.keys(s).sort(), [
                "accountId",
                "elapsedMs",
                "error",
                "outputs",
                "proofs",
                "region",
                "resources",
                "role",
                "stack",
                "violations",
                "wiring",
            ]);
            assert.equal(s.error, null);
            assert.ok(s.resources.length > 0);
            for (const r of s.resources)
                assert.deepEqual(Object.keys(r), ["urn", "type", "name", "parent", "dependencies", "inputs"]);
            for (const v of s.violations)
                assert.deepEqual(Object.keys(v), ["policy", "enforcementLevel", "urn", "message"]);
            for (const p of s.proofs)
                assert.deepEqual(Object.keys(p), ["name", "expected", "actual", "status", "reason"]);
        }
        // The hub reads both peers, and the replica's ARN feeds its replication configuration.
        const tokyo = doc.stacks.find((s) => s.stack === "tokyo")!;
        assert.deepEqual(
            tokyo.wiring.map((w) => [w.reference, w.fromStack]),
            [
                ["peer-osaka", "osaka"],
                ["peer-dest-account", "dest-account"],
            ],
        );
        const replicaArn = tokyo.wiring[1].outputs.find((o) => o.name === "replicaBucketArn")!;
        assert.ok(replicaArn.usedBy.includes("replication-ap-northeast-1"), JSON.stringify(replicaArn));
        const parentOf = (name: string) =>
            tokyo.resources.find((r) => r.name === name && r.type === "aws:s3/bucket:Bucket")?.parent;
        assert.equal(parentOf("data"), "urn:pulumi:tokyo::s3-multiregion::s3-multiregion:storage:HardenedBucket::data");
    });

    it("shows every field-report access proof with its status: all passed except the MRAP path, which the simulator cannot model", async () => {
        const doc = JSON.parse((await realPlanRun()).stdout) as PlanDocument;
        for (const [stack, names] of Object.entries(EXPECTED_PROOFS)) {
            const proofs = doc.stacks.find((s) => s.stack === stack)!.proofs;
            assert.deepEqual(proofs.map((p) => p.name).sort(), [...names].sort(), stack);
            for (const p of proofs) {
                if (p.name.includes("through the Multi-Region Access Point")) {
                    assert.equal(p.status, "unproven");
                    assert.match(p.reason, /does not model Multi-Region Access Point ARNs/);
                } else {
                    assert.equal(p.status, "passed", `${p.name}: ${p.reason}`);
                    assert.equal(p.actual === "Allowed", p.expected === "Allowed", p.name);
                }
            }
        }
    });

    it("exits 2 with the config validation's sentence alone on bad config, before evaluating later stacks", async () => {
        const dir = patchedProject({
            stackFiles: (f, text) =>
                // Every file alike: stack files that disagree are refused before any evaluation.
                text.replace("namePrefix: example-s3mr", "namePrefix: Bad_Prefix"),
        });
        try {
            const run = await runPlanCli(["--project", dir]);
            assert.equal(run.code, 2);
            assert.equal(run.stdout, "");
            assert.match(
                run.stderr,
                /^stack osaka: config s3-multiregion:namePrefix = "Bad_Prefix"; allowed: [^\n]+\n$/,
            );
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("evaluates a stack that adopts its bucket: the live-bucket check is answered and the bucket shows as adopted", async () => {
        const dir = patchedProject({
            stackFiles: (f, text) =>
                f === "Pulumi.osaka.yaml"
                    ? text.replace(
                          "# s3-multiregion:existingBucketName: my-existing-data-bucket",
                          "s3-multiregion:existingBucketName: my-existing-data-bucket",
                      )
                    : text,
        });
        try {
            fs.mkdirSync(`${dir}/adopted`);
            fs.writeFileSync(
                `${dir}/adopted/osaka.json`,
                JSON.stringify({
                    version: 1,
                    stack: "osaka",
                    bucket: "my-existing-data-bucket",
                    region: "ap-northeast-3",
                    accountId: A,
                    readAt: "2026-12-01T00:00:00Z",
                    keptPolicyStatements: [],
                    keptLifecycleRules: [],
                }),
            );
            const run = await runPlanCli(["--project", dir, "--stack", "osaka", "--json"]);
            assert.equal(run.code, 0, run.stderr);
            const osaka = (JSON.parse(run.stdout) as PlanDocument).stacks.find((s) => s.stack === "osaka")!;
            assert.equal(osaka.error, null);
            const adopted = osaka.resources.filter((r) => r.adopted);
            assert.deepEqual(
                adopted.map((r) => [r.type, r.name]),
                [["aws:s3/bucket:Bucket", "data"]],
            );
            assert.equal(osaka.outputs.bucketName, "my-existing-data-bucket");
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("exits 2 on an unknown stack or argument, with one line", async () => {
        const unknownStack = await runPlanCli(["--stack", "singapore"]);
        assert.deepEqual(unknownStack, {
            code: 2,
            stdout: "",
            stderr: "no stack named singapore; stacks: osaka, dest-account, tokyo\n",
        });
        const unknownArg = await runPlanCli(["--jsn"]);
        assert.equal(unknownArg.code, 2);
        assert.match(unknownArg.stderr, /^unknown argument --jsn; usage: npm run plan/);
    });

    it("exits 1 and reports the failed proof when a deliberately broken bucket policy makes the replica public", async () => {
        // A second BucketPolicy on the replica replaces the first in AWS (the cross-account batch copy report); this
        // one admits everybody.
        const broken = `
const aws = require("@pulumi/aws");
const pulumi = require("@pulumi/pulumi");
if (pulumi.getStack() === "dest-account") {
    new aws.s3.BucketPolicy("broken-public-policy", {
        bucket: ${JSON.stringify(REPLICA)},
        policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::${REPLICA}/*" }] }),
    });
}`;
        const dir = patchedProject({ indexSuffix: broken });
        try {
            const run = await runPlanCli(["--project", dir, "--stack", "dest-account", "--json"]);
            assert.equal(run.code, 1, run.stderr);
            const doc = JSON.parse(run.stdout) as PlanDocument;
            assert.deepEqual(doc.deployOrder, ["osaka", "dest-account"]);
            assert.deepEqual(
                doc.stacks.map((s) => s.stack),
                ["dest-account"],
            );
            const proof = doc.stacks[0].proofs.find((p) => p.name === `anonymous read of ${REPLICA} is denied`);
            assert.deepEqual(proof, {
                name: `anonymous read of ${REPLICA} is denied`,
                expected: "Denied",
                actual: "Allowed",
                status: "failed",
                reason: "expected Denied, allowed by resource policy PublicRead (with broken-public-policy, one of 2 policies on the bucket; S3 keeps only the last written)",
            });
            assert.equal(doc.summary.exitCode, 1);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("parses --stack, --json, --diagram and --project in both spellings", () => {
        assert.deepEqual(parseArgs(["--stack", "tokyo", "--json", "--diagram=x.mmd", "--project", "/p"], "/d"), {
            stack: "tokyo",
            json: true,
            diagram: "x.mmd",
            projectDir: "/p",
            help: false,
        });
        assert.deepEqual(parseArgs([], "/d"), { json: false, projectDir: "/d", help: false });
        assert.throws(() => parseArgs(["--stack"], "/d"), /^Error: --stack needs a value/);
        assert.throws(() => parseArgs(["--diagram", "--json"], "/d"), /--diagram needs a value/);
    });
});
