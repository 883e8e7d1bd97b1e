// The CreateJob request of a Batch Replication job, its idempotency token and where its completion report lands.
import type * as s3control from "@aws-sdk/client-s3-control";
import { BatchReplicationJobInputs, bucketNameOfArn, canonicalJson } from "./batchJobInputs";

// The provider's code is serialized with Pulumi's closure serializer (see batchJobProvider.ts): functions
// here refer only to plain function declarations and module-private constants, and load Node
// modules with `require` inside function bodies.

/** S3 Control rejects a ClientRequestToken longer than 64 characters. */
const TOKEN_MAX_LENGTH = 64;
const TOKEN_PREFIX = "brj-";

/**
 * The CreateJob request for these inputs, without ClientRequestToken. Everything a job is made
 * of is in here, so the token is derived from it.
 */
function jobDefinition(inputs: BatchReplicationJobInputs): s3control.CreateJobCommandInput {
    const manifestOutput = inputs.manifestOutputBucketArn !== undefined && inputs.manifestOutputBucketArn !== "";
    const request: s3control.CreateJobCommandInput = {
        AccountId: inputs.accountId,
        // The cross-account replication report: with confirmation required the job waits forever in "awaiting
        // confirmation" until someone presses "Run job" in the console. A deployed resource must just run.
        ConfirmationRequired: false,
        // Replicates through the bucket's own replication configuration (destination, owner
        // override, RTC), unlike S3PutObjectCopy, which would need its own destination settings.
        Operation: { S3ReplicateObject: {} },
        ManifestGenerator: {
            S3JobManifestGenerator: {
                SourceBucket: inputs.sourceBucketArn,
                EnableManifestOutput: manifestOutput,
                ...(manifestOutput
                    ? {
                          // The API documents ExpectedBucketOwner as the owner of the bucket the generated
                          // manifest is WRITTEN to (not the source): the job fails rather than hand the list
                          // of objects to a bucket of another account. This stack's own account owns it.
                          // Without manifest output there is no such bucket, so it is not sent.
                          ExpectedBucketOwner: inputs.accountId,
                          ManifestOutputLocation: {
                              Bucket: inputs.manifestOutputBucketArn,
                              ...(inputs.manifestOutputPrefix ? { ManifestPrefix: inputs.manifestOutputPrefix } : {}),
                              ManifestFormat: "S3InventoryReport_CSV_20211130",
                          },
                      }
                    : {}),
                Filter: {
                    // Only objects a replication rule of the bucket covers; the others would fail.
                    EligibleForReplication: true,
                    ObjectReplicationStatuses: inputs.objectReplicationStatuses as s3control.ReplicationStatus[],
                },
            },
        },
        // The cross-account batch copy report: the completion report is where failed objects are listed; its bucket
        // must be writable by the batch role or the job ends with "The job report could not be written".
        Report: {
            Bucket: inputs.reportBucketArn,
            ...(inputs.reportPrefix ? { Prefix: inputs.reportPrefix } : {}),
            Format: "Report_CSV_20180820",
            Enabled: true,
            ReportScope: "AllTasks",
        },
        Priority: inputs.priority,
        RoleArn: inputs.roleArn,
    };
    if (inputs.description !== undefined && inputs.description !== "") {
        request.Description = inputs.description;
    }
    return request;
}

/**
 * The idempotency token of the job: a hash of the region and the whole CreateJob request. A
 * retried `up` (same inputs) sends the same token, and S3 answers with the job it already made
 * instead of starting a second one; any change to the job gives a new token, hence a new job.
 */
export function batchReplicationJobToken(inputs: BatchReplicationJobInputs): string {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- required inside: the serialized provider calls this function
    const { createHash } = require("node:crypto") as typeof import("node:crypto");
    const digest = createHash("sha256")
        // The run number joins the hash only from the second run on, so a first run keeps the token it
        // had before re-runs existed and a retried `up` across that upgrade starts no second job.
        .update(
            canonicalJson({
                region: inputs.region,
                request: jobDefinition(inputs),
                ...(inputs.runNumber > 1 ? { run: inputs.runNumber } : {}),
            }),
        )
        .digest("hex");
    return (TOKEN_PREFIX + digest).slice(0, TOKEN_MAX_LENGTH);
}

/** The full CreateJob request S3 receives for these inputs. */
export function buildCreateJobRequest(inputs: BatchReplicationJobInputs): s3control.CreateJobCommandInput {
    return { ...jobDefinition(inputs), ClientRequestToken: batchReplicationJobToken(inputs) };
}

/** Where S3 writes the completion report: `<prefix>/job-<id>/` in the report bucket. */
export function batchReplicationReportLocation(inputs: BatchReplicationJobInputs, jobId: string): string {
    const prefix = inputs.reportPrefix ? `${inputs.reportPrefix}/` : "";
    return `s3://${bucketNameOfArn(inputs.reportBucketArn)}/${prefix}job-${jobId}/`;
}
