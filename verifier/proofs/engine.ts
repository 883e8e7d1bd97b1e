// The proof engine: simulates each proof's request against the policies the offline plan generated.
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
import { roleArn } from "../../config/naming";
import { AccessModel, IndexedRole, isUnreadable, ParsedDoc, PolicyDoc, roleKey } from "../accessModel";
import { Actual, IdentitySpec, ProofDefinition, ProofResult, ProofStatus, ResourcePolicySpec } from "./types";

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

/**
 * Makes the simulator load the IAM data the proofs read (S3's and STS's actions and condition keys),
 * so that the plan can do it while its stacks are still evaluating.
 */
export async function loadIamData(): Promise<void> {
    for (const action of ["s3:GetObject", "sts:AssumeRole"]) {
        await runSimulation(
            {
                request: {
                    principal: "arn:aws:iam::111111111111:role/load",
                    action,
                    resource: { resource: "*", accountId: "111111111111" },
                    contextVariables: {},
                },
                identityPolicies: [],
                serviceControlPolicies: [],
                resourceControlPolicies: [],
            },
            {},
        );
    }
}
