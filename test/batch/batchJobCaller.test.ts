// Tests of who runs a Batch Replication job: the stack's profile and assumed roles against a real STS (moto_server),
// the account check before any S3 Control call, re-runs and a young role.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { CreateJobCommand, DescribeJobCommand, S3ControlClient } from "@aws-sdk/client-s3-control";
import { GetBucketReplicationCommand, S3Client } from "@aws-sdk/client-s3";
import { AwsClientStub, mockClient } from "aws-sdk-client-mock";
import {
    BatchReplicationJobOutputs,
    batchJobCallerProblem,
    batchJobClientConfig,
    batchReplicationJobToken,
    makeBatchReplicationJobProvider,
    normalizeBatchReplicationJobInputs,
} from "../../components/batch/batchReplicationJob";
import { MOTO_DEFAULT_ACCOUNT, MotoServer, motoClientConfig, startMotoServer } from "../support/motoServer";
import { rejection } from "../support/rejection";

const A = "111111111111";
const B = "222222222222";
const BUCKET = "s3mr-data-111111111111-ap-northeast-1";
const base = {
    accountId: A,
    region: "ap-northeast-1",
    sourceBucketArn: `arn:aws:s3:::${BUCKET}`,
    roleArn: `arn:aws:iam::${A}:role/s3mr-batch-replication`,
    reportBucketArn: "arn:aws:s3:::s3mr-reports-111111111111-ap-northeast-1",
};

/** A recorded state for the provider's read/diff/update; only the keys a test needs. */
const state = (fields: Record<string, unknown>) => fields as unknown as BatchReplicationJobOutputs;

describe("batch job caller: the account check as one line", () => {
    it("names the expected and the actual account and how the credentials were chosen", () => {
        assert.equal(
            batchJobCallerProblem(B, A, { profile: "tokyo" }, BUCKET),
            `Batch Replication job for bucket ${BUCKET}: the deployment's AWS credentials (aws:profile tokyo) belong to ` +
                `account ${B}, but the job belongs to account ${A}; set aws:profile or aws:assumeRoles of this stack to ` +
                `credentials of account ${A}.`,
        );
        assert.match(
            batchJobCallerProblem(B, A, {}, BUCKET)!,
            /credentials \(the default credential chain \(no aws:profile or aws:assumeRoles\)\) belong to account 222222222222/,
        );
    });

    it("refuses an account outside aws:allowedAccountIds and accepts the job's own account", () => {
        assert.match(
            batchJobCallerProblem(A, A, { allowedAccountIds: [B] }, BUCKET)!,
            /belong to account 111111111111, which aws:allowedAccountIds \(222222222222\) does not allow\.$/,
        );
        assert.equal(batchJobCallerProblem(A, A, { allowedAccountIds: [A, B] }, BUCKET), undefined);
        assert.equal(batchJobCallerProblem(A, A, {}, BUCKET), undefined);
    });
});

describe("batch job caller: profile and assumed roles against STS on moto_server", function () {
    this.timeout(60000);
    let moto: MotoServer;
    let tmp: string;
    const saved = { creds: process.env.AWS_SHARED_CREDENTIALS_FILE, config: process.env.AWS_CONFIG_FILE };

    before(async () => {
        moto = await startMotoServer();
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "batch-caller-"));
    });
    after(async () => {
        process.env.AWS_SHARED_CREDENTIALS_FILE = saved.creds;
        process.env.AWS_CONFIG_FILE = saved.config;
        if (saved.creds === undefined) delete process.env.AWS_SHARED_CREDENTIALS_FILE;
        if (saved.config === undefined) delete process.env.AWS_CONFIG_FILE;
        fs.rmSync(tmp, { recursive: true, force: true });
        await moto?.stop();
    });

    const motoBase = () => motoClientConfig(moto.endpoint);

    it("passes the job's own account and returns settings S3 Control can use", async () => {
        const config = await batchJobClientConfig({}, "ap-northeast-3", MOTO_DEFAULT_ACCOUNT, BUCKET, motoBase());
        assert.equal(config.region, "ap-northeast-3");
        assert.equal(config.endpoint, moto.endpoint);
    });

    it("refuses credentials of another account before anything else, naming both accounts", async () => {
        const err = await rejection(batchJobClientConfig({}, "ap-northeast-1", A, BUCKET, motoBase()));
        assert.match(
            err.message,
            new RegExp(`belong to account ${MOTO_DEFAULT_ACCOUNT}, but the job belongs to account ${A};`),
        );
        assert.equal(err.message.split("\n").length, 1);
    });

    it("assumes aws:assumeRoles in order and checks the account of the last role", async () => {
        const settings = {
            assumeRoles: [
                { roleArn: `arn:aws:iam::${B}:role/hop`, sessionName: "hop" },
                { roleArn: `arn:aws:iam::${A}:role/deployer`, externalId: "ext-1" },
            ],
        };
        const config = await batchJobClientConfig(settings, "ap-northeast-1", A, BUCKET, motoBase());
        assert.ok(config.credentials?.sessionToken, "the S3 Control client runs with the assumed role's session");
        const who = await new STSClient(config).send(new GetCallerIdentityCommand({}));
        assert.equal(who.Account, A);
        assert.match(who.Arn ?? "", /assumed-role\/deployer\/s3-multiregion-batch-job$/);

        const wrong = await rejection(
            batchJobClientConfig({ assumeRoles: [settings.assumeRoles[0]] }, "ap-northeast-1", A, BUCKET, motoBase()),
        );
        assert.match(
            wrong.message,
            /aws:assumeRoles arn:aws:iam::222222222222:role\/hop\) belong to account 222222222222/,
        );
    });

    it("uses aws:profile from the shared credentials file instead of the default chain", async () => {
        // A profile whose keys are a session of a role in account B: only that profile can make STS say B.
        const session = await new STSClient(motoBase()).send(
            new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${B}:role/operator`, RoleSessionName: "profile-test" }),
        );
        const c = session.Credentials!;
        const file = path.join(tmp, "credentials");
        fs.writeFileSync(
            file,
            `[dest-account]\naws_access_key_id = ${c.AccessKeyId}\naws_secret_access_key = ${c.SecretAccessKey}\n` +
                `aws_session_token = ${c.SessionToken}\n`,
        );
        process.env.AWS_SHARED_CREDENTIALS_FILE = file;
        process.env.AWS_CONFIG_FILE = path.join(tmp, "config-absent");
        const config = await batchJobClientConfig({ profile: "dest-account" }, "ap-northeast-1", B, BUCKET, {
            endpoint: moto.endpoint,
        });
        assert.equal(config.profile, "dest-account");
        const err = await rejection(
            batchJobClientConfig({ profile: "dest-account" }, "ap-northeast-1", A, BUCKET, { endpoint: moto.endpoint }),
        );
        assert.match(
            err.message,
            /\(aws:profile dest-account\) belong to account 222222222222, but the job belongs to account 111111111111/,
        );
    });
});

describe("batch job caller: the provider checks the account before any S3 Control call", () => {
    let s3: AwsClientStub<S3ControlClient>;
    let sts: AwsClientStub<STSClient>;
    let sleeps: number[];
    const NOW = Date.parse("2026-12-01T12:00:00Z");
    const provider = () =>
        makeBatchReplicationJobProvider({
            pollIntervalMs: 0,
            now: () => NOW,
            sleep: async (ms) => {
                sleeps.push(ms);
            },
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
        buckets.on(GetBucketReplicationCommand).resolves({
            ReplicationConfiguration: { Role: "r", Rules: [{ Status: "Enabled", Destination: { Bucket: "b" } }] },
        });
        sleeps = [];
        s3.on(CreateJobCommand).resolves({ JobId: "job-1" });
        s3.on(DescribeJobCommand).resolves({ Job: { Status: "Active" } });
    });
    after(() => {
        s3.restore();
        sts.restore();
        buckets.restore();
    });

    it("create and read refuse another account's credentials without calling S3 Control", async () => {
        sts.on(GetCallerIdentityCommand).resolves({ Account: B });
        const created = await rejection(provider().create({ ...base, profile: "tokyo" }));
        assert.match(
            created.message,
            /\(aws:profile tokyo\) belong to account 222222222222, but the job belongs to account 111111111111/,
        );
        const read = await rejection(provider().read!("job-1", state({ ...base, profile: "tokyo" })));
        assert.match(read.message, /belong to account 222222222222/);
        assert.equal(s3.calls().length, 0);
        // Not even the bucket's replication configuration is read with the wrong account's credentials.
        assert.equal(buckets.calls().length, 0);
    });

    it("create assumes the stack's roles, then creates the job as the last role", async () => {
        sts.on(AssumeRoleCommand).resolves({
            Credentials: { AccessKeyId: "AK", SecretAccessKey: "SK", SessionToken: "ST", Expiration: new Date(NOW) },
        });
        sts.on(GetCallerIdentityCommand).resolves({ Account: A });
        const roles = [{ roleArn: `arn:aws:iam::${A}:role/deployer`, externalId: "x" }];
        const result = await provider().create({ ...base, assumeRoles: roles, allowedAccountIds: [A] });
        assert.equal(result.id, "job-1");
        assert.deepEqual(sts.commandCalls(AssumeRoleCommand)[0].args[0].input, {
            RoleArn: `arn:aws:iam::${A}:role/deployer`,
            RoleSessionName: "s3-multiregion-batch-job",
            ExternalId: "x",
        });
        const credentials = await s3.commandCalls(CreateJobCommand)[0].thisValue.config.credentials();
        assert.equal(credentials.accessKeyId, "AK");
        assert.equal(credentials.sessionToken, "ST");
    });

    it("a role created seconds ago gets its propagation time before CreateJob; an older one none", async () => {
        sts.on(GetCallerIdentityCommand).resolves({ Account: A });
        await provider().create({ ...base, roleCreatedAt: new Date(NOW - 15_000).toISOString() });
        assert.deepEqual(sleeps, [45_000]);
        sleeps = [];
        await provider().create({ ...base, roleCreatedAt: new Date(NOW - 600_000).toISOString() });
        assert.deepEqual(sleeps, []);
    });

    it("a new profile or role chain updates the state and starts no new job", async () => {
        const old = state({ ...base, profile: "old", jobId: "job-1", status: "Complete" });
        const diff = await provider().diff!("job-1", old, { ...base, profile: "new", allowedAccountIds: [A] });
        assert.deepEqual(diff, { changes: true, replaces: [], deleteBeforeReplace: false });
        const updated = await provider().update!("job-1", old, { ...base, profile: "new", allowedAccountIds: [A] });
        assert.equal(updated.outs!.profile, "new");
        assert.deepEqual(updated.outs!.allowedAccountIds, [A]);
        assert.equal(updated.outs!.jobId, "job-1");
        assert.equal(s3.calls().length + sts.calls().length, 0);
    });

    it("runNumber 2 is a new job with a new token; run 1 keeps the token it had before re-runs existed", async () => {
        const first = batchReplicationJobToken(normalizeBatchReplicationJobInputs({ ...base }));
        assert.equal(batchReplicationJobToken(normalizeBatchReplicationJobInputs({ ...base, runNumber: 1 })), first);
        assert.notEqual(batchReplicationJobToken(normalizeBatchReplicationJobInputs({ ...base, runNumber: 2 })), first);
        const diff = await provider().diff!("job-1", state({ ...base, runNumber: 1 }), { ...base, runNumber: 2 });
        assert.deepEqual(diff.replaces, ["runNumber"]);
    });
});
