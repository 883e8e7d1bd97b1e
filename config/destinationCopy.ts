// Account B's copy, mirror or backup: its keys are read on the destination stack only, and the hub follows that stack's outputs.
//
// A mirror follows account A: delete markers replicate into B and B's noncurrent versions expire, so a
// deletion in A is gone from B after noncurrentVersionExpirationDays. A backup does not follow deletes,
// keeps noncurrent versions (forever, or backupNoncurrentDays) and may lock them with S3 Object Lock.
import { fail, Reader } from "./configReader";
import type { PlatformConfig, StackRole } from "./configTypes";

export type DestinationMode = "mirror" | "backup";
export const DESTINATION_MODES: readonly DestinationMode[] = ["mirror", "backup"];
/** What an unset destinationMode means; Pulumi.yaml declares the same default (tested). */
export const DEFAULT_DESTINATION_MODE: DestinationMode = "backup";

export type ObjectLockMode = "GOVERNANCE" | "COMPLIANCE";
export const OBJECT_LOCK_MODES: readonly ObjectLockMode[] = ["GOVERNANCE", "COMPLIANCE"];
/** S3 Object Lock default retention in days: at least 1, at most 100 years (PutObjectLockConfiguration). */
export const OBJECT_LOCK_MAX_DAYS = 36500;
/** Lifecycle NoncurrentDays this project accepts (the same bound as noncurrentVersionExpirationDays). */
export const BACKUP_NONCURRENT_MAX_DAYS = 36500;

/**
 * Tag on a replica bucket the program creates, saying what the copy is (`mirror` or `backup`): the policy
 * pack reads a bucket's intent from it (policy/policies/backup.ts keeps its own copy, tested to agree).
 */
export const COPY_TAG_KEY = "s3-multiregion:copy";

/** The replica bucket's default retention: every replica version is locked for `days` from its creation. */
export interface ObjectLockRetention {
    mode: ObjectLockMode;
    days: number;
}

export type DestinationCopy =
    | { mode: "mirror" }
    | {
          mode: "backup";
          /** Days a noncurrent version is kept; undefined = forever. */
          noncurrentDays?: number;
          objectLock?: ObjectLockRetention;
      };

/** Account B's copy when the stack is the destination and keeps a backup; undefined for every other stack. */
export function backupCopyOf(cfg: PlatformConfig): Extract<DestinationCopy, { mode: "backup" }> | undefined {
    return cfg.role === "destination" && cfg.copy.mode === "backup" ? cfg.copy : undefined;
}

/** The keys that describe account B's copy; only a destination stack may set them. */
export const DESTINATION_COPY_KEYS = [
    "destinationMode",
    "backupNoncurrentDays",
    "objectLockMode",
    "objectLockRetentionDays",
] as const;

/** The raw values of the copy keys, as text (undefined = unset). */
export type RawCopyValues = Partial<Record<(typeof DESTINATION_COPY_KEYS)[number], string>>;

/** Values that mean "not set": Pulumi.yaml declares "" and 0 as the defaults of the optional keys. */
const unset = (v: string | undefined): boolean => v === undefined || v === "" || v === "0";

/**
 * The first copy key a primary or secondary stack sets to something other than its default, or undefined.
 * The rule into B is declared by the hub, but it follows the destination stack's outputs: a value set here
 * would be silently ignored.
 */
export function copyKeySetOffDestination(values: RawCopyValues): { key: string; value: string } | undefined {
    const mode = values.destinationMode;
    if (mode !== undefined && mode !== "" && mode !== DEFAULT_DESTINATION_MODE)
        return { key: "destinationMode", value: mode };
    for (const key of ["backupNoncurrentDays", "objectLockMode", "objectLockRetentionDays"] as const)
        if (!unset(values[key])) return { key, value: values[key]! };
    return undefined;
}

/** Refuses, on a primary or secondary stack, a copy key set to anything but its default. */
export function refuseCopyKeysOffDestination(r: Reader, role: Exclude<StackRole, "destination">): void {
    const set = copyKeySetOffDestination(
        Object.fromEntries(DESTINATION_COPY_KEYS.map((k) => [k, r.optionalString(k)])) as RawCopyValues,
    );
    if (set)
        fail(
            set.key,
            set.value,
            `unset on a ${role} stack (account B's copy is set on the destination stack, whose outputs the hub follows)`,
        );
}

/** Reads and checks a destination stack's copy; a problem is one ConfigError naming the key. */
export function destinationCopy(r: Reader): DestinationCopy {
    const mode = r.optionalString("destinationMode") ?? DEFAULT_DESTINATION_MODE;
    if (!(DESTINATION_MODES as readonly string[]).includes(mode))
        fail("destinationMode", mode, `${DESTINATION_MODES.join(" or ")} (unset = ${DEFAULT_DESTINATION_MODE})`);
    const days = r.integer(
        "backupNoncurrentDays",
        0,
        BACKUP_NONCURRENT_MAX_DAYS,
        `0 (keep noncurrent versions forever) or a number of days from 1 to ${BACKUP_NONCURRENT_MAX_DAYS}`,
    );
    const lockMode = r.optionalString("objectLockMode");
    if (lockMode !== undefined && !(OBJECT_LOCK_MODES as readonly string[]).includes(lockMode))
        fail("objectLockMode", lockMode, `unset (no Object Lock), ${OBJECT_LOCK_MODES.join(" or ")}`);
    const lockDays = r.integer(
        "objectLockRetentionDays",
        0,
        OBJECT_LOCK_MAX_DAYS,
        `a number of days from 1 to ${OBJECT_LOCK_MAX_DAYS} (what S3 Object Lock accepts), with objectLockMode`,
    );
    if (mode === "mirror") {
        // A mirror follows deletes; keeping or locking its versions belongs to a backup.
        if (days !== 0)
            fail(
                "backupNoncurrentDays",
                days,
                "0 when destinationMode is mirror (a mirror's noncurrent versions expire after noncurrentVersionExpirationDays)",
            );
        if (lockMode !== undefined)
            fail(
                "objectLockMode",
                lockMode,
                "unset when destinationMode is mirror (a mirror follows deletes; Object Lock belongs to a backup)",
            );
        if (lockDays !== 0)
            fail("objectLockRetentionDays", lockDays, "0 when destinationMode is mirror (a mirror follows deletes)");
        return { mode: "mirror" };
    }
    if (lockMode !== undefined && lockDays === 0)
        fail(
            "objectLockRetentionDays",
            lockDays,
            `a number of days from 1 to ${OBJECT_LOCK_MAX_DAYS}, required when objectLockMode is ${lockMode}`,
        );
    if (lockMode === undefined && lockDays !== 0)
        fail("objectLockRetentionDays", lockDays, "0 unless objectLockMode is GOVERNANCE or COMPLIANCE");
    return {
        mode: "backup",
        ...(days > 0 ? { noncurrentDays: days } : {}),
        ...(lockMode !== undefined ? { objectLock: { mode: lockMode as ObjectLockMode, days: lockDays } } : {}),
    };
}
