// Network config through parseConfig: the parsed shape, and one exact line for each kind of bad input.
import * as assert from "node:assert/strict";
import { ConfigError, parseConfig, PrimaryConfig, SecondaryConfig } from "../../config/platformConfig";
import { rawStackConfig } from "../support/stackConfigs";

const P = "s3-multiregion:";
const CERT_RE = "an ACM certificate ARN in ap-northeast-1 (arn:aws:acm:ap-northeast-1:<account>:certificate/<id>)";

function errorOf(stack: string, overrides: Record<string, string | undefined>): string | undefined {
    try {
        parseConfig(rawStackConfig(stack, overrides));
        return undefined;
    } catch (e) {
        assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${String(e)}`);
        return e.message;
    }
}

describe("network config", () => {
    it("parses the tokyo example: VPC, AZs, endpoint-specific DNS and a mutual-TLS VPN", () => {
        const cfg = parseConfig(rawStackConfig("tokyo")) as PrimaryConfig;
        assert.deepEqual(cfg.network, {
            vpcCidr: "10.0.0.0/16",
            availabilityZones: ["ap-northeast-1a", "ap-northeast-1c"],
            endpointDnsMode: "endpoint-specific",
            vpn: {
                clientCidr: "172.16.0.0/22",
                authentication: {
                    type: "certificate",
                    serverCertificateArn:
                        "arn:aws:acm:ap-northeast-1:111111111111:certificate/00000000-0000-0000-0000-000000000001",
                    clientRootCertificateArn:
                        "arn:aws:acm:ap-northeast-1:111111111111:certificate/00000000-0000-0000-0000-000000000002",
                },
                splitTunnel: true,
                logRetentionDays: 90,
            },
        });
    });

    it("parses SAML, private DNS and a network without VPN", () => {
        const saml = parseConfig(
            rawStackConfig("tokyo", {
                [`${P}vpnAuthentication`]: "saml",
                [`${P}vpnSamlProviderArn`]: "arn:aws:iam::111111111111:saml-provider/corp",
                [`${P}endpointDnsMode`]: "private-dns",
            }),
        ) as PrimaryConfig;
        assert.equal(saml.network?.endpointDnsMode, "private-dns");
        assert.deepEqual(saml.network?.vpn?.authentication, {
            type: "saml",
            serverCertificateArn:
                "arn:aws:acm:ap-northeast-1:111111111111:certificate/00000000-0000-0000-0000-000000000001",
            samlProviderArn: "arn:aws:iam::111111111111:saml-provider/corp",
        });
        const noVpn = parseConfig(rawStackConfig("tokyo", { [`${P}vpnEnabled`]: "false" })) as PrimaryConfig;
        assert.equal(noVpn.network?.vpn, undefined);
        const off = parseConfig(rawStackConfig("tokyo", { [`${P}networkEnabled`]: "false" })) as PrimaryConfig;
        assert.equal(off.network, undefined);
    });

    it("parses a secondary stack's network when networkEnabled is set there", () => {
        const cfg = parseConfig(
            rawStackConfig("osaka", {
                [`${P}networkEnabled`]: "true",
                [`${P}vpcCidr`]: "10.1.0.0/16",
                [`${P}availabilityZones`]: '["ap-northeast-3a","ap-northeast-3b"]',
                [`${P}vpnEnabled`]: "false",
            }),
        ) as SecondaryConfig;
        assert.deepEqual(cfg.network, {
            vpcCidr: "10.1.0.0/16",
            availabilityZones: ["ap-northeast-3a", "ap-northeast-3b"],
            endpointDnsMode: "endpoint-specific",
        });
    });

    it("refuses each kind of bad network input with one line naming the key", () => {
        const table: [Record<string, string | undefined>, string][] = [
            [
                { [`${P}vpcCidr`]: "10.0.0.0/8" },
                'config s3-multiregion:vpcCidr = "10.0.0.0/8"; allowed: an IPv4 network CIDR from /16 to /24 (host bits zero), e.g. 10.0.0.0/16',
            ],
            [
                { [`${P}vpcCidr`]: "10.0.0.0/25" },
                'config s3-multiregion:vpcCidr = "10.0.0.0/25"; allowed: an IPv4 network CIDR from /16 to /24 (host bits zero), e.g. 10.0.0.0/16',
            ],
            [
                { [`${P}vpcCidr`]: "10.0.0.1/16" },
                'config s3-multiregion:vpcCidr = "10.0.0.1/16"; allowed: an IPv4 network CIDR from /16 to /24 (host bits zero), e.g. 10.0.0.0/16',
            ],
            [
                { [`${P}vpnClientCidr`]: "10.0.128.0/22" },
                'config s3-multiregion:vpnClientCidr = "10.0.128.0/22"; allowed: a CIDR that does not overlap vpcCidr 10.0.0.0/16',
            ],
            [
                { [`${P}vpnClientCidr`]: "172.16.0.0/23" },
                'config s3-multiregion:vpnClientCidr = "172.16.0.0/23"; allowed: an IPv4 network CIDR from /12 to /22 (Client VPN limits), e.g. 172.16.0.0/22',
            ],
            [
                { [`${P}vpnClientCidr`]: "172.16.0.0/11" },
                'config s3-multiregion:vpnClientCidr = "172.16.0.0/11"; allowed: an IPv4 network CIDR from /12 to /22 (Client VPN limits), e.g. 172.16.0.0/22',
            ],
            [
                { [`${P}availabilityZones`]: '["ap-northeast-1a","ap-northeast-3a"]' },
                'config s3-multiregion:availabilityZones = ["ap-northeast-1a","ap-northeast-3a"]; allowed: 1 to 6 distinct availability zones of ap-northeast-1 (ap-northeast-1a, ap-northeast-1c, ...); ap-northeast-3a is not in ap-northeast-1',
            ],
            [
                { [`${P}availabilityZones`]: "[]" },
                "config s3-multiregion:availabilityZones = []; allowed: 1 to 6 distinct availability zones of ap-northeast-1 (ap-northeast-1a, ap-northeast-1c, ...)",
            ],
            [
                { [`${P}vpnClientRootCertificateArn`]: undefined },
                `config s3-multiregion:vpnClientRootCertificateArn is not set; allowed: ${CERT_RE}, required when vpnAuthentication is certificate`,
            ],
            [
                { [`${P}vpnServerCertificateArn`]: undefined },
                `config s3-multiregion:vpnServerCertificateArn is not set; allowed: ${CERT_RE}, required for Client VPN`,
            ],
            [
                {
                    [`${P}vpnServerCertificateArn`]:
                        "arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-000000000001",
                },
                `config s3-multiregion:vpnServerCertificateArn = "arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-000000000001"; allowed: ${CERT_RE}, required for Client VPN`,
            ],
            [
                { [`${P}vpnAuthentication`]: "saml" },
                "config s3-multiregion:vpnSamlProviderArn is not set; allowed: an IAM SAML provider ARN (arn:aws:iam::<account>:saml-provider/<name>), required when vpnAuthentication is saml",
            ],
            [
                { [`${P}endpointDnsMode`]: "public" },
                'config s3-multiregion:endpointDnsMode = "public"; allowed: endpoint-specific, private-dns',
            ],
            [
                { [`${P}vpnLogRetentionDays`]: "2" },
                'config s3-multiregion:vpnLogRetentionDays = "2"; allowed: one of CloudWatch Logs\' retention periods: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653',
            ],
        ];
        for (const [overrides, message] of table) {
            const got = errorOf("tokyo", overrides);
            assert.equal(got, message, JSON.stringify(overrides));
            assert.ok(!got!.includes("\n"), "one line");
        }
    });

    it("refuses a network on the destination stack", () => {
        assert.equal(
            errorOf("dest-account", { [`${P}networkEnabled`]: "true" }),
            'config s3-multiregion:networkEnabled = "true"; allowed: false on a destination stack (the private network belongs to account A)',
        );
    });

    it("takes 1 to 6 distinct availability zones: six pass, a seventh or a repeated one is refused", () => {
        const zones = (...letters: string[]) => JSON.stringify(letters.map((l) => `ap-northeast-1${l}`));
        const six = parseConfig(
            rawStackConfig("tokyo", { [`${P}availabilityZones`]: zones("a", "b", "c", "d", "e", "f") }),
        ) as PrimaryConfig;
        assert.equal(six.network?.availabilityZones.length, 6);
        const allowed =
            "allowed: 1 to 6 distinct availability zones of ap-northeast-1 (ap-northeast-1a, ap-northeast-1c, ...)";
        for (const list of [zones("a", "b", "c", "d", "e", "f", "g"), zones("a", "c", "a")])
            assert.equal(
                errorOf("tokyo", { [`${P}availabilityZones`]: list }),
                `config s3-multiregion:availabilityZones = ${list}; ${allowed}`,
            );
    });

    it("names what each required network key takes when it is unset, and refuses a SAML ARN of another kind", () => {
        const table: [Record<string, string | undefined>, string][] = [
            [
                { [`${P}vpcCidr`]: undefined },
                "config s3-multiregion:vpcCidr is not set; allowed: an IPv4 CIDR from /16 to /24, e.g. 10.0.0.0/16",
            ],
            [
                { [`${P}availabilityZones`]: undefined },
                "config s3-multiregion:availabilityZones is not set; allowed: a list of availability zones of ap-northeast-1, e.g. ap-northeast-1a",
            ],
            [
                { [`${P}vpnClientCidr`]: undefined },
                "config s3-multiregion:vpnClientCidr is not set; allowed: an IPv4 CIDR from /12 to /22 outside the VPC CIDR",
            ],
            [
                {
                    [`${P}vpnAuthentication`]: "saml",
                    [`${P}vpnSamlProviderArn`]: "arn:aws:iam::111111111111:oidc-provider/corp",
                },
                'config s3-multiregion:vpnSamlProviderArn = "arn:aws:iam::111111111111:oidc-provider/corp"; allowed: an IAM SAML provider ARN (arn:aws:iam::<account>:saml-provider/<name>), required when vpnAuthentication is saml',
            ],
        ];
        for (const [overrides, message] of table) assert.equal(errorOf("tokyo", overrides), message);
    });
});
