// Building blocks of the proof catalogue: the callers, contexts and assumed identities the proofs share.
import { roleArn, roleName, RolePurpose } from "../../config/naming";
import { isAccountId } from "../../config/validators";
import { Expected, IdentitySpec, ProofDefinition, ProofFacts } from "./types";

export const OBJECT_KEY = "proofs/object.txt";

const accountOf = (arn: string): string => /^arn:aws:(?:iam|sts)::(\d{12}):/.exec(arn)?.[1] ?? "";

/** Context every signed request carries; the simulator does not fill these in itself. */
export function signed(arn: string, secureTransport = true): Record<string, string> {
    return {
        "aws:PrincipalArn": arn,
        "aws:PrincipalAccount": accountOf(arn),
        "aws:SecureTransport": String(secureTransport),
    };
}

export const ASSUMED_S3 = (why: string): IdentitySpec => ({
    kind: "assumed",
    statements: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }],
    why,
});
export const ASSUMED_STS = (why: string): IdentitySpec => ({
    kind: "assumed",
    statements: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }],
    why,
});

/** A partner principal as a concrete caller: an account root stands for any role in that account. */
export function partnerCaller(principal: string): string {
    if (isAccountId(principal)) return `arn:aws:iam::${principal}:role/partner-uploader`;
    const root = /^arn:aws:iam::(\d{12}):root$/.exec(principal);
    return root ? `arn:aws:iam::${root[1]}:role/partner-uploader` : principal;
}

/** An account id that is none of the platform's or partners' accounts. */
export function outsiderAccount(facts: ProofFacts): string {
    const taken = new Set([
        facts.sourceAccountId,
        facts.destinationAccountId,
        ...(facts.hub?.partners?.principals ?? []).map((p) => accountOf(p) || p),
    ]);
    for (const candidate of ["999999999999", "999999999998", "999999999997", "999999999996"])
        if (!taken.has(candidate)) return candidate;
    return "999999999995";
}

export function serviceAssumes(
    stack: string,
    service: string,
    accountId: string,
    purpose: RolePurpose,
    prefix: string,
    expected: Expected,
    /** The role's name when it is not `roleName(prefix, purpose)` (a secondary's regional batch role). */
    name = roleName(prefix, purpose),
): ProofDefinition {
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

/** An object in `bucket`, checked against that bucket's policy, reported with `stack`. */
export const bucketTarget = (stack: string, bucket: string, accountId: string, what: string) => ({
    stack,
    resource: { arn: `arn:aws:s3:::${bucket}/${OBJECT_KEY}`, accountId },
    resourcePolicy: { kind: "bucket" as const, bucket, what },
});

/** The partners' first principal as a concrete caller, when the hub lists partners. */
export function partnerOf(facts: ProofFacts): string | undefined {
    const partners = facts.hub?.partners;
    return partners ? partnerCaller(partners.principals[0]) : undefined;
}
