// Proofs of live replication to account B: S3 assumes the replication role, which alone may write replicas, over TLS.
import { bucketName, roleArn, roleName } from "../../config/naming";
import { IdentitySpec, ProofDefinition, ProofFacts } from "./types";
import { ASSUMED_S3, bucketTarget, serviceAssumes, signed } from "./requests";

export function replicationProofs(facts: ProofFacts): ProofDefinition[] {
    const A = facts.sourceAccountId;
    const B = facts.destinationAccountId;
    const p = facts.namePrefix;
    const proofs: ProofDefinition[] = [];
    const unrelatedRole = `arn:aws:iam::${A}:role/${p}-unrelated`;

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
        // A backup's own bucket policy refuses delete markers (no s3:ReplicateDelete), whatever A's rules say.
        if (d.copy?.mode === "backup")
            proofs.push({
                name: `account B refuses the replication role's delete markers in ${replica} (a backup)`,
                ...target,
                principal: { kind: "arn", arn: replication },
                identity: replicationIdentity,
                action: "s3:ReplicateDelete",
                context: signed(replication),
                expected: "Denied",
            });
        else if (d.copy?.mode === "mirror")
            proofs.push({
                name: `the replication role may replicate delete markers into ${replica} (a mirror)`,
                ...target,
                principal: { kind: "arn", arn: replication },
                identity: replicationIdentity,
                action: "s3:ReplicateDelete",
                context: signed(replication),
                expected: "Allowed",
            });
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
    return proofs;
}
