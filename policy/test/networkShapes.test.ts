// The private-path invariants in other programs' shapes: awsx vpcEndpointSpecs, shared groups, Client VPN DNS in every form.

import * as aws from "@pulumi/aws";

import {
    clientVpnDnsResolver,
    s3EndpointDedicatedSecurityGroup,
    s3EndpointSecurityGroupNotShared,
} from "../policies/network";
import { PolicyInputResource } from "../runner";
import { T } from "../lib/types";
import { UNKNOWN_SENTINEL } from "../lib/values";
import { alter, policyCases, raw, res, violation } from "./fixtures";
import { tokyoStack } from "./stacks";

const find = (stack: PolicyInputResource[], name: string, type: string): PolicyInputResource =>
    stack.find((r) => r.name === name && r.type === type) as PolicyInputResource;

const S3 = "com.amazonaws.eu-west-1.s3";
const MRAP = "com.amazonaws.s3-global.accesspoint";
const DEFAULT_SG = "sg-0default00000000a";
const OWN_SG = "sg-0endpoints0000000a";

/** An awsx VPC whose endpoints come from vpcEndpointSpecs, as a preview sees it (no children yet). */
function awsxWithSpecs(specs: Record<string, unknown>[]): PolicyInputResource {
    return raw(
        "awsx:ec2:Vpc",
        "lake-vpc",
        { cidrBlock: "10.30.0.0/16", vpcEndpointSpecs: specs },
        {
            outputs: {
                vpcId: "vpc-30",
                privateSubnetIds: ["subnet-30a"],
                vpc: { id: "vpc-30", defaultSecurityGroupId: DEFAULT_SG },
            },
        },
    );
}

/** The same VPC once deployed: the component, its aws:ec2/vpc:Vpc child and one VpcEndpoint child per spec. */
function deployedAwsx(s3Groups: string[]): PolicyInputResource[] {
    const vpc = awsxWithSpecs([{ serviceName: S3, vpcEndpointType: "Interface" }]);
    return [
        vpc,
        raw(
            T.vpc,
            "lake-vpc",
            { cidrBlock: "10.30.0.0/16" },
            { id: "vpc-30", parent: vpc.urn, outputs: { defaultSecurityGroupId: DEFAULT_SG } },
        ),
        // AWS attaches the default group to an endpoint created without groups; the state shows it.
        res(
            aws.ec2.VpcEndpoint,
            "lake-vpc-0",
            { vpcId: "vpc-30", serviceName: S3, vpcEndpointType: "Interface" },
            { id: "vpce-30", parent: vpc.urn, outputs: { securityGroupIds: s3Groups } },
        ),
    ];
}

{
    const noGroup = awsxWithSpecs([{ serviceName: S3, vpcEndpointType: "Interface" }]);
    const onDefault = awsxWithSpecs([
        { serviceName: S3, vpcEndpointType: "Gateway" },
        { serviceName: MRAP, vpcEndpointType: "Interface", securityGroupIds: [DEFAULT_SG] },
    ]);
    const deployedOnDefault = deployedAwsx([DEFAULT_SG]);
    const replaced = [
        ...deployedOnDefault,
        res(aws.ec2.SecurityGroup, "endpoints", { vpcId: "vpc-30" }, { id: OWN_SG }),
        res(aws.ec2.SecurityGroupAssociation, "endpoints-on-s3", {
            vpcEndpointId: "vpce-30",
            securityGroupId: OWN_SG,
            replaceDefaultAssociation: true,
        }),
    ];
    const added = alter(replaced, "endpoints-on-s3", T.securityGroupAssociation, (i) => {
        delete i.replaceDefaultAssociation;
    });
    policyCases(s3EndpointDedicatedSecurityGroup, {
        pass: [
            {
                title: "awsx specs with the endpoint's own group",
                resources: [
                    awsxWithSpecs([{ serviceName: S3, vpcEndpointType: "Interface", securityGroupIds: [OWN_SG] }]),
                ],
            },
            {
                title: "awsx specs of a gateway endpoint only (no group to judge)",
                resources: [awsxWithSpecs([{ serviceName: S3 }])],
            },
            { title: "deployed awsx endpoint whose default group an association replaced", resources: replaced },
            {
                title: "awsx spec whose group an association may add once the child exists (preview)",
                resources: [
                    noGroup,
                    res(aws.ec2.SecurityGroupAssociation, "endpoints-on-s3", {
                        vpcEndpointId: UNKNOWN_SENTINEL,
                        securityGroupId: OWN_SG,
                        replaceDefaultAssociation: true,
                    }),
                ],
            },
        ],
        fail: [
            {
                title: "awsx spec without securityGroupIds (preview: the component alone)",
                resources: [noGroup],
                expect: [
                    violation(
                        s3EndpointDedicatedSecurityGroup,
                        noGroup,
                        `Interface endpoint lake-vpc vpcEndpointSpecs[0] (${S3}) names no security group, so AWS attaches the VPC's default one.`,
                    ),
                ],
            },
            {
                title: "awsx spec naming the VPC's default group",
                resources: [onDefault],
                expect: [
                    violation(
                        s3EndpointDedicatedSecurityGroup,
                        onDefault,
                        `Interface endpoint lake-vpc vpcEndpointSpecs[1] (${MRAP}) uses the VPC's default security group ${DEFAULT_SG}.`,
                    ),
                ],
            },
            {
                title: "deployed awsx child endpoint on the default group (the specs are not read twice)",
                resources: deployedOnDefault,
                expect: [
                    violation(
                        s3EndpointDedicatedSecurityGroup,
                        find(deployedOnDefault, "lake-vpc-0", T.vpcEndpoint),
                        `Interface endpoint lake-vpc-0 (${S3}) uses the VPC's default security group ${DEFAULT_SG}.`,
                    ),
                ],
            },
            {
                title: "an association that adds a group without replacing the default one",
                resources: added,
                expect: [
                    violation(
                        s3EndpointDedicatedSecurityGroup,
                        find(added, "lake-vpc-0", T.vpcEndpoint),
                        `Interface endpoint lake-vpc-0 (${S3}) uses the VPC's default security group ${DEFAULT_SG}.`,
                    ),
                ],
            },
        ],
    });
}

{
    const tokyo = tokyoStack();
    const endpointSg = "sg-0e1d2c3b4a5968778";
    const vpnOnEndpointsGroup = alter(
        tokyo,
        "client-vpn",
        T.clientVpnEndpoint,
        (i) => (i.securityGroupIds = [endpointSg]),
    );
    const lambdaInGroup = [
        ...tokyo,
        res(aws.lambda.Function, "reader", {
            role: "arn:aws:iam::111111111111:role/reader",
            vpcConfig: { subnetIds: ["subnet-0aaa1111bbbb2222c"], securityGroupIds: [endpointSg] },
        }),
    ];
    const vpnMessage = (endpoint: string) =>
        `Security group ${endpointSg} of interface endpoint ${endpoint} is also attached to client-vpn (${T.clientVpnEndpoint}).`;
    policyCases(s3EndpointSecurityGroupNotShared, {
        pass: [
            { title: "tokyo: the endpoints' group and the Client VPN's are separate", resources: tokyo },
            {
                title: "a group shared by the S3 and MRAP endpoints only",
                resources: tokyo.filter((r) => r.type !== T.clientVpnEndpoint),
            },
        ],
        fail: [
            {
                title: "the Client VPN endpoint on the endpoints' group",
                resources: vpnOnEndpointsGroup,
                expect: [
                    violation(
                        s3EndpointSecurityGroupNotShared,
                        find(vpnOnEndpointsGroup, "network-s3-interface", T.vpcEndpoint),
                        vpnMessage("network-s3-interface"),
                    ),
                    violation(
                        s3EndpointSecurityGroupNotShared,
                        find(vpnOnEndpointsGroup, "network-mrap-interface", T.vpcEndpoint),
                        vpnMessage("network-mrap-interface"),
                    ),
                ],
            },
            {
                title: "a function in the endpoints' group (vpcConfig.securityGroupIds)",
                resources: lambdaInGroup,
                expect: ["network-s3-interface", "network-mrap-interface"].map((e) =>
                    violation(
                        s3EndpointSecurityGroupNotShared,
                        find(lambdaInGroup, e, T.vpcEndpoint),
                        `Security group ${endpointSg} of interface endpoint ${e} is also attached to reader (aws:lambda/function:Function).`,
                    ),
                ),
            },
        ],
    });
}

{
    const tokyo = tokyoStack();
    const cvpn = (dns: string[] | undefined) =>
        alter(tokyo, "client-vpn", T.clientVpnEndpoint, (i) => {
            if (dns) i.dnsServers = dns;
            else delete i.dnsServers;
        });
    // The VPC as a plain aws.ec2.Vpc with a secondary CIDR block, instead of tokyo's awsx component.
    const plainVpc = (dns: string[]): PolicyInputResource[] => [
        ...alter(tokyo, "client-vpn", T.clientVpnEndpoint, (i) => (i.dnsServers = dns)).filter(
            (r) => r.type !== T.awsxVpc,
        ),
        res(aws.ec2.Vpc, "vpc", { cidrBlock: "10.0.0.0/16" }, { id: "vpc-0a1b2c3d4e5f60718" }),
        res(aws.ec2.VpcIpv4CidrBlockAssociation, "vpc-secondary", {
            vpcId: "vpc-0a1b2c3d4e5f60718",
            cidrBlock: "100.64.0.0/16",
        }),
        // Another VPC of the stack, whose resolver is not the one the VPN's clients can use.
        res(aws.ec2.Vpc, "other-vpc", { cidrBlock: "10.9.0.0/16" }, { id: "vpc-09" }),
    ];
    const secondary = plainVpc(["100.64.0.2"]);
    const otherVpc = plainVpc(["10.9.0.2"]);
    const extra = cvpn(["10.0.0.2", "10.0.0.3"]);
    policyCases(clientVpnDnsResolver, {
        pass: [
            { title: "aws.ec2.Vpc with a secondary CIDR: the primary's base + 2", resources: plainVpc(["10.0.0.2"]) },
            { title: "DNS not known yet (preview)", resources: cvpn([UNKNOWN_SENTINEL]) },
        ],
        fail: [
            {
                title: "the base + 2 of a secondary CIDR block",
                resources: secondary,
                expect: [
                    violation(
                        clientVpnDnsResolver,
                        find(secondary, "client-vpn", T.clientVpnEndpoint),
                        'Client VPN endpoint client-vpn uses DNS ["100.64.0.2"]; the resolver of VPC vpc-0a1b2c3d4e5f60718 (10.0.0.0/16) is 10.0.0.2 (100.64.0.2 is in the secondary CIDR block 100.64.0.0/16, where no resolver answers).',
                    ),
                ],
            },
            {
                title: "the resolver of another VPC",
                resources: otherVpc,
                expect: [
                    violation(
                        clientVpnDnsResolver,
                        find(otherVpc, "client-vpn", T.clientVpnEndpoint),
                        'Client VPN endpoint client-vpn uses DNS ["10.9.0.2"]; the resolver of VPC vpc-0a1b2c3d4e5f60718 (10.0.0.0/16) is 10.0.0.2.',
                    ),
                ],
            },
            {
                title: "the resolver and an extra in-VPC address",
                resources: extra,
                expect: [
                    violation(
                        clientVpnDnsResolver,
                        find(extra, "client-vpn", T.clientVpnEndpoint),
                        'Client VPN endpoint client-vpn uses DNS ["10.0.0.2","10.0.0.3"]; the resolver of VPC vpc-0a1b2c3d4e5f60718 (10.0.0.0/16) is 10.0.0.2.',
                    ),
                ],
            },
        ],
    });
}
