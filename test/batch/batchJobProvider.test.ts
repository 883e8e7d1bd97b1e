// Tests of the Batch Replication provider's edges against a mocked S3 Control (moto has no Batch Operations): what S3
// may leave out of its answers, a job failing right after creation, read without state, and the default waits.
import * as assert from "node:assert/strict";
import { CreateJobCommand, DescribeJobCommand, S3ControlClient } from "@aws-sdk/client-s3-control";
import { GetBucketReplicationCommand, S3Client } from "@aws-sdk/client-s3";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { AwsClientStub, mockClient } from "aws-sdk-client-mock";
import {
    BatchReplicationJobOutputs,
    batchJobOutputs,
    batchReplicationJobToken,
    makeBatchReplicationJobProvider,
    normalizeBatchReplicationJobInputs,
} from "../../components/batch/batchReplicationJob";
import { rejection } from "../support/rejection";

const ACCOUNT = "111122223333";
const base = {
    accountId: ACCOUNT,
    region: "ap-northeast-1",
    sourceBucketArn: "arn:aws:s3:::s3mr-111122223333-ap-northeast-1-data",
    roleArn: "arn:aws:iam::111122223333:role/s3mr-batch-replication",
    reportBucketArn: "arn:aws:s3:::s3mr-111122223333-ap-northeast-1-reports",
};
const inputs = normalizeBatchReplicationJobInputs(base);
/** A recorded state for the provider's read and update; only the keys a test needs. */
const state = (fields: Record<string, unknown>) => fields as unknown as BatchReplicationJobOutputs;
const TOKEN = batchReplicationJobToken(inputs);
const LABEL = "for bucket s3mr-111122223333-ap-northeast-1-data (account 111122223333, ap-northeast-1)";
const RETRY =
    "A retry with the same inputs sends the same client request token, so S3 may hand back this failed job; " +
    "after the fix, raise runNumber (config batchReplicationRunNumber) to 2 to start a new job.";
const DEFAULT_FIX =
    "check the job inputs against the message above; a retry with the same inputs is safe, it reuses the same token.";

describe("batch job provider: DescribeJob answers with parts left out", () => {
    it("no job at all: status Unknown and zero counts", () => {
        const outs = batchJobOutputs(inputs, "job-1", TOKEN, {});
        assert.equal(outs.status, "Unknown");
        assert.deepEqual([outs.totalTasks, outs.succeededTasks, outs.failedTasks, outs.failureReasons], [0, 0, 0, []]);
    });

    it("a failure without code or without reason: Unknown for the code, no dangling separator", () => {
        const outs = batchJobOutputs(inputs, "job-1", TOKEN, {
            Job: { FailureReasons: [{ FailureReason: "Manifest too large" }, { FailureCode: "ReportWriteFailed" }] },
        });
        assert.deepEqual(outs.failureReasons, ["Unknown: Manifest too large", "ReportWriteFailed:"]);
    });
});

describe("batch job provider: create, read and update at their edges", () => {
    let s3: AwsClientStub<S3ControlClient>;
    let sts: AwsClientStub<STSClient>;
    let buckets: AwsClientStub<S3Client>;
    let sleeps: number[];
    const NOW = Date.parse("2026-12-01T12:00:00Z");
    const provider = (options: { preparePolls?: number } = {}) =>
        makeBatchReplicationJobProvider({
            pollIntervalMs: 0,
            now: () => NOW,
            sleep: async (ms) => {
                sleeps.push(ms);
            },
            ...options,
        });

    before(() => {
        s3 = mockClient(S3ControlClient);
        sts = mockClient(STSClient);
        buckets = mockClient(S3Client);
    });
    beforeEach(() => {
        s3.reset();
        sts.reset();
        buckets.reset();
        sleeps = [];
        sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT });
        buckets.on(GetBucketReplicationCommand).resolves({
            ReplicationConfiguration: { Role: "r", Rules: [{ Status: "Enabled", Destination: { Bucket: "b" } }] },
        });
        s3.on(CreateJobCommand).resolves({ JobId: "job-1" });
        s3.on(DescribeJobCommand).resolves({ Job: { Status: "Active" } });
    });
    after(() => {
        s3.restore();
        sts.restore();
        buckets.restore();
    });

    it("a configuration S3 returns without rules: no job, the one line saying no rule is enabled", async () => {
        buckets.on(GetBucketReplicationCommand).resolves({});
        const err = await rejection(provider().create({ ...base }));
        assert.match(err.message, /: no rule of its replication configuration is Enabled \(no rules\), so no object/);
        assert.equal(s3.commandCalls(CreateJobCommand).length, 0);
    });

    it("several bad inputs are refused together before any call", async () => {
        const err = await rejection(provider().create({ ...base, accountId: "12", priority: -1 }));
        assert.equal(
            err.message,
            'Batch Replication job inputs are invalid: accountId must be a 12-digit AWS account id, got "12". ' +
                "priority must be an integer from 0 to 2147483647, got -1.",
        );
        assert.equal(s3.calls().length + sts.calls().length, 0);
    });

    it("a role exactly as old as the propagation time gets no wait", async () => {
        await provider().create({ ...base, roleCreatedAt: new Date(NOW - 60_000).toISOString() });
        assert.deepEqual(sleeps, []);
        await provider().create({ ...base, roleCreatedAt: new Date(NOW - 59_999).toISOString() });
        assert.deepEqual(sleeps, [1]);
    });

    it("CreateJob answering without a JobId fails the create and asks DescribeJob nothing", async () => {
        s3.on(CreateJobCommand).resolves({});
        const err = await rejection(provider().create({ ...base }));
        assert.equal(
            err.message,
            `Batch Replication job with client request token ${TOKEN} ${LABEL}: CreateJob failed with UnknownError: ` +
                `S3 returned no JobId. Likely fix: ${DEFAULT_FIX}`,
        );
        assert.equal(s3.commandCalls(DescribeJobCommand).length, 0);
    });

    it("DescribeJob failing after CreateJob names the job and DescribeJob", async () => {
        s3.on(DescribeJobCommand).rejects(Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" }));
        const err = await rejection(provider().create({ ...base }));
        assert.match(
            err.message,
            /^Batch Replication job job-1 for bucket .*: DescribeJob failed with ThrottlingException/,
        );
    });

    it("a DescribeJob answer without a job counts as not created yet: it asks again", async () => {
        s3.on(DescribeJobCommand)
            .resolvesOnce({})
            .resolves({ Job: { Status: "Active" } });
        const result = await provider().create({ ...base });
        assert.equal(s3.commandCalls(DescribeJobCommand).length, 2);
        assert.equal(result.outs!.status, "Active");
    });

    it("a job Failing or Failed without reasons fails the create, saying no reason was given", async () => {
        for (const status of ["Failing", "Failed"] as const) {
            s3.on(DescribeJobCommand).resolves({ Job: { Status: status } });
            const err = await rejection(provider().create({ ...base }));
            assert.equal(
                err.message,
                `Batch Replication job job-1 ${LABEL} failed right after creation: no reason given. ` +
                    `Likely fix: ${DEFAULT_FIX} ${RETRY}`,
                status,
            );
        }
    });

    it("the first failure's code alone can choose the advice", async () => {
        s3.on(DescribeJobCommand).resolves({
            Job: { Status: "Failed", FailureReasons: [{ FailureCode: "AccessDenied", FailureReason: "refused" }] },
        });
        const err = await rejection(provider().create({ ...base }));
        assert.equal(
            err.message,
            `Batch Replication job job-1 ${LABEL} failed right after creation: AccessDenied: refused. Likely fix: the ` +
                `credentials running the deployment must belong to account 111122223333 and allow s3:CreateJob, ` +
                `s3:DescribeJob and iam:PassRole on ${base.roleArn}. ${RETRY}`,
        );
    });

    it("read needs the account and the region in the state", async () => {
        const refused =
            "Batch Replication job job-1: reading it needs accountId and region in its state; it cannot be imported by id alone.";
        const p = provider();
        assert.equal((await rejection(p.read!("job-1"))).message, refused);
        assert.equal((await rejection(p.read!("job-1", state({ ...base, accountId: "" })))).message, refused);
        assert.equal((await rejection(p.read!("job-1", state({ ...base, region: undefined })))).message, refused);
        assert.equal(s3.calls().length + sts.calls().length, 0);
    });

    it("read keeps the token recorded in the state", async () => {
        const result = await provider().read!("job-1", state({ ...base, clientRequestToken: "brj-recorded" }));
        assert.equal(result.props!.clientRequestToken, "brj-recorded");
    });

    it("read keeps the state when S3 answers NotFound", async () => {
        const recorded = state({ ...base, jobId: "job-1", status: "Complete" });
        s3.on(DescribeJobCommand).rejects(Object.assign(new Error("gone"), { name: "NotFound" }));
        assert.deepEqual((await provider().read!("job-1", recorded)).props, recorded);
    });

    it("read turns something thrown that is not an error into the one line", async () => {
        const p = makeBatchReplicationJobProvider({
            clientFactory: () => ({
                send: async () => {
                    throw undefined;
                },
            }),
        });
        const err = await rejection(p.read!("job-1", state({ ...base })));
        assert.equal(
            err.message,
            `Batch Replication job job-1 ${LABEL}: DescribeJob failed with UnknownError: undefined. Likely fix: ${DEFAULT_FIX}`,
        );
    });

    it("update drops a caller setting the stack no longer has", async () => {
        const old = state({ ...inputs, profile: "old", jobId: "job-1" });
        const updated = await provider().update!("job-1", old, { ...base });
        assert.ok(!("profile" in updated.outs!), JSON.stringify(updated.outs));
        assert.equal(updated.outs!.jobId, "job-1");
    });
});

describe("batch job provider: the default waits", () => {
    let s3: AwsClientStub<S3ControlClient>;
    let sts: AwsClientStub<STSClient>;
    let buckets: AwsClientStub<S3Client>;
    before(() => {
        s3 = mockClient(S3ControlClient);
        sts = mockClient(STSClient);
        buckets = mockClient(S3Client);
    });
    after(() => {
        s3.restore();
        sts.restore();
        buckets.restore();
    });

    it("polls a preparing job every 5 seconds with a real timer", async () => {
        sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT });
        buckets.on(GetBucketReplicationCommand).resolves({
            ReplicationConfiguration: { Role: "r", Rules: [{ Status: "Enabled", Destination: { Bucket: "b" } }] },
        });
        s3.on(CreateJobCommand).resolves({ JobId: "job-1" });
        s3.on(DescribeJobCommand).resolves({ Job: { Status: "Preparing" } });
        // The timer is asked for 5 s and fires at once: the test checks the wait is asked for, not how long it takes.
        const original = globalThis.setTimeout;
        const asked: unknown[] = [];
        globalThis.setTimeout = ((fn: () => void, ms?: number) => {
            asked.push(ms);
            return original(fn, ms === 5000 ? 0 : ms);
        }) as typeof setTimeout;
        try {
            await makeBatchReplicationJobProvider({ preparePolls: 2 }).create({ ...base });
        } finally {
            globalThis.setTimeout = original;
        }
        assert.deepEqual(
            asked.filter((ms) => ms === 5000),
            [5000, 5000],
        );
        assert.equal(s3.commandCalls(DescribeJobCommand).length, 3);
    });
});
