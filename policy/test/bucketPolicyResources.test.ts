// The TLS-only deny covers the policy's own bucket and its objects: a bucket named inline, or not known yet (preview).

import * as aws from "@pulumi/aws";

import { bucketPolicySecureTransport } from "../policies/bucketPolicy";
import { UNKNOWN_SENTINEL } from "../lib/values";
import { PolicyInputResource } from "../runner";
import { json, policyCases, res, violation } from "./fixtures";
import { arn, denyInsecureTransport } from "./stacks";

const B1 = "example-bucket-one";

/** A BucketPolicy whose bucket is another resource's output, not known during preview. */
const policyOfUnknownBucket = (resource: string | string[]): PolicyInputResource =>
    res(aws.s3.BucketPolicy, "b-policy", {
        bucket: UNKNOWN_SENTINEL,
        policy: json({ Version: "2012-10-17", Statement: [{ ...denyInsecureTransport(B1), Resource: resource }] }),
    });

/** The deprecated inline policy of bucket B1, its TLS deny on `resource`. */
const inlineOnB1 = (resource: string[]): PolicyInputResource =>
    res(
        aws.s3.Bucket,
        "b",
        {
            bucket: B1,
            policy: json({ Version: "2012-10-17", Statement: [{ ...denyInsecureTransport(B1), Resource: resource }] }),
        },
        { id: B1 },
    );
const OTHER = "example-bucket-other";
const denyOnOther = inlineOnB1([arn(OTHER), `${arn(OTHER)}/*`]);

const objectsOnly = policyOfUnknownBucket(`${arn(B1)}/*`);
const bucketOnly = policyOfUnknownBucket(arn(B1));

policyCases(bucketPolicySecureTransport, {
    pass: [
        {
            title: "bucket not known yet: the deny names a bucket ARN and its objects",
            resources: [policyOfUnknownBucket([arn(B1), `${arn(B1)}/*`])],
        },
        { title: "bucket not known yet: the deny names every resource", resources: [policyOfUnknownBucket("*")] },
        {
            title: "a bucket's inline policy denying on its own ARNs",
            resources: [inlineOnB1([arn(B1), `${arn(B1)}/*`])],
        },
    ],
    fail: [
        {
            title: "a bucket's inline policy whose deny names another bucket",
            resources: [denyOnOther],
            expect: [
                violation(
                    bucketPolicySecureTransport,
                    denyOnOther,
                    `The policy of bucket '${B1}' has no statement denying s3:* when aws:SecureTransport is false.`,
                ),
            ],
        },
        {
            title: "bucket not known yet: a deny on objects only (ListBucket over HTTP still allowed)",
            resources: [objectsOnly],
            expect: [
                violation(
                    bucketPolicySecureTransport,
                    objectsOnly,
                    "The policy of bucket '(unknown)' has no statement denying s3:* when aws:SecureTransport is false.",
                ),
            ],
        },
        {
            title: "bucket not known yet: a deny on the bucket only (objects over HTTP still allowed)",
            resources: [bucketOnly],
            expect: [
                violation(
                    bucketPolicySecureTransport,
                    bucketOnly,
                    "The policy of bucket '(unknown)' has no statement denying s3:* when aws:SecureTransport is false.",
                ),
            ],
        },
    ],
});
