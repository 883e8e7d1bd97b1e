// S3 server access logs of a stack's data or replica bucket into a log bucket of the same account and region.
//
// Server access logs rather than CloudTrail data events: data events are billed per request (a busy
// bucket's reads and writes cost more to record than to serve), while server access logs cost only the
// storage of the log objects; and they land beside the bucket, in its own account and region, with no
// trail or trail bucket to share between accounts. A user who prefers data events sets `accessLogging: false`.
import * as aws from "@pulumi/aws";
import { KeptAccessLogging } from "../config/adoptedSettings";
import { bucketArn, BucketPurpose } from "../config/naming";
import { CommonConfig } from "../config/platformConfig";
import { NamedStatement } from "../components/iam/policyDocument";
import { HardenedBucket } from "../components/storage/hardenedBucket";
import { mainBucketName, ownBucketName, stackBucket } from "./stackBucket";

/** Where in the log bucket S3 writes; the partitioned key adds `<account>/<region>/<bucket>/<yyyy>/<mm>/<dd>/`. */
export const ACCESS_LOG_PREFIX = "access-logs/";

/**
 * The statement S3's log delivery needs (AWS "Permissions for log delivery"): the logging service
 * principal may put objects under the log prefix only, and only for the named source buckets of this
 * account, so no other bucket (nor another account's) can write its logs here (confused deputy).
 */
export function accessLogDeliveryStatement(args: {
    logBucketArn: string;
    sourceAccountId: string;
    sourceBucketArns: readonly string[];
}): NamedStatement {
    return {
        Sid: "AllowAccessLogDelivery",
        Effect: "Allow",
        Principal: { Service: "logging.s3.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `${args.logBucketArn}/${ACCESS_LOG_PREFIX}*`,
        Condition: {
            StringEquals: { "aws:SourceAccount": args.sourceAccountId },
            ArnEquals: { "aws:SourceArn": [...args.sourceBucketArns] },
        },
    };
}

/** The BucketLogging inputs that rewrite an adopted bucket's live logging (S3 API shape) exactly as it is. */
export function keptAccessLoggingInput(kept: KeptAccessLogging): Omit<aws.s3.BucketLoggingArgs, "bucket"> {
    const format = kept.TargetObjectKeyFormat;
    const source = format?.PartitionedPrefix?.PartitionDateSource;
    return {
        targetBucket: kept.TargetBucket,
        targetPrefix: kept.TargetPrefix,
        // A PartitionDateSource exists only inside a PartitionedPrefix (adopt checks the format).
        ...(source
            ? { targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: source } } }
            : format?.SimplePrefix
              ? { targetObjectKeyFormat: { simplePrefix: {} } }
              : {}),
        ...(kept.TargetGrants?.length
            ? {
                  targetGrants: kept.TargetGrants.map((g) => ({
                      permission: g.Permission,
                      grantee: {
                          type: g.Grantee.Type,
                          ...(g.Grantee.ID ? { id: g.Grantee.ID } : {}),
                          ...(g.Grantee.URI ? { uri: g.Grantee.URI } : {}),
                          ...(g.Grantee.EmailAddress ? { emailAddress: g.Grantee.EmailAddress } : {}),
                      },
                  })),
              }
            : {}),
    };
}

/**
 * The log bucket of this stack's account and region, and the logging of its `purpose` bucket into it.
 * The log bucket is SSE-S3 (S3 cannot deliver server access logs to an SSE-KMS bucket) and never logs
 * itself (each delivery would log another delivery). Nothing is declared when `accessLogging` is false.
 *
 * An adopted bucket that already logs keeps its live target when `adopt` kept it (the default): that
 * target is where its owners already read the logs (queries, retention, a SIEM), and moving it would
 * split the history in two and silently cut whatever reads it; the requests are recorded either way.
 * The stack then writes that same target and builds no log bucket, which nothing would log into.
 */
export function stackAccessLogging(
    cfg: CommonConfig,
    purpose: Extract<BucketPurpose, "data" | "replica">,
    source: HardenedBucket,
) {
    if (!cfg.accessLogging) return {};
    const kept = cfg.existingBucketName !== undefined ? cfg.adopted?.keptAccessLogging : undefined;
    if (kept) {
        new aws.s3.BucketLogging(
            `${purpose}-access-logging`,
            { bucket: source.bucketName, ...keptAccessLoggingInput(kept) },
            { parent: source, retainOnDelete: true },
        );
        return { accessLogBucketName: kept.TargetBucket };
    }
    const logBucketName = ownBucketName(cfg, "logs");
    const logs = stackBucket(cfg, "logs", {
        policyStatements: [
            accessLogDeliveryStatement({
                logBucketArn: bucketArn(logBucketName),
                sourceAccountId: cfg.accountId,
                // The stack's main bucket: the adopted one's name when `existingBucketName` is set.
                sourceBucketArns: [bucketArn(mainBucketName(cfg))],
            }),
        ],
    });
    new aws.s3.BucketLogging(
        `${purpose}-access-logging`,
        {
            bucket: source.bucketName,
            targetBucket: logs.bucketName,
            targetPrefix: ACCESS_LOG_PREFIX,
            // Partitioned by the time of the request, so a day's logs are one prefix to query or expire.
            targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } },
        },
        // Delivery starts as soon as logging is on: the log bucket's policy must admit it first.
        // An adopted bucket keeps logging when the stack is destroyed, like its other settings.
        { parent: source, dependsOn: [logs.policy], retainOnDelete: cfg.existingBucketName !== undefined },
    );
    return { accessLogBucketName: logs.bucketName };
}
