// Tests of `npm run failover` with a mocked S3 Control (routes API) and STS: request shapes, regions, refusals.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import {
    GetMultiRegionAccessPointRoutesCommand,
    MultiRegionAccessPointRoute,
    S3ControlClient,
    SubmitMultiRegionAccessPointRoutesCommand,
} from "@aws-sdk/client-s3-control";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { AwsClientStub, mockClient } from "aws-sdk-client-mock";
import { discoverStacks } from "../../config/stackFiles";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from "../../operations/common/cli";
import { FailoverDeps, failoverMain } from "../../operations/failover/failoverCommand";
import {
    ACCOUNT_A,
    captureIo,
    hubOutputsDoc,
    MRAP_ARN,
    OSAKA_BUCKET,
    projectStacks,
    tempProject,
    TOKYO_BUCKET,
} from "./fixtures";

const ACTIVE_ACTIVE: MultiRegionAccessPointRoute[] = [
    { Bucket: TOKYO_BUCKET, Region: "ap-northeast-1", TrafficDialPercentage: 100 },
    { Bucket: OSAKA_BUCKET, Region: "ap-northeast-3", TrafficDialPercentage: 100 },
];

describe("ops failover command", () => {
    let s3c: AwsClientStub<S3ControlClient>;
    let sts: AwsClientStub<STSClient>;
    before(() => {
        // Stubbed per suite, not at load time, so other suites in the same run see the real clients.
        s3c = mockClient(S3ControlClient);
        sts = mockClient(STSClient);
    });
    let live: MultiRegionAccessPointRoute[];
    let clientRegions: string[];
    let stsRegions: string[];
    let outputsRead: string[];
    let project: string;

    /** A routes API whose state Submit changes, like the real one. */
    function routesApi(initial: MultiRegionAccessPointRoute[], applySubmit = true) {
        live = initial.map((r) => ({ ...r }));
        s3c.on(GetMultiRegionAccessPointRoutesCommand).callsFake(async () => ({
            Mrap: MRAP_ARN,
            Routes: live.map((r) => ({ ...r })),
        }));
        s3c.on(SubmitMultiRegionAccessPointRoutesCommand).callsFake(async (input) => {
            if (applySubmit) {
                live = (input.RouteUpdates as MultiRegionAccessPointRoute[]).map((r) => ({ ...r }));
            }
            return {};
        });
    }

    function deps(opts: { outputs?: Record<string, unknown>; env?: NodeJS.ProcessEnv; pulumiMissing?: boolean } = {}) {
        const io = captureIo();
        const d: FailoverDeps = {
            io: io.io,
            env: opts.env ?? {},
            projectDir: project,
            discoverStacks,
            probePulumi: async () =>
                opts.pulumiMissing
                    ? Promise.reject(Object.assign(new Error("spawn pulumi ENOENT"), { code: "ENOENT" }))
                    : "v3.248.0",
            readStackOutputs: async (name) => {
                outputsRead.push(name);
                return opts.outputs ?? hubOutputsDoc();
            },
            backendUrl: `file://${project}/.pulumi-state`,
            aws: {
                sts: (region) => {
                    stsRegions.push(region);
                    return new STSClient({ region });
                },
                s3Control: (region) => {
                    clientRegions.push(region);
                    return new S3ControlClient({ region });
                },
            },
        };
        return { d, io };
    }

    const commands = () => s3c.calls().map((c) => c.args[0].constructor.name);

    beforeEach(() => {
        clientRegions = [];
        stsRegions = [];
        outputsRead = [];
        project = tempProject(projectStacks());
        sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT_A, Arn: `arn:aws:iam::${ACCOUNT_A}:role/oncall` });
        routesApi(ACTIVE_ACTIVE);
    });
    afterEach(() => {
        s3c.reset();
        sts.reset();
        fs.rmSync(project, { recursive: true, force: true });
    });
    after(() => {
        s3c.restore();
        sts.restore();
    });

    it("--to REGION: Get, Submit (100 for REGION, 0 for the rest), Get, in the routes region", async () => {
        const { d, io } = deps();
        assert.strictEqual(await failoverMain(["--to", "ap-northeast-3"], d), EXIT_OK, io.all.join("\n"));
        assert.deepStrictEqual(commands(), [
            "GetMultiRegionAccessPointRoutesCommand",
            "SubmitMultiRegionAccessPointRoutesCommand",
            "GetMultiRegionAccessPointRoutesCommand",
        ]);
        assert.deepStrictEqual(s3c.commandCalls(GetMultiRegionAccessPointRoutesCommand)[0].args[0].input, {
            AccountId: ACCOUNT_A,
            Mrap: MRAP_ARN,
        });
        assert.deepStrictEqual(s3c.commandCalls(SubmitMultiRegionAccessPointRoutesCommand)[0].args[0].input, {
            AccountId: ACCOUNT_A,
            Mrap: MRAP_ARN,
            RouteUpdates: [
                { Bucket: TOKYO_BUCKET, Region: "ap-northeast-1", TrafficDialPercentage: 0 },
                { Bucket: OSAKA_BUCKET, Region: "ap-northeast-3", TrafficDialPercentage: 100 },
            ],
        });
        assert.deepStrictEqual(clientRegions, ["us-west-2"]);
        assert.deepStrictEqual(outputsRead, ["tokyo"], "the hub is the stack file whose role is primary");
    });

    it("prints the routes before and after, and the config commands that keep them", async () => {
        const { d, io } = deps();
        await failoverMain(["--to", "ap-northeast-3"], d);
        const out = io.out;
        const before = out.indexOf("routes before:");
        const after = out.indexOf("routes after:");
        assert.ok(before >= 0 && after > before, out.join("\n"));
        assert.match(out[before + 1], /ap-northeast-1 .*100% {2}active$/);
        assert.match(out[before + 2], /ap-northeast-3 .*100% {2}active$/);
        assert.match(out[after + 1], /ap-northeast-1 .* {3}0% {2}passive$/);
        assert.match(out[after + 2], /ap-northeast-3 .*100% {2}active$/);
        assert.deepStrictEqual(out.slice(-3), [
            `  export PULUMI_BACKEND_URL=file://${project}/.pulumi-state`,
            "  pulumi config set failoverMode active-passive --stack tokyo",
            "  pulumi config set activeRegion ap-northeast-3 --stack tokyo",
        ]);
        assert.ok(!out.some((l) => l.includes("does not show the update yet")));
    });

    it("--active-active: every bucket back to 100, and the config commands for it", async () => {
        routesApi([
            { Bucket: TOKYO_BUCKET, Region: "ap-northeast-1", TrafficDialPercentage: 0 },
            { Bucket: OSAKA_BUCKET, Region: "ap-northeast-3", TrafficDialPercentage: 100 },
        ]);
        const { d, io } = deps({ env: { PULUMI_BACKEND_URL: "s3://state" } });
        assert.strictEqual(await failoverMain(["--active-active"], d), EXIT_OK);
        assert.deepStrictEqual(s3c.commandCalls(SubmitMultiRegionAccessPointRoutesCommand)[0].args[0].input, {
            AccountId: ACCOUNT_A,
            Mrap: MRAP_ARN,
            RouteUpdates: ACTIVE_ACTIVE,
        });
        assert.deepStrictEqual(io.out.slice(-2), [
            "  pulumi config set failoverMode active-active --stack tokyo",
            "  pulumi config rm activeRegion --stack tokyo",
        ]);
        assert.ok(
            !io.out.some((l) => l.includes("export PULUMI_BACKEND_URL")),
            "no export when the user already set one",
        );
    });

    it("never calls the routes API in the region it drains, even when the stack's routesRegion is that region", async () => {
        const { d, io } = deps({ outputs: hubOutputsDoc({ routesRegion: "ap-northeast-1" }) });
        assert.strictEqual(await failoverMain(["--to", "ap-northeast-3"], d), EXIT_OK);
        assert.deepStrictEqual(clientRegions, ["us-east-1"]);
        assert.deepStrictEqual(stsRegions, ["us-east-1"]);
        assert.ok(
            io.out.includes(
                "note: routesRegion ap-northeast-1 is a region being drained; calling the routes API in us-east-1 instead",
            ),
        );
    });

    it("--routes-region overrides the stack's routes region", async () => {
        const { d } = deps();
        assert.strictEqual(await failoverMain(["--to", "ap-northeast-1", "--routes-region", "eu-west-1"], d), EXIT_OK);
        assert.deepStrictEqual(clientRegions, ["eu-west-1"]);
    });

    const refusals: Array<[string[], RegExp]> = [
        [
            ["--to", "eu-west-1"],
            /^failover: eu-west-1 is not a region of this Multi-Region Access Point \(allowed: ap-northeast-1, ap-northeast-3\) \(usage:/,
        ],
        [
            ["--to", "ap-northeast-3", "--routes-region", "ap-northeast-3"],
            /^failover: --routes-region ap-northeast-3: the MRAP routes API answers only in us-east-1, us-west-2, ap-southeast-2, ap-northeast-1, eu-west-1 \(usage:/,
        ],
        [
            ["--to", "ap-northeast-3", "--routes-region", "ap-northeast-1"],
            /^failover: --routes-region ap-northeast-1 is a region this failover takes traffic away from/,
        ],
        [
            ["--to", "ap-northeast-3", "--active-active"],
            /^failover: give either --to REGION or --active-active, not both/,
        ],
        [
            [],
            /^failover: give --to REGION or --active-active \(usage: npm run failover -- --to REGION \| --active-active/,
        ],
        [
            ["--to", ""],
            /^failover: give --to REGION or --active-active \(usage: npm run failover -- --to REGION \| --active-active/,
        ],
    ];
    for (const [argv, message] of refusals) {
        it(`refuses ${argv.join(" ") || "no target"} with one line, exit 2 and no AWS call`, async () => {
            const { d, io } = deps();
            assert.strictEqual(await failoverMain(argv, d), EXIT_USAGE);
            assert.strictEqual(io.err.length, 1);
            assert.match(io.err[0], message);
            assert.strictEqual(s3c.calls().length, 0);
            assert.strictEqual(sts.calls().length, 0);
            assert.deepStrictEqual(clientRegions, []);
        });
    }

    it("refuses a --to that is no region code before loading any outputs", async () => {
        const { d, io } = deps();
        assert.strictEqual(await failoverMain(["--to", "ap-northeast-33"], d), EXIT_USAGE);
        assert.deepStrictEqual(io.err.length, 1);
        assert.match(
            io.err[0],
            /^failover: --to ap-northeast-33 is not an AWS region code; did you mean ap-northeast-3\?; allowed: one of the MRAP's bucket regions/,
        );
        assert.deepStrictEqual(outputsRead, []);
        assert.strictEqual(s3c.calls().length, 0);
    });

    it("--dry-run reads the routes and prints the update, submitting nothing", async () => {
        const { d, io } = deps();
        assert.strictEqual(await failoverMain(["--to", "ap-northeast-1", "--dry-run"], d), EXIT_OK);
        assert.deepStrictEqual(commands(), ["GetMultiRegionAccessPointRoutesCommand"]);
        assert.ok(io.out.includes("update: ap-northeast-1 100%, ap-northeast-3 0%"), io.out.join("\n"));
        assert.strictEqual(io.out[io.out.length - 1], "dry run: nothing submitted");
    });

    it("refuses credentials of another account before touching the routes", async () => {
        sts.reset();
        sts.on(GetCallerIdentityCommand).resolves({ Account: "999999999999" });
        const { d, io } = deps();
        assert.strictEqual(await failoverMain(["--to", "ap-northeast-3"], d), EXIT_USAGE);
        assert.deepStrictEqual(io.err, [
            `failover: the MRAP belongs to account ${ACCOUNT_A} but the default credential chain is account 999999999999: set AWS_PROFILE to a profile for account ${ACCOUNT_A}`,
        ]);
        assert.strictEqual(s3c.calls().length, 0);
    });

    it("builds the update from the live routes and refuses when they lack the region the outputs list", async () => {
        routesApi([{ Bucket: TOKYO_BUCKET, Region: "ap-northeast-1", TrafficDialPercentage: 100 }]);
        const { d, io } = deps();
        assert.strictEqual(await failoverMain(["--to", "ap-northeast-3"], d), EXIT_FAILURE);
        assert.match(
            io.err[0],
            /^failover: the live MRAP routes disagree with the stack outputs: ap-northeast-3 is not a region of this Multi-Region Access Point \(allowed: ap-northeast-1\)$/,
        );
        assert.deepStrictEqual(commands(), ["GetMultiRegionAccessPointRoutesCommand"]);
    });

    it("says so when the routes API does not show the update yet", async () => {
        routesApi(ACTIVE_ACTIVE, false);
        const { d, io } = deps();
        assert.strictEqual(await failoverMain(["--to", "ap-northeast-3"], d), EXIT_OK);
        assert.ok(
            io.out.includes(
                "note: the routes API does not show the update yet; check again in a minute with --dry-run",
            ),
        );
    });

    it("an AWS error from the routes API is one line, exit 1", async () => {
        s3c.on(SubmitMultiRegionAccessPointRoutesCommand).rejects(
            Object.assign(new Error("Access Denied"), { name: "AccessDenied" }),
        );
        const { d, io } = deps();
        assert.strictEqual(await failoverMain(["--to", "ap-northeast-3"], d), EXIT_FAILURE);
        assert.deepStrictEqual(io.err, ["failover: AccessDenied: Access Denied"]);
    });

    it("--outputs FILE works without the Pulumi CLI; without it, a missing CLI is one line naming both ways out", async () => {
        const file = path.join(project, "tokyo-outputs.json");
        fs.writeFileSync(file, JSON.stringify(hubOutputsDoc()));
        const withFile = deps({ pulumiMissing: true });
        assert.strictEqual(
            await failoverMain(["--to", "ap-northeast-3", "--outputs", file], withFile.d),
            EXIT_OK,
            withFile.io.all.join("\n"),
        );
        assert.deepStrictEqual(outputsRead, []);
        const without = deps({ pulumiMissing: true });
        assert.strictEqual(await failoverMain(["--to", "ap-northeast-3"], without.d), EXIT_USAGE);
        assert.deepStrictEqual(without.io.err, [
            'failover: the Pulumi CLI is not installed (no "pulumi" on PATH): install it from https://www.pulumi.com/docs/install/ and open a new shell (or pass --outputs FILE written by pulumi stack output --json)',
        ]);
    });
});
