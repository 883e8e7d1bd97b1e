// What the stack would change on the adopted bucket, setting by setting: the live value beside the stack's.
import type { LifecycleRule } from "@aws-sdk/client-s3";
import { backupCopyOf } from "../../config/destinationCopy";
import { describeGrant, foreignGrants } from "../../config/adoptionChecks";
import type { AdoptTarget } from "./adoptTarget";
import { describeLogging, NamedLiveItem, PLATFORM_INVENTORY_ID } from "./keptSettings";
import type { LiveBucket } from "./readLiveBucket";

export interface SettingChange {
    setting: string;
    live: string;
    stack: string;
    /** The deploy changes this setting. */
    changes: boolean;
}

export interface KeptAndDropped {
    statements: { kept: NamedLiveItem<Record<string, unknown>>[]; dropped: NamedLiveItem<Record<string, unknown>>[] };
    rules: { kept: NamedLiveItem<LifecycleRule>[]; dropped: NamedLiveItem<LifecycleRule>[] };
    /** The live server access logging is kept (the stack writes the same target). */
    loggingKept: boolean;
}

/**
 * Inventory configurations other than the platform's are left alone; a live one under the platform's Id
 * that delivers elsewhere is replaced whole by the deploy, so it is shown as a change, not as kept.
 */
function inventoryRow(t: AdoptTarget, live: LiveBucket): SettingChange {
    const ids = live.inventories.length ? live.inventories.map((i) => i.Id).join(", ") : "none";
    const same = live.inventories.find((i) => i.Id === PLATFORM_INVENTORY_ID);
    const target = same?.Destination?.S3BucketDestination?.Bucket;
    if (same && target !== `arn:aws:s3:::${t.manifestBucket}`) {
        return row(
            "inventory",
            ids,
            `${PLATFORM_INVENTORY_ID} (to ${target}) replaced by the platform's ${PLATFORM_INVENTORY_ID}, to ${t.manifestBucket}; the others kept as they are`,
            true,
        );
    }
    return row(
        "inventory",
        ids,
        "kept as they are (each configuration has its own Id; the platform adds its own beside them)",
        false,
    );
}

/** The server access logging row: kept, replaced by the stack's log bucket (--replace-logging), or left alone. */
function loggingRow(t: AdoptTarget, live: LiveBucket, kept: boolean): SettingChange {
    const liveText = live.logging ? `to ${describeLogging(live.logging)}` : "off";
    if (!t.config.accessLogging) {
        return row("server access logging", liveText, "unchanged (accessLogging is false: the stack leaves it)", false);
    }
    if (kept) return row("server access logging", liveText, "kept (the stack writes the same target)", false);
    return row("server access logging", liveText, `to the stack's log bucket ${t.accessLogBucket}`, true);
}

function row(setting: string, live: string, stack: string, changes = live !== stack): SettingChange {
    return { setting, live, stack, changes };
}

function encryptionOf(rules: LiveBucket["encryption"]): string {
    const [first] = rules ?? [];
    const d = first?.ApplyServerSideEncryptionByDefault;
    if (!d?.SSEAlgorithm) return "none";
    if (d.SSEAlgorithm === "AES256") return "SSE-S3 (AES256)";
    const key = d.KMSMasterKeyID ? ` key ${d.KMSMasterKeyID}` : " (AWS managed key aws/s3)";
    return `${d.SSEAlgorithm === "aws:kms:dsse" ? "DSSE-KMS" : "SSE-KMS"}${key}, bucket key ${first.BucketKeyEnabled ? "on" : "off"}`;
}

function publicAccessBlockOf(p: LiveBucket["publicAccessBlock"]): string {
    if (!p) return "none";
    const flags = ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"] as const;
    const off = flags.filter((f) => p[f] !== true);
    return off.length === 0 ? "all four on" : `off: ${off.join(", ")}`;
}

function names<T>(items: NamedLiveItem<T>[]): string {
    return items.map((i) => i.name).join(", ");
}

function composed(own: string, kept: NamedLiveItem<unknown>[], dropped: NamedLiveItem<unknown>[]): string {
    return [own, kept.length ? `kept: ${names(kept)}` : "", dropped.length ? `removed: ${names(dropped)}` : ""]
        .filter((p) => p !== "")
        .join("; ");
}

function liveList<T>(items: NamedLiveItem<T>[], noun: string): string {
    if (items.length === 0) return `no ${noun}s`;
    const listed = items.map((i) => i.liveName ?? `${i.name} (unnamed)`).join(", ");
    return `${items.length} ${noun}${items.length === 1 ? "" : "s"}: ${listed}`;
}

/** Every setting the stack manages, plus the live ones it leaves alone, in the order the deploy applies them. */
export function settingChanges(
    t: AdoptTarget,
    live: LiveBucket,
    allStatements: NamedLiveItem<Record<string, unknown>>[],
    allRules: NamedLiveItem<LifecycleRule>[],
    chosen: KeptAndDropped,
): SettingChange[] {
    const cfg = t.config;
    const foreign = foreignGrants(live.ownerCanonicalId, live.grants);
    const replication = live.replication;
    const liveReplication = replication
        ? `role ${replication.Role}, rules ${(replication.Rules ?? []).map((r) => r.ID ?? "(no ID)").join(", ")}`
        : "none";
    const stackReplication =
        t.replicationWriter === undefined
            ? liveReplication
            : `written by stack ${t.replicationWriter}, role ${t.replicationRoleArn}, to ${t.replicationTargets.join(", ") || "(no other bucket)"}`;
    const retention = live.objectLock?.Rule?.DefaultRetention;
    const period = retention?.Days !== undefined ? `${retention.Days} days` : `${retention?.Years} years`;
    const lockText =
        live.objectLock?.ObjectLockEnabled !== "Enabled"
            ? "off"
            : retention
              ? `enabled, default retention ${retention.Mode} ${period}`
              : "enabled, no default retention";
    const tags = Object.entries(live.tags)
        .map(([k, v]) => `${k}=${v}`)
        .join(", ");
    // A backup replica keeps noncurrent versions (forever, or backupNoncurrentDays) and may lock them.
    const backup = backupCopyOf(cfg);
    const expiry = backup ? backup.noncurrentDays : cfg.noncurrentVersionExpirationDays;
    const ownRules = [
        ...(expiry !== undefined ? [`expire-noncurrent-versions (${expiry} days)`] : []),
        "abort-incomplete-multipart-uploads (7 days)",
    ].join(", ");
    const stackLock = backup?.objectLock
        ? `enabled, default retention ${backup.objectLock.mode} ${backup.objectLock.days} days`
        : undefined;
    return [
        row("versioning", live.versioning ?? "never enabled", "Enabled"),
        ...(live.mfaDelete === "Enabled" ? [row("MFA delete", "Enabled", "Enabled (unchanged)", false)] : []),
        row(
            "object ownership",
            live.ownership ?? "ObjectWriter (no ownership controls)",
            "BucketOwnerEnforced (ACLs off)",
            live.ownership !== "BucketOwnerEnforced",
        ),
        row(
            "ACL grants",
            foreign.length ? foreign.map(describeGrant).join(", ") : "owner only",
            "ignored (ACLs off)",
            foreign.length > 0 && live.ownership !== "BucketOwnerEnforced",
        ),
        row(
            "default encryption",
            encryptionOf(live.encryption),
            cfg.kmsKeyArn ? `SSE-KMS key ${cfg.kmsKeyArn}, bucket key on` : "SSE-S3 (AES256)",
        ),
        row("public access block", publicAccessBlockOf(live.publicAccessBlock), "all four on"),
        row(
            "bucket policy",
            liveList(allStatements, "statement"),
            composed(
                "DenyInsecureTransport and the stack's own statements",
                chosen.statements.kept,
                chosen.statements.dropped,
            ),
            // The stack writes the one composed policy whatever the live one holds.
            true,
        ),
        row("lifecycle", liveList(allRules, "rule"), composed(ownRules, chosen.rules.kept, chosen.rules.dropped), true),
        row(
            "replication",
            liveReplication,
            stackReplication,
            t.replicationWriter !== undefined && replication?.Role !== t.replicationRoleArn,
        ),
        inventoryRow(t, live),
        stackLock
            ? row("Object Lock", lockText, stackLock)
            : row("Object Lock", lockText, "unchanged (the stack does not manage it here)", false),
        row("tags", tags || "none", "unchanged (the stack declares no bucket tags)", false),
        loggingRow(t, live, chosen.loggingKept),
    ];
}
