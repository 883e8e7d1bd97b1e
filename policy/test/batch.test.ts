// Passing and failing fixtures for the Batch Operations and inventory policies.

import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

import { batchRoleTrust, batchRoleWritesReportBucket, inventoryDestinationPolicy } from "../policies/batch";
import { PolicyInputResource } from "../runner";
import { T } from "../lib/types";
import { alter, json, policyCases, res, violation, without } from "./fixtures";
import {
    A,
    arn,
    denyInsecureTransport,
    destStack,
    inventoryDelivery,
    manifestRead,
    names,
    roleArn,
    tokyoStack,
} from "./stacks";

const find = (stack: PolicyInputResource[], name: string, type: string): PolicyInputResource =>
    stack.find((r) => r.name === name && r.type === type) as PolicyInputResource;
const trustS3 = json({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole" }],
});
const JOB = "pulumi-nodejs:dynamic:Resource";

{
    const tokyo = tokyoStack();
    // The cross-account replication report: the job reuses the replication role.
    const reused = alter(tokyo, "existing-objects", JOB, (i) => (i.roleArn = roleArn(A, names.replicationRole)));
    const initiatorOnS3 = alter(tokyo, "batch-replication", T.role, (i) => (i.assumeRolePolicy = trustS3));
    const jobless = without(initiatorOnS3, "existing-objects", JOB);
    const copyOnS3 = alter(destStack(), "batch-copy", T.role, (i) => (i.assumeRolePolicy = trustS3));
    policyCases(batchRoleTrust, {
        pass: [
            { title: "tokyo: job role and InitiateReplication role trust batchoperations", resources: tokyo },
            { title: "dest-account: copy role trusts batchoperations", resources: destStack() },
            {
                title: "an S3-trusting role named like a batch role is not judged when the name pattern is changed",
                resources: copyOnS3,
                options: { config: { "s3-batch-role-trust": { batchRoleNamePattern: "^nothing$" } } },
            },
        ],
        fail: [
            {
                title: "job that runs with the replication role (trusts s3.amazonaws.com)",
                resources: reused,
                expect: [
                    violation(
                        batchRoleTrust,
                        find(reused, "replication-role", T.role),
                        "Role 'replication-role' is the role of Batch Operations job existing-objects, but trusts s3.amazonaws.com, not batchoperations.s3.amazonaws.com.",
                    ),
                ],
            },
            {
                title: "role allowed s3:InitiateReplication trusting s3.amazonaws.com, no job in the stack",
                resources: jobless,
                expect: [
                    violation(
                        batchRoleTrust,
                        find(jobless, "batch-replication", T.role),
                        "Role 'batch-replication' is allowed s3:InitiateReplication, which only Batch Replication jobs call, but trusts s3.amazonaws.com, not batchoperations.s3.amazonaws.com.",
                    ),
                ],
            },
            {
                title: "role named like a batch role trusting s3.amazonaws.com",
                resources: copyOnS3,
                expect: [
                    violation(
                        batchRoleTrust,
                        find(copyOnS3, "batch-copy", T.role),
                        `Role 'batch-copy' is named like a Batch Operations role ('${names.batchCopyRole}'), but trusts s3.amazonaws.com, not batchoperations.s3.amazonaws.com.`,
                    ),
                ],
            },
        ],
    });
}

{
    const tokyo = tokyoStack();
    const noReportWrite = alter(tokyo, "batch-replication-permissions", T.rolePolicy, (i) => {
        const doc = JSON.parse(i.policy);
        doc.Statement = doc.Statement.filter((s: { Sid?: string }) => s.Sid !== "WriteReport");
        i.policy = json(doc);
    });
    const wrongPrefix = alter(tokyo, "batch-replication-permissions", T.rolePolicy, (i) => {
        i.policy = i.policy.replace(`${names.reports}/batch-replication/*`, `${names.reports}/other-job/*`);
    });
    const dest = destStack();
    const copyWithoutReports = alter(dest, "batch-copy-permissions", T.rolePolicy, (i) => {
        i.policy = i.policy.replace(`${arn(names.reports)}/*`, `${arn(names.replica)}/*`);
    });
    const managedOnly = [
        ...without(copyWithoutReports, "batch-copy-permissions", T.rolePolicy),
        res(aws.iam.RolePolicyAttachment, "batch-copy-s3", {
            role: names.batchCopyRole,
            policyArn: "arn:aws:iam::aws:policy/AmazonS3FullAccess",
        }),
    ];
    policyCases(batchRoleWritesReportBucket, {
        pass: [
            { title: "tokyo: job role may write under the job's report prefix", resources: tokyo },
            { title: "dest-account: copy role may write the report bucket", resources: dest },
            { title: "a role whose permissions come from an AWS managed policy is not judged", resources: managedOnly },
        ],
        fail: [
            {
                title: "job role without any write to the report bucket",
                resources: noReportWrite,
                expect: [
                    violation(
                        batchRoleWritesReportBucket,
                        find(noReportWrite, "batch-replication", T.role),
                        `Role 'batch-replication' runs job existing-objects but may not s3:PutObject its report into '${names.reports}'.`,
                    ),
                ],
            },
            {
                title: "job role writing another prefix than the job's",
                resources: wrongPrefix,
                expect: [
                    violation(
                        batchRoleWritesReportBucket,
                        find(wrongPrefix, "batch-replication", T.role),
                        `Role 'batch-replication' runs job existing-objects but may not s3:PutObject its report into '${names.reports}'.`,
                    ),
                ],
            },
            {
                title: "copy role without the report bucket (the cross-account batch copy report)",
                resources: copyWithoutReports,
                expect: [
                    violation(
                        batchRoleWritesReportBucket,
                        find(copyWithoutReports, "batch-copy", T.role),
                        `Role 'batch-copy' trusts batchoperations.s3.amazonaws.com, but may not s3:PutObject into the report bucket (${names.reports}).`,
                    ),
                ],
            },
        ],
    });
}

{
    const tokyo = tokyoStack();
    const policyWith =
        (statements: unknown[]) =>
        (i: pulumi.Inputs): void => {
            i.policy = json({ Version: "2012-10-17", Statement: statements });
        };
    const pasted = alter(
        tokyo,
        "manifest-policy",
        T.bucketPolicy,
        policyWith([denyInsecureTransport(names.manifest), manifestRead(names.manifest)]),
    );
    const otherSource = alter(
        tokyo,
        "manifest-policy",
        T.bucketPolicy,
        policyWith([denyInsecureTransport(names.manifest), inventoryDelivery(names.manifest, "some-other-bucket")]),
    );
    const noPolicy = without(tokyo, "manifest-policy", T.bucketPolicy);
    const delivery = inventoryDelivery(names.manifest, names.dataTokyo) as { Condition: Record<string, unknown> };
    const unconditioned = alter(
        tokyo,
        "manifest-policy",
        T.bucketPolicy,
        policyWith([denyInsecureTransport(names.manifest), { ...delivery, Condition: undefined }]),
    );
    // StringLike "*" on the account names nobody: the statement is as open as one without conditions.
    const anyAccount = alter(
        tokyo,
        "manifest-policy",
        T.bucketPolicy,
        policyWith([
            denyInsecureTransport(names.manifest),
            { ...delivery, Condition: { StringLike: { "aws:SourceAccount": "*" } } },
        ]),
    );
    const openMessage = `The policy of bucket '${names.manifest}' lets s3.amazonaws.com deliver inventory data-inventory without an aws:SourceArn or aws:SourceAccount condition, so any account's S3 may write into it.`;
    const wrongPrefix = alter(
        tokyo,
        "manifest-policy",
        T.bucketPolicy,
        policyWith([
            { ...inventoryDelivery(names.manifest, names.dataTokyo), Resource: `${arn(names.manifest)}/reports/*` },
        ]),
    );
    policyCases(inventoryDestinationPolicy, {
        pass: [
            {
                title: "tokyo: manifest bucket keeps the delivery statement next to the manifest read",
                resources: tokyo,
            },
            {
                title: "delivery statement tied to the source by aws:SourceAccount alone",
                resources: alter(
                    tokyo,
                    "manifest-policy",
                    T.bucketPolicy,
                    policyWith([{ ...delivery, Condition: { StringEquals: { "aws:SourceAccount": A } } }]),
                ),
            },
            {
                title: "delivery statement restricted to the inventory prefix",
                resources: alter(
                    tokyo,
                    "manifest-policy",
                    T.bucketPolicy,
                    policyWith([
                        {
                            ...inventoryDelivery(names.manifest, names.dataTokyo),
                            Resource: `${arn(names.manifest)}/inventory/*`,
                        },
                    ]),
                ),
            },
        ],
        fail: [
            {
                title: "manifest-read example pasted over the policy (the cross-account batch copy report)",
                resources: pasted,
                expect: [
                    violation(
                        inventoryDestinationPolicy,
                        find(pasted, "manifest-policy", T.bucketPolicy),
                        `The policy of bucket '${names.manifest}' has no statement letting s3.amazonaws.com s3:PutObject inventory data-inventory (from ${names.dataTokyo}).`,
                    ),
                ],
            },
            {
                title: "delivery statement whose aws:SourceArn names another bucket",
                resources: otherSource,
                expect: [
                    violation(
                        inventoryDestinationPolicy,
                        find(otherSource, "manifest-policy", T.bucketPolicy),
                        `The policy of bucket '${names.manifest}' has no statement letting s3.amazonaws.com s3:PutObject inventory data-inventory (from ${names.dataTokyo}).`,
                    ),
                ],
            },
            {
                title: "delivery statement for another prefix than the inventory's",
                resources: wrongPrefix,
                expect: [
                    violation(
                        inventoryDestinationPolicy,
                        find(wrongPrefix, "manifest-policy", T.bucketPolicy),
                        `The policy of bucket '${names.manifest}' has no statement letting s3.amazonaws.com s3:PutObject inventory data-inventory (from ${names.dataTokyo}).`,
                    ),
                ],
            },
            {
                title: "delivery statement without aws:SourceArn or aws:SourceAccount",
                resources: unconditioned,
                expect: [
                    violation(
                        inventoryDestinationPolicy,
                        find(unconditioned, "manifest-policy", T.bucketPolicy),
                        openMessage,
                    ),
                ],
            },
            {
                title: "delivery statement whose aws:SourceAccount is a wildcard",
                resources: anyAccount,
                expect: [
                    violation(
                        inventoryDestinationPolicy,
                        find(anyAccount, "manifest-policy", T.bucketPolicy),
                        openMessage,
                    ),
                ],
            },
            {
                title: "destination without a bucket policy",
                resources: noPolicy,
                expect: [
                    violation(
                        inventoryDestinationPolicy,
                        find(noPolicy, "data-inventory", T.inventory),
                        `Bucket '${names.manifest}' receives inventory data-inventory but has no bucket policy letting s3.amazonaws.com deliver it.`,
                    ),
                ],
            },
        ],
    });
}
