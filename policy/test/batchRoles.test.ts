// Which roles the batch policies take for Batch Operations roles, and what they say about a role's trust.

import * as aws from "@pulumi/aws";

import { T } from "../lib/types";
import { UNKNOWN_SENTINEL } from "../lib/values";
import { batchRoleTrust, batchRoleWritesReportBucket } from "../policies/batch";
import { PolicyInputResource } from "../runner";
import { alter, json, policyCases, raw, res, violation } from "./fixtures";
import { A, names, tokyoStack } from "./stacks";

const trust = (principal: Record<string, unknown>): string =>
    json({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole" }] });
const find = (stack: PolicyInputResource[], name: string): PolicyInputResource =>
    stack.find((r) => r.name === name && r.type === T.role) as PolicyInputResource;
const jobRoleTrusting = (principal: Record<string, unknown>): PolicyInputResource[] =>
    alter(tokyoStack(), "batch-replication", T.role, (i) => (i.assumeRolePolicy = trust(principal)));

// The replication role denied s3:InitiateReplication: a Deny says nothing about Batch Replication using the role.
const replicationDenied = alter(tokyoStack(), "replication-role-permissions", T.rolePolicy, (i) => {
    const doc = JSON.parse(i.policy);
    doc.Statement.push({ Effect: "Deny", Action: "s3:InitiateReplication", Resource: "*" });
    i.policy = json(doc);
});
const accountOnly = jobRoleTrusting({ AWS: `arn:aws:iam::${A}:root` });
const twoServices = jobRoleTrusting({ Service: ["s3.amazonaws.com", "ec2.amazonaws.com"] });
const TAIL = "not batchoperations.s3.amazonaws.com.";
const JOB_ROLE = "is the role of Batch Operations job existing-objects";

policyCases(batchRoleTrust, {
    pass: [
        { title: "a role denied s3:InitiateReplication is no Batch Replication role", resources: replicationDenied },
        {
            // AWS Batch (compute) roles are often named "batch"; only a role S3 can assume is taken for an S3 Batch role.
            title: "a role named like a batch role that trusts ecs-tasks.amazonaws.com",
            resources: [
                ...tokyoStack(),
                res(aws.iam.Role, "compute", {
                    name: "app-batch-compute",
                    assumeRolePolicy: trust({ Service: "ecs-tasks.amazonaws.com" }),
                }),
            ],
        },
        {
            title: "a role trusting s3.amazonaws.com whose name is not known yet",
            resources: [
                ...tokyoStack(),
                raw(T.role, "later", {
                    name: UNKNOWN_SENTINEL,
                    assumeRolePolicy: trust({ Service: "s3.amazonaws.com" }),
                }),
            ],
        },
        {
            // A role that already trusts the service needs no check: nothing here must trust it.
            title: "only a role that trusts batchoperations.s3.amazonaws.com, and no job",
            resources: [
                res(aws.iam.Role, "copy", {
                    name: "example-copy",
                    assumeRolePolicy: trust({ Service: "batchoperations.s3.amazonaws.com" }),
                }),
            ],
            notApplicable: "No Batch Operations role in this stack",
        },
    ],
    fail: [
        {
            title: "a job role that trusts an account and no service",
            resources: accountOnly,
            expect: [
                violation(
                    batchRoleTrust,
                    find(accountOnly, "batch-replication"),
                    `Role 'batch-replication' ${JOB_ROLE}, but trusts no service, ${TAIL}`,
                ),
            ],
        },
        {
            title: "a job role that trusts two other services",
            resources: twoServices,
            expect: [
                violation(
                    batchRoleTrust,
                    find(twoServices, "batch-replication"),
                    `Role 'batch-replication' ${JOB_ROLE}, but trusts ec2.amazonaws.com, s3.amazonaws.com, ${TAIL}`,
                ),
            ],
        },
    ],
});

// The job role's own policy writes no report, but an AWS managed policy attached to it may: IAM cannot be judged here.
const partlyManaged = [
    ...alter(tokyoStack(), "batch-replication-permissions", T.rolePolicy, (i) => {
        const doc = JSON.parse(i.policy);
        doc.Statement = doc.Statement.filter((s: { Sid?: string }) => s.Sid !== "WriteReport");
        i.policy = json(doc);
    }),
    res(aws.iam.RolePolicyAttachment, "batch-managed", {
        role: names.batchReplicationRole,
        policyArn: "arn:aws:iam::aws:policy/AmazonS3FullAccess",
    }),
];

policyCases(batchRoleWritesReportBucket, {
    pass: [{ title: "a job role with an AWS managed policy besides its own", resources: partlyManaged }],
    fail: [],
});
