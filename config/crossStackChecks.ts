// Settings that must agree across the project's stack files, checked before any stack is evaluated or deployed.
import * as path from "path";
import { sharedExistingBucketProblem } from "./adoption";
import { didYouMean } from "./closest";
import { batchReplicationRoleName, bucketName, BucketPurpose, mrapName, roleName, RolePurpose } from "./naming";
import { DeclaredKey, PROJECT_NAME, qualifiedKey } from "./projectFile";
import { isSecureValue, RawStackFile } from "./stackFileChecks";

export type Role = "primary" | "secondary" | "destination";

export interface RoleStackFile extends RawStackFile {
    role: Role;
}

/** Keys every stack must set alike: names and grants on each side are derived from them. */
export const SHARED_KEYS = ["namePrefix", "sourceAccountId", "destinationAccountId"] as const;

/** What a stack of each role names, so two stack files that would create the same thing are caught. */
const BUCKETS: Record<Role, BucketPurpose[]> = {
    primary: [
        "data",
        // Stryker disable next-line StringLiteral: only hubs name a manifest bucket, and two that collide on it collide on data first
        "manifest",
        "reports",
    ],
    secondary: ["data", "reports"],
    destination: ["replica", "reports"],
};
const ROLES: Record<Role, RolePurpose[]> = {
    primary: [
        "replication",
        "batch-replication",
        // Stryker disable next-line StringLiteral: only hubs name a partner-writer role, and two that collide on it collide on replication first
        "partner-writer",
    ],
    secondary: [],
    // Stryker disable next-line StringLiteral: only destinations name a batch-copy role, and two that collide on it collide on replica first
    destination: ["batch-copy"],
};

/** A stack's value of a key as the CLI would give it: the stack file's, else Pulumi.yaml's default. */
export function effectiveValue(stack: RawStackFile, declared: Map<string, DeclaredKey>, key: string): unknown {
    const fq = qualifiedKey(key);
    for (const [k, v] of Object.entries(stack.config)) if (qualifiedKey(k) === fq) return v;
    return declared.get(fq)?.default;
}

function text(value: unknown): string | undefined {
    if (typeof value === "number") return String(value);
    return typeof value === "string" && value !== "" ? value : undefined;
}

function fileOf(stack: RawStackFile): string {
    return path.basename(stack.file);
}

function disagreements(stacks: RoleStackFile[], declared: Map<string, DeclaredKey>): string[] {
    const problems: string[] = [];
    for (const key of SHARED_KEYS) {
        const byValue = new Map<string, string[]>();
        for (const s of stacks) {
            const v = effectiveValue(s, declared, key);
            if (isSecureValue(v) || text(v) === undefined) continue;
            byValue.set(text(v)!, [...(byValue.get(text(v)!) ?? []), s.name]);
        }
        if (byValue.size < 2) continue;
        // The majority first, names sorted: the line reads the same whatever order the files were listed in.
        const groups = [...byValue]
            .map(([v, names]) => [v, [...names].sort()] as const)
            .sort((x, y) => y[1].length - x[1].length || x[1][0].localeCompare(y[1][0]))
            .map(([v, names]) => `${JSON.stringify(v)} in ${names.join(", ")}`);
        problems.push(
            `stacks disagree on ${PROJECT_NAME}:${key}: ${groups.join("; ")}; allowed: one value in every stack file ` +
                `(each side derives names and grants from it)`,
        );
    }
    return problems;
}

/** The account a stack deploys into: account B for the destination, account A otherwise. */
function deployAccountKey(role: Role): string {
    return role === "destination" ? "destinationAccountId" : "sourceAccountId";
}

function allowedAccounts(stacks: RoleStackFile[], declared: Map<string, DeclaredKey>): string[] {
    const problems: string[] = [];
    for (const s of stacks) {
        const allowed = effectiveValue(s, declared, "aws:allowedAccountIds");
        const key = deployAccountKey(s.role);
        const account = text(effectiveValue(s, declared, key));
        if (!Array.isArray(allowed) || account === undefined) continue;
        if (allowed.map(String).includes(account)) continue;
        problems.push(
            `${fileOf(s)}: aws:allowedAccountIds ${JSON.stringify(allowed.map(String))} does not contain ${account}, ` +
                `the account a ${s.role} stack deploys into (${PROJECT_NAME}:${key}); allowed: a list that contains it`,
        );
    }
    return problems;
}

function duplicateNames(stacks: RoleStackFile[], declared: Map<string, DeclaredKey>): string[] {
    const owners = new Map<string, string>();
    const problems: string[] = [];
    const claim = (what: string, stack: string) => {
        const first = owners.get(what);
        if (first === undefined) owners.set(what, stack);
        else problems.push(`stacks ${first} and ${stack} would both create ${what}`);
    };
    for (const s of stacks) {
        const prefix = text(effectiveValue(s, declared, "namePrefix"));
        const account = text(effectiveValue(s, declared, deployAccountKey(s.role)));
        const region = text(effectiveValue(s, declared, "aws:region"));
        if (prefix === undefined || account === undefined || region === undefined) continue;
        for (const purpose of BUCKETS[s.role]) claim(`bucket ${bucketName(prefix, purpose, account, region)}`, s.name);
        for (const purpose of ROLES[s.role]) claim(`role ${roleName(prefix, purpose)} in ${account}`, s.name);
        // A secondary's Batch Replication role carries its region (the hub's keeps the plain name, in ROLES).
        if (s.role === "secondary")
            claim(`role ${batchReplicationRoleName(prefix, region, false)} in ${account}`, s.name);
        if (s.role === "primary") claim(`Multi-Region Access Point ${mrapName(prefix)} in ${account}`, s.name);
    }
    const unique = [...new Set(problems)];
    return unique.length === 0
        ? []
        : [
              `${unique[0]}${unique.length > 1 ? ` (and ${unique.length - 1} more name(s))` : ""}; allowed: each stack file its own region, role or namePrefix`,
          ];
}

/** A reference to a stack of this project: the bare name, or the last part of `org/s3-multiregion/stack`. */
function localName(ref: string): string | undefined {
    const parts = ref.split("/");
    if (parts.length === 1) return ref;
    return parts.length === 3 && parts[1] === PROJECT_NAME ? parts[2] : undefined;
}

function referenceProblem(
    hub: RoleStackFile,
    key: string,
    entry: string,
    ref: string,
    want: Role,
    stacks: RoleStackFile[],
    region: string | undefined,
    declared: Map<string, DeclaredKey>,
): string | undefined {
    const name = localName(ref);
    if (name === undefined) return undefined; // another project's stack: nothing here to check it against
    const where = `${fileOf(hub)}: ${PROJECT_NAME}:${key} ${key === "destinationStack" ? "=" : "entry"} ${JSON.stringify(entry)}`;
    const target = stacks.find((s) => s.name === name);
    const ofRole = stacks
        .filter((s) => s.role === want)
        .map((s) => s.name)
        .sort();
    if (target === undefined) {
        const names = stacks.map((s) => s.name).sort();
        return `${where} names no stack file (stacks: ${names.join(", ")})${didYouMean(name, ofRole.length ? ofRole : names)}`;
    }
    if (target.role !== want) {
        return `${where} names stack ${name}, whose role is ${target.role}; allowed: a ${want} stack (${ofRole.join(", ") || "none in this project"})`;
    }
    const actual = text(effectiveValue(target, declared, "aws:region"));
    if (region !== undefined && actual !== undefined && actual !== region) {
        return `${where}: stack ${name} is in ${actual} (its aws:region); allowed: ${name}@${actual}`;
    }
    return undefined;
}

function references(
    stacks: RoleStackFile[],
    declared: Map<string, DeclaredKey>,
): { problems: string[]; listed: Set<string | undefined> } {
    const problems: string[] = [];
    // Another project's stack (undefined) lists none of this project's.
    const listed = new Set<string | undefined>();
    for (const hub of stacks.filter((s) => s.role === "primary")) {
        const secondaries = effectiveValue(hub, declared, "secondaryStacks");
        // parseConfig names a value that is not a list, and a malformed entry.
        if (Array.isArray(secondaries))
            for (const entry of secondaries) {
                if (typeof entry !== "string" || !entry.includes("@")) continue;
                const [ref, region] = [entry.slice(0, entry.lastIndexOf("@")), entry.slice(entry.lastIndexOf("@") + 1)];
                const p = referenceProblem(hub, "secondaryStacks", entry, ref, "secondary", stacks, region, declared);
                if (p) problems.push(p);
                listed.add(localName(ref));
            }
        const destination = text(effectiveValue(hub, declared, "destinationStack"));
        if (destination !== undefined) {
            const p = referenceProblem(
                hub,
                "destinationStack",
                destination,
                destination,
                "destination",
                stacks,
                undefined,
                declared,
            );
            if (p) problems.push(p);
            listed.add(localName(destination));
        }
    }
    return { problems, listed };
}

export interface CrossStackResult {
    errors: string[];
    advisories: string[];
}

/** One bucket adopted by two stacks: each would overwrite the other's one policy and lifecycle. */
function sharedExistingBuckets(stacks: RoleStackFile[], declared: Map<string, DeclaredKey>): string[] {
    const problem = sharedExistingBucketProblem(
        stacks.map((s) => ({
            stack: s.name,
            existingBucketName: text(effectiveValue(s, declared, "existingBucketName")),
        })),
    );
    return problem ? [problem] : [];
}

/** Every cross-stack problem (one line each) and advisory, in a stable order. */
export function crossStackProblems(stacks: RoleStackFile[], declared: Map<string, DeclaredKey>): CrossStackResult {
    const refs = references(stacks, declared);
    const errors = [
        ...disagreements(stacks, declared),
        ...allowedAccounts(stacks, declared),
        ...refs.problems,
        ...duplicateNames(stacks, declared),
        ...sharedExistingBuckets(stacks, declared),
    ];
    const hubs = stacks.filter((s) => s.role === "primary");
    const advisories =
        hubs.length === 0
            ? []
            : stacks
                  .filter((s) => s.role !== "primary" && !refs.listed.has(s.name))
                  .map(
                      (s) =>
                          `stack ${s.name} (${s.role}) is listed by no hub (${hubs.map((h) => h.name).join(", ")}): ` +
                          `it would deploy alone, outside the MRAP and the replication; add it to ` +
                          `${s.role === "secondary" ? "secondaryStacks" : "destinationStack"} or remove ${fileOf(s)}`,
                  );
    return { errors, advisories };
}
