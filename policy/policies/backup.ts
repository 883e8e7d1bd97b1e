// Account B's copy as a backup: a bucket marked backup (its copy tag, or Object Lock) receives no delete markers and keeps its versions.
//
// A bucket is read as a backup when it carries the tag `s3-multiregion:copy` = `backup` (the program
// tags the replica bucket it creates with its destinationMode) or has S3 Object Lock: a bucket whose
// versions are locked against deletion is meant to keep them, and a replicated delete marker hides them
// all the same. An adopted replica bucket keeps its own tags, so without Object Lock these checks cannot
// see that it is a backup, and skip it.

import { StackValidationPolicy } from "@pulumi/policy";

import { replicationRules } from "../lib/mesh";
import { blocks } from "../lib/s3";
import { StackResource } from "../lib/stack";
import { BucketFacts, SystemView } from "../lib/system";
import { Plain, UNKNOWN, bool, get, str } from "../lib/values";

/** The tag the program puts on a replica bucket it creates (config/destinationCopy.ts COPY_TAG_KEY; a test checks they agree). */
export const COPY_TAG_KEY = "s3-multiregion:copy";

/** Whether the bucket has Object Lock: `objectLockEnabled` on the bucket, inline, or an Object Lock configuration resource. */
function objectLocked(b: BucketFacts): boolean {
    const p = b.resource.props;
    if (bool(p["objectLockEnabled"]) === true) return true;
    if (str(get(p, "objectLockConfiguration", "objectLockEnabled")) === "Enabled") return true;
    // The resource's objectLockEnabled defaults to "Enabled", its only valid value.
    return b.objectLock.some((r) => [undefined, "Enabled"].includes(str(r.props["objectLockEnabled"]) as string));
}

/** Why the bucket is a backup, or undefined when nothing says it is. */
export function backupReason(b: BucketFacts): string | undefined {
    const tags = b.resource.props["tags"] ?? b.resource.props["tagsAll"];
    if (str(get(tags, COPY_TAG_KEY)) === "backup") return `tagged ${COPY_TAG_KEY}=backup`;
    if (objectLocked(b)) return "it has Object Lock";
    return undefined;
}

/** Backup buckets of the system, by name. */
function backups(system: SystemView): Map<string, { facts: BucketFacts; reason: string }> {
    const out = new Map<string, { facts: BucketFacts; reason: string }>();
    for (const b of system.buckets()) {
        const reason = backupReason(b);
        if (reason !== undefined && typeof b.name === "string") out.set(b.name, { facts: b, reason });
    }
    return out;
}

/** Enabled lifecycle rules of the bucket, each with the resource that declares it. */
function lifecycleRules(b: BucketFacts): { rule: Record<string, Plain>; from: StackResource }[] {
    return b.lifecycle.flatMap((from) => {
        const rules = blocks(from.props["rules"]);
        // Rules not known yet (preview) give nothing to judge; the check runs again at `pulumi up`.
        // Stryker disable next-line ArrayDeclaration: a string in place of { rule, from } has no rule, and block() reads nothing from none
        if (rules === UNKNOWN) return [];
        return rules.filter((r) => str(r["status"]) === "Enabled").map((rule) => ({ rule, from }));
    });
}

/** The first block of `name` in a v7 object or a one-element list. */
function block(value: Plain | undefined, name: string): Record<string, Plain> | undefined {
    const b = blocks(get(value, name));
    // Stryker disable next-line ConditionalExpression: UNKNOWN is a symbol, and its [0] is undefined as well
    return b === UNKNOWN ? undefined : b[0];
}

/** Days of the bucket's Object Lock default retention (years as 365 days), or undefined without one. */
function retentionDays(b: BucketFacts): number | undefined {
    for (const r of b.objectLock) {
        const retention = block(block(r.props, "rule"), "defaultRetention");
        const days = get(retention, "days");
        const years = get(retention, "years");
        if (typeof days === "number") return days;
        if (typeof years === "number") return years * 365;
    }
    return undefined;
}

const label = (rule: Record<string, Plain>): string => {
    const id = str(rule["id"]);
    return typeof id === "string" ? `'${id}'` : "(no id)";
};

export const backupNoDeleteMarkers: StackValidationPolicy = {
    name: "s3-backup-no-delete-markers",
    description:
        `A replication rule into a backup bucket (tagged ${COPY_TAG_KEY}=backup, or with S3 Object Lock) does not replicate ` +
        "delete markers. Mandatory: a replicated delete marker hides the object in the backup as the delete did in the " +
        "source, within minutes, and the backup's noncurrent-version expiration then removes it for good; Object Lock does " +
        "not stop it, because delete markers are not locked. The backup exists to keep what the source loses. Fix: set " +
        'deleteMarkerReplication.status "Disabled" on every rule into the backup (config destinationMode backup does it), ' +
        "or mark the bucket a mirror if it is meant to follow deletes.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const system = new SystemView(args);
        const marked = backups(system);
        const rules = replicationRules(system.stack).rules.filter(
            // Stryker disable next-line ConditionalExpression: marked's keys are strings, so has() is false for anything else
            (r) => typeof r.destinationBucket === "string" && marked.has(r.destinationBucket),
        );
        if (rules.length === 0) args.notApplicable("No replication rule into a backup bucket in this stack");
        for (const rule of rules) {
            if (rule.status === "Disabled" || rule.deleteMarkers !== "Enabled") continue;
            const dest = rule.destinationBucket as string;
            report(
                `Replication ${rule.label} from '${String(rule.source)}' replicates delete markers into '${dest}', a backup (${marked.get(dest)!.reason}): a delete in the source hides the object in the backup too.`,
                rule.resource.urn,
            );
        }
    },
};

export const backupKeepsCurrentVersions: StackValidationPolicy = {
    name: "s3-backup-keeps-current-versions",
    description:
        `The lifecycle of a backup bucket (tagged ${COPY_TAG_KEY}=backup, or with S3 Object Lock) expires no current ` +
        "version. Mandatory: an expiration of current versions puts a delete marker on every object it matches, exactly as " +
        "a delete would, so the backup's data disappears on a timer and its noncurrent-version expiration then removes it. " +
        "Fix: remove the expiration (days or date) from the backup's lifecycle rules; keep noncurrent-version expiration only, " +
        "or none to keep every version.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const marked = backups(new SystemView(args));
        if (marked.size === 0) args.notApplicable("No backup bucket in this stack");
        for (const [name, { facts, reason }] of marked) {
            for (const { rule, from } of lifecycleRules(facts)) {
                const expiration = block(rule, "expiration");
                if (get(expiration, "days") === undefined && get(expiration, "date") === undefined) continue;
                report(
                    `Lifecycle rule ${label(rule)} of '${name}', a backup (${reason}), expires current versions: every object it matches gets a delete marker.`,
                    from.urn,
                );
            }
        }
    },
};

export const backupLockCoversKeptVersions: StackValidationPolicy = {
    name: "s3-backup-lock-covers-kept-versions",
    description:
        "A backup bucket with S3 Object Lock locks its versions at least as long as its lifecycle keeps noncurrent versions " +
        "(default retention days >= noncurrent-version expiration days). Advisory: the backup still works, but after the " +
        "retention ends a principal of the bucket's account with s3:DeleteObjectVersion can delete versions the lifecycle " +
        "would still keep, so the lock protects less than the backup keeps. A backup that keeps versions forever is not " +
        "judged: no finite window can be covered. Fix: raise the Object Lock retention (objectLockRetentionDays) to the " +
        "noncurrent expiration (backupNoncurrentDays), or shorten the expiration.",
    enforcementLevel: "advisory",
    validateStack: (args, report) => {
        const locked = [...backups(new SystemView(args))].filter(([, b]) => retentionDays(b.facts) !== undefined);
        if (locked.length === 0)
            args.notApplicable("No backup bucket with an Object Lock default retention in this stack");
        for (const [name, { facts }] of locked) {
            const retention = retentionDays(facts)!;
            for (const { rule, from } of lifecycleRules(facts)) {
                const days = get(block(rule, "noncurrentVersionExpiration"), "noncurrentDays");
                if (typeof days !== "number" || days <= retention) continue;
                report(
                    `Backup bucket '${name}' keeps noncurrent versions ${days} days (lifecycle rule ${label(rule)}) but locks them only ${retention} days from creation.`,
                    from.urn,
                );
            }
        }
    },
};

export const backupPolicies = [backupNoDeleteMarkers, backupKeepsCurrentVersions, backupLockCoversKeptVersions];
