// Typed fixture helper for policy tests: resources whose inputs are checked against @pulumi/aws 7.48.0's Args types.

import * as assert from "node:assert/strict";

import { Policy } from "@pulumi/policy";
import * as pulumi from "@pulumi/pulumi";

import { PolicyInputResource, PolicyRunOptions, PolicyViolation, evaluatePolicyPack } from "../runner";

/** What a fixture may set besides inputs: what the engine or a stack export knows about the resource. */
export interface Extra {
    id?: string;
    outputs?: Record<string, unknown>;
    provider?: string;
    parent?: string;
    dependencies?: string[];
}

type ResourceClass<TArgs> = { new (name: string, args: TArgs, opts?: never): pulumi.Resource };

export function urnOf(type: string, name: string): string {
    return `urn:pulumi:test::s3-multiregion::${type}::${name}`;
}

/** A resource of a @pulumi/aws class; `inputs` must type-check against the class's Args. */
export function res<TArgs>(
    cls: ResourceClass<TArgs>,
    name: string,
    inputs: pulumi.Unwrap<NonNullable<TArgs>>,
    extra: Extra = {},
): PolicyInputResource {
    const type = (cls as unknown as { __pulumiType?: unknown }).__pulumiType;
    if (typeof type !== "string") throw new Error(`${cls.name} has no Pulumi type token`);
    return raw(type, name, inputs as Record<string, unknown>, extra);
}

/** A resource of a type without a class here (awsx components, dynamic providers, providers). */
export function raw(
    type: string,
    name: string,
    inputs: Record<string, unknown>,
    extra: Extra = {},
): PolicyInputResource {
    const r: PolicyInputResource = { urn: urnOf(type, name), type, name, inputs: structuredClone(inputs) };
    if (extra.id !== undefined) r.id = extra.id;
    if (extra.outputs !== undefined) r.outputs = structuredClone(extra.outputs);
    if (extra.provider !== undefined) r.provider = extra.provider;
    if (extra.parent !== undefined) r.parent = extra.parent;
    if (extra.dependencies !== undefined) r.dependencies = extra.dependencies;
    return r;
}

/** A policy document as the AWS provider stores it: a JSON string. */
export function json(doc: unknown): string {
    return JSON.stringify(doc);
}

/** A copy of `stack` in which the resource named `name` (of `type`, when given) has its inputs changed by `change`. */
export function alter(
    stack: PolicyInputResource[],
    name: string,
    type: string | undefined,
    change: (inputs: pulumi.Inputs) => void,
): PolicyInputResource[] {
    let hits = 0;
    const out = stack.map((r) => {
        if (r.name !== name || (type !== undefined && r.type !== type)) return r;
        hits++;
        const copy = structuredClone(r);
        change(copy.inputs as pulumi.Inputs);
        return copy;
    });
    assert.equal(hits, 1, `expected exactly one resource named ${name}${type ? ` of type ${type}` : ""}`);
    return out;
}

/** A copy of `stack` without the resource named `name` (of `type`). */
export function without(stack: PolicyInputResource[], name: string, type: string): PolicyInputResource[] {
    const out = stack.filter((r) => !(r.name === name && r.type === type));
    assert.equal(out.length, stack.length - 1, `expected exactly one resource named ${name} of type ${type}`);
    return out;
}

/** The expected violation of `policy` on the resource `r` (or the stack as a whole when `r` is undefined). */
export function violation(policy: Policy, r: PolicyInputResource | undefined, message: string): PolicyViolation {
    return {
        policy: policy.name,
        enforcementLevel: policy.enforcementLevel ?? "mandatory",
        urn: r?.urn ?? "",
        message,
    };
}

/** Violations of one policy alone on `resources`. */
export async function runOne(
    policy: Policy,
    resources: PolicyInputResource[],
    options: PolicyRunOptions = {},
): Promise<PolicyViolation[]> {
    return (await evaluatePolicyPack(resources, { ...options, policies: [policy as never] })).violations;
}

export interface PassCase {
    title: string;
    resources: PolicyInputResource[];
    options?: PolicyRunOptions;
    /** A stack policy's reason for declaring itself not applicable; when set, exactly that one entry is expected. */
    notApplicable?: string;
}

export interface FailCase extends PassCase {
    expect: PolicyViolation[];
}

/** Policies that have registered cases; test/pack.test.ts checks every policy of the pack is here with both kinds. */
export const registered = new Map<string, { pass: number; fail: number }>();

/**
 * Registers and defines the tests of one policy: each pass case must give no violation at all (and the one
 * not-applicable reason it names, if any),
 * each fail case exactly the listed ones (deepStrictEqual on policy, level, URN and message).
 */
export function policyCases(policy: Policy, cases: { pass: PassCase[]; fail: FailCase[] }): void {
    // A policy's cases may be spread over sibling files (a file per concern); the counts add up.
    const before = registered.get(policy.name) ?? { pass: 0, fail: 0 };
    registered.set(policy.name, { pass: before.pass + cases.pass.length, fail: before.fail + cases.fail.length });
    describe(policy.name, () => {
        for (const c of cases.pass) {
            it(`passes: ${c.title}`, async () => {
                const result = await evaluatePolicyPack(c.resources, { ...c.options, policies: [policy as never] });
                assert.deepStrictEqual(result.violations, []);
                if (c.notApplicable !== undefined)
                    assert.deepStrictEqual(result.notApplicable, [{ policy: policy.name, reason: c.notApplicable }]);
            });
        }
        for (const c of cases.fail) {
            it(`fails: ${c.title}`, async () => {
                assert.deepStrictEqual(await runOne(policy, c.resources, c.options), c.expect);
            });
        }
    });
}
