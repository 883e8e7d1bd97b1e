// Private-access network policies: S3 interface endpoint security groups, Client VPN DNS and connection logging.

import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";

import { isWorldCidr, vpcResolverAddress } from "../lib/cidr";
import { forTypes } from "../lib/check";
import { otherUsersOf, s3InterfaceEndpoints } from "../lib/endpoints";
import { StackResource, StackView, ruleAdmitsTcpPort } from "../lib/stack";
import { T } from "../lib/types";
import { UNKNOWN, bool, get, str, strings } from "../lib/values";

export const s3EndpointDedicatedSecurityGroup: StackValidationPolicy = {
    name: "vpc-s3-endpoint-dedicated-security-group",
    description:
        "An S3 interface endpoint (com.amazonaws.<region>.s3 or com.amazonaws.s3-global.accesspoint) has its own security " +
        "groups and never the VPC's default security group. An endpoint created without securityGroupIds gets the default group, " +
        "whose only inbound rule admits members of the group itself, so clients over Client VPN or Direct Connect time out " +
        "without any error. Endpoints declared in an awsx.ec2.Vpc's vpcEndpointSpecs are checked too (as the component's " +
        "child endpoints once deployed, as its specs in a preview); a spec cannot name a group of the VPC being created, so it " +
        "gets the default group unless a SecurityGroupAssociation with replaceDefaultAssociation replaces it. " +
        "Mandatory: the private path does not work and nothing says why. Fix: create a security group allowing TCP 443 from " +
        "the VPC CIDR and the VPN client CIDR, and pass it in securityGroupIds (for an awsx spec, attach it with " +
        "aws.ec2.SecurityGroupAssociation {vpcEndpointId, securityGroupId, replaceDefaultAssociation: true}).",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const view = new StackView(args);
        const endpoints = s3InterfaceEndpoints(view);
        if (endpoints.length === 0) args.notApplicable("No S3 interface endpoint in this stack");
        const defaults = view.defaultSecurityGroupIds();
        for (const { resource, label, service, groups, unknown, replacesDefault } of endpoints) {
            const onDefault = replacesDefault ? [] : groups.filter((g) => defaults.has(g));
            if (onDefault.length > 0) {
                report(
                    `Interface endpoint ${label} (${service}) uses the VPC's default security group ${onDefault.join(", ")}.`,
                    resource.urn,
                );
            } else if (groups.length === 0 && !unknown) {
                report(
                    `Interface endpoint ${label} (${service}) names no security group, so AWS attaches the VPC's default one.`,
                    resource.urn,
                );
            }
        }
    },
};

export const s3EndpointNoPublicHttps: StackValidationPolicy = {
    name: "vpc-s3-endpoint-no-public-https",
    description:
        "No security group of an S3 interface endpoint admits TCP 443 (or all traffic) from 0.0.0.0/0 or ::/0. The endpoint is a " +
        "private path into S3 for the VPC and VPN clients; a world-open rule lets anything that can route to the VPC (peered VPCs, " +
        "other VPN users, transit gateways) use it and its endpoint policy becomes the only guard. Mandatory: the private " +
        "path is open to networks it was never meant for. " +
        "Fix: admit 443 from the VPC CIDR and the Client VPN client CIDR only.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const view = new StackView(args);
        const endpoints = s3InterfaceEndpoints(view);
        if (endpoints.length === 0) args.notApplicable("No S3 interface endpoint in this stack");
        const reported = new Set<string>();
        for (const { label, groups } of endpoints) {
            for (const sg of groups) {
                for (const rule of view.ingressRules(sg)) {
                    if (rule.unknown || reported.has(rule.urn) || !ruleAdmitsTcpPort(rule, 443)) continue;
                    const world = rule.cidrs.filter(isWorldCidr);
                    if (world.length === 0) continue;
                    reported.add(rule.urn);
                    report(
                        `Security group ${sg} of interface endpoint ${label} admits port 443 from ${world.join(", ")}.`,
                        rule.urn,
                    );
                }
            }
        }
    },
};

export const s3EndpointSecurityGroupNotShared: StackValidationPolicy = {
    name: "vpc-s3-endpoint-security-group-not-shared",
    description:
        "The security group of an S3 or MRAP interface endpoint is attached to nothing else: not to the Client VPN endpoint, " +
        "instances, functions or endpoints of other services. Its inbound rules are written for the endpoints (TCP 443 from " +
        "the VPC and the VPN client CIDR); a rule added later for another member opens the endpoints to traffic they were " +
        "never meant for, and a rule tightened for the endpoints cuts the other member off (the private-access report's " +
        "timeouts came from a group nobody had written for the endpoints). Advisory, because a shared group works until " +
        "someone edits it for one of its members. Fix: give the interface endpoints a security group of their own, and the " +
        "Client VPN and every other resource another.",
    enforcementLevel: "advisory",
    validateStack: (args, report) => {
        const view = new StackView(args);
        const endpoints = s3InterfaceEndpoints(view);
        if (endpoints.length === 0) args.notApplicable("No S3 interface endpoint in this stack");
        const defaults = view.defaultSecurityGroupIds();
        for (const { resource, label, groups } of endpoints) {
            for (const sg of groups) {
                // The default group is shared by definition: vpc-s3-endpoint-dedicated-security-group refuses it.
                if (defaults.has(sg)) continue;
                const others = otherUsersOf(view, sg, endpoints);
                if (others.length > 0)
                    report(
                        `Security group ${sg} of interface endpoint ${label} is also attached to ${others.map((o) => `${o.name} (${o.type})`).join(", ")}.`,
                        resource.urn,
                    );
            }
        }
    },
};

export const clientVpnDnsResolver: StackValidationPolicy = {
    name: "client-vpn-dns-vpc-resolver",
    description:
        "A Client VPN endpoint's dnsServers is exactly the VPC resolver, the base address of the PRIMARY CIDR of the VPC it " +
        "serves plus two (10.0.0.0/16 -> 10.0.0.2; a secondary CIDR block has no resolver). The VPC is the endpoint's vpcId, " +
        "else the VPC of its associated subnets; an aws.ec2.Vpc or an awsx.ec2.Vpc (cidrBlock, default 10.0.0.0/16). A second " +
        "server (a public one) lets clients resolve the endpoint names publicly whenever they ask it first. With no DNS server " +
        "(clients keep their own), a public one, or a typed address such as 10.0.0.1, VPN clients cannot " +
        "resolve the interface endpoints' private DNS names and S3 traffic leaves the tunnel or fails. Mandatory: data " +
        "leaves the private path without any error. " +
        "Fix: compute dnsServers from the VPC CIDR (base + 2) instead of typing it.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const view = new StackView(args);
        const endpoints = view.ofType(T.clientVpnEndpoint);
        if (endpoints.length === 0) args.notApplicable("No Client VPN endpoint in this stack");
        const cidrs = view.vpcCidrs();
        const subnets = view.subnetVpcs();
        for (const ep of endpoints) {
            const dns = strings(ep.props["dnsServers"]);
            if (dns.unknown) continue;
            if (dns.values.length === 0) {
                report(
                    `Client VPN endpoint ${ep.name} sets no DNS servers, so clients keep their own resolver.`,
                    ep.urn,
                );
                continue;
            }
            const vpc = associatedVpc(view, ep, subnets);
            if (typeof vpc !== "string") continue;
            const cidr = cidrs.get(vpc);
            if (typeof cidr !== "string") continue;
            const resolver = vpcResolverAddress(cidr);
            if (resolver === undefined) continue;
            if (dns.values.length !== 1 || dns.values[0] !== resolver) {
                // A secondary CIDR block's base + 2 is an ordinary address, not a resolver: only the primary's is.
                const secondary = secondaryCidrs(view, vpc).find((c) =>
                    dns.values.includes(vpcResolverAddress(c) ?? ""),
                );
                const hint = secondary
                    ? ` (${vpcResolverAddress(secondary)} is in the secondary CIDR block ${secondary}, where no resolver answers)`
                    : "";
                report(
                    `Client VPN endpoint ${ep.name} uses DNS ${JSON.stringify(dns.values)}; the resolver of VPC ${vpc} (${cidr}) is ${resolver}${hint}.`,
                    ep.urn,
                );
            }
        }
    },
};

/** The secondary IPv4 CIDR blocks associated with a VPC (VpcIpv4CidrBlockAssociation). */
function secondaryCidrs(view: StackView, vpc: string): string[] {
    return view
        .ofType(T.vpcCidrAssociation)
        .filter((a) => str(a.props["vpcId"]) === vpc)
        .flatMap((a) => {
            const c = str(a.props["cidrBlock"]);
            return typeof c === "string" ? [c] : [];
        });
}

/** The VPC a Client VPN endpoint serves: its vpcId, else the VPC of its associated subnets. */
function associatedVpc(
    view: StackView,
    ep: StackResource,
    subnets: Map<string, string | typeof UNKNOWN>,
): string | typeof UNKNOWN | undefined {
    const own = str(ep.props["vpcId"]);
    if (own !== undefined) return own;
    const id = str(ep.props["id"]);
    if (typeof id !== "string") return UNKNOWN;
    for (const assoc of view.ofType(T.clientVpnAssociation)) {
        if (str(assoc.props["clientVpnEndpointId"]) !== id) continue;
        const subnet = str(assoc.props["subnetId"]);
        if (typeof subnet === "string" && subnets.has(subnet)) return subnets.get(subnet);
    }
    return undefined;
}

export const clientVpnConnectionLogging: ResourceValidationPolicy = {
    name: "client-vpn-connection-logging",
    description:
        "A Client VPN endpoint has connection logging enabled, with a CloudWatch Logs group. Without it there is no record of who " +
        "connected from where, nor of the connection failures that are the only clue when clients cannot reach the endpoints. " +
        "Mandatory: access to the private path would go unrecorded. " +
        "Fix: set connectionLogOptions = {enabled: true, cloudwatchLogGroup: <log group name>}.",
    enforcementLevel: "mandatory",
    validateResource: forTypes([T.clientVpnEndpoint], (r, report) => {
        const enabled = bool(get(r.props, "connectionLogOptions", "enabled"));
        if (enabled === UNKNOWN) return;
        if (enabled !== true) {
            report("Client VPN connection logging is not enabled.");
            return;
        }
        if (str(get(r.props, "connectionLogOptions", "cloudwatchLogGroup")) === undefined) {
            report("Client VPN connection logging is enabled without a cloudwatchLogGroup.");
        }
    }),
};

export const networkPolicies = [
    s3EndpointDedicatedSecurityGroup,
    s3EndpointNoPublicHttps,
    s3EndpointSecurityGroupNotShared,
    clientVpnDnsResolver,
    clientVpnConnectionLogging,
];
