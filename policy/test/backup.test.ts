// Account B's copy as a backup: no delete markers into it, no expiry of its current versions, a lock that covers what it keeps.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import {
    COPY_TAG_KEY,
    backupKeepsCurrentVersions,
    backupLockCoversKeptVersions,
    backupNoDeleteMarkers,
} from "../policies/backup";
import { PolicyInputResource } from "../runner";
import { policyCases, res, violation } from "./fixtures";
import { hardenedBucket } from "./stacks";

const A = "111111111111";
const B = "222222222222";
const DATA = `example-s3mr-data-${A}-ap-northeast-1`;
const REPLICA = `example-s3mr-replica-${B}-ap-northeast-1`;

/** The replica bucket, hardened, with the copy tag (or none) and extra inputs on the bucket itself. */
function replica(tag?: "backup" | "mirror", bucketInputs: Partial<aws.s3.BucketArgs> = {}): PolicyInputResource[] {
    const [bucket, ...rest] = hardenedBucket("replica", REPLICA, []);
    const inputs = { ...bucket.inputs, ...bucketInputs, ...(tag ? { tags: { [COPY_TAG_KEY]: tag } } : {}) };
    return [{ ...bucket, inputs }, ...rest];
}

/** The hub's configuration of its bucket: one rule to account B with the given delete-marker status. */
const ruleIntoB = (deleteMarkers: "Enabled" | "Disabled"): PolicyInputResource =>
    res(aws.s3.BucketReplicationConfig, "replication-ap-northeast-1", {
        bucket: DATA,
        role: `arn:aws:iam::${A}:role/example-s3mr-replication`,
        rules: [
            {
                id: `to-account-${B}`,
                priority: 1,
                status: "Enabled",
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

const lock = (days: number): PolicyInputResource =>
    res(aws.s3.BucketObjectLockConfiguration, "replica-object-lock", {
        bucket: REPLICA,
        objectLockEnabled: "Enabled",
        rule: { defaultRetention: { mode: "COMPLIANCE", days } },
    });

type LifecycleRule = NonNullable<pulumi.Unwrap<aws.s3.BucketLifecycleConfigurationArgs>["rules"]>[number];
const lifecycle = (...rules: LifecycleRule[]): PolicyInputResource =>
    res(aws.s3.BucketLifecycleConfiguration, "replica-lifecycle", { bucket: REPLICA, rules });
const keepNoncurrent = (days: number): LifecycleRule => ({
    id: "expire-noncurrent-versions",
    status: "Enabled",
    filter: {},
    noncurrentVersionExpiration: { noncurrentDays: days },
});
const expireCurrent: LifecycleRule = {
    id: "expire-everything",
    status: "Enabled",
    filter: {},
    expiration: { days: 30 },
};

policyCases(backupNoDeleteMarkers, {
    pass: [
        {
            title: "a backup replica whose rule leaves delete markers behind",
            resources: [...replica("backup"), ruleIntoB("Disabled")],
        },
        { title: "a mirror replica that follows deletes", resources: [...replica("mirror"), ruleIntoB("Enabled")] },
        {
            title: "an untagged replica without Object Lock (intent unknown)",
            resources: [...replica(), ruleIntoB("Enabled")],
        },
        {
            title: "a locked replica whose rule leaves delete markers behind",
            resources: [...replica(), lock(30), ruleIntoB("Disabled")],
        },
    ],
    fail: [
        {
            title: "backup intended (tag) but delete markers replicate",
            resources: [...replica("backup"), ruleIntoB("Enabled")],
            expect: [
                violation(
                    backupNoDeleteMarkers,
                    ruleIntoB("Enabled"),
                    `Replication rule 'to-account-${B}' from '${DATA}' replicates delete markers into '${REPLICA}', a backup (tagged ${COPY_TAG_KEY}=backup): a delete in the source hides the object in the backup too.`,
                ),
            ],
        },
        {
            title: "a replica with Object Lock (configuration resource) receives delete markers",
            resources: [...replica(), lock(30), ruleIntoB("Enabled")],
            expect: [
                violation(
                    backupNoDeleteMarkers,
                    ruleIntoB("Enabled"),
                    `Replication rule 'to-account-${B}' from '${DATA}' replicates delete markers into '${REPLICA}', a backup (it has Object Lock): a delete in the source hides the object in the backup too.`,
                ),
            ],
        },
        {
            title: "a replica created with objectLockEnabled receives delete markers, even when tagged mirror",
            resources: [...replica("mirror", { objectLockEnabled: true }), ruleIntoB("Enabled")],
            expect: [
                violation(
                    backupNoDeleteMarkers,
                    ruleIntoB("Enabled"),
                    `Replication rule 'to-account-${B}' from '${DATA}' replicates delete markers into '${REPLICA}', a backup (it has Object Lock): a delete in the source hides the object in the backup too.`,
                ),
            ],
        },
    ],
});

policyCases(backupKeepsCurrentVersions, {
    pass: [
        { title: "a backup that keeps every version", resources: [...replica("backup"), lifecycle()] },
        {
            title: "a backup that expires noncurrent versions only",
            resources: [...replica("backup"), lifecycle(keepNoncurrent(365))],
        },
        { title: "a mirror may expire current versions", resources: [...replica("mirror"), lifecycle(expireCurrent)] },
        {
            title: "a disabled expiration rule on a backup",
            resources: [...replica("backup"), lifecycle({ ...expireCurrent, status: "Disabled" })],
        },
    ],
    fail: [
        {
            title: "a backup whose lifecycle expires current versions",
            resources: [...replica("backup"), lifecycle(keepNoncurrent(365), expireCurrent)],
            expect: [
                violation(
                    backupKeepsCurrentVersions,
                    lifecycle(),
                    `Lifecycle rule 'expire-everything' of '${REPLICA}', a backup (tagged ${COPY_TAG_KEY}=backup), expires current versions: every object it matches gets a delete marker.`,
                ),
            ],
        },
        {
            title: "a locked bucket whose lifecycle expires current versions on a date",
            resources: [
                ...replica(),
                lock(30),
                lifecycle({
                    id: "cutoff",
                    status: "Enabled",
                    filter: {},
                    expiration: { date: "2027-01-01T00:00:00Z" },
                }),
            ],
            expect: [
                violation(
                    backupKeepsCurrentVersions,
                    lifecycle(),
                    `Lifecycle rule 'cutoff' of '${REPLICA}', a backup (it has Object Lock), expires current versions: every object it matches gets a delete marker.`,
                ),
            ],
        },
    ],
});

policyCases(backupLockCoversKeptVersions, {
    pass: [
        {
            title: "retention as long as the noncurrent expiration",
            resources: [...replica("backup"), lock(365), lifecycle(keepNoncurrent(365))],
        },
        {
            title: "a locked backup that keeps versions forever",
            resources: [...replica("backup"), lock(30), lifecycle()],
        },
        {
            title: "a mirror-tagged bucket without a lock",
            resources: [...replica("mirror"), lifecycle(keepNoncurrent(90))],
        },
    ],
    fail: [
        {
            title: "Object Lock retention shorter than the noncurrent expiration",
            resources: [...replica("backup"), lock(30), lifecycle(keepNoncurrent(365))],
            expect: [
                violation(
                    backupLockCoversKeptVersions,
                    lifecycle(),
                    `Backup bucket '${REPLICA}' keeps noncurrent versions 365 days (lifecycle rule 'expire-noncurrent-versions') but locks them only 30 days from creation.`,
                ),
            ],
        },
    ],
});
