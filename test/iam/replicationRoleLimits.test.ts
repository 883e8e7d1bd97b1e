// ReplicationRole at its edges: Object Lock reads, a mesh with no same-account destination, key lists half plain half Output.
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import {
    ReplicationRole,
    ReplicationRoleArgs,
    replicationPermissionStatements,
    validateReplicationRoleArgs,
} from "../../components/iam/replicationRole";
import { installMocks, ResourceRecorder, settle, valueOf } from "../../verifier/mockRuntime";
import { nextRegistrationFailure } from "../support/registrationFailure";

const TOKYO = "arn:aws:s3:::acme-data-111111111111-ap-northeast-1";
const OSAKA = "arn:aws:s3:::acme-data-111111111111-ap-northeast-3";
const REPLICA = "arn:aws:s3:::acme-replica-222222222222-ap-northeast-1";
const TOKYO_KEY = "arn:aws:kms:ap-northeast-1:111111111111:key/11111111-1111-1111-1111-111111111111";

const base: ReplicationRoleArgs = {
    roleName: "acme-replication",
    sourceAccountId: "111111111111",
    sourceBucketArns: [TOKYO],
    sameAccountDestinationArns: [OSAKA],
};

const OBJECT_LOCK_READS = {
    Sid: "ReadSourceObjectLock",
    Effect: "Allow",
    Action: ["s3:GetObjectRetention", "s3:GetObjectLegalHold"],
    Resource: [`${TOKYO}/*`],
};

describe("ReplicationRole: edges", () => {
    let rec: ResourceRecorder;
    beforeEach(async () => {
        rec = await installMocks({ stack: "test", accountId: "111111111111", region: "ap-northeast-1" });
    });

    async function statementsOf(args: ReplicationRoleArgs): Promise<{ Sid: string }[]> {
        const role = new ReplicationRole("replication-role", args);
        await valueOf(role.urn);
        await settle();
        return JSON.parse(rec.one("aws:iam/rolePolicy:RolePolicy", "replication-role-permissions").inputs.policy)
            .Statement;
    }

    it("reads the source objects' retention and legal hold only when a destination has Object Lock (AWS requires both)", async () => {
        const statements = await statementsOf({ ...base, objectLockDestination: pulumi.output(true) });
        assert.deepEqual(
            statements.map((s) => s.Sid),
            [
                "ReadSourceReplicationConfiguration",
                "ReadSourceObjectVersions",
                "ReadSourceObjectLock",
                "ReplicateToRegionalBuckets",
            ],
        );
        assert.deepEqual(statements[2], OBJECT_LOCK_READS);
        // The exported builder leaves them out unless asked, and adds them on the source objects when asked.
        const plain = await valueOf(replicationPermissionStatements(base));
        assert.deepEqual(
            plain.map((s) => s.Sid),
            ["ReadSourceReplicationConfiguration", "ReadSourceObjectVersions", "ReplicateToRegionalBuckets"],
        );
        assert.deepEqual(await valueOf(replicationPermissionStatements(base, true)[2]), OBJECT_LOCK_READS);
    });

    it("grants no regional replication when every destination is in another account", async () => {
        const statements = await statementsOf({
            ...base,
            sameAccountDestinationArns: [],
            crossAccountDestinationArns: [REPLICA],
        });
        assert.deepEqual(
            statements.map((s) => s.Sid),
            ["ReadSourceReplicationConfiguration", "ReadSourceObjectVersions", "ReplicateToDestinationAccount"],
        );
    });

    it("counts destinations of both kinds together: one of each is enough", () => {
        assert.equal(validateReplicationRoleArgs({ ...base, crossAccountDestinationArns: [REPLICA] }), undefined);
    });

    it("checks a plain key list while the other list is still an Output", () => {
        const keys = [{ keyArn: TOKYO_KEY, bucketArn: TOKYO }];
        assert.equal(
            validateReplicationRoleArgs({ ...base, sourceKmsKeys: keys, replicaKmsKeys: pulumi.output(keys) }),
            undefined,
        );
        assert.equal(
            validateReplicationRoleArgs({ ...base, sourceKmsKeys: pulumi.output(keys), replicaKmsKeys: keys }),
            undefined,
        );
        assert.equal(
            validateReplicationRoleArgs({
                ...base,
                sourceKmsKeys: pulumi.output(keys),
                replicaKmsKeys: [{ keyArn: TOKYO_KEY, bucketArn: "arn:aws:s3:::*" }],
            }),
            "arn:aws:s3:::* is not an exact S3 bucket ARN",
        );
    });

    it("fails the permission policy, naming the component, when a key list from an Output cannot be scoped", async () => {
        const failure = nextRegistrationFailure();
        new ReplicationRole("late", { ...base, sourceKmsKeys: pulumi.output([{ keyArn: "*", bucketArn: TOKYO }]) });
        assert.equal(
            await failure,
            "late: * is not an exact KMS key ARN (arn:aws:kms:<region>:<account>:key/<key-id>)",
        );
    });

    it("says in the IAM console what assumes it", async () => {
        await statementsOf(base);
        assert.equal(
            rec.one("aws:iam/role:Role", "replication-role").inputs.description,
            "Assumed by S3 to replicate the regional data buckets to each other and to the destination account.",
        );
    });
});
