// The network of a stack as the pack reads it: subnets to VPCs, default groups, and ingress rules however declared.

import * as assert from "node:assert/strict";

import { StackView } from "../lib/stack";
import {
    IngressRule,
    defaultSecurityGroupIds,
    ingressRules,
    ruleAdmitsTcpPort,
    subnetVpcs,
    vpcCidrs,
} from "../lib/stackNetwork";
import { T } from "../lib/types";
import { UNKNOWN, UNKNOWN_SENTINEL } from "../lib/values";

function view(...resources: { type: string; name: string; props: Record<string, unknown> }[]): StackView {
    return new StackView({
        resources: resources.map((r) => ({ ...r, urn: `urn:pulumi:test::p::${r.type}::${r.name}`, dependencies: [] })),
    } as never);
}

describe("lib: subnets and default groups of a stack", () => {
    it("maps known subnet ids to their VPC, an awsx VPC's subnets to its id, and skips subnets not created yet", () => {
        const v = view(
            { type: T.subnet, name: "later", props: { id: UNKNOWN_SENTINEL, vpcId: "vpc-1" } },
            { type: T.subnet, name: "a", props: { id: "subnet-a", vpcId: "vpc-1" } },
            { type: T.subnet, name: "b", props: { id: "subnet-b" } },
            { type: T.awsxVpc, name: "vpc", props: { vpcId: "vpc-2", privateSubnetIds: ["subnet-c"] } },
            { type: T.awsxVpc, name: "new", props: { isolatedSubnetIds: ["subnet-d"] } },
        );
        assert.deepEqual(
            [...subnetVpcs(v)],
            [
                ["subnet-a", "vpc-1"],
                ["subnet-b", UNKNOWN],
                ["subnet-c", "vpc-2"],
                ["subnet-d", UNKNOWN],
            ],
        );
    });

    it("takes a subnet resource's VPC before an awsx VPC that lists the same subnet", () => {
        const v = view(
            { type: T.subnet, name: "a", props: { id: "subnet-a", vpcId: "vpc-1" } },
            { type: T.awsxVpc, name: "vpc", props: { vpcId: "vpc-2", publicSubnetIds: ["subnet-a", "subnet-e"] } },
        );
        assert.deepEqual(
            [...subnetVpcs(v)],
            [
                ["subnet-a", "vpc-1"],
                ["subnet-e", "vpc-2"],
            ],
        );
    });

    it("reads each VPC's primary CIDR, a VPC resource before an awsx VPC of the same id, awsx's default when unset", () => {
        const v = view(
            { type: T.vpc, name: "v", props: { id: "vpc-1", cidrBlock: "10.1.0.0/16" } },
            { type: T.vpc, name: "w", props: { id: "vpc-3" } },
            { type: T.vpc, name: "later", props: { id: UNKNOWN_SENTINEL, cidrBlock: "10.7.0.0/16" } },
            { type: T.awsxVpc, name: "same", props: { vpcId: "vpc-1", cidrBlock: "10.9.0.0/16" } },
            { type: T.awsxVpc, name: "plain", props: { vpcId: "vpc-2" } },
            { type: T.awsxVpc, name: "own", props: { vpcId: "vpc-4", cidrBlock: "10.4.0.0/16" } },
            { type: T.awsxVpc, name: "new", props: { vpcId: UNKNOWN_SENTINEL } },
        );
        assert.deepEqual(
            [...vpcCidrs(v)],
            [
                ["vpc-1", "10.1.0.0/16"],
                ["vpc-3", UNKNOWN],
                ["vpc-2", "10.0.0.0/16"],
                ["vpc-4", "10.4.0.0/16"],
            ],
        );
    });

    it("knows only the default group ids that are known", () => {
        const v = view(
            { type: T.defaultSecurityGroup, name: "d", props: { id: UNKNOWN_SENTINEL } },
            { type: T.defaultSecurityGroup, name: "e", props: { id: "sg-default" } },
            { type: T.vpc, name: "v", props: { defaultSecurityGroupId: "sg-vpc" } },
            { type: T.awsxVpc, name: "a", props: { vpc: { defaultSecurityGroupId: "sg-awsx" } } },
            { type: T.awsxVpc, name: "b", props: { vpc: { defaultSecurityGroupId: UNKNOWN_SENTINEL } } },
        );
        assert.deepEqual([...defaultSecurityGroupIds(v)], ["sg-default", "sg-vpc", "sg-awsx"]);
    });
});

describe("lib: ingress rules of a security group", () => {
    const rule = (name: string, props: Record<string, unknown>) => ({
        type: T.securityGroupRule,
        name,
        props: { securityGroupId: "sg-a", type: "ingress", protocol: "tcp", fromPort: 443, toPort: 443, ...props },
    });
    const read = (v: StackView) =>
        ingressRules(v, "sg-a").map((r) => ({ name: r.urn.split("::").pop(), unknown: r.unknown, cidrs: r.cidrs }));

    it("reads SecurityGroupRule ingress of the group, not its egress nor another group's", () => {
        const v = view(
            rule("in", { cidrBlocks: ["10.0.0.0/16"] }),
            rule("out", { type: "egress", cidrBlocks: ["0.0.0.0/0"] }),
            rule("other", { securityGroupId: "sg-b", cidrBlocks: ["0.0.0.0/0"] }),
        );
        assert.deepEqual(read(v), [{ name: "in", unknown: false, cidrs: ["10.0.0.0/16"] }]);
        assert.equal(ingressRules(v, "sg-a")[0].fromPort, 443);
    });

    it("is not known while its protocol, either port or its sources are not", () => {
        const v = view(
            rule("protocol", { protocol: UNKNOWN_SENTINEL }),
            rule("from", { fromPort: UNKNOWN_SENTINEL }),
            rule("to", { toPort: UNKNOWN_SENTINEL }),
            rule("sources", { cidrBlocks: UNKNOWN_SENTINEL }),
        );
        assert.deepEqual(
            read(v).map((r) => [r.name, r.unknown]),
            [
                ["protocol", true],
                ["from", true],
                ["to", true],
                ["sources", true],
            ],
        );
    });

    it("reads a group's inline rules and its standalone ingress rules, lower-casing the protocol", () => {
        const v = view(
            {
                type: T.securityGroup,
                name: "inline",
                props: {
                    id: "sg-a",
                    ingress: [
                        {
                            protocol: "TCP",
                            fromPort: 443,
                            toPort: 443,
                            cidrBlocks: ["10.0.0.0/16"],
                            ipv6CidrBlocks: ["::/0"],
                        },
                        { protocol: "-1" },
                    ],
                },
            },
            {
                type: T.securityGroup,
                name: "another",
                props: { id: "sg-b", ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22 }] },
            },
            {
                type: T.ingressRule,
                name: "standalone",
                props: {
                    securityGroupId: "sg-a",
                    ipProtocol: "tcp",
                    fromPort: 80,
                    toPort: 80,
                    cidrIpv4: "10.1.0.0/16",
                    cidrIpv6: "::/0",
                },
            },
            { type: T.ingressRule, name: "elsewhere", props: { securityGroupId: "sg-b", ipProtocol: "-1" } },
        );
        const rules = ingressRules(v, "sg-a").map(({ urn, ...r }) => ({ name: urn.split("::").pop(), ...r }));
        assert.deepEqual(rules, [
            {
                name: "inline",
                unknown: false,
                protocol: "tcp",
                fromPort: 443,
                toPort: 443,
                cidrs: ["10.0.0.0/16", "::/0"],
            },
            { name: "inline", unknown: false, protocol: "-1", fromPort: 0, toPort: 0, cidrs: [] },
            {
                name: "standalone",
                unknown: false,
                protocol: "tcp",
                fromPort: 80,
                toPort: 80,
                cidrs: ["10.1.0.0/16", "::/0"],
            },
        ]);
    });

    it("has one rule not known while a group's inline rule list is not known", () => {
        const v = view({ type: T.defaultSecurityGroup, name: "d", props: { id: "sg-a", ingress: UNKNOWN_SENTINEL } });
        assert.deepEqual(
            ingressRules(v, "sg-a").map(({ urn: _urn, ...r }) => r),
            [{ unknown: true, protocol: "", fromPort: 0, toPort: 0, cidrs: [] }],
        );
    });

    it("admits a TCP port inside the rule's range only, and every port for all protocols; no other protocol", () => {
        const r = (protocol: string, fromPort = 443, toPort = 444): IngressRule => ({
            urn: "u",
            unknown: false,
            protocol,
            fromPort,
            toPort,
            cidrs: [],
        });
        assert.deepEqual(
            [442, 443, 444, 445].map((p) => ruleAdmitsTcpPort(r("tcp"), p)),
            [false, true, true, false],
        );
        assert.equal(ruleAdmitsTcpPort(r("6"), 443), true);
        assert.equal(ruleAdmitsTcpPort(r("udp"), 443), false);
        assert.equal(ruleAdmitsTcpPort(r("17"), 443), false);
        assert.equal(ruleAdmitsTcpPort(r("-1", 0, 0), 443), true);
        assert.equal(ruleAdmitsTcpPort(r("all", 0, 0), 443), true);
    });
});
