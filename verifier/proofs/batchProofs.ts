// Proofs of S3 Batch Operations for existing objects (the batch copy reports): who assumes the batch roles, and what they read and write.
import { batchReplicationRoleName, bucketName, roleArn, roleName, RolePurpose } from "../../config/naming";
import { IdentitySpec, ProofDefinition, ProofFacts } from "./types";
import { ASSUMED_STS, OBJECT_KEY, serviceAssumes, signed } from "./requests";

export function batchProofs(facts: ProofFacts): ProofDefinition[] {
    const A = facts.sourceAccountId;
    const B = facts.destinationAccountId;
    const p = facts.namePrefix;
    const proofs: ProofDefinition[] = [];

    // Batch roles: S3 Batch Operations assumes them as batchoperations.s3.amazonaws.com; trusting
    // s3.amazonaws.com instead gives "Failed to assume role" (the cross-account batch copy report). Nobody else may
    // assume them.
    // Every regional stack has its own Batch Replication role; account B has the batch copy role.
    const replicationRoles = facts.regional.map((r) => ({
        ...r,
        name: batchReplicationRoleName(p, r.region, r.stack === facts.hub?.stack),
        data: bucketName(p, "data", A, r.region),
    }));
    const batchRoles: { stack: string; accountId: string; purpose: RolePurpose; name: string }[] = [
        ...replicationRoles.map((r) => ({
            stack: r.stack,
            accountId: A,
            purpose: "batch-replication" as const,
            name: r.name,
        })),
        ...(facts.destination
            ? [
                  {
                      stack: facts.destination.stack,
                      accountId: B,
                      purpose: "batch-copy" as const,
                      name: roleName(p, "batch-copy"),
                  },
              ]
            : []),
    ];
    for (const b of batchRoles) {
        proofs.push(
            serviceAssumes(b.stack, "batchoperations.s3.amazonaws.com", b.accountId, b.purpose, p, "Allowed", b.name),
        );
        proofs.push(serviceAssumes(b.stack, "s3.amazonaws.com", b.accountId, b.purpose, p, "Denied", b.name));
        const admin = `arn:aws:iam::${b.accountId}:role/${p}-administrator`;
        proofs.push({
            name: `a role of the same account may not assume ${b.name}`,
            stack: b.stack,
            principal: { kind: "arn", arn: admin },
            identity: ASSUMED_STS("an administrator role whose own policy allows sts:AssumeRole on everything"),
            action: "sts:AssumeRole",
            resource: { arn: roleArn(b.accountId, b.name), accountId: b.accountId },
            resourcePolicy: { kind: "trust", accountId: b.accountId, roleName: b.name, what: `${b.purpose} role` },
            context: signed(admin),
            expected: "Denied",
        });
    }

    // Each region's job reads its own bucket and writes its own region's report bucket, and nothing of
    // another region: one role per bucket.
    for (const r of replicationRoles) {
        const batch = roleArn(A, r.name);
        const batchIdentity: IdentitySpec = {
            kind: "role",
            accountId: A,
            roleName: r.name,
            what: "batch replication role",
        };
        const reports = bucketName(p, "reports", A, r.region);
        const initiate = (data: string, stack: string) => ({
            principal: { kind: "arn" as const, arn: batch },
            identity: batchIdentity,
            action: "s3:InitiateReplication",
            resource: { arn: `arn:aws:s3:::${data}/${OBJECT_KEY}`, accountId: A },
            resourcePolicy: { kind: "bucket" as const, bucket: data, what: `bucket policy of ${data}` },
            context: signed(batch),
            stack,
        });
        proofs.push({
            name: `the batch replication role may initiate replication of objects in ${r.data}`,
            ...initiate(r.data, r.stack),
            expected: "Allowed",
        });
        proofs.push({
            name: `the batch replication role may write the job report to ${reports}`,
            stack: r.stack,
            principal: { kind: "arn", arn: batch },
            identity: batchIdentity,
            action: "s3:PutObject",
            resource: { arn: `arn:aws:s3:::${reports}/${facts.reportKey}`, accountId: A },
            resourcePolicy: { kind: "bucket", bucket: reports, what: `bucket policy of ${reports}` },
            context: signed(batch),
            expected: "Allowed",
        });
        for (const other of replicationRoles.filter((o) => o.stack !== r.stack)) {
            proofs.push({
                name: `${r.name} may not initiate replication of objects in ${other.data}`,
                ...initiate(other.data, r.stack),
                expected: "Denied",
            });
        }
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
