// A stack as stack policies see it, with the relations they need: bucket-level resources to buckets, roles to permissions, subnets to VPCs.

import { StackValidationArgs } from "@pulumi/policy";

import { ParsedDocument, Statement, parsePolicyDocument } from "./iamDocument";
import { BUCKET_TYPES, T } from "./types";
import { Plain, PlainObject, UNKNOWN, Unknown, get, isObject, list, plainObject, str, strings } from "./values";

export interface StackResource {
    type: string;
    urn: string;
    name: string;
    /** Outputs, as the engine gives stack policies; unknowns are UNKNOWN. */
    props: PlainObject;
    dependencies: string[];
    providerProps?: PlainObject;
}

/** Resources attached to buckets by name. `unresolved` is true when some attachment's bucket is not known yet. */
export interface Attachments {
    byBucket: Map<string, StackResource[]>;
    unresolved: boolean;
}

/** Permissions gathered for a role. `complete` is false when some attached policy is unknown or not in this stack. */
export interface RolePermissions {
    statements: Statement[];
    complete: boolean;
}

/**
 * The bucket name in a bucket reference: a name, a bucket ARN, or an object ARN
 * (`arn:aws:s3:::name/key`). Access point and MRAP ARNs are not bucket references.
 */
export function bucketNameFromRef(ref: string): string | undefined {
    const m = /^arn:[^:]+:s3:::([^/]+)/.exec(ref);
    if (m) return m[1];
    if (/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(ref)) return ref;
    return undefined;
}

/** A bucket reference read from a property: a name, UNKNOWN, or undefined when absent or not a bucket. */
export function bucketRef(value: Plain | undefined): string | Unknown | undefined {
    const s = str(value);
    if (s === UNKNOWN || s === undefined) return s;
    return bucketNameFromRef(s);
}

export class StackView {
    readonly resources: StackResource[];

    constructor(args: StackValidationArgs) {
        this.resources = args.resources.map((r) => {
            const view: StackResource = {
                type: r.type,
                urn: r.urn,
                name: r.name,
                props: plainObject(r.props),
                dependencies: r.dependencies.map((d) => d.urn),
            };
            if (r.provider) view.providerProps = plainObject(r.provider.props);
            return view;
        });
    }

    ofType(...types: readonly string[]): StackResource[] {
        return this.resources.filter((r) => types.includes(r.type));
    }

    // ---- buckets -------------------------------------------------------------------------

    buckets(): StackResource[] {
        return this.ofType(...BUCKET_TYPES);
    }

    /** A bucket's name: its `bucket` property (v7 Bucket ids are the name too). */
    bucketName(bucket: StackResource): string | Unknown | undefined {
        const name = str(bucket.props["bucket"]);
        if (name !== undefined) return name;
        return str(bucket.props["id"]);
    }

    findBucket(name: string): StackResource | undefined {
        return this.buckets().find((b) => this.bucketName(b) === name);
    }

    /** Bucket-level resources of the given types, keyed by the bucket they configure (`bucket` property). */
    attachments(types: readonly string[]): Attachments {
        const byBucket = new Map<string, StackResource[]>();
        let unresolved = false;
        for (const r of this.ofType(...types)) {
            const name = bucketRef(r.props["bucket"]);
            if (name === UNKNOWN) {
                unresolved = true;
                continue;
            }
            if (name === undefined) continue;
            byBucket.set(name, [...(byBucket.get(name) ?? []), r]);
        }
        return { byBucket, unresolved };
    }

    // ---- IAM -----------------------------------------------------------------------------

    roles(): StackResource[] {
        return this.ofType(T.role);
    }

    /** The role an ARN names: by its `arn` output, else by name (the last path segment) when its ARN is not known. */
    roleByArn(arn: string): StackResource | undefined {
        const roles = this.roles();
        const exact = roles.find((r) => str(r.props["arn"]) === arn);
        if (exact) return exact;
        const m = /^arn:[^:]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn);
        if (!m) return undefined;
        return roles.find((r) => {
            if (str(r.props["name"]) !== m[2]) return false;
            const own = str(r.props["arn"]);
            return own === undefined || own === UNKNOWN || own.includes(`::${m[1]}:`);
        });
    }

    /** The role's trust policy, parsed. */
    trustPolicy(role: StackResource): ParsedDocument | Unknown | undefined {
        return parsePolicyDocument(role.props["assumeRolePolicy"]);
    }

    /**
     * Everything the role is allowed: inline policies, RolePolicy resources, and customer managed
     * policies of this stack attached to it. AWS managed policies are not in the stack, so a role
     * with one attached has `complete: false` and a check must not conclude a permission is missing.
     */
    rolePermissions(role: StackResource): RolePermissions {
        const statements: Statement[] = [];
        let complete = true;
        const add = (doc: Plain | undefined): void => {
            const parsed = parsePolicyDocument(doc);
            if (parsed === UNKNOWN) complete = false;
            else if (parsed !== undefined && parsed.ok) statements.push(...parsed.statements);
        };
        const roleName = str(role.props["name"]);
        const roleArn = str(role.props["arn"]);
        const roleId = str(role.props["id"]);
        const isThisRole = (v: Plain | undefined): boolean | Unknown => {
            const s = str(v);
            if (s === UNKNOWN) return UNKNOWN;
            return s !== undefined && (s === roleName || s === roleArn || s === roleId);
        };

        const inline = list(role.props["inlinePolicies"]);
        if (inline === UNKNOWN) complete = false;
        else for (const p of inline ?? []) add(get(p, "policy"));

        for (const rp of this.ofType(T.rolePolicy)) {
            const mine = isThisRole(rp.props["role"]);
            if (mine === UNKNOWN) complete = false;
            else if (mine) add(rp.props["policy"]);
        }

        const attachedArns: string[] = [];
        const managed = strings(role.props["managedPolicyArns"]);
        if (managed.unknown) complete = false;
        attachedArns.push(...managed.values);
        for (const att of this.ofType(T.rolePolicyAttachment)) {
            const mine = isThisRole(att.props["role"]);
            const arn = str(att.props["policyArn"]);
            if (mine === UNKNOWN) complete = false;
            else if (mine) {
                if (arn === UNKNOWN) complete = false;
                else if (arn !== undefined) attachedArns.push(arn);
            }
        }
        for (const att of this.ofType(T.policyAttachment)) {
            const roles = strings(att.props["roles"]);
            const arn = str(att.props["policyArn"]);
            if (roles.unknown) complete = false;
            if (roles.values.some((r) => isThisRole(r) === true)) {
                if (arn === UNKNOWN || arn === undefined) complete = false;
                else attachedArns.push(arn);
            }
        }
        for (const arn of attachedArns) {
            const policy = this.managedPolicy(arn);
            if (policy === undefined) complete = false;
            else add(policy.props["policy"]);
        }
        return { statements, complete };
    }

    private managedPolicy(arn: string): StackResource | undefined {
        const policies = this.ofType(T.iamPolicy);
        const exact = policies.find((p) => str(p.props["arn"]) === arn);
        if (exact) return exact;
        const m = /^arn:[^:]+:iam::\d{12}:policy\/(?:.*\/)?([^/]+)$/.exec(arn);
        return m ? policies.find((p) => str(p.props["name"]) === m[1]) : undefined;
    }

    // ---- network -------------------------------------------------------------------------

    /**
     * Primary CIDR of each VPC of the stack, by VPC id. `awsx:ec2:Vpc` is a component: under mocks its
     * `aws:ec2/vpc:Vpc` child does not exist, so its own `cidrBlock` input (awsx default 10.0.0.0/16) is used.
     */
    vpcCidrs(): Map<string, string | Unknown> {
        const out = new Map<string, string | Unknown>();
        for (const v of this.ofType(T.vpc)) {
            const id = str(v.props["id"]);
            if (typeof id === "string") out.set(id, str(v.props["cidrBlock"]) ?? UNKNOWN);
        }
        for (const v of this.ofType(T.awsxVpc)) {
            const id = str(v.props["vpcId"]);
            if (typeof id === "string" && !out.has(id)) out.set(id, str(v.props["cidrBlock"]) ?? "10.0.0.0/16");
        }
        return out;
    }

    /** VPC id of each subnet of the stack, by subnet id. */
    subnetVpcs(): Map<string, string | Unknown> {
        const out = new Map<string, string | Unknown>();
        for (const s of this.ofType(T.subnet)) {
            const id = str(s.props["id"]);
            if (typeof id === "string") out.set(id, str(s.props["vpcId"]) ?? UNKNOWN);
        }
        for (const v of this.ofType(T.awsxVpc)) {
            const vpcId = str(v.props["vpcId"]) ?? UNKNOWN;
            for (const key of ["privateSubnetIds", "publicSubnetIds", "isolatedSubnetIds"]) {
                for (const id of strings(v.props[key]).values) if (!out.has(id)) out.set(id, vpcId);
            }
        }
        return out;
    }

    /** Ids of VPC default security groups known to the stack. */
    defaultSecurityGroupIds(): Set<string> {
        const out = new Set<string>();
        for (const sg of this.ofType(T.defaultSecurityGroup)) {
            const id = str(sg.props["id"]);
            if (typeof id === "string") out.add(id);
        }
        for (const v of this.ofType(T.vpc)) {
            const id = str(v.props["defaultSecurityGroupId"]);
            if (typeof id === "string") out.add(id);
        }
        // awsx.ec2.Vpc exposes its aws.ec2.Vpc as the `vpc` output; under mocks (and in a preview) that
        // child resource does not exist on its own, so its default group is only known from here.
        for (const v of this.ofType(T.awsxVpc)) {
            const id = str(get(v.props["vpc"], "defaultSecurityGroupId"));
            if (typeof id === "string") out.add(id);
        }
        return out;
    }

    /** Ingress rules of a security group, from the group's inline rules and from standalone rule resources. */
    ingressRules(securityGroupId: string): IngressRule[] {
        const out: IngressRule[] = [];
        for (const sg of this.ofType(T.securityGroup, T.defaultSecurityGroup)) {
            if (str(sg.props["id"]) !== securityGroupId) continue;
            const ingress = list(sg.props["ingress"]);
            if (ingress === UNKNOWN) {
                out.push({ urn: sg.urn, unknown: true, protocol: "", fromPort: 0, toPort: 0, cidrs: [] });
                continue;
            }
            for (const rule of ingress ?? [])
                out.push(ruleFrom(sg.urn, rule, "protocol", ["cidrBlocks", "ipv6CidrBlocks"]));
        }
        for (const r of this.ofType(T.ingressRule)) {
            if (str(r.props["securityGroupId"]) === securityGroupId)
                out.push(ruleFrom(r.urn, r.props, "ipProtocol", ["cidrIpv4", "cidrIpv6"]));
        }
        for (const r of this.ofType(T.securityGroupRule)) {
            if (str(r.props["securityGroupId"]) === securityGroupId && str(r.props["type"]) === "ingress") {
                out.push(ruleFrom(r.urn, r.props, "protocol", ["cidrBlocks", "ipv6CidrBlocks"]));
            }
        }
        return out;
    }
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
