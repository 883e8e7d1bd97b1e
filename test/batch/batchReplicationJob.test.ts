// Tests of the Batch Replication job resource: CreateJob request, token, create/read/diff/delete against a mocked S3
// Control, and the resource under Pulumi mocks.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import Module from "node:module";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import {
    CreateJobCommand,
    DescribeJobCommand,
    S3ControlClient,
    S3ControlServiceException,
    UpdateJobStatusCommand,
} from "@aws-sdk/client-s3-control";
import { GetBucketReplicationCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { AwsClientStub, mockClient } from "aws-sdk-client-mock";
import {
    BatchReplicationJob,
    BatchReplicationJobOutputs,
    batchReplicationJobToken,
    buildCreateJobRequest,
    checkBatchReplicationJobInputs,
    makeBatchReplicationJobProvider,
    normalizeBatchReplicationJobInputs,
} from "../../components/batch/batchReplicationJob";
import { rejection } from "../support/rejection";

const ACCOUNT = "111122223333";
const SOURCE = "arn:aws:s3:::s3mr-111122223333-ap-northeast-1-data";
const ROLE = "arn:aws:iam::111122223333:role/s3mr-batch-replication";
const REPORTS = "arn:aws:s3:::s3mr-111122223333-ap-northeast-1-reports";
const base = {
    accountId: ACCOUNT,
    region: "ap-northeast-1",
    sourceBucketArn: SOURCE,
    roleArn: ROLE,
    reportBucketArn: REPORTS,
};
// The token of `base`, pinned: if it changes, a deployment retried across an upgrade of this
// code would send a new token and start a second job.
const BASE_TOKEN = "brj-e59da65d2a216019e239be1d420bf77058fd7102e6f2d2f2d61e02db5a8d";
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** GetBucketReplication of a bucket the hub has configured: one enabled rule. */
const REPLICATING = {
    ReplicationConfiguration: {
        Role: "arn:aws:iam::111122223333:role/s3mr-replication",
        Rules: [{ ID: "to-osaka", Status: "Enabled" as const, Destination: { Bucket: "arn:aws:s3:::peer" } }],
    },
};

function awsError(name: string, message: string): S3ControlServiceException {
    return new S3ControlServiceException({ name, $fault: "client", message, $metadata: { requestId: "REQ123" } });
}

describe("batch replication job: CreateJob request and token", () => {
    it("sends the exact CreateJob request: generated manifest, no confirmation, completion report, no ExpectedBucketOwner without a manifest bucket", () => {
        assert.deepEqual(buildCreateJobRequest(normalizeBatchReplicationJobInputs(base)), {
            AccountId: ACCOUNT,
            ConfirmationRequired: false,
            Operation: { S3ReplicateObject: {} },
            ManifestGenerator: {
                S3JobManifestGenerator: {
                    SourceBucket: SOURCE,
                    // No manifest is written, so there is no manifest bucket whose owner to expect.
                    EnableManifestOutput: false,
                    Filter: { EligibleForReplication: true, ObjectReplicationStatuses: ["NONE", "FAILED"] },
                },
            },
            Report: {
                Bucket: REPORTS,
                Prefix: "batch-replication",
                Format: "Report_CSV_20180820",
                Enabled: true,
                ReportScope: "AllTasks",
            },
            Priority: 10,
            RoleArn: ROLE,
            ClientRequestToken: BASE_TOKEN,
        });
    });

    it("saves the generated manifest and passes description, statuses and priority when given", () => {
        const request = buildCreateJobRequest(
            normalizeBatchReplicationJobInputs({
                ...base,
                manifestOutputBucketArn: "arn:aws:s3:::s3mr-manifests",
                manifestOutputPrefix: "generated",
                objectReplicationStatuses: ["FAILED"],
                priority: 42,
                description: "existing objects to account B",
                reportPrefix: "reports/batch",
            }),
        );
        assert.deepEqual(request.ManifestGenerator, {
            S3JobManifestGenerator: {
                SourceBucket: SOURCE,
                EnableManifestOutput: true,
                // The owner of the bucket the generated manifest is written to (the API's meaning).
                ExpectedBucketOwner: ACCOUNT,
                ManifestOutputLocation: {
                    Bucket: "arn:aws:s3:::s3mr-manifests",
                    ManifestPrefix: "generated",
                    ManifestFormat: "S3InventoryReport_CSV_20211130",
                },
                Filter: { EligibleForReplication: true, ObjectReplicationStatuses: ["FAILED"] },
            },
        });
        assert.equal(request.Priority, 42);
        assert.equal(request.Description, "existing objects to account B");
        assert.equal(request.Report?.Prefix, "reports/batch");
        assert.equal(request.ConfirmationRequired, false);
    });

    it("gives the same token for the same inputs, with defaults spelled out or omitted", () => {
        const first = batchReplicationJobToken(normalizeBatchReplicationJobInputs(base));
        const explicit = batchReplicationJobToken(
            normalizeBatchReplicationJobInputs({
                ...base,
                reportPrefix: "batch-replication",
                objectReplicationStatuses: ["NONE", "FAILED"],
                priority: 10,
            }),
        );
        const reordered = batchReplicationJobToken(
            normalizeBatchReplicationJobInputs({
                reportBucketArn: REPORTS,
                roleArn: ROLE,
                sourceBucketArn: SOURCE,
                region: "ap-northeast-1",
                accountId: ACCOUNT,
            }),
        );
        assert.equal(first, BASE_TOKEN);
        assert.equal(explicit, BASE_TOKEN);
        assert.equal(reordered, BASE_TOKEN);
    });

    it("gives the same token in another process", function () {
        this.timeout(60000);
        const script =
            'const m = require("./components/batch/batchReplicationJob");' +
            `process.stdout.write(m.batchReplicationJobToken(m.normalizeBatchReplicationJobInputs(${JSON.stringify(base)})));`;
        const out = execFileSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], {
            cwd: path.resolve(__dirname, "../.."),
            encoding: "utf8",
        });
        assert.equal(out, BASE_TOKEN);
    });

    it("gives a different token, at most 64 characters, when any input changes", () => {
        const variants: Record<string, unknown> = {
            accountId: "999988887777",
            region: "ap-northeast-3",
            sourceBucketArn: "arn:aws:s3:::other-data",
            roleArn: "arn:aws:iam::111122223333:role/other",
            reportBucketArn: "arn:aws:s3:::other-reports",
            reportPrefix: "elsewhere",
            manifestOutputBucketArn: "arn:aws:s3:::s3mr-manifests",
            objectReplicationStatuses: ["FAILED"],
            priority: 11,
            description: "second run",
            runNumber: 2,
        };
        const tokens = new Set<string>([BASE_TOKEN]);
        for (const [key, value] of Object.entries(variants)) {
            const token = batchReplicationJobToken(normalizeBatchReplicationJobInputs({ ...base, [key]: value }));
            assert.ok(!tokens.has(token), `changing ${key} must change the token`);
            assert.ok(token.length <= 64, `token for ${key} is ${token.length} characters`);
            assert.match(token, /^brj-[0-9a-f]{60}$/);
            tokens.add(token);
        }
        const withPrefix = batchReplicationJobToken(
            normalizeBatchReplicationJobInputs({
                ...base,
                manifestOutputBucketArn: "arn:aws:s3:::s3mr-manifests",
                manifestOutputPrefix: "generated",
            }),
        );
        assert.ok(!tokens.has(withPrefix), "changing manifestOutputPrefix must change the token");
    });
});

describe("batch replication job: check", () => {
    it("fills in the documented defaults", async () => {
        const provider = makeBatchReplicationJobProvider({
            clientFactory: () => assert.fail("check must not call AWS"),
        });
        const result = await provider.check!({}, { ...base });
        assert.deepEqual(result.inputs, {
            ...base,
            reportPrefix: "batch-replication",
            objectReplicationStatuses: ["NONE", "FAILED"],
            priority: 10,
            runNumber: 1,
        });
        assert.deepEqual(result.failures, []);
    });

    const bad: Array<[string, Record<string, unknown>, RegExp]> = [
        ["accountId", { accountId: "1234" }, /12-digit/],
        ["region", { region: "Tokyo" }, /region code/],
        ["sourceBucketArn", { sourceBucketArn: "s3mr-data" }, /bucket ARN/],
        ["reportBucketArn", { reportBucketArn: "arn:aws:iam::111122223333:role/x" }, /bucket ARN/],
        ["roleArn", { roleArn: "arn:aws:iam::111122223333:user/alice" }, /IAM role ARN/],
        ["reportPrefix", { reportPrefix: "reports/" }, /trailing "\/"/],
        ["manifestOutputPrefix", { manifestOutputPrefix: "generated" }, /needs manifestOutputBucketArn/],
        ["objectReplicationStatuses", { objectReplicationStatuses: ["PENDING"] }, /NONE, FAILED, COMPLETED, REPLICA/],
        ["objectReplicationStatuses", { objectReplicationStatuses: [] }, /non-empty/],
        ["objectReplicationStatuses", { objectReplicationStatuses: ["NONE", "NONE"] }, /repeat/],
        ["priority", { priority: -1 }, /0 to 2147483647/],
        ["priority", { priority: 1.5 }, /0 to 2147483647/],
        ["description", { description: "x".repeat(257) }, /256/],
        ["roleArn", { roleArn: undefined }, /required/],
        ["runNumber", { runNumber: 0 }, /runNumber must be an integer of at least 1, got 0/],
        ["runNumber", { runNumber: 1.5 }, /at least 1/],
        ["profile", { profile: "" }, /aws:profile/],
        ["assumeRoles", { assumeRoles: [{ roleArn: "arn:aws:iam::111122223333:user/x" }] }, /aws:assumeRoles/],
        ["allowedAccountIds", { allowedAccountIds: ["1234"] }, /12-digit/],
        [
            "allowedAccountIds",
            { allowedAccountIds: ["222222222222"] },
            /is 222222222222, which does not include the job's account 111122223333/,
        ],
        ["roleCreatedAt", { roleCreatedAt: "yesterday" }, /ISO 8601/],
    ];
    for (const [property, change, reason] of bad) {
        it(`refuses ${property} = ${JSON.stringify(Object.values(change)[0])?.slice(0, 40)}`, () => {
            const failures = checkBatchReplicationJobInputs(normalizeBatchReplicationJobInputs({ ...base, ...change }));
            assert.equal(failures.length, 1, JSON.stringify(failures));
            assert.equal(failures[0].property, property);
            assert.match(failures[0].reason, reason);
        });
    }

    it("skips values that are unknown during preview", () => {
        const unknowns = Object.fromEntries(Object.keys(base).map((k) => [k, UNKNOWN]));
        const failures = checkBatchReplicationJobInputs(
            normalizeBatchReplicationJobInputs({
                ...unknowns,
                manifestOutputBucketArn: UNKNOWN,
                manifestOutputPrefix: "generated",
            }),
        );
        assert.deepEqual(failures, []);
    });
});

describe("batch replication job: provider against a mocked S3 Control", () => {
    let s3: AwsClientStub<S3ControlClient>;
    let sts: AwsClientStub<STSClient>;
    let regions: string[];
    const provider = (options: { preparePolls?: number } = {}) =>
        makeBatchReplicationJobProvider({
            clientFactory: (config) => {
                regions.push(config.region);
                return new S3ControlClient(config);
            },
            pollIntervalMs: 0,
            ...options,
        });

    let buckets: AwsClientStub<S3Client>;

    before(() => {
        s3 = mockClient(S3ControlClient);
        sts = mockClient(STSClient);
        buckets = mockClient(S3Client);
    });
    beforeEach(() => {
        s3.reset();
        sts.reset();
        buckets.reset();
        sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT });
        buckets.on(GetBucketReplicationCommand).resolves(REPLICATING);
        regions = [];
    });
    after(() => {
        s3.restore();
        sts.restore();
        buckets.restore();
    });

    it("creates no job while the bucket has no replication configuration: one line saying the hub deploys it", async () => {
        buckets.on(GetBucketReplicationCommand).rejects(
            new S3ServiceException({
                name: "ReplicationConfigurationNotFoundError",
                $fault: "client",
                message: "The replication configuration was not found",
                $metadata: {},
            }),
        );
        const err = await rejection(provider().create(normalizeBatchReplicationJobInputs(base)));
        assert.equal(
            err.message,
            "Batch Replication job for bucket s3mr-111122223333-ap-northeast-1-data: the bucket has no replication " +
                "configuration, and S3 Batch Replication replicates only through one; the hub stack writes every " +
                "regional bucket's replication configuration: deploy the hub, then run pulumi up on this stack again.",
        );
        assert.deepEqual(buckets.commandCalls(GetBucketReplicationCommand)[0].args[0].input, {
            Bucket: "s3mr-111122223333-ap-northeast-1-data",
        });
        assert.equal(s3.commandCalls(CreateJobCommand).length, 0);
    });

    it("creates no job when the configuration cannot be read, with S3's reason on one line", async () => {
        buckets.on(GetBucketReplicationCommand).rejects(
            new S3ServiceException({
                name: "AccessDenied",
                $fault: "client",
                message: "Access Denied",
                $metadata: {},
            }),
        );
        const err = await rejection(provider().create(normalizeBatchReplicationJobInputs(base)));
        assert.match(err.message, /could not be read \(S3 GetBucketReplication\): Access Denied$/);
        assert.equal(err.message.split("\n").length, 1);
        assert.equal(s3.commandCalls(CreateJobCommand).length, 0);
    });

    it("creates the job in the source region with the exact request and maps the first DescribeJob", async () => {
        s3.on(CreateJobCommand).resolves({ JobId: "job-1" });
        s3.on(DescribeJobCommand).resolves({
            Job: {
                JobId: "job-1",
                Status: "Active",
                ProgressSummary: { TotalNumberOfTasks: 5, NumberOfTasksSucceeded: 1, NumberOfTasksFailed: 0 },
            },
        });
        const result = await provider().create(normalizeBatchReplicationJobInputs(base));

        const creates = s3.commandCalls(CreateJobCommand);
        assert.equal(creates.length, 1);
        assert.deepEqual(creates[0].args[0].input, buildCreateJobRequest(normalizeBatchReplicationJobInputs(base)));
        assert.equal(creates[0].args[0].input.ClientRequestToken, BASE_TOKEN);
        assert.equal(creates[0].args[0].input.ConfirmationRequired, false);
        assert.deepEqual(s3.commandCalls(DescribeJobCommand)[0].args[0].input, { AccountId: ACCOUNT, JobId: "job-1" });
        assert.ok(regions.length > 0 && regions.every((r) => r === "ap-northeast-1"), `clients built for ${regions}`);

        assert.equal(result.id, "job-1");
        const expected: BatchReplicationJobOutputs = {
            ...normalizeBatchReplicationJobInputs(base),
            jobId: "job-1",
            status: "Active",
            totalTasks: 5,
            succeededTasks: 1,
            failedTasks: 0,
            failureReasons: [],
            reportLocation: "s3://s3mr-111122223333-ap-northeast-1-reports/batch-replication/job-job-1/",
            clientRequestToken: BASE_TOKEN,
        };
        assert.deepEqual(result.outs, expected);
    });

    it("returns outputs without undefined values (the engine's protobuf Struct rejects them)", async () => {
        s3.on(CreateJobCommand).resolves({ JobId: "job-1" });
        s3.on(DescribeJobCommand).resolves({ Job: { JobId: "job-1", Status: "Active" } });
        const result = await provider().create({ ...base, description: undefined, manifestOutputBucketArn: undefined });
        assert.deepEqual(JSON.parse(JSON.stringify(result.outs)), result.outs);
        assert.equal(result.outs!.totalTasks, 0);
    });

    it("never starts a second job when a create is retried with the same inputs", async () => {
        // S3's idempotency: a token it has seen returns the job it already made.
        const jobsByToken = new Map<string, string>();
        s3.on(CreateJobCommand).callsFake((input) => {
            if (!jobsByToken.has(input.ClientRequestToken)) {
                jobsByToken.set(input.ClientRequestToken, `job-${jobsByToken.size + 1}`);
            }
            return { JobId: jobsByToken.get(input.ClientRequestToken) };
        });
        // The first attempt dies after S3 created the job (as an interrupted `up` would).
        s3.on(DescribeJobCommand)
            .rejectsOnce(awsError("TooManyRequestsException", "Rate exceeded"))
            .resolves({ Job: { JobId: "job-1", Status: "Active" } });

        const firstErr = await rejection(provider().create({ ...base }));
        assert.match(firstErr.message, /job job-1/);
        // A fresh provider stands for the next `pulumi up` process.
        const retried = await provider().create({ ...base });

        const tokens = s3.commandCalls(CreateJobCommand).map((c) => c.args[0].input.ClientRequestToken);
        assert.deepEqual(tokens, [BASE_TOKEN, BASE_TOKEN]);
        assert.equal(jobsByToken.size, 1);
        assert.equal(retried.id, "job-1");
    });

    it("waits while S3 prepares the job and stops once it runs", async () => {
        s3.on(CreateJobCommand).resolves({ JobId: "job-1" });
        s3.on(DescribeJobCommand)
            .resolvesOnce({ Job: { Status: "New" } })
            .resolvesOnce({ Job: { Status: "Preparing" } })
            .resolves({ Job: { Status: "Active", ProgressSummary: { TotalNumberOfTasks: 9 } } });
        const result = await provider().create({ ...base });
        assert.equal(s3.commandCalls(DescribeJobCommand).length, 3);
        assert.equal(result.outs!.status, "Active");
        assert.equal(result.outs!.totalTasks, 9);
    });

    it("gives up waiting after the configured polls and records the job as still preparing", async () => {
        s3.on(CreateJobCommand).resolves({ JobId: "job-1" });
        s3.on(DescribeJobCommand).resolves({ Job: { Status: "Preparing" } });
        const result = await provider({ preparePolls: 2 }).create({ ...base });
        assert.equal(s3.commandCalls(DescribeJobCommand).length, 3);
        assert.equal(result.id, "job-1");
        assert.equal(result.outs!.status, "Preparing");
    });

    it("fails the create when S3 fails the job while preparing it (role trusts s3.amazonaws.com, as in the replication report)", async () => {
        s3.on(CreateJobCommand).resolves({ JobId: "job-7" });
        s3.on(DescribeJobCommand)
            .resolvesOnce({ Job: { Status: "Preparing" } })
            .resolves({
                Job: {
                    Status: "Failed",
                    FailureReasons: [
                        {
                            FailureCode: "ManifestGenerationFailed",
                            FailureReason: "Error occurred when preparing manifest: Failed to assume role.",
                        },
                    ],
                },
            });
        const err = await rejection(provider().create({ ...base }));
        assert.match(err.message, /^Batch Replication job job-7 for bucket s3mr-111122223333-ap-northeast-1-data/);
        assert.match(
            err.message,
            /ManifestGenerationFailed: Error occurred when preparing manifest: Failed to assume role/,
        );
        assert.match(err.message, /must trust batchoperations\.s3\.amazonaws\.com/);
        assert.match(err.message, /raise runNumber \(config batchReplicationRunNumber\) to 2 to start a new job/);
    });

    const createErrors: Array<[string, string, string, RegExp]> = [
        [
            "AccessDenied",
            "AccessDenied",
            "Access Denied",
            /must belong to account 111122223333 and allow s3:CreateJob.*iam:PassRole on arn:aws:iam::111122223333:role\/s3mr-batch-replication/,
        ],
        [
            "InvalidRequest, Failed to assume role (the cross-account replication report)",
            "InvalidRequest",
            "Failed to assume role",
            /role arn:aws:iam::111122223333:role\/s3mr-batch-replication must trust batchoperations\.s3\.amazonaws\.com/,
        ],
        [
            "report bucket not writable (the cross-account batch copy report)",
            "InvalidRequest",
            "The job report could not be written to your report bucket.",
            /needs s3:PutObject on arn:aws:s3:::s3mr-111122223333-ap-northeast-1-reports\/batch-replication\/\*/,
        ],
        [
            "no replication configuration",
            "InvalidRequestException",
            "Replication configuration not found on source bucket",
            /needs versioning and a replication configuration/,
        ],
    ];
    for (const [title, code, message, fix] of createErrors) {
        it(`surfaces a CreateJob error as one clear message: ${title}`, async () => {
            s3.on(CreateJobCommand).rejects(awsError(code, message));
            const err = await rejection(provider().create({ ...base }));
            assert.equal(err.message.split("\n").length, 1);
            assert.ok(
                err.message.startsWith(
                    `Batch Replication job with client request token ${BASE_TOKEN} for bucket s3mr-111122223333-ap-northeast-1-data ` +
                        `(account 111122223333, ap-northeast-1): CreateJob failed with ${code}: ${message} (request id REQ123). Likely fix: `,
                ),
                err.message,
            );
            assert.match(err.message, fix);
            assert.equal(s3.commandCalls(DescribeJobCommand).length, 0);
        });
    }

    it("refuses invalid inputs before calling AWS", async () => {
        const err = await rejection(provider().create({ ...base, accountId: "12" }));
        assert.match(err.message, /accountId must be a 12-digit AWS account id/);
        assert.equal(s3.calls().length, 0);
    });

    const state = (): BatchReplicationJobOutputs & { __provider: string } => ({
        ...normalizeBatchReplicationJobInputs(base),
        jobId: "job-1",
        status: "Preparing",
        totalTasks: 0,
        succeededTasks: 0,
        failedTasks: 0,
        failureReasons: [],
        reportLocation: "s3://s3mr-111122223333-ap-northeast-1-reports/batch-replication/job-job-1/",
        clientRequestToken: BASE_TOKEN,
        __provider: "exports.handler = ...",
    });

    it("reads status, counts and failure reasons from DescribeJob", async () => {
        s3.on(DescribeJobCommand).resolves({
            Job: {
                JobId: "job-1",
                Status: "Complete",
                ProgressSummary: { TotalNumberOfTasks: 1000, NumberOfTasksSucceeded: 997, NumberOfTasksFailed: 3 },
                FailureReasons: [
                    {
                        FailureCode: "ReportWriteFailed",
                        FailureReason: "The job report could not be written to your report bucket.",
                    },
                ],
            },
        });
        const result = await provider().read!("job-1", state());
        assert.deepEqual(s3.commandCalls(DescribeJobCommand)[0].args[0].input, { AccountId: ACCOUNT, JobId: "job-1" });
        assert.deepEqual(regions, ["ap-northeast-1"]);
        assert.equal(result.id, "job-1");
        const { __provider: _ignored, ...outputs } = state();
        assert.deepEqual(result.props, {
            ...outputs,
            status: "Complete",
            totalTasks: 1000,
            succeededTasks: 997,
            failedTasks: 3,
            failureReasons: ["ReportWriteFailed: The job report could not be written to your report bucket."],
        });
    });

    it("keeps the last known state when S3 no longer knows the job, so a refresh never leads to a second run", async () => {
        s3.on(DescribeJobCommand).rejects(awsError("NotFoundException", "Job not found"));
        const result = await provider().read!("job-1", state());
        assert.equal(result.id, "job-1");
        assert.deepEqual(result.props, state());
    });

    it("surfaces other DescribeJob errors with the job id and a fix", async () => {
        s3.on(DescribeJobCommand).rejects(awsError("AccessDenied", "Access Denied"));
        const err = await rejection(provider().read!("job-1", state()));
        assert.match(
            err.message,
            /^Batch Replication job job-1 for bucket .*: DescribeJob failed with AccessDenied: Access Denied/,
        );
        assert.match(err.message, /allow s3:CreateJob, s3:DescribeJob/);
    });

    it("diff: no change, or only defaults spelled out, or a new provider version, changes nothing", async () => {
        const p = provider();
        assert.deepEqual(await p.diff!("job-1", state(), { ...base, __provider: "exports.handler = newer" }), {
            changes: false,
            replaces: [],
            deleteBeforeReplace: false,
        });
        assert.equal(
            (await p.diff!("job-1", state(), { ...base, priority: 10, reportPrefix: "batch-replication" })).changes,
            false,
        );
        assert.equal(s3.calls().length, 0);
    });

    const changes: Record<string, unknown> = {
        accountId: "999988887777",
        region: "ap-northeast-3",
        sourceBucketArn: "arn:aws:s3:::other-data",
        roleArn: "arn:aws:iam::111122223333:role/other",
        reportBucketArn: "arn:aws:s3:::other-reports",
        reportPrefix: "elsewhere",
        manifestOutputBucketArn: "arn:aws:s3:::s3mr-manifests",
        manifestOutputPrefix: "generated",
        objectReplicationStatuses: ["FAILED"],
        priority: 11,
        description: "second run",
        runNumber: 2,
    };
    for (const [key, value] of Object.entries(changes)) {
        it(`diff: a new ${key} replaces the job`, async () => {
            const result = await provider().diff!("job-1", state(), { ...base, [key]: value });
            assert.deepEqual(result, { changes: true, replaces: [key], deleteBeforeReplace: false });
        });
    }

    it("diff: lists every changed key, and an unknown value counts as changed", async () => {
        const result = await provider().diff!("job-1", state(), { ...base, roleArn: UNKNOWN, priority: 1 });
        assert.deepEqual(result.replaces, ["roleArn", "priority"]);
        assert.equal(result.changes, true);
    });

    it("delete makes no S3 Control call and builds no client: the job and the replicated data stay", async () => {
        s3.onAnyCommand().rejects(new Error("delete must not call S3 Control"));
        await provider().delete!("job-1", state());
        assert.equal(s3.calls().length, 0);
        assert.equal(s3.commandCalls(UpdateJobStatusCommand).length, 0);
        assert.deepEqual(regions, []);
    });
});

describe("batch replication job: resource under Pulumi mocks", () => {
    const recorded: pulumi.runtime.MockResourceArgs[] = [];
    let s3: AwsClientStub<S3ControlClient>;
    let sts: AwsClientStub<STSClient>;

    let buckets: AwsClientStub<S3Client>;

    before(async () => {
        s3 = mockClient(S3ControlClient);
        sts = mockClient(STSClient);
        buckets = mockClient(S3Client);
        await pulumi.runtime.setMocks(
            {
                newResource: (args) => {
                    recorded.push(args);
                    return { id: "job-mock", state: { ...args.inputs, jobId: "job-mock", status: "Active" } };
                },
                call: (args) => {
                    throw new Error(`unexpected invoke ${args.token}`);
                },
            },
            "s3-multiregion",
            "tokyo",
            false,
        );
    });
    beforeEach(() => {
        s3.reset();
        sts.reset();
        buckets.reset();
        sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT });
        buckets.on(GetBucketReplicationCommand).resolves(REPLICATING);
    });
    after(() => {
        s3.restore();
        sts.restore();
        buckets.restore();
    });

    const output = <T>(o: pulumi.Output<T>): Promise<T> => new Promise((resolve) => o.apply(resolve));

    it("registers a dynamic resource with the defaulted inputs and a serialized provider", async function () {
        this.timeout(60000);
        const job = new BatchReplicationJob("existing-objects", {
            ...base,
            sourceBucketArn: pulumi.output(SOURCE),
            manifestOutputBucketArn: "arn:aws:s3:::s3mr-manifests",
        });
        await output(job.urn);
        assert.equal(await output(job.jobId), "job-mock");

        const mine = recorded.filter((r) => r.name === "existing-objects");
        assert.equal(mine.length, 1);
        assert.equal(mine[0].type, "pulumi-nodejs:dynamic:Resource");
        const { __provider: serialized, ...inputs } = mine[0].inputs;
        assert.deepEqual(inputs, {
            ...base,
            manifestOutputBucketArn: "arn:aws:s3:::s3mr-manifests",
            reportPrefix: "batch-replication",
            objectReplicationStatuses: ["NONE", "FAILED"],
            priority: 10,
            runNumber: 1,
        });
        assert.equal(typeof serialized, "string");
        // The provider must stay self-contained: no captured @pulumi/pulumi, no SDK client instance.
        assert.ok(!/@pulumi\/pulumi/.test(serialized), "serialized provider captured @pulumi/pulumi");
        // Under mutation testing every function carries all its mutants and the coverage counters, so the size
        // budget holds for the code `pulumi up` runs, not for Stryker's instrumented copy.
        if (!("__stryker__" in globalThis)) {
            assert.ok(serialized.length < 64 * 1024, `serialized provider is ${serialized.length} characters`);
        }
    });

    it("serialized provider runs on its own: loaded like the dynamic-provider host does, it creates the job", async function () {
        this.timeout(60000);
        const job = new BatchReplicationJob("reloaded", { ...base });
        await output(job.urn);
        const reg = recorded.find((r) => r.name === "reloaded");
        assert.ok(reg);
        const loaded = new Module(path.join(__dirname, "serialized-provider.js"), module);
        loaded.filename = path.join(__dirname, "serialized-provider.js");
        loaded.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(__dirname);
        (loaded as unknown as { _compile(code: string, filename: string): void })._compile(
            reg.inputs.__provider,
            loaded.filename,
        );
        const hosted = (loaded.exports as { handler(): pulumi.dynamic.ResourceProvider }).handler();

        s3.on(CreateJobCommand).resolves({ JobId: "job-9" });
        s3.on(DescribeJobCommand).resolves({ Job: { Status: "Active" } });
        const result = await hosted.create({ ...base });
        assert.equal(result.id, "job-9");
        assert.equal(s3.commandCalls(CreateJobCommand)[0].args[0].input.ClientRequestToken, BASE_TOKEN);
        assert.deepEqual((await hosted.diff!("job-9", result.outs, { ...base })).changes, false);
    });

    it("refuses a bad plain value at construction, naming the key", () => {
        assert.throws(
            () => new BatchReplicationJob("bad", { ...base, roleArn: "arn:aws:iam::111122223333:user/alice" }),
            /BatchReplicationJob bad: roleArn must be an IAM role ARN/,
        );
    });
});
