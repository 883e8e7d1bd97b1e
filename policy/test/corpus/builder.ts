// Corpus building blocks: the shape of one generated system, and a builder of `pulumi stack export` documents for one stack.

/** Account ids of the generated systems (never real ones). */
export const A = "111111111111";
export const B = "222222222222";
export const PARTNER = "333333333333";

/** How a generated system is written: every field is one way real programs differ from ours. */
export interface Shape {
    /** Name prefix of buckets and roles (and the component type namespace). */
    prefix: string;
    /** Regional buckets, one stack each; the first region is the hub. 2 or 3 regions. */
    regions: string[];
    /** `aws:s3/bucket:Bucket` with separate settings, or the deprecated `BucketV2` with the `...V2` settings. */
    bucket: "Bucket" | "BucketV2";
    /** Policy documents as JSON text (how the provider stores them) or as objects. */
    documents: "string" | "object";
    /** One-statement documents written with `Statement` as a single object, not a list. */
    singleStatement: boolean;
    /** Buckets and roles declared inside component resources (URNs with parent types). */
    components: boolean;
    /** Where a role's permissions live. */
    permissions: "rolePolicy" | "managed" | "inline" | "managedPolicyArns";
    /** SSE-KMS on every bucket (and KMS replication), or SSE-S3. */
    kms: boolean;
    /** The private network: VPC, S3 and MRAP interface endpoints, Client VPN. */
    vpn: boolean;
    /** The VPC as `awsx:ec2:Vpc` (children invisible, as under mocks) or as `aws:ec2/vpc:Vpc` + subnets. */
    vpc: "awsx" | "aws";
    /**
     * The interface endpoints as VpcEndpoint resources, or (awsx VPCs only) as the component's `vpcEndpointSpecs` with
     * the child endpoints a deployment creates, the dedicated group attached by a SecurityGroupAssociation.
     */
    endpoints: "resources" | "awsxSpecs";
}

/** One resource of a stack export (deployment v3). */
export interface ExportResource {
    urn: string;
    custom: boolean;
    type: string;
    id?: string;
    inputs: Record<string, unknown>;
    outputs: Record<string, unknown>;
    parent?: string;
    provider?: string;
    dependencies?: string[];
    protect?: boolean;
}

/** A `pulumi stack export` document. */
export interface StackExport {
    version: 3;
    deployment: {
        manifest: { time: string; magic: string; version: string };
        resources: ExportResource[];
    };
}

/** The exports of one system: one per stack, by stack name. */
export type SystemExports = Map<string, StackExport>;

export type Statement = Record<string, unknown>;

export const arn = (bucket: string): string => `arn:aws:s3:::${bucket}`;
export const roleArn = (account: string, name: string): string => `arn:aws:iam::${account}:role/${name}`;
export const policyArn = (account: string, name: string): string => `arn:aws:iam::${account}:policy/${name}`;
export const kmsKey = (region: string, account: string, n: number): string =>
    `arn:aws:kms:${region}:${account}:key/0000000${n}-aaaa-4bbb-8ccc-00000000000${n}`;

/** Collects the resources of one stack, writing documents, URNs and permissions in the shape's way. */
export class StackBuilder {
    readonly resources: ExportResource[] = [];
    private readonly stackUrn: string;

    constructor(
        readonly stack: string,
        readonly shape: Shape,
        readonly account: string,
        readonly region: string,
    ) {
        this.stackUrn = this.urn("pulumi:pulumi:Stack", `${shape.prefix}-${stack}`);
        this.resources.push({
            urn: this.stackUrn,
            custom: false,
            type: "pulumi:pulumi:Stack",
            inputs: {},
            outputs: {},
        });
        this.add("pulumi:providers:aws", "default", { region }, { id: "provider-0" });
    }

    private urn(type: string, name: string, parent?: ExportResource): string {
        const chain = parent ? `${parent.type}$${type}` : type;
        return `urn:pulumi:${this.stack}::${this.shape.prefix}-platform::${chain}::${name}`;
    }

    /** Adds a resource; `outputs` default to the inputs plus `id` (what the provider echoes back). */
    add(
        type: string,
        name: string,
        inputs: Record<string, unknown>,
        opts: { id?: string; outputs?: Record<string, unknown>; parent?: ExportResource; deps?: ExportResource[] } = {},
    ): ExportResource {
        const r: ExportResource = {
            urn: this.urn(type, name, opts.parent),
            custom: /^(aws:|pulumi-nodejs:|pulumi:providers:)/.test(type),
            type,
            inputs,
            outputs: { ...inputs, ...(opts.id ? { id: opts.id } : {}), ...(opts.outputs ?? {}) },
            parent: opts.parent?.urn ?? this.stackUrn,
        };
        if (opts.id) r.id = opts.id;
        if (r.custom && !type.startsWith("pulumi:providers:")) r.provider = `${this.resources[1].urn}::provider-0`;
        if (opts.deps) r.dependencies = opts.deps.map((d) => d.urn);
        this.resources.push(r);
        return r;
    }

    /** A component (when the shape wraps resources in components), to pass as `parent`. */
    component(kind: string, name: string): ExportResource | undefined {
        if (!this.shape.components) return undefined;
        return this.add(`${this.shape.prefix}:${kind}`, name, {});
    }

    /** A policy document written the shape's way. */
    doc(statements: Statement[]): unknown {
        const Statement = this.shape.singleStatement && statements.length === 1 ? statements[0] : statements;
        const doc = { Version: "2012-10-17", Statement };
        return this.shape.documents === "string" ? JSON.stringify(doc) : doc;
    }

    /** A role with `statements` as its permissions, wherever the shape keeps them. */
    role(logical: string, name: string, trust: Statement[], statements: Statement[], parent?: ExportResource): void {
        const roleArnValue = roleArn(this.account, name);
        const inputs: Record<string, unknown> = { name, assumeRolePolicy: this.doc(trust) };
        const perms = this.doc(statements);
        const pArn = policyArn(this.account, `${name}-permissions`);
        if (this.shape.permissions === "inline") inputs["inlinePolicies"] = [{ name: "permissions", policy: perms }];
        if (this.shape.permissions === "managedPolicyArns") inputs["managedPolicyArns"] = [pArn];
        const role = this.add("aws:iam/role:Role", logical, inputs, {
            id: name,
            outputs: { arn: roleArnValue },
            parent,
        });
        const policyInputs = { name: `${name}-permissions`, policy: perms };
        switch (this.shape.permissions) {
            case "rolePolicy":
                this.add(
                    "aws:iam/rolePolicy:RolePolicy",
                    `${logical}-permissions`,
                    { role: name, policy: perms },
                    { parent, deps: [role] },
                );
                break;
            case "managed": {
                const p = this.add("aws:iam/policy:Policy", `${logical}-permissions`, policyInputs, {
                    id: pArn,
                    outputs: { arn: pArn },
                    parent,
                });
                this.add(
                    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
                    `${logical}-attachment`,
                    { role: name, policyArn: pArn },
                    { parent, deps: [role, p] },
                );
                break;
            }
            case "managedPolicyArns":
                this.add("aws:iam/policy:Policy", `${logical}-permissions`, policyInputs, {
                    id: pArn,
                    outputs: { arn: pArn },
                    parent,
                });
                break;
            case "inline":
                break;
        }
    }

    toExport(): StackExport {
        return {
            version: 3,
            deployment: {
                manifest: { time: "2026-12-01T00:00:00Z", magic: "corpus", version: "v3.248.0" },
                resources: this.resources,
            },
        };
    }
}
