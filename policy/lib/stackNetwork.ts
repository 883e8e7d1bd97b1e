// Network facts in a stack: VPC CIDRs, subnets to VPCs, default security groups, ingress rules however declared.

import type { StackView } from "./stack";
import { T } from "./types";
import { Plain, PlainObject, UNKNOWN, Unknown, get, isObject, list, str, strings } from "./values";

/**
 * Primary CIDR of each VPC of the stack, by VPC id. `awsx:ec2:Vpc` is a component: under mocks its
 * `aws:ec2/vpc:Vpc` child does not exist, so its own `cidrBlock` input (awsx default 10.0.0.0/16) is used.
 */
export function vpcCidrs(view: StackView): Map<string, string | Unknown> {
    const out = new Map<string, string | Unknown>();
    for (const v of view.ofType(T.vpc)) {
        const id = str(v.props["id"]);
        if (typeof id === "string") out.set(id, str(v.props["cidrBlock"]) ?? UNKNOWN);
    }
    for (const v of view.ofType(T.awsxVpc)) {
        const id = str(v.props["vpcId"]);
        if (typeof id === "string" && !out.has(id)) out.set(id, str(v.props["cidrBlock"]) ?? "10.0.0.0/16");
    }
    return out;
}

/** VPC id of each subnet of the stack, by subnet id. */
export function subnetVpcs(view: StackView): Map<string, string | Unknown> {
    const out = new Map<string, string | Unknown>();
    for (const s of view.ofType(T.subnet)) {
        const id = str(s.props["id"]);
        if (typeof id === "string") out.set(id, str(s.props["vpcId"]) ?? UNKNOWN);
    }
    for (const v of view.ofType(T.awsxVpc)) {
        const vpcId = str(v.props["vpcId"]) ?? UNKNOWN;
        for (const key of ["privateSubnetIds", "publicSubnetIds", "isolatedSubnetIds"]) {
            for (const id of strings(v.props[key]).values) if (!out.has(id)) out.set(id, vpcId);
        }
    }
    return out;
}

/** Ids of VPC default security groups known to the stack. */
export function defaultSecurityGroupIds(view: StackView): Set<string> {
    const out = new Set<string>();
    for (const sg of view.ofType(T.defaultSecurityGroup)) {
        const id = str(sg.props["id"]);
        if (typeof id === "string") out.add(id);
    }
    for (const v of view.ofType(T.vpc)) {
        const id = str(v.props["defaultSecurityGroupId"]);
        if (typeof id === "string") out.add(id);
    }
    // awsx.ec2.Vpc exposes its aws.ec2.Vpc as the `vpc` output; under mocks (and in a preview) that
    // child resource does not exist on its own, so its default group is only known from here.
    for (const v of view.ofType(T.awsxVpc)) {
        const id = str(get(v.props["vpc"], "defaultSecurityGroupId"));
        if (typeof id === "string") out.add(id);
    }
    return out;
}

/** Ingress rules of a security group, from the group's inline rules and from standalone rule resources. */
export function ingressRules(view: StackView, securityGroupId: string): IngressRule[] {
    const out: IngressRule[] = [];
    for (const sg of view.ofType(T.securityGroup, T.defaultSecurityGroup)) {
        if (str(sg.props["id"]) !== securityGroupId) continue;
        const ingress = list(sg.props["ingress"]);
        if (ingress === UNKNOWN) {
            out.push({ urn: sg.urn, unknown: true, protocol: "", fromPort: 0, toPort: 0, cidrs: [] });
            continue;
        }
        for (const rule of ingress ?? [])
            out.push(ruleFrom(sg.urn, rule, "protocol", ["cidrBlocks", "ipv6CidrBlocks"]));
    }
    for (const r of view.ofType(T.ingressRule)) {
        if (str(r.props["securityGroupId"]) === securityGroupId)
            out.push(ruleFrom(r.urn, r.props, "ipProtocol", ["cidrIpv4", "cidrIpv6"]));
    }
    for (const r of view.ofType(T.securityGroupRule)) {
        if (str(r.props["securityGroupId"]) === securityGroupId && str(r.props["type"]) === "ingress") {
            out.push(ruleFrom(r.urn, r.props, "protocol", ["cidrBlocks", "ipv6CidrBlocks"]));
        }
    }
    return out;
}

export interface IngressRule {
    urn: string;
    /** True when the rule's protocol, ports or sources are not known yet. */
    unknown: boolean;
    protocol: string;
    fromPort: number;
    toPort: number;
    cidrs: string[];
}

function ruleFrom(urn: string, rule: Plain, protocolKey: string, cidrKeys: string[]): IngressRule {
    const r: PlainObject = isObject(rule) ? rule : {};
    const protocol = str(r[protocolKey]);
    const from = r["fromPort"];
    const to = r["toPort"];
    let unknown = protocol === UNKNOWN || from === UNKNOWN || to === UNKNOWN;
    const cidrs: string[] = [];
    for (const key of cidrKeys) {
        const s = strings(r[key]);
        if (s.unknown) unknown = true;
        cidrs.push(...s.values);
    }
    return {
        urn,
        unknown,
        protocol: typeof protocol === "string" ? protocol.toLowerCase() : "",
        fromPort: typeof from === "number" ? from : 0,
        toPort: typeof to === "number" ? to : 0,
        cidrs,
    };
}

/** Whether a rule admits TCP port `port` (protocol `-1`/`all` admits every port, whatever the port fields say). */
export function ruleAdmitsTcpPort(rule: IngressRule, port: number): boolean {
    if (rule.protocol === "-1" || rule.protocol === "all") return true;
    if (rule.protocol !== "tcp" && rule.protocol !== "6") return false;
    return rule.fromPort <= port && port <= rule.toPort;
}
