// Batch policies at their edges: values not known yet (preview), a job's role or a delivery in another stack, replication roles.

import { batchRoleTrust, batchRoleWritesReportBucket, inventoryDestinationPolicy } from "../policies/batch";
import { T } from "../lib/types";
import { UNKNOWN_SENTINEL } from "../lib/values";
import { alter, json, policyCases, violation } from "./fixtures";
import { A, arn, denyInsecureTransport, manifestRead, names, roleArn, tokyoStack } from "./stacks";

const JOB = "pulumi-nodejs:dynamic:Resource";
const withJob = (change: (i: { roleArn: string; reportBucketArn: string }) => void) =>
    alter(tokyoStack(), "existing-objects", JOB, (i) => change(i as { roleArn: string; reportBucketArn: string }));
// A role of another stack (or account): nothing here can say what it trusts or may write.
const roleElsewhere = withJob((i) => (i.roleArn = roleArn(A, "example-s3mr-batch-elsewhere")));
const roleUnknown = withJob((i) => (i.roleArn = UNKNOWN_SENTINEL));

policyCases(batchRoleTrust, {
    pass: [
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

policyCases(batchRoleWritesReportBucket, {
    pass: [
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
