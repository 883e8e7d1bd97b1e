// Passing and failing fixtures for the bucket baseline policies.

import * as aws from "@pulumi/aws";

import {
    bucketDefaultEncryption,
    bucketOwnerEnforced,
    bucketPublicAccessBlock,
    bucketRequestMetrics,
    bucketVersioning,
    destinationBucketOwnerEnforced,
} from "../policies/storage";
import { PolicyInputResource } from "../runner";
import { T } from "../lib/types";
import { UNKNOWN_SENTINEL } from "../lib/values";
import { alter, policyCases, res, violation, without } from "./fixtures";
import { arn, destStack, hardenedBucket, names, tokyoStack } from "./stacks";

const B1 = "example-bucket-one";
const bucketOnly = (): PolicyInputResource => res(aws.s3.Bucket, "b", { bucket: B1 }, { id: B1 });
const hardened = (): PolicyInputResource[] => hardenedBucket("b", B1, []);
const find = (stack: PolicyInputResource[], name: string): PolicyInputResource =>
    stack.find((r) => r.name === name) as PolicyInputResource;

const allFour = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };

{
    const partialPab = res(aws.s3.BucketPublicAccessBlock, "b-pab", {
        bucket: B1,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        restrictPublicBuckets: false,
    });
    policyCases(bucketPublicAccessBlock, {
        pass: [
            { title: "hardened bucket with all four flags", resources: hardened() },
            {
                title: "account-level public access block with all four flags",
                resources: [bucketOnly(), res(aws.s3.AccountPublicAccessBlock, "account", allFour)],
            },
            {
                title: "a block whose bucket is unknown during preview is not held against any bucket",
                resources: [
                    bucketOnly(),
                    res(aws.s3.BucketPublicAccessBlock, "pending", { bucket: UNKNOWN_SENTINEL, ...allFour }),
                ],
            },
        ],
        fail: [
            {
                title: "bucket without a block",
                resources: [bucketOnly()],
                expect: [
                    violation(bucketPublicAccessBlock, bucketOnly(), `Bucket '${B1}' has no BucketPublicAccessBlock.`),
                ],
            },
            {
                title: "block with a flag false and one missing",
                resources: [bucketOnly(), partialPab],
                expect: [
                    violation(
                        bucketPublicAccessBlock,
                        partialPab,
                        `Bucket '${B1}': public access block leaves ignorePublicAcls, restrictPublicBuckets off (not true).`,
                    ),
                ],
            },
        ],
    });
}

{
    const weak = res(aws.s3.BucketServerSideEncryptionConfiguration, "b-sse", {
        bucket: B1,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES128" } }],
    });
    policyCases(bucketDefaultEncryption, {
        pass: [
            { title: "hardened bucket (SSE-S3)", resources: hardened() },
            {
                title: "inline SSE-KMS on a v7 Bucket",
                resources: [
                    res(aws.s3.Bucket, "b", {
                        bucket: B1,
                        serverSideEncryptionConfiguration: {
                            rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } },
                        },
                    }),
                ],
            },
            {
                title: "inline encryption on a deprecated BucketV2 (list form)",
                resources: [
                    res(aws.s3.BucketV2, "b", {
                        bucket: B1,
                        serverSideEncryptionConfigurations: [
                            { rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "AES256" }] }] },
                        ],
                    }),
                ],
            },
        ],
        fail: [
            {
                title: "bucket without encryption",
                resources: [bucketOnly()],
                expect: [
                    violation(bucketDefaultEncryption, bucketOnly(), `Bucket '${B1}' declares no default encryption.`),
                ],
            },
            {
                title: "encryption configuration with an unsupported algorithm",
                resources: [bucketOnly(), weak],
                expect: [
                    violation(
                        bucketDefaultEncryption,
                        weak,
                        `Bucket '${B1}': encryption configuration sets no supported sseAlgorithm (found ["AES128"]).`,
                    ),
                ],
            },
        ],
    });
}

{
    const tokyo = tokyoStack();
    const writer = alter(tokyo, "manifest-ownership", undefined, (i) => (i.rule.objectOwnership = "ObjectWriter"));
    const noControls = without(tokyo, "manifest-ownership", T.ownershipControls);
    const preferred = alter(
        destStack(),
        "reports-ownership",
        undefined,
        (i) => (i.rule.objectOwnership = "BucketOwnerPreferred"),
    );
    const analytics = [
        ...hardenedBucket("exports", "example-analytics-exports", []),
        res(aws.s3.AnalyticsConfiguration, "analytics", {
            bucket: B1,
            storageClassAnalysis: {
                dataExport: { destination: { s3BucketDestination: { bucketArn: arn("example-analytics-exports") } } },
            },
        }),
    ];
    policyCases(destinationBucketOwnerEnforced, {
        pass: [
            { title: "tokyo: inventory destination is BucketOwnerEnforced", resources: tokyo },
            { title: "dest-account: report bucket is BucketOwnerEnforced", resources: destStack() },
            { title: "analytics export destination is BucketOwnerEnforced", resources: analytics },
        ],
        fail: [
            {
                title: "inventory destination with ObjectWriter",
                resources: writer,
                expect: [
                    violation(
                        destinationBucketOwnerEnforced,
                        find(writer, "manifest-ownership"),
                        `Bucket '${names.manifest}' receives S3 inventory reports but its object ownership is ObjectWriter, not BucketOwnerEnforced.`,
                    ),
                ],
            },
            {
                title: "inventory destination without ownership controls",
                resources: noControls,
                expect: [
                    violation(
                        destinationBucketOwnerEnforced,
                        find(noControls, "manifest"),
                        `Bucket '${names.manifest}' receives S3 inventory reports but has no BucketOwnershipControls (BucketOwnerEnforced).`,
                    ),
                ],
            },
            {
                title: "report bucket (found by name) with BucketOwnerPreferred, which keeps ACLs",
                resources: preferred,
                expect: [
                    violation(
                        destinationBucketOwnerEnforced,
                        find(preferred, "reports-ownership"),
                        `Bucket '${names.reports}' receives Batch Operations reports but its object ownership is BucketOwnerPreferred, not BucketOwnerEnforced.`,
                    ),
                ],
            },
        ],
    });
}

{
    const noMetric = without(hardened(), "b-metrics", T.bucketMetric);
    policyCases(bucketRequestMetrics, {
        pass: [{ title: "hardened bucket has request metrics", resources: hardened() }],
        fail: [
            {
                title: "bucket without request metrics",
                resources: noMetric,
                expect: [
                    violation(
                        bucketRequestMetrics,
                        bucketOnly(),
                        `Bucket '${B1}' has no request metrics configuration.`,
                    ),
                ],
            },
        ],
    });
}

{
    const suspended = alter(
        hardened(),
        "b-versioning",
        T.versioning,
        (i) => (i.versioningConfiguration.status = "Suspended"),
    );
    const noVersioning = without(hardened(), "b-versioning", T.versioning);
    policyCases(bucketVersioning, {
        pass: [
            { title: "hardened bucket", resources: hardened() },
            { title: "every bucket of the three stacks", resources: [...tokyoStack(), ...destStack()] },
            {
                title: "a replicated bucket is left to s3-replication-versioning (one cause, one finding)",
                resources: without(tokyoStack(), "data-versioning", T.versioning),
            },
            {
                title: "inline versioning on a deprecated BucketV2",
                resources: [
                    ...without(hardened(), "b-versioning", T.versioning).filter((r) => r.type !== T.bucket),
                    res(aws.s3.BucketV2, "b", { bucket: B1, versionings: [{ enabled: true }] }),
                ],
            },
        ],
        fail: [
            {
                title: "versioning suspended",
                resources: suspended,
                expect: [
                    violation(
                        bucketVersioning,
                        find(suspended, "b-versioning"),
                        `Bucket '${B1}' has versioning Suspended, not Enabled.`,
                    ),
                ],
            },
            {
                title: "a manifest bucket (not replicated) without versioning",
                resources: without(tokyoStack(), "manifest-versioning", T.versioning),
                expect: [
                    violation(
                        bucketVersioning,
                        find(tokyoStack(), "manifest"),
                        `Bucket '${names.manifest}' is not versioned (no BucketVersioning with status Enabled).`,
                    ),
                ],
            },
            {
                title: "no versioning resource",
                resources: noVersioning,
                expect: [
                    violation(
                        bucketVersioning,
                        bucketOnly(),
                        `Bucket '${B1}' is not versioned (no BucketVersioning with status Enabled).`,
                    ),
                ],
            },
        ],
    });
}

{
    const objectWriter = alter(
        hardened(),
        "b-ownership",
        T.ownershipControls,
        (i) => (i.rule.objectOwnership = "ObjectWriter"),
    );
    const replicaWithoutControls = without(destStack(), "replica-ownership", T.ownershipControls);
    policyCases(bucketOwnerEnforced, {
        pass: [
            { title: "hardened bucket", resources: hardened() },
            { title: "every bucket of the three stacks", resources: [...tokyoStack(), ...destStack()] },
            {
                title: "an inventory destination is left to s3-destination-bucket-owner-enforced (one cause, one finding)",
                resources: without(tokyoStack(), "manifest-ownership", T.ownershipControls),
            },
        ],
        fail: [
            {
                title: "ObjectWriter",
                resources: objectWriter,
                expect: [
                    violation(
                        bucketOwnerEnforced,
                        find(objectWriter, "b-ownership"),
                        `Bucket '${B1}' has object ownership ObjectWriter, so ACLs stay on.`,
                    ),
                ],
            },
            {
                title: "a replica bucket without ownership controls",
                resources: replicaWithoutControls,
                expect: [
                    violation(
                        bucketOwnerEnforced,
                        find(destStack(), "replica"),
                        `Bucket '${names.replica}' has no BucketOwnershipControls, so ACLs stay on.`,
                    ),
                ],
            },
        ],
    });
}
