// ReplicationRole under mocks: S3-only trust guarded by the source account, and least privilege on exact bucket ARNs.
import * as assert from "node:assert/strict";
import { ReplicationRole, validateReplicationRoleArgs } from "../../components/iam/replicationRole";
import { installMocks, ResourceRecorder, settle, valueOf } from "../../tools/offline/mockRuntime";

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

    it("grants seed 001's actions on exact source and destination ARNs, owner override only towards the other account", async () => {
        await build([REPLICA]);
        const policy = rec.one("aws:iam/rolePolicy:RolePolicy", "replication-role-permissions");
        assert.equal(policy.inputs.role, "acme-replication");
        assert.deepEqual(JSON.parse(policy.inputs.policy), {
            Version: "2012-10-17",
            Statement: [
                { Sid: "ReadSourceReplicationConfiguration", Effect: "Allow", Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"], Resource: [TOKYO, OSAKA] },
                {
                    Sid: "ReadSourceObjectVersions",
                    Effect: "Allow",
                    Action: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"],
                    Resource: [`${TOKYO}/*`, `${OSAKA}/*`],
                },
                { Sid: "ReplicateToRegionalBuckets", Effect: "Allow", Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"], Resource: [`${TOKYO}/*`, `${OSAKA}/*`] },
                {
                    Sid: "ReplicateToDestinationAccount",
                    Effect: "Allow",
                    Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags", "s3:ObjectOwnerOverrideToBucketOwner"],
                    Resource: [`${REPLICA}/*`],
                },
            ],
        });
        const all = JSON.stringify(JSON.parse(policy.inputs.policy));
        assert.ok(!all.includes('"*"') && !all.includes("s3:*"), "no wildcard resource or action");
    });

    it("leaves out the cross-account statement when nothing replicates to another account", async () => {
        await build();
        const sids = JSON.parse(rec.one("aws:iam/rolePolicy:RolePolicy", "replication-role-permissions").inputs.policy).Statement.map((s: { Sid: string }) => s.Sid);
        assert.deepEqual(sids, ["ReadSourceReplicationConfiguration", "ReadSourceObjectVersions", "ReplicateToRegionalBuckets"]);
    });

    it("refuses arguments that cannot make a working role, and declares nothing then", async () => {
        const base = { roleName: "r", sourceAccountId: "111111111111", sourceBucketArns: [TOKYO], sameAccountDestinationArns: [OSAKA] };
        assert.equal(validateReplicationRoleArgs(base), undefined);
        assert.equal(validateReplicationRoleArgs({ ...base, sourceAccountId: "1111" }), "sourceAccountId must be a 12-digit account id, got 1111");
        assert.equal(validateReplicationRoleArgs({ ...base, sourceBucketArns: [] }), "a replication role needs at least one source bucket");
        assert.equal(validateReplicationRoleArgs({ ...base, sameAccountDestinationArns: [] }), "a replication role needs at least one destination bucket");
        assert.equal(validateReplicationRoleArgs({ ...base, sameAccountDestinationArns: [], crossAccountDestinationArns: [REPLICA] }), undefined);
        assert.throws(() => new ReplicationRole("bad", { ...base, sourceBucketArns: [] }), /^Error: bad: a replication role needs at least one source bucket$/);
        await settle();
        assert.deepEqual(rec.resources, []);
    });
});
