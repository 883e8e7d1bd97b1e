// The ready-to-paste commands that start account B's S3 Batch Operations Copy job from account A's latest inventory manifest.

export interface BatchCopyCommandArgs {
    /** Account B: the job runs there (the cross-account batch copy report's layout). */
    destinationAccountId: string;
    /** Region of account B's replica bucket; the job is created there. */
    destinationRegion: string;
    /** ARN of account B's batch copy role. */
    batchCopyRoleArn: string;
    /** ARN of the bucket the objects are copied into (account B's replica bucket). */
    targetBucketArn: string;
    /** Name of account B's report bucket. */
    reportBucketName: string;
    /** Name of account A's manifest bucket. */
    manifestBucketName: string;
    /** Region of the manifest bucket (the hub's region). */
    manifestRegion: string;
    /** Folder of the inventory's daily reports, `s3://<manifest>/inventory/<source>/<id>/` (inventoryManifestFolder). */
    manifestFolder: string;
}

/** Report prefix of copy jobs in account B's report bucket; S3 adds `job-<id>/` below it. */
export const BATCH_COPY_REPORT_PREFIX = "batch-copy";

/**
 * Shell commands (bash), run with account B credentials of an operator principal (the manifest
 * bucket grants operators read and listing): pick the newest manifest.json, read its ETag (CreateJob requires it, and it is the check that fails with
 * "insufficient permissions to get the manifest object's ETag" in the cross-account batch copy report), then create the
 * Copy job without the console's confirmation step. Every value is filled in; only the report date is found at run
 * time.
 */
export function batchCopyCommand(args: BatchCopyCommandArgs): string {
    const keyPrefix = args.manifestFolder.replace(`s3://${args.manifestBucketName}/`, "");
    const region = `--region ${args.destinationRegion}`;
    const manifestRegion = `--region ${args.manifestRegion}`;
    const operation = JSON.stringify({ S3PutObjectCopy: { TargetResource: args.targetBucketArn } });
    const report = JSON.stringify({
        Bucket: `arn:aws:s3:::${args.reportBucketName}`,
        Prefix: BATCH_COPY_REPORT_PREFIX,
        Format: "Report_CSV_20180820",
        Enabled: true,
        ReportScope: "AllTasks",
    });
    const manifest = `'{"Spec":{"Format":"S3InventoryReport_CSV_20161130"},"Location":{"ObjectArn":"arn:aws:s3:::${args.manifestBucketName}/'"$MANIFEST_KEY"'","ETag":"'"$MANIFEST_ETAG"'"}}'`;
    return [
        `MANIFEST_KEY=$(aws s3api list-objects-v2 ${manifestRegion} --bucket ${args.manifestBucketName} --prefix ${keyPrefix} --query "sort_by(Contents[?ends_with(Key, 'manifest.json')], &LastModified)[-1].Key" --output text)`,
        `MANIFEST_ETAG=$(aws s3api head-object ${manifestRegion} --bucket ${args.manifestBucketName} --key "$MANIFEST_KEY" --query ETag --output text | tr -d '"')`,
        [
            `aws s3control create-job ${region} --account-id ${args.destinationAccountId}`,
            `--operation '${operation}'`,
            `--manifest ${manifest}`,
            `--report '${report}'`,
            `--priority 10 --role-arn ${args.batchCopyRoleArn} --no-confirmation-required`,
        ].join(" \\\n  "),
    ].join("\n");
}
