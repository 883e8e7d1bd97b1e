// `npm run plan` through its real entry point: bad stack files and bad arguments exit 2 with one line on stderr, before any stack is evaluated.
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { missingOnFullPlan } from "../../verifier/planReport";
import { patchedProject, PlanRun, runPlanCli } from "./planRun";

const P = "s3-multiregion:";

/** A copy of the project whose stack files are patched, and the plan run on it. */
function planWith(patch: (file: string, text: string) => string, args: string[] = []): Promise<PlanRun> {
    return runPlanCli(["--project", patchedProject({ stackFiles: patch }), ...args]);
}

const only = (file: string, edit: (text: string) => string) => (f: string, text: string) =>
    f === file ? edit(text) : text;

/** Exit 2, nothing on stdout, and exactly `line` on stderr besides the advisory lines printed before evaluating. */
function assertConfigError(run: PlanRun, line: string | RegExp): void {
    assert.equal(run.code, 2, run.stderr);
    assert.equal(run.stdout, "");
    const lines = run.stderr
        .trimEnd()
        .split("\n")
        .filter((l) => !l.startsWith("advisory: "));
    assert.equal(lines.length, 1, run.stderr);
    if (typeof line === "string") assert.equal(lines[0], line);
    else assert.match(lines[0], line);
}

describe("npm run plan: project checks and arguments", function () {
    this.timeout(180000);

    it("--help prints the usage and every flag, exit 0", async () => {
        const run = await runPlanCli(["--help"]);
        assert.equal(run.code, 0, run.stderr);
        assert.match(
            run.stdout,
            /^usage: npm run plan \[-- --stack NAME\] \[--json\] \[--diagram FILE\] \[--project DIR\] \[--help\]\n/,
        );
        for (const flag of ["--stack NAME", "--json", "--diagram FILE", "--project DIR", "--help"]) {
            assert.ok(run.stdout.includes(`  ${flag}`), flag);
        }
        assert.equal(run.stderr, "");
    });

    it("refuses a value on a flag that takes none", async () => {
        const run = await runPlanCli(["--json=yes"]);
        assertConfigError(run, /^--json takes no value \(got --json=yes\); usage: npm run plan/);
    });

    it("--project names the folder it needs instead of a stack named undefined", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "s3mr-empty-"));
        const run = await runPlanCli(["--project", dir]);
        assertConfigError(
            run,
            `--project ${dir}: no Pulumi.yaml there; allowed: the folder that holds Pulumi.yaml and the Pulumi.<stack>.yaml files`,
        );
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: s3-multiregion\nruntime: nodejs\n");
        assertConfigError(
            await runPlanCli(["--project", dir]),
            `no Pulumi.<stack>.yaml files beside Pulumi.yaml in ${dir}`,
        );
    });

    it("--diagram checks its folder before evaluating anything", async () => {
        const target = path.join(os.tmpdir(), "s3mr-no-such-folder", "plan.mmd");
        const run = await runPlanCli(["--diagram", target]);
        assertConfigError(run, `--diagram ${target}: folder ${path.dirname(target)} does not exist; create it first`);
    });

    it("stack files that disagree on namePrefix: exit 2 before any stack is evaluated", async () => {
        const run = await planWith(
            only("Pulumi.dest-account.yaml", (t) =>
                t.replace(`${P}namePrefix: example-s3mr`, `${P}namePrefix: other-s3mr`),
            ),
        );
        assertConfigError(
            run,
            `stacks disagree on ${P}namePrefix: "example-s3mr" in osaka, tokyo; "other-s3mr" in dest-account; allowed: one value in every stack file (each side derives names and grants from it)`,
        );
    });

    it("a misspelt destinationStack names the stacks that exist and the closest one", async () => {
        const run = await planWith(
            only("Pulumi.tokyo.yaml", (t) =>
                t.replace(`${P}destinationStack: dest-account`, `${P}destinationStack: dest-acount`),
            ),
        );
        assertConfigError(
            run,
            `Pulumi.tokyo.yaml: ${P}destinationStack = "dest-acount" names no stack file (stacks: dest-account, osaka, tokyo); did you mean dest-account?`,
        );
    });

    it("an undeclared key names the closest declared one", async () => {
        const run = await planWith(only("Pulumi.tokyo.yaml", (t) => t.replace(`${P}vpcCidr:`, `${P}vpcCIRD:`)));
        assertConfigError(
            run,
            `Pulumi.tokyo.yaml: config key ${P}vpcCIRD is not declared in Pulumi.yaml; did you mean ${P}vpcCidr?`,
        );
    });

    it("a YAML syntax error names the file, line and column", async () => {
        const run = await planWith(
            only("Pulumi.osaka.yaml", (t) => t.replace(`${P}role: secondary`, `${P}role: secondary\n   bad: [`)),
        );
        assertConfigError(run, /^Pulumi\.osaka\.yaml:\d+:\d+: /);
    });

    it("an account id YAML read as a number gets a hint to quote it", async () => {
        const run = await planWith(
            only("Pulumi.osaka.yaml", (t) =>
                t.replace(`${P}sourceAccountId: "111111111111"`, `${P}sourceAccountId: 011111111111`),
            ),
        );
        assertConfigError(
            run,
            `Pulumi.osaka.yaml: config ${P}sourceAccountId = 11111111111 was read by YAML as a number, which drops leading zeros; allowed: a 12-digit account id in quotes, e.g. "011111111111" (and 2 more problem(s) after it)`,
        );
    });

    it("a regional stack file no hub lists is an advisory line; --stack still evaluates only what it needs", async () => {
        const dir = patchedProject({});
        const osaka = fs.readFileSync(path.join(dir, "Pulumi.osaka.yaml"), "utf8");
        fs.writeFileSync(
            path.join(dir, "Pulumi.singapore.yaml"),
            osaka.replace("aws:region: ap-northeast-3", "aws:region: ap-southeast-1"),
        );
        const run = await runPlanCli(["--project", dir, "--stack", "osaka"]);
        assert.equal(run.code, 0, run.stderr);
        assert.ok(
            run.stderr.includes(
                "advisory: stack singapore (secondary) is listed by no hub (tokyo): it would deploy alone, outside the MRAP and the replication; add it to secondaryStacks or remove Pulumi.singapore.yaml\n",
            ),
            run.stderr,
        );
    });

    it("a cross-stack error found while evaluating (the KMS mesh) is a config error: exit 2, one line on stderr", async () => {
        const key = "arn:aws:kms:ap-northeast-1:111111111111:key/11111111-2222-3333-4444-555555555555";
        const run = await planWith((f, t) =>
            f === "Pulumi.tokyo.yaml"
                ? `${t.trimEnd()}\n  ${P}kmsKeyArn: ${key}\n`
                : f === "Pulumi.dest-account.yaml"
                  ? `${t.trimEnd()}\n  ${P}sourceKmsKeyArn: ${key}\n`
                  : t,
        );
        assertConfigError(
            run,
            new RegExp(`^stack tokyo: config ${P}kmsKeyArn is not set on stack osaka \\(ap-northeast-3\\); allowed: `),
        );
    });
});

describe("missingOnFullPlan", () => {
    const proof = (status: "passed" | "failed" | "unproven", reason: string) => ({
        name: "n",
        stack: "tokyo",
        expected: "Allowed" as const,
        actual: null,
        status,
        reason,
    });
    it("turns a subject missing from a full plan into a failure, and leaves other outcomes alone", () => {
        const missing = proof(
            "unproven",
            "no batch copy role (arn:aws:iam::222222222222:role/x-batch-copy) in the plan",
        );
        assert.deepEqual(missingOnFullPlan(missing), {
            ...missing,
            status: "failed",
            reason: `${missing.reason}, although every stack was evaluated: do the stack files agree?`,
        });
        const simulator = proof("unproven", "the simulator does not model Multi-Region Access Point ARNs (arn:...)");
        assert.deepEqual(missingOnFullPlan(simulator), simulator);
        const passed = proof("passed", "no x in the plan");
        assert.deepEqual(missingOnFullPlan(passed), passed);
        // Only a reason that is exactly "no <subject> in the plan" says the subject is missing.
        for (const reason of ["the role: no x in the plan", "no x in the plan yet", "nox in the plan"])
            assert.deepEqual(missingOnFullPlan(proof("unproven", reason)), proof("unproven", reason));
    });
});
