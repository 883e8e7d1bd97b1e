// ReplicationMesh at its edges: a backup account's delete markers, the edges themselves, late keys that cannot replicate.
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import {
    meshEdges,
    ReplicationMesh,
    replicationRule,
    RTC_THRESHOLD_SECONDS,
    validateReplicationMeshArgs,
} from "../../components/storage/replicationMesh";
import { meshEncryptionProblem } from "../../components/storage/meshEncryption";
import { installMocks, ResourceRecorder, settle, valueOf } from "../../verifier/mockRuntime";
import { nextRegistrationFailure } from "../support/registrationFailure";

const TYPE = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";
const ROLE = "arn:aws:iam::111111111111:role/acme-replication";
const TOKYO_KEY = "arn:aws:kms:ap-northeast-1:111111111111:key/11111111-1111-1111-1111-111111111111";
const OSAKA_KEY = "arn:aws:kms:ap-northeast-3:111111111111:key/33333333-3333-3333-3333-333333333333";
const bucket = (region: string, kmsKeyArn?: pulumi.Input<string | undefined>) => ({
    region,
    bucketName: `acme-data-111111111111-${region}`,
    bucketArn: `arn:aws:s3:::acme-data-111111111111-${region}`,
    ...(kmsKeyArn !== undefined ? { kmsKeyArn } : {}),
});
const REPLICA_ARN = "arn:aws:s3:::acme-replica-222222222222-ap-northeast-1";
const destination = (extra: object = {}) => ({
    accountId: "222222222222",
    bucketName: "acme-replica-222222222222-ap-northeast-1",
    bucketArn: REPLICA_ARN,
    ...extra,
});

describe("ReplicationMesh: edges", () => {
    let rec: ResourceRecorder;
    beforeEach(async () => {
        rec = await installMocks({ stack: "test", accountId: "111111111111", region: "ap-northeast-1" });
    });

    it("the latency alarms' threshold is Replication Time Control's 15 minutes, in seconds", () => {
        assert.equal(RTC_THRESHOLD_SECONDS, 900);
    });

    it("names each edge's destination: another region, or the destination account; no account edge without one", () => {
        assert.deepEqual(meshEdges(["ap-northeast-1", "ap-northeast-3"], "222222222222"), [
            {
                sourceRegion: "ap-northeast-1",
                ruleId: "to-ap-northeast-3",
                priority: 1,
                destination: { kind: "regional", region: "ap-northeast-3" },
            },
            {
                sourceRegion: "ap-northeast-1",
                ruleId: "to-account-222222222222",
                priority: 2,
                destination: { kind: "account", accountId: "222222222222" },
            },
            {
                sourceRegion: "ap-northeast-3",
                ruleId: "to-ap-northeast-1",
                priority: 1,
                destination: { kind: "regional", region: "ap-northeast-1" },
            },
            {
                sourceRegion: "ap-northeast-3",
                ruleId: "to-account-222222222222",
                priority: 2,
                destination: { kind: "account", accountId: "222222222222" },
            },
        ]);
        assert.deepEqual(
            meshEdges(["ap-northeast-1", "ap-northeast-3"]).map((e) => e.ruleId),
            ["to-ap-northeast-3", "to-ap-northeast-1"],
        );
    });

    it("leaves delete markers behind only on a rule into another account", () => {
        const [regional, account] = meshEdges(["ap-northeast-1", "ap-northeast-3"], "222222222222");
        assert.deepEqual(replicationRule(account, REPLICA_ARN, undefined, false).deleteMarkerReplication, {
            status: "Disabled",
        });
        assert.throws(
            () => replicationRule(regional, "arn:aws:s3:::acme-data-111111111111-ap-northeast-3", undefined, false),
            /^Error: rule to-ap-northeast-3: only a rule into another account may leave delete markers behind$/,
        );
    });

    it("a backup account (delete markers off, known only through an Output) keeps them between the regions", async () => {
        const mesh = new ReplicationMesh("replication", {
            roleArn: ROLE,
            buckets: [bucket("ap-northeast-1"), bucket("ap-northeast-3")],
            destinationAccount: destination({ replicateDeleteMarkers: pulumi.output(false) }),
        });
        await valueOf(mesh.urn);
        await settle();
        assert.deepEqual(
            mesh.edges.map((e) => e.ruleId),
            ["to-ap-northeast-3", "to-account-222222222222", "to-ap-northeast-1", "to-account-222222222222"],
        );
        for (const c of rec.ofType(TYPE)) {
            assert.deepEqual(
                c.inputs.rules.map((r: { id: string; deleteMarkerReplication: { status: string } }) => [
                    r.id,
                    r.deleteMarkerReplication.status,
                ]),
                [
                    [c.name === "replication-ap-northeast-1" ? "to-ap-northeast-3" : "to-ap-northeast-1", "Enabled"],
                    ["to-account-222222222222", "Disabled"],
                ],
            );
        }
    });

    it("checks every key, the destination account's too, and a keyed mesh without a destination account", () => {
        assert.equal(
            validateReplicationMeshArgs({
                buckets: [bucket("ap-northeast-1"), bucket("ap-northeast-3")],
                destinationAccount: destination({ kmsKeyArn: "alias/replica" }),
            }),
            "account 222222222222's replica bucket has alias/replica, which is not a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key-id>)",
        );
        const keyed = (name: string, region: string, kmsKeyArn: string) => ({ name, region, kmsKeyArn });
        assert.equal(
            meshEncryptionProblem([keyed("T", "ap-northeast-1", TOKYO_KEY), keyed("O", "ap-northeast-3", OSAKA_KEY)]),
            undefined,
        );
        assert.equal(
            meshEncryptionProblem([
                keyed("T", "ap-northeast-1", "alias/data"),
                keyed("O", "ap-northeast-3", OSAKA_KEY),
            ]),
            "T has alias/data, which is not a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key-id>)",
        );
    });

    it("fails the rules, naming the component, when a key known only through an Output leaves a gap", async () => {
        const failure = nextRegistrationFailure();
        new ReplicationMesh("late", {
            roleArn: ROLE,
            buckets: [bucket("ap-northeast-1", pulumi.output(TOKYO_KEY)), bucket("ap-northeast-3")],
        });
        assert.equal(
            await failure,
            "late: the bucket in ap-northeast-3 has no KMS key, but the bucket in ap-northeast-1 is SSE-KMS and replicates to it; S3 replicates SSE-KMS objects only with a replica key in each destination's region, so every bucket of the mesh needs a key once one has",
        );
    });
});
