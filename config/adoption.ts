// An adopted bucket's kept settings for the stack that names it in existingBucketName: read from
// adopted/<stack>.json, checked against the stack, composed with the stack's own statements and rules.
import * as fs from "fs";
import * as path from "path";
import {
    AdoptedSettings,
    adoptedSettingsPath,
    KeptLifecycleRule,
    KeptPolicyStatement,
    parseAdoptedSettings,
} from "./adoptedSettings";
import { accountRefusal, AdoptionSubject, callerRefusal, regionRefusal } from "./adoptionChecks";
import { ConfigError } from "./configReader";
import { PROJECT } from "./configTypes";

/** What the stack config says about the bucket it adopts. */
export interface AdoptingStackConfig {
    stack: string;
    region: string;
    accountId: string;
    existingBucketName: string;
}

function subject(cfg: AdoptingStackConfig): AdoptionSubject {
    return { stack: cfg.stack, bucket: cfg.existingBucketName, region: cfg.region, accountId: cfg.accountId };
}

/**
 * Reads `adopted/<stack>.json` below `projectDir` (the Pulumi CLI and the offline evaluator both run the
 * program with the project directory as cwd). A missing file, a file for another bucket or stack, or a
 * bucket `adopt` found in another region or account is one ConfigError naming existingBucketName.
 */
export function readAdoptedSettings(
    projectDir: string,
    cfg: AdoptingStackConfig,
    readFile: (file: string) => string | undefined = (file) =>
        // Stryker disable next-line StringLiteral: without an encoding Node returns a Buffer, which JSON.parse reads as UTF-8 text all the same
        fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined,
): AdoptedSettings {
    const file = adoptedSettingsPath(projectDir, cfg.stack);
    const shown = path.relative(projectDir, file);
    const key = `${PROJECT}:existingBucketName = ${JSON.stringify(cfg.existingBucketName)}`;
    const text = readFile(file);
    if (text === undefined) {
        throw new ConfigError(
            "existingBucketName",
            `${key} needs ${shown}, which is missing: run npm run adopt -- --stack ${cfg.stack} first (it reads the live bucket and writes the policy statements and lifecycle rules to keep)`,
        );
    }
    const settings = parseAdoptedSettings(text, shown);
    if (settings.bucket !== cfg.existingBucketName || settings.stack !== cfg.stack) {
        throw new ConfigError(
            "existingBucketName",
            `${key}, but ${shown} was written for bucket ${settings.bucket} of stack ${settings.stack}: run npm run adopt -- --stack ${cfg.stack} again`,
        );
    }
    // What adopt saw live: the same one line adopt prints, should the file and the stack file disagree.
    const refusal =
        accountRefusal(subject(cfg), settings.accountId === cfg.accountId, settings.accountId) ??
        regionRefusal(subject(cfg), settings.region);
    if (refusal) throw new ConfigError("existingBucketName", refusal);
    return settings;
}

/** What the stack's AWS provider sees at deploy time (STS GetCallerIdentity and S3 ListBuckets). */
export interface LiveBucketView {
    /** The account of the stack's credentials. */
    callerAccountId: string;
    /**
     * Buckets ListBuckets returns for the caller, with their regions: exactly the buckets the caller's
     * account owns (here filtered by the adopted name as prefix). A region of "" is unknown.
     */
    ownedBuckets: ReadonlyArray<{ name: string; region: string }>;
}

/**
 * The adopted bucket at deploy time, checked with the line `adopt` prints (`adopt` finds ownership the same
 * way, by ListBuckets): the credentials must be the stack's account, the bucket one it owns, in the
 * stack's region. Undefined when everything fits. `adopted/<stack>.json` says where the bucket was when
 * adopt read it; this says where it is now, with the credentials the deploy writes with.
 */
export function liveBucketProblem(
    cfg: AdoptingStackConfig & { role?: string },
    view: LiveBucketView,
): string | undefined {
    const s = subject(cfg);
    const caller = callerRefusal(s, cfg.role, "the stack's AWS provider", view.callerAccountId);
    if (caller) return caller;
    const listed = view.ownedBuckets.find((b) => b.name === cfg.existingBucketName);
    if (!listed) return accountRefusal(s, false);
    // ListBuckets names each bucket's region (BucketRegion); an answer without it leaves the region to adopt's finding.
    return listed.region === "" ? undefined : regionRefusal(s, listed.region);
}

/**
 * The bucket's one policy: the stack's statements, then the kept ones. A kept Sid equal to one of ours
 * would leave two statements under one name, and S3 keeps only what the last writer sent: refused,
 * naming both.
 */
export function composeKeptStatements<T extends { Sid: string }>(
    stack: string,
    ours: readonly T[],
    kept: readonly KeptPolicyStatement[],
): Array<T | KeptPolicyStatement> {
    for (const k of kept) {
        const clash = ours.find((o) => o.Sid === k.Sid);
        if (clash) {
            throw new ConfigError(
                "existingBucketName",
                `${PROJECT}:existingBucketName: the kept statement ${k.Sid} in adopted/${stack}.json has the Sid of the stack's own statement ${clash.Sid}; rename the kept statement's Sid in that file (or drop it with adopt) and run again`,
            );
        }
    }
    return [...ours, ...kept];
}

/** Rule IDs of the lifecycle configuration every hardened bucket carries; a kept rule may not reuse them. */
export function composeKeptRuleIds(stack: string, ours: readonly string[], kept: readonly KeptLifecycleRule[]): void {
    for (const k of kept) {
        if (ours.includes(k.ID)) {
            throw new ConfigError(
                "existingBucketName",
                `${PROJECT}:existingBucketName: the kept lifecycle rule ${k.ID} in adopted/${stack}.json has the ID of the stack's own rule ${k.ID}; rename the kept rule's ID in that file (or drop it with adopt) and run again`,
            );
        }
    }
}

/**
 * Bucket names are global: two stacks adopting one bucket would each write its one policy and one
 * lifecycle over the other's. Takes each stack's `existingBucketName` (undefined when it creates its
 * bucket); returns the one line for the first name named twice, or undefined.
 */
export function sharedExistingBucketProblem(
    stacks: ReadonlyArray<{ stack: string; existingBucketName?: string }>,
): string | undefined {
    const seen = new Map<string, string>();
    for (const s of stacks) {
        if (!s.existingBucketName) continue;
        const other = seen.get(s.existingBucketName);
        if (other !== undefined) {
            return `${PROJECT}:existingBucketName: stacks ${other} and ${s.stack} both adopt bucket ${s.existingBucketName}; each bucket belongs to one stack, so set existingBucketName on one of them only`;
        }
        seen.set(s.existingBucketName, s.stack);
    }
    return undefined;
}
