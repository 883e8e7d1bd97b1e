// `npm run deploy` refuses stack files that disagree, or that still hold example values, before any AWS call or stack run.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { discoverStacks } from "../../config/stackFiles";
import { EXIT_USAGE } from "../../operations/common/cli";
import { DeployDeps, deployMain } from "../../operations/deploy/deployCommand";
import { captureIo, projectStacks, removeTempProjects, tempProject } from "./fixtures";

function run(
    stacks: Record<string, Record<string, unknown>>,
    argv: string[] = [],
    opts: { env?: NodeJS.ProcessEnv; stackFileText?: Record<string, string>; pulumiYaml?: string } = {},
) {
    const io = captureIo();
    const calls: string[] = [];
    const deps: DeployDeps = {
        io: io.io,
        projectDir: tempProject(stacks, opts.stackFileText),
        env: opts.env ?? { PULUMI_CONFIG_PASSPHRASE: "test" },
        now: () => 0,
        discoverStacks,
        probePulumi: async () => {
            calls.push("pulumi --version");
            return "v3.248.0";
        },
        aws: {
            sts: () => {
                calls.push("sts");
                throw new Error("no AWS call expected");
            },
        },
        prepareBackend: () => calls.push("prepareBackend"),
        makeRunner: () => {
            calls.push("makeRunner");
            throw new Error("no stack run expected");
        },
    };
    if (opts.pulumiYaml !== undefined) fs.writeFileSync(path.join(deps.projectDir, "Pulumi.yaml"), opts.pulumiYaml);
    return deployMain(argv, deps).then((code) => ({ code, calls, io }));
}

describe("ops deploy: project checks before anything runs", () => {
    after(() => removeTempProjects());

    it("refuses stack files that disagree on namePrefix, with one line and exit 2", async () => {
        const stacks = projectStacks();
        stacks.tokyo["s3-multiregion:namePrefix"] = "example-s3mr";
        stacks.osaka["s3-multiregion:namePrefix"] = "example-s3mr";
        stacks["dest-account"]["s3-multiregion:namePrefix"] = "other-s3mr";
        const r = await run(stacks);
        assert.equal(r.code, EXIT_USAGE);
        assert.deepEqual(r.calls, ["pulumi --version"]);
        assert.deepEqual(r.io.out, []);
        assert.deepEqual(r.io.err, [
            'deploy: stacks disagree on s3-multiregion:namePrefix: "example-s3mr" in osaka, tokyo; "other-s3mr" in dest-account; allowed: one value in every stack file (each side derives names and grants from it)',
        ]);
    });

    it("refuses a hub whose destinationStack names no stack file", async () => {
        const stacks = projectStacks();
        stacks.tokyo["s3-multiregion:destinationStack"] = "dest-acount";
        const r = await run(stacks);
        assert.equal(r.code, EXIT_USAGE);
        assert.deepEqual(r.calls, ["pulumi --version"]);
        assert.match(
            r.io.err.join("\n"),
            /names no stack file \(stacks: dest-account, osaka, tokyo\); did you mean dest-account\?$/,
        );
    });

    it("refuses example values that would reach AWS, naming the file and the keys", async () => {
        const stacks = projectStacks();
        stacks.tokyo["s3-multiregion:partnerPrincipals"] = ["arn:aws:iam::333333333333:root"];
        stacks.tokyo["s3-multiregion:operatorPrincipals"] = ["arn:aws:iam::222222222222:role/example-batch-operator"];
        const r = await run(stacks);
        assert.equal(r.code, EXIT_USAGE);
        assert.deepEqual(r.calls, ["pulumi --version"]);
        assert.deepEqual(r.io.err, [
            'deploy: example values remain in Pulumi.tokyo.yaml (s3-multiregion:partnerPrincipals, s3-multiregion:operatorPrincipals): replace them before a real deploy (README "Deploying for real")',
        ]);
    });

    it("a Pulumi.yaml that cannot be read is one line naming it, before any AWS call", async () => {
        const r = await run(projectStacks(), [], { pulumiYaml: "name: [s3-multiregion\n" });
        assert.equal(r.code, EXIT_USAGE);
        assert.deepEqual(r.calls, ["pulumi --version"]);
        assert.equal(r.io.err.length, 1);
        assert.match(r.io.err[0], /^deploy: cannot read Pulumi\.yaml: Pulumi\.yaml:\d+:\d+: \S/);
    });
});

describe("ops deploy: the passphrase is needed unless every stack file names another secrets provider", () => {
    after(() => removeTempProjects());
    const PASSPHRASE_LINE =
        /^deploy: the state backend file:\/\/\S+ encrypts secrets with a passphrase: export PULUMI_CONFIG_PASSPHRASE/;
    /** Runs without a passphrase, with `text` at the top of each stack file; true when the passphrase check let it on to AWS. */
    async function passes(text: (stack: string) => string): Promise<boolean> {
        const stacks = projectStacks();
        const r = await run(stacks, [], {
            env: {},
            stackFileText: Object.fromEntries(Object.keys(stacks).map((n) => [n, text(n)])),
        });
        if (r.calls.includes("sts")) return true;
        assert.equal(r.io.err.length, 1);
        assert.match(r.io.err[0], PASSPHRASE_LINE);
        return false;
    }

    it("accepts a KMS provider written bare, quoted, or after more than one space", async () => {
        assert.equal(await passes(() => "secretsprovider: awskms://alias/state\n"), true);
        assert.equal(await passes(() => 'secretsprovider: "awskms://alias/state"\n'), true);
        assert.equal(await passes(() => "secretsprovider: 'awskms://alias/state'\n"), true);
        assert.equal(await passes(() => "secretsprovider:   awskms://alias/state\n"), true);
    });

    it("asks for it when a stack file names the passphrase provider, or none", async () => {
        assert.equal(await passes(() => "secretsprovider: passphrase\n"), false);
        assert.equal(await passes(() => ""), false);
    });

    it("asks for it when only some stack files name another provider", async () => {
        assert.equal(await passes((n) => (n === "osaka" ? "" : "secretsprovider: awskms://alias/state\n")), false);
    });

    it("a commented-out or indented secretsprovider line is not the stack's setting", async () => {
        assert.equal(await passes(() => "# secretsprovider: awskms://alias/state\n"), false);
        assert.equal(await passes(() => "notes:\n  secretsprovider: awskms://alias/state\n"), false);
    });
});
