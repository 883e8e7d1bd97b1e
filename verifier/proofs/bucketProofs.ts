// Proofs on every regional data bucket: account A writes over TLS only, anonymous reads and partners without the writer role are denied.
import { bucketName } from "../../config/naming";
import { ProofDefinition, ProofFacts } from "./types";
import { ASSUMED_S3, bucketTarget, partnerOf, signed } from "./requests";

export function bucketProofs(facts: ProofFacts): ProofDefinition[] {
    const A = facts.sourceAccountId;
    const p = facts.namePrefix;
    const proofs: ProofDefinition[] = [];
    const appRole = `arn:aws:iam::${A}:role/${p}-application`;
    const partner = partnerOf(facts);

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
    return proofs;
}
