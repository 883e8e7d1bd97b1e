// Proofs of the partner upload path (the MRAP field report): the writer role, its external id, and nobody else.
import { roleArn, roleName } from "../../config/naming";
import { ProofDefinition, ProofFacts, ResourcePolicySpec } from "./types";
import { ASSUMED_STS, OBJECT_KEY, outsiderAccount, partnerOf, signed } from "./requests";

export function partnerProofs(facts: ProofFacts): ProofDefinition[] {
    const A = facts.sourceAccountId;
    const p = facts.namePrefix;
    const proofs: ProofDefinition[] = [];
    const partners = facts.hub?.partners;
    const partner = partnerOf(facts);

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
    return proofs;
}
