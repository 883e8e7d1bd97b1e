// Tests that `npm run adopt` refuses, with the shared one line and exit 1, every bucket whose adoption would break silently.
import * as assert from "assert";
import {
    GetBucketVersioningCommand,
    PutBucketAclCommand,
    PutBucketReplicationCommand,
    PutBucketVersioningCommand,
    PutObjectLockConfigurationCommand,
    S3Client,
} from "@aws-sdk/client-s3";
import {
    accountRefusal,
    aclRefusal,
    AdoptionSubject,
    mfaDeleteRefusal,
    objectLockRefusal,
    objectLockRetentionRefusal,
    regionRefusal,
    replicationRefusal,
} from "../../config/adoptionChecks";
import { useMotoServer } from "../support/motoServer";
import { ACCOUNT_A, ACCOUNT_B } from "./fixtures";
import {
    accountCredentials,
    createBucket,
    Credentials,
    LEGACY,
    makeProject,
    OSAKA,
    readAdopted,
    removeProjects,
    runAdopt,
    TOKYO,
} from "./adoptWorld";

const S: AdoptionSubject = { stack: "osaka", bucket: LEGACY, region: OSAKA, accountId: ACCOUNT_A };
const ARGS = ["--stack", "osaka", "--keep-all-statements", "--keep-all-rules"];

describe("ops adopt refusals (moto_server)", function () {
    this.timeout(60_000);
    const moto = useMotoServer();
    after(removeProjects);
    /** Account A, the example osaka stack's account. */
    let A: Credentials;
    beforeEach(async () => {
        A = await accountCredentials(moto.endpoint, ACCOUNT_A);
    });

    /** Runs adopt and requires exit 1, exactly `line` on stderr, and no kept-settings file. */
    async function expectRefusal(line: string, opts: Parameters<typeof runAdopt>[4] = {}) {
        const project = makeProject();
        const r = await runAdopt(moto.endpoint, project, ARGS, A, opts);
        assert.strictEqual(r.code, 1, r.out.concat(r.err).join("\n"));
        assert.deepStrictEqual(r.err, [`adopt: ${line}`]);
        assert.strictEqual(readAdopted(project), undefined, "a refused bucket gets no kept-settings file");
        return r;
    }

    it("a bucket in another region than the stack file's aws:region; --json prints the refusals as one document", async () => {
        await createBucket(moto.endpoint, LEGACY, TOKYO, A);
        const r = await expectRefusal(regionRefusal(S, TOKYO)!);
        assert.deepStrictEqual(r.out, []);
        const json = await runAdopt(moto.endpoint, makeProject(), [...ARGS, "--json"], A);
        assert.strictEqual(json.code, 1);
        assert.deepStrictEqual(json.err, [`adopt: ${regionRefusal(S, TOKYO)}`]);
        assert.deepStrictEqual(
            json.out.map((l) => JSON.parse(l) as unknown),
            [{ stack: "osaka", bucket: LEGACY, refusals: [regionRefusal(S, TOKYO)] }],
        );
    });

    it("a bucket of another account", async () => {
        await createBucket(moto.endpoint, LEGACY, OSAKA, await accountCredentials(moto.endpoint, ACCOUNT_B));
        await expectRefusal(accountRefusal(S, false)!);
    });

    it("ACL grants to another account and to the log delivery group while ACLs are still on", async () => {
        const s3 = await createBucket(moto.endpoint, LEGACY, OSAKA, A);
        const other = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";
        await s3.send(
            new PutBucketAclCommand({
                Bucket: LEGACY,
                GrantFullControl: `id=${await ownerId(s3)}`,
                GrantRead: `id=${other}`,
                GrantWrite: 'uri="http://acs.amazonaws.com/groups/s3/LogDelivery"',
            }),
        );
        const owner = await ownerId(s3);
        const r = await expectRefusal(
            aclRefusal(S, undefined, owner, [
                { granteeType: "CanonicalUser", id: other, permission: "READ" },
                { granteeType: "Group", uri: "http://acs.amazonaws.com/groups/s3/LogDelivery", permission: "WRITE" },
            ])!,
        );
        // The report still shows what was read, so the user sees the grants beside the other settings.
        assert.ok(r.out.some((l) => /ACL grants .*READ to canonical user 79a59df9.* -> ignored \(ACLs off\)/.test(l)));
    });

    it("a replication configuration of its own, which the hub would replace", async () => {
        const s3 = await createBucket(moto.endpoint, LEGACY, OSAKA, A);
        await s3.send(
            new PutBucketVersioningCommand({ Bucket: LEGACY, VersioningConfiguration: { Status: "Enabled" } }),
        );
        await createBucket(moto.endpoint, "legacy-dr-copy", OSAKA, A);
        const role = `arn:aws:iam::${ACCOUNT_A}:role/legacy-crr`;
        await s3.send(
            new PutBucketReplicationCommand({
                Bucket: LEGACY,
                ReplicationConfiguration: {
                    Role: role,
                    Rules: [
                        {
                            ID: "to-dr",
                            Status: "Enabled",
                            Priority: 1,
                            Filter: { Prefix: "" },
                            DeleteMarkerReplication: { Status: "Disabled" },
                            Destination: { Bucket: "arn:aws:s3:::legacy-dr-copy" },
                        },
                    ],
                },
            }),
        );
        await expectRefusal(
            replicationRefusal(
                S,
                { role, ruleIds: ["to-dr"] },
                `arn:aws:iam::${ACCOUNT_A}:role/example-s3mr-replication`,
                "tokyo",
            )!,
        );
    });

    it("Object Lock on a bucket the platform replicates from", async () => {
        await createBucket(moto.endpoint, LEGACY, OSAKA, A, { objectLock: true });
        await expectRefusal(objectLockRefusal(S, true, true)!);
    });

    it("MFA delete enabled", async () => {
        await createBucket(moto.endpoint, LEGACY, OSAKA, A);
        // moto accepts MFADelete=Enabled but does not store it, so GetBucketVersioning's answer gets it added
        // here; every other call still goes to moto.
        await expectRefusal(mfaDeleteRefusal(S, "Enabled")!, {
            decorate: (aws) => {
                const make = aws.s3;
                aws.s3 = (region, profile) => withMfaDelete(make(region, profile));
            },
        });
    });

    it("credentials of another account than the stack's: exit 2 before the bucket is read", async () => {
        await createBucket(moto.endpoint, LEGACY, OSAKA, A);
        const r = await runAdopt(
            moto.endpoint,
            makeProject(),
            ARGS,
            await accountCredentials(moto.endpoint, "333333333333"),
        );
        assert.strictEqual(r.code, 2);
        assert.deepStrictEqual(r.err, [
            "adopt: the default credential chain is account 333333333333, but stack osaka deploys into account 111111111111 (sourceAccountId): set aws:profile in Pulumi.osaka.yaml (or AWS_PROFILE) to a profile of account 111111111111",
        ]);
        assert.deepStrictEqual(r.out, []);
    });

    it("a replica bucket whose Object Lock default retention the destination stack would replace", async () => {
        const B = await accountCredentials(moto.endpoint, ACCOUNT_B);
        const s3 = await createBucket(moto.endpoint, LEGACY, TOKYO, B, { objectLock: true });
        await s3.send(
            new PutObjectLockConfigurationCommand({
                Bucket: LEGACY,
                ObjectLockConfiguration: {
                    ObjectLockEnabled: "Enabled",
                    Rule: { DefaultRetention: { Mode: "COMPLIANCE", Days: 365 } },
                },
            }),
        );
        const project = makeProject({
            osaka: {},
            "dest-account": {
                "s3-multiregion:existingBucketName": LEGACY,
                "s3-multiregion:objectLockMode": "GOVERNANCE",
                "s3-multiregion:objectLockRetentionDays": 30,
            },
        });
        const r = await runAdopt(
            moto.endpoint,
            project,
            ["--stack", "dest-account", "--keep-all-statements", "--keep-all-rules"],
            B,
        );
        const R: AdoptionSubject = { stack: "dest-account", bucket: LEGACY, region: TOKYO, accountId: ACCOUNT_B };
        assert.strictEqual(r.code, 1, r.out.concat(r.err).join("\n"));
        assert.deepStrictEqual(r.err, [
            `adopt: ${objectLockRetentionRefusal(R, { mode: "COMPLIANCE", days: 365 }, { mode: "GOVERNANCE", days: 30 })}`,
        ]);
    });
});

async function ownerId(s3: S3Client): Promise<string> {
    const { GetBucketAclCommand } = await import("@aws-sdk/client-s3");
    return (await s3.send(new GetBucketAclCommand({ Bucket: LEGACY }))).Owner!.ID!;
}

function withMfaDelete(client: S3Client): S3Client {
    client.middlewareStack.add(
        (next, context) => async (args) => {
            const result = await next(args);
            if (context.commandName === GetBucketVersioningCommand.name) {
                (result.output as { MFADelete?: string; Status?: string }).MFADelete = "Enabled";
                (result.output as { Status?: string }).Status = "Enabled";
            }
            return result;
        },
        { step: "initialize", name: "motoHasNoMfaDelete" },
    );
    return client;
}
