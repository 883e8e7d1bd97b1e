// Tests of `npm run deploy` end to end over real stack files, a fake workspace and a mocked STS.
import * as assert from "assert";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { AwsClientStub, mockClient } from "aws-sdk-client-mock";
import { discoverStacks } from "../../config/stackFiles";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from "../../operations/common/cli";
import { DeployDeps, deployMain } from "../../operations/deploy/deployCommand";
import { ACCOUNT_A, ACCOUNT_B, awsError, captureIo, projectStacks, removeTempProjects, tempProject } from "./fixtures";
import { FakeRunner, FakeRunnerOptions } from "./fakeRunner";

interface Harness {
    deps: DeployDeps;
    io: ReturnType<typeof captureIo>;
    runners: FakeRunner[];
    runnerEnv: Array<Record<string, string>>;
    stsClients: Array<{ region: string; profile?: string; client: STSClient }>;
    prepared: string[];
}

function harness(
    opts: {
        project?: string;
        env?: NodeJS.ProcessEnv;
        runner?: FakeRunnerOptions;
        pulumi?: () => Promise<string>;
    } = {},
): Harness {
    const io = captureIo();
    const h: Harness = {
        io,
        runners: [],
        runnerEnv: [],
        stsClients: [],
        prepared: [],
        deps: undefined as unknown as DeployDeps,
    };
    let t = 0;
    h.deps = {
        io: io.io,
        projectDir: opts.project ?? tempProject(projectStacks()),
        env: opts.env ?? { PULUMI_CONFIG_PASSPHRASE: "test" },
        now: () => (t += 1000),
        discoverStacks,
        probePulumi: opts.pulumi ?? (async () => "v3.248.0"),
        aws: {
            sts: (region, profile) => {
                const client = new STSClient({ region, ...(profile ? { profile } : {}) });
                h.stsClients.push({ region, profile, client });
                return client;
            },
        },
        prepareBackend: (url) => h.prepared.push(url),
        makeRunner: (envVars) => {
            h.runnerEnv.push(envVars);
            const r = new FakeRunner(opts.runner);
            h.runners.push(r);
            return r;
        },
    };
    return h;
}

describe("ops deploy command", () => {
    let sts: AwsClientStub<STSClient>;
    before(() => {
        // Stubbed per suite, not at load time, so other suites in the same run see the real client.
        sts = mockClient(STSClient);
    });
    // Account B for the client built with the dest-account stack's aws:profile, account A otherwise.
    const identities = () =>
        sts.on(GetCallerIdentityCommand).callsFake(async (_input, getClient) => {
            const profile = (getClient().config as { profile?: string }).profile;
            return { Account: profile === "account-b" ? ACCOUNT_B : ACCOUNT_A, Arn: "arn:aws:iam::x:user/ops" };
        });
    beforeEach(() => identities());
    afterEach(() => sts.reset());
    after(() => {
        sts.restore();
        removeTempProjects();
    });

    it("deploys every stack in order through the workspace, with the project-local file backend", async () => {
        const h = harness();
        const code = await deployMain([], h.deps);
        assert.strictEqual(code, EXIT_OK, h.io.all.join("\n"));
        assert.deepStrictEqual(
            h.runners[0].calls.filter((c) => !c.startsWith("select")),
            ["up osaka", "up dest-account", "up tokyo"],
        );
        const url = `file://${h.deps.projectDir}/.pulumi-state`;
        assert.deepStrictEqual(h.runnerEnv, [{ PULUMI_BACKEND_URL: url }]);
        assert.deepStrictEqual(h.prepared, [url]);
        assert.strictEqual(h.io.out[h.io.out.length - 1], "OK: every stack succeeded");
        assert.deepStrictEqual(h.io.err, []);
    });

    it("an exported PULUMI_BACKEND_URL wins over the local folder", async () => {
        const h = harness({ env: { PULUMI_BACKEND_URL: "s3://team-state", PULUMI_CONFIG_PASSPHRASE: "x" } });
        assert.strictEqual(await deployMain(["--preview"], h.deps), EXIT_OK);
        assert.deepStrictEqual(h.runnerEnv, [{ PULUMI_BACKEND_URL: "s3://team-state" }]);
        assert.deepStrictEqual(
            h.runners[0].calls.filter((c) => !c.startsWith("select")),
            ["preview osaka", "preview dest-account", "preview tokyo"],
        );
    });

    it("--destroy runs the reverse order; with --preview it previews the destroy", async () => {
        const h = harness();
        assert.strictEqual(await deployMain(["--destroy"], h.deps), EXIT_OK);
        assert.deepStrictEqual(
            h.runners[0].calls.filter((c) => !c.startsWith("select")),
            ["destroy tokyo", "destroy dest-account", "destroy osaka"],
        );
        const p = harness();
        assert.strictEqual(await deployMain(["--destroy", "--preview"], p.deps), EXIT_OK);
        assert.deepStrictEqual(
            p.runners[0].calls.filter((c) => !c.startsWith("select")),
            ["preview-destroy tokyo", "preview-destroy dest-account", "preview-destroy osaka"],
        );
    });

    it("exits 1 at the first failed stack, naming the stack and step on stderr", async () => {
        const h = harness({
            runner: { failRun: { "dest-account": 'aws:s3/bucketV2:BucketV2 "replica": BucketAlreadyExists' } },
        });
        assert.strictEqual(await deployMain([], h.deps), EXIT_FAILURE);
        assert.deepStrictEqual(
            h.runners[0].calls.filter((c) => !c.startsWith("select")),
            ["up osaka", "up dest-account"],
        );
        assert.deepStrictEqual(h.io.err, [
            'FAILED: stack dest-account failed at "pulumi up": aws:s3/bucketV2:BucketV2 "replica": BucketAlreadyExists',
        ]);
    });

    it("checks each stack's credentials with its own aws:profile before running anything", async () => {
        const h = harness();
        await deployMain([], h.deps);
        assert.deepStrictEqual(
            h.stsClients.map((c) => [c.region, c.profile]),
            [
                ["ap-northeast-3", undefined],
                ["ap-northeast-1", "account-b"],
            ],
        );
        assert.ok(h.io.out.includes(`  dest-account: account ${ACCOUNT_B}`), h.io.out.join("\n"));
    });

    it("an all-digit aws:profile is that profile, not the default credentials", async () => {
        const stacks = projectStacks();
        stacks["dest-account"]["aws:profile"] = 123; // written `aws:profile: 123`, which YAML reads as a number
        const h = harness({ project: tempProject(stacks) });
        await deployMain([], h.deps);
        assert.deepStrictEqual(
            h.stsClients.map((c) => [c.region, c.profile]),
            [
                ["ap-northeast-3", undefined],
                ["ap-northeast-1", "123"],
            ],
        );
    });

    it("refuses, before deploying anything, a stack whose credentials reach the wrong account", async () => {
        const stacks = projectStacks();
        delete stacks["dest-account"]["aws:profile"];
        const h = harness({ project: tempProject(stacks) });
        assert.strictEqual(await deployMain([], h.deps), EXIT_USAGE);
        assert.strictEqual(h.runners.length, 0);
        assert.deepStrictEqual(h.io.err, [
            `deploy: stack dest-account deploys to account ${ACCOUNT_B} (aws:allowedAccountIds) but the default credential chain is account ${ACCOUNT_A}: add "aws:profile: <a profile for that account>" to Pulumi.dest-account.yaml, or run with AWS_PROFILE set for it`,
        ]);
    });

    it("missing AWS credentials: one line naming AWS_PROFILE, exit 2, no stack run", async () => {
        sts.reset();
        sts.on(GetCallerIdentityCommand).rejects(
            awsError("CredentialsProviderError", undefined, "Could not load credentials from any providers"),
        );
        const h = harness();
        assert.strictEqual(await deployMain([], h.deps), EXIT_USAGE);
        assert.strictEqual(h.runners.length, 0);
        assert.strictEqual(h.io.err.length, 1);
        assert.match(
            h.io.err[0],
            /^deploy: no AWS credentials for the default credential chain \(stack osaka\): set AWS_PROFILE/,
        );
    });

    it("missing Pulumi CLI: one line with the install link, exit 2, before any AWS call", async () => {
        const h = harness({
            pulumi: () => Promise.reject(Object.assign(new Error("spawn pulumi ENOENT"), { code: "ENOENT" })),
        });
        assert.strictEqual(await deployMain([], h.deps), EXIT_USAGE);
        assert.deepStrictEqual(h.io.err, [
            'deploy: the Pulumi CLI is not installed (no "pulumi" on PATH): install it from https://www.pulumi.com/docs/install/ and open a new shell',
        ]);
        assert.strictEqual(sts.calls().length, 0);
        assert.strictEqual(h.runners.length, 0);
    });

    it("missing passphrase for the local backend: one line, exit 2", async () => {
        const h = harness({ env: {} });
        assert.strictEqual(await deployMain([], h.deps), EXIT_USAGE);
        assert.match(
            h.io.err[0],
            /^deploy: the state backend file:\/\/.* encrypts secrets with a passphrase: export PULUMI_CONFIG_PASSPHRASE/,
        );
        const kms = harness({
            env: {},
            project: tempProject(
                projectStacks(),
                Object.fromEntries(
                    Object.keys(projectStacks()).map((n) => [n, "secretsprovider: awskms://alias/state\n"]),
                ),
            ),
        });
        assert.strictEqual(await deployMain([], kms.deps), EXIT_OK, kms.io.all.join("\n"));
    });

    it("a project without stack files is a preflight error", async () => {
        const h = harness({ project: tempProject({}) });
        assert.strictEqual(await deployMain([], h.deps), EXIT_USAGE);
        assert.match(h.io.err[0], /^deploy: no Pulumi.<stack>.yaml files beside Pulumi.yaml in /);
    });

    it("--help and bad arguments never touch the workspace", async () => {
        const h = harness();
        assert.strictEqual(await deployMain(["--help"], h.deps), EXIT_OK);
        assert.strictEqual(h.io.out[0].split("\n")[0], "usage: npm run deploy -- [--preview] [--destroy]");
        assert.strictEqual(await deployMain(["--force"], h.deps), EXIT_USAGE);
        assert.match(
            h.io.err[0],
            /^deploy: unknown option --force \(usage: npm run deploy -- \[--preview\] \[--destroy\]; --help for details\)$/,
        );
        assert.strictEqual(h.runners.length, 0);
    });
});
