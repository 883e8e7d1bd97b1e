// SSE-KMS across the mesh under mocks: each rule's opt-in and replica key, the replication role's exact KMS grants,
// the batch copy role's, and the refusals of keys that cannot replicate.
import * as assert from "node:assert/strict";
import { DestinationConfig, PrimaryConfig, SecondaryConfig } from "../../config/platformConfig";
import { destinationStack } from "../../stacks/destination";
import { meshKeysError, MeshKeys } from "../../stacks/meshKeys";
import { primaryStack } from "../../stacks/primary";
import { secondaryStack } from "../../stacks/secondary";
import { evaluatePlan } from "../../verifier/evaluate";
import { installMocks, ResourceRecorder, settle, valueOf } from "../../verifier/mockRuntime";
import { ACCOUNT_A as A, ACCOUNT_B as B, DEST_OUTPUTS, secondaryOutputs } from "../support/peerOutputs";
import { PROJECT_DIR, stackConfig } from "../support/stackConfigs";

const P = "s3-multiregion:";
const TOKYO_KEY = `arn:aws:kms:ap-northeast-1:${A}:key/11111111-1111-1111-1111-111111111111`;
const OSAKA_KEY = `arn:aws:kms:ap-northeast-3:${A}:key/33333333-3333-3333-3333-333333333333`;
const REPLICA_KEY = `arn:aws:kms:ap-northeast-1:${B}:key/22222222-2222-2222-2222-222222222222`;
const TOKYO = `arn:aws:s3:::example-s3mr-data-${A}-ap-northeast-1`;
const OSAKA = `arn:aws:s3:::example-s3mr-data-${A}-ap-northeast-3`;
const REPLICA = DEST_OUTPUTS.replicaBucketArn;
const REPLICATION = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";

/**
 * The rule every edge carries (as in the mesh's own tests), plus the KMS pair when its source is SSE-KMS.
 * The example destination is a backup: its rules leave delete markers behind.
 */
function rule(id: string, priority: number, to: string, replicaKey?: string, account?: string) {
    return {
        id,
        priority,
        status: "Enabled",
        filter: {},
        deleteMarkerReplication: { status: account ? "Disabled" : "Enabled" },
        sourceSelectionCriteria: {
            replicaModifications: { status: "Enabled" },
            ...(replicaKey ? { sseKmsEncryptedObjects: { status: "Enabled" } } : {}),
        },
        destination: {
            bucket: to,
            ...(account ? { account, accessControlTranslation: { owner: "Destination" } } : {}),
            ...(replicaKey ? { encryptionConfiguration: { replicaKmsKeyId: replicaKey } } : {}),
            replicationTime: { status: "Enabled", time: { minutes: 15 } },
            metrics: { status: "Enabled", eventThreshold: { minutes: 15 } },
        },
    };
}

/** A KMS statement as the role must carry it: S3 in the key's region, the bucket's encryption context. */
function kmsStatement(sid: string, action: string[], key: string, region: string, bucket: string) {
    return {
        Sid: sid,
        Effect: "Allow",
        Action: action,
        Resource: [key],
        Condition: {
            StringEquals: { "kms:ViaService": `s3.${region}.amazonaws.com` },
            StringLike: { "kms:EncryptionContext:aws:s3:arn": [bucket, `${bucket}/*`] },
        },
    };
}

async function hub(
    overrides: Record<string, string | undefined>,
    osaka: Record<string, unknown>,
    dest: Record<string, unknown>,
) {
    const rec = await installMocks({
        stack: "tokyo",
        accountId: A,
        region: "ap-northeast-1",
        peers: {
            osaka: { ...secondaryOutputs("ap-northeast-3"), ...osaka },
            "dest-account": { ...DEST_OUTPUTS, ...dest },
        },
    });
    const outputs = (await valueOf(
        primaryStack(stackConfig<PrimaryConfig>("tokyo", { [`${P}networkEnabled`]: "false", ...overrides })),
    )) as Record<string, unknown>;
    await settle();
    return { rec, outputs };
}

const rulesOf = (rec: ResourceRecorder, region: string) => rec.one(REPLICATION, `replication-${region}`).inputs.rules;
const roleStatements = (rec: ResourceRecorder) =>
    JSON.parse(rec.one("aws:iam/rolePolicy:RolePolicy", "replication-role-permissions").inputs.policy).Statement;

describe("SSE-KMS on replicating buckets", () => {
    it("keys on tokyo, osaka and the replica bucket: every rule opts in with its destination's key; the role decrypts and encrypts with exactly those keys", async () => {
        const { rec, outputs } = await hub(
            { [`${P}kmsKeyArn`]: TOKYO_KEY },
            { kmsKeyArn: OSAKA_KEY },
            { kmsKeyArn: REPLICA_KEY, sourceKmsKeyArn: TOKYO_KEY },
        );
        assert.deepEqual(rulesOf(rec, "ap-northeast-1"), [
            rule("to-ap-northeast-3", 1, OSAKA, OSAKA_KEY),
            rule(`to-account-${B}`, 2, REPLICA, REPLICA_KEY, B),
        ]);
        assert.deepEqual(rulesOf(rec, "ap-northeast-3"), [
            rule("to-ap-northeast-1", 1, TOKYO, TOKYO_KEY),
            rule(`to-account-${B}`, 2, REPLICA, REPLICA_KEY, B),
        ]);
        const statements = roleStatements(rec);
        // The four S3 statements are unchanged; the KMS ones follow, one per key and bucket.
        assert.deepEqual(
            statements.slice(0, 4).map((s: { Sid: string }) => s.Sid),
            [
                "ReadSourceReplicationConfiguration",
                "ReadSourceObjectVersions",
                "ReplicateToRegionalBuckets",
                "ReplicateToDestinationAccount",
            ],
        );
        assert.deepEqual(statements.slice(4), [
            kmsStatement("DecryptSourceObjectsApNortheast1", ["kms:Decrypt"], TOKYO_KEY, "ap-northeast-1", TOKYO),
            kmsStatement("DecryptSourceObjectsApNortheast3", ["kms:Decrypt"], OSAKA_KEY, "ap-northeast-3", OSAKA),
            kmsStatement(
                "EncryptReplicasApNortheast1",
                ["kms:Encrypt", "kms:Decrypt"],
                TOKYO_KEY,
                "ap-northeast-1",
                TOKYO,
            ),
            kmsStatement(
                "EncryptReplicasApNortheast3",
                ["kms:Encrypt", "kms:Decrypt"],
                OSAKA_KEY,
                "ap-northeast-3",
                OSAKA,
            ),
            kmsStatement(
                `EncryptReplicasInAccount${B}`,
                ["kms:Encrypt", "kms:Decrypt"],
                REPLICA_KEY,
                "ap-northeast-1",
                REPLICA,
            ),
        ]);
        assert.ok(!JSON.stringify(statements.slice(4)).includes('"*"'), "no wildcard key");
        assert.equal(outputs.kmsKeyArn, TOKYO_KEY);
        // The hub's bucket encrypts with its own key, under an S3 Bucket Key (what the encryption context above relies on).
        assert.deepEqual(
            rec.one(
                "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
                "data-encryption",
            ).inputs.rules,
            [
                {
                    applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: TOKYO_KEY },
                    bucketKeyEnabled: true,
                },
            ],
        );
    });

    it("keys on both regional buckets, no replication to account B: no account rule, no grant on account B's key", async () => {
        const { rec } = await hub(
            { [`${P}kmsKeyArn`]: TOKYO_KEY, [`${P}replicateToDestination`]: "false" },
            { kmsKeyArn: OSAKA_KEY },
            { sourceKmsKeyArn: TOKYO_KEY },
        );
        assert.deepEqual(rulesOf(rec, "ap-northeast-1"), [rule("to-ap-northeast-3", 1, OSAKA, OSAKA_KEY)]);
        assert.deepEqual(rulesOf(rec, "ap-northeast-3"), [rule("to-ap-northeast-1", 1, TOKYO, TOKYO_KEY)]);
        assert.deepEqual(
            roleStatements(rec)
                .map((s: { Sid: string }) => s.Sid)
                .filter((sid: string) => /Decrypt|Encrypt/.test(sid)),
            [
                "DecryptSourceObjectsApNortheast1",
                "DecryptSourceObjectsApNortheast3",
                "EncryptReplicasApNortheast1",
                "EncryptReplicasApNortheast3",
            ],
        );
    });

    it("a key on the replica bucket only: rules and role exactly as with SSE-S3 (replicas of SSE-S3 objects stay SSE-S3)", async () => {
        const { rec, outputs } = await hub({}, {}, { kmsKeyArn: REPLICA_KEY });
        assert.deepEqual(rulesOf(rec, "ap-northeast-1"), [
            rule("to-ap-northeast-3", 1, OSAKA),
            rule(`to-account-${B}`, 2, REPLICA, undefined, B),
        ]);
        assert.deepEqual(rulesOf(rec, "ap-northeast-3"), [
            rule("to-ap-northeast-1", 1, TOKYO),
            rule(`to-account-${B}`, 2, REPLICA, undefined, B),
        ]);
        assert.deepEqual(
            roleStatements(rec).map((s: { Sid: string }) => s.Sid),
            [
                "ReadSourceReplicationConfiguration",
                "ReadSourceObjectVersions",
                "ReplicateToRegionalBuckets",
                "ReplicateToDestinationAccount",
            ],
        );
        assert.equal("kmsKeyArn" in outputs, false);
    });

    describe("keys that cannot replicate are refused with one line naming the config key", () => {
        const keys = (
            tokyo?: string,
            osaka?: string,
            replica?: string,
            batchCopy?: string,
            replicate = true,
        ): MeshKeys => ({
            regional: [
                { stack: "tokyo", region: "ap-northeast-1", bucketArn: TOKYO, kmsKeyArn: tokyo },
                { stack: "osaka", region: "ap-northeast-3", bucketArn: OSAKA, kmsKeyArn: osaka },
            ],
            destination: replicate
                ? {
                      stack: "dest-account",
                      region: "ap-northeast-1",
                      bucketArn: REPLICA,
                      kmsKeyArn: replica,
                      accountId: B,
                  }
                : undefined,
            batchCopy: {
                destinationStack: "dest-account",
                sourceKmsKeyArn: batchCopy,
                hubStack: "tokyo",
                hubKmsKeyArn: tokyo,
            },
        });
        const why =
            "(S3 replicates SSE-KMS objects only with a replica key in each destination's region, so once one regional bucket has a key every bucket of the mesh needs one)";
        const table: [string, MeshKeys, { key: string; message: string } | undefined][] = [
            ["SSE-S3 everywhere", keys(), undefined],
            ["a key on the replica bucket only", keys(undefined, undefined, REPLICA_KEY), undefined],
            ["keys everywhere", keys(TOKYO_KEY, OSAKA_KEY, REPLICA_KEY, TOKYO_KEY), undefined],
            [
                "regional keys, no replication to account B",
                keys(TOKYO_KEY, OSAKA_KEY, undefined, TOKYO_KEY, false),
                undefined,
            ],
            [
                "a key on tokyo only",
                keys(TOKYO_KEY, undefined, REPLICA_KEY, TOKYO_KEY),
                {
                    key: `${P}kmsKeyArn`,
                    message: `config ${P}kmsKeyArn is not set on stack osaka (ap-northeast-3); allowed: a KMS key ARN in ap-northeast-3 there, because stack tokyo (ap-northeast-1) is SSE-KMS and replicates to it ${why}`,
                },
            ],
            [
                "a key on osaka only",
                keys(undefined, OSAKA_KEY, REPLICA_KEY),
                {
                    key: `${P}kmsKeyArn`,
                    message: `config ${P}kmsKeyArn is not set on stack tokyo (ap-northeast-1); allowed: a KMS key ARN in ap-northeast-1 there, because stack osaka (ap-northeast-3) is SSE-KMS and replicates to it ${why}`,
                },
            ],
            [
                "regional keys, none on the replica bucket",
                keys(TOKYO_KEY, OSAKA_KEY, undefined, TOKYO_KEY),
                {
                    key: `${P}kmsKeyArn`,
                    message: `config ${P}kmsKeyArn is not set on stack dest-account (account ${B}, ap-northeast-1); allowed: a KMS key ARN in ap-northeast-1 there, because stack tokyo (ap-northeast-1) is SSE-KMS and replicates to it ${why}`,
                },
            ],
            [
                "a peer whose key is in another region than its bucket",
                keys(TOKYO_KEY, OSAKA_KEY.replace("ap-northeast-3", "ap-northeast-1"), REPLICA_KEY, TOKYO_KEY),
                {
                    key: `${P}kmsKeyArn`,
                    message: `config ${P}kmsKeyArn: stack osaka (ap-northeast-3) has a KMS key in ap-northeast-1; S3 needs the bucket's key in the bucket's region ap-northeast-3`,
                },
            ],
            [
                "a hub key the batch copy role is not granted",
                keys(TOKYO_KEY, OSAKA_KEY, REPLICA_KEY),
                {
                    key: `${P}sourceKmsKeyArn`,
                    message: `config ${P}sourceKmsKeyArn is not set on stack dest-account; allowed: ${TOKYO_KEY}, stack tokyo's kmsKeyArn, so the batch copy role can decrypt the objects it copies`,
                },
            ],
            [
                "a batch copy grant on a hub that has no key",
                keys(undefined, undefined, undefined, TOKYO_KEY),
                {
                    key: `${P}sourceKmsKeyArn`,
                    message: `config ${P}sourceKmsKeyArn = "${TOKYO_KEY}" on stack dest-account; allowed: unset, since the hub bucket is SSE-S3`,
                },
            ],
        ];
        for (const [what, input, expected] of table) {
            it(what, () => {
                const error = meshKeysError(input);
                assert.deepEqual(
                    error && { name: error.name, key: error.key, message: error.message },
                    expected && { name: "ConfigError", ...expected },
                );
            });
        }

        it("end to end: the offline plan stops tokyo with that line when only tokyo has a key", async function () {
            this.timeout(120000);
            const plans = await evaluatePlan({
                projectDir: PROJECT_DIR,
                overrides: {
                    tokyo: { [`${P}kmsKeyArn`]: TOKYO_KEY },
                    "dest-account": { [`${P}sourceKmsKeyArn`]: TOKYO_KEY },
                },
            });
            assert.deepEqual(
                plans.map((p) => [p.stack, p.ok]),
                [
                    ["osaka", true],
                    ["dest-account", true],
                    ["tokyo", false],
                ],
            );
            assert.deepEqual(plans[2].error, {
                kind: "config",
                message: `config ${P}kmsKeyArn is not set on stack osaka (ap-northeast-3); allowed: a KMS key ARN in ap-northeast-3 there, because stack tokyo (ap-northeast-1) is SSE-KMS and replicates to it ${why}`,
            });
        });
    });

    it("secondary and destination export their keys only when set; the batch copy role may decrypt the hub bucket's objects with exactly the hub key", async () => {
        const rec = await installMocks({ stack: "osaka", accountId: A, region: "ap-northeast-3" });
        const osaka = await valueOf(
            secondaryStack(stackConfig<SecondaryConfig>("osaka", { [`${P}kmsKeyArn`]: OSAKA_KEY })),
        );
        await settle();
        assert.equal(osaka.kmsKeyArn, OSAKA_KEY);
        assert.equal(
            rec.one(
                "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
                "data-encryption",
            ).inputs.rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId,
            OSAKA_KEY,
        );

        const destRec = await installMocks({ stack: "dest-account", accountId: B, region: "ap-northeast-1" });
        const dest = await valueOf(
            destinationStack(
                stackConfig<DestinationConfig>("dest-account", {
                    [`${P}kmsKeyArn`]: REPLICA_KEY,
                    [`${P}sourceKmsKeyArn`]: TOKYO_KEY,
                }),
            ),
        );
        await settle();
        assert.deepEqual(
            { kmsKeyArn: dest.kmsKeyArn, sourceKmsKeyArn: dest.sourceKmsKeyArn },
            { kmsKeyArn: REPLICA_KEY, sourceKmsKeyArn: TOKYO_KEY },
        );
        const copy = JSON.parse(
            destRec.one("aws:iam/rolePolicy:RolePolicy", "batch-copy-role-permissions").inputs.policy,
        ).Statement;
        assert.deepEqual(
            copy.filter((s: { Sid: string }) => /crypt/.test(s.Sid)),
            [
                kmsStatement("DecryptSourceObjects", ["kms:Decrypt"], TOKYO_KEY, "ap-northeast-1", TOKYO),
                {
                    Sid: "EncryptTargetObjects",
                    Effect: "Allow",
                    Action: ["kms:GenerateDataKey", "kms:Decrypt"],
                    Resource: [REPLICA_KEY],
                },
            ],
        );

        await installMocks({ stack: "dest-account", accountId: B, region: "ap-northeast-1" });
        const plain = await valueOf(destinationStack(stackConfig<DestinationConfig>("dest-account")));
        await settle();
        assert.deepEqual(
            ["kmsKeyArn", "sourceKmsKeyArn"].filter((k) => k in plain),
            [],
        );
    });
});
