// The hub's view of the mesh's keys on their own: the record checkedMeshKeys resolves (or its one-line refusal), and
// the replication role's KMS grants replicationKmsKeys derives from it.
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError } from "../../config/configReader";
import { checkedMeshKeys, MeshKeys, MeshMember, replicationKmsKeys } from "../../stacks/meshKeys";
import { installMocks, settle, valueOf } from "../../verifier/mockRuntime";
import { ACCOUNT_A as A, ACCOUNT_B as B } from "../support/peerOutputs";

const TOKYO_KEY = `arn:aws:kms:ap-northeast-1:${A}:key/11111111-1111-1111-1111-111111111111`;
const OSAKA_KEY = `arn:aws:kms:ap-northeast-3:${A}:key/33333333-3333-3333-3333-333333333333`;
const REPLICA_KEY = `arn:aws:kms:ap-northeast-1:${B}:key/22222222-2222-2222-2222-222222222222`;
const TOKYO = `arn:aws:s3:::example-s3mr-data-${A}-ap-northeast-1`;
const OSAKA = `arn:aws:s3:::example-s3mr-data-${A}-ap-northeast-3`;
const REPLICA = `arn:aws:s3:::example-s3mr-replica-${B}-ap-northeast-1`;

function member(stack: string, region: string, arn: string, key: string | undefined): MeshMember {
    return {
        stack,
        region,
        bucketName: pulumi.output(arn.replace("arn:aws:s3:::", "")),
        bucketArn: pulumi.output(arn),
        kmsKeyArn: pulumi.output(key),
    };
}

const hub = (over: { kmsKeyArn?: string; replicateToDestination?: boolean } = {}) => ({
    stack: "tokyo",
    kmsKeyArn: TOKYO_KEY,
    destinationStack: "dest-account",
    replicateToDestination: true,
    destinationAccountId: B,
    ...over,
});

const destination = (kmsKeyArn: string | undefined, sourceKmsKeyArn: string | undefined) => ({
    region: pulumi.output("ap-northeast-1"),
    replicaBucketArn: pulumi.output(REPLICA),
    kmsKeyArn: pulumi.output(kmsKeyArn),
    sourceKmsKeyArn: pulumi.output(sourceKmsKeyArn),
});

describe("checkedMeshKeys: every bucket's key, resolved and checked together", () => {
    beforeEach(() => installMocks({ stack: "tokyo", accountId: A, region: "ap-northeast-1" }));
    afterEach(() => settle());

    it("keys that fit: the hub and secondaries in order, account B's replica and the batch copy pair", async () => {
        const keys = await valueOf(
            checkedMeshKeys(
                hub(),
                [
                    member("tokyo", "ap-northeast-1", TOKYO, TOKYO_KEY),
                    member("osaka", "ap-northeast-3", OSAKA, OSAKA_KEY),
                ],
                destination(REPLICA_KEY, TOKYO_KEY),
            ),
        );
        assert.deepEqual(keys, {
            regional: [
                { stack: "tokyo", region: "ap-northeast-1", bucketArn: TOKYO, kmsKeyArn: TOKYO_KEY },
                { stack: "osaka", region: "ap-northeast-3", bucketArn: OSAKA, kmsKeyArn: OSAKA_KEY },
            ],
            destination: {
                stack: "dest-account",
                region: "ap-northeast-1",
                bucketArn: REPLICA,
                kmsKeyArn: REPLICA_KEY,
                accountId: B,
            },
            batchCopy: {
                destinationStack: "dest-account",
                sourceKmsKeyArn: TOKYO_KEY,
                hubStack: "tokyo",
                hubKmsKeyArn: TOKYO_KEY,
            },
        } satisfies MeshKeys);
    });

    it("a hub that does not replicate to account B leaves its replica and batch copy out, even with the peer known", async () => {
        const keys = await valueOf(
            checkedMeshKeys(
                hub({ kmsKeyArn: undefined, replicateToDestination: false }),
                [member("tokyo", "ap-northeast-1", TOKYO, undefined)],
                destination(undefined, TOKYO_KEY),
            ),
        );
        assert.deepEqual(keys, {
            regional: [{ stack: "tokyo", region: "ap-northeast-1", bucketArn: TOKYO, kmsKeyArn: undefined }],
        });
    });

    it("keys that do not fit fail the Output with meshKeysError's one line", async () => {
        await assert.rejects(
            valueOf(
                checkedMeshKeys(
                    hub(),
                    [
                        member("tokyo", "ap-northeast-1", TOKYO, TOKYO_KEY),
                        member("osaka", "ap-northeast-3", OSAKA, undefined),
                    ],
                    destination(REPLICA_KEY, TOKYO_KEY),
                ),
            ),
            (e: unknown) =>
                e instanceof ConfigError &&
                e.key === "s3-multiregion:kmsKeyArn" &&
                e.message.startsWith(
                    "config s3-multiregion:kmsKeyArn is not set on stack osaka (ap-northeast-3); allowed: a KMS key ARN in ap-northeast-3 there, because stack tokyo (ap-northeast-1) is SSE-KMS",
                ),
        );
        // The batch copy pair alone decides too.
        await assert.rejects(
            valueOf(
                checkedMeshKeys(
                    hub(),
                    [member("tokyo", "ap-northeast-1", TOKYO, TOKYO_KEY)],
                    destination(REPLICA_KEY, undefined),
                ),
            ),
            /^ConfigError: config s3-multiregion:sourceKmsKeyArn is not set on stack dest-account; allowed: /,
        );
    });
});

describe("replicationKmsKeys: the replication role's KMS grants", () => {
    const tokyo = { stack: "tokyo", region: "ap-northeast-1", bucketArn: TOKYO, kmsKeyArn: TOKYO_KEY };
    const osaka = { stack: "osaka", region: "ap-northeast-3", bucketArn: OSAKA, kmsKeyArn: OSAKA_KEY };
    const replica = { stack: "dest-account", region: "ap-northeast-1", bucketArn: REPLICA, accountId: B };

    it("decrypt with every regional key; encrypt with every keyed destination's, account B's with its account", () => {
        assert.deepEqual(
            replicationKmsKeys({ regional: [tokyo, osaka], destination: { ...replica, kmsKeyArn: REPLICA_KEY } }),
            {
                sourceKmsKeys: [
                    { keyArn: TOKYO_KEY, bucketArn: TOKYO },
                    { keyArn: OSAKA_KEY, bucketArn: OSAKA },
                ],
                replicaKmsKeys: [
                    { keyArn: TOKYO_KEY, bucketArn: TOKYO },
                    { keyArn: OSAKA_KEY, bucketArn: OSAKA },
                    { keyArn: REPLICA_KEY, bucketArn: REPLICA, accountId: B },
                ],
            },
        );
    });

    it("a bucket without a key gets no encrypt grant; without account B only the regional ones", () => {
        assert.deepEqual(replicationKmsKeys({ regional: [tokyo, osaka], destination: replica }).replicaKmsKeys, [
            { keyArn: TOKYO_KEY, bucketArn: TOKYO },
            { keyArn: OSAKA_KEY, bucketArn: OSAKA },
        ]);
        assert.deepEqual(replicationKmsKeys({ regional: [tokyo, osaka] }).replicaKmsKeys, [
            { keyArn: TOKYO_KEY, bucketArn: TOKYO },
            { keyArn: OSAKA_KEY, bucketArn: OSAKA },
        ]);
    });

    it("no regional key: nothing to grant, even with a key on account B's bucket (replicas of SSE-S3 objects stay SSE-S3)", () => {
        const plain = (b: typeof tokyo) => ({ ...b, kmsKeyArn: undefined });
        assert.deepEqual(
            replicationKmsKeys({
                regional: [plain(tokyo), plain(osaka)],
                destination: { ...replica, kmsKeyArn: REPLICA_KEY },
            }),
            { sourceKmsKeys: [], replicaKmsKeys: [] },
        );
    });
});
