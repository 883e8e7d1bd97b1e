// Tests of the CreateJob request at its edges (empty optional values send nothing), where the completion report lands,
// and the resource refusing several bad plain values in one line.
import * as assert from "node:assert/strict";
import {
    BatchReplicationJob,
    batchReplicationReportLocation,
    buildCreateJobRequest,
    normalizeBatchReplicationJobInputs,
} from "../../components/batch/batchReplicationJob";

const base = {
    accountId: "111122223333",
    region: "ap-northeast-1",
    sourceBucketArn: "arn:aws:s3:::s3mr-111122223333-ap-northeast-1-data",
    roleArn: "arn:aws:iam::111122223333:role/s3mr-batch-replication",
    reportBucketArn: "arn:aws:s3:::s3mr-111122223333-ap-northeast-1-reports",
};
const request = (change: Record<string, unknown>) =>
    buildCreateJobRequest(normalizeBatchReplicationJobInputs({ ...base, ...change }));

describe("batch job request: empty optional values", () => {
    it("an empty manifest output bucket saves no manifest and expects no bucket owner, like none at all", () => {
        assert.deepEqual(request({ manifestOutputBucketArn: "" }).ManifestGenerator, {
            S3JobManifestGenerator: {
                SourceBucket: base.sourceBucketArn,
                EnableManifestOutput: false,
                Filter: { EligibleForReplication: true, ObjectReplicationStatuses: ["NONE", "FAILED"] },
            },
        });
        assert.equal(request({ manifestOutputBucketArn: "" }).ClientRequestToken, request({}).ClientRequestToken);
    });

    it("an empty description sends no Description, and the same token as none", () => {
        const sent = request({ description: "" });
        assert.ok(!("Description" in sent), JSON.stringify(sent));
        assert.equal(sent.ClientRequestToken, request({}).ClientRequestToken);
    });
});

describe("batch job request: the completion report's folder", () => {
    it("is <bucket>/<prefix>/job-<id>/, or job-<id>/ at the bucket root without a prefix", () => {
        const inputs = normalizeBatchReplicationJobInputs(base);
        assert.equal(
            batchReplicationReportLocation(inputs, "job-1"),
            "s3://s3mr-111122223333-ap-northeast-1-reports/batch-replication/job-job-1/",
        );
        assert.equal(
            batchReplicationReportLocation({ ...inputs, reportPrefix: "" }, "job-1"),
            "s3://s3mr-111122223333-ap-northeast-1-reports/job-job-1/",
        );
    });
});

describe("batch job resource: several bad plain values", () => {
    it("are refused together in one line, before anything is declared", () => {
        assert.throws(() => new BatchReplicationJob("bad", { ...base, accountId: "1234", priority: -1 }), {
            message:
                'BatchReplicationJob bad: accountId must be a 12-digit AWS account id, got "1234". ' +
                "priority must be an integer from 0 to 2147483647, got -1.",
        });
    });
});
