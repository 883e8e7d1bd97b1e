// Passing and failing fixtures for the replication policies.

import * as aws from "@pulumi/aws";

import {
    replicationCrossAccountDestination,
    replicationRoleTrust,
    replicationTimeControlMetrics,
    replicationVersioning,
} from "../policies/replication";
import { PolicyInputResource } from "../runner";
import { T } from "../lib/types";
import { UNKNOWN_SENTINEL } from "../lib/values";
import { alter, json, policyCases, res, violation, without } from "./fixtures";
import { A, B, arn, destStack, hardenedBucket, names, roleArn, tokyoStack } from "./stacks";

const find = (stack: PolicyInputResource[], name: string, type?: string): PolicyInputResource =>
    stack.find((r) => r.name === name && (type === undefined || r.type === type)) as PolicyInputResource;

const rtc = { status: "Enabled", time: { minutes: 15 } };

{
    const tokyo = tokyoStack();
    const suspended = alter(
        tokyo,
        "data-versioning",
        undefined,
        (i) => (i.versioningConfiguration.status = "Suspended"),
    );
    // Osaka's bucket in the tokyo stack (a single-stack layout) without any versioning resource.
    const osakaInTokyo = [
        ...tokyo,
        res(aws.s3.Bucket, "osaka-data", { bucket: names.dataOsaka }, { id: names.dataOsaka }),
    ];
    const replicaUnversioned = without(destStack(), "replica-versioning", T.versioning);
    const v2Source = [
        res(aws.s3.BucketV2, "legacy", {
            bucket: "example-legacy-source",
            versionings: [{ enabled: false }],
            replicationConfigurations: [
                {
                    role: roleArn(A, names.replicationRole),
                    rules: [{ status: "Enabled", destinations: [{ bucket: arn(names.dataOsaka) }] }],
                },
            ],
        }),
    ];
    policyCases(replicationVersioning, {
        pass: [
            {
                title: "tokyo: replicated buckets versioned (peer buckets in other stacks are not judged here)",
                resources: tokyo,
            },
            { title: "dest-account: replica bucket versioned", resources: destStack() },
            {
                title: "a versioning resource whose bucket is unknown during preview may be the missing one",
                resources: [
                    ...without(tokyo, "data-versioning", T.versioning),
                    res(aws.s3.BucketVersioning, "pending", {
                        bucket: UNKNOWN_SENTINEL,
                        versioningConfiguration: { status: "Enabled" },
                    }),
                ],
            },
        ],
        fail: [
            {
                title: "source bucket versioning suspended",
                resources: suspended,
                expect: [
                    violation(
                        replicationVersioning,
                        find(suspended, "data-versioning"),
                        `Bucket '${names.dataTokyo}' replicates to other buckets (replication-ap-northeast-1), but its versioning status is Suspended.`,
                    ),
                ],
            },
            {
                title: "destination bucket in the stack without versioning",
                resources: osakaInTokyo,
                expect: [
                    violation(
                        replicationVersioning,
                        find(osakaInTokyo, "osaka-data"),
                        `Bucket '${names.dataOsaka}' is the destination of rule 'to-ap-northeast-3' in replication-ap-northeast-1, but versioning is not enabled.`,
                    ),
                ],
            },
            {
                title: "bucket another account replicates into, without versioning",
                resources: replicaUnversioned,
                expect: [
                    violation(
                        replicationVersioning,
                        find(replicaUnversioned, "replica", T.bucket),
                        `Bucket '${names.replica}' lets another account replicate into it (its bucket policy grants s3:ReplicateObject), but versioning is not enabled.`,
                    ),
                ],
            },
            {
                title: "deprecated BucketV2 with inline replication and versioning off",
                resources: v2Source,
                expect: [
                    violation(
                        replicationVersioning,
                        v2Source[0],
                        "Bucket 'example-legacy-source' replicates to other buckets (legacy), but versioning is not enabled.",
                    ),
                ],
            },
        ],
    });
}

{
    const config = (rule: Record<string, unknown>): PolicyInputResource =>
        res(aws.s3.BucketReplicationConfig, "rc", {
            bucket: names.dataTokyo,
            role: roleArn(A, names.replicationRole),
            rules: [{ id: "r1", status: "Enabled", ...rule } as never],
        });
    const metricsOff = config({
        destination: { bucket: arn(names.dataOsaka), replicationTime: rtc, metrics: { status: "Disabled" } },
    });
    const inline = res(aws.s3.Bucket, "inline", {
        bucket: "example-inline-source",
        replicationConfiguration: {
            role: roleArn(A, names.replicationRole),
            rules: [
                {
                    status: "Enabled",
                    destination: { bucket: arn(names.dataOsaka), replicationTime: { status: "Enabled", minutes: 15 } },
                },
            ],
        },
    });
    policyCases(replicationTimeControlMetrics, {
        pass: [
            { title: "tokyo: RTC with metrics on every rule", resources: tokyoStack() },
            { title: "no RTC, no metrics", resources: [config({ destination: { bucket: arn(names.dataOsaka) } })] },
        ],
        fail: [
            {
                title: "RTC with metrics disabled",
                resources: [metricsOff],
                expect: [
                    violation(
                        replicationTimeControlMetrics,
                        metricsOff,
                        "Replication rule 'r1' enables Replication Time Control but its metrics are Disabled.",
                    ),
                ],
            },
            {
                title: "inline v7 Bucket rule with RTC and no metrics",
                resources: [inline],
                expect: [
                    violation(
                        replicationTimeControlMetrics,
                        inline,
                        "Replication rule #1 enables Replication Time Control but its metrics are not set.",
                    ),
                ],
            },
        ],
    });
}

{
    const config = (destination: Record<string, unknown>): PolicyInputResource =>
        res(aws.s3.BucketReplicationConfig, "rc", {
            bucket: names.dataTokyo,
            role: roleArn(A, names.replicationRole),
            rules: [
                {
                    id: "to-dest",
                    status: "Enabled",
                    destination: { bucket: arn(names.replica), ...destination } as never,
                },
            ],
        });
    const noAccountOverride = config({ accessControlTranslation: { owner: "Destination" } });
    const noAccountAtAll = config({});
    const badAccount = config({ account: "dest-account", accessControlTranslation: { owner: "Destination" } });
    policyCases(replicationCrossAccountDestination, {
        pass: [
            { title: "tokyo: the rule to the destination account names it", resources: tokyoStack() },
            {
                title: "same-account rule (bucket name carries the role's account)",
                resources: [config({ bucket: arn(names.dataOsaka) })],
            },
            { title: "destination unknown during preview", resources: [config({ bucket: UNKNOWN_SENTINEL })] },
        ],
        fail: [
            {
                title: "owner override without account",
                resources: [noAccountOverride],
                expect: [
                    violation(
                        replicationCrossAccountDestination,
                        noAccountOverride,
                        "Replication rule 'to-dest' overrides the replica owner to Destination but does not name destination.account.",
                    ),
                ],
            },
            {
                title: "destination bucket of another account, no account",
                resources: [noAccountAtAll],
                expect: [
                    violation(
                        replicationCrossAccountDestination,
                        noAccountAtAll,
                        `Replication rule 'to-dest' writes to '${names.replica}', which belongs to account ${B} by its name, while the replication role is in ${A}; destination.account is not set.`,
                    ),
                ],
            },
            {
                title: "account that is not an account id",
                resources: [badAccount],
                expect: [
                    violation(
                        replicationCrossAccountDestination,
                        badAccount,
                        "Replication rule 'to-dest' names destination account 'dest-account', which is not a 12-digit account id.",
                    ),
                ],
            },
        ],
    });
}

{
    const tokyo = tokyoStack();
    const batchTrust = alter(tokyo, "replication-role", T.role, (i) => {
        i.assumeRolePolicy = json({
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { Service: "batchoperations.s3.amazonaws.com" },
                    Action: "sts:AssumeRole",
                },
            ],
        });
    });
    const inlineRole = [
        ...hardenedBucket("legacy", "example-legacy-source", []),
        res(aws.s3.Bucket, "legacy-inline", {
            bucket: "example-legacy-other",
            replicationConfiguration: {
                role: roleArn(A, "legacy-role"),
                rules: [{ status: "Enabled", destination: { bucket: arn("example-legacy-source") } }],
            },
        }),
        res(aws.iam.Role, "legacy-role", {
            name: "legacy-role",
            assumeRolePolicy: json({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
            }),
        }),
    ];
    policyCases(replicationRoleTrust, {
        pass: [
            { title: "tokyo: replication role trusts s3.amazonaws.com", resources: tokyo },
            { title: "role not in this stack is not judged", resources: without(tokyo, "replication-role", T.role) },
        ],
        fail: [
            {
                title: "replication role trusting only batchoperations.s3.amazonaws.com",
                resources: batchTrust,
                expect: [
                    violation(
                        replicationRoleTrust,
                        find(batchTrust, "replication-role", T.role),
                        "Role 'replication-role' is the replication role of replication-ap-northeast-1 but trusts batchoperations.s3.amazonaws.com, not s3.amazonaws.com.",
                    ),
                ],
            },
            {
                title: "role of an inline replication configuration trusting EC2",
                resources: inlineRole,
                expect: [
                    violation(
                        replicationRoleTrust,
                        find(inlineRole, "legacy-role"),
                        "Role 'legacy-role' is the replication role of legacy-inline but trusts ec2.amazonaws.com, not s3.amazonaws.com.",
                    ),
                ],
            },
        ],
    });
}
