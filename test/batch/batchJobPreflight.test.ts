// The check before CreateJob that the job's bucket replicates, against a real S3 API on loopback (moto_server): no
// configuration, only disabled rules, and an enabled rule.
import * as assert from "node:assert/strict";
import {
    CreateBucketCommand,
    PutBucketReplicationCommand,
    PutBucketVersioningCommand,
    S3Client,
} from "@aws-sdk/client-s3";
import { checkSourceReplication, sourceReplicationProblem } from "../../components/batch/batchJobPreflight";
import { MotoServer, motoClientConfig, startMotoServer } from "../support/motoServer";
import { rejection } from "../support/rejection";

const REGION = "ap-northeast-3";
const BUCKET = "example-s3mr-data-111111111111-ap-northeast-3";
const HINT =
    "the hub stack writes every regional bucket's replication configuration: deploy the hub, then run pulumi up on this stack again.";

describe("batch job preflight: the bucket must replicate before its job is created", () => {
    it("names what is missing in one line, and passes an enabled rule", () => {
        assert.equal(
            sourceReplicationProblem(BUCKET, undefined),
            `Batch Replication job for bucket ${BUCKET}: the bucket has no replication configuration, and S3 Batch Replication replicates only through one; ${HINT}`,
        );
        assert.equal(
            sourceReplicationProblem(BUCKET, [{ ID: "a", Status: "Disabled" }, { Status: "Disabled" }]),
            `Batch Replication job for bucket ${BUCKET}: no rule of its replication configuration is Enabled (a, (no id)), so no object is eligible; ${HINT}`,
        );
        assert.match(sourceReplicationProblem(BUCKET, [])!, /is Enabled \(no rules\)/);
        assert.equal(
            sourceReplicationProblem(BUCKET, [
                { ID: "a", Status: "Disabled" },
                { ID: "b", Status: "Enabled" },
            ]),
            undefined,
        );
    });
});

describe("batch job preflight against S3 on moto_server", function () {
    this.timeout(60000);
    let moto: MotoServer;
    let s3: S3Client;
    const config = () => ({ ...motoClientConfig(moto.endpoint, REGION) });

    before(async () => {
        moto = await startMotoServer();
        s3 = new S3Client(motoClientConfig(moto.endpoint, REGION));
    });
    beforeEach(async () => {
        await moto.reset();
        await s3.send(
            new CreateBucketCommand({ Bucket: BUCKET, CreateBucketConfiguration: { LocationConstraint: REGION } }),
        );
        await s3.send(
            new PutBucketVersioningCommand({ Bucket: BUCKET, VersioningConfiguration: { Status: "Enabled" } }),
        );
    });
    after(async () => {
        await moto?.stop();
    });

    const replicate = (status: "Enabled" | "Disabled") =>
        s3.send(
            new PutBucketReplicationCommand({
                Bucket: BUCKET,
                ReplicationConfiguration: {
                    Role: "arn:aws:iam::111111111111:role/example-s3mr-replication",
                    Rules: [
                        {
                            ID: "to-tokyo",
                            Status: status,
                            Priority: 1,
                            Filter: {},
                            DeleteMarkerReplication: { Status: "Enabled" },
                            Destination: { Bucket: "arn:aws:s3:::example-s3mr-data-111111111111-ap-northeast-1" },
                        },
                    ],
                },
            }),
        );

    it("a bucket the hub has not configured yet is refused with the one line (S3's ReplicationConfigurationNotFoundError)", async () => {
        const err = await rejection(checkSourceReplication(config(), BUCKET));
        assert.equal(err.message, sourceReplicationProblem(BUCKET, undefined));
    });

    it("a configuration whose only rule is disabled is refused, naming the rule", async () => {
        await replicate("Disabled");
        const err = await rejection(checkSourceReplication(config(), BUCKET));
        assert.match(err.message, /no rule of its replication configuration is Enabled \(to-tokyo\)/);
    });

    it("an enabled rule lets the job be created", async () => {
        await replicate("Enabled");
        await checkSourceReplication(config(), BUCKET);
    });

    it("a bucket S3 does not know is one line with S3's reason, not the missing-configuration line", async () => {
        const err = await rejection(checkSourceReplication(config(), "example-s3mr-data-111111111111-nowhere"));
        assert.match(err.message, /its replication configuration could not be read \(S3 GetBucketReplication\): /);
        assert.equal(err.message.split("\n").length, 1);
        assert.equal((err.cause as Error).name, "NoSuchBucket", "S3's own error stays the cause");
    });

    it("a test endpoint named by host name is asked path-style (no bucket subdomain of it resolves)", async () => {
        await replicate("Enabled");
        // The job's client settings, as batchJobClientConfig builds them: no forcePathStyle of their own.
        const { forcePathStyle: _set, ...settings } = config();
        const byName = { ...settings, endpoint: moto.endpoint.replace("127.0.0.1", "localhost") };
        await checkSourceReplication(byName, BUCKET);
    });
});
