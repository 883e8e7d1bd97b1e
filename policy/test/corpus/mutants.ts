// Corpus mutants: each is a valid variant with ONE change, and names the policy that must refuse it and the resource it must name.

import { Mutant, Mutator, Variant, mutate } from "./generator";
import { invariantMutantsOf } from "./invariantMutants";
import { DEFAULT_SG, ENDPOINT_SG } from "./network";
import { reasoningPairsOf } from "./reasoningMutants";

type Edit = Record<string, unknown>;

/** Sets an input (and output) of the replica bucket itself; its component shares the logical name. */
function setOnReplica(m: Mutator, key: string, value: unknown): void {
    const r = m.resource("replica", `aws:s3/${m.shape.bucket === "Bucket" ? "bucket:Bucket" : "bucketV2:BucketV2"}`);
    for (const bag of [r.inputs, r.outputs]) bag[key] = structuredClone(value);
}

/** Mutants of one variant for the pack's checks. Add new ones here: one change each, expected policy and subject. */
export function mutantsOf(v: Variant): Mutant[] {
    const hub = v.shape.regions[0];
    const second = v.shape.regions[1];
    const out: Mutant[] = [
        mutate(v, "replica-pab-flag-off", "s3-bucket-public-access-block", "replica-public-access-block", (m) =>
            m.set("replica-public-access-block", "restrictPublicBuckets", false),
        ),
        mutate(v, "reports-no-encryption", "s3-bucket-default-encryption", "reports", (m) =>
            m.remove("reports-encryption"),
        ),
        mutate(v, "manifest-object-writer", "s3-destination-bucket-owner-enforced", "manifest-ownership", (m) =>
            m.set("manifest-ownership", "rule.objectOwnership", "ObjectWriter"),
        ),
        mutate(v, "replica-no-policy", "s3-bucket-single-policy", "replica", (m) => m.remove("replica-policy")),
        mutate(v, "tls-deny-is-allow", "s3-bucket-policy-secure-transport", "reports-policy", (m) =>
            m.statements("reports-policy", "policy", (st) => (st[0]["Effect"] = "Allow")),
        ),
        mutate(v, "public-read", "s3-policy-no-public-principal", `data-${hub}-policy`, (m) =>
            m.statements(`data-${hub}-policy`, "policy", (st) =>
                st.push({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" }),
            ),
        ),
        mutate(v, "secondary-versioning-suspended", "s3-replication-versioning", `data-${second}-versioning`, (m) =>
            m.set(`data-${second}-versioning`, "versioningConfiguration.status", "Suspended"),
        ),
        mutate(v, "rtc-without-metrics", "s3-replication-rtc-metrics", `replication-${hub}`, (m) => {
            const rules = m.resource(`replication-${hub}`).inputs["rules"] as Edit[];
            delete (rules[0]["destination"] as Edit)["metrics"];
        }),
        mutate(
            v,
            "cross-account-no-account",
            "s3-replication-cross-account-destination",
            `replication-${second}`,
            (m) => {
                const rules = m.resource(`replication-${second}`).inputs["rules"] as Edit[];
                const last = rules[rules.length - 1]["destination"] as Edit;
                delete last["account"];
            },
        ),
        // The corpus replica is a mirror (delete markers replicate into it); marking it a backup is one change.
        mutate(v, "replica-tagged-backup", "s3-backup-no-delete-markers", `replication-${hub}`, (m) =>
            setOnReplica(m, "tags", { "s3-multiregion:copy": "backup" }),
        ),
        mutate(v, "replica-object-lock", "s3-backup-no-delete-markers", `replication-${second}`, (m) =>
            setOnReplica(m, "objectLockEnabled", true),
        ),
        mutate(v, "replication-role-trusts-batch", "s3-replication-role-trust", "replication-role", (m) =>
            m.statements("replication-role", "assumeRolePolicy", (st) => {
                st[0]["Principal"] = { Service: "batchoperations.s3.amazonaws.com" };
            }),
        ),
        mutate(v, "batch-role-trusts-s3", "s3-batch-role-trust", "batch-replication-role", (m) =>
            m.statements("batch-replication-role", "assumeRolePolicy", (st) => {
                st[0]["Principal"] = { Service: "s3.amazonaws.com" };
            }),
        ),
        mutate(v, "manifest-policy-pasted-over", "s3-inventory-destination-policy", "manifest-policy", (m) =>
            m.statements("manifest-policy", "policy", (st) => {
                st.splice(
                    st.findIndex((s) => s["Sid"] === "InventoryDelivery"),
                    1,
                );
            }),
        ),
        mutate(v, "mrap-pab-off", "s3-mrap-public-access-block", "mrap", (m) =>
            m.set("mrap", "details.publicAccessBlock.blockPublicPolicy", false),
        ),
        mutate(v, "routes-from-osaka", "s3-mrap-routes-region", "mrap-routes", (m) =>
            m.set("mrap-routes", "region", "ap-northeast-3"),
        ),
        mutate(v, "partner-trust-without-external-id", "iam-cross-account-trust-limited", "partner-writer-role", (m) =>
            m.statements("partner-writer-role", "assumeRolePolicy", (st) => delete st[0]["Condition"]),
        ),
    ];
    let holder = "";
    out.push(
        mutate(
            v,
            "batch-role-cannot-write-report",
            "s3-batch-role-writes-report-bucket",
            "batch-replication-role",
            (m) =>
                m.permissions("batch-replication-role", (st) => {
                    st.splice(
                        st.findIndex((s) => s["Sid"] === "WriteReport"),
                        1,
                    );
                }),
        ),
    );
    const star = mutate(v, "partner-star-on-star", "iam-no-star-on-star", "", (m) => {
        holder = m.permissions("partner-writer-role", (st) => st.push({ Effect: "Allow", Action: "*", Resource: "*" }));
    });
    out.push({ ...star, subject: holder });
    out.push(...iamReasoningMutants(v));
    if (v.shape.vpn) {
        out.push(
            mutate(
                v,
                "s3-endpoint-default-sg",
                "vpc-s3-endpoint-dedicated-security-group",
                "network-s3-interface",
                (m) =>
                    // awsx specs: the association that replaced the default group is gone.
                    v.shape.endpoints === "awsxSpecs"
                        ? m.remove("network-s3-interface-sg")
                        : m.set("network-s3-interface", "securityGroupIds", [DEFAULT_SG]),
            ),
            mutate(
                v,
                "vpn-on-endpoints-group",
                "vpc-s3-endpoint-security-group-not-shared",
                "network-s3-interface",
                (m) => m.set("client-vpn", "securityGroupIds", [ENDPOINT_SG]),
            ),
            mutate(v, "mrap-endpoint-private-dns-off", "s3-mrap-endpoint-interface", "network-mrap-interface", (m) =>
                m.set("network-mrap-interface", "privateDnsEnabled", false),
            ),
            mutate(v, "vpn-dns-plus-public", "client-vpn-dns-vpc-resolver", "client-vpn", (m) =>
                m.set("client-vpn", "dnsServers", ["10.20.0.2", "8.8.8.8"]),
            ),
            mutate(v, "vpn-dns-absent", "client-vpn-dns-vpc-resolver", "client-vpn", (m) =>
                m.set("client-vpn", "dnsServers", undefined),
            ),
            mutate(v, "vpn-dns-secondary-cidr", "client-vpn-dns-vpc-resolver", "client-vpn", (m) =>
                m.set("client-vpn", "dnsServers", ["10.21.0.2"]),
            ),
            mutate(v, "mrap-endpoint-gateway", "s3-mrap-endpoint-interface", "network-mrap-interface", (m) =>
                m.set("network-mrap-interface", "vpcEndpointType", "Gateway"),
            ),
            mutate(
                v,
                "endpoint-world-https",
                "vpc-s3-endpoint-no-public-https",
                "network-endpoints-https-from-vpn-clients",
                (m) => m.set("network-endpoints-https-from-vpn-clients", "cidrIpv4", "0.0.0.0/0"),
            ),
            mutate(v, "vpn-dns-base-plus-one", "client-vpn-dns-vpc-resolver", "client-vpn", (m) =>
                m.set("client-vpn", "dnsServers", ["10.20.0.1"]),
            ),
            mutate(v, "vpn-no-connection-log", "client-vpn-connection-logging", "client-vpn", (m) =>
                m.set("client-vpn", "connectionLogOptions.enabled", false),
            ),
        );
    }
    out.push(...invariantMutantsOf(v));
    out.push(...reasoningPairsOf(v).map((p) => p.mutant));
    return out;
}

/** Statements that look narrowed or partner-only but are not: each must be read for what it allows. */
function iamReasoningMutants(v: Variant): Mutant[] {
    const hub = v.shape.regions[0];
    const policy = `data-${hub}-policy`;
    const publicGrant = (name: string, statement: Edit): Mutant =>
        mutate(v, name, "s3-policy-no-public-principal", policy, (m) =>
            m.statements(policy, "policy", (st) => st.push(statement)),
        );
    const read = { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" };
    let holder = "";
    const notAction = mutate(v, "partner-not-action-allow", "iam-no-star-on-star", "", (m) => {
        holder = m.permissions("partner-writer-role", (st) =>
            st.push({ Effect: "Allow", NotAction: ["s3:DeleteBucket"], Resource: "*" }),
        );
    });
    return [
        publicGrant("principal-arn-any-account", {
            ...read,
            Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/reader" } },
        }),
        publicGrant("arn-equals-any-account", {
            ...read,
            Condition: {
                ArnEquals: { "aws:PrincipalArn": ["arn:aws:iam::111111111111:role/reader", "arn:aws:iam::*:root"] },
            },
        }),
        publicGrant("source-ip-world", { ...read, Condition: { IpAddress: { "aws:SourceIp": "0.0.0.0/0" } } }),
        publicGrant("org-id-wildcard", { ...read, Condition: { StringLike: { "aws:PrincipalOrgID": "o-*" } } }),
        publicGrant("account-if-exists", {
            ...read,
            Condition: { StringEqualsIfExists: { "aws:PrincipalAccount": "111111111111" } },
        }),
        publicGrant("not-principal-allow", {
            ...read,
            Principal: undefined,
            NotPrincipal: { AWS: "arn:aws:iam::111111111111:root" },
        }),
        mutate(v, "partner-star-with-external-id", "iam-cross-account-trust-limited", "partner-writer-role", (m) =>
            m.statements("partner-writer-role", "assumeRolePolicy", (st) => (st[0]["Principal"] = "*")),
        ),
        { ...notAction, subject: holder },
    ];
}
