// ReplicationMesh under mocks: every configuration's exact rules, its region, its role and what it waits for.
import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { meshEdges, ReplicationMesh, replicationRule, validateReplicationMeshArgs } from "../../components/storage/replicationMesh";
import { installMocks, ResourceRecorder, settle, valueOf } from "../../tools/offline/mockRuntime";

const TYPE = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";
const ROLE = "arn:aws:iam::111111111111:role/acme-replication";
const bucket = (region: string, account = "111111111111") => ({ name: `acme-data-${account}-${region}`, arn: `arn:aws:s3:::acme-data-${account}-${region}` });
const TOKYO = bucket("ap-northeast-1");
const OSAKA = bucket("ap-northeast-3");
const REPLICA = { name: "acme-replica-222222222222-ap-northeast-1", arn: "arn:aws:s3:::acme-replica-222222222222-ap-northeast-1" };

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
        const versioning = new aws.s3.BucketVersioning("tokyo-versioning", { bucket: TOKYO.name, versioningConfiguration: { status: "Enabled" } });
        const rolePolicy = new aws.iam.RolePolicy("role-policy", { role: "acme-replication", policy: "{}" });
        const mesh = new ReplicationMesh(
            "replication",
            {
                roleArn: ROLE,
                buckets: [
                    { region: "ap-northeast-1", bucketName: TOKYO.name, bucketArn: TOKYO.arn, versioning },
                    { region: "ap-northeast-3", bucketName: OSAKA.name, bucketArn: OSAKA.arn },
                ],
                destinationAccount: { accountId: "222222222222", bucketName: REPLICA.name, bucketArn: REPLICA.arn },
                dependsOn: [rolePolicy],
            },
        );
        await valueOf(mesh.urn);
        await settle();

        const component = rec.one("s3-multiregion:storage:ReplicationMesh", "replication");
        const configs = rec.ofType(TYPE);
        assert.deepEqual(configs.map((c) => ({ name: c.name, parent: c.parent })), [
            { name: "replication-ap-northeast-1", parent: component.urn },
            { name: "replication-ap-northeast-3", parent: component.urn },
        ]);
        const tokyo = rec.one(TYPE, "replication-ap-northeast-1");
        const osaka = rec.one(TYPE, "replication-ap-northeast-3");
        assert.deepEqual(tokyo.inputs, {
            bucket: TOKYO.name,
            region: "ap-northeast-1",
            role: ROLE,
            rules: [expectedRule("to-ap-northeast-3", 1, OSAKA.arn), expectedRule("to-account-222222222222", 2, REPLICA.arn, "222222222222")],
        });
        assert.deepEqual(osaka.inputs, {
            bucket: OSAKA.name,
            region: "ap-northeast-3",
            role: ROLE,
            rules: [expectedRule("to-ap-northeast-1", 1, TOKYO.arn), expectedRule("to-account-222222222222", 2, REPLICA.arn, "222222222222")],
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
        assert.deepEqual(rec.one(TYPE, "replication-ap-northeast-1").inputs.rules, [expectedRule("to-ap-northeast-3", 1, OSAKA.arn)]);
        assert.deepEqual(rec.one(TYPE, "replication-ap-northeast-3").inputs.rules, [expectedRule("to-ap-northeast-1", 1, TOKYO.arn)]);
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
        assert.deepEqual(replicationRule(edges[2], REPLICA.arn), expectedRule("to-account-222222222222", 3, REPLICA.arn, "222222222222"));
    });

    it("refuses a mesh that cannot work, and declares nothing then", async () => {
        const b = (region: string) => ({ region, bucketName: "x", bucketArn: "arn:aws:s3:::x" });
        const table: [Parameters<typeof validateReplicationMeshArgs>[0], string | undefined][] = [
            [{ buckets: [b("ap-northeast-1"), b("ap-northeast-3")] }, undefined],
            [{ buckets: [b("ap-northeast-1")] }, "a replication mesh needs at least two regional buckets, got 1"],
            [{ buckets: [b("ap-northeast-1"), b("ap-northeast-1")] }, "one bucket per region, got ap-northeast-1, ap-northeast-1"],
            [{ buckets: [b("ap-northeast-1"), b("Osaka")] }, '"Osaka" is not an AWS region code'],
            [{ buckets: [b("ap-northeast-1"), b("ap-northeast-3")], destinationAccount: { accountId: "2222", bucketName: "r", bucketArn: "arn:aws:s3:::r" } }, "destination account must be a 12-digit account id, got 2222"],
        ];
        for (const [args, expected] of table) assert.equal(validateReplicationMeshArgs(args), expected);
        assert.throws(() => new ReplicationMesh("bad", { roleArn: ROLE, buckets: [b("ap-northeast-1")] }), /^Error: bad: a replication mesh needs at least two regional buckets, got 1$/);
        await settle();
        assert.deepEqual(rec.resources, []);
    });
});
