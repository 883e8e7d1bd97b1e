// Pack configuration with the engine's semantics: schema defaults, `all`, per-policy level and properties, schema validation.

import { EnforcementLevel, Policies, PolicyConfigSchema } from "@pulumi/policy";

import { PolicyConfigError } from "./types";

type PolicyConfigJSONSchema = PolicyConfigSchema["properties"][string];

const LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

export interface ResolvedPolicyConfig {
    enforcementLevel: EnforcementLevel;
    properties: Record<string, unknown>;
}

function isLevel(v: unknown): v is EnforcementLevel {
    return typeof v === "string" && (LEVELS as readonly string[]).includes(v);
}

/** Splits one config entry into level and properties, as the CLI parses --policy-pack-config. */
function parseEntry(key: string, value: unknown): { level?: EnforcementLevel; properties: Record<string, unknown> } {
    if (typeof value === "string") {
        if (!isLevel(value)) {
            throw new PolicyConfigError([`${key}: "${value}" is not a valid enforcement level (${LEVELS.join(", ")})`]);
        }
        return { level: value, properties: {} };
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        throw new PolicyConfigError([`${key}: must be an enforcement level or an object`]);
    }
    const { enforcementLevel, ...properties } = value as Record<string, unknown>;
    if (enforcementLevel !== undefined && !isLevel(enforcementLevel)) {
        throw new PolicyConfigError([
            `${key}: ${JSON.stringify(enforcementLevel)} is not a valid enforcement level (${LEVELS.join(", ")})`,
        ]);
    }
    return { level: enforcementLevel, properties };
}

/**
 * The effective config of every policy: schema defaults, then the `all` level, then each policy's own
 * level and properties on top, then validation against the schema (as the CLI does before the run).
 */
export function resolvePolicyConfig(
    policies: Policies,
    packLevel: EnforcementLevel,
    config: Record<string, unknown> = {},
): Map<string, ResolvedPolicyConfig> {
    const result = new Map<string, ResolvedPolicyConfig>();
    for (const p of policies) {
        const properties: Record<string, unknown> = {};
        for (const [k, schema] of Object.entries(p.configSchema?.properties ?? {})) {
            if (schema.default !== undefined) properties[k] = structuredClone(schema.default);
        }
        result.set(p.name, { enforcementLevel: p.enforcementLevel ?? packLevel, properties });
    }
    if (config["all"] !== undefined) {
        const all = parseEntry("all", config["all"]);
        if (all.level) for (const c of result.values()) c.enforcementLevel = all.level;
    }
    for (const [key, value] of Object.entries(config)) {
        if (key === "all") continue;
        const entry = parseEntry(key, value);
        const target = result.get(key);
        if (!target) continue; // the engine ignores config for policies the pack does not have
        if (entry.level) target.enforcementLevel = entry.level;
        Object.assign(target.properties, entry.properties);
    }
    const problems: string[] = [];
    for (const p of policies) {
        if (!p.configSchema) continue;
        const props = (result.get(p.name) as ResolvedPolicyConfig).properties;
        for (const req of p.configSchema.required ?? [])
            if (props[req] === undefined) problems.push(`${p.name}: ${req} is required`);
        for (const [k, schema] of Object.entries(p.configSchema.properties)) {
            if (props[k] !== undefined) problems.push(...schemaProblems(props[k], schema, `${p.name}: ${k}`));
        }
    }
    if (problems.length > 0) throw new PolicyConfigError(problems);
    return result;
}

function jsonType(v: unknown): string {
    if (v === null) return "null";
    if (Array.isArray(v)) return "array";
    if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
    return typeof v;
}

/** The JSON Schema keywords policy configs use (type, enum, items, bounds, pattern); enough to refuse a mistyped config. */
function schemaProblems(value: unknown, schema: PolicyConfigJSONSchema, at: string): string[] {
    const out: string[] = [];
    if (schema.type !== undefined) {
        const types = Array.isArray(schema.type) ? schema.type : [schema.type];
        const actual = jsonType(value);
        if (!types.some((t) => t === actual || (t === "number" && actual === "integer")))
            return [`${at}: expected ${types.join(" or ")}, got ${actual}`];
    }
    if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value)))
        out.push(`${at}: must be one of ${JSON.stringify(schema.enum)}`);
    if (typeof value === "string") {
        if (schema.minLength !== undefined && value.length < schema.minLength)
            out.push(`${at}: shorter than ${schema.minLength}`);
        if (schema.maxLength !== undefined && value.length > schema.maxLength)
            out.push(`${at}: longer than ${schema.maxLength}`);
        if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value))
            out.push(`${at}: does not match ${schema.pattern}`);
    }
    if (typeof value === "number") {
        if (schema.minimum !== undefined && value < schema.minimum) out.push(`${at}: less than ${schema.minimum}`);
        if (schema.maximum !== undefined && value > schema.maximum) out.push(`${at}: greater than ${schema.maximum}`);
    }
    if (Array.isArray(value)) {
        if (schema.minItems !== undefined && value.length < schema.minItems)
            out.push(`${at}: fewer than ${schema.minItems} items`);
        if (schema.maxItems !== undefined && value.length > schema.maxItems)
            out.push(`${at}: more than ${schema.maxItems} items`);
        const items = schema.items;
        if (items !== undefined && typeof items === "object" && !Array.isArray(items)) {
            value.forEach((v, i) => out.push(...schemaProblems(v, items, `${at}[${i}]`)));
        }
    }
    return out;
}

/** The checks `PolicyPack`'s server makes before serving (it exits the process; here they throw). */
export function checkPolicies(policies: Policies): void {
    const names = new Set<string>();
    for (const p of policies) {
        if (p.name === "all") throw new Error('Invalid policy name "all". "all" is a reserved name.');
        if (names.has(p.name)) throw new Error(`Duplicate policy name "${p.name}".`);
        names.add(p.name);
        if (
            p.configSchema?.properties?.["enforcementLevel"] ||
            p.configSchema?.required?.includes("enforcementLevel")
        ) {
            throw new Error(`${p.name}: enforcementLevel cannot be a config property.`);
        }
    }
}
