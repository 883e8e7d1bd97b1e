// The sample output of docs/operations.md, made by running the commands against the test doubles; the doc checks
// (test/docs/) compare each marked sample with it. Print it: npx ts-node --transpile-only test/operations/sampleOutput.ts
// Only the temporary project path is replaced (by /home/me/s3-multiregion) so the sample reads like a user's machine.
import * as fs from "fs";
import * as path from "path";
import { HeadObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import {
    GetMultiRegionAccessPointRoutesCommand,
    MultiRegionAccessPointRoute,
    S3ControlClient,
    SubmitMultiRegionAccessPointRoutesCommand,
} from "@aws-sdk/client-s3-control";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { AwsClientStub, mockClient } from "aws-sdk-client-mock";
import { discoverStacks } from "../../config/stackFiles";
import { Io } from "../../operations/common/cli";
import { deployMain } from "../../operations/deploy/deployCommand";
import { failoverMain } from "../../operations/failover/failoverCommand";
import { verifyMain } from "../../operations/verify/verifyCommand";
import {
    ACCOUNT_A,
    ACCOUNT_B,
    fakeClock,
    hubOutputsDoc,
    MRAP_ARN,
    OSAKA_BUCKET,
    projectStacks,
    removeTempProjects,
    tempProject,
    TOKYO_BUCKET,
} from "./fixtures";
import { FakeRunner } from "./fakeRunner";
import { osakaPlan, ReplicationWorld, tokyoPlan } from "./replicationWorld";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
let project = "";
const shown = (l: string) => l.split(project).join("/home/me/s3-multiregion");
/** Every transcript so far, by sample name: the command line, what it printed (stdout and stderr as a terminal shows them), its exit code. */
let transcripts: Record<string, string[]> = {};
let current: string[] = [];
/** Starts the transcript `name` with the command line as typed. */
function begin(name: string, command: string): void {
    current = [command];
    transcripts[name] = current;
}
const log = (l: string) => current.push(...shown(l).split("\n"));
const io: Io = { out: log, err: log };
let sts: AwsClientStub<STSClient>;
/** Account B for clients built with the `account-b` profile, account A otherwise. */
const identities = () =>
    sts.on(GetCallerIdentityCommand).callsFake(async (_i, getClient) => ({
        Account:
            ((getClient() as STSClient).config as { profile?: string }).profile === "account-b" ? ACCOUNT_B : ACCOUNT_A,
    }));
const common = () => ({ io, projectDir: project, discoverStacks, probePulumi: async () => "v3.248.0" });

async function deploy(name: string, argv: string[], failRun?: Record<string, string>) {
    const destroying = argv.includes("--destroy");
    begin(name, `$ npm run deploy${argv.length ? ` -- ${argv.join(" ")}` : ""}`);
    let t = 0;
    const code = await deployMain(argv, {
        ...common(),
        env: { PULUMI_CONFIG_PASSPHRASE: "..." },
        now: () => t,
        aws: { sts: (region, profile) => new STSClient({ region, ...(profile ? { profile } : {}) }) },
        prepareBackend: () => undefined,
        makeRunner: () =>
            new FakeRunner({
                failRun,
                chunks: Object.fromEntries(
                    ["osaka", "dest-account", "tokyo"].map((s) => [
                        s,
                        ["<the CLI's own output, streamed line by line>\n"],
                    ]),
                ),
                changes: destroying ? { delete: 9 } : { create: 9 },
                during: (s) => (t += s === "tokyo" ? 412_300 : 48_700),
            }),
    });
    log(`(exit ${code})`);
}

/** Deploy preflight failures: no Pulumi CLI; no credentials at all; a stack file without aws:profile for account B. */
async function deployPreflight() {
    const deps = (projectDir: string) => ({
        ...common(),
        projectDir,
        env: { PULUMI_CONFIG_PASSPHRASE: "..." },
        now: () => 0,
        aws: { sts: (region: string, profile?: string) => new STSClient({ region, ...(profile ? { profile } : {}) }) },
        prepareBackend: () => undefined,
        makeRunner: () => new FakeRunner(),
    });
    begin("deploy-no-pulumi", "$ npm run deploy -- --preview        # no Pulumi CLI on PATH");
    const notOnPath = Object.assign(new Error("spawn pulumi ENOENT"), { code: "ENOENT" });
    const noCli = { ...deps(project), probePulumi: () => Promise.reject(notOnPath) };
    log(`(exit ${await deployMain(["--preview"], noCli)})`);
    begin("deploy-no-credentials", "$ npm run deploy        # no AWS credentials configured");
    sts.reset();
    sts.on(GetCallerIdentityCommand).rejects(
        Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" }),
    );
    log(`(exit ${await deployMain([], deps(project))})`);
    sts.reset();
    identities();
    begin("deploy-no-profile", "$ npm run deploy        # Pulumi.dest-account.yaml without aws:profile");
    const stacks = projectStacks();
    delete stacks["dest-account"]["aws:profile"];
    log(`(exit ${await deployMain([], deps(tempProject(stacks)))})`);
}

async function failover(name: string, argv: string[], routes: MultiRegionAccessPointRoute[]) {
    begin(name, `$ npm run failover -- ${argv.join(" ")}`);
    const s3c = mockClient(S3ControlClient);
    let live = routes;
    s3c.on(GetMultiRegionAccessPointRoutesCommand).callsFake(async () => ({ Mrap: MRAP_ARN, Routes: live }));
    s3c.on(SubmitMultiRegionAccessPointRoutesCommand).callsFake(async (input) => {
        live = input.RouteUpdates;
        return {};
    });
    const code = await failoverMain(argv, {
        ...common(),
        env: {},
        backendUrl: `file://${project}/.pulumi-state`,
        readStackOutputs: async () => hubOutputsDoc(),
        aws: { sts: (region) => new STSClient({ region }), s3Control: (region) => new S3ControlClient({ region }) },
    });
    s3c.restore();
    log(`(exit ${code})`);
}

async function verify(name: string, argv: string[], plans: Parameters<typeof tokyoPlan>[]) {
    begin(name, `$ npm run verify -- ${argv.join(" ")}`);
    const s3 = mockClient(S3Client);
    const clock = fakeClock();
    const world = new ReplicationWorld(
        plans.map((p, i) => (i === 2 ? osakaPlan(p[0], p[1]) : tokyoPlan(...p))),
        clock.now,
        clock.advance,
        180,
        "account-b",
    );
    s3.on(PutObjectCommand).callsFake(async (input) => world.put(input));
    s3.on(HeadObjectCommand).callsFake(async (input, getClient) =>
        world.head(input, ((getClient() as S3Client).config as { profile?: string }).profile),
    );
    const code = await verifyMain(argv, {
        ...common(),
        env: {},
        clock,
        readStackOutputs: async () => hubOutputsDoc(),
        aws: {
            sts: (region, profile) => new STSClient({ region, ...(profile ? { profile } : {}) }),
            s3: (region, profile) => new S3Client({ region, ...(profile ? { profile } : {}) }),
        },
    });
    s3.restore();
    log(`(exit ${code})`);
}

/** Runs every command of docs/operations.md's samples against the test doubles; the transcripts by sample name. */
export async function operationsSamples(): Promise<Record<string, string[]>> {
    transcripts = {};
    project = tempProject(projectStacks());
    sts = mockClient(STSClient);
    identities();
    try {
        await runAll();
    } finally {
        // The stack files on disk are not the user's; pulumi would be too.
        fs.rmSync(path.join(project, ".pulumi-state"), { recursive: true, force: true });
        removeTempProjects();
        sts.restore();
    }
    return transcripts;
}

async function runAll() {
    await deploy("deploy-up", []);
    await deploy("deploy-failed", [], {
        "dest-account":
            'aws:s3/bucket:Bucket "replica": creating S3 Bucket (example-s3mr-replica-222222222222-ap-northeast-1): BucketAlreadyExists',
    });
    await deploy("deploy-destroy-preview", ["--destroy", "--preview"]);
    await deployPreflight();
    const activeActive = [
        { Bucket: TOKYO_BUCKET, Region: "ap-northeast-1", TrafficDialPercentage: 100 },
        { Bucket: OSAKA_BUCKET, Region: "ap-northeast-3", TrafficDialPercentage: 100 },
    ];
    await failover("failover-to-osaka", ["--to", "ap-northeast-3"], activeActive);
    await failover("failover-bad-region", ["--to", "us-east-1"], activeActive);
    await failover(
        "failover-active-active",
        ["--active-active"],
        [
            { ...activeActive[0], TrafficDialPercentage: 0 },
            { ...activeActive[1], TrafficDialPercentage: 100 },
        ],
    );
    await verify(
        "verify-ok",
        ["--objects", "5", "--dest-profile", "account-b"],
        [
            [4, 9],
            [7, 12],
            [6, 14],
            [11, 18],
            [3, 8],
        ],
    );
    await verify(
        "verify-missing-copy",
        ["--objects", "3", "--timeout", "120", "--dest-profile", "account-b"],
        [
            [4, 9],
            ["never", 12],
            [6, 14],
        ],
    );
}

if (require.main === module) {
    void operationsSamples().then((all) =>
        console.log(
            Object.values(all)
                .map((lines) => lines.join("\n"))
                .join("\n\n"),
        ),
    );
}
