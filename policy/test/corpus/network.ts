// Corpus: the private path (VPC, dedicated endpoint security group, S3 and MRAP interface endpoints, Client VPN on the VPC resolver).

import { A, ExportResource, StackBuilder, arn } from "./builder";
import { Names } from "./storage";

const VPC_ID = "vpc-0c0ffee000000001";
const SUBNETS = ["subnet-0c0ffee00000000a", "subnet-0c0ffee00000000b"];
const CIDR = "10.20.0.0/16";
const CLIENT_CIDR = "172.20.0.0/22";
/** The VPC's default security group (the mutant that puts an endpoint on it must be caught). */
export const DEFAULT_SG = "sg-0default000000001";
/** The interface endpoints' own group. */
export const ENDPOINT_SG = "sg-0endpoints0000001";
/** A secondary CIDR block of the VPC: its base + 2 is no resolver. */
export const SECONDARY_CIDR = "10.21.0.0/16";

export function privateNetwork(s: StackBuilder, n: Names, regions: string[]): void {
    const parent = s.component("network:PrivateNetwork", "network");
    const endpointPolicy = s.doc([
        {
            Effect: "Allow",
            Principal: "*",
            Action: "s3:*",
            Resource: regions.flatMap((r) => [arn(n.data(r)), `${arn(n.data(r))}/*`]),
        },
    ]);
    // The MRAP's global name must resolve to the endpoint; regional S3 names stay endpoint-specific.
    const services = [
        { name: "network-s3-interface", serviceName: `com.amazonaws.${s.region}.s3`, id: "vpce-0s3interface00001" },
        {
            name: "network-mrap-interface",
            serviceName: "com.amazonaws.s3-global.accesspoint",
            id: "vpce-0mrapinterface0001",
        },
    ].map((e) => ({ ...e, privateDnsEnabled: e.name === "network-mrap-interface" }));
    const specs = s.shape.endpoints === "awsxSpecs";
    let vpc: ExportResource | undefined;
    if (s.shape.vpc === "awsx") {
        const inputs: Record<string, unknown> = { cidrBlock: CIDR };
        // A spec cannot name a group of the VPC it creates: the dedicated group is attached by association below.
        if (specs)
            inputs["vpcEndpointSpecs"] = services.map((e) => ({
                serviceName: e.serviceName,
                vpcEndpointType: "Interface",
                privateDnsEnabled: e.privateDnsEnabled,
                policy: endpointPolicy,
            }));
        vpc = s.add("awsx:ec2:Vpc", "network-vpc", inputs, {
            outputs: {
                vpcId: VPC_ID,
                privateSubnetIds: SUBNETS,
                publicSubnetIds: [],
                isolatedSubnetIds: [],
                vpc: { id: VPC_ID, defaultSecurityGroupId: DEFAULT_SG },
            },
            parent,
        });
    } else {
        s.add(
            "aws:ec2/vpc:Vpc",
            "network-vpc",
            { cidrBlock: CIDR },
            {
                id: VPC_ID,
                outputs: { defaultSecurityGroupId: DEFAULT_SG },
                parent,
            },
        );
        SUBNETS.forEach((id, i) =>
            s.add(
                "aws:ec2/subnet:Subnet",
                `network-private-${i}`,
                { vpcId: VPC_ID, cidrBlock: `10.20.${i}.0/24` },
                { id, parent },
            ),
        );
    }
    s.add(
        "aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation",
        "network-vpc-secondary",
        { vpcId: VPC_ID, cidrBlock: SECONDARY_CIDR },
        { parent },
    );
    const sg = ENDPOINT_SG;
    s.add(
        "aws:ec2/securityGroup:SecurityGroup",
        "network-endpoints",
        { vpcId: VPC_ID, description: "S3 endpoints" },
        { id: sg, parent },
    );
    for (const [name, cidr] of [
        ["vpc", CIDR],
        ["vpn-clients", CLIENT_CIDR],
    ]) {
        s.add(
            "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
            `network-endpoints-https-from-${name}`,
            {
                securityGroupId: sg,
                ipProtocol: "tcp",
                fromPort: 443,
                toPort: 443,
                cidrIpv4: cidr,
            },
            { parent },
        );
    }
    for (const e of services) {
        const inputs = {
            vpcId: VPC_ID,
            serviceName: e.serviceName,
            vpcEndpointType: "Interface",
            subnetIds: SUBNETS,
            policy: endpointPolicy,
            privateDnsEnabled: e.privateDnsEnabled,
        };
        if (!specs) {
            s.add(
                "aws:ec2/vpcEndpoint:VpcEndpoint",
                e.name,
                { ...inputs, securityGroupIds: [sg] },
                { id: e.id, parent },
            );
            continue;
        }
        // As deployed: awsx's child endpoint, created on the default group (its state still says so) until the
        // association replaced it.
        s.add("aws:ec2/vpcEndpoint:VpcEndpoint", e.name, inputs, {
            id: e.id,
            parent: vpc,
            outputs: { securityGroupIds: [DEFAULT_SG] },
        });
        s.add(
            "aws:ec2/securityGroupAssociation:SecurityGroupAssociation",
            `${e.name}-sg`,
            { vpcEndpointId: e.id, securityGroupId: sg, replaceDefaultAssociation: true },
            { parent },
        );
    }
    const cvpn = "cvpn-endpoint-0c0ffee000000001";
    s.add(
        "aws:ec2clientvpn/endpoint:Endpoint",
        "client-vpn",
        {
            serverCertificateArn: `arn:aws:acm:${s.region}:${A}:certificate/00000000-0000-4000-8000-000000000001`,
            clientCidrBlock: CLIENT_CIDR,
            authenticationOptions: [
                {
                    type: "certificate-authentication",
                    rootCertificateChainArn: `arn:aws:acm:${s.region}:${A}:certificate/00000000-0000-4000-8000-000000000002`,
                },
            ],
            connectionLogOptions: {
                enabled: true,
                cloudwatchLogGroup: `/${s.shape.prefix}/client-vpn`,
                cloudwatchLogStream: "connections",
            },
            dnsServers: ["10.20.0.2"],
            splitTunnel: true,
            vpcId: VPC_ID,
            securityGroupIds: ["sg-0clientvpn00000001"],
        },
        { id: cvpn, parent },
    );
    SUBNETS.forEach((subnetId, i) =>
        s.add(
            "aws:ec2clientvpn/networkAssociation:NetworkAssociation",
            `client-vpn-association-${i}`,
            {
                clientVpnEndpointId: cvpn,
                subnetId,
            },
            { parent },
        ),
    );
}
