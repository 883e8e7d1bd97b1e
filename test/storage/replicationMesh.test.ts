// ReplicationMesh under mocks: every configuration's exact rules, its region, its role and what it waits for.
import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    meshEdges,
    ReplicationMesh,
    replicationRule,
    validateReplicationMeshArgs,
} from "../../components/storage/replicationMesh";
import { meshEncryptionProblem } from "../../components/storage/meshEncryption";
import { installMocks, ResourceRecorder, settle, valueOf } from "../../verifier/mockRuntime";

const TYPE = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";
const ROLE = "arn:aws:iam::111111111111:role/acme-replication";
const bucket = (region: string, account = "111111111111") => ({
    name: `acme-data-${account}-${region}`,
    arn: `arn:aws:s3:::acme-data-${account}-${region}`,
});
const TOKYO = bucket("ap-northeast-1");
const OSAKA = bucket("ap-northeast-3");
const REPLICA = {
    name: "acme-replica-222222222222-ap-northeast-1",
    arn: "arn:aws:s3:::acme-replica-222222222222-ap-northeast-1",
};

/** The full V2 rule every edge must carry; the cross-account one adds account and owner override. */
function expectedRule(id: string, priority: number, destinationArn: string, account?: string) {
    return {
        id,
        priority,
        status: "Enabled",
        filter: {},
        deleteMarkerReplication: { status: "Enabled" },
        sourceSelectionCriteria: { replicaModifications: { status: "Enabled" } },
        destination: {
            bucket: destinationArn,
            ...(account ? { account, accessControlTranslation: { owner: "Destination" } } : {}),
            replicationTime: { status: "Enabled", time: { minutes: 15 } },
            metrics: { status: "Enabled", eventThreshold: { minutes: 15 } },
        },
    };
}

describe("ReplicationMesh", () => {
    let rec: ResourceRecorder;
    beforeEach(async () => {
        rec = await installMocks({ stack: "test", accountId: "111111111111", region: "ap-northeast-1" });
    });

    it("two regions: bidirectional rules plus each bucket to the destination account, each configuration in its bucket's region", async () => {
        const versioning = new aws.s3.BucketVersioning("tokyo-versioning", {
            bucket: TOKYO.name,
            versioningConfiguration: { status: "Enabled" },
        });
        const rolePolicy = new aws.iam.RolePolicy("role-policy", { role: "acme-replication", policy: "{}" });
        const mesh = new ReplicationMesh("replication", {
            roleArn: ROLE,
            buckets: [
                { region: "ap-northeast-1", bucketName: TOKYO.name, bucketArn: TOKYO.arn, versioning },
                { region: "ap-northeast-3", bucketName: OSAKA.name, bucketArn: OSAKA.arn },
            ],
            destinationAccount: { accountId: "222222222222", bucketName: REPLICA.name, bucketArn: REPLICA.arn },
            dependsOn: [rolePolicy],
        });
        await valueOf(mesh.urn);
        await settle();

        const component = rec.one("s3-multiregion:storage:ReplicationMesh", "replication");
        const configs = rec.ofType(TYPE);
        assert.deepEqual(
            configs.map((c) => ({ name: c.name, parent: c.parent })),
            [
                { name: "replication-ap-northeast-1", parent: component.urn },
                { name: "replication-ap-northeast-3", parent: component.urn },
            ],
        );
        const tokyo = rec.one(TYPE, "replication-ap-northeast-1");
        const osaka = rec.one(TYPE, "replication-ap-northeast-3");
        assert.deepEqual(tokyo.inputs, {
            bucket: TOKYO.name,
            region: "ap-northeast-1",
            role: ROLE,
            rules: [
                expectedRule("to-ap-northeast-3", 1, OSAKA.arn),
                expectedRule("to-account-222222222222", 2, REPLICA.arn, "222222222222"),
            ],
        });
        assert.deepEqual(osaka.inputs, {
            bucket: OSAKA.name,
            region: "ap-northeast-3",
            role: ROLE,
            rules: [
                expectedRule("to-ap-northeast-1", 1, TOKYO.arn),
                expectedRule("to-account-222222222222", 2, REPLICA.arn, "222222222222"),
            ],
        });

        // Versioning of the hub bucket (a source of one, a destination of the other) and the role's
        // permissions come first for BOTH configurations.
        const versioningUrn = rec.one("aws:s3/bucketVersioning:BucketVersioning", "tokyo-versioning").urn;
        const policyUrn = rec.one("aws:iam/rolePolicy:RolePolicy", "role-policy").urn;
        for (const c of [tokyo, osaka]) {
            assert.ok(c.dependencies.includes(versioningUrn), `${c.name} waits for versioning`);
            assert.ok(c.dependencies.includes(policyUrn), `${c.name} waits for the role policy`);
        }
        assert.equal(mesh.hubConfiguration, mesh.configurations[0]);
        assert.equal(await valueOf(mesh.hubConfiguration.bucket), TOKYO.name);
    });

    it("without a destination account: only the regional rules", async () => {
        const mesh = new ReplicationMesh("replication", {
            roleArn: ROLE,
            buckets: [
                { region: "ap-northeast-1", bucketName: TOKYO.name, bucketArn: TOKYO.arn },
                { region: "ap-northeast-3", bucketName: OSAKA.name, bucketArn: OSAKA.arn },
            ],
        });
        await valueOf(mesh.urn);
        await settle();
        assert.deepEqual(rec.one(TYPE, "replication-ap-northeast-1").inputs.rules, [
            expectedRule("to-ap-northeast-3", 1, OSAKA.arn),
        ]);
        assert.deepEqual(rec.one(TYPE, "replication-ap-northeast-3").inputs.rules, [
            expectedRule("to-ap-northeast-1", 1, TOKYO.arn),
        ]);
    });

    it("three regions: a full mesh, every bucket to each other one and to the destination account", () => {
        const edges = meshEdges(["ap-northeast-1", "ap-northeast-3", "ap-southeast-1"], "222222222222");
        assert.deepEqual(
            edges.map((e) => [e.sourceRegion, e.ruleId, e.priority]),
            [
                ["ap-northeast-1", "to-ap-northeast-3", 1],
                ["ap-northeast-1", "to-ap-southeast-1", 2],
                ["ap-northeast-1", "to-account-222222222222", 3],
                ["ap-northeast-3", "to-ap-northeast-1", 1],
                ["ap-northeast-3", "to-ap-southeast-1", 2],
                ["ap-northeast-3", "to-account-222222222222", 3],
                ["ap-southeast-1", "to-ap-northeast-1", 1],
                ["ap-southeast-1", "to-ap-northeast-3", 2],
                ["ap-southeast-1", "to-account-222222222222", 3],
            ],
        );
        assert.deepEqual(
            replicationRule(edges[2], REPLICA.arn),
            expectedRule("to-account-222222222222", 3, REPLICA.arn, "222222222222"),
        );
    });

    it("refuses a mesh that cannot work, and declares nothing then", async () => {
        const b = (region: string) => ({ region, bucketName: "x", bucketArn: "arn:aws:s3:::x" });
        const table: [Parameters<typeof validateReplicationMeshArgs>[0], string | undefined][] = [
            [{ buckets: [b("ap-northeast-1"), b("ap-northeast-3")] }, undefined],
            [{ buckets: [b("ap-northeast-1")] }, "a replication mesh needs at least two regional buckets, got 1"],
            [
                { buckets: [b("ap-northeast-1"), b("ap-northeast-1")] },
                "one bucket per region, got ap-northeast-1, ap-northeast-1",
            ],
            [{ buckets: [b("ap-northeast-1"), b("Osaka")] }, '"Osaka" is not an AWS region code'],
            [
                {
                    buckets: [b("ap-northeast-1"), b("ap-northeast-3")],
                    destinationAccount: { accountId: "2222", bucketName: "r", bucketArn: "arn:aws:s3:::r" },
                },
                "destination account must be a 12-digit account id, got 2222",
            ],
        ];
        for (const [args, expected] of table) assert.equal(validateReplicationMeshArgs(args), expected);
        assert.throws(
            () => new ReplicationMesh("bad", { roleArn: ROLE, buckets: [b("ap-northeast-1")] }),
            /^Error: bad: a replication mesh needs at least two regional buckets, got 1$/,
        );
        await settle();
        assert.deepEqual(rec.resources, []);
    });

    describe("SSE-KMS", () => {
        const TOKYO_KEY = "arn:aws:kms:ap-northeast-1:111111111111:key/11111111-1111-1111-1111-111111111111";
        const OSAKA_KEY = "arn:aws:kms:ap-northeast-3:111111111111:key/33333333-3333-3333-3333-333333333333";
        const REPLICA_KEY = "arn:aws:kms:ap-northeast-1:222222222222:key/22222222-2222-2222-2222-222222222222";
        /** expectedRule plus the pair S3 wants together: the opt-in and the replica key. */
        const kmsRule = (id: string, priority: number, to: string, key: string, account?: string) => {
            const r = expectedRule(id, priority, to, account);
            return {
                ...r,
                sourceSelectionCriteria: {
                    ...r.sourceSelectionCriteria,
                    sseKmsEncryptedObjects: { status: "Enabled" },
                },
                destination: { ...r.destination, encryptionConfiguration: { replicaKmsKeyId: key } },
            };
        };

        it("SSE-KMS sources opt in and name each destination's key; rule ids, priorities and order unchanged", async () => {
            const mesh = new ReplicationMesh("replication", {
                roleArn: ROLE,
                buckets: [
                    { region: "ap-northeast-1", bucketName: TOKYO.name, bucketArn: TOKYO.arn, kmsKeyArn: TOKYO_KEY },
                    // A peer's key arrives as an Output: the rules wait for it.
                    {
                        region: "ap-northeast-3",
                        bucketName: OSAKA.name,
                        bucketArn: OSAKA.arn,
                        kmsKeyArn: pulumi.output(OSAKA_KEY),
                    },
                ],
                destinationAccount: {
                    accountId: "222222222222",
                    bucketName: REPLICA.name,
                    bucketArn: REPLICA.arn,
                    kmsKeyArn: REPLICA_KEY,
                },
            });
            await valueOf(mesh.urn);
            await settle();
            assert.deepEqual(rec.one(TYPE, "replication-ap-northeast-1").inputs.rules, [
                kmsRule("to-ap-northeast-3", 1, OSAKA.arn, OSAKA_KEY),
                kmsRule("to-account-222222222222", 2, REPLICA.arn, REPLICA_KEY, "222222222222"),
            ]);
            assert.deepEqual(rec.one(TYPE, "replication-ap-northeast-3").inputs.rules, [
                kmsRule("to-ap-northeast-1", 1, TOKYO.arn, TOKYO_KEY),
                kmsRule("to-account-222222222222", 2, REPLICA.arn, REPLICA_KEY, "222222222222"),
            ]);
        });

        it("a key on the destination account's bucket alone changes no rule: S3 refuses a replica key without the opt-in", async () => {
            const mesh = new ReplicationMesh("replication", {
                roleArn: ROLE,
                buckets: [
                    { region: "ap-northeast-1", bucketName: TOKYO.name, bucketArn: TOKYO.arn },
                    {
                        region: "ap-northeast-3",
                        bucketName: OSAKA.name,
                        bucketArn: OSAKA.arn,
                        kmsKeyArn: pulumi.output(undefined),
                    },
                ],
                destinationAccount: {
                    accountId: "222222222222",
                    bucketName: REPLICA.name,
                    bucketArn: REPLICA.arn,
                    kmsKeyArn: REPLICA_KEY,
                },
            });
            await valueOf(mesh.urn);
            await settle();
            assert.deepEqual(rec.one(TYPE, "replication-ap-northeast-1").inputs.rules, [
                expectedRule("to-ap-northeast-3", 1, OSAKA.arn),
                expectedRule("to-account-222222222222", 2, REPLICA.arn, "222222222222"),
            ]);
            assert.deepEqual(
                replicationRule(meshEdges(["ap-northeast-1", "ap-northeast-3"])[0], OSAKA.arn),
                expectedRule("to-ap-northeast-3", 1, OSAKA.arn),
            );
        });

        it("refuses keys that cannot replicate, synchronously for plain keys, and declares nothing then", async () => {
            const b = (region: string, kmsKeyArn?: string) => ({ name: `the bucket in ${region}`, region, kmsKeyArn });
            const table: [Parameters<typeof meshEncryptionProblem>, string | undefined][] = [
                [[[b("ap-northeast-1"), b("ap-northeast-3")]], undefined],
                [
                    [
                        [b("ap-northeast-1", TOKYO_KEY), b("ap-northeast-3", OSAKA_KEY)],
                        { name: "B", kmsKeyArn: REPLICA_KEY },
                    ],
                    undefined,
                ],
                [[[b("ap-northeast-1"), b("ap-northeast-3")], { name: "B", kmsKeyArn: REPLICA_KEY }], undefined],
                [
                    [[b("ap-northeast-1", TOKYO_KEY), b("ap-northeast-3")]],
                    "the bucket in ap-northeast-3 has no KMS key, but the bucket in ap-northeast-1 is SSE-KMS and replicates to it; S3 replicates SSE-KMS objects only with a replica key in each destination's region, so every bucket of the mesh needs a key once one has",
                ],
                [
                    [[b("ap-northeast-1", TOKYO_KEY), b("ap-northeast-3", OSAKA_KEY)], { name: "B" }],
                    "B has no KMS key, but the bucket in ap-northeast-1 is SSE-KMS and replicates to it; S3 replicates SSE-KMS objects only with a replica key in each destination's region, so every bucket of the mesh needs a key once one has",
                ],
                [
                    [[b("ap-northeast-1", OSAKA_KEY), b("ap-northeast-3", OSAKA_KEY)]],
                    "the bucket in ap-northeast-1 has a KMS key in ap-northeast-3; S3 needs the bucket's key in the bucket's region ap-northeast-1",
                ],
                [
                    [[b("ap-northeast-1", "alias/data"), b("ap-northeast-3", OSAKA_KEY)]],
                    "the bucket in ap-northeast-1 has alias/data, which is not a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key-id>)",
                ],
            ];
            for (const [args, expected] of table) assert.equal(meshEncryptionProblem(...args), expected);

            const buckets = [
                { region: "ap-northeast-1", bucketName: TOKYO.name, bucketArn: TOKYO.arn, kmsKeyArn: TOKYO_KEY },
                { region: "ap-northeast-3", bucketName: OSAKA.name, bucketArn: OSAKA.arn },
            ];
            assert.throws(
                () => new ReplicationMesh("bad", { roleArn: ROLE, buckets }),
                /^Error: bad: the bucket in ap-northeast-3 has no KMS key, but the bucket in ap-northeast-1 is SSE-KMS/,
            );
            await settle();
            assert.deepEqual(rec.resources, []);
        });
    });
});
