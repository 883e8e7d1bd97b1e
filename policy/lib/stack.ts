// A stack as stack policies see it, with the relations they need: bucket-level resources to buckets, roles to permissions, subnets to VPCs.

import { StackValidationArgs } from "@pulumi/policy";

import { ParsedDocument } from "./iamDocument";
import * as iam from "./stackIam";
import { RolePermissions } from "./stackIam";
import * as net from "./stackNetwork";
import { IngressRule } from "./stackNetwork";
import { BUCKET_TYPES } from "./types";
import { Plain, PlainObject, UNKNOWN, Unknown, plainObject, str } from "./values";

export type { RolePermissions } from "./stackIam";
export { IngressRule, ruleAdmitsTcpPort } from "./stackNetwork";

export interface StackResource {
    type: string;
    urn: string;
    name: string;
    /** Outputs, as the engine gives stack policies; unknowns are UNKNOWN. */
    props: PlainObject;
    dependencies: string[];
    providerProps?: PlainObject;
    /** The parent's URN (a component's children: awsx.ec2.Vpc's endpoints, for one). */
    parent?: string;
}

/** Resources attached to buckets by name. `unresolved` is true when some attachment's bucket is not known yet. */
export interface Attachments {
    byBucket: Map<string, StackResource[]>;
    unresolved: boolean;
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
            if (r.parent) view.parent = r.parent.urn;
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

    // ---- IAM (stackIam.ts) and network (stackNetwork.ts) ------------------------------------

    roles(): StackResource[] {
        return iam.roles(this);
    }

    /** The role an ARN names: by its `arn` output, else by name (the last path segment) when its ARN is not known. */
    roleByArn(arn: string): StackResource | undefined {
        return iam.roleByArn(this, arn);
    }

    /** The role's trust policy, parsed. */
    trustPolicy(role: StackResource): ParsedDocument | Unknown | undefined {
        return iam.trustPolicy(this, role);
    }

    /** Everything the role is allowed (see stackIam.rolePermissions). */
    rolePermissions(role: StackResource): RolePermissions {
        return iam.rolePermissions(this, role);
    }

    /** Primary CIDR of each VPC of the stack, by VPC id. */
    vpcCidrs(): Map<string, string | Unknown> {
        return net.vpcCidrs(this);
    }

    /** VPC id of each subnet of the stack, by subnet id. */
    subnetVpcs(): Map<string, string | Unknown> {
        return net.subnetVpcs(this);
    }

    /** Ids of VPC default security groups known to the stack. */
    defaultSecurityGroupIds(): Set<string> {
        return net.defaultSecurityGroupIds(this);
    }

    /** Ingress rules of a security group, from the group's inline rules and from standalone rule resources. */
    ingressRules(securityGroupId: string): IngressRule[] {
        return net.ingressRules(this, securityGroupId);
    }
}
