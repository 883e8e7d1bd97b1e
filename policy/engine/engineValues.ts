// Property values as the engine hands them to policies: secrets unwrapped, outputs resolved, resources as ids; provider and options.

import { PolicyProviderResource, PolicyResource, PolicyResourceOptions } from "@pulumi/policy";

import { UNKNOWN_SENTINEL } from "../lib/values";
import { OUTPUT_VALUE_SIG, RESOURCE_SIG, SECRET_SIG, SIG_KEY, unknownCheckingProxy } from "./policySdk";
import { PolicyInputResource } from "./types";

/**
 * Turns recorded property values into what the engine sends policies: secrets unwrapped (an encrypted
 * secret whose plaintext is unavailable becomes unknown), output values resolved (unknown when they
 * carry no value), resource references replaced by their id (custom resources) or URN (components).
 */
export function engineValue(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(engineValue);
    if (typeof v !== "object" || v === null) return v;
    const o = v as Record<string, unknown>;
    switch (o[SIG_KEY]) {
        case SECRET_SIG:
            if (typeof o["plaintext"] === "string") {
                try {
                    return engineValue(JSON.parse(o["plaintext"]));
                } catch {
                    return o["plaintext"];
                }
            }
            return "value" in o ? engineValue(o["value"]) : UNKNOWN_SENTINEL;
        case OUTPUT_VALUE_SIG:
            return "value" in o ? engineValue(o["value"]) : UNKNOWN_SENTINEL;
        case RESOURCE_SIG:
            return typeof o["id"] === "string" && o["id"] !== "" ? o["id"] : o["urn"];
    }
    const out: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(o)) if (val !== undefined) out[k] = engineValue(val);
    return out;
}

export function engineProps(v: Record<string, unknown> | undefined): Record<string, unknown> {
    return (engineValue(v ?? {}) ?? {}) as Record<string, unknown>;
}

export function isTypeOf(type: string, resourceClass: unknown): boolean {
    const cls = resourceClass as { __pulumiType?: unknown; isInstance?: (o: unknown) => boolean } | undefined;
    if (typeof cls?.__pulumiType === "string" && cls.__pulumiType.length > 0) return type === cls.__pulumiType;
    return typeof cls?.isInstance === "function" && cls.isInstance({ __pulumiType: type }) === true;
}

export function optionsOf(r: PolicyInputResource): PolicyResourceOptions {
    const opts: PolicyResourceOptions = {
        protect: r.protect ?? false,
        ignoreChanges: [],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
    };
    if (r.parent) opts.parent = r.parent;
    return opts;
}

/** `<urn>::<id>` provider references: the URN is everything before the last `::`. */
export function providerOf(
    r: PolicyInputResource,
    byUrn: Map<string, PolicyInputResource>,
): PolicyProviderResource | undefined {
    if (!r.provider) return undefined;
    const cut = r.provider.lastIndexOf("::");
    const p = byUrn.get(cut > 0 ? r.provider.slice(0, cut) : r.provider) ?? byUrn.get(r.provider);
    if (!p) return undefined;
    return {
        type: p.type,
        props: unknownCheckingProxy(engineProps({ ...p.outputs, ...p.inputs })),
        urn: p.urn,
        name: p.name,
    };
}

/** Stack policies get fresh resource objects each time, as each engine call deserialises them anew. */
export function stackResources(
    resources: PolicyInputResource[],
    byUrn: Map<string, PolicyInputResource>,
): PolicyResource[] {
    const out = new Map<string, PolicyResource>();
    for (const r of resources) {
        const merged: Record<string, unknown> = { ...r.inputs, ...(r.outputs ?? {}) };
        if (r.id !== undefined && merged["id"] === undefined) merged["id"] = r.id;
        const props = unknownCheckingProxy(engineProps(merged));
        const resource: PolicyResource = {
            type: r.type,
            props,
            urn: r.urn,
            name: r.name,
            opts: optionsOf(r),
            dependencies: [],
            propertyDependencies: {},
            isType: (cls) => isTypeOf(r.type, cls),
            asType: ((cls: unknown) => (isTypeOf(r.type, cls) ? props : undefined)) as PolicyResource["asType"],
        };
        const provider = providerOf(r, byUrn);
        if (provider) resource.provider = provider;
        out.set(r.urn, resource);
    }
    for (const r of resources) {
        const resource = out.get(r.urn) as PolicyResource;
        if (r.parent && out.has(r.parent)) resource.parent = out.get(r.parent);
        resource.dependencies = (r.dependencies ?? [])
            .map((d) => out.get(d))
            .filter((d): d is PolicyResource => d !== undefined);
    }
    return [...out.values()];
}
