// The adversarial corpus: valid systems of this architecture in many shapes, and mutants that each differ from one by ONE change.
//
// API (for policy tests):
//   validVariants()                       every valid variant: { id, shape, exports } (exports: stack name -> stack export)
//   variant(shape)                        one system built from a shape (see builder.ts for the dimensions)
//   mutate(v, name, policy, change)       a mutant of `v`: `change` edits a deep copy through a Mutator; `policy`
//                                         is the policy expected to refuse it, `subject` the logical name the
//                                         violation must name (the resource changed, unless the change says otherwise)
//   resourcesOf(exports)                  the exports as the runner's resources (the same reader as the CLI)

import { resourcesFromStackExport } from "../../engine/stackExport";
import { PolicyInputResource } from "../../engine/types";
import { A, B, ExportResource, Shape, StackBuilder, SystemExports, arn } from "./builder";
import { hubStack } from "./hub";
import { privateNetwork } from "./network";
import { Names, delegateToAccessPoints, destinationStack, hardenedBucket, inventoryDelivery, namesOf } from "./storage";

export interface Variant {
    id: string;
    shape: Shape;
    exports: SystemExports;
}

export interface Mutant {
    /** `<variant id>/<mutation name>` */
    id: string;
    variant: Variant;
    /** The policy that must refuse this mutant. */
    policy: string;
    /** Logical name (last URN segment) of the resource the violation must be reported on. */
    subject: string;
    exports: SystemExports;
}

/** Builds the exports of one system: a stack per secondary region, the destination account, the hub. */
export function variant(shape: Shape, id = shapeId(shape)): Variant {
    const n = namesOf(shape.prefix, shape.regions);
    const exports: SystemExports = new Map();
    for (const region of shape.regions.slice(1)) {
        const s = new StackBuilder(region, shape, A, region);
        hubLessRegional(s, region, n, shape.regions.length > 2);
        exports.set(region, s.toExport());
    }
    const dest = new StackBuilder("dest-account", shape, B, shape.regions[0]);
    destinationStack(dest, n, shape.regions);
    exports.set("dest-account", dest.toExport());
    const hub = new StackBuilder(shape.regions[0], shape, A, shape.regions[0]);
    hubStack(hub, n, shape.regions);
    if (shape.vpn) privateNetwork(hub, n, shape.regions);
    exports.set(shape.regions[0], hub.toExport());
    return { id, shape, exports };
}

function hubLessRegional(s: StackBuilder, region: string, n: Names, ownInventory: boolean): void {
    // A secondary stack owns its hardened data bucket; the hub writes its replication configuration.
    const bucket = n.data(region);
    hardenedBucket(s, `data-${region}`, bucket, [delegateToAccessPoints(bucket)]);
    if (!ownInventory) return;
    // Three regions: each secondary lists its own objects into a manifest bucket of its own region (S3 delivers
    // inventory only within the source's region).
    const manifest = n.regionalManifest(region);
    hardenedBucket(s, `manifest-${region}`, manifest, [inventoryDelivery(manifest, bucket)], 2);
    s.add("aws:s3/inventory:Inventory", `data-inventory-${region}`, {
        bucket,
        name: "batch-manifest",
        includedObjectVersions: "Current",
        schedule: { frequency: "Daily" },
        destination: { bucket: { bucketArn: arn(manifest), format: "CSV", prefix: "inventory" } },
    });
}

function shapeId(s: Shape): string {
    return [
        s.prefix,
        s.regions.join("+"),
        s.bucket,
        s.documents,
        s.singleStatement ? "single" : "list",
        s.components ? "components" : "flat",
        s.permissions,
        s.kms ? "kms" : "sse-s3",
        s.vpn ? `vpn-${s.vpc}-${s.endpoints}` : "no-vpn",
    ].join(",");
}

const BASE: Shape = {
    prefix: "example-s3mr",
    regions: ["ap-northeast-1", "ap-northeast-3"],
    bucket: "Bucket",
    documents: "string",
    singleStatement: false,
    components: false,
    permissions: "rolePolicy",
    kms: false,
    vpn: true,
    vpc: "awsx",
    endpoints: "resources",
};

/** Shapes chosen so that every value of every dimension appears, in several combinations. */
export const SHAPES: Shape[] = [
    BASE,
    {
        ...BASE,
        prefix: "acme-store",
        regions: ["eu-west-1", "eu-central-1", "eu-west-3"],
        bucket: "BucketV2",
        documents: "object",
        singleStatement: true,
        components: true,
        permissions: "managed",
        kms: true,
        vpc: "aws",
    },
    {
        ...BASE,
        prefix: "lake",
        regions: ["us-east-2", "us-west-2"],
        documents: "object",
        permissions: "inline",
        vpn: false,
        components: true,
    },
    {
        ...BASE,
        prefix: "vault-x",
        regions: ["ap-southeast-2", "ap-northeast-1", "ap-northeast-3"],
        bucket: "BucketV2",
        singleStatement: true,
        permissions: "managedPolicyArns",
        kms: true,
        vpn: false,
    },
    {
        ...BASE,
        prefix: "tokyo-ops",
        bucket: "BucketV2",
        documents: "object",
        components: true,
        permissions: "rolePolicy",
        kms: true,
        vpc: "aws",
    },
    {
        ...BASE,
        prefix: "partner-hub",
        regions: ["us-west-2", "us-east-1"],
        singleStatement: true,
        permissions: "managed",
        vpc: "awsx",
        endpoints: "awsxSpecs",
    },
];

export function validVariants(): Variant[] {
    return SHAPES.map((s) => variant(s));
}

/** Edits a copy of a system's exports by logical name, keeping each document in the form it was written in. */
export class Mutator {
    constructor(
        readonly exports: SystemExports,
        readonly shape: Shape,
    ) {}

    /** The one resource of that logical name (of that type, when given); throws when there is not exactly one. */
    resource(name: string, type?: string): ExportResource {
        const hits = [...this.exports.values()]
            .flatMap((e) => e.deployment.resources)
            .filter((r) => r.urn.endsWith(`::${name}`) && (type === undefined || r.type === type));
        if (hits.length !== 1) throw new Error(`corpus: expected one resource named ${name}, found ${hits.length}`);
        return hits[0];
    }

    /** Sets `path` (dot-separated) in a resource's inputs and outputs. */
    set(name: string, path: string, value: unknown): void {
        const r = this.resource(name);
        for (const bag of [r.inputs, r.outputs]) setPath(bag, path.split("."), value);
    }

    /** Removes a resource from its stack. */
    remove(name: string, type?: string): void {
        const r = this.resource(name, type);
        for (const e of this.exports.values()) e.deployment.resources = e.deployment.resources.filter((x) => x !== r);
    }

    /**
     * Edits the permissions of a role wherever the shape keeps them (RolePolicy, managed Policy, inline policy);
     * returns the logical name of the resource that holds them.
     */
    permissions(role: string, edit: (statements: Record<string, unknown>[]) => void): string {
        if (this.shape.permissions === "inline") {
            this.statements(role, "inlinePolicies.0.policy", edit);
            return role;
        }
        this.statements(`${role}-permissions`, "policy", edit);
        return `${role}-permissions`;
    }

    /** Edits the statements of a policy document (a `path` of the resource's inputs), written back in its own form. */
    statements(name: string, path: string, edit: (statements: Record<string, unknown>[]) => void): void {
        const r = this.resource(name);
        const keys = path.split(".");
        const raw = getPath(r.inputs, keys);
        const doc = (typeof raw === "string" ? JSON.parse(raw) : structuredClone(raw)) as { Statement: unknown };
        const list = (Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]) as Record<string, unknown>[];
        const single = !Array.isArray(doc.Statement);
        edit(list);
        doc.Statement = single && list.length === 1 ? list[0] : list;
        const written = typeof raw === "string" ? JSON.stringify(doc) : doc;
        for (const bag of [r.inputs, r.outputs]) setPath(bag, keys, structuredClone(written));
    }
}

function getPath(obj: unknown, keys: string[]): unknown {
    let cur = obj;
    for (const k of keys) cur = (cur as Record<string, unknown> | undefined)?.[Array.isArray(cur) ? Number(k) : k];
    return cur;
}

function setPath(obj: Record<string, unknown>, keys: string[], value: unknown): void {
    let cur: Record<string, unknown> = obj;
    for (const k of keys.slice(0, -1)) {
        if (typeof cur[k] !== "object" || cur[k] === null) cur[k] = {};
        cur = cur[k] as Record<string, unknown>;
    }
    cur[keys[keys.length - 1]] = value;
}

/** A mutant of `v` made by ONE change; `subject` defaults to the first name the change touched. */
export function mutate(
    v: Variant,
    name: string,
    policy: string,
    subject: string,
    change: (m: Mutator) => void,
): Mutant {
    const exports: SystemExports = structuredClone(v.exports);
    change(new Mutator(exports, v.shape));
    return { id: `${v.id}/${name}`, variant: v, policy, subject, exports };
}

/** The exports as the runner's resources, read by the same function the CLI uses. */
export function resourcesOf(exports: SystemExports): PolicyInputResource[] {
    return [...exports.values()].flatMap((e) => resourcesFromStackExport(structuredClone(e)));
}
