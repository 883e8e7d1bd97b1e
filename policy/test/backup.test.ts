// Account B's copy as a backup: no delete markers into it, no expiry of its current versions, a lock that covers what it keeps.

import * as aws from "@pulumi/aws";

import {
    COPY_TAG_KEY,
    backupKeepsCurrentVersions,
    backupLockCoversKeptVersions,
    backupNoDeleteMarkers,
} from "../policies/backup";
import { T } from "../lib/types";
import { UNKNOWN_SENTINEL } from "../lib/values";
import { policyCases, raw, res, violation } from "./fixtures";
import {
    B,
    DATA,
    LifecycleRule,
    REPLICA,
    abortUploads,
    expireCurrent,
    keepNoncurrent,
    lifecycle,
    lock,
    replica,
    replicaTaggedByDefault,
    ruleIntoB,
} from "./backupFixtures";

policyCases(backupNoDeleteMarkers, {
    pass: [
        {
            title: "a backup replica whose rule leaves delete markers behind",
            resources: [...replica("backup"), ruleIntoB("Disabled")],
        },
        {
            title: "a mirror replica that follows deletes",
            resources: [...replica("mirror"), ruleIntoB("Enabled")],
            notApplicable: "No replication rule into a backup bucket in this stack",
        },
        {
            title: "a disabled rule into a backup, even one that would replicate delete markers",
            resources: [...replica("backup"), ruleIntoB("Enabled", "Disabled")],
        },
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
            title: "a replica tagged backup through the provider's default tags (tagsAll) receives delete markers",
            resources: [...replicaTaggedByDefault(), ruleIntoB("Enabled")],
            expect: [
                violation(
                    backupNoDeleteMarkers,
                    ruleIntoB("Enabled"),
                    `Replication rule 'to-account-${B}' from '${DATA}' replicates delete markers into '${REPLICA}', a backup (tagged ${COPY_TAG_KEY}=backup): a delete in the source hides the object in the backup too.`,
                ),
            ],
        },
        {
            title: "a replica with the bucket's inline (deprecated) objectLockConfiguration receives delete markers",
            resources: [
                ...replica(undefined, { objectLockConfiguration: { objectLockEnabled: "Enabled" } }),
                ruleIntoB("Enabled"),
            ],
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
        {
            title: "a mirror may expire current versions",
            resources: [...replica("mirror"), lifecycle(expireCurrent)],
            notApplicable: "No backup bucket in this stack",
        },
        {
            // Its lifecycle cannot be joined to it before the name is known; the check runs again at `pulumi up`.
            title: "a backup whose name is not known yet (preview)",
            resources: [
                { ...replica("backup")[0], inputs: { bucket: UNKNOWN_SENTINEL, tags: { [COPY_TAG_KEY]: "backup" } } },
            ],
            notApplicable: "No backup bucket in this stack",
        },
        {
            title: "a backup whose lifecycle rules are not known yet (preview)",
            resources: [
                ...replica("backup"),
                raw(T.lifecycle, "replica-lifecycle", { bucket: REPLICA, rules: UNKNOWN_SENTINEL }),
            ],
        },
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
            // The provider requires an id; a stack export of another program's configuration may lack one.
            title: "a backup whose expiring rule has no id",
            resources: [
                ...replica("backup"),
                lifecycle({ status: "Enabled", filter: {}, expiration: { days: 7 } } as LifecycleRule),
            ],
            expect: [
                violation(
                    backupKeepsCurrentVersions,
                    lifecycle(),
                    `Lifecycle rule (no id) of '${REPLICA}', a backup (tagged ${COPY_TAG_KEY}=backup), expires current versions: every object it matches gets a delete marker.`,
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
            title: "a retention of one year covers 365 days of noncurrent versions",
            resources: [...replica("backup"), lock(1, "years"), lifecycle(keepNoncurrent(365))],
        },
        {
            title: "a locked backup that keeps versions forever",
            resources: [...replica("backup"), lock(30), lifecycle()],
        },
        {
            title: "a locked backup whose lifecycle only aborts incomplete uploads",
            resources: [...replica("backup"), lock(30), lifecycle(abortUploads)],
        },
        {
            title: "a backup with Object Lock but no default retention",
            resources: [
                ...replica("backup"),
                res(aws.s3.BucketObjectLockConfiguration, "replica-object-lock", { bucket: REPLICA }),
                lifecycle(keepNoncurrent(365)),
            ],
            notApplicable: "No backup bucket with an Object Lock default retention in this stack",
        },
        {
            title: "a tagged backup without Object Lock",
            resources: [...replica("backup"), lifecycle(keepNoncurrent(365))],
            notApplicable: "No backup bucket with an Object Lock default retention in this stack",
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
        {
            title: "Object Lock retention in years (as 365 days each) shorter than the noncurrent expiration",
            resources: [...replica("backup"), lock(1, "years"), lifecycle(keepNoncurrent(366))],
            expect: [
                violation(
                    backupLockCoversKeptVersions,
                    lifecycle(),
                    `Backup bucket '${REPLICA}' keeps noncurrent versions 366 days (lifecycle rule 'expire-noncurrent-versions') but locks them only 365 days from creation.`,
                ),
            ],
        },
    ],
});
