// Fixtures of the backup policies' tests: account B's replica bucket, the hub's rule into it, its lock and lifecycle.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { COPY_TAG_KEY } from "../policies/backup";
import { PolicyInputResource } from "../runner";
import { res } from "./fixtures";
import { hardenedBucket } from "./stacks";

export const A = "111111111111";
export const B = "222222222222";
export const DATA = `example-s3mr-data-${A}-ap-northeast-1`;
export const REPLICA = `example-s3mr-replica-${B}-ap-northeast-1`;

/** The replica bucket, hardened, with the copy tag (or none) and extra inputs on the bucket itself. */
export function replica(
    tag?: "backup" | "mirror",
    bucketInputs: Partial<aws.s3.BucketArgs> = {},
): PolicyInputResource[] {
    const [bucket, ...rest] = hardenedBucket("replica", REPLICA, []);
    const inputs = { ...bucket.inputs, ...bucketInputs, ...(tag ? { tags: { [COPY_TAG_KEY]: tag } } : {}) };
    return [{ ...bucket, inputs }, ...rest];
}

/** The replica bucket as the provider reports it after creation: the copy tag only in `tagsAll` (default tags). */
export function replicaTaggedByDefault(): PolicyInputResource[] {
    const [bucket, ...rest] = hardenedBucket("replica", REPLICA, []);
    return [{ ...bucket, outputs: { ...bucket.inputs, tagsAll: { [COPY_TAG_KEY]: "backup" } } }, ...rest];
}

/** The hub's configuration of its bucket: one rule to account B with the given delete-marker status. */
export const ruleIntoB = (
    deleteMarkers: "Enabled" | "Disabled",
    status: "Enabled" | "Disabled" = "Enabled",
): PolicyInputResource =>
    res(aws.s3.BucketReplicationConfig, "replication-ap-northeast-1", {
        bucket: DATA,
        role: `arn:aws:iam::${A}:role/example-s3mr-replication`,
        rules: [
            {
                id: `to-account-${B}`,
                priority: 1,
                status,
                filter: {},
                deleteMarkerReplication: { status: deleteMarkers },
                destination: {
                    bucket: `arn:aws:s3:::${REPLICA}`,
                    account: B,
                    accessControlTranslation: { owner: "Destination" },
                },
            },
        ],
    });

export const lock = (days: number, unit: "days" | "years" = "days"): PolicyInputResource =>
    res(aws.s3.BucketObjectLockConfiguration, "replica-object-lock", {
        bucket: REPLICA,
        objectLockEnabled: "Enabled",
        rule: { defaultRetention: { mode: "COMPLIANCE", [unit]: days } },
    });

export type LifecycleRule = NonNullable<pulumi.Unwrap<aws.s3.BucketLifecycleConfigurationArgs>["rules"]>[number];
export const lifecycle = (...rules: LifecycleRule[]): PolicyInputResource =>
    res(aws.s3.BucketLifecycleConfiguration, "replica-lifecycle", { bucket: REPLICA, rules });
export const keepNoncurrent = (days: number): LifecycleRule => ({
    id: "expire-noncurrent-versions",
    status: "Enabled",
    filter: {},
    noncurrentVersionExpiration: { noncurrentDays: days },
});
export const abortUploads: LifecycleRule = {
    id: "abort-incomplete-multipart-uploads",
    status: "Enabled",
    filter: {},
    abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
};
export const expireCurrent: LifecycleRule = {
    id: "expire-everything",
    status: "Enabled",
    filter: {},
    expiration: { days: 30 },
};
