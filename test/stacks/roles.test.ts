// Each stack role end to end under mocks: what it builds, what it must not, and the StackReference wiring.
import * as assert from "node:assert/strict";
import { DestinationConfig, PrimaryConfig, SecondaryConfig } from "../../config/platformConfig";
import { destinationStack } from "../../stacks/destination";
import { destinationPeer, secondaryPeer } from "../../stacks/peers";
import { primaryStack } from "../../stacks/primary";
import { secondaryStack } from "../../stacks/secondary";
import { installMocks, settle, valueOf } from "../../verifier/mockRuntime";
import { DEST_OUTPUTS, OSAKA_OUTPUTS } from "../support/peerOutputs";
import { stackConfig } from "../support/stackConfigs";

/** Types that belong to the hub only: no other role may create them. */
const HUB_ONLY = [
    "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
    "aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint",
    "aws:s3control/multiRegionAccessPointRoutes:MultiRegionAccessPointRoutes",
    "pulumi:pulumi:StackReference",
];

describe("stack roles", () => {
    it("secondary: a hardened data bucket named from prefix, account and region, its inventory, log and report buckets, its own Batch Replication role, and nothing of the hub", async () => {
        const rec = await installMocks({ stack: "osaka", accountId: "111111111111", region: "ap-northeast-3" });
        const outputs = secondaryStack(stackConfig<SecondaryConfig>("osaka"));
        const resolved = await valueOf(outputs);
        await settle();
        assert.deepEqual(resolved, OSAKA_OUTPUTS);
        assert.deepEqual(
            rec
                .ofType("aws:s3/bucket:Bucket")
                .map((b) => b.inputs.bucket)
                .sort(),
            [
                OSAKA_OUTPUTS.bucketName,
                OSAKA_OUTPUTS.accessLogBucketName,
                OSAKA_OUTPUTS.manifestBucketName,
                OSAKA_OUTPUTS.reportBucketName,
            ],
        );
        assert.equal(rec.ofType("aws:s3/bucketPolicy:BucketPolicy").length, 4);
        // Its one role is its own Batch Replication role; the replication and partner roles are the hub's.
        assert.deepEqual(
            rec.ofType("aws:iam/role:Role").map((r) => r.inputs.name),
            ["example-s3mr-batch-replication-ap-northeast-3"],
        );
        for (const t of HUB_ONLY) assert.deepEqual(rec.ofType(t), [], `secondary must not create ${t}`);
    });

    it("destination: the replica bucket admits exactly account A's replication role, named before it exists", async () => {
        const rec = await installMocks({ stack: "dest-account", accountId: "222222222222", region: "ap-northeast-1" });
        const outputs = destinationStack(stackConfig<DestinationConfig>("dest-account"));
        const resolved = await valueOf(outputs);
        await settle();
        assert.deepEqual(
            {
                replicaBucketName: resolved.replicaBucketName,
                replicaBucketArn: resolved.replicaBucketArn,
                role: resolved.role,
                region: resolved.region,
                accountId: resolved.accountId,
                destinationMode: resolved.destinationMode,
            },
            DEST_OUTPUTS,
        );
        const policy = JSON.parse(rec.one("aws:s3/bucketPolicy:BucketPolicy", "replica-policy").inputs.policy);
        const arn = DEST_OUTPUTS.replicaBucketArn;
        const role = "arn:aws:iam::111111111111:role/example-s3mr-replication";
        const grants = policy.Statement.filter((s: { Sid: string }) => s.Sid.startsWith("AllowSourceReplication"));
        assert.deepEqual(grants, [
            {
                Sid: "AllowSourceReplicationObjects",
                Effect: "Allow",
                Principal: { AWS: "arn:aws:iam::111111111111:root" },
                // The example replica is a backup: no s3:ReplicateDelete, so B refuses A's delete markers.
                Action: ["s3:ReplicateObject", "s3:ReplicateTags", "s3:ObjectOwnerOverrideToBucketOwner"],
                Resource: [`${arn}/*`],
                Condition: { ArnEquals: { "aws:PrincipalArn": [role] } },
            },
            {
                Sid: "AllowSourceReplicationBucket",
                Effect: "Allow",
                Principal: { AWS: "arn:aws:iam::111111111111:root" },
                Action: ["s3:ListBucket", "s3:GetBucketVersioning"],
                Resource: [arn],
                Condition: { ArnEquals: { "aws:PrincipalArn": [role] } },
            },
        ]);
        assert.equal(policy.Statement[0].Sid, "DenyInsecureTransport");
        for (const t of HUB_ONLY) assert.deepEqual(rec.ofType(t), [], `destination must not create ${t}`);
    });

    it("primary: reads osaka and dest-account through StackReferences and exports their buckets", async () => {
        const rec = await installMocks({
            stack: "tokyo",
            accountId: "111111111111",
            region: "ap-northeast-1",
            peers: { osaka: OSAKA_OUTPUTS, "dest-account": DEST_OUTPUTS },
        });
        const outputs = primaryStack(stackConfig<PrimaryConfig>("tokyo"));
        const regionalBuckets = await valueOf(outputs.regionalBuckets);
        const destinationBucket = await valueOf(outputs.destinationBucket);
        await settle();
        assert.deepEqual(
            rec
                .ofType("pulumi:pulumi:StackReference")
                .map((r) => r.inputs.name)
                .sort(),
            ["organization/s3-multiregion/dest-account", "organization/s3-multiregion/osaka"],
        );
        assert.deepEqual(regionalBuckets, [
            {
                stack: "tokyo",
                region: "ap-northeast-1",
                bucketName: "example-s3mr-data-111111111111-ap-northeast-1",
                bucketArn: "arn:aws:s3:::example-s3mr-data-111111111111-ap-northeast-1",
            },
            {
                stack: "osaka",
                region: "ap-northeast-3",
                bucketName: OSAKA_OUTPUTS.bucketName,
                bucketArn: OSAKA_OUTPUTS.bucketArn,
            },
        ]);
        assert.deepEqual(destinationBucket, {
            accountId: "222222222222",
            region: "ap-northeast-1",
            bucketName: DEST_OUTPUTS.replicaBucketName,
            bucketArn: DEST_OUTPUTS.replicaBucketArn,
        });
    });

    it("primary: refuses a peer deployed in another region than secondaryStacks says", async () => {
        await installMocks({
            stack: "tokyo",
            accountId: "111111111111",
            region: "ap-northeast-1",
            peers: { osaka: { ...OSAKA_OUTPUTS, region: "ap-southeast-1" } },
        });
        const peer = secondaryPeer({ stack: "osaka", region: "ap-northeast-3" });
        await assert.rejects(
            valueOf(peer.bucketName),
            /^ConfigError: config s3-multiregion:secondaryStacks entry "osaka@ap-northeast-3": stack osaka is in ap-southeast-1; allowed: osaka@ap-southeast-1$/,
        );
        await settle();
    });

    it("primary: refuses a peer with the wrong role", async () => {
        await installMocks({
            stack: "tokyo",
            accountId: "111111111111",
            region: "ap-northeast-1",
            peers: { "dest-account": { ...DEST_OUTPUTS, role: "secondary" } },
        });
        const peer = destinationPeer("dest-account");
        await assert.rejects(
            valueOf(peer.replicaBucketArn),
            /^ConfigError: config s3-multiregion:destinationStack names stack dest-account, whose role is secondary; allowed: a destination stack$/,
        );
        await settle();
    });
});
