// IAM access proofs: the seeds' access paths, as data, simulated against the policies the offline plan generated.
//
// @cloud-copilot/iam-simulate is AGPL-3.0 and a devDependency: only the verification tools import it,
// never the program that deploys (DESIGN §5).
import {
    anonymousPrincipal,
    getDenialReasons,
    getGrantReasons,
    runSimulation,
    Simulation,
} from "@cloud-copilot/iam-simulate";
import { bucketName, roleArn, roleName, RolePurpose } from "../config/naming";
import { AccessModel, IndexedRole, isUnreadable, ParsedDoc, PolicyDoc, roleKey } from "./accessModel";

export type Expected = "Allowed" | "Denied";
export type Actual = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";
export type ProofStatus = "passed" | "failed" | "unproven";

/** Who makes the request. */
export type PrincipalSpec = { kind: "arn"; arn: string } | { kind: "service"; service: string } | { kind: "anonymous" };

/** Where the principal's own (identity) policies come from. */
export type IdentitySpec =
    | { kind: "none" }
    /** A role the program generates: its permission policies are read from the plan. */
    | { kind: "role"; accountId: string; roleName: string; what: string }
    /** A principal outside the program: what its own account is assumed to grant it (said in `why`). */
    | { kind: "assumed"; statements: Record<string, unknown>[]; why: string };

/** The policy of the resource the request targets, read from the plan. */
export type ResourcePolicySpec =
    | { kind: "bucket"; bucket: string; what: string }
    | { kind: "trust"; accountId: string; roleName: string; what: string }
    | { kind: "mrap"; what: string };

/** The request's target: an ARN, or an object through the plan's Multi-Region Access Point. */
export type ResourceSpec = { arn: string; accountId: string } | { mrapObjectKey: string };

/** One access path with its expected decision. Definitions are data; `runProof` evaluates any of them. */
export interface ProofDefinition {
    name: string;
    /** Stack that owns the resource the request targets: the proof is reported with that stack. */
    stack: string;
    principal: PrincipalSpec;
    identity: IdentitySpec;
    action: string;
    resource: ResourceSpec;
    resourcePolicy: ResourcePolicySpec;
    /** Request context; every key here is one the decision relies on. */
    context: Record<string, string | string[]>;
    expected: Expected;
}

export interface ProofResult {
    name: string;
    stack: string;
    expected: Expected;
    actual: Actual | null;
    status: ProofStatus;
    /** Why unproven or failed; for passed proofs, the statements that decided. */
    reason: string;
}

/** Facts about the platform the proofs are written against; derived from the stacks' validated config. */
export interface ProofFacts {
    namePrefix: string;
    sourceAccountId: string;
    destinationAccountId: string;
    /** Regional data buckets of account A: the hub's and every secondary's. */
    regional: { stack: string; region: string }[];
    hub?: { stack: string; region: string; partners?: { principals: string[]; externalId: string } };
    destination?: { stack: string; region: string };
    /** Object key of an inventory manifest, under the prefix the plan's inventory configuration writes to. */
    manifestKey: string;
    /** Object key of a batch job report, under the prefix the plan's batch job writes to. */
    reportKey: string;
}

const OBJECT_KEY = "proofs/object.txt";

const accountOf = (arn: string): string => /^arn:aws:(?:iam|sts)::(\d{12}):/.exec(arn)?.[1] ?? "";

/** Context every signed request carries; the simulator does not fill these in itself. */
function signed(arn: string, secureTransport = true): Record<string, string> {
    return {
        "aws:PrincipalArn": arn,
        "aws:PrincipalAccount": accountOf(arn),
        "aws:SecureTransport": String(secureTransport),
    };
}

const ASSUMED_S3 = (why: string): IdentitySpec => ({
    kind: "assumed",
    statements: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }],
    why,
});
const ASSUMED_STS = (why: string): IdentitySpec => ({
    kind: "assumed",
    statements: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }],
    why,
});

/** A partner principal as a concrete caller: an account root stands for any role in that account. */
function partnerCaller(principal: string): string {
    if (/^\d{12}$/.test(principal)) return `arn:aws:iam::${principal}:role/partner-uploader`;
    const root = /^arn:aws:iam::(\d{12}):root$/.exec(principal);
    return root ? `arn:aws:iam::${root[1]}:role/partner-uploader` : principal;
}

/** An account id that is none of the platform's or partners' accounts. */
function outsiderAccount(facts: ProofFacts): string {
    const taken = new Set([
        facts.sourceAccountId,
        facts.destinationAccountId,
        ...(facts.hub?.partners?.principals ?? []).map((p) => accountOf(p) || p),
    ]);
    for (const candidate of ["999999999999", "999999999998", "999999999997", "999999999996"])
        if (!taken.has(candidate)) return candidate;
    return "999999999995";
}

function serviceAssumes(
    stack: string,
    service: string,
    accountId: string,
    purpose: RolePurpose,
    prefix: string,
    expected: Expected,
): ProofDefinition {
    const name = roleName(prefix, purpose);
    return {
        name: `${service} ${expected === "Allowed" ? "may" : "may not"} assume ${name}`,
        stack,
        principal: { kind: "service", service },
        identity: { kind: "none" },
        action: "sts:AssumeRole",
        resource: { arn: roleArn(accountId, name), accountId },
        resourcePolicy: { kind: "trust", accountId, roleName: name, what: `${purpose} role` },
        // The service acts for the role's own account; aws:SourceAccount is what the trust policy pins.
        context: { "aws:SourceAccount": accountId },
        expected,
    };
}

/** The access paths of the seeds (000: partner upload, 001/004: cross-account copy, batch), for this platform's names. */
export function accessProofs(facts: ProofFacts): ProofDefinition[] {
    const A = facts.sourceAccountId;
    const B = facts.destinationAccountId;
    const p = facts.namePrefix;
    const proofs: ProofDefinition[] = [];
    const appRole = `arn:aws:iam::${A}:role/${p}-application`;
    const unrelatedRole = `arn:aws:iam::${A}:role/${p}-unrelated`;
    const partners = facts.hub?.partners;
    const partner = partners ? partnerCaller(partners.principals[0]) : undefined;

    const bucketTarget = (stack: string, bucket: string, accountId: string, what: string) => ({
        stack,
        resource: { arn: `arn:aws:s3:::${bucket}/${OBJECT_KEY}`, accountId },
        resourcePolicy: { kind: "bucket" as const, bucket, what },
    });

    for (const r of facts.regional) {
        const bucket = bucketName(p, "data", A, r.region);
        const target = (what = `bucket policy of ${bucket}`) => bucketTarget(r.stack, bucket, A, what);
        proofs.push({
            name: `a principal of account A with S3 rights may write to ${bucket}`,
            ...target(),
            principal: { kind: "arn", arn: appRole },
            identity: ASSUMED_S3("an application role of account A whose own policy allows s3:*"),
            action: "s3:PutObject",
            context: signed(appRole),
            expected: "Allowed",
        });
        proofs.push({
            name: `a request without TLS to ${bucket} is denied`,
            ...target(),
            principal: { kind: "arn", arn: appRole },
            identity: ASSUMED_S3("an application role of account A whose own policy allows s3:*"),
            action: "s3:PutObject",
            context: signed(appRole, false),
            expected: "Denied",
        });
        proofs.push({
            name: `anonymous read of ${bucket} is denied`,
            ...target(),
            principal: { kind: "anonymous" },
            identity: { kind: "none" },
            action: "s3:GetObject",
            // Block Public Access is not passed to the simulator on purpose: the policy alone must deny.
            context: { "aws:SecureTransport": "true" },
            expected: "Denied",
        });
        if (partner) {
            proofs.push({
                name: `partner principal without the writer role may not write to ${bucket}`,
                ...target(),
                principal: { kind: "arn", arn: partner },
                identity: ASSUMED_S3("the partner's own account allows it s3:* (worst case)"),
                action: "s3:PutObject",
                context: signed(partner),
                expected: "Denied",
            });
        }
    }

    if (facts.hub && partners && partner) {
        const writer = roleName(p, "partner-writer");
        const writerTrust: ResourcePolicySpec = {
            kind: "trust",
            accountId: A,
            roleName: writer,
            what: "partner writer role",
        };
        const assume = {
            action: "sts:AssumeRole",
            resource: { arn: roleArn(A, writer), accountId: A },
            resourcePolicy: writerTrust,
            stack: facts.hub.stack,
        };
        proofs.push({
            name: `partner principal may assume ${writer} with the external id`,
            ...assume,
            principal: { kind: "arn", arn: partner },
            identity: ASSUMED_STS("the partner's own account allows it sts:AssumeRole"),
            context: { ...signed(partner), "sts:ExternalId": partners.externalId },
            expected: "Allowed",
        });
        proofs.push({
            name: `partner principal may not assume ${writer} without the external id`,
            ...assume,
            principal: { kind: "arn", arn: partner },
            identity: ASSUMED_STS("the partner's own account allows it sts:AssumeRole"),
            context: signed(partner),
            expected: "Denied",
        });
        const outsider = `arn:aws:iam::${outsiderAccount(facts)}:role/intruder`;
        proofs.push({
            name: `an unlisted account may not assume ${writer}, even with the external id`,
            ...assume,
            principal: { kind: "arn", arn: outsider },
            identity: ASSUMED_STS("the outsider's own account allows it sts:AssumeRole"),
            context: { ...signed(outsider), "sts:ExternalId": partners.externalId },
            expected: "Denied",
        });
        proofs.push({
            name: `with ${writer}, the partner may write through the Multi-Region Access Point`,
            stack: facts.hub.stack,
            principal: { kind: "arn", arn: roleArn(A, writer) },
            identity: { kind: "role", accountId: A, roleName: writer, what: "partner writer role" },
            action: "s3:PutObject",
            resource: { mrapObjectKey: OBJECT_KEY },
            resourcePolicy: { kind: "mrap", what: "Multi-Region Access Point policy" },
            context: signed(roleArn(A, writer)),
            expected: "Allowed",
        });
    }

    if (facts.hub) {
        proofs.push(serviceAssumes(facts.hub.stack, "s3.amazonaws.com", A, "replication", p, "Allowed"));
    }

    if (facts.destination) {
        const d = facts.destination;
        const replica = bucketName(p, "replica", B, d.region);
        const target = bucketTarget(d.stack, replica, B, `bucket policy of ${replica}`);
        const replication = roleArn(A, roleName(p, "replication"));
        const replicationIdentity: IdentitySpec = {
            kind: "role",
            accountId: A,
            roleName: roleName(p, "replication"),
            what: "replication role",
        };
        for (const action of ["s3:ReplicateObject", "s3:ObjectOwnerOverrideToBucketOwner"]) {
            proofs.push({
                name: `the replication role may ${action} into ${replica}`,
                ...target,
                principal: { kind: "arn", arn: replication },
                identity: replicationIdentity,
                action,
                context: signed(replication),
                expected: "Allowed",
            });
        }
        proofs.push({
            name: `an unrelated role of account A may not replicate into ${replica}`,
            ...target,
            principal: { kind: "arn", arn: unrelatedRole },
            identity: ASSUMED_S3("a role of account A whose own policy allows s3:*"),
            action: "s3:ReplicateObject",
            context: signed(unrelatedRole),
            expected: "Denied",
        });
        proofs.push({
            name: `the replication role without TLS is denied on ${replica}`,
            ...target,
            principal: { kind: "arn", arn: replication },
            identity: replicationIdentity,
            action: "s3:ReplicateObject",
            context: signed(replication, false),
            expected: "Denied",
        });
        proofs.push({
            name: `anonymous read of ${replica} is denied`,
            ...target,
            principal: { kind: "anonymous" },
            identity: { kind: "none" },
            action: "s3:GetObject",
            context: { "aws:SecureTransport": "true" },
            expected: "Denied",
        });
    }

    // Batch roles: S3 Batch Operations assumes them as batchoperations.s3.amazonaws.com; trusting
    // s3.amazonaws.com instead gives "Failed to assume role" (seed 004). Nobody else may assume them.
    const batchRoles: { stack: string; accountId: string; purpose: RolePurpose }[] = [];
    if (facts.hub) batchRoles.push({ stack: facts.hub.stack, accountId: A, purpose: "batch-replication" });
    if (facts.destination) batchRoles.push({ stack: facts.destination.stack, accountId: B, purpose: "batch-copy" });
    for (const b of batchRoles) {
        proofs.push(serviceAssumes(b.stack, "batchoperations.s3.amazonaws.com", b.accountId, b.purpose, p, "Allowed"));
        proofs.push(serviceAssumes(b.stack, "s3.amazonaws.com", b.accountId, b.purpose, p, "Denied"));
        const admin = `arn:aws:iam::${b.accountId}:role/${p}-administrator`;
        const name = roleName(p, b.purpose);
        proofs.push({
            name: `a role of the same account may not assume ${name}`,
            stack: b.stack,
            principal: { kind: "arn", arn: admin },
            identity: ASSUMED_STS("an administrator role whose own policy allows sts:AssumeRole on everything"),
            action: "sts:AssumeRole",
            resource: { arn: roleArn(b.accountId, name), accountId: b.accountId },
            resourcePolicy: { kind: "trust", accountId: b.accountId, roleName: name, what: `${b.purpose} role` },
            context: signed(admin),
            expected: "Denied",
        });
    }

    if (facts.hub) {
        const batch = roleArn(A, roleName(p, "batch-replication"));
        const batchIdentity: IdentitySpec = {
            kind: "role",
            accountId: A,
            roleName: roleName(p, "batch-replication"),
            what: "batch replication role",
        };
        const data = bucketName(p, "data", A, facts.hub.region);
        const reports = bucketName(p, "reports", A, facts.hub.region);
        proofs.push({
            name: `the batch replication role may initiate replication of objects in ${data}`,
            stack: facts.hub.stack,
            principal: { kind: "arn", arn: batch },
            identity: batchIdentity,
            action: "s3:InitiateReplication",
            resource: { arn: `arn:aws:s3:::${data}/${OBJECT_KEY}`, accountId: A },
            resourcePolicy: { kind: "bucket", bucket: data, what: `bucket policy of ${data}` },
            context: signed(batch),
            expected: "Allowed",
        });
        proofs.push({
            name: `the batch replication role may write the job report to ${reports}`,
            stack: facts.hub.stack,
            principal: { kind: "arn", arn: batch },
            identity: batchIdentity,
            action: "s3:PutObject",
            resource: { arn: `arn:aws:s3:::${reports}/${facts.reportKey}`, accountId: A },
            resourcePolicy: { kind: "bucket", bucket: reports, what: `bucket policy of ${reports}` },
            context: signed(batch),
            expected: "Allowed",
        });
    }

    if (facts.hub && facts.destination) {
        const copy = roleArn(B, roleName(p, "batch-copy"));
        const copyIdentity: IdentitySpec = {
            kind: "role",
            accountId: B,
            roleName: roleName(p, "batch-copy"),
            what: "batch copy role",
        };
        const manifest = bucketName(p, "manifest", A, facts.hub.region);
        const reports = bucketName(p, "reports", B, facts.destination.region);
        const source = bucketName(p, "data", A, facts.hub.region);
        proofs.push({
            name: `the destination's batch copy role may read objects in ${source}`,
            stack: facts.hub.stack,
            principal: { kind: "arn", arn: copy },
            identity: copyIdentity,
            action: "s3:GetObject",
            resource: { arn: `arn:aws:s3:::${source}/${OBJECT_KEY}`, accountId: A },
            resourcePolicy: { kind: "bucket", bucket: source, what: `bucket policy of ${source}` },
            context: signed(copy),
            expected: "Allowed",
        });
        proofs.push({
            name: `the destination's batch copy role may read the manifest in ${manifest}`,
            stack: facts.hub.stack,
            principal: { kind: "arn", arn: copy },
            identity: copyIdentity,
            action: "s3:GetObject",
            resource: { arn: `arn:aws:s3:::${manifest}/${facts.manifestKey}`, accountId: A },
            resourcePolicy: { kind: "bucket", bucket: manifest, what: `bucket policy of ${manifest}` },
            context: signed(copy),
            expected: "Allowed",
        });
        proofs.push({
            name: `the destination's batch copy role may write the job report to ${reports}`,
            stack: facts.destination.stack,
            principal: { kind: "arn", arn: copy },
            identity: copyIdentity,
            action: "s3:PutObject",
            resource: { arn: `arn:aws:s3:::${reports}/${facts.reportKey}`, accountId: B },
            resourcePolicy: { kind: "bucket", bucket: reports, what: `bucket policy of ${reports}` },
            context: signed(copy),
            expected: "Allowed",
        });
    }
    return proofs;
}

/** Thrown inside `runProof` for a proof that cannot be made; becomes an `unproven` result. */
class Unproven extends Error {}

function docOrUnproven(doc: ParsedDoc | undefined, missing: string): PolicyDoc {
    if (doc === undefined) throw new Unproven(missing);
    if (isUnreadable(doc)) throw new Unreadable(doc.unreadable);
    return doc;
}

/** A generated document that is not a policy at all: AWS would refuse it, so the proof fails. */
class Unreadable extends Error {}

function roleOrUnproven(model: AccessModel, accountId: string, name: string, what: string): IndexedRole {
    const role = model.roles.get(roleKey(accountId, name));
    if (!role) throw new Unproven(`no ${what} (${roleArn(accountId, name)}) in the plan`);
    return role;
}

function identityPolicies(spec: IdentitySpec, model: AccessModel): Simulation["identityPolicies"] {
    switch (spec.kind) {
        case "none":
            return [];
        case "assumed":
            return [{ name: "assumed-caller-policy", policy: { Version: "2012-10-17", Statement: spec.statements } }];
        case "role": {
            const role = roleOrUnproven(model, spec.accountId, spec.roleName, spec.what);
            if (role.opaqueAttachments.length) {
                throw new Unproven(
                    `${spec.what} has attached policies whose documents are not in the plan: ${role.opaqueAttachments.join(", ")}`,
                );
            }
            return role.permissions.map((p) => ({ name: p.name, policy: docOrUnproven(p.document, "") }));
        }
    }
}

/** The candidate resource policies: one, except for a bucket that (wrongly) has several BucketPolicy resources. */
function resourcePolicies(spec: ResourcePolicySpec, model: AccessModel): { label: string; doc: PolicyDoc }[] {
    switch (spec.kind) {
        case "bucket": {
            const bucket = model.buckets.get(spec.bucket);
            if (!bucket) throw new Unproven(`no bucket ${spec.bucket} in the plan`);
            if (bucket.policies.length === 0) throw new Unproven(`no ${spec.what} in the plan`);
            return bucket.policies.map((p) => ({ label: p.resource, doc: docOrUnproven(p.document, "") }));
        }
        case "trust": {
            const role = roleOrUnproven(model, spec.accountId, spec.roleName, spec.what);
            return [
                { label: role.name, doc: docOrUnproven(role.trust, `no trust policy on the ${spec.what} in the plan`) },
            ];
        }
        case "mrap": {
            const mrap = model.mraps[0];
            if (!mrap) throw new Unproven("no Multi-Region Access Point in the plan");
            return [{ label: mrap.name, doc: docOrUnproven(mrap.policy, `no ${spec.what} in the plan`) }];
        }
    }
}

/** Which statements decided, as `<policy> Sid` list: shown with every proof so a reader can check it. */
function decidedBy(analysis: Parameters<typeof getGrantReasons>[0], allowed: boolean): string {
    if (allowed) {
        const grants = getGrantReasons(analysis).map(
            (g) =>
                `${g.policyType === "resource" ? "resource policy" : g.policyType === "identity" ? `identity ${g.policyIdentifier}` : g.policyType} ${g.statementId ?? `#${g.statementIndex}`}`,
        );
        return grants.length ? `allowed by ${grants.join(", ")}` : "allowed";
    }
    const denials = getDenialReasons(analysis).map((d) =>
        d.denialType === "Explicit"
            ? `explicit deny in ${d.policyType === "resource" ? "resource policy" : d.policyType} ${d.statementId ?? `#${d.statementIndex}`}`
            : `no ${d.policyType === "resource" ? "resource policy" : d.policyType} statement allows it`,
    );
    return denials.length ? `denied: ${[...new Set(denials)].join("; ")}` : "denied: nothing allows it";
}

const MRAP_ARN = /^arn:aws:s3::\d{12}:accesspoint\//;

/** One simulation of the proof's request against one resource policy. */
async function simulate(
    def: ProofDefinition,
    identity: Simulation["identityPolicies"],
    resourceDoc: PolicyDoc,
): Promise<ProofResult> {
    const result = (status: ProofStatus, actual: Actual | null, reason: string): ProofResult => ({
        name: def.name,
        stack: def.stack,
        expected: def.expected,
        actual,
        status,
        reason,
    });
    const arn = "arn" in def.resource ? def.resource.arn : "";
    const simulation: Simulation = {
        request: {
            principal:
                def.principal.kind === "anonymous"
                    ? anonymousPrincipal
                    : def.principal.kind === "service"
                      ? def.principal.service
                      : def.principal.arn,
            action: def.action,
            resource: { resource: arn, accountId: "accountId" in def.resource ? def.resource.accountId : "" },
            contextVariables: def.context,
        },
        identityPolicies: identity,
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: resourceDoc,
    };
    const sim = await runSimulation(simulation, {});
    if (sim.resultType === "error") {
        const e = sim.errors;
        // A generated document the validator refuses would be refused by IAM too: a defect, not a gap.
        if (e.message === "policy.errors")
            return result(
                "failed",
                null,
                `a generated policy is invalid: ${JSON.stringify({ ...e, message: undefined })}`,
            );
        return result("unproven", null, `the simulator could not evaluate ${def.action} on ${arn}: ${e.message}`);
    }
    if (sim.resultType !== "single") return result("unproven", null, `the simulator expanded ${arn} as a wildcard`);
    const ignored = (sim.result.ignoredContextKeys ?? []).filter((k) => k in def.context);
    if (ignored.length)
        return result(
            "unproven",
            null,
            `the simulator ignored context key ${ignored.join(", ")} for ${def.action}, which this proof relies on`,
        );
    const actual = sim.overallResult;
    const allowed = actual === "Allowed";
    const why = decidedBy(sim.result.analysis, allowed);
    return allowed === (def.expected === "Allowed")
        ? result("passed", actual, why)
        : result("failed", actual, `expected ${def.expected}, ${why}`);
}

/** Evaluates one proof against the plan's policies. Never throws for a missing policy: that is `unproven`. */
export async function runProof(def: ProofDefinition, model: AccessModel): Promise<ProofResult> {
    const result = (status: ProofStatus, actual: Actual | null, reason: string): ProofResult => ({
        name: def.name,
        stack: def.stack,
        expected: def.expected,
        actual,
        status,
        reason,
    });
    try {
        const identity = identityPolicies(def.identity, model);
        const candidates = resourcePolicies(def.resourcePolicy, model);
        if ("mrapObjectKey" in def.resource) {
            const mrap = model.mraps[0];
            throw new Unproven(
                `the simulator does not model Multi-Region Access Point ARNs (${mrap.arn}/object/${def.resource.mrapObjectKey})`,
            );
        }
        if (MRAP_ARN.test(def.resource.arn))
            throw new Unproven(`the simulator does not model Multi-Region Access Point ARNs (${def.resource.arn})`);
        if (Object.keys(def.context).some((k) => k.toLowerCase() === "s3:dataaccesspointarn")) {
            throw new Unproven("the simulator does not model access-point requests (s3:DataAccessPointArn)");
        }
        const outcomes: ProofResult[] = [];
        for (const candidate of candidates) outcomes.push(await simulate(def, identity, candidate.doc));
        // Several policies on one bucket: S3 keeps whichever was written last, so every one must satisfy the proof.
        const worst =
            outcomes.find((o) => o.status === "failed") ?? outcomes.find((o) => o.status === "unproven") ?? outcomes[0];
        if (candidates.length === 1) return worst;
        const which = candidates[outcomes.indexOf(worst)].label;
        return {
            ...worst,
            reason: `${worst.reason} (with ${which}, one of ${candidates.length} policies on the bucket; S3 keeps only the last written)`,
        };
    } catch (e) {
        if (e instanceof Unproven) return result("unproven", null, e.message);
        if (e instanceof Unreadable) return result("failed", null, `a generated policy is unreadable: ${e.message}`);
        throw e;
    }
}

export async function runProofs(defs: ProofDefinition[], model: AccessModel): Promise<ProofResult[]> {
    const results: ProofResult[] = [];
    // Sequential: the simulator loads its IAM data lazily and the proofs are fast.
    for (const d of defs) results.push(await runProof(d, model));
    return results;
}
