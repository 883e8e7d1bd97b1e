// The IAM documents an offline plan generated, indexed by bucket and role, for the access proofs and the diagram.
import { RecordedResource } from "./mockRuntime";

/** An IAM policy document as parsed from the plan (the simulator validates it). */
export interface PolicyDoc {
    Version?: string;
    Statement: Record<string, unknown>[] | Record<string, unknown>;
}

/** A document that could not be read: its text is kept so the proof can say why it failed. */
export interface UnreadableDoc {
    unreadable: string;
}

export type ParsedDoc = PolicyDoc | UnreadableDoc;

export function isUnreadable(doc: ParsedDoc): doc is UnreadableDoc {
    return (doc as UnreadableDoc).unreadable !== undefined;
}

export interface IndexedBucket {
    name: string;
    stack: string;
    accountId: string;
    region: string;
    urn: string;
    /**
     * The bucket's BucketPolicy resources, by logical name. More than one is a defect: S3 keeps one
     * policy per bucket, whichever was written last (the cross-account batch copy report), so proofs try each.
     */
    policies: { resource: string; document: ParsedDoc }[];
}

export interface IndexedRole {
    name: string;
    arn: string;
    accountId: string;
    stack: string;
    urn: string;
    trust?: ParsedDoc;
    /** Inline policies, RolePolicy resources and attached customer-managed policies, by name. */
    permissions: { name: string; document: ParsedDoc }[];
    /** Attached policies whose document the plan does not hold (AWS-managed, or another stack's). */
    opaqueAttachments: string[];
}

export interface IndexedMrap {
    name: string;
    arn: string;
    alias: string;
    stack: string;
    accountId: string;
    policy?: ParsedDoc;
    /** Bucket names the MRAP spans. */
    buckets: string[];
}

/** One stack's recorded resources with the account and region they were evaluated for. */
export interface StackResources {
    stack: string;
    accountId: string;
    region: string;
    resources: RecordedResource[];
}

export interface AccessModel {
    buckets: Map<string, IndexedBucket>;
    /** Key: `<account>/<role name>`. */
    roles: Map<string, IndexedRole>;
    mraps: IndexedMrap[];
}

export const TYPES = {
    bucket: "aws:s3/bucket:Bucket",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    managedPolicy: "aws:iam/policy:Policy",
    mrap: "aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint",
    mrapPolicy: "aws:s3control/multiRegionAccessPointPolicy:MultiRegionAccessPointPolicy",
    replication: "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
    stackReference: "pulumi:pulumi:StackReference",
} as const;

export function roleKey(accountId: string, name: string): string {
    return `${accountId}/${name}`;
}

/** Policies travel as JSON strings (aws.iam.PolicyDocument serialised) or, rarely, as objects. */
export function parseDoc(value: unknown): ParsedDoc {
    if (value !== null && typeof value === "object") return value as PolicyDoc;
    if (typeof value !== "string") return { unreadable: `policy is ${JSON.stringify(value)}, not a JSON document` };
    try {
        const doc = JSON.parse(value) as unknown;
        if (doc === null || typeof doc !== "object" || !("Statement" in doc))
            return { unreadable: `policy has no Statement: ${value}` };
        return doc as PolicyDoc;
    } catch (e) {
        return { unreadable: `policy is not JSON (${(e as Error).message}): ${value}` };
    }
}

/** `arn:aws:iam::<account>:role/<path/>name` -> account and name; a bare name is in `fallbackAccount`. */
export function roleRef(ref: unknown, fallbackAccount: string): { accountId: string; name: string } | undefined {
    if (typeof ref !== "string" || ref === "") return undefined;
    const m = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(ref);
    return m ? { accountId: m[1], name: m[2] } : { accountId: fallbackAccount, name: ref };
}

/** Bucket name from a name, bucket ARN or object ARN. */
export function bucketFromRef(ref: unknown): string | undefined {
    if (typeof ref !== "string" || ref === "") return undefined;
    const m = /^arn:aws[\w-]*:s3:::([^/]+)/.exec(ref);
    if (m) return m[1];
    return ref.startsWith("arn:") ? undefined : ref;
}

/** Indexes every bucket, bucket policy, role (trust + permissions) and MRAP of the evaluated stacks. */
export function buildAccessModel(stacks: StackResources[]): AccessModel {
    const model: AccessModel = { buckets: new Map(), roles: new Map(), mraps: [] };
    const managedPolicies = new Map<string, ParsedDoc>();
    for (const s of stacks) {
        for (const r of s.resources) {
            if (r.type === TYPES.bucket) {
                const name = String(r.inputs.bucket ?? r.outputs.bucket ?? r.id ?? r.name);
                const region = typeof r.inputs.region === "string" && r.inputs.region ? r.inputs.region : s.region;
                model.buckets.set(name, {
                    name,
                    stack: s.stack,
                    accountId: s.accountId,
                    region,
                    urn: r.urn,
                    policies: [],
                });
            } else if (r.type === TYPES.role) {
                const name = String(r.outputs.name ?? r.inputs.name ?? r.name);
                const ref = roleRef(r.outputs.arn, s.accountId) ?? { accountId: s.accountId, name };
                const inline = Array.isArray(r.inputs.inlinePolicies)
                    ? (r.inputs.inlinePolicies as { name?: string; policy?: unknown }[])
                    : [];
                model.roles.set(roleKey(ref.accountId, name), {
                    name,
                    arn: `arn:aws:iam::${ref.accountId}:role/${name}`,
                    accountId: ref.accountId,
                    stack: s.stack,
                    urn: r.urn,
                    trust: r.inputs.assumeRolePolicy === undefined ? undefined : parseDoc(r.inputs.assumeRolePolicy),
                    permissions: inline
                        .filter((p) => p.policy !== undefined)
                        .map((p, i) => ({ name: p.name ?? `${r.name}-inline-${i}`, document: parseDoc(p.policy) })),
                    opaqueAttachments: [],
                });
            } else if (r.type === TYPES.managedPolicy) {
                if (typeof r.outputs.arn === "string") managedPolicies.set(r.outputs.arn, parseDoc(r.inputs.policy));
            }
        }
    }
    // Second pass: attachments refer to buckets and roles that may be declared later in the program.
    for (const s of stacks) {
        for (const r of s.resources) {
            if (r.type === TYPES.bucketPolicy) {
                const bucket = model.buckets.get(bucketFromRef(r.inputs.bucket) ?? "");
                if (bucket) bucket.policies.push({ resource: r.name, document: parseDoc(r.inputs.policy) });
            } else if (r.type === TYPES.rolePolicy) {
                const ref = roleRef(r.inputs.role, s.accountId);
                const role = ref && model.roles.get(roleKey(ref.accountId, ref.name));
                if (role)
                    role.permissions.push({
                        name: String(r.inputs.name ?? r.name),
                        document: parseDoc(r.inputs.policy),
                    });
            } else if (r.type === TYPES.rolePolicyAttachment) {
                const ref = roleRef(r.inputs.role, s.accountId);
                const role = ref && model.roles.get(roleKey(ref.accountId, ref.name));
                const policyArn = String(r.inputs.policyArn ?? "");
                const doc = managedPolicies.get(policyArn);
                if (role && doc) role.permissions.push({ name: policyArn.split("/").pop() as string, document: doc });
                else if (role) role.opaqueAttachments.push(policyArn);
            } else if (r.type === TYPES.mrap) {
                const details = (r.inputs.details ?? {}) as { name?: string; regions?: { bucket?: string }[] };
                model.mraps.push({
                    name: details.name ?? r.name,
                    arn: String(r.outputs.arn ?? ""),
                    alias: String(r.outputs.alias ?? ""),
                    stack: s.stack,
                    accountId: s.accountId,
                    buckets: (details.regions ?? [])
                        .map((x) => bucketFromRef(x.bucket))
                        .filter((b): b is string => b !== undefined),
                });
            }
        }
    }
    for (const s of stacks) {
        for (const r of s.resources.filter((x) => x.type === TYPES.mrapPolicy)) {
            const details = (r.inputs.details ?? {}) as { name?: string; policy?: unknown };
            const mrap =
                model.mraps.find((m) => m.name === details.name) ??
                (model.mraps.length === 1 ? model.mraps[0] : undefined);
            if (mrap) mrap.policy = parseDoc(details.policy);
        }
    }
    return model;
}
