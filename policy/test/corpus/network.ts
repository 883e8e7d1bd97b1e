// Corpus: the private path (VPC, dedicated endpoint security group, S3 and MRAP interface endpoints, Client VPN on the VPC resolver).

import { A, StackBuilder, arn } from "./builder";
import { Names } from "./storage";

const VPC_ID = "vpc-0c0ffee000000001";
const SUBNETS = ["subnet-0c0ffee00000000a", "subnet-0c0ffee00000000b"];
const CIDR = "10.20.0.0/16";
const CLIENT_CIDR = "172.20.0.0/22";
/** The VPC's default security group (the mutant that puts an endpoint on it must be caught). */
export const DEFAULT_SG = "sg-0default000000001";

export function privateNetwork(s: StackBuilder, n: Names, regions: string[]): void {
    const parent = s.component("network:PrivateNetwork", "network");
    if (s.shape.vpc === "awsx") {
        s.add(
            "awsx:ec2:Vpc",
            "network-vpc",
            { cidrBlock: CIDR },
            {
                outputs: {
                    vpcId: VPC_ID,
                    privateSubnetIds: SUBNETS,
                    publicSubnetIds: [],
                    isolatedSubnetIds: [],
                    vpc: { id: VPC_ID, defaultSecurityGroupId: DEFAULT_SG },
                },
                parent,
            },
        );
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
    const sg = "sg-0endpoints0000001";
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
    const endpointPolicy = s.doc([
        {
            Effect: "Allow",
            Principal: "*",
            Action: "s3:*",
            Resource: regions.flatMap((r) => [arn(n.data(r)), `${arn(n.data(r))}/*`]),
        },
    ]);
    const endpoint = (name: string, serviceName: string, id: string): void => {
        s.add(
            "aws:ec2/vpcEndpoint:VpcEndpoint",
            name,
            {
                vpcId: VPC_ID,
                serviceName,
                vpcEndpointType: "Interface",
                subnetIds: SUBNETS,
                securityGroupIds: [sg],
                policy: endpointPolicy,
                // The MRAP's global name must resolve to the endpoint; regional S3 names stay endpoint-specific.
                privateDnsEnabled: serviceName === "com.amazonaws.s3-global.accesspoint",
            },
            { id, parent },
        );
    };
    endpoint("network-s3-interface", `com.amazonaws.${s.region}.s3`, "vpce-0s3interface00001");
    endpoint("network-mrap-interface", "com.amazonaws.s3-global.accesspoint", "vpce-0mrapinterface0001");
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
