// Which live policy statements and lifecycle rules survive the adoption: the user's choice, named stably.
import { createHash } from "crypto";
import type { LifecycleRule, LoggingEnabled } from "@aws-sdk/client-s3";
import type { KeptAccessLogging, KeptLifecycleRule, KeptPolicyStatement } from "../../config/adoptedSettings";
import { UsageError } from "../common/cli";

/**
 * The Sids and rule IDs the platform writes itself (components/ and stacks/; a test keeps the lists in
 * step). A live one was written by an earlier deploy: the stack writes it again, so it is never "kept",
 * which would collide with the stack's own.
 */
export const PLATFORM_STATEMENT_SIDS: readonly string[] = [
    "DenyInsecureTransport",
    "DelegateToOwnAccessPoints",
    "AllowSourceReplicationObjects",
    "AllowSourceReplicationBucket",
    "AllowBatchCopyRead",
];
export const PLATFORM_LIFECYCLE_RULE_IDS: readonly string[] = [
    "expire-noncurrent-versions",
    "abort-incomplete-multipart-uploads",
];

/**
 * The Id of the inventory configuration the platform writes on every data and replica bucket
 * (components/batch/inventoryManifest.ts; a test keeps the two equal). PutBucketInventoryConfiguration
 * replaces a configuration of the same Id whole.
 */
export const PLATFORM_INVENTORY_ID = "existing-objects";

/** The composed policy checks Sids against this (components/storage/hardenedBucket.ts). */
const USABLE_SID = /^[A-Za-z0-9]+$/;

/** JSON with sorted keys, so that the same statement always hashes the same whatever its key order. */
export function canonicalJson(value: unknown): string {
    if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
    if (value !== null && typeof value === "object") {
        const entries = Object.entries(value as Record<string, unknown>)
            .filter(([, v]) => v !== undefined)
            // The keys of one object are unique, so two are never equal and no third answer is needed.
            // Stryker disable next-line EqualityOperator: `a <= b` differs from `a < b` only for equal keys
            .sort(([a], [b]) => (a < b ? -1 : 1));
        return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
    }
    return JSON.stringify(value);
}

function shortHash(value: unknown): string {
    return createHash("sha256").update(canonicalJson(value)).digest("hex").slice(0, 8);
}

/** One live item (statement or rule) with the name it is kept under. */
export interface NamedLiveItem<T> {
    /** The Sid / ID as the live bucket has it; undefined when it has none. */
    liveName?: string;
    /** The name it is kept under: the live one when usable, else a deterministic one. */
    name: string;
    /** Why `name` differs from `liveName`, for the report. */
    renamed?: string;
    /** Written by the platform (an earlier deploy): the stack writes it again. */
    platform: boolean;
    item: T;
}

/**
 * Names every live statement. A statement without a Sid, or with one the composed policy cannot carry
 * (only letters and digits), is named `Adopted<first 8 hex of the SHA-256 of the statement>`: the same
 * statement gets the same Sid on every run, so a second `adopt` rewrites the same file.
 */
export function nameStatements(
    statements: readonly Record<string, unknown>[],
): NamedLiveItem<Record<string, unknown>>[] {
    const taken = new Set<string>();
    return statements.map((st) => {
        const liveName = typeof st.Sid === "string" && st.Sid !== "" ? st.Sid : undefined;
        let name = liveName;
        let renamed: string | undefined;
        if (name === undefined || !USABLE_SID.test(name) || taken.has(name)) {
            const { Sid: _sid, ...body } = st;
            name = `Adopted${shortHash(body)}`;
            renamed =
                liveName === undefined
                    ? "it had no Sid"
                    : taken.has(liveName)
                      ? `its Sid ${liveName} appears twice`
                      : `its Sid ${JSON.stringify(liveName)} is not only letters and digits`;
        }
        taken.add(name);
        return {
            liveName,
            name,
            renamed,
            // Stryker disable next-line ConditionalExpression: the lists hold no undefined, so includes(undefined) is false anyway; the test is for the type
            platform: liveName !== undefined && PLATFORM_STATEMENT_SIDS.includes(liveName),
            item: st,
        };
    });
}

/** Names every live lifecycle rule (S3 gives every rule an ID; one without is named by its hash). */
export function nameRules(rules: readonly LifecycleRule[]): NamedLiveItem<LifecycleRule>[] {
    const taken = new Set<string>();
    return rules.map((rule) => {
        const liveName = rule.ID ? rule.ID : undefined;
        let name = liveName;
        let renamed: string | undefined;
        if (name === undefined || taken.has(name)) {
            const { ID: _id, ...body } = rule;
            name = `adopted-${shortHash(body)}`;
            renamed = liveName === undefined ? "it had no ID" : `its ID ${liveName} appears twice`;
        }
        taken.add(name);
        return {
            liveName,
            name,
            renamed,
            // Stryker disable next-line ConditionalExpression: the lists hold no undefined, so includes(undefined) is false anyway; the test is for the type
            platform: liveName !== undefined && PLATFORM_LIFECYCLE_RULE_IDS.includes(liveName),
            item: rule,
        };
    });
}

/** What the user asked to keep, from the command line. */
export interface KeepChoice {
    all: boolean;
    /** Names given with --keep / --keep-rule: a live name or the name adopt gave. */
    names: string[];
}

/** The user's choice applied to one kind of item; a name that matches nothing is bad input naming the flag. */
export function chooseKept<T>(
    items: NamedLiveItem<T>[],
    choice: KeepChoice,
    flag: string,
    what: string,
): { kept: NamedLiveItem<T>[]; dropped: NamedLiveItem<T>[] } {
    const own = items.filter((i) => !i.platform);
    for (const n of choice.names) {
        if (!items.some((i) => i.name === n || i.liveName === n)) {
            const known = own.map((i) => i.name).join(", ") || "none";
            throw new UsageError(`${flag} ${n}: the live bucket has no ${what} ${n}; its ${what}s: ${known}`);
        }
        if (items.some((i) => i.platform && (i.name === n || i.liveName === n))) {
            throw new UsageError(`${flag} ${n}: ${n} is the platform's own ${what}; the stack writes it again`);
        }
    }
    const wanted = (i: NamedLiveItem<T>) =>
        choice.all || choice.names.includes(i.name) || choice.names.includes(i.liveName ?? "");
    return { kept: own.filter(wanted), dropped: own.filter((i) => !wanted(i)) };
}

/** A kept statement in the file's shape: the live statement under its kept Sid. */
export function keptStatement(i: NamedLiveItem<Record<string, unknown>>): KeptPolicyStatement {
    const { Sid: _sid, ...body } = i.item;
    return { Sid: i.name, ...body } as KeptPolicyStatement;
}

/** A kept rule in the S3 API's shape, under its kept ID, without the SDK's undefined fields. */
export function keptRule(i: NamedLiveItem<LifecycleRule>): KeptLifecycleRule {
    const { ID: _id, ...body } = i.item;
    return JSON.parse(JSON.stringify({ ID: i.name, ...body })) as KeptLifecycleRule;
}

/** The live logging in the file's shape (S3 API), without the SDK's undefined fields and empty lists. */
export function keptAccessLogging(live: LoggingEnabled): KeptAccessLogging {
    const kept = JSON.parse(JSON.stringify(live)) as KeptAccessLogging;
    if (kept.TargetGrants?.length === 0) delete kept.TargetGrants;
    return { ...kept, TargetPrefix: kept.TargetPrefix ?? "" };
}

/** `s3://bucket/prefix`, how a logging target is named in the report. */
export function describeLogging(target: { TargetBucket?: string; TargetPrefix?: string }): string {
    return `s3://${target.TargetBucket}/${target.TargetPrefix ?? ""}`;
}
