// The network of a stack as the pack reads it: subnets to VPCs, default groups, and ingress rules however declared.

import * as assert from "node:assert/strict";

import { StackView } from "../lib/stack";
import { defaultSecurityGroupIds, ingressRules, subnetVpcs } from "../lib/stackNetwork";
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

    it("knows only the default group ids that are known", () => {
        const v = view(
            { type: T.defaultSecurityGroup, name: "d", props: { id: UNKNOWN_SENTINEL } },
            { type: T.vpc, name: "v", props: { defaultSecurityGroupId: "sg-vpc" } },
            { type: T.awsxVpc, name: "a", props: { vpc: { defaultSecurityGroupId: "sg-awsx" } } },
            { type: T.awsxVpc, name: "b", props: { vpc: { defaultSecurityGroupId: UNKNOWN_SENTINEL } } },
        );
        assert.deepEqual([...defaultSecurityGroupIds(v)], ["sg-vpc", "sg-awsx"]);
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
});
