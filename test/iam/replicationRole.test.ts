// ReplicationRole under mocks: S3-only trust guarded by the source account, and least privilege on exact bucket ARNs.
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import {
    ReplicationRole,
    replicationKmsStatements,
    validateReplicationKmsKeys,
    validateReplicationRoleArgs,
} from "../../components/iam/replicationRole";
import { installMocks, ResourceRecorder, settle, valueOf } from "../../verifier/mockRuntime";

const TOKYO = "arn:aws:s3:::acme-data-111111111111-ap-northeast-1";
const OSAKA = "arn:aws:s3:::acme-data-111111111111-ap-northeast-3";
const REPLICA = "arn:aws:s3:::acme-replica-222222222222-ap-northeast-1";

describe("ReplicationRole", () => {
    let rec: ResourceRecorder;
    beforeEach(async () => {
        rec = await installMocks({ stack: "test", accountId: "111111111111", region: "ap-northeast-1" });
    });

    async function build(crossAccountDestinationArns?: string[]) {
        const role = new ReplicationRole("replication-role", {
            roleName: "acme-replication",
            sourceAccountId: "111111111111",
            sourceBucketArns: [TOKYO, OSAKA],
            sameAccountDestinationArns: [TOKYO, OSAKA],
            crossAccountDestinationArns,
        });
        await valueOf(role.urn);
        await settle();
        return role;
    }

    it("is assumable only by S3 acting for account A, under its deterministic name", async () => {
        const role = await build([REPLICA]);
        assert.equal(await valueOf(role.arn), "arn:aws:iam::111111111111:role/acme-replication");
        const r = rec.one("aws:iam/role:Role", "replication-role");
        // Both children under the component, so they move and are destroyed with it.
        const component = rec.one("s3-multiregion:iam:ReplicationRole", "replication-role");
        assert.deepEqual(
            rec.resources.filter((c) => c.parent === component.urn).map((c) => `${c.type}/${c.name}`),
            ["aws:iam/role:Role/replication-role", "aws:iam/rolePolicy:RolePolicy/replication-role-permissions"],
        );
        assert.equal(r.inputs.name, "acme-replication");
        assert.deepEqual(JSON.parse(r.inputs.assumeRolePolicy), {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "TrustService",
                    Effect: "Allow",
                    Principal: { Service: "s3.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    Condition: { StringEquals: { "aws:SourceAccount": "111111111111" } },
                },
            ],
        });
    });

    it("grants the replication report's actions on exact source and destination ARNs, owner override only towards account B", async () => {
        await build([REPLICA]);
        const policy = rec.one("aws:iam/rolePolicy:RolePolicy", "replication-role-permissions");
        assert.equal(policy.inputs.role, "acme-replication");
        assert.deepEqual(JSON.parse(policy.inputs.policy), {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "ReadSourceReplicationConfiguration",
                    Effect: "Allow",
                    Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"],
                    Resource: [TOKYO, OSAKA],
                },
                {
                    Sid: "ReadSourceObjectVersions",
                    Effect: "Allow",
                    Action: [
                        "s3:GetObjectVersionForReplication",
                        "s3:GetObjectVersionAcl",
                        "s3:GetObjectVersionTagging",
                    ],
                    Resource: [`${TOKYO}/*`, `${OSAKA}/*`],
                },
                {
                    Sid: "ReplicateToRegionalBuckets",
                    Effect: "Allow",
                    Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"],
                    Resource: [`${TOKYO}/*`, `${OSAKA}/*`],
                },
                {
                    Sid: "ReplicateToDestinationAccount",
                    Effect: "Allow",
                    Action: [
                        "s3:ReplicateObject",
                        "s3:ReplicateDelete",
                        "s3:ReplicateTags",
                        "s3:ObjectOwnerOverrideToBucketOwner",
                    ],
                    Resource: [`${REPLICA}/*`],
                },
            ],
        });
        const all = JSON.stringify(JSON.parse(policy.inputs.policy));
        assert.ok(!all.includes('"*"') && !all.includes("s3:*"), "no wildcard resource or action");
    });

    it("leaves out the cross-account statement when nothing replicates to another account", async () => {
        await build();
        const sids = JSON.parse(
            rec.one("aws:iam/rolePolicy:RolePolicy", "replication-role-permissions").inputs.policy,
        ).Statement.map((s: { Sid: string }) => s.Sid);
        assert.deepEqual(sids, [
            "ReadSourceReplicationConfiguration",
            "ReadSourceObjectVersions",
            "ReplicateToRegionalBuckets",
        ]);
    });

    it("refuses arguments that cannot make a working role, and declares nothing then", async () => {
        const base = {
            roleName: "r",
            sourceAccountId: "111111111111",
            sourceBucketArns: [TOKYO],
            sameAccountDestinationArns: [OSAKA],
        };
        assert.equal(validateReplicationRoleArgs(base), undefined);
        assert.equal(
            validateReplicationRoleArgs({ ...base, sourceAccountId: "1111" }),
            "sourceAccountId must be a 12-digit account id, got 1111",
        );
        assert.equal(
            validateReplicationRoleArgs({ ...base, sourceBucketArns: [] }),
            "a replication role needs at least one source bucket",
        );
        assert.equal(
            validateReplicationRoleArgs({ ...base, sameAccountDestinationArns: [] }),
            "a replication role needs at least one destination bucket",
        );
        assert.equal(
            validateReplicationRoleArgs({
                ...base,
                sameAccountDestinationArns: [],
                crossAccountDestinationArns: [REPLICA],
            }),
            undefined,
        );
        assert.throws(
            () => new ReplicationRole("bad", { ...base, sourceBucketArns: [] }),
            /^Error: bad: a replication role needs at least one source bucket$/,
        );
        await settle();
        assert.deepEqual(rec.resources, []);
    });

    describe("SSE-KMS", () => {
        const TOKYO_KEY = "arn:aws:kms:ap-northeast-1:111111111111:key/11111111-1111-1111-1111-111111111111";
        const OSAKA_KEY = "arn:aws:kms:ap-northeast-3:111111111111:key/33333333-3333-3333-3333-333333333333";
        const REPLICA_KEY = "arn:aws:kms:ap-northeast-1:222222222222:key/22222222-2222-2222-2222-222222222222";
        const condition = (region: string, bucket: string) => ({
            StringEquals: { "kms:ViaService": `s3.${region}.amazonaws.com` },
            StringLike: { "kms:EncryptionContext:aws:s3:arn": [bucket, `${bucket}/*`] },
        });

        it("decrypts with each source key and encrypts with each replica key, each pinned to S3 in its region and to its bucket", async () => {
            const role = new ReplicationRole("replication-role", {
                roleName: "acme-replication",
                sourceAccountId: "111111111111",
                sourceBucketArns: [TOKYO, OSAKA],
                sameAccountDestinationArns: [TOKYO, OSAKA],
                crossAccountDestinationArns: [REPLICA],
                // As the hub passes them: lists that resolve once the peers' keys are known.
                sourceKmsKeys: pulumi.output([
                    { keyArn: TOKYO_KEY, bucketArn: TOKYO },
                    { keyArn: OSAKA_KEY, bucketArn: OSAKA },
                ]),
                replicaKmsKeys: pulumi.output([
                    { keyArn: TOKYO_KEY, bucketArn: TOKYO },
                    { keyArn: OSAKA_KEY, bucketArn: OSAKA },
                    { keyArn: REPLICA_KEY, bucketArn: REPLICA, accountId: "222222222222" },
                ]),
            });
            await valueOf(role.urn);
            await settle();
            const statements = JSON.parse(
                rec.one("aws:iam/rolePolicy:RolePolicy", "replication-role-permissions").inputs.policy,
            ).Statement;
            assert.deepEqual(statements.slice(4), [
                {
                    Sid: "DecryptSourceObjectsApNortheast1",
                    Effect: "Allow",
                    Action: ["kms:Decrypt"],
                    Resource: [TOKYO_KEY],
                    Condition: condition("ap-northeast-1", TOKYO),
                },
                {
                    Sid: "DecryptSourceObjectsApNortheast3",
                    Effect: "Allow",
                    Action: ["kms:Decrypt"],
                    Resource: [OSAKA_KEY],
                    Condition: condition("ap-northeast-3", OSAKA),
                },
                {
                    Sid: "EncryptReplicasApNortheast1",
                    Effect: "Allow",
                    Action: ["kms:Encrypt", "kms:Decrypt"],
                    Resource: [TOKYO_KEY],
                    Condition: condition("ap-northeast-1", TOKYO),
                },
                {
                    Sid: "EncryptReplicasApNortheast3",
                    Effect: "Allow",
                    Action: ["kms:Encrypt", "kms:Decrypt"],
                    Resource: [OSAKA_KEY],
                    Condition: condition("ap-northeast-3", OSAKA),
                },
                {
                    Sid: "EncryptReplicasInAccount222222222222",
                    Effect: "Allow",
                    Action: ["kms:Encrypt", "kms:Decrypt"],
                    Resource: [REPLICA_KEY],
                    Condition: condition("ap-northeast-1", REPLICA),
                },
            ]);
            assert.deepEqual(
                statements.slice(0, 4).map((st: { Sid: string }) => st.Sid),
                [
                    "ReadSourceReplicationConfiguration",
                    "ReadSourceObjectVersions",
                    "ReplicateToRegionalBuckets",
                    "ReplicateToDestinationAccount",
                ],
            );
        });

        it("refuses keys it cannot scope to exact ARNs, and two keys that would share a statement", async () => {
            assert.deepEqual(replicationKmsStatements([], []), []);
            assert.equal(
                validateReplicationKmsKeys(
                    [{ keyArn: TOKYO_KEY, bucketArn: TOKYO }],
                    [{ keyArn: REPLICA_KEY, bucketArn: REPLICA, accountId: "222222222222" }],
                ),
                undefined,
            );
            assert.equal(
                validateReplicationKmsKeys([{ keyArn: "*", bucketArn: TOKYO }], []),
                "* is not an exact KMS key ARN (arn:aws:kms:<region>:<account>:key/<key-id>)",
            );
            assert.equal(
                validateReplicationKmsKeys(
                    [{ keyArn: "arn:aws:kms:ap-northeast-1:111111111111:alias/data", bucketArn: TOKYO }],
                    [],
                ),
                "arn:aws:kms:ap-northeast-1:111111111111:alias/data is not an exact KMS key ARN (arn:aws:kms:<region>:<account>:key/<key-id>)",
            );
            assert.equal(
                validateReplicationKmsKeys([], [{ keyArn: TOKYO_KEY, bucketArn: "arn:aws:s3:::*" }]),
                "arn:aws:s3:::* is not an exact S3 bucket ARN",
            );
            assert.equal(
                validateReplicationKmsKeys(
                    [
                        { keyArn: TOKYO_KEY, bucketArn: TOKYO },
                        { keyArn: TOKYO_KEY, bucketArn: OSAKA },
                    ],
                    [],
                ),
                "two KMS keys would share statement DecryptSourceObjectsApNortheast1: one source key per region, one replica key per destination bucket",
            );
            const base = {
                roleName: "r",
                sourceAccountId: "111111111111",
                sourceBucketArns: [TOKYO],
                sameAccountDestinationArns: [OSAKA],
            };
            assert.throws(
                () => new ReplicationRole("bad", { ...base, sourceKmsKeys: [{ keyArn: "*", bucketArn: TOKYO }] }),
                /^Error: bad: \* is not an exact KMS key ARN/,
            );
            await settle();
            assert.deepEqual(rec.resources, []);
        });
    });
});
