// Corpus pairs for sound IAM reasoning: a valid twin that writes a grant differently (must pass) and a mutant one change away.

// Each twin proves the pack reads the grant for what it allows (wildcards, patterns, denies that spare the right
// resources); its mutant changes one value of the same edit, so the refusal comes from that value alone.

import { A, B, roleArn } from "./builder";
import { Mutant, Mutator, Variant, mutate } from "./generator";
import { namesOf } from "./storage";

type Edit = Record<string, unknown>;

export interface ReasoningPair {
    /** The valid twin: passes the pack with no mandatory violation. */
    twin: Mutant;
    /** The twin's edit with one value changed: refused by `mutant.policy` on `mutant.subject`. */
    mutant: Mutant;
}

const bySid = (statements: Edit[], sid: string): Edit => {
    const st = statements.find((s) => s["Sid"] === sid);
    if (!st) throw new Error(`corpus: no statement ${sid}`);
    return st;
};

/** A twin and its mutant, made by the same edit with the valid and the broken value. */
function pair<T>(
    v: Variant,
    name: string,
    policy: string,
    subject: string,
    good: T,
    bad: T,
    edit: (m: Mutator, value: T) => void,
): ReasoningPair {
    return {
        twin: mutate(v, `${name}/valid-twin`, policy, subject, (m) => edit(m, good)),
        mutant: mutate(v, name, policy, subject, (m) => edit(m, bad)),
    };
}

export function reasoningPairsOf(v: Variant): ReasoningPair[] {
    const n = namesOf(v.shape.prefix, v.shape.regions);
    const objects = (bucket: string) => `arn:aws:s3:::${bucket}/*`;
    const dataObjects = v.shape.regions.map((r) => objects(n.data(r)));
    const perms = "s3-replication-role-permissions";
    const replication = "replication-role";
    const writes = (m: Mutator, change: (st: Edit) => void) =>
        m.permissions(replication, (sts) => change(bySid(sts, "WriteDestinations")));
    const out: ReasoningPair[] = [
        // s3:Replicate* grants every replication write; s3:Get* grants none of them.
        pair(v, "writes-granted-as-get-star", perms, replication, "s3:Replicate*", "s3:Get*", (m, action) =>
            writes(m, (st) => (st["Action"] = [action, "s3:ObjectOwnerOverrideToBucketOwner"])),
        ),
        // One resource pattern for every bucket of the prefix covers the replica; a `-data-*` pattern misses it.
        pair(
            v,
            "destination-pattern-misses-replica",
            perms,
            replication,
            `arn:aws:s3:::${v.shape.prefix}-*/*`,
            `arn:aws:s3:::${v.shape.prefix}-data-*/*`,
            (m, pattern) => writes(m, (st) => (st["Resource"] = pattern)),
        ),
        // A Deny of replication everywhere but the listed buckets: harmless when the replica is listed.
        pair(
            v,
            "deny-not-resource-without-replica",
            perms,
            replication,
            [...dataObjects, objects(n.replica)],
            dataObjects,
            (m, spared) =>
                m.permissions(replication, (sts) =>
                    sts.push({ Sid: "OnlyOwnBuckets", Effect: "Deny", Action: "s3:Replicate*", NotResource: spared }),
                ),
        ),
        // Account B's replica denies every principal but the listed roles: the replication role must be one of them.
        pair(
            v,
            "replica-denies-replication-role",
            perms,
            replication,
            [roleArn(A, n.replicationRole), roleArn(B, n.batchCopyRole)],
            [roleArn(B, n.batchCopyRole)],
            (m, writers) =>
                m.statements("replica-policy", "policy", (sts) =>
                    sts.push({
                        Sid: "OnlyTheCopyRoles",
                        Effect: "Deny",
                        Principal: "*",
                        Action: "s3:Replicate*",
                        Resource: objects(n.replica),
                        Condition: { ArnNotEquals: { "aws:PrincipalArn": writers } },
                    }),
                ),
        ),
        // The batch role's report write as s3:Put* is fine; account B's report bucket must still let the role in.
        pair(
            v,
            "report-bucket-does-not-allow-batch-role",
            "s3-batch-role-writes-report-bucket",
            "batch-replication-role",
            "s3:PutObject",
            "s3:GetObject",
            (m, action) => {
                m.permissions("batch-replication-role", (sts) => (bySid(sts, "WriteReport")["Action"] = "s3:Put*"));
                m.statements(
                    "reports-policy",
                    "policy",
                    (sts) => (bySid(sts, "AllowSourceBatchReports")["Action"] = action),
                );
            },
        ),
    ];
    // The replication role's permissions attached to another role instead (managed policies only).
    if (v.shape.permissions === "managed" || v.shape.permissions === "rolePolicy") {
        const holder = v.shape.permissions === "managed" ? `${replication}-attachment` : `${replication}-permissions`;
        out.push(
            pair(
                v,
                "permissions-attached-to-another-role",
                perms,
                replication,
                n.replicationRole,
                n.partnerRole,
                (m, role) => m.set(holder, "role", role),
            ),
        );
    }
    return out;
}
