// Passing and failing fixtures for the bucket baseline policies.

import * as aws from "@pulumi/aws";

import {
    bucketDefaultEncryption,
    bucketPolicySecureTransport,
    bucketPublicAccessBlock,
    bucketRequestMetrics,
    bucketSinglePolicy,
    destinationBucketOwnerEnforced,
    policyNoPublicPrincipal,
} from "../policies/storage";
import { PolicyInputResource } from "../runner";
import { T } from "../lib/types";
import { UNKNOWN_SENTINEL } from "../lib/values";
import { alter, json, policyCases, res, violation, without } from "./fixtures";
import {
    A,
    MRAP_ARN,
    arn,
    delegateToAccessPoints,
    denyInsecureTransport,
    destStack,
    hardenedBucket,
    names,
    tokyoStack,
} from "./stacks";

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
    const second = res(aws.s3.BucketPolicy, "b-policy-2", {
        bucket: B1,
        policy: json({ Version: "2012-10-17", Statement: [denyInsecureTransport(B1)] }),
    });
    policyCases(bucketSinglePolicy, {
        pass: [
            { title: "one BucketPolicy", resources: hardened() },
            {
                title: "deprecated inline policy and no BucketPolicy",
                resources: [
                    res(aws.s3.Bucket, "b", {
                        bucket: B1,
                        policy: json({ Version: "2012-10-17", Statement: [denyInsecureTransport(B1)] }),
                    }),
                ],
            },
        ],
        fail: [
            {
                title: "no bucket policy",
                resources: [bucketOnly()],
                expect: [
                    violation(
                        bucketSinglePolicy,
                        bucketOnly(),
                        `Bucket '${B1}' has no bucket policy, so nothing denies requests without TLS.`,
                    ),
                ],
            },
            {
                title: "a second BucketPolicy for the same bucket",
                resources: [...hardened(), second],
                expect: [
                    violation(
                        bucketSinglePolicy,
                        bucketOnly(),
                        `Bucket '${B1}' has 2 BucketPolicy resources (b-policy, b-policy-2); each overwrites the other.`,
                    ),
                ],
            },
        ],
    });
}

{
    const policyOf = (statements: unknown[]): PolicyInputResource =>
        res(aws.s3.BucketPolicy, "b-policy", {
            bucket: B1,
            policy: json({ Version: "2012-10-17", Statement: statements }),
        });
    const objectsOnly = policyOf([{ ...denyInsecureTransport(B1), Resource: `${arn(B1)}/*` }]);
    const noDeny = policyOf([delegateToAccessPoints(B1)]);
    const noStatement = res(aws.s3.BucketPolicy, "b-policy", { bucket: B1, policy: json({ Version: "2012-10-17" }) });
    const onlyGet = policyOf([{ ...denyInsecureTransport(B1), Action: "s3:GetObject" }]);
    policyCases(bucketPolicySecureTransport, {
        pass: [
            { title: "hardened policy (JSON string)", resources: hardened() },
            {
                title: "policy given as an object (aws.iam.PolicyDocument), wildcard resource",
                resources: [
                    res(aws.s3.BucketPolicy, "b-policy", {
                        bucket: B1,
                        policy: {
                            Version: "2012-10-17",
                            Statement: [{ ...denyInsecureTransport(B1), Effect: "Deny", Resource: "*" } as never],
                        },
                    }),
                ],
            },
            {
                title: "deprecated inline policy on the bucket",
                resources: [
                    res(aws.s3.Bucket, "b", {
                        bucket: B1,
                        policy: json({ Version: "2012-10-17", Statement: [denyInsecureTransport(B1)] }),
                    }),
                ],
            },
            { title: "a bucket without inline policy is left to s3-bucket-single-policy", resources: [bucketOnly()] },
        ],
        fail: [
            {
                title: "no TLS deny",
                resources: [noDeny],
                expect: [
                    violation(
                        bucketPolicySecureTransport,
                        noDeny,
                        `The policy of bucket '${B1}' has no statement denying s3:* when aws:SecureTransport is false.`,
                    ),
                ],
            },
            {
                title: "TLS deny on objects only (ListBucket over HTTP still allowed)",
                resources: [objectsOnly],
                expect: [
                    violation(
                        bucketPolicySecureTransport,
                        objectsOnly,
                        `The policy of bucket '${B1}' has no statement denying s3:* when aws:SecureTransport is false.`,
                    ),
                ],
            },
            {
                title: "TLS deny of s3:GetObject only",
                resources: [onlyGet],
                expect: [
                    violation(
                        bucketPolicySecureTransport,
                        onlyGet,
                        `The policy of bucket '${B1}' has no statement denying s3:* when aws:SecureTransport is false.`,
                    ),
                ],
            },
            {
                title: "document without statements",
                resources: [noStatement],
                expect: [violation(bucketPolicySecureTransport, noStatement, "The bucket policy has no Statement.")],
            },
        ],
    });
}

{
    const bucketPolicy = (statements: unknown[]): PolicyInputResource =>
        res(aws.s3.BucketPolicy, "b-policy", {
            bucket: B1,
            policy: json({ Version: "2012-10-17", Statement: statements }),
        });
    const open = bucketPolicy([
        denyInsecureTransport(B1),
        { Sid: "Public", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${arn(B1)}/*` },
    ]);
    const negated = bucketPolicy([
        {
            Effect: "Allow",
            Principal: { AWS: "*" },
            Action: "s3:GetObject",
            Resource: `${arn(B1)}/*`,
            Condition: { StringNotEquals: { "aws:PrincipalAccount": A } },
        },
    ]);
    const mrapOpen = res(aws.s3control.MultiRegionAccessPointPolicy, "mrap-policy", {
        details: {
            name: names.mrap,
            policy: json({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:*", Resource: `${MRAP_ARN}/object/*` }],
            }),
        },
    });
    const seedDelegation = bucketPolicy([
        {
            Effect: "Allow",
            Principal: { AWS: "*" },
            Action: "*",
            Resource: [arn(B1), `${arn(B1)}/*`],
            Condition: { StringEquals: { "s3:DataAccessPointArn": MRAP_ARN } },
        },
    ]);
    policyCases(policyNoPublicPrincipal, {
        pass: [
            {
                title: "tokyo: delegation to own access points, MRAP policy naming the account",
                resources: tokyoStack(),
            },
            { title: "seed 000's MRAP delegation (s3:DataAccessPointArn)", resources: [seedDelegation] },
            { title: "Principal * in a Deny statement", resources: hardened() },
        ],
        fail: [
            {
                title: "Principal * with no condition",
                resources: [open],
                expect: [
                    violation(
                        policyNoPublicPrincipal,
                        open,
                        'Statement Public allows Principal "*" without a condition that narrows the caller.',
                    ),
                ],
            },
            {
                title: "a negated condition narrows nothing",
                resources: [negated],
                expect: [
                    violation(
                        policyNoPublicPrincipal,
                        negated,
                        'Statement #1 allows Principal "*" without a condition that narrows the caller.',
                    ),
                ],
            },
            {
                title: "public MRAP policy",
                resources: [mrapOpen],
                expect: [
                    violation(
                        policyNoPublicPrincipal,
                        mrapOpen,
                        'Statement #1 allows Principal "*" without a condition that narrows the caller.',
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
