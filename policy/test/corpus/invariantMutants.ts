// Corpus mutants for the system invariants: one change each to a valid variant, the policy that must refuse it, the resource named.

import { A, kmsKey } from "./builder";
import { Mutant, Variant, mutate } from "./generator";

type Edit = Record<string, unknown>;

const rulesOf = (inputs: Edit): Edit[] => inputs["rules"] as Edit[];
const destinationOf = (rule: Edit): Edit => rule["destination"] as Edit;

/** Removes `action` from every statement of a permissions document that lists it. */
function withoutAction(statements: Edit[], action: string): void {
    for (const st of statements) {
        const actions = st["Action"];
        if (Array.isArray(actions)) st["Action"] = actions.filter((a) => a !== action);
    }
}

export function invariantMutantsOf(v: Variant): Mutant[] {
    const hub = v.shape.regions[0];
    const second = v.shape.regions[1];
    const secondRules = `replication-${second}`;
    const rule =
        (name: string, pick: (rules: Edit[]) => Edit, change: (rule: Edit) => void) =>
        (m: { resource(name: string): { inputs: Edit } }) =>
            change(pick(rulesOf(m.resource(name).inputs)));
    const toRegional = (rules: Edit[]): Edit => rules[0];
    const toAccountB = (rules: Edit[]): Edit => rules[rules.length - 1];
    const out: Mutant[] = [
        mutate(v, "reports-versioning-suspended", "s3-bucket-versioning", "reports-versioning", (m) =>
            m.set("reports-versioning", "versioningConfiguration.status", "Suspended"),
        ),
        mutate(v, "replica-object-writer", "s3-bucket-owner-enforced", "replica-ownership", (m) =>
            m.set("replica-ownership", "rule.objectOwnership", "ObjectWriter"),
        ),
        mutate(v, "tls-deny-objects-only", "s3-bucket-policy-secure-transport", "replica-policy", (m) =>
            m.statements("replica-policy", "policy", (st) => {
                st[0]["Resource"] = (st[0]["Resource"] as string[]).filter((r) => r.endsWith("/*"));
            }),
        ),
        mutate(v, "tls-deny-narrowed", "s3-bucket-policy-secure-transport", `data-${second}-policy`, (m) =>
            m.statements(`data-${second}-policy`, "policy", (st) => {
                st[0]["Condition"] = {
                    Bool: { "aws:SecureTransport": "false" },
                    StringNotEquals: { "aws:SourceVpce": "vpce-0123456789abcdef0" },
                };
            }),
        ),
        mutate(
            v,
            "mesh-no-delete-markers",
            "s3-replication-regional-rules",
            secondRules,
            rule(secondRules, toRegional, (r) => (r["deleteMarkerReplication"] = { status: "Disabled" })),
        ),
        mutate(
            v,
            "mesh-rule-disabled",
            "s3-replication-regional-rules",
            secondRules,
            rule(secondRules, toRegional, (r) => (r["status"] = "Disabled")),
        ),
        mutate(
            v,
            "mesh-prefix-only",
            "s3-replication-regional-rules",
            secondRules,
            rule(secondRules, toRegional, (r) => (r["filter"] = { prefix: "incoming/" })),
        ),
        mutate(
            v,
            "mesh-no-replica-sync",
            "s3-replication-regional-rules",
            secondRules,
            rule(secondRules, toRegional, (r) => delete (r["sourceSelectionCriteria"] as Edit)["replicaModifications"]),
        ),
        mutate(
            v,
            "mesh-no-rtc",
            "s3-replication-regional-rules",
            secondRules,
            rule(secondRules, toRegional, (r) => delete destinationOf(r)["replicationTime"]),
        ),
        mutate(v, "secondary-not-to-account-b", "s3-replication-complete", secondRules, (m) =>
            m.set(secondRules, "rules", rulesOf(m.resource(secondRules).inputs).slice(0, -1)),
        ),
        mutate(v, "mesh-pair-missing", "s3-replication-complete", secondRules, (m) =>
            m.set(
                secondRules,
                "rules",
                rulesOf(m.resource(secondRules).inputs).filter((r) => r["id"] !== `to-${hub}`),
            ),
        ),
        mutate(
            v,
            "cross-account-names-own-account",
            "s3-replication-cross-account-destination",
            `replication-${hub}`,
            rule(`replication-${hub}`, toAccountB, (r) => (destinationOf(r)["account"] = A)),
        ),
        mutate(
            v,
            "cross-account-no-owner-override",
            "s3-replication-cross-account-destination",
            secondRules,
            rule(secondRules, toAccountB, (r) => delete destinationOf(r)["accessControlTranslation"]),
        ),
        mutate(v, "replication-role-no-replicate-delete", "s3-replication-role-permissions", "replication-role", (m) =>
            m.permissions("replication-role", (st) => withoutAction(st, "s3:ReplicateDelete")),
        ),
        mutate(v, "replication-role-cannot-read-sources", "s3-replication-role-permissions", "replication-role", (m) =>
            m.permissions("replication-role", (st) => withoutAction(st, "s3:GetObjectVersionForReplication")),
        ),
    ];
    out.push(
        mutate(v, "mrap-one-bucket", "s3-mrap-regions-and-routes", "mrap", (m) =>
            m.set(
                "mrap",
                "details.regions",
                ((m.resource("mrap").inputs["details"] as Edit)["regions"] as Edit[]).slice(0, 1),
            ),
        ),
        mutate(v, "mrap-routes-all-passive", "s3-mrap-regions-and-routes", "mrap-routes", (m) =>
            m.set(
                "mrap-routes",
                "routes",
                (m.resource("mrap-routes").inputs["routes"] as Edit[]).map((r) => ({ ...r, trafficDialPercentage: 0 })),
            ),
        ),
        mutate(v, "secondary-no-delegation", "s3-mrap-bucket-delegation", `data-${second}-policy`, (m) =>
            m.statements(`data-${second}-policy`, "policy", (st) => {
                st.splice(
                    st.findIndex((x) => x["Sid"] === "DelegateToOwnAccessPoints"),
                    1,
                );
            }),
        ),
        mutate(v, "manifest-in-another-region", "s3-inventory-same-region", "data-inventory", (m) => {
            // The manifest bucket itself (with components, its wrapper shares the logical name).
            const bucket = m.resource(
                "manifest",
                `aws:s3/${v.shape.bucket === "Bucket" ? "bucket:Bucket" : "bucketV2:BucketV2"}`,
            );
            bucket.inputs["region"] = second;
            bucket.outputs["region"] = second;
        }),
        mutate(v, "inventory-delivery-any-account", "s3-inventory-destination-policy", "manifest-policy", (m) =>
            m.statements("manifest-policy", "policy", (st) => {
                delete st[st.findIndex((x) => x["Sid"] === "InventoryDelivery")]["Condition"];
            }),
        ),
    );
    if (v.shape.regions.length > 2)
        out.push(
            // Into the hub's manifest bucket, in another region.
            mutate(v, "secondary-inventory-to-hub", "s3-inventory-same-region", `data-inventory-${second}`, (m) =>
                m.set(
                    `data-inventory-${second}`,
                    "destination.bucket.bucketArn",
                    (m.resource("data-inventory").inputs["destination"] as { bucket: { bucketArn: string } }).bucket
                        .bucketArn,
                ),
            ),
        );
    if (v.shape.kms) {
        out.push(
            mutate(
                v,
                "kms-objects-not-selected",
                "s3-replication-kms",
                `replication-${hub}`,
                rule(
                    `replication-${hub}`,
                    toRegional,
                    (r) => delete (r["sourceSelectionCriteria"] as Edit)["sseKmsEncryptedObjects"],
                ),
            ),
            mutate(
                v,
                "kms-replica-key-in-source-region",
                "s3-replication-kms",
                `replication-${hub}`,
                rule(`replication-${hub}`, toRegional, (r) => {
                    destinationOf(r)["encryptionConfiguration"] = { replicaKmsKeyId: kmsKey(hub, A, 1) };
                }),
            ),
        );
    }
    return out;
}
