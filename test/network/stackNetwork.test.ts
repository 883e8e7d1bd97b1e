// The network in each stack role under mocks: built when enabled, absent otherwise, outputs and policies wired.
import * as assert from "node:assert/strict";
import { inVpcCheck } from "../../components/network/connectionGuide";
import { PrimaryConfig, SecondaryConfig } from "../../config/platformConfig";
import { primaryStack } from "../../stacks/primary";
import { secondaryStack } from "../../stacks/secondary";
import { installMocks, settle, valueOf } from "../../verifier/mockRuntime";
import { DEST_OUTPUTS, OSAKA_OUTPUTS } from "../support/peerOutputs";
import { stackConfig } from "../support/stackConfigs";

const P = "s3-multiregion:";
const TOKYO_BUCKET = "example-s3mr-data-111111111111-ap-northeast-1";
const NETWORK_TYPES = [
    "awsx:ec2:Vpc",
    "aws:ec2/vpcEndpoint:VpcEndpoint",
    "aws:ec2/securityGroup:SecurityGroup",
    "aws:ec2clientvpn/endpoint:Endpoint",
    "aws:ec2clientvpn/networkAssociation:NetworkAssociation",
    "aws:ec2clientvpn/authorizationRule:AuthorizationRule",
    "aws:cloudwatch/logGroup:LogGroup",
];
const OSAKA_NETWORK = {
    [`${P}networkEnabled`]: "true",
    [`${P}vpcCidr`]: "10.1.0.0/16",
    [`${P}availabilityZones`]: '["ap-northeast-3a","ap-northeast-3b","ap-northeast-3c"]',
    [`${P}vpnClientCidr`]: "172.20.0.0/22",
    [`${P}vpnServerCertificateArn`]:
        "arn:aws:acm:ap-northeast-3:111111111111:certificate/00000000-0000-0000-0000-000000000003",
    [`${P}vpnClientRootCertificateArn`]:
        "arn:aws:acm:ap-northeast-3:111111111111:certificate/00000000-0000-0000-0000-000000000004",
};

/** The stacks' `network` output as these tests read it (resolved). */
type NetworkOutput = Record<string, unknown> & { resolverAddress: string; commands: Record<string, string> };

const policyOf = (inputs: Record<string, unknown>) =>
    JSON.parse(String(inputs.policy)) as { Statement: { Sid: string; Resource: string[] }[] };

describe("network in the stacks", () => {
    it("tokyo: builds the network, wires the endpoint policies to the regional buckets and the MRAP, and exports `network`", async () => {
        const rec = await installMocks({
            stack: "tokyo",
            accountId: "111111111111",
            region: "ap-northeast-1",
            peers: { osaka: OSAKA_OUTPUTS, "dest-account": DEST_OUTPUTS },
        });
        const outputs = primaryStack(stackConfig<PrimaryConfig>("tokyo"));
        const network = (await valueOf((outputs as { network?: unknown }).network!)) as NetworkOutput;
        const mrapArn = await valueOf(outputs.mrapArn);
        const mrapAlias = await valueOf(outputs.mrapAlias);
        await settle();

        const vpc = rec.one("awsx:ec2:Vpc", "network-vpc").outputs;
        const endpoints = Object.fromEntries(rec.ofType("aws:ec2/vpcEndpoint:VpcEndpoint").map((e) => [e.name, e]));
        const vpnEndpoint = rec.one("aws:ec2clientvpn/endpoint:Endpoint", "client-vpn");
        const s3Dns = endpoints["network-s3-interface"].outputs.dnsEntries[0].dnsName.slice(2);
        const mrapDns = endpoints["network-mrap-interface"].outputs.dnsEntries[0].dnsName.slice(2);
        assert.deepEqual(network, {
            vpcId: vpc.vpcId,
            vpcCidr: "10.0.0.0/16",
            privateSubnetIds: vpc.privateSubnetIds,
            resolverAddress: "10.0.0.2",
            endpointDnsMode: "endpoint-specific",
            endpointSecurityGroupId: rec.one("aws:ec2/securityGroup:SecurityGroup", "network-endpoints").id,
            s3GatewayEndpointId: endpoints["network-s3-gateway"].id,
            s3InterfaceEndpointId: endpoints["network-s3-interface"].id,
            s3InterfaceEndpointDnsNames: [`*.${s3Dns}`],
            s3EndpointUrl: `https://bucket.${s3Dns}`,
            mrapEndpointId: endpoints["network-mrap-interface"].id,
            mrapEndpointDnsNames: [`*.${mrapDns}`],
            clientVpnEndpointId: vpnEndpoint.id,
            clientVpnDnsName: `*.${vpnEndpoint.id}.prod.clientvpn.ap-northeast-1.amazonaws.com`,
            clientVpnSecurityGroupId: rec.one("aws:ec2/securityGroup:SecurityGroup", "client-vpn").id,
            clientVpnLogGroupName: "/example-s3mr/client-vpn",
            commands: {
                exportClientConfig: `aws ec2 export-client-vpn-client-configuration --client-vpn-endpoint-id ${vpnEndpoint.id} --region ap-northeast-1 --output text > example-s3mr-tokyo.ovpn`,
                dig: `dig +short ${TOKYO_BUCKET}.bucket.${s3Dns} | ${inVpcCheck("10.0.0.0/16")}`,
                mrapDig: `dig +short "${mrapAlias}.accesspoint.s3-global.amazonaws.com" | ${inVpcCheck("10.0.0.0/16")}`,
                s3Ls: `aws s3 ls s3://${TOKYO_BUCKET}/ --endpoint-url https://bucket.${s3Dns} --region ap-northeast-1`,
                mrapLs: `aws s3 ls "s3://${mrapArn}/"`,
            },
        });
        for (const name of ["network-s3-gateway", "network-s3-interface", "network-mrap-interface"]) {
            assert.deepEqual(
                policyOf(endpoints[name].inputs).Statement.map((s) => [s.Sid, s.Resource]),
                [
                    [
                        "AllowPlatformBuckets",
                        [
                            `arn:aws:s3:::${TOKYO_BUCKET}`,
                            `arn:aws:s3:::${TOKYO_BUCKET}/*`,
                            OSAKA_OUTPUTS.bucketArn,
                            `${OSAKA_OUTPUTS.bucketArn}/*`,
                        ],
                    ],
                    ["AllowPlatformMultiRegionAccessPoint", [mrapArn, `${mrapArn}/object/*`]],
                ],
                name,
            );
        }
        assert.deepEqual(vpnEndpoint.inputs.dnsServers, ["10.0.0.2"]);
        assert.equal(rec.ofType("aws:ec2clientvpn/networkAssociation:NetworkAssociation").length, 2);
    });

    it("tokyo with networkEnabled false: no network resources and no `network` output", async () => {
        const rec = await installMocks({
            stack: "tokyo",
            accountId: "111111111111",
            region: "ap-northeast-1",
            peers: { osaka: OSAKA_OUTPUTS, "dest-account": DEST_OUTPUTS },
        });
        const outputs = primaryStack(stackConfig<PrimaryConfig>("tokyo", { [`${P}networkEnabled`]: "false" }));
        await valueOf(outputs.mrapArn);
        await settle();
        assert.equal("network" in outputs, false);
        for (const t of NETWORK_TYPES) assert.deepEqual(rec.ofType(t), [], t);
    });

    it("osaka by default: no network", async () => {
        const rec = await installMocks({ stack: "osaka", accountId: "111111111111", region: "ap-northeast-3" });
        const outputs = secondaryStack(stackConfig<SecondaryConfig>("osaka"));
        await valueOf(outputs);
        await settle();
        assert.equal("network" in outputs, false);
        for (const t of NETWORK_TYPES) assert.deepEqual(rec.ofType(t), [], t);
    });

    it("osaka with networkEnabled: its own VPC and VPN, endpoints allow the platform's data buckets and account A's MRAPs", async () => {
        const rec = await installMocks({ stack: "osaka", accountId: "111111111111", region: "ap-northeast-3" });
        const outputs = secondaryStack(stackConfig<SecondaryConfig>("osaka", OSAKA_NETWORK));
        const network = (await valueOf((outputs as { network?: unknown }).network!)) as NetworkOutput;
        await settle();
        assert.deepEqual(rec.one("awsx:ec2:Vpc", "network-vpc").inputs.availabilityZoneNames, [
            "ap-northeast-3a",
            "ap-northeast-3b",
            "ap-northeast-3c",
        ]);
        const endpoints = rec.ofType("aws:ec2/vpcEndpoint:VpcEndpoint");
        assert.deepEqual(
            endpoints.map((e) => [e.name, e.inputs.serviceName]),
            [
                ["network-s3-gateway", "com.amazonaws.ap-northeast-3.s3"],
                ["network-s3-interface", "com.amazonaws.ap-northeast-3.s3"],
                ["network-mrap-interface", "com.amazonaws.s3-global.accesspoint"],
            ],
        );
        for (const e of endpoints) {
            assert.deepEqual(
                policyOf(e.inputs).Statement.map((s) => [s.Sid, s.Resource]),
                [
                    [
                        "AllowPlatformBuckets",
                        [
                            "arn:aws:s3:::example-s3mr-data-111111111111-*",
                            "arn:aws:s3:::example-s3mr-data-111111111111-*/*",
                        ],
                    ],
                    [
                        "AllowPlatformMultiRegionAccessPoint",
                        ["arn:aws:s3::111111111111:accesspoint/*", "arn:aws:s3::111111111111:accesspoint/*/object/*"],
                    ],
                ],
            );
        }
        assert.deepEqual(rec.one("aws:ec2clientvpn/endpoint:Endpoint", "client-vpn").inputs.dnsServers, ["10.1.0.2"]);
        assert.equal(rec.ofType("aws:ec2clientvpn/networkAssociation:NetworkAssociation").length, 3);
        assert.equal(network.resolverAddress, "10.1.0.2");
        assert.equal(network.commands.mrapLs, 'aws s3 ls "s3://$MRAP_ARN/"');
        assert.equal(
            network.commands.mrapDig,
            `dig +short "\${MRAP_ARN##*/}.accesspoint.s3-global.amazonaws.com" | ${inVpcCheck("10.1.0.0/16")}`,
        );
        assert.match(
            network.commands.s3Ls,
            /^aws s3 ls s3:\/\/example-s3mr-data-111111111111-ap-northeast-3\/ --endpoint-url https:\/\/bucket\.vpce-\S+ --region ap-northeast-3$/,
        );
    });
});
