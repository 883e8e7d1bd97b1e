// Storage policies at their edges: analytics exports, a delivery into another stack, values not known yet (preview).

import * as aws from "@pulumi/aws";

import { T } from "../lib/types";
import { UNKNOWN_SENTINEL } from "../lib/values";
import { bucketRequestMetrics, destinationBucketOwnerEnforced } from "../policies/storage";
import { PolicyInputResource } from "../runner";
import { alter, policyCases, res, violation } from "./fixtures";
import { A, arn, hardenedBucket } from "./stacks";

const DATA = `example-s3mr-data-${A}-ap-northeast-1`;
const EXPORTS = `example-s3mr-exports-${A}-ap-northeast-1`;

/** The data bucket exporting storage-class analysis into `dest`. */
const analyticsInto = (dest: string): PolicyInputResource =>
    res(aws.s3.AnalyticsConfiguration, "data-analytics", {
        bucket: DATA,
        name: "entire-bucket",
        storageClassAnalysis: {
            dataExport: { destination: { s3BucketDestination: { bucketArn: arn(dest), format: "CSV" } } },
        },
    });
const exportsBucket = (ownership: string): PolicyInputResource[] =>
    alter(hardenedBucket("exports", EXPORTS, []), "exports-ownership", T.ownershipControls, (i) => {
        i.rule = { objectOwnership: ownership };
    });
const objectWriter = [...hardenedBucket("data", DATA, []), ...exportsBucket("ObjectWriter"), analyticsInto(EXPORTS)];

policyCases(destinationBucketOwnerEnforced, {
    pass: [
        {
            title: "analytics exported into a BucketOwnerEnforced bucket",
            resources: [
                ...hardenedBucket("data", DATA, []),
                ...exportsBucket("BucketOwnerEnforced"),
                analyticsInto(EXPORTS),
            ],
        },
        {
            title: "the export bucket's ownership not known yet",
            resources: [
                ...hardenedBucket("data", DATA, []),
                ...exportsBucket(UNKNOWN_SENTINEL),
                analyticsInto(EXPORTS),
            ],
        },
        {
            title: "analytics exported into a bucket of another stack",
            resources: [...hardenedBucket("data", DATA, []), analyticsInto(EXPORTS)],
            notApplicable: "No inventory, analytics or report destination bucket in this stack",
        },
    ],
    fail: [
        {
            title: "analytics exported into an ObjectWriter bucket",
            resources: objectWriter,
            expect: [
                violation(
                    destinationBucketOwnerEnforced,
                    objectWriter.find((r) => r.name === "exports-ownership"),
                    `Bucket '${EXPORTS}' receives S3 analytics exports but its object ownership is ObjectWriter, not BucketOwnerEnforced.`,
                ),
            ],
        },
    ],
});

const unnamed = alter(hardenedBucket("data", DATA, []), "data", T.bucket, (i) => {
    i.bucket = UNKNOWN_SENTINEL;
});

policyCases(bucketRequestMetrics, {
    // Its metrics configuration cannot be joined to it before the name is known; the check runs again at `pulumi up`.
    pass: [{ title: "a bucket whose name is not known yet", resources: unnamed.filter((r) => r.type === T.bucket) }],
    fail: [],
});
