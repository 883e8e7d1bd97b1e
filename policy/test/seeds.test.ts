// Each field-report pitfall, made in a copy of our own stacks, is refused by the whole pack; the stacks as built pass it.

import * as assert from "node:assert/strict";

import * as aws from "@pulumi/aws";

import { T } from "../lib/types";
import { PolicyInputResource, PolicyViolation, runPolicyPack } from "../runner";
import { alter, json, res, without } from "./fixtures";
import {
    A,
    PARTNER,
    denyInsecureTransport,
    destStack,
    manifestRead,
    names,
    osakaStack,
    roleArn,
    tokyoStack,
} from "./stacks";

const JOB = "pulumi-nodejs:dynamic:Resource";
const trust = (principal: Record<string, unknown>, condition?: Record<string, unknown>): string =>
    json({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: principal,
                Action: "sts:AssumeRole",
                ...(condition ? { Condition: condition } : {}),
            },
        ],
    });

/** The whole pack's findings as [policy, level, resource name, message]: exact, but readable. */
async function findings(stack: PolicyInputResource[]): Promise<[string, string, string, string][]> {
    const byUrn = new Map(stack.map((r) => [r.urn, r.name]));
    return (await runPolicyPack(stack)).map((v: PolicyViolation) => [
        v.policy,
        v.enforcementLevel,
        byUrn.get(v.urn) ?? v.urn,
        v.message,
    ]);
}

describe("our stacks against the whole pack", () => {
    it("osaka, dest-account and tokyo pass with no finding at all", async () => {
        assert.deepStrictEqual(await runPolicyPack(osakaStack()), []);
        assert.deepStrictEqual(await runPolicyPack(destStack()), []);
        assert.deepStrictEqual(await runPolicyPack(tokyoStack()), []);
    });
});

describe("field-report pitfalls are refused", () => {
    // The MRAP field report: the hands-on creates the buckets with versioning disabled; replication needs it on both
    // sides.
    it("000: versioning left off on a bucket that replicates", async () => {
        const stack = alter(
            tokyoStack(),
            "data-versioning",
            T.versioning,
            (i) => (i.versioningConfiguration.status = "Suspended"),
        );
        assert.deepStrictEqual(await findings(stack), [
            [
                "s3-replication-versioning",
                "mandatory",
                "data-versioning",
                `Bucket '${names.dataTokyo}' replicates to other buckets (replication-ap-northeast-1), but its versioning status is Suspended.`,
            ],
        ]);
    });

    // The MRAP field report: the MRAP's block public access is chosen at creation and cannot be changed.
    it("000: MRAP created with public access allowed", async () => {
        const stack = alter(
            tokyoStack(),
            "mrap",
            T.mrap,
            (i) => (i.details.publicAccessBlock.restrictPublicBuckets = false),
        );
        assert.deepStrictEqual(await findings(stack), [
            [
                "s3-mrap-public-access-block",
                "mandatory",
                "mrap",
                "MRAP public access block turns off restrictPublicBuckets.",
            ],
        ]);
    });

    // The MRAP field report: failover means editing routes; the routes API does not answer in Osaka.
    it("000: MRAP routes managed from ap-northeast-3", async () => {
        const stack = alter(tokyoStack(), "mrap-routes", T.mrapRoutes, (i) => (i.region = "ap-northeast-3"));
        assert.deepStrictEqual(await findings(stack), [
            [
                "s3-mrap-routes-region",
                "mandatory",
                "mrap-routes",
                "The routes resource is managed in ap-northeast-3, where the MRAP routes API does not answer; use one of us-east-1, us-west-2, ap-southeast-2, ap-northeast-1, eu-west-1.",
            ],
        ]);
    });

    // The MRAP field report: the bucket policy for MRAP access allows Principal "*" — safe only with the access point
    // condition.
    it("000: bucket policy delegation to the MRAP without its condition", async () => {
        const stack = alter(tokyoStack(), "data-policy", T.bucketPolicy, (i) => {
            const doc = JSON.parse(i.policy);
            delete doc.Statement[1].Condition;
            i.policy = json(doc);
        });
        assert.deepStrictEqual(await findings(stack), [
            [
                "s3-policy-no-public-principal",
                "mandatory",
                "data-policy",
                'Statement DelegateToOwnAccessPoints allows Principal "*" without a condition that narrows the caller.',
            ],
        ]);
    });

    // The MRAP field report: the cross-account role trusts the partner account's root with an empty Condition.
    it("000: partner role trusting the whole partner account", async () => {
        const stack = alter(
            tokyoStack(),
            "partner-writer",
            T.role,
            (i) => (i.assumeRolePolicy = trust({ AWS: `arn:aws:iam::${PARTNER}:root` }, {})),
        );
        assert.deepStrictEqual(await findings(stack), [
            [
                "iam-cross-account-trust-limited",
                "mandatory",
                "partner-writer",
                `Statement #1 trusts arn:aws:iam::${PARTNER}:root with no sts:ExternalId, aws:PrincipalOrgID or aws:PrincipalArn condition.`,
            ],
        ]);
    });

    // The MRAP field report step 7 / the VPC endpoint notes: the MRAP is reachable from a VPC only through an interface
    // endpoint.
    it("000/003: MRAP endpoint left at the default (Gateway) type", async () => {
        const stack = alter(tokyoStack(), "network-mrap-interface", T.vpcEndpoint, (i) => delete i.vpcEndpointType);
        assert.deepStrictEqual(await findings(stack), [
            [
                "s3-mrap-endpoint-interface",
                "mandatory",
                "network-mrap-interface",
                "The endpoint for com.amazonaws.s3-global.accesspoint is of type Gateway (the default), not Interface.",
            ],
            [
                "s3-mrap-vpc-access",
                "advisory",
                "network-s3-gateway",
                "VPC vpc-0a1b2c3d4e5f60718 has S3 endpoints but no Interface endpoint for com.amazonaws.s3-global.accesspoint.",
            ],
        ]);
    });

    // The MRAP field report step 3: the console turns metrics on with RTC; code must do it itself.
    it("000: RTC without replication metrics", async () => {
        const stack = alter(
            tokyoStack(),
            "replication-ap-northeast-1",
            T.replicationConfig,
            (i) => delete i.rules[0].destination.metrics,
        );
        assert.deepStrictEqual(await findings(stack), [
            [
                "s3-replication-rtc-metrics",
                "mandatory",
                "replication-ap-northeast-1",
                "Replication rule 'to-ap-northeast-3' enables Replication Time Control but its metrics are not set.",
            ],
        ]);
    });

    // The MRAP field report step 8: request metrics are what shows where the MRAP sent traffic.
    it("000: bucket without request metrics (advisory)", async () => {
        const stack = without(osakaStack(), "data-metrics", T.bucketMetric);
        assert.deepStrictEqual(await findings(stack), [
            [
                "s3-bucket-request-metrics",
                "advisory",
                "data",
                `Bucket '${names.dataOsaka}' has no request metrics configuration.`,
            ],
        ]);
    });

    // The cross-account replication report: running the Batch Replication job with the replication role -> "Failed to
    // assume role".
    it("001: batch job run with the replication role", async () => {
        const stack = alter(
            tokyoStack(),
            "existing-objects",
            JOB,
            (i) => (i.roleArn = roleArn(A, names.replicationRole)),
        );
        assert.deepStrictEqual(await findings(stack), [
            [
                "s3-batch-role-trust",
                "mandatory",
                "replication-role",
                "Role 'replication-role' is the role of Batch Operations job existing-objects, but trusts s3.amazonaws.com, not batchoperations.s3.amazonaws.com.",
            ],
            [
                "s3-batch-role-writes-report-bucket",
                "mandatory",
                "replication-role",
                `Role 'replication-role' runs job existing-objects but may not s3:PutObject its report into '${names.reports}'.`,
            ],
        ]);
    });

    // The cross-account replication report: the batch role created with the replication role's trust
    // (s3.amazonaws.com).
    it("001: batch replication role trusting s3.amazonaws.com", async () => {
        const stack = alter(
            tokyoStack(),
            "batch-replication",
            T.role,
            (i) => (i.assumeRolePolicy = trust({ Service: "s3.amazonaws.com" })),
        );
        assert.deepStrictEqual(await findings(stack), [
            [
                "s3-batch-role-trust",
                "mandatory",
                "batch-replication",
                "Role 'batch-replication' is the role of Batch Operations job existing-objects, but trusts s3.amazonaws.com, not batchoperations.s3.amazonaws.com.",
            ],
        ]);
    });

    // The cross-account replication report: the cross-account rule names the destination account.
    it("001: cross-account replication rule without the destination account", async () => {
        const stack = alter(tokyoStack(), "replication-ap-northeast-1", T.replicationConfig, (i) => {
            delete i.rules[1].destination.account;
            delete i.rules[1].destination.accessControlTranslation;
        });
        assert.deepStrictEqual(await findings(stack), [
            [
                "s3-replication-cross-account-destination",
                "mandatory",
                "replication-ap-northeast-1",
                `Replication rule 'to-destination-account' writes to '${names.replica}', which belongs to account 222222222222 by its name, while the replication role is in ${A}; destination.account is not set.`,
            ],
        ]);
    });

    // The cross-account replication report the other way round: the replication role must be assumable by S3 itself.
    it("001: replication role trusting batchoperations.s3.amazonaws.com", async () => {
        const stack = alter(
            tokyoStack(),
            "replication-role",
            T.role,
            (i) => (i.assumeRolePolicy = trust({ Service: "batchoperations.s3.amazonaws.com" })),
        );
        assert.deepStrictEqual(await findings(stack), [
            [
                "s3-replication-role-trust",
                "mandatory",
                "replication-role",
                "Role 'replication-role' is the replication role of replication-ap-northeast-1 but trusts batchoperations.s3.amazonaws.com, not s3.amazonaws.com.",
            ],
        ]);
    });

    // The VPN endpoint report: the default security group on the S3 interface endpoint silently drops VPN clients.
    it("002: S3 interface endpoint created without its own security group", async () => {
        const stack = alter(tokyoStack(), "network-s3-interface", T.vpcEndpoint, (i) => delete i.securityGroupIds);
        assert.deepStrictEqual(await findings(stack), [
            [
                "vpc-s3-endpoint-dedicated-security-group",
                "mandatory",
                "network-s3-interface",
                "Interface endpoint network-s3-interface (com.amazonaws.ap-northeast-1.s3) names no security group, so AWS attaches the VPC's default one.",
            ],
        ]);
    });

    // The VPN endpoint report: Client VPN's DNS server must be the VPC resolver (CIDR base + 2), typed by hand it is
    // easily .1.
    it("002: Client VPN DNS typed as 10.0.0.1", async () => {
        const stack = alter(tokyoStack(), "client-vpn", T.clientVpnEndpoint, (i) => (i.dnsServers = ["10.0.0.1"]));
        assert.deepStrictEqual(await findings(stack), [
            [
                "client-vpn-dns-vpc-resolver",
                "mandatory",
                "client-vpn",
                'Client VPN endpoint client-vpn uses DNS ["10.0.0.1"]; the resolver of VPC vpc-0a1b2c3d4e5f60718 (10.0.0.0/16) is 10.0.0.2.',
            ],
        ]);
    });

    it("002: Client VPN without DNS servers", async () => {
        const stack = alter(tokyoStack(), "client-vpn", T.clientVpnEndpoint, (i) => delete i.dnsServers);
        assert.deepStrictEqual(await findings(stack), [
            [
                "client-vpn-dns-vpc-resolver",
                "mandatory",
                "client-vpn",
                "Client VPN endpoint client-vpn sets no DNS servers, so clients keep their own resolver.",
            ],
        ]);
    });

    // The VPN endpoint report pattern 2: a public resolver (8.8.8.8) instead of the VPC's.
    it("002: Client VPN pointed at a public DNS", async () => {
        const stack = alter(tokyoStack(), "client-vpn", T.clientVpnEndpoint, (i) => (i.dnsServers = ["8.8.8.8"]));
        assert.deepStrictEqual(await findings(stack), [
            [
                "client-vpn-dns-vpc-resolver",
                "mandatory",
                "client-vpn",
                'Client VPN endpoint client-vpn uses DNS ["8.8.8.8"]; the resolver of VPC vpc-0a1b2c3d4e5f60718 (10.0.0.0/16) is 10.0.0.2.',
            ],
        ]);
    });

    // The cross-account batch copy report: the inventory destination left at ObjectWriter makes the manifest unreadable
    // cross-account.
    it("004: inventory bucket with ObjectWriter ownership", async () => {
        const stack = alter(
            tokyoStack(),
            "manifest-ownership",
            T.ownershipControls,
            (i) => (i.rule.objectOwnership = "ObjectWriter"),
        );
        assert.deepStrictEqual(await findings(stack), [
            [
                "s3-destination-bucket-owner-enforced",
                "mandatory",
                "manifest-ownership",
                `Bucket '${names.manifest}' receives S3 inventory reports but its object ownership is ObjectWriter, not BucketOwnerEnforced.`,
            ],
        ]);
    });

    // The cross-account batch copy report: the documentation's manifest-read policy pasted over the inventory delivery
    // statement.
    it("004: manifest bucket policy pasted over the delivery statement", async () => {
        const stack = alter(tokyoStack(), "manifest-policy", T.bucketPolicy, (i) => {
            i.policy = json({
                Version: "2012-10-17",
                Statement: [denyInsecureTransport(names.manifest), manifestRead(names.manifest)],
            });
        });
        assert.deepStrictEqual(await findings(stack), [
            [
                "s3-inventory-destination-policy",
                "mandatory",
                "manifest-policy",
                `The policy of bucket '${names.manifest}' has no statement letting s3.amazonaws.com s3:PutObject inventory data-inventory (from ${names.dataTokyo}).`,
            ],
        ]);
    });

    // The cross-account batch copy report: the manifest-read statement added as a second bucket policy: each `up`
    // overwrites the other.
    it("004: manifest read added as a second bucket policy", async () => {
        const second = res(aws.s3.BucketPolicy, "manifest-read-policy", {
            bucket: names.manifest,
            policy: json({
                Version: "2012-10-17",
                Statement: [denyInsecureTransport(names.manifest), manifestRead(names.manifest)],
            }),
        });
        const stack = [...tokyoStack(), second];
        assert.deepStrictEqual(await findings(stack), [
            [
                "s3-bucket-single-policy",
                "mandatory",
                "manifest",
                `Bucket '${names.manifest}' has 2 BucketPolicy resources (manifest-policy, manifest-read-policy); each overwrites the other.`,
            ],
            [
                "s3-inventory-destination-policy",
                "mandatory",
                "manifest-read-policy",
                `The policy of bucket '${names.manifest}' has no statement letting s3.amazonaws.com s3:PutObject inventory data-inventory (from ${names.dataTokyo}).`,
            ],
        ]);
    });

    // The cross-account batch copy report: "The job report could not be written to your report bucket".
    it("004: batch copy role without write to the report bucket", async () => {
        const stack = alter(destStack(), "batch-copy-permissions", T.rolePolicy, (i) => {
            const doc = JSON.parse(i.policy);
            doc.Statement = doc.Statement.filter((s: { Sid?: string }) => s.Sid !== "WriteReport");
            i.policy = json(doc);
        });
        assert.deepStrictEqual(await findings(stack), [
            [
                "s3-batch-role-writes-report-bucket",
                "mandatory",
                "batch-copy",
                `Role 'batch-copy' trusts batchoperations.s3.amazonaws.com, but may not s3:PutObject into the report bucket (${names.reports}).`,
            ],
        ]);
    });
});
