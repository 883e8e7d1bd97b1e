// Passing and failing fixtures for the bucket policy documents: one per bucket, the TLS-only deny, no public principal.

import * as aws from "@pulumi/aws";

import { bucketPolicySecureTransport, bucketSinglePolicy, policyNoPublicPrincipal } from "../policies/bucketPolicy";
import { PolicyInputResource } from "../runner";
import { json, policyCases, res, violation } from "./fixtures";
import {
    A,
    MRAP_ARN,
    arn,
    delegateToAccessPoints,
    denyInsecureTransport,
    hardenedBucket,
    names,
    tokyoStack,
} from "./stacks";

const B1 = "example-bucket-one";
const bucketOnly = (): PolicyInputResource => res(aws.s3.Bucket, "b", { bucket: B1 }, { id: B1 });
const hardened = (): PolicyInputResource[] => hardenedBucket("b", B1, []);

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
    const denyTls = policyOf([
        { ...denyInsecureTransport(B1), Condition: { Bool: { "aws:SecureTransport": "TRUE" } } },
    ]);
    const noStatement = res(aws.s3.BucketPolicy, "b-policy", { bucket: B1, policy: json({ Version: "2012-10-17" }) });
    const onlyGet = policyOf([{ ...denyInsecureTransport(B1), Action: "s3:GetObject" }]);
    const allowNotDeny = policyOf([{ ...denyInsecureTransport(B1), Effect: "Allow" }]);
    // Wildcards that look wide but leave S3 actions out (s3:ListBucket, s3:DeleteObject...): read against the action list.
    const readAndWriteOnly = policyOf([{ ...denyInsecureTransport(B1), Action: ["s3:Get*", "s3:Put*", "s3:*Object"] }]);
    const notActionS3 = policyOf([{ ...denyInsecureTransport(B1), Action: undefined, NotAction: "s3:List*" }]);
    // A second condition narrows the deny to callers outside one VPC endpoint: plain HTTP through it is let through.
    const narrowed = policyOf([
        {
            ...denyInsecureTransport(B1),
            Condition: {
                Bool: { "aws:SecureTransport": "false" },
                StringNotEquals: { "aws:SourceVpce": "vpce-0123456789abcdef0" },
            },
        },
    ]);
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
            {
                title: "S3:* in upper case and a NotAction of other services deny every S3 action",
                resources: [
                    policyOf([{ ...denyInsecureTransport(B1), Action: "S3:*" }]),
                    res(aws.s3.BucketPolicy, "b2-policy", {
                        bucket: B1,
                        policy: json({
                            Version: "2012-10-17",
                            Statement: [{ ...denyInsecureTransport(B1), Action: undefined, NotAction: ["ec2:*"] }],
                        }),
                    }),
                ],
            },
            {
                title: "BoolIfExists, a single-object Statement and Action *",
                resources: [
                    res(aws.s3.BucketPolicy, "b-policy", {
                        bucket: B1,
                        policy: json({
                            Version: "2012-10-17",
                            Statement: {
                                ...denyInsecureTransport(B1),
                                Action: "*",
                                Condition: { BoolIfExists: { "aws:SecureTransport": false } },
                            },
                        }),
                    }),
                ],
            },
            // IAM compares Bool values case-insensitively: "False" and "FALSE" deny plain HTTP as "false" does.
            ...["False", "FALSE"].map((value) => ({
                title: `Bool value written "${value}"`,
                resources: [
                    policyOf([{ ...denyInsecureTransport(B1), Condition: { Bool: { "aws:SecureTransport": value } } }]),
                ],
            })),
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
                title: 'a deny of "TRUE" (any case) denies HTTPS, not plain HTTP',
                resources: [denyTls],
                expect: [
                    violation(
                        bucketPolicySecureTransport,
                        denyTls,
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
                title: 'a "deny" whose Effect is Allow',
                resources: [allowNotDeny],
                expect: [
                    violation(
                        bucketPolicySecureTransport,
                        allowNotDeny,
                        `The policy of bucket '${B1}' has no statement denying s3:* when aws:SecureTransport is false.`,
                    ),
                ],
            },
            {
                title: "TLS deny narrowed by a second condition",
                resources: [narrowed],
                expect: [
                    violation(
                        bucketPolicySecureTransport,
                        narrowed,
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
                title: "TLS deny of s3:Get*, s3:Put* and s3:*Object only (ListBucket, DeleteObjectVersion... over HTTP)",
                resources: [readAndWriteOnly],
                expect: [
                    violation(
                        bucketPolicySecureTransport,
                        readAndWriteOnly,
                        `The policy of bucket '${B1}' has no statement denying s3:* when aws:SecureTransport is false.`,
                    ),
                ],
            },
            {
                title: "TLS deny of everything but s3:List*",
                resources: [notActionS3],
                expect: [
                    violation(
                        bucketPolicySecureTransport,
                        notActionS3,
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
    const reportDelegation = bucketPolicy([
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
            { title: "the MRAP field report's MRAP delegation (s3:DataAccessPointArn)", resources: [reportDelegation] },
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
