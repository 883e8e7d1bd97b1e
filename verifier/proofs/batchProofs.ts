// Proofs of S3 Batch Operations for existing objects (the batch copy reports): who assumes the batch roles, and what they read and write.
import { bucketName, roleArn, roleName, RolePurpose } from "../../config/naming";
import { IdentitySpec, ProofDefinition, ProofFacts } from "./types";
import { ASSUMED_STS, OBJECT_KEY, serviceAssumes, signed } from "./requests";

export function batchProofs(facts: ProofFacts): ProofDefinition[] {
    const A = facts.sourceAccountId;
    const B = facts.destinationAccountId;
    const p = facts.namePrefix;
    const proofs: ProofDefinition[] = [];

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
