// Tests of who runs a Batch Replication job when something is off: how the credentials were chosen, in the one line,
// and STS refusing a role, returning no credentials or failing GetCallerIdentity (mocked: moto always answers).
import * as assert from "node:assert/strict";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { AwsClientStub, mockClient } from "aws-sdk-client-mock";
import { batchJobCallerProblem, batchJobClientConfig } from "../../components/batch/batchReplicationJob";
import { rejection } from "../support/rejection";

const A = "111111111111";
const B = "222222222222";
const BUCKET = "s3mr-data-111111111111-ap-northeast-1";
const HOP = `arn:aws:iam::${B}:role/hop`;
const DEPLOYER = `arn:aws:iam::${A}:role/deployer`;

describe("batch job caller: how the credentials were chosen, in the one line", () => {
    it("a profile and a chain of roles: both named, the roles in the order they are assumed", () => {
        assert.equal(
            batchJobCallerProblem(
                B,
                A,
                { profile: "ops", assumeRoles: [{ roleArn: HOP }, { roleArn: DEPLOYER }] },
                BUCKET,
            ),
            `Batch Replication job for bucket ${BUCKET}: the deployment's AWS credentials (aws:profile ops, ` +
                `aws:assumeRoles ${HOP} -> ${DEPLOYER}) belong to account ${B}, but the job belongs to account ${A}; ` +
                `set aws:profile or aws:assumeRoles of this stack to credentials of account ${A}.`,
        );
    });

    it("every allowed account is listed when the caller is none of them", () => {
        assert.equal(
            batchJobCallerProblem(A, A, { allowedAccountIds: [B, "333333333333"] }, BUCKET),
            `Batch Replication job for bucket ${BUCKET}: the deployment's AWS credentials (the default credential chain ` +
                `(no aws:profile or aws:assumeRoles)) belong to account ${A}, which aws:allowedAccountIds ` +
                `(${B}, 333333333333) does not allow.`,
        );
    });
});

describe("batch job caller: STS failures, each one line naming the bucket and the role", () => {
    let sts: AwsClientStub<STSClient>;
    before(() => {
        sts = mockClient(STSClient);
    });
    beforeEach(() => sts.reset());
    after(() => sts.restore());

    const settings = { assumeRoles: [{ roleArn: DEPLOYER }] };

    it("a role STS refuses to assume: its ARN and STS's reason, the SDK error kept as the cause", async () => {
        const refused = Object.assign(new Error("User is not authorized to perform: sts:AssumeRole"), {
            name: "AccessDenied",
        });
        sts.on(AssumeRoleCommand).rejects(refused);
        const err = await rejection(batchJobClientConfig(settings, "ap-northeast-1", A, BUCKET));
        assert.equal(
            err.message,
            `Batch Replication job for bucket ${BUCKET}: could not assume ${DEPLOYER} from aws:assumeRoles: ` +
                "User is not authorized to perform: sts:AssumeRole",
        );
        assert.equal(err.cause, refused);
        assert.equal(sts.commandCalls(GetCallerIdentityCommand).length, 0);
    });

    it("an answer without credentials, or without the secret key, is refused before the next hop", async () => {
        const noCredentials = `Batch Replication job for bucket ${BUCKET}: STS returned no credentials for ${DEPLOYER}.`;
        sts.on(AssumeRoleCommand).resolves({});
        assert.equal(
            (await rejection(batchJobClientConfig(settings, "ap-northeast-1", A, BUCKET))).message,
            noCredentials,
        );
        sts.on(AssumeRoleCommand).resolves({
            Credentials: { AccessKeyId: "AK", SecretAccessKey: undefined, SessionToken: "ST", Expiration: new Date() },
        } as never);
        assert.equal(
            (await rejection(batchJobClientConfig(settings, "ap-northeast-1", A, BUCKET))).message,
            noCredentials,
        );
        sts.on(AssumeRoleCommand).resolves({
            Credentials: { AccessKeyId: undefined, SecretAccessKey: "SK", SessionToken: "ST", Expiration: new Date() },
        } as never);
        assert.equal(
            (await rejection(batchJobClientConfig(settings, "ap-northeast-1", A, BUCKET))).message,
            noCredentials,
        );
        assert.equal(sts.commandCalls(GetCallerIdentityCommand).length, 0);
    });

    it("GetCallerIdentity failing: the account cannot be checked, so nothing goes on; the SDK error is the cause", async () => {
        const down = new Error("connect ECONNREFUSED 127.0.0.1:443");
        sts.on(GetCallerIdentityCommand).rejects(down);
        const err = await rejection(batchJobClientConfig({}, "ap-northeast-1", A, BUCKET));
        assert.equal(
            err.message,
            `Batch Replication job for bucket ${BUCKET}: STS GetCallerIdentity failed, so the job's account cannot be ` +
                "checked: connect ECONNREFUSED 127.0.0.1:443",
        );
        assert.equal(err.cause, down);
    });

    it("GetCallerIdentity answering without an account: refused as account unknown", async () => {
        sts.on(GetCallerIdentityCommand).resolves({});
        const err = await rejection(batchJobClientConfig({}, "ap-northeast-1", A, BUCKET));
        assert.match(err.message, /\) belong to account unknown, but the job belongs to account 111111111111;/);
    });
});
