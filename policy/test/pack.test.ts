// The pack as a whole: its policy list and levels, a pass and a fail fixture for each policy, type tokens and version pins.

import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

import * as aws from "@pulumi/aws";

import { T } from "../lib/types";
import { packArgs, packName } from "../pack";
import { evaluatePolicyPack } from "../runner";
import { registered } from "./fixtures";
// Loaded here too so that the coverage check below holds when this file runs alone.
import "./backup.test";
import "./batch.test";
import "./batchEdges.test";
import "./bucketPolicy.test";
import "./bucketPolicyResources.test";
import "./iam.test";
import "./logging.test";
import "./mrap.test";
import "./mrapSystem.test";
import "./inventory.test";
import "./network.test";
import "./networkShapes.test";
import "./replication.test";
import "./replicationEdges.test";
import "./replicationMesh.test";
import "./storage.test";
import "./storageEdges.test";

const policyDir = path.join(__dirname, "..");

describe("policy pack", () => {
    it("lists these policies, with these levels and kinds", () => {
        const kinds = packArgs.policies.map((p) => [
            p.name,
            p.enforcementLevel,
            "validateStack" in p ? "stack" : "resource",
        ]);
        assert.deepStrictEqual(kinds, [
            ["s3-bucket-public-access-block", "mandatory", "stack"],
            ["s3-bucket-default-encryption", "mandatory", "stack"],
            ["s3-destination-bucket-owner-enforced", "mandatory", "stack"],
            ["s3-bucket-versioning", "mandatory", "stack"],
            ["s3-bucket-owner-enforced", "mandatory", "stack"],
            ["s3-bucket-request-metrics", "advisory", "stack"],
            ["s3-bucket-access-logging", "advisory", "stack"],
            ["s3-bucket-single-policy", "mandatory", "stack"],
            ["s3-bucket-policy-secure-transport", "mandatory", "resource"],
            ["s3-policy-no-public-principal", "mandatory", "resource"],
            ["s3-replication-versioning", "mandatory", "stack"],
            ["s3-replication-rtc-metrics", "mandatory", "resource"],
            ["s3-replication-cross-account-destination", "mandatory", "resource"],
            ["s3-replication-role-trust", "mandatory", "stack"],
            ["s3-replication-regional-rules", "mandatory", "stack"],
            ["s3-replication-complete", "mandatory", "stack"],
            ["s3-replication-role-permissions", "mandatory", "stack"],
            ["s3-replication-kms", "mandatory", "stack"],
            ["s3-backup-no-delete-markers", "mandatory", "stack"],
            ["s3-backup-keeps-current-versions", "mandatory", "stack"],
            ["s3-backup-lock-covers-kept-versions", "advisory", "stack"],
            ["s3-batch-role-trust", "mandatory", "stack"],
            ["s3-batch-role-writes-report-bucket", "mandatory", "stack"],
            ["s3-inventory-destination-policy", "mandatory", "stack"],
            ["s3-inventory-same-region", "mandatory", "stack"],
            ["s3-mrap-public-access-block", "mandatory", "resource"],
            ["s3-mrap-routes-region", "mandatory", "resource"],
            ["s3-mrap-endpoint-interface", "mandatory", "resource"],
            ["s3-mrap-vpc-access", "advisory", "stack"],
            ["s3-mrap-regions-and-routes", "mandatory", "stack"],
            ["s3-mrap-bucket-delegation", "mandatory", "stack"],
            ["vpc-s3-endpoint-dedicated-security-group", "mandatory", "stack"],
            ["vpc-s3-endpoint-no-public-https", "mandatory", "stack"],
            ["vpc-s3-endpoint-security-group-not-shared", "advisory", "stack"],
            ["client-vpn-dns-vpc-resolver", "mandatory", "stack"],
            ["client-vpn-connection-logging", "mandatory", "resource"],
            ["iam-no-star-on-star", "mandatory", "resource"],
            ["iam-cross-account-trust-limited", "mandatory", "resource"],
        ]);
    });

    it("has a passing and a failing fixture for every policy", () => {
        const missing = packArgs.policies
            .filter((p) => !(registered.get(p.name)?.pass && registered.get(p.name)?.fail))
            .map((p) => p.name);
        assert.deepStrictEqual(missing, []);
        assert.deepStrictEqual([...registered.keys()].sort(), packArgs.policies.map((p) => p.name).sort());
    });

    it("says, for every stack policy, why it does not apply to a stack without what it judges", async () => {
        // The engine shows the reason instead of a verdict; a policy that stayed silent would look like a pass.
        const buckets = "No S3 buckets in this stack";
        const replication = "No replication configuration in this stack";
        const mrap = "No Multi-Region Access Point in this stack";
        const endpoint = "No S3 interface endpoint in this stack";
        const expected: Record<string, string> = {
            "s3-bucket-public-access-block": buckets,
            "s3-bucket-default-encryption": buckets,
            "s3-destination-bucket-owner-enforced":
                "No inventory, analytics or report destination bucket in this stack",
            "s3-bucket-versioning": buckets,
            "s3-bucket-owner-enforced": buckets,
            "s3-bucket-request-metrics": buckets,
            "s3-bucket-access-logging": buckets,
            "s3-bucket-single-policy": buckets,
            "s3-replication-versioning": "No replicated bucket in this stack",
            "s3-replication-role-trust": replication,
            "s3-replication-regional-rules": "No replication rule between regional buckets in this stack",
            "s3-replication-complete": "No MRAP and no replication to another account in this stack",
            "s3-replication-role-permissions": replication,
            "s3-replication-kms": "No replication of SSE-KMS objects in this stack",
            "s3-backup-no-delete-markers": "No replication rule into a backup bucket in this stack",
            "s3-backup-keeps-current-versions": "No backup bucket in this stack",
            "s3-backup-lock-covers-kept-versions":
                "No backup bucket with an Object Lock default retention in this stack",
            "s3-batch-role-trust": "No Batch Operations role in this stack",
            "s3-batch-role-writes-report-bucket": "No Batch Operations role in this stack",
            "s3-inventory-destination-policy": "No inventory configuration delivers into a bucket of this stack",
            "s3-inventory-same-region": "No S3 inventory configuration in this stack",
            "s3-mrap-vpc-access": mrap,
            "s3-mrap-regions-and-routes": mrap,
            "s3-mrap-bucket-delegation": mrap,
            "vpc-s3-endpoint-dedicated-security-group": endpoint,
            "vpc-s3-endpoint-no-public-https": endpoint,
            "vpc-s3-endpoint-security-group-not-shared": endpoint,
            "client-vpn-dns-vpc-resolver": "No Client VPN endpoint in this stack",
        };
        const result = await evaluatePolicyPack([]);
        assert.deepStrictEqual(result.violations, []);
        assert.deepStrictEqual(
            result.notApplicable,
            packArgs.policies
                .filter((p) => "validateStack" in p)
                .map((p) => ({ policy: p.name, reason: expected[p.name] ?? "(no reason listed)" })),
        );
    });

    it("describes in every policy what breaks and how to fix it", () => {
        const vague = packArgs.policies
            .filter((p) => !/\. .+ Fix: \S/.test(p.description) || p.description.length < 150)
            .map((p) => p.name);
        assert.deepStrictEqual(vague, []);
    });

    it("states in every description the policy's level and why", () => {
        // "Mandatory: <why>." or "Advisory, because <why>." (or "Advisory: <why>."), naming the policy's own level.
        const stated = packArgs.policies.map((p) => {
            const m = /(?:^|\. )(Mandatory|Advisory)(?::|, because) \S/.exec(p.description);
            return [p.name, m ? m[1].toLowerCase() : "no level stated"];
        });
        assert.deepStrictEqual(
            stated,
            packArgs.policies.map((p) => [p.name, p.enforcementLevel]),
        );
    });

    it("lists every policy in the README's table with its level, and no other", () => {
        const readme = fs.readFileSync(path.join(policyDir, "README.md"), "utf8");
        // policy | level | kind | refuses | the pitfall behind it: the last two cells may not be empty.
        const rows = [
            ...readme.matchAll(/^\| `([a-z0-9-]+)` \| (mandatory|advisory) \| (stack|resource) \|([^|\n]+)\|(.+)\|$/gm),
        ]
            .filter((m) => m[4].trim().length > 10 && m[5].trim().length > 10)
            .map((m) => [m[1], m[2], m[3]]);
        const policies = packArgs.policies.map((p) => [
            p.name,
            p.enforcementLevel,
            "validateStack" in p ? "stack" : "resource",
        ]);
        assert.deepStrictEqual(rows, policies);
    });

    it("is a valid pack name, and the entry file only constructs the pack", () => {
        assert.match(packName, /^[a-zA-Z0-9-_.]{1,100}$/);
        const index = fs.readFileSync(path.join(policyDir, "index.ts"), "utf8");
        assert.equal(index.match(/new PolicyPack\(/g)?.length, 1);
        assert.deepStrictEqual(index.match(/^import .*$/gm), [
            'import { PolicyPack } from "@pulumi/policy";',
            'import { packArgs, packName } from "./pack";',
        ]);
        for (const file of ["runner.ts", "cli.ts", "pack.ts"]) {
            assert.doesNotMatch(
                fs.readFileSync(path.join(policyDir, file), "utf8"),
                /from "\.\/index"|require\("\.\/index"\)/,
                `${file} must not load index.ts`,
            );
        }
    });

    it("uses the type tokens of the pinned @pulumi/aws", () => {
        const classes: Record<string, unknown> = {
            bucket: aws.s3.Bucket,
            bucketV2: aws.s3.BucketV2,
            versioning: aws.s3.BucketVersioning,
            versioningV2: aws.s3.BucketVersioningV2,
            ownershipControls: aws.s3.BucketOwnershipControls,
            publicAccessBlock: aws.s3.BucketPublicAccessBlock,
            accountPublicAccessBlock: aws.s3.AccountPublicAccessBlock,
            sse: aws.s3.BucketServerSideEncryptionConfiguration,
            sseV2: aws.s3.BucketServerSideEncryptionConfigurationV2,
            bucketPolicy: aws.s3.BucketPolicy,
            lifecycle: aws.s3.BucketLifecycleConfiguration,
            lifecycleV2: aws.s3.BucketLifecycleConfigurationV2,
            logging: aws.s3.BucketLogging,
            loggingV2: aws.s3.BucketLoggingV2,
            acl: aws.s3.BucketAcl,
            aclV2: aws.s3.BucketAclV2,
            objectLock: aws.s3.BucketObjectLockConfiguration,
            objectLockV2: aws.s3.BucketObjectLockConfigurationV2,
            replicationConfig: aws.s3.BucketReplicationConfig,
            inventory: aws.s3.Inventory,
            analytics: aws.s3.AnalyticsConfiguration,
            bucketMetric: aws.s3.BucketMetric,
            accessPoint: aws.s3.AccessPoint,
            accessPointPolicy: aws.s3control.AccessPointPolicy,
            mrap: aws.s3control.MultiRegionAccessPoint,
            mrapPolicy: aws.s3control.MultiRegionAccessPointPolicy,
            mrapRoutes: aws.s3control.MultiRegionAccessPointRoutes,
            vpc: aws.ec2.Vpc,
            vpcCidrAssociation: aws.ec2.VpcIpv4CidrBlockAssociation,
            subnet: aws.ec2.Subnet,
            vpcEndpoint: aws.ec2.VpcEndpoint,
            securityGroupAssociation: aws.ec2.SecurityGroupAssociation,
            securityGroup: aws.ec2.SecurityGroup,
            defaultSecurityGroup: aws.ec2.DefaultSecurityGroup,
            securityGroupRule: aws.ec2.SecurityGroupRule,
            ingressRule: aws.vpc.SecurityGroupIngressRule,
            clientVpnEndpoint: aws.ec2clientvpn.Endpoint,
            clientVpnAssociation: aws.ec2clientvpn.NetworkAssociation,
            role: aws.iam.Role,
            rolePolicy: aws.iam.RolePolicy,
            rolePolicyAttachment: aws.iam.RolePolicyAttachment,
            iamPolicy: aws.iam.Policy,
            userPolicy: aws.iam.UserPolicy,
            groupPolicy: aws.iam.GroupPolicy,
            userPolicyAttachment: aws.iam.UserPolicyAttachment,
            groupPolicyAttachment: aws.iam.GroupPolicyAttachment,
            policyAttachment: aws.iam.PolicyAttachment,
        };
        const tokens = Object.fromEntries(
            Object.keys(T)
                .filter((k) => k !== "awsxVpc")
                .map((k) => [k, (classes[k] as { __pulumiType?: string } | undefined)?.__pulumiType]),
        );
        const expected = Object.fromEntries(Object.entries(T).filter(([k]) => k !== "awsxVpc"));
        assert.deepStrictEqual(tokens, expected);
    });

    it("pins @pulumi/aws to the program's version, and runs on Node.js", () => {
        const own = JSON.parse(fs.readFileSync(path.join(policyDir, "package.json"), "utf8"));
        const root = JSON.parse(fs.readFileSync(path.join(policyDir, "..", "package.json"), "utf8"));
        assert.equal(own.dependencies["@pulumi/aws"], root.dependencies["@pulumi/aws"]);
        assert.equal(own.dependencies["@pulumi/policy"], "1.20.0");
        assert.match(fs.readFileSync(path.join(policyDir, "PulumiPolicy.yaml"), "utf8"), /^runtime: nodejs$/m);
    });
});
