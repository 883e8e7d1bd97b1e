// ClientVpn under mocks: DNS server computed from the VPC CIDR, authentication, logging, associations, access rule, its own SG.
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { ClientVpn, ClientVpnArgs, subnetOfZone, validateClientVpnArgs } from "../../components/network/clientVpn";
import { vpcResolverAddress } from "../../config/cidr";
import { installMocks, ResourceRecorder, settle, valueOf } from "../../verifier/mockRuntime";

const SERVER_CERT = "arn:aws:acm:ap-northeast-1:111111111111:certificate/00000000-0000-0000-0000-000000000001";
const CLIENT_CA = "arn:aws:acm:ap-northeast-1:111111111111:certificate/00000000-0000-0000-0000-000000000002";
const SAML = "arn:aws:iam::111111111111:saml-provider/corp-idp";
const SUBNETS = ["subnet-aaaaaaaaaaaaaaaaa", "subnet-ccccccccccccccccc"];

const BASE: ClientVpnArgs = {
    vpcId: "vpc-0123456789abcdef0",
    vpcCidr: "10.0.0.0/16",
    availabilityZones: ["ap-northeast-1a", "ap-northeast-1c"],
    subnetIds: SUBNETS,
    clientCidr: "172.16.0.0/22",
    authentication: { type: "certificate", serverCertificateArn: SERVER_CERT, clientRootCertificateArn: CLIENT_CA },
    splitTunnel: true,
    logRetentionDays: 90,
    logGroupName: "/acme/client-vpn",
};

describe("ClientVpn", () => {
    let rec: ResourceRecorder;
    beforeEach(async () => {
        rec = await installMocks({ stack: "test", accountId: "111111111111", region: "ap-northeast-1" });
    });

    async function build(args: Partial<ClientVpnArgs> = {}) {
        const v = new ClientVpn("vpn", { ...BASE, ...args });
        await valueOf(v.urn);
        await Promise.all(v.associations.map((a) => valueOf(a.subnetId)));
        await settle();
        return v;
    }
    const endpointInputs = () => rec.one("aws:ec2clientvpn/endpoint:Endpoint", "vpn").inputs;

    it("declares exactly its log group and stream, security group with one egress rule, endpoint, access rule and one association per AZ", async () => {
        const v = await build();
        const component = rec.one("s3-multiregion:network:ClientVpn", "vpn");
        assert.deepEqual(rec.registeredOutputs.get(component.urn), { endpointId: await valueOf(v.endpoint.id) });
        assert.deepEqual(
            rec.resources
                .filter((r) => r.parent === component.urn)
                .map((r) => `${r.type}/${r.name}`)
                .sort(),
            [
                "aws:cloudwatch/logGroup:LogGroup/vpn-connections",
                "aws:cloudwatch/logStream:LogStream/vpn-connections",
                "aws:ec2/securityGroup:SecurityGroup/vpn",
                "aws:ec2clientvpn/authorizationRule:AuthorizationRule/vpn-vpc",
                "aws:ec2clientvpn/endpoint:Endpoint/vpn",
                "aws:ec2clientvpn/networkAssociation:NetworkAssociation/vpn-ap-northeast-1a",
                "aws:ec2clientvpn/networkAssociation:NetworkAssociation/vpn-ap-northeast-1c",
                "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule/vpn-https-to-vpc",
            ],
        );
    });

    it("mutual TLS: the endpoint's full inputs, DNS server = VPC base + 2, split tunnel, UDP, connection logging", async () => {
        await build();
        const sgId = rec.one("aws:ec2/securityGroup:SecurityGroup", "vpn").id;
        assert.deepEqual(endpointInputs(), {
            description: "vpn: private access to S3 and the MRAP",
            serverCertificateArn: SERVER_CERT,
            authenticationOptions: [{ type: "certificate-authentication", rootCertificateChainArn: CLIENT_CA }],
            clientCidrBlock: "172.16.0.0/22",
            dnsServers: ["10.0.0.2"],
            splitTunnel: true,
            transportProtocol: "udp",
            vpnPort: 443,
            sessionTimeoutHours: 8,
            vpcId: "vpc-0123456789abcdef0",
            securityGroupIds: [sgId],
            connectionLogOptions: {
                enabled: true,
                cloudwatchLogGroup: "/acme/client-vpn",
                cloudwatchLogStream: "connections",
            },
        });
    });

    it("split tunnel unless told otherwise: only VPC-bound traffic goes through the VPN, the rest stays on the client's network", async () => {
        const { splitTunnel, ...withoutSplitTunnel } = BASE;
        void splitTunnel;
        new ClientVpn("vpn", withoutSplitTunnel);
        await settle();
        assert.equal(endpointInputs().splitTunnel, true);
    });

    it("SAML: federated authentication with the SAML provider, no client root CA", async () => {
        await build({
            authentication: { type: "saml", serverCertificateArn: SERVER_CERT, samlProviderArn: SAML },
            splitTunnel: false,
        });
        const inputs = endpointInputs();
        assert.deepEqual(inputs.authenticationOptions, [{ type: "federated-authentication", samlProviderArn: SAML }]);
        assert.equal(inputs.splitTunnel, false);
        assert.deepEqual(
            rec.one("aws:ec2clientvpn/authorizationRule:AuthorizationRule", "vpn-vpc").inputs.authorizeAllGroups,
            true,
        );
    });

    for (const [vpcCidr, clientCidr, resolver] of [
        ["10.0.0.0/16", "172.16.0.0/22", "10.0.0.2"],
        ["172.31.128.0/20", "10.64.0.0/22", "172.31.128.2"],
        ["192.168.10.0/24", "172.16.0.0/22", "192.168.10.2"],
        ["10.255.255.0/24", "172.16.0.0/12", "10.255.255.2"],
    ]) {
        it(`pushes the VPC resolver ${resolver} for ${vpcCidr}`, async () => {
            const v = await build({ vpcCidr, clientCidr });
            assert.deepEqual(endpointInputs().dnsServers, [resolver]);
            assert.equal(v.dnsServer, resolver);
            assert.equal(vpcResolverAddress(vpcCidr), resolver);
        });
    }

    it("its own security group: HTTPS into the VPC only, no DNS rule (security groups do not filter Amazon DNS), no ingress", async () => {
        await build();
        const sg = rec.one("aws:ec2/securityGroup:SecurityGroup", "vpn");
        assert.deepEqual(sg.inputs, {
            vpcId: "vpc-0123456789abcdef0",
            description: "Client VPN: HTTPS into the VPC only",
        });
        assert.deepEqual(
            rec.ofType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").map((r) => r.inputs),
            [
                {
                    securityGroupId: sg.id,
                    ipProtocol: "tcp",
                    fromPort: 443,
                    toPort: 443,
                    cidrIpv4: "10.0.0.0/16",
                    description: "HTTPS to the VPC endpoints",
                },
            ],
        );
        assert.deepEqual(rec.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"), []);
    });

    it("logs connections to a log group with the configured retention and a named stream", async () => {
        await build({ logRetentionDays: 365 });
        assert.deepEqual(rec.one("aws:cloudwatch/logGroup:LogGroup", "vpn-connections").inputs, {
            name: "/acme/client-vpn",
            retentionInDays: 365,
        });
        assert.deepEqual(rec.one("aws:cloudwatch/logStream:LogStream", "vpn-connections").inputs, {
            logGroupName: "/acme/client-vpn",
            name: "connections",
        });
    });

    it("associates each AZ's subnet (from an Output) and authorizes all clients to the VPC CIDR only", async () => {
        await build({ subnetIds: pulumi.output(SUBNETS) });
        const endpointId = rec.one("aws:ec2clientvpn/endpoint:Endpoint", "vpn").id;
        const associations = rec.ofType("aws:ec2clientvpn/networkAssociation:NetworkAssociation");
        assert.equal(associations.length, BASE.availabilityZones.length);
        assert.deepEqual(
            associations.map((a) => [a.name, a.inputs]),
            [
                ["vpn-ap-northeast-1a", { clientVpnEndpointId: endpointId, subnetId: SUBNETS[0] }],
                ["vpn-ap-northeast-1c", { clientVpnEndpointId: endpointId, subnetId: SUBNETS[1] }],
            ],
        );
        assert.deepEqual(
            rec.ofType("aws:ec2clientvpn/authorizationRule:AuthorizationRule").map((r) => r.inputs),
            [
                {
                    clientVpnEndpointId: endpointId,
                    targetNetworkCidr: "10.0.0.0/16",
                    authorizeAllGroups: true,
                    description: "All authenticated clients to the VPC",
                },
            ],
        );
    });

    it("picks each zone's subnet by position and refuses a subnet list that does not match the zones", () => {
        const zones = ["ap-northeast-1a", "ap-northeast-1c"];
        assert.equal(subnetOfZone(SUBNETS, zones, "ap-northeast-1c"), SUBNETS[1]);
        assert.throws(
            () => subnetOfZone([SUBNETS[0]], zones, "ap-northeast-1a"),
            /^Error: got 1 subnet ids for 2 availability zones \(ap-northeast-1a, ap-northeast-1c\)$/,
        );
        assert.throws(
            () => subnetOfZone(SUBNETS, zones, "ap-northeast-1d"),
            /^Error: availability zone ap-northeast-1d is not one of ap-northeast-1a, ap-northeast-1c$/,
        );
    });

    it("refuses overlapping or out-of-range client CIDRs and missing certificate or SAML ARNs with one sentence each", () => {
        const table: [Partial<ClientVpnArgs>, string | undefined][] = [
            [{}, undefined],
            [{ vpcCidr: "10.0.0.1/16" }, "vpcCidr 10.0.0.1/16 is not an IPv4 network CIDR"],
            [{ clientCidr: "10.0.4.0/22" }, "clientCidr 10.0.4.0/22 overlaps vpcCidr 10.0.0.0/16"],
            [{ clientCidr: "10.0.0.0/12" }, "clientCidr 10.0.0.0/12 overlaps vpcCidr 10.0.0.0/16"],
            [{ clientCidr: "172.16.0.0/11" }, "clientCidr 172.16.0.0/11 must be an IPv4 network CIDR from /12 to /22"],
            [{ clientCidr: "172.16.0.0/23" }, "clientCidr 172.16.0.0/23 must be an IPv4 network CIDR from /12 to /22"],
            [{ availabilityZones: [] }, "availabilityZones must name at least one subnet's availability zone"],
            [
                {
                    authentication: {
                        type: "certificate",
                        serverCertificateArn: SERVER_CERT,
                        clientRootCertificateArn: "",
                    },
                },
                'clientRootCertificateArn "" must be an ACM certificate ARN (mutual TLS needs the client root CA)',
            ],
            [
                {
                    authentication: {
                        type: "certificate",
                        serverCertificateArn: "",
                        clientRootCertificateArn: CLIENT_CA,
                    },
                },
                'serverCertificateArn "" must be an ACM certificate ARN',
            ],
            [
                { authentication: { type: "saml", serverCertificateArn: SERVER_CERT, samlProviderArn: "corp" } },
                'samlProviderArn "corp" must be an IAM SAML provider ARN',
            ],
            [{ logRetentionDays: 2 }, "logRetentionDays 2 is not a CloudWatch Logs retention value"],
            // The whole ARN is checked, not a valid ARN inside a longer string.
            ...[`x${SERVER_CERT}`, `${SERVER_CERT}/x`].map((arn): [Partial<ClientVpnArgs>, string] => [
                {
                    authentication: {
                        type: "certificate",
                        serverCertificateArn: arn,
                        clientRootCertificateArn: CLIENT_CA,
                    },
                },
                `serverCertificateArn ${JSON.stringify(arn)} must be an ACM certificate ARN`,
            ]),
            ...[`x${SAML}`, `${SAML} x`].map((arn): [Partial<ClientVpnArgs>, string] => [
                { authentication: { type: "saml", serverCertificateArn: SERVER_CERT, samlProviderArn: arn } },
                `samlProviderArn ${JSON.stringify(arn)} must be an IAM SAML provider ARN`,
            ]),
        ];
        for (const [args, expected] of table)
            assert.equal(validateClientVpnArgs({ ...BASE, ...args }), expected, JSON.stringify(args));
    });

    it("declares nothing, not even the component, when its arguments are refused", async () => {
        assert.throws(
            () => new ClientVpn("bad", { ...BASE, clientCidr: "10.0.0.0/22" }),
            /^Error: bad: clientCidr 10.0.0.0\/22 overlaps vpcCidr 10.0.0.0\/16$/,
        );
        await settle();
        assert.deepEqual(
            rec.resources.map((r) => r.name),
            [],
        );
    });
});
