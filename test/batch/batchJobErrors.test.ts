// Tests of the Batch Replication job's error advice: each pitfall's fix word for word, the pattern that selects it,
// and how an SDK error's code, message and request id become the one line the deployment shows.
import * as assert from "node:assert/strict";
import {
    describeBatchJobError,
    likelyFixForBatchJobError,
    normalizeBatchReplicationJobInputs,
} from "../../components/batch/batchReplicationJob";

const ROLE = "arn:aws:iam::111111111111:role/s3mr-batch-replication";
const SOURCE = "arn:aws:s3:::s3mr-data-111111111111-ap-northeast-1";
const REPORTS = "arn:aws:s3:::s3mr-reports-111111111111-ap-northeast-1";
const inputs = normalizeBatchReplicationJobInputs({
    accountId: "111111111111",
    region: "ap-northeast-1",
    sourceBucketArn: SOURCE,
    roleArn: ROLE,
    reportBucketArn: REPORTS,
});
const DEFAULT_FIX =
    "check the job inputs against the message above; a retry with the same inputs is safe, it reuses the same token.";
const ACCESS_FIX =
    `the credentials running the deployment must belong to account 111111111111 and allow s3:CreateJob, ` +
    `s3:DescribeJob and iam:PassRole on ${ROLE}.`;
const LABEL =
    "Batch Replication job with client request token brj-1 for bucket s3mr-data-111111111111-ap-northeast-1 " +
    "(account 111111111111, ap-northeast-1)";

describe("batch job errors: the likely fix for each pitfall", () => {
    it("a role S3 cannot assume: trust batchoperations.s3.amazonaws.com and iam:PassRole", () => {
        assert.equal(
            likelyFixForBatchJobError("InvalidRequest", "Failed to assume role", inputs),
            `the role ${ROLE} must trust batchoperations.s3.amazonaws.com (a replication role that trusts ` +
                `s3.amazonaws.com cannot run Batch Operations jobs), and whoever runs the deployment needs iam:PassRole on it.`,
        );
    });

    it("a report bucket it cannot write: PutObject under the prefix, or on the whole bucket without one", () => {
        const reportFix = (prefix: string) =>
            `the role ${ROLE} needs s3:PutObject on ${REPORTS}/${prefix}*, and the report bucket's policy must allow it ` +
            `when the bucket is in another account.`;
        assert.equal(
            likelyFixForBatchJobError("InvalidRequest", "report not written", inputs),
            reportFix("batch-replication/"),
        );
        assert.equal(
            likelyFixForBatchJobError("InvalidRequest", "report not written", { ...inputs, reportPrefix: "" }),
            reportFix(""),
        );
    });

    it("a manifest S3 cannot build: the inventory and listing actions, and PutObject on a manifest output bucket", () => {
        const manifestFix = (output: string) =>
            `S3 builds the manifest with the role ${ROLE}: it needs s3:PutInventoryConfiguration, ` +
            `s3:GetReplicationConfiguration and s3:ListBucket on ${SOURCE}${output}.`;
        assert.equal(likelyFixForBatchJobError("ManifestGenerationFailed", "", inputs), manifestFix(""));
        assert.equal(
            likelyFixForBatchJobError("ManifestGenerationFailed", "", {
                ...inputs,
                manifestOutputBucketArn: "arn:aws:s3:::s3mr-manifests",
            }),
            manifestFix(", and s3:PutObject on arn:aws:s3:::s3mr-manifests/*"),
        );
    });

    it("a token reused with other parameters, and throttling in each of S3's spellings", () => {
        assert.equal(
            likelyFixForBatchJobError("IdempotencyException", "token reused", inputs),
            "another request used this client request token with different parameters; the token hashes the whole " +
                "request, so look for jobs created outside this program with the same token.",
        );
        const throttled =
            "S3 throttled the request; run the deployment again: the same inputs reuse the same token, so no second job starts.";
        for (const code of ["ThrottlingException", "TooManyRequestsException", "SlowDown"]) {
            assert.equal(likelyFixForBatchJobError(code, "Rate exceeded", inputs), throttled, code);
        }
    });

    it("access denied with or without the space, forbidden and not authorized: the caller's account and actions", () => {
        for (const [code, message] of [
            ["AccessDenied", "refused"],
            ["InvalidRequest", "Access Denied"],
            ["Forbidden", "refused"],
            ["InvalidRequest", "User is not authorized to perform this action"],
        ]) {
            assert.equal(likelyFixForBatchJobError(code, message, inputs), ACCESS_FIX, `${code} ${message}`);
        }
    });

    it("anything else: the general advice, not one of the pitfalls", () => {
        assert.equal(
            likelyFixForBatchJobError("InternalError", "We encountered an internal error", inputs),
            DEFAULT_FIX,
        );
        assert.equal(likelyFixForBatchJobError("", "", inputs), DEFAULT_FIX);
    });
});

describe("batch job errors: an SDK error as one line", () => {
    it("takes S3's error code, its message and its request id", () => {
        const err = Object.assign(new Error("Access Denied"), {
            name: "AccessDenied",
            Code: "AccessDenied",
            $metadata: { requestId: "REQ9" },
        });
        assert.equal(
            describeBatchJobError("CreateJob", err, inputs, "brj-1").message,
            `${LABEL}: CreateJob failed with AccessDenied: Access Denied (request id REQ9). Likely fix: ${ACCESS_FIX}`,
        );
    });

    it("a plain Error has no AWS code: UnknownError, and no request id", () => {
        assert.equal(
            describeBatchJobError("CreateJob", new Error("S3 returned no JobId"), inputs, "brj-1").message,
            `${LABEL}: CreateJob failed with UnknownError: S3 returned no JobId. Likely fix: ${DEFAULT_FIX}`,
        );
    });

    it("an error without Code is named by its class name, and the job by its id once S3 gave one", () => {
        const err = Object.assign(new Error("Rate exceeded"), { name: "TooManyRequestsException", $metadata: {} });
        assert.equal(
            describeBatchJobError("DescribeJob", err, inputs, "brj-1", "job-7").message,
            "Batch Replication job job-7 for bucket s3mr-data-111111111111-ap-northeast-1 (account 111111111111, " +
                "ap-northeast-1): DescribeJob failed with TooManyRequestsException: Rate exceeded. Likely fix: S3 throttled " +
                "the request; run the deployment again: the same inputs reuse the same token, so no second job starts.",
        );
    });

    it("something thrown that is not an error at all: UnknownError and its text", () => {
        assert.equal(
            describeBatchJobError("DescribeJob", undefined, inputs, "brj-1").message,
            `${LABEL}: DescribeJob failed with UnknownError: undefined. Likely fix: ${DEFAULT_FIX}`,
        );
        assert.equal(
            describeBatchJobError("DescribeJob", "socket hang up", inputs, "brj-1").message,
            `${LABEL}: DescribeJob failed with UnknownError: socket hang up. Likely fix: ${DEFAULT_FIX}`,
        );
    });
});
