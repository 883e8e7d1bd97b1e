// Batch policies at their edges: values not known yet (preview), a job's role or a delivery in another stack, replication roles.

import { batchRoleTrust, batchRoleWritesReportBucket, inventoryDestinationPolicy } from "../policies/batch";
import { T } from "../lib/types";
import { UNKNOWN_SENTINEL } from "../lib/values";
import { alter, json, policyCases, raw, violation } from "./fixtures";
import { PolicyInputResource } from "../runner";
import { A, arn, denyInsecureTransport, manifestRead, names, roleArn, tokyoStack } from "./stacks";

const JOB = "pulumi-nodejs:dynamic:Resource";
const withJob = (change: (i: { roleArn: string; reportBucketArn: string }) => void) =>
    alter(tokyoStack(), "existing-objects", JOB, (i) => change(i as { roleArn: string; reportBucketArn: string }));
// A role of another stack (or account): nothing here can say what it trusts or may write.
const roleElsewhere = withJob((i) => (i.roleArn = roleArn(A, "example-s3mr-batch-elsewhere")));
const roleUnknown = withJob((i) => (i.roleArn = UNKNOWN_SENTINEL));

// The job's role with its trust policy changed: not known yet, absent, or not parsable.
const jobRoleTrust = (trust: string | undefined): PolicyInputResource[] =>
    alter(tokyoStack(), "batch-replication", T.role, (i) => {
        if (trust === undefined) delete i.assumeRolePolicy;
        else i.assumeRolePolicy = trust;
    });
// Roles that are not a job's, with a trust policy not known yet, absent, or not parsable: not batch roles by their trust.
const otherRoles = [
    ...tokyoStack(),
    raw(T.role, "later-role", { assumeRolePolicy: UNKNOWN_SENTINEL }),
    raw(T.role, "bare-role", {}),
    raw(T.role, "broken-role", { assumeRolePolicy: "{" }),
];
// A report bucket of this account in the stack that the job does not use: the job's role is judged on its own job's.
const otherReportBucket = [
    ...tokyoStack(),
    raw(T.bucket, "local-reports", { bucket: `example-s3mr-reports-${A}-ap-northeast-1` }),
];
// The replication configuration names a role of another stack.
const replicationRoleElsewhere = alter(tokyoStack(), "replication-ap-northeast-1", T.replicationConfig, (i) => {
    i.role = roleArn(A, "example-s3mr-replication-elsewhere");
});

policyCases(batchRoleTrust, {
    pass: [
        { title: "the job role's trust policy not known yet", resources: jobRoleTrust(UNKNOWN_SENTINEL) },
        { title: "the job role with no trust policy", resources: jobRoleTrust(undefined) },
        { title: "roles whose trust policy is not known, absent or does not parse", resources: otherRoles },
        { title: "a replication configuration whose role is in another stack", resources: replicationRoleElsewhere },
        { title: "a job whose role is declared in another stack", resources: roleElsewhere },
        { title: "a job whose role is not known yet", resources: roleUnknown },
        {
            // The replication role trusts s3.amazonaws.com as it must; a name pattern that matches it does not make it a batch role.
            title: "a replication role whose name matches the batch role pattern",
            resources: tokyoStack(),
            options: { config: { "s3-batch-role-trust": { batchRoleNamePattern: names.replicationRole } } },
        },
    ],
    fail: [],
});

// The job writes no completion report, and its role may write no report anywhere.
const noReport = alter(
    alter(tokyoStack(), "existing-objects", JOB, (i) => (i.reportEnabled = false)),
    "batch-replication-permissions",
    T.rolePolicy,
    (i) => {
        const doc = JSON.parse(i.policy);
        doc.Statement = doc.Statement.filter((s: { Sid?: string }) => s.Sid !== "WriteReport");
        i.policy = json(doc);
    },
);

policyCases(batchRoleWritesReportBucket, {
    pass: [
        { title: "a job with reports disabled, whose role may write no report", resources: noReport },
        { title: "roles whose trust policy is not known, absent or does not parse", resources: otherRoles },
        { title: "a report bucket in the stack that the job does not use", resources: otherReportBucket },
        { title: "the job role's trust policy not known yet", resources: jobRoleTrust(UNKNOWN_SENTINEL) },
        { title: "the job role's trust policy does not parse", resources: jobRoleTrust("{") },
        { title: "a replication configuration whose role is in another stack", resources: replicationRoleElsewhere },
        { title: "a job whose role is declared in another stack", resources: roleElsewhere },
        { title: "a job whose role is not known yet", resources: roleUnknown },
        {
            title: "a job whose report bucket is not known yet",
            resources: withJob((i) => (i.reportBucketArn = UNKNOWN_SENTINEL)),
        },
    ],
    fail: [],
});

// The manifest bucket's policy with the delivery statement pasted over (the cross-account batch copy report).
const pasted = alter(tokyoStack(), "manifest-policy", T.bucketPolicy, (i) => {
    i.policy = json({
        Version: "2012-10-17",
        Statement: [denyInsecureTransport(names.manifest), manifestRead(names.manifest)],
    });
});
type InventoryInputs = { bucket: string; name: string; destination: { bucket: Record<string, string> } };
const withInventory = (change: (i: InventoryInputs) => void) =>
    alter(pasted, "data-inventory", T.inventory, (i) => change(i as unknown as InventoryInputs));
const withManifestPolicy = (policy: string) =>
    alter(pasted, "manifest-policy", T.bucketPolicy, (i) => {
        i.policy = policy;
    });

const deniedDelivery = withManifestPolicy(
    json({
        Version: "2012-10-17",
        Statement: [
            denyInsecureTransport(names.manifest),
            manifestRead(names.manifest),
            {
                Effect: "Deny",
                Principal: { Service: "s3.amazonaws.com" },
                Action: "s3:PutObject",
                Resource: `${arn(names.manifest)}/*`,
                Condition: { StringNotEquals: { "aws:SourceAccount": A } },
            },
        ],
    }),
);

policyCases(inventoryDestinationPolicy, {
    pass: [
        // Where S3 writes the reports is not known yet: the check runs again at `pulumi up`.
        { title: "the source bucket not known yet", resources: withInventory((i) => (i.bucket = UNKNOWN_SENTINEL)) },
        { title: "the inventory id not known yet", resources: withInventory((i) => (i.name = UNKNOWN_SENTINEL)) },
        {
            title: "the destination prefix not known yet",
            resources: withInventory((i) => (i.destination.bucket.prefix = UNKNOWN_SENTINEL)),
        },
        { title: "the manifest bucket's policy not known yet", resources: withManifestPolicy(UNKNOWN_SENTINEL) },
        // s3-bucket-single-policy and s3-bucket-policy-secure-transport report an empty or unparsable document.
        { title: "the manifest bucket's policy is empty", resources: withManifestPolicy("") },
        { title: "the manifest bucket's policy does not parse", resources: withManifestPolicy("{") },
        {
            title: "an inventory into another stack's bucket is judged with that stack",
            resources: withInventory((i) => (i.destination.bucket.bucketArn = arn("example-s3mr-elsewhere"))),
            notApplicable: "No inventory configuration delivers into a bucket of this stack",
        },
    ],
    fail: [
        {
            // A Deny naming the S3 service is no delivery statement, whatever it names.
            title: "a Deny of s3:PutObject to s3.amazonaws.com instead of the delivery statement",
            resources: deniedDelivery,
            expect: [
                violation(
                    inventoryDestinationPolicy,
                    deniedDelivery.find((r) => r.name === "manifest-policy" && r.type === T.bucketPolicy),
                    `The policy of bucket '${names.manifest}' has no statement letting s3.amazonaws.com s3:PutObject inventory data-inventory (from ${names.dataTokyo}).`,
                ),
            ],
        },
        {
            title: "every value known, the delivery statement pasted over",
            resources: pasted,
            expect: [
                violation(
                    inventoryDestinationPolicy,
                    pasted.find((r) => r.name === "manifest-policy" && r.type === T.bucketPolicy),
                    `The policy of bucket '${names.manifest}' has no statement letting s3.amazonaws.com s3:PutObject inventory data-inventory (from ${names.dataTokyo}).`,
                ),
            ],
        },
    ],
});
