// Passing and failing fixtures for the private-access network policies.

import * as aws from "@pulumi/aws";

import {
    clientVpnConnectionLogging,
    clientVpnDnsResolver,
    s3EndpointDedicatedSecurityGroup,
    s3EndpointNoPublicHttps,
} from "../policies/network";
import { PolicyInputResource } from "../runner";
import { T } from "../lib/types";
import { UNKNOWN_SENTINEL } from "../lib/values";
import { alter, policyCases, raw, res, violation } from "./fixtures";
import { tokyoStack } from "./stacks";

const find = (stack: PolicyInputResource[], name: string, type: string): PolicyInputResource =>
    stack.find((r) => r.name === name && r.type === type) as PolicyInputResource;

{
    const tokyo = tokyoStack();
    const noGroups = alter(tokyo, "network-s3-interface", T.vpcEndpoint, (i) => delete i.securityGroupIds);
    // A real (non-awsx) VPC: its outputs name the default security group.
    const vpc = res(
        aws.ec2.Vpc,
        "vpc",
        { cidrBlock: "10.1.0.0/16" },
        { id: "vpc-1", outputs: { cidrBlock: "10.1.0.0/16", defaultSecurityGroupId: "sg-default0001" } },
    );
    const onDefault = res(
        aws.ec2.VpcEndpoint,
        "s3",
        {
            vpcId: "vpc-1",
            serviceName: "com.amazonaws.ap-northeast-1.s3",
            vpcEndpointType: "Interface",
            securityGroupIds: ["sg-default0001"],
        },
        { id: "vpce-1" },
    );
    // An awsx VPC: its default group is only known from the component's `vpc` output.
    const awsxVpc = raw(
        "awsx:ec2:Vpc",
        "network-vpc",
        { cidrBlock: "10.2.0.0/16" },
        {
            id: "vpc-2",
            outputs: {
                vpcId: "vpc-2",
                vpc: { id: "vpc-2", cidrBlock: "10.2.0.0/16", defaultSecurityGroupId: "sg-awsxdefault" },
            },
        },
    );
    const onAwsxDefault = res(
        aws.ec2.VpcEndpoint,
        "mrap",
        {
            vpcId: "vpc-2",
            serviceName: "com.amazonaws.s3-global.accesspoint",
            vpcEndpointType: "Interface",
            securityGroupIds: ["sg-awsxdefault"],
        },
        { id: "vpce-2" },
    );
    const associated = [
        res(
            aws.ec2.VpcEndpoint,
            "s3",
            { vpcId: "vpc-1", serviceName: "com.amazonaws.ap-northeast-1.s3", vpcEndpointType: "Interface" },
            { id: "vpce-1" },
        ),
        res(aws.ec2.SecurityGroupAssociation, "s3-sg", { vpcEndpointId: "vpce-1", securityGroupId: "sg-dedicated" }),
    ];
    policyCases(s3EndpointDedicatedSecurityGroup, {
        pass: [
            { title: "tokyo: both interface endpoints on the dedicated group", resources: tokyo },
            { title: "group attached by SecurityGroupAssociation", resources: [vpc, ...associated] },
            {
                title: "groups unknown during preview",
                resources: [alter([onDefault], "s3", undefined, (i) => (i.securityGroupIds = UNKNOWN_SENTINEL))[0]],
            },
        ],
        fail: [
            {
                title: "interface endpoint without security groups (AWS attaches the default group)",
                resources: noGroups,
                expect: [
                    violation(
                        s3EndpointDedicatedSecurityGroup,
                        find(noGroups, "network-s3-interface", T.vpcEndpoint),
                        "Interface endpoint network-s3-interface (com.amazonaws.ap-northeast-1.s3) names no security group, so AWS attaches the VPC's default one.",
                    ),
                ],
            },
            {
                title: "interface endpoint on the VPC's default group",
                resources: [vpc, onDefault],
                expect: [
                    violation(
                        s3EndpointDedicatedSecurityGroup,
                        onDefault,
                        "Interface endpoint s3 (com.amazonaws.ap-northeast-1.s3) uses the VPC's default security group sg-default0001.",
                    ),
                ],
            },
            {
                title: "MRAP interface endpoint on an awsx VPC's default group",
                resources: [awsxVpc, onAwsxDefault],
                expect: [
                    violation(
                        s3EndpointDedicatedSecurityGroup,
                        onAwsxDefault,
                        "Interface endpoint mrap (com.amazonaws.s3-global.accesspoint) uses the VPC's default security group sg-awsxdefault.",
                    ),
                ],
            },
        ],
    });
}

{
    const tokyo = tokyoStack();
    const worldRule = res(aws.vpc.SecurityGroupIngressRule, "https-from-anywhere", {
        securityGroupId: "sg-0e1d2c3b4a5968778",
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4: "0.0.0.0/0",
    });
    const inlineAll = alter(tokyo, "network-endpoints", T.securityGroup, (i) => {
        i.ingress = [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/16"], ipv6CidrBlocks: ["::/0"] }];
    });
    const ssh = res(aws.vpc.SecurityGroupIngressRule, "ssh-from-anywhere", {
        securityGroupId: "sg-0e1d2c3b4a5968778",
        ipProtocol: "tcp",
        fromPort: 22,
        toPort: 22,
        cidrIpv4: "0.0.0.0/0",
    });
    policyCases(s3EndpointNoPublicHttps, {
        pass: [
            { title: "tokyo: 443 from the VPC and VPN client CIDRs only", resources: tokyo },
            { title: "a world-open rule on another port is not this policy's concern", resources: [...tokyo, ssh] },
        ],
        fail: [
            {
                title: "443 from 0.0.0.0/0 by an ingress rule resource",
                resources: [...tokyo, worldRule],
                expect: [
                    violation(
                        s3EndpointNoPublicHttps,
                        worldRule,
                        "Security group sg-0e1d2c3b4a5968778 of interface endpoint network-s3-interface admits port 443 from 0.0.0.0/0.",
                    ),
                ],
            },
            {
                title: "all traffic from ::/0 inline on the group",
                resources: inlineAll,
                expect: [
                    violation(
                        s3EndpointNoPublicHttps,
                        find(inlineAll, "network-endpoints", T.securityGroup),
                        "Security group sg-0e1d2c3b4a5968778 of interface endpoint network-s3-interface admits port 443 from ::/0.",
                    ),
                ],
            },
        ],
    });
}

{
    const tokyo = tokyoStack();
    const typed = alter(tokyo, "client-vpn", T.clientVpnEndpoint, (i) => (i.dnsServers = ["10.0.0.1"]));
    const missing = alter(tokyo, "client-vpn", T.clientVpnEndpoint, (i) => delete i.dnsServers);
    const publicSecond = alter(
        tokyo,
        "client-vpn",
        T.clientVpnEndpoint,
        (i) => (i.dnsServers = ["10.0.0.2", "8.8.8.8"]),
    );
    // VPC found through the association's subnet, not the endpoint's vpcId.
    const viaSubnet = (dns: string[]): PolicyInputResource[] => [
        res(aws.ec2.Vpc, "vpc", { cidrBlock: "10.20.0.0/16" }, { id: "vpc-20" }),
        res(aws.ec2.Subnet, "subnet", { vpcId: "vpc-20", cidrBlock: "10.20.1.0/24" }, { id: "subnet-20" }),
        res(
            aws.ec2clientvpn.Endpoint,
            "cvpn",
            {
                serverCertificateArn: "arn:aws:acm:ap-northeast-1:111111111111:certificate/x",
                authenticationOptions: [],
                connectionLogOptions: { enabled: false },
                dnsServers: dns,
            },
            { id: "cvpn-20" },
        ),
        res(aws.ec2clientvpn.NetworkAssociation, "cvpn-assoc", {
            clientVpnEndpointId: "cvpn-20",
            subnetId: "subnet-20",
        }),
    ];
    const wrongViaSubnet = viaSubnet(["10.20.0.1"]);
    policyCases(clientVpnDnsResolver, {
        pass: [
            { title: "tokyo: 10.0.0.2 for 10.0.0.0/16", resources: tokyo },
            { title: "VPC of the associated subnet: 10.20.0.2 for 10.20.0.0/16", resources: viaSubnet(["10.20.0.2"]) },
        ],
        fail: [
            {
                title: "typed 10.0.0.1",
                resources: typed,
                expect: [
                    violation(
                        clientVpnDnsResolver,
                        find(typed, "client-vpn", T.clientVpnEndpoint),
                        'Client VPN endpoint client-vpn uses DNS ["10.0.0.1"]; the resolver of VPC vpc-0a1b2c3d4e5f60718 (10.0.0.0/16) is 10.0.0.2.',
                    ),
                ],
            },
            {
                title: "no DNS servers",
                resources: missing,
                expect: [
                    violation(
                        clientVpnDnsResolver,
                        find(missing, "client-vpn", T.clientVpnEndpoint),
                        "Client VPN endpoint client-vpn sets no DNS servers, so clients keep their own resolver.",
                    ),
                ],
            },
            {
                title: "resolver plus a public DNS",
                resources: publicSecond,
                expect: [
                    violation(
                        clientVpnDnsResolver,
                        find(publicSecond, "client-vpn", T.clientVpnEndpoint),
                        'Client VPN endpoint client-vpn uses DNS ["10.0.0.2","8.8.8.8"]; the resolver of VPC vpc-0a1b2c3d4e5f60718 (10.0.0.0/16) is 10.0.0.2.',
                    ),
                ],
            },
            {
                title: "wrong address for the VPC of the associated subnet",
                resources: wrongViaSubnet,
                expect: [
                    violation(
                        clientVpnDnsResolver,
                        wrongViaSubnet[2],
                        'Client VPN endpoint cvpn uses DNS ["10.20.0.1"]; the resolver of VPC vpc-20 (10.20.0.0/16) is 10.20.0.2.',
                    ),
                ],
            },
        ],
    });
}

{
    const endpoint = (connectionLogOptions: { enabled: boolean; cloudwatchLogGroup?: string }): PolicyInputResource =>
        res(aws.ec2clientvpn.Endpoint, "cvpn", {
            serverCertificateArn: "arn:aws:acm:ap-northeast-1:111111111111:certificate/x",
            authenticationOptions: [],
            connectionLogOptions,
        });
    const off = endpoint({ enabled: false });
    const noGroup = endpoint({ enabled: true });
    policyCases(clientVpnConnectionLogging, {
        pass: [
            {
                title: "logging on with a log group",
                resources: [endpoint({ enabled: true, cloudwatchLogGroup: "/vpn" })],
            },
            {
                // The engine sends its unknown sentinel in place of the boolean during preview.
                title: "logging switch not known yet (preview)",
                resources: [endpoint({ enabled: UNKNOWN_SENTINEL as never, cloudwatchLogGroup: "/vpn" })],
            },
        ],
        fail: [
            {
                title: "logging off",
                resources: [off],
                expect: [violation(clientVpnConnectionLogging, off, "Client VPN connection logging is not enabled.")],
            },
            {
                title: "logging on without a log group",
                resources: [noGroup],
                expect: [
                    violation(
                        clientVpnConnectionLogging,
                        noGroup,
                        "Client VPN connection logging is enabled without a cloudwatchLogGroup.",
                    ),
                ],
            },
        ],
    });
}
