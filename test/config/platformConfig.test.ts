// parseConfig: the example stacks parse; each class of bad input is one line naming the key and what is allowed.
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import {
    COMMERCIAL_REGIONS,
    CONFIG_KEYS,
    MRAP_REGIONS,
    ConfigError,
    parseConfig,
    PrimaryConfig,
    SecondaryConfig,
} from "../../config/platformConfig";
import { PROJECT_DIR, rawStackConfig, stackConfig } from "../support/stackConfigs";
import { SECRET_STAND_IN } from "../../config/stackFiles";

const P = "s3-multiregion:";

function errorOf(stack: string, overrides: Record<string, string | undefined>): string {
    try {
        parseConfig(rawStackConfig(stack, overrides));
    } catch (e) {
        assert.ok(e instanceof ConfigError, `expected ConfigError, got ${e}`);
        assert.ok(!e.message.includes("\n"), "the message is one line");
        return e.message;
    }
    assert.fail("config was accepted");
}

describe("parseConfig", () => {
    it("parses the example osaka, dest-account and tokyo stacks", () => {
        const osaka = stackConfig<SecondaryConfig>("osaka");
        assert.deepEqual(
            {
                role: osaka.role,
                region: osaka.region,
                accountId: osaka.accountId,
                network: osaka.network,
                days: osaka.noncurrentVersionExpirationDays,
                protect: osaka.protectBuckets,
            },
            {
                role: "secondary",
                region: "ap-northeast-3",
                accountId: "111111111111",
                network: undefined,
                days: 90,
                protect: true,
            },
        );
        const dest = stackConfig("dest-account");
        assert.deepEqual(
            { role: dest.role, accountId: dest.accountId, kms: dest.kmsKeyArn },
            { role: "destination", accountId: "222222222222", kms: undefined },
        );
        const tokyo = stackConfig<PrimaryConfig>("tokyo");
        assert.deepEqual(tokyo.secondaries, [{ stack: "osaka", region: "ap-northeast-3" }]);
        assert.deepEqual(tokyo.failover, { mode: "active-active" });
        assert.equal(tokyo.routesRegion, "us-west-2");
        assert.deepEqual(tokyo.partners, {
            principals: ["arn:aws:iam::333333333333:root"],
            externalId: SECRET_STAND_IN,
        });
        // The parsed network (VPC, AZs, DNS mode, VPN) is asserted in full in test/network/networkConfig.test.ts.
        assert.deepEqual(
            [tokyo.network?.vpcCidr, tokyo.network?.vpn?.authentication.type],
            ["10.0.0.0/16", "certificate"],
        );
    });

    it("takes the role from config, not from the stack name", () => {
        const renamed = parseConfig({ ...rawStackConfig("osaka"), stack: "singapore-staging" });
        assert.equal(renamed.role, "secondary");
        assert.equal(renamed.stack, "singapore-staging");
    });

    it("derives active-passive failover with an active region among the MRAP regions", () => {
        const cfg = stackConfig<PrimaryConfig>("tokyo", {
            [`${P}failoverMode`]: "active-passive",
            [`${P}activeRegion`]: "ap-northeast-3",
        });
        assert.deepEqual(cfg.failover, { mode: "active-passive", activeRegion: "ap-northeast-3" });
    });

    it("knows only commercial-partition regions", () => {
        assert.ok(COMMERCIAL_REGIONS.includes("ap-northeast-3"));
        assert.ok(!COMMERCIAL_REGIONS.some((r) => r.startsWith("cn-") || r.startsWith("us-gov-")));
    });

    const bad: [string, string, Record<string, string | undefined>, string][] = [
        [
            "unknown role",
            "osaka",
            { [`${P}role`]: "hub" },
            'config s3-multiregion:role = "hub"; allowed: primary, secondary, destination',
        ],
        [
            "missing role",
            "osaka",
            { [`${P}role`]: undefined },
            "config s3-multiregion:role is not set; allowed: primary, secondary, destination",
        ],
        [
            "unknown region",
            "osaka",
            { "aws:region": "ap-northeast-9" },
            'config aws:region = "ap-northeast-9"; allowed: a commercial AWS region code such as ap-northeast-1',
        ],
        [
            "GovCloud region",
            "osaka",
            { "aws:region": "us-gov-west-1" },
            'config aws:region = "us-gov-west-1"; allowed: a commercial AWS region code',
        ],
        [
            "short account id",
            "osaka",
            { [`${P}sourceAccountId`]: "12345" },
            'config s3-multiregion:sourceAccountId = "12345"; allowed: a 12-digit AWS account id',
        ],
        [
            "same account twice",
            "osaka",
            { [`${P}destinationAccountId`]: "111111111111" },
            'config s3-multiregion:destinationAccountId = "111111111111"; allowed: a second account, different from sourceAccountId 111111111111',
        ],
        [
            "uppercase prefix",
            "osaka",
            { [`${P}namePrefix`]: "Example" },
            'config s3-multiregion:namePrefix = "Example"; allowed: lowercase letters only (S3 refuses uppercase in bucket names)',
        ],
        [
            "dotted prefix",
            "osaka",
            { [`${P}namePrefix`]: "example.s3" },
            'config s3-multiregion:namePrefix = "example.s3"; allowed: only lowercase letters, digits and hyphens',
        ],
        [
            "reserved prefix",
            "osaka",
            { [`${P}namePrefix`]: "xn--abc" },
            'config s3-multiregion:namePrefix = "xn--abc"; allowed: a prefix that does not start with xn-- (reserved by S3)',
        ],
        [
            "prefix too long for bucket names",
            "osaka",
            { [`${P}namePrefix`]: "a".repeat(27) },
            `config s3-multiregion:namePrefix = "${"a".repeat(27)}"; allowed: at most 26 characters`,
        ],
        [
            "KMS key in another region",
            "osaka",
            { [`${P}kmsKeyArn`]: "arn:aws:kms:ap-northeast-1:111111111111:key/0b7f1c2e-1111-2222-3333-444455556666" },
            "allowed: unset (SSE-S3) or a KMS key ARN in ap-northeast-3",
        ],
        [
            "batch copy key on a regional stack",
            "tokyo",
            {
                [`${P}sourceKmsKeyArn`]:
                    "arn:aws:kms:ap-northeast-1:111111111111:key/0b7f1c2e-1111-2222-3333-444455556666",
            },
            'config s3-multiregion:sourceKmsKeyArn = "arn:aws:kms:ap-northeast-1:111111111111:key/0b7f1c2e-1111-2222-3333-444455556666"; allowed: unset on a primary stack (only the destination\'s batch copy role decrypts with it; set kmsKeyArn here instead)',
        ],
        [
            "batch copy key of another account than A",
            "dest-account",
            {
                [`${P}sourceKmsKeyArn`]:
                    "arn:aws:kms:ap-northeast-1:222222222222:key/0b7f1c2e-1111-2222-3333-444455556666",
            },
            "allowed: unset (the hub bucket is SSE-S3) or the hub stack's kmsKeyArn, a KMS key ARN of account 111111111111 (arn:aws:kms:<hub region>:111111111111:key/<key-id>)",
        ],
        [
            "batch copy key that is an alias",
            "dest-account",
            { [`${P}sourceKmsKeyArn`]: "arn:aws:kms:ap-northeast-1:111111111111:alias/data" },
            'config s3-multiregion:sourceKmsKeyArn = "arn:aws:kms:ap-northeast-1:111111111111:alias/data"; allowed: unset (the hub bucket is SSE-S3)',
        ],
        [
            "expiry not a number",
            "osaka",
            { [`${P}noncurrentVersionExpirationDays`]: "ninety" },
            'config s3-multiregion:noncurrentVersionExpirationDays = "ninety"; allowed: an integer from 1 to 36500',
        ],
        [
            "boolean typo",
            "osaka",
            { [`${P}protectBuckets`]: "yes" },
            'config s3-multiregion:protectBuckets = "yes"; allowed: true or false',
        ],
        [
            "secondary without region",
            "tokyo",
            { [`${P}secondaryStacks`]: '["osaka"]' },
            "allowed: a list of <stack>@<region> entries naming each secondary stack and its region, e.g. osaka@ap-northeast-3; osaka is not",
        ],
        [
            "secondary in the hub's region",
            "tokyo",
            { [`${P}secondaryStacks`]: '["osaka@ap-northeast-1"]' },
            "allowed: regions distinct from each other and from this stack's region ap-northeast-1",
        ],
        [
            "secondary where MRAPs are not supported",
            "tokyo",
            { [`${P}secondaryStacks`]: '["jakarta@ap-southeast-3","mexico@mx-central-1"]' },
            `config s3-multiregion:secondaryStacks = ["jakarta@ap-southeast-3","mexico@mx-central-1"]; allowed: a list of <stack>@<region> entries naming each secondary stack and its region, e.g. osaka@ap-northeast-3, in a region Multi-Region Access Points support (${MRAP_REGIONS.join(", ")}); mx-central-1 is not one`,
        ],
        ["no secondary", "tokyo", { [`${P}secondaryStacks`]: "[]" }, "(at least one: the MRAP needs a second region)"],
        [
            "secondaries not a list",
            "tokyo",
            { [`${P}secondaryStacks`]: "osaka@ap-northeast-3" },
            'config s3-multiregion:secondaryStacks = "osaka@ap-northeast-3"; allowed: a list of',
        ],
        [
            "active-passive without region",
            "tokyo",
            { [`${P}failoverMode`]: "active-passive" },
            "config s3-multiregion:activeRegion is not set; allowed: one of the MRAP's regions (ap-northeast-1, ap-northeast-3), required when failoverMode is active-passive",
        ],
        [
            "active region outside the MRAP",
            "tokyo",
            { [`${P}failoverMode`]: "active-passive", [`${P}activeRegion`]: "us-east-1" },
            'config s3-multiregion:activeRegion = "us-east-1"; allowed: one of the MRAP\'s regions (ap-northeast-1, ap-northeast-3)',
        ],
        [
            "active region with active-active",
            "tokyo",
            { [`${P}activeRegion`]: "ap-northeast-1" },
            "unset when failoverMode is active-active",
        ],
        [
            "unknown failover mode",
            "tokyo",
            { [`${P}failoverMode`]: "active-standby" },
            'config s3-multiregion:failoverMode = "active-standby"; allowed: active-active, active-passive',
        ],
        [
            "routes where the API does not answer",
            "tokyo",
            { [`${P}routesRegion`]: "ap-northeast-3" },
            'config s3-multiregion:routesRegion = "ap-northeast-3"; allowed: us-east-1, us-west-2, ap-southeast-2, ap-northeast-1, eu-west-1',
        ],
        [
            "partner without external id",
            "tokyo",
            { [`${P}partnerExternalId`]: undefined },
            "config s3-multiregion:partnerExternalId is not set; allowed: 2 to 1224 characters",
        ],
        ["malformed partner", "tokyo", { [`${P}partnerPrincipals`]: '["partner-co"]' }, "partner-co is neither"],
        [
            "bad alarm e-mail",
            "tokyo",
            { [`${P}alarmEmails`]: '["oncall"]' },
            "allowed: e-mail addresses; oncall is not one",
        ],
        [
            "malformed VPC CIDR",
            "tokyo",
            { [`${P}vpcCidr`]: "10.0.0.0/33" },
            'config s3-multiregion:vpcCidr = "10.0.0.0/33"; allowed: an IPv4 network CIDR from /16 to /24',
        ],
        [
            "VPC CIDR with host bits",
            "tokyo",
            { [`${P}vpcCidr`]: "10.0.0.1/16" },
            'config s3-multiregion:vpcCidr = "10.0.0.1/16"; allowed: an IPv4 network CIDR',
        ],
        [
            "VPC too large",
            "tokyo",
            { [`${P}vpcCidr`]: "10.0.0.0/8" },
            'config s3-multiregion:vpcCidr = "10.0.0.0/8"; allowed: an IPv4 network CIDR from /16 to /24',
        ],
        [
            "client CIDR too small",
            "tokyo",
            { [`${P}vpnClientCidr`]: "172.16.0.0/24" },
            "allowed: an IPv4 network CIDR from /12 to /22 (Client VPN limits)",
        ],
        [
            "client CIDR overlapping the VPC",
            "tokyo",
            { [`${P}vpnClientCidr`]: "10.0.0.0/22" },
            'config s3-multiregion:vpnClientCidr = "10.0.0.0/22"; allowed: a CIDR that does not overlap vpcCidr 10.0.0.0/16',
        ],
        [
            "AZ outside the region",
            "tokyo",
            { [`${P}availabilityZones`]: '["ap-northeast-3a"]' },
            "ap-northeast-3a is not in ap-northeast-1",
        ],
        [
            "no AZ with the network on",
            "tokyo",
            { [`${P}availabilityZones`]: "[]" },
            "allowed: 1 to 6 distinct availability zones of ap-northeast-1",
        ],
        [
            "mutual TLS without client root certificate",
            "tokyo",
            { [`${P}vpnClientRootCertificateArn`]: undefined },
            "config s3-multiregion:vpnClientRootCertificateArn is not set; allowed: an ACM certificate ARN in ap-northeast-1",
        ],
        [
            "server certificate from another region",
            "tokyo",
            {
                [`${P}vpnServerCertificateArn`]:
                    "arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-000000000001",
            },
            "allowed: an ACM certificate ARN in ap-northeast-1",
        ],
        [
            "SAML without provider",
            "tokyo",
            { [`${P}vpnAuthentication`]: "saml" },
            "config s3-multiregion:vpnSamlProviderArn is not set; allowed: an IAM SAML provider ARN",
        ],
        [
            "log retention CloudWatch refuses",
            "tokyo",
            { [`${P}vpnLogRetentionDays`]: "100" },
            "allowed: one of CloudWatch Logs' retention periods",
        ],
        [
            "network on a destination",
            "dest-account",
            { [`${P}networkEnabled`]: "true" },
            "allowed: false on a destination stack",
        ],
    ];
    for (const [what, stack, overrides, expected] of bad) {
        it(`refuses ${what} with one line naming the key`, () => {
            const message = errorOf(stack, overrides);
            assert.ok(
                message.startsWith("config ") && message.includes(expected),
                `message: ${message}\nexpected to contain: ${expected}`,
            );
        });
    }

    it("accepts every MRAP region as a secondary, and refuses every other commercial region", () => {
        const hubRegion = "ap-northeast-1";
        for (const region of COMMERCIAL_REGIONS.filter((r) => r !== hubRegion)) {
            const overrides = { [`${P}secondaryStacks`]: JSON.stringify([`peer@${region}`]) };
            if (MRAP_REGIONS.includes(region)) {
                const cfg = stackConfig<PrimaryConfig>("tokyo", overrides);
                assert.deepEqual(cfg.secondaries, [{ stack: "peer", region }]);
            } else {
                assert.match(errorOf("tokyo", overrides), new RegExp(`; ${region} is not one$`), region);
            }
        }
        assert.equal(new Set(MRAP_REGIONS).size, 29);
        assert.deepEqual(
            MRAP_REGIONS.filter((r) => !COMMERCIAL_REGIONS.includes(r)),
            [],
        );
    });

    it("declares in Pulumi.yaml exactly the keys the program reads, with matching types", () => {
        const project = yaml.load(fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), "utf8")) as {
            config: Record<string, { type: string; description?: string }>;
        };
        const declared = Object.fromEntries(Object.entries(project.config).map(([k, v]) => [k, v.type]));
        assert.deepEqual(declared, CONFIG_KEYS);
        for (const [key, decl] of Object.entries(project.config))
            assert.ok(decl.description && decl.description.length > 10, `${key} has a description`);
    });
});
