// The world verify's command tests run in: S3 and STS behind aws-sdk-client-mock, a simulated replication, a
// fake clock and a temporary project with the example stacks.
import * as fs from "fs";
import { DeleteObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { AwsClientStub, mockClient } from "aws-sdk-client-mock";
import { discoverStacks } from "../../config/stackFiles";
import { VerifyDeps, verifyMain } from "../../operations/verify/verifyCommand";
import { ACCOUNT_A, ACCOUNT_B, captureIo, fakeClock, hubOutputsDoc, projectStacks, tempProject } from "./fixtures";
import { ObjectPlan, ReplicationWorld } from "./replicationWorld";

export const PREFIX = "verify/20260115T093000Z/";

/** Registers the suite's hooks; `s3` and `sts` are the stubs, `setup` wires one test's world. */
export function verifyHarness() {
    const h = {} as { s3: AwsClientStub<S3Client>; sts: AwsClientStub<STSClient>; project: string };
    before(() => {
        // Stubbed per suite, not at load time, so other suites in the same run see the real clients.
        h.s3 = mockClient(S3Client);
        h.sts = mockClient(STSClient);
        h.project = tempProject(projectStacks());
    });
    afterEach(() => {
        h.s3.reset();
        h.sts.reset();
    });
    after(() => {
        h.s3.restore();
        h.sts.restore();
        fs.rmSync(h.project, { recursive: true, force: true });
    });

    /** Wires a world of `plans` behind the S3 mock; account B answers STS only for the `account-b` profile. */
    function setup(plans: ObjectPlan[], opts: { outputs?: Record<string, unknown> } = {}) {
        const { s3, sts } = h;
        const clock = fakeClock();
        const world = new ReplicationWorld(plans, clock.now, clock.advance, 1000, "account-b");
        const profileOf = (getClient: () => unknown) =>
            ((getClient() as S3Client).config as { profile?: string }).profile;
        s3.on(PutObjectCommand).callsFake(async (input) => world.put(input));
        s3.on(HeadObjectCommand).callsFake(async (input, getClient) => world.head(input, profileOf(getClient)));
        s3.on(DeleteObjectCommand).resolves({});
        sts.on(GetCallerIdentityCommand).callsFake(async (_input, getClient) => ({
            Account: profileOf(getClient) === "account-b" ? ACCOUNT_B : ACCOUNT_A,
        }));
        const io = captureIo();
        const s3Clients: Array<{ region: string; profile?: string }> = [];
        const deps: VerifyDeps = {
            io: io.io,
            env: {},
            clock,
            projectDir: h.project,
            discoverStacks,
            probePulumi: async () => "v3.248.0",
            readStackOutputs: async () => opts.outputs ?? hubOutputsDoc(),
            aws: {
                sts: (region, profile) => new STSClient({ region, ...(profile ? { profile } : {}) }),
                s3: (region, profile) => {
                    s3Clients.push({ region, profile });
                    return new S3Client({ region, ...(profile ? { profile } : {}) });
                },
            },
        };
        return { clock, world, io, deps, s3Clients };
    }
    return { stubs: h, setup };
}

/** Runs verify as an operator with a profile for account B would. */
export const verify = (deps: VerifyDeps, ...argv: string[]) =>
    verifyMain([...argv, "--dest-profile", "account-b"], deps);
