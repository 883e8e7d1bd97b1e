// `npm run plan` with the Batch Replication switch on in both regional stack files: each stack shows its own job in
// its own region, the pack and the proofs pass, and the lifecycle advisory is printed.
import * as assert from "node:assert/strict";
import * as fs from "fs";
import { PlanDocument } from "../../verifier/planReport";
import { patchedProject, runPlanCli } from "./planRun";

const A = "111111111111";
const JOB = "pulumi-nodejs:dynamic:Resource";

/** Both regional stack files with `batchReplicationJob: true`; dest-account as it is. */
function switchedOn(file: string, text: string): string {
    if (file === "Pulumi.tokyo.yaml") return text.replace("batchReplicationJob: false", "batchReplicationJob: true");
    if (file === "Pulumi.osaka.yaml")
        return text.replace(
            "  s3-multiregion:role: secondary\n",
            "  s3-multiregion:role: secondary\n  s3-multiregion:batchReplicationJob: true\n",
        );
    return text;
}

describe("npm run plan: a Batch Replication job per regional stack", function () {
    this.timeout(300000);

    it("shows each regional stack's own job in its region, passes the pack and the proofs, and says lifecycle is paused", async () => {
        const dir = patchedProject({ stackFiles: switchedOn });
        try {
            const run = await runPlanCli(["--project", dir, "--json"]);
            assert.equal(run.code, 0, run.stderr);
            const doc = JSON.parse(run.stdout) as PlanDocument;
            const jobs = doc.stacks.map((s) => ({
                stack: s.stack,
                jobs: s.resources
                    .filter((r) => r.type === JOB)
                    .map((r) => {
                        const i = r.inputs as Record<string, unknown>;
                        return {
                            name: r.name,
                            region: i.region,
                            sourceBucketArn: i.sourceBucketArn,
                            reportBucketArn: i.reportBucketArn,
                            manifestOutputBucketArn: i.manifestOutputBucketArn,
                            objectReplicationStatuses: i.objectReplicationStatuses,
                        };
                    }),
            }));
            const job = (region: string) => ({
                name: "batch-replication",
                region,
                sourceBucketArn: `arn:aws:s3:::example-s3mr-data-${A}-${region}`,
                reportBucketArn: `arn:aws:s3:::example-s3mr-reports-${A}-${region}`,
                manifestOutputBucketArn: `arn:aws:s3:::example-s3mr-manifest-${A}-${region}`,
                objectReplicationStatuses: ["NONE", "FAILED"],
            });
            assert.deepEqual(jobs, [
                { stack: "osaka", jobs: [job("ap-northeast-3")] },
                { stack: "dest-account", jobs: [] },
                { stack: "tokyo", jobs: [job("ap-northeast-1")] },
            ]);
            assert.equal(doc.summary.mandatoryViolations, 0);
            assert.equal(doc.summary.proofs.failed, 0);
            for (const stack of ["osaka", "tokyo"]) {
                const outputs = doc.stacks.find((s) => s.stack === stack)!.outputs as Record<string, unknown>;
                assert.deepEqual(outputs.lifecyclePausedRules, ["expire-noncurrent-versions"], stack);
            }
            const advisories = run.stderr.split("\n").filter((l) => l.includes("batchReplicationJob is on"));
            assert.deepEqual(
                advisories.map((l) => l.slice(0, l.indexOf(":", "advisory: ".length))),
                ["advisory: stack osaka", "advisory: stack tokyo"],
            );
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
