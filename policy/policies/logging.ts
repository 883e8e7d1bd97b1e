// Access logging: every data or replica bucket records who read, wrote or deleted its objects.

import { StackValidationPolicy } from "@pulumi/policy";

import { StackView, bucketRef } from "../lib/stack";
import { LOGGING_TYPES } from "../lib/types";
import { UNKNOWN, get } from "../lib/values";

/** Buckets that hold no user data: our naming module names them `<prefix>-<purpose>-<account>-<region>`. */
export const DEFAULT_LOG_EXEMPT_BUCKET_PATTERN = "(^|[-_.])(manifest|reports?|athena|logs?)([-_.]|$)";

export const bucketAccessLogging: StackValidationPolicy = {
    name: "s3-bucket-access-logging",
    configSchema: {
        properties: {
            exemptBucketPattern: {
                type: "string",
                default: DEFAULT_LOG_EXEMPT_BUCKET_PATTERN,
                description:
                    "Regular expression matched against bucket names to find buckets that hold no user data (manifest, report, query result and log buckets).",
            },
        },
    },
    description:
        "Every data or replica bucket has S3 server access logging (aws.s3.BucketLogging, or the Bucket's inline logging). " +
        "Without it nothing records who read, wrote or deleted an object (AWS Security Hub S3.9). Buckets whose name matches " +
        "pack config exemptBucketPattern (manifest, report, Athena result and log buckets) and buckets that receive access " +
        "logs are exempt: a log bucket logging itself logs its own deliveries forever. Advisory, because a stack may record " +
        "the same requests with CloudTrail data events, which this stack cannot see. Fix: add aws.s3.BucketLogging for the " +
        "bucket with a targetBucket of the same account and region (or set config accessLogging to true).",
    enforcementLevel: "advisory",
    validateStack: (args, report) => {
        const view = new StackView(args);
        const buckets = view.buckets();
        if (buckets.length === 0) args.notApplicable("No S3 buckets in this stack");
        const exempt = new RegExp(
            args.getConfig<{ exemptBucketPattern?: string }>().exemptBucketPattern ?? DEFAULT_LOG_EXEMPT_BUCKET_PATTERN,
        );
        const logging = view.attachments(LOGGING_TYPES);
        if (logging.unresolved) return;
        const targets = new Set<string>();
        for (const attached of logging.byBucket.values())
            for (const l of attached) {
                const target = bucketRef(l.props["targetBucket"]);
                if (typeof target === "string") targets.add(target);
            }
        for (const bucket of buckets) {
            const name = view.bucketName(bucket);
            if (typeof name !== "string" || exempt.test(name) || targets.has(name)) continue;
            const inline = get(bucket.props, "logging", "targetBucket");
            if (logging.byBucket.has(name) || inline === UNKNOWN || typeof inline === "string") continue;
            report(`Bucket '${name}' has no server access logging, so no request to it is recorded.`, bucket.urn);
        }
    },
};

export const loggingPolicies = [bucketAccessLogging];
