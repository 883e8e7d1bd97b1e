// The S3 interface endpoints of a stack with their security groups, and the other users of a group.

import * as assert from "node:assert/strict";

import { otherUsersOf, s3InterfaceEndpoints } from "../lib/endpoints";
import { StackView } from "../lib/stack";
import { T } from "../lib/types";
import { UNKNOWN_SENTINEL } from "../lib/values";

const S3 = "com.amazonaws.ap-northeast-1.s3";
const STS = "com.amazonaws.ap-northeast-1.sts";

function view(...resources: { type: string; name: string; props: Record<string, unknown> }[]): StackView {
    return new StackView({
        resources: resources.map((r) => ({ ...r, urn: `urn:pulumi:test::p::${r.type}::${r.name}`, dependencies: [] })),
    } as never);
}
const endpoint = (name: string, serviceName: unknown, extra: Record<string, unknown> = {}) => ({
    type: T.vpcEndpoint,
    name,
    props: { serviceName, vpcEndpointType: "Interface", ...extra },
});
const assoc = (name: string, props: Record<string, unknown>) => ({ type: T.securityGroupAssociation, name, props });

describe("lib: S3 interface endpoints", () => {
    it("lists S3 interface endpoints only, and passes over one whose service is not known", () => {
        const v = view(endpoint("s3", S3), endpoint("sts", STS), endpoint("later", UNKNOWN_SENTINEL));
        assert.deepEqual(
            s3InterfaceEndpoints(v).map((e) => e.label),
            ["s3"],
        );
    });

    it("adds each associated group once, and no group an association does not name", () => {
        const v = view(
            endpoint("s3", S3, { id: "vpce-1", securityGroupIds: ["sg-a"] }),
            assoc("again", { vpcEndpointId: "vpce-1", securityGroupId: "sg-a" }),
            assoc("none", { vpcEndpointId: "vpce-1" }),
            assoc("more", { vpcEndpointId: "vpce-1", securityGroupId: "sg-b" }),
        );
        const [ep] = s3InterfaceEndpoints(v);
        assert.deepEqual(
            { groups: ep.groups, unknown: ep.unknown, replacesDefault: ep.replacesDefault },
            { groups: ["sg-a", "sg-b"], unknown: false, replacesDefault: false },
        );
    });

    it("reads an awsx VPC's endpoint specs, passing over entries that are not objects", () => {
        const v = view({
            type: T.awsxVpc,
            name: "vpc",
            props: {
                vpcEndpointSpecs: [null, { serviceName: S3, vpcEndpointType: "Interface", securityGroupIds: ["sg-a"] }],
            },
        });
        assert.deepEqual(
            s3InterfaceEndpoints(v).map((e) => ({ label: e.label, groups: e.groups })),
            [{ label: "vpc vpcEndpointSpecs[1]", groups: ["sg-a"] }],
        );
    });

    it("is not known while an association's endpoint or group is not, and says when one replaces the default group", () => {
        const read = (...more: { type: string; name: string; props: Record<string, unknown> }[]) => {
            const [ep] = s3InterfaceEndpoints(
                view(endpoint("s3", S3, { id: "vpce-1", securityGroupIds: ["sg-a"] }), ...more),
            );
            return { groups: ep.groups, unknown: ep.unknown, replacesDefault: ep.replacesDefault };
        };
        assert.deepEqual(read(assoc("later", { vpcEndpointId: UNKNOWN_SENTINEL, securityGroupId: "sg-b" })), {
            groups: ["sg-a"],
            unknown: true,
            replacesDefault: false,
        });
        assert.deepEqual(read(assoc("sg", { vpcEndpointId: "vpce-1", securityGroupId: UNKNOWN_SENTINEL })), {
            groups: ["sg-a"],
            unknown: true,
            replacesDefault: false,
        });
        assert.deepEqual(read(assoc("other", { vpcEndpointId: "vpce-2", securityGroupId: UNKNOWN_SENTINEL })), {
            groups: ["sg-a"],
            unknown: false,
            replacesDefault: false,
        });
        assert.deepEqual(
            read(assoc("swap", { vpcEndpointId: "vpce-1", securityGroupId: "sg-b", replaceDefaultAssociation: true })),
            { groups: ["sg-a", "sg-b"], unknown: false, replacesDefault: true },
        );
    });

    it("reads an awsx VPC's interface specs only while it has no endpoint children, and not known while a target is not", () => {
        const spec = (extra: Record<string, unknown>) => ({ serviceName: S3, vpcEndpointType: "Interface", ...extra });
        const awsx = (name: string, vpcEndpointSpecs: unknown) => ({
            type: T.awsxVpc,
            name,
            props: { vpcEndpointSpecs },
        });
        const read = (v: StackView) => s3InterfaceEndpoints(v).map((e) => [e.label, e.groups, e.unknown]);
        assert.deepEqual(
            read(
                view(
                    awsx("vpc", [
                        spec({ vpcEndpointType: "Gateway" }),
                        spec({ serviceName: STS }),
                        spec({ securityGroupIds: UNKNOWN_SENTINEL }),
                    ]),
                ),
            ),
            [["vpc vpcEndpointSpecs[2]", [], true]],
        );
        assert.deepEqual(read(view(awsx("vpc", UNKNOWN_SENTINEL), awsx("none", undefined))), []);
        assert.deepEqual(
            read(
                view(
                    awsx("vpc", [spec({ securityGroupIds: ["sg-a"] })]),
                    assoc("later", { vpcEndpointId: UNKNOWN_SENTINEL }),
                ),
            ),
            [["vpc vpcEndpointSpecs[0]", ["sg-a"], true]],
        );
        const withChild = new StackView({
            resources: [
                {
                    type: T.awsxVpc,
                    name: "vpc",
                    urn: "urn:vpc",
                    props: { vpcEndpointSpecs: [spec({})] },
                    dependencies: [],
                },
                {
                    type: T.vpcEndpoint,
                    name: "vpc-s3",
                    urn: "urn:child",
                    parent: { urn: "urn:vpc" },
                    props: { serviceName: S3, vpcEndpointType: "Interface", securityGroupIds: ["sg-c"] },
                    dependencies: [],
                },
            ],
        } as never);
        assert.deepEqual(read(withChild), [["vpc-s3", ["sg-c"], false]]);
    });
});

describe("lib: other users of a security group", () => {
    it("counts every resource that lists the group but the S3 endpoints themselves", () => {
        const v = view(
            endpoint("s3", S3, { securityGroupIds: ["sg-a"] }),
            endpoint("s3-other", S3, { vpcEndpointType: "Gateway", securityGroupIds: ["sg-a"] }),
            endpoint("sts", STS, { securityGroupIds: ["sg-a"] }),
            {
                type: "aws:ec2/instance:Instance",
                name: "box",
                props: { vpcSecurityGroupIds: ["sg-a"], serviceName: S3 },
            },
            { type: "aws:lambda/function:Function", name: "fn", props: { vpcConfig: { securityGroupIds: ["sg-a"] } } },
            { type: "aws:lb/loadBalancer:LoadBalancer", name: "lb", props: { securityGroups: ["sg-a"] } },
            endpoint("later", UNKNOWN_SENTINEL, { securityGroupIds: ["sg-a"] }),
            assoc("assoc", { vpcEndpointId: "vpce-1", securityGroupId: "sg-a" }),
            {
                type: "aws:lambda/function:Function",
                name: "elsewhere",
                props: { vpcConfig: { securityGroupIds: ["sg-b"] } },
            },
        );
        const users = otherUsersOf(v, "sg-a", s3InterfaceEndpoints(v));
        assert.deepEqual(
            users.map((r) => r.name),
            ["sts", "box", "fn", "lb", "later"],
        );
    });
});
