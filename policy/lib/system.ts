// One normalised view of the system for stack policies: every bucket with its settings, every role with its effective permissions.

// Programs declare the same setting in many shapes: inline on a v7 Bucket, inline (plural lists) on a BucketV2,
// or as a separate `aws:s3/bucket*` resource (and its `...V2` alias); a role's permissions come from inline
// policies, RolePolicy, managed Policy + attachment, or managedPolicyArns. Policies that read this view see
// one shape, so an invariant holds for "every bucket" whatever the program that declared it looks like.

import { StackValidationArgs } from "@pulumi/policy";

import { AccessDecision, AccessRequest, AccessSource, can } from "./access";
import { ParsedDocument, Statement, parsePolicyDocument, trustedServices } from "./iamDocument";
import { bucketRegion, mrapBuckets, regionOf } from "./regions";
import { RuleDetails, regionalBuckets, replicationRules } from "./replicationRules";
import { ReplicationSource, blocks, replicationSources } from "./s3";
import { StackResource, StackView } from "./stack";
import { RolePermissions } from "./stackIam";
import { ACL_TYPES, LIFECYCLE_TYPES, LOGGING_TYPES, OBJECT_LOCK_TYPES, SSE_TYPES, T, VERSIONING_TYPES } from "./types";
import { Plain, PlainObject, UNKNOWN, Unknown, bool, get, str } from "./values";

export { accountsInName, bucketAccount } from "./regions";

export const PAB_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;
export type PabFlag = (typeof PAB_FLAGS)[number];

/** A setting's value and the resource that declares it (the bucket itself for inline forms). Absent: `value` undefined. */
export interface Setting<V> {
    value: V | Unknown | undefined;
    from?: StackResource;
}

export interface BucketFacts {
    resource: StackResource;
    name: string | Unknown | undefined;
    /** The bucket's region: its `region` property (v7 per-resource region), else its provider's. */
    region: string | Unknown | undefined;
    /** `Enabled`, `Suspended` or `Disabled` (inline `versioning.enabled: false`). */
    versioning: Setting<string>;
    /** `BucketOwnerEnforced`, `BucketOwnerPreferred` or `ObjectWriter`. */
    ownership: Setting<string>;
    /** Default-encryption algorithms (`AES256`, `aws:kms`, ...) and the KMS keys named; `[]` when none is declared. */
    encryption: { algorithms: string[] | Unknown; kmsKeyIds: string[]; from?: StackResource };
    /** The four flags of the bucket's public access block; `accountWide` when an account-level block sets all four. */
    publicAccessBlock: {
        flags: Record<PabFlag, boolean | Unknown | undefined>;
        from?: StackResource;
        accountWide: boolean;
    };
    /** Every policy document on the bucket: BucketPolicy resources and the inline `policy`. */
    policies: { resource: StackResource; document: ParsedDocument | Unknown | undefined }[];
    /** Replication configurations with this bucket as source (inline or BucketReplicationConfig). */
    replication: ReplicationSource[];
    lifecycle: StackResource[];
    logging: StackResource[];
    acls: StackResource[];
    objectLock: StackResource[];
    metrics: StackResource[];
    /** Inventory configurations of this bucket (as source). */
    inventories: StackResource[];
    /** True when some bucket-level resource names a bucket not known yet: a missing setting may only be unresolved. */
    unresolved: boolean;
}

export interface RoleFacts {
    resource: StackResource;
    name: string | Unknown | undefined;
    arn: string | Unknown | undefined;
    trust: ParsedDocument | Unknown | undefined;
    /** Services the trust policy lets assume the role (e.g. `s3.amazonaws.com`). */
    trustedServices: string[];
    permissions: RolePermissions;
}

type Attached = { byBucket: Map<string, StackResource[]>; unresolved: boolean };

/** The first block of `names` on `obj` (v7 objects, BucketV2 one-element lists). */
function firstBlock(obj: Plain | undefined, ...names: string[]): PlainObject | Unknown | undefined {
    for (const name of names) {
        const v = get(obj, name);
        if (v === undefined) continue;
        const b = blocks(v);
        return b === UNKNOWN ? UNKNOWN : b[0];
    }
    return undefined;
}

function sseRules(rules: Plain | undefined): { algorithms: string[] | Unknown; kmsKeyIds: string[] } {
    const rs = blocks(rules);
    if (rs === UNKNOWN) return { algorithms: UNKNOWN, kmsKeyIds: [] };
    const algorithms: string[] = [];
    const kmsKeyIds: string[] = [];
    for (const rule of rs) {
        const byDefault = firstBlock(rule, "applyServerSideEncryptionByDefault", "applyServerSideEncryptionByDefaults");
        // A block not known gives an UNKNOWN algorithm through get().
        const alg = str(get(byDefault, "sseAlgorithm"));
        if (alg === UNKNOWN) return { algorithms: UNKNOWN, kmsKeyIds };
        if (alg !== undefined) algorithms.push(alg);
        const key = str(get(byDefault, "kmsMasterKeyId"));
        if (typeof key === "string") kmsKeyIds.push(key);
    }
    return { algorithms, kmsKeyIds };
}

/** The system as stack policies should read it. Build it once per policy run: `new SystemView(args)`. */
export class SystemView implements AccessSource {
    readonly stack: StackView;
    private bucketFacts?: BucketFacts[];
    private roleFacts?: RoleFacts[];

    constructor(source: StackValidationArgs | StackView) {
        this.stack = source instanceof StackView ? source : new StackView(source);
    }

    buckets(): BucketFacts[] {
        this.bucketFacts ??= this.stack.buckets().map((b) => this.factsOf(b, this.attachedAll()));
        return this.bucketFacts;
    }

    /** The bucket of that name, if the system declares it. */
    bucket(name: string): BucketFacts | undefined {
        return this.buckets().find((b) => b.name === name);
    }

    roles(): RoleFacts[] {
        this.roleFacts ??= this.stack.roles().map((r) => {
            const trust = this.stack.trustPolicy(r);
            return {
                resource: r,
                name: str(r.props["name"]),
                arn: str(r.props["arn"]),
                trust,
                trustedServices: trust !== UNKNOWN && trust?.ok ? trustedServices(trust.statements) : [],
                permissions: this.stack.rolePermissions(r),
            };
        });
        return this.roleFacts;
    }

    /** The role an ARN names (by ARN, else by name and account), if the system declares it. */
    role(arn: string): RoleFacts | undefined {
        const r = this.stack.roleByArn(arn);
        return r && this.roles().find((f) => f.resource.urn === r.urn);
    }

    private meshCache?: {
        rules?: { rules: RuleDetails[]; unknown: boolean };
        regional?: Set<string>;
        mraps?: ReturnType<typeof mrapBuckets>;
    };

    /** Every replication rule of the system in full, and whether some configuration's rules are not known yet. */
    rules(): { rules: RuleDetails[]; unknown: boolean } {
        this.meshCache ??= {};
        this.meshCache.rules ??= replicationRules(this.stack);
        return this.meshCache.rules;
    }

    /** The regional buckets: those an MRAP spans, and those that replicate to other buckets. */
    regionalBuckets(): Set<string> {
        this.meshCache ??= {};
        this.meshCache.regional ??= regionalBuckets(this.stack);
        return this.meshCache.regional;
    }

    /** Every MRAP with the buckets its regions name. */
    mraps(): ReturnType<typeof mrapBuckets> {
        this.meshCache ??= {};
        this.meshCache.mraps ??= mrapBuckets(this.stack);
        return this.meshCache.mraps;
    }

    /** Where a bucket the system mentions lives: its resource or provider, an MRAP route, its replication, its name. */
    regionOf(bucket: string): string | Unknown | undefined {
        return bucketRegion(this.stack, bucket);
    }

    /** The identity statements of the role an ARN names (inline, RolePolicy, managed + attachments). */
    identityOf(roleArn: string): RolePermissions | undefined {
        return this.role(roleArn)?.permissions;
    }

    /** Every statement of the bucket's policies; UNKNOWN when one is not known yet, undefined when the bucket is not seen. */
    bucketPolicyOf(bucket: string): Statement[] | Unknown | undefined {
        const facts = this.bucket(bucket);
        if (!facts) return undefined;
        const out: Statement[] = [];
        for (const { document } of facts.policies) {
            if (document === UNKNOWN) return UNKNOWN;
            if (document?.ok) out.push(...document.statements);
        }
        return out;
    }

    /** Whether a role may perform one action on a resource, from every policy of the system (access.ts). */
    can(req: AccessRequest): AccessDecision {
        return can(this, req);
    }

    private attachedCache?: Record<string, Attached>;
    private replications?: ReplicationSource[];

    private replicationCache(): ReplicationSource[] {
        this.replications ??= replicationSources(this.stack);
        return this.replications;
    }

    private attachedAll(): Record<string, Attached> {
        const s = this.stack;
        this.attachedCache ??= {
            versioning: s.attachments(VERSIONING_TYPES),
            ownership: s.attachments([T.ownershipControls]),
            sse: s.attachments(SSE_TYPES),
            pab: s.attachments([T.publicAccessBlock]),
            policy: s.attachments([T.bucketPolicy]),
            lifecycle: s.attachments(LIFECYCLE_TYPES),
            logging: s.attachments(LOGGING_TYPES),
            acl: s.attachments(ACL_TYPES),
            objectLock: s.attachments(OBJECT_LOCK_TYPES),
            metrics: s.attachments([T.bucketMetric]),
            inventory: s.attachments([T.inventory]),
        };
        return this.attachedCache;
    }

    private factsOf(bucket: StackResource, a: Record<string, Attached>): BucketFacts {
        const name = this.stack.bucketName(bucket);
        const on = (kind: string): StackResource[] =>
            typeof name === "string" ? (a[kind].byBucket.get(name) ?? []) : [];
        const p = bucket.props;
        const region = regionOf(bucket);

        const versioning: Setting<string> = { value: undefined };
        const v = on("versioning")[0];
        if (v) {
            const status = str(get(firstBlock(v.props, "versioningConfiguration"), "status"));
            Object.assign(versioning, { value: status ?? UNKNOWN, from: v });
        } else {
            const inline = bool(get(firstBlock(p, "versioning", "versionings"), "enabled"));
            if (inline !== undefined)
                Object.assign(versioning, {
                    value: inline === UNKNOWN ? UNKNOWN : inline ? "Enabled" : "Disabled",
                    from: bucket,
                });
        }

        const ownership: Setting<string> = { value: undefined };
        const o = on("ownership")[0];
        if (o)
            Object.assign(ownership, {
                value: str(get(firstBlock(o.props, "rule"), "objectOwnership")) ?? UNKNOWN,
                from: o,
            });

        let encryption: BucketFacts["encryption"] = { algorithms: [], kmsKeyIds: [] };
        const e = on("sse")[0];
        if (e) encryption = { ...sseRules(e.props["rules"]), from: e };
        else {
            const inline = firstBlock(p, "serverSideEncryptionConfiguration", "serverSideEncryptionConfigurations");
            if (inline === UNKNOWN) encryption = { algorithms: UNKNOWN, kmsKeyIds: [], from: bucket };
            else if (inline !== undefined)
                encryption = { ...sseRules(get(inline, "rule") ?? get(inline, "rules")), from: bucket };
        }

        const pab = on("pab")[0];
        const flags = Object.fromEntries(PAB_FLAGS.map((f) => [f, pab ? bool(pab.props[f]) : undefined])) as Record<
            PabFlag,
            boolean | Unknown | undefined
        >;
        const accountWide = this.stack
            .ofType(T.accountPublicAccessBlock)
            .some((acc) => PAB_FLAGS.every((f) => bool(acc.props[f]) === true));

        const policies: BucketFacts["policies"] = on("policy").map((r) => ({
            resource: r,
            document: parsePolicyDocument(r.props["policy"]),
        }));
        if (p["policy"] !== undefined) policies.push({ resource: bucket, document: parsePolicyDocument(p["policy"]) });

        return {
            resource: bucket,
            name,
            region,
            versioning,
            ownership,
            encryption,
            publicAccessBlock: pab ? { flags, from: pab, accountWide } : { flags, accountWide },
            policies,
            replication: this.replicationCache().filter(
                (r) => r.resource.urn === bucket.urn || (typeof name === "string" && r.source === name),
            ),
            lifecycle: on("lifecycle"),
            logging: on("logging"),
            acls: on("acl"),
            objectLock: on("objectLock"),
            metrics: on("metrics"),
            inventories: on("inventory"),
            unresolved: Object.values(a).some((x) => x.unresolved),
        };
    }
}
