// Evaluates the pack in-process with the engine's semantics: on resources recorded under mocks, or on a `pulumi stack export`.
//
// What it mirrors from the engine and `@pulumi/policy` 1.20.0 (server.js):
//   * config: schema defaults, then `all`, then per-policy level and properties, then schema validation;
//   * level: config level || policy level || pack level; `disabled` skips; `remediate` reports as mandatory;
//   * resource policies see each resource's inputs; stack policies see every resource's outputs
//     (where outputs lack a key the inputs have, e.g. a component's inputs, the input fills it);
//   * props are wrapped in the same unknown-checking proxy: reading an unknown value makes the engine report
//     an advisory "can't run ... during preview" instead of the policy's verdict;
//   * `notApplicable()` and type-mismatched `validateResourceOfType` are recorded, not reported.
// It is asynchronous because policies may be (`validateResource` may return a promise), as in the engine.

import {
    EnforcementLevel,
    Policies,
    PolicyConfigSchema,
    PolicyProviderResource,
    PolicyResource,
    PolicyResourceOptions,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";

import { UNKNOWN_SENTINEL, isUnknownValueError } from "./lib/values";
import { packArgs, packName } from "./pack";

// The engine's own proxy (internal module of the pinned @pulumi/policy, no typings): same unknown sentinels, same error.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const proxyModule: { unknownCheckingProxy<T extends object>(o: T): T } = require("@pulumi/policy/proxy");

/** One resource of a stack, as recorded under mocks or read from a stack export. */
export interface PolicyInputResource {
    urn: string;
    type: string;
    name: string;
    inputs: Record<string, any>;
    outputs?: Record<string, any>;
    id?: string;
    /** URN of the parent resource. */
    parent?: string;
    /** URNs this resource depends on. */
    dependencies?: string[];
    /** Provider reference, `<provider urn>::<provider id>`, as in a stack export. */
    provider?: string;
    protect?: boolean;
}

export interface PolicyViolation {
    policy: string;
    enforcementLevel: EnforcementLevel;
    /** The resource in violation; empty when a stack policy blames the stack as a whole. */
    urn: string;
    /** What the policy reported (its description, when it reported an empty message). */
    message: string;
}

export interface NotApplicable {
    policy: string;
    /** Set for resource policies: the resource the policy did not apply to. */
    urn?: string;
    reason: string;
}

export interface PolicyRunOptions {
    /** Policy pack config, as given to `pulumi preview --policy-pack-config`: `{ all?: level, <policy>?: level | { enforcementLevel?, ...properties } }`. */
    config?: Record<string, unknown>;
    /** Policies to run instead of the pack's (tests run one policy at a time). */
    policies?: Policies;
    /** The pack's default enforcement level. @default the pack's (mandatory) */
    enforcementLevel?: EnforcementLevel;
    /** Stack tags, as the engine passes them to policies. @default none */
    stackTags?: Record<string, string>;
}

export interface PolicyRunResult {
    violations: PolicyViolation[];
    notApplicable: NotApplicable[];
}

/** The pack config is not valid (bad enforcement level, value of the wrong type, missing required property). */
export class PolicyConfigError extends Error {
    constructor(readonly problems: string[]) {
        super(`invalid policy pack config: ${problems.join("; ")}`);
        this.name = "PolicyConfigError";
    }
}

/** A policy threw something other than not-applicable or an unknown-value read; the engine fails the preview too. */
export class PolicyEvaluationError extends Error {
    constructor(
        policy: string,
        urn: string | undefined,
        readonly cause: unknown,
    ) {
        super(
            `policy '${policy}' failed${urn ? ` on ${urn}` : ""}: ${cause instanceof Error ? cause.message : String(cause)}`,
        );
        this.name = "PolicyEvaluationError";
    }
}

/** The input is not a `pulumi stack export` document. */
export class StackExportError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "StackExportError";
    }
}

type PolicyConfigJSONSchema = PolicyConfigSchema["properties"][string];

const LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];
const PACK_VERSION: string = (require("./package.json") as { version: string }).version;

class NotApplicableError extends Error {
    constructor(readonly reason: string | undefined) {
        super(reason ?? "Policy does not apply");
    }
}

function throwNotApplicable(reason?: string): never {
    throw new NotApplicableError(reason);
}

// ---- config --------------------------------------------------------------------------------

interface ResolvedPolicyConfig {
    enforcementLevel: EnforcementLevel;
    properties: Record<string, unknown>;
}

function isLevel(v: unknown): v is EnforcementLevel {
    return typeof v === "string" && (LEVELS as readonly string[]).includes(v);
}

/** Splits one config entry into level and properties, as the CLI parses --policy-pack-config. */
function parseEntry(key: string, value: unknown): { level?: EnforcementLevel; properties: Record<string, unknown> } {
    if (typeof value === "string") {
        if (!isLevel(value)) throw new PolicyConfigError([`${key}: "${value}" is not a valid enforcement level`]);
        return { level: value, properties: {} };
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        throw new PolicyConfigError([`${key}: must be an enforcement level or an object`]);
    }
    const { enforcementLevel, ...properties } = value as Record<string, unknown>;
    if (enforcementLevel !== undefined && !isLevel(enforcementLevel)) {
        throw new PolicyConfigError([`${key}: ${JSON.stringify(enforcementLevel)} is not a valid enforcement level`]);
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
function checkPolicies(policies: Policies): void {
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

// ---- values --------------------------------------------------------------------------------

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const OUTPUT_VALUE_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

/**
 * Turns recorded property values into what the engine sends policies: secrets unwrapped (an encrypted
 * secret whose plaintext is unavailable becomes unknown), output values resolved (unknown when they
 * carry no value), resource references replaced by their id (custom resources) or URN (components).
 */
export function engineValue(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(engineValue);
    if (typeof v !== "object" || v === null) return v;
    const o = v as Record<string, unknown>;
    switch (o[SIG]) {
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

function engineProps(v: Record<string, unknown> | undefined): Record<string, unknown> {
    return (engineValue(v ?? {}) ?? {}) as Record<string, unknown>;
}

function isTypeOf(type: string, resourceClass: unknown): boolean {
    const cls = resourceClass as { __pulumiType?: unknown; isInstance?: (o: unknown) => boolean } | undefined;
    if (typeof cls?.__pulumiType === "string" && cls.__pulumiType.length > 0) return type === cls.__pulumiType;
    return typeof cls?.isInstance === "function" && cls.isInstance({ __pulumiType: type }) === true;
}

function optionsOf(r: PolicyInputResource): PolicyResourceOptions {
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
function providerOf(
    r: PolicyInputResource,
    byUrn: Map<string, PolicyInputResource>,
): PolicyProviderResource | undefined {
    if (!r.provider) return undefined;
    const cut = r.provider.lastIndexOf("::");
    const p = byUrn.get(cut > 0 ? r.provider.slice(0, cut) : r.provider) ?? byUrn.get(r.provider);
    if (!p) return undefined;
    return {
        type: p.type,
        props: proxyModule.unknownCheckingProxy(engineProps({ ...p.outputs, ...p.inputs })),
        urn: p.urn,
        name: p.name,
    };
}

// ---- evaluation ----------------------------------------------------------------------------

function isStackPolicy(p: Policies[number]): p is StackValidationPolicy {
    return typeof (p as StackValidationPolicy).validateStack === "function";
}

function isResourcePolicy(p: Policies[number]): p is ResourceValidationPolicy {
    const v = (p as ResourceValidationPolicy).validateResource;
    return (
        typeof v === "function" ||
        Array.isArray(v) ||
        typeof (p as ResourceValidationPolicy).remediateResource === "function"
    );
}

function typeFilter(fn: unknown): string | undefined {
    const t = (fn as { __pulumiType?: unknown } | undefined)?.__pulumiType;
    return typeof t === "string" && t.length > 0 ? t : undefined;
}

/**
 * Runs every policy of the pack (or `options.policies`) on `resources`: resource policies on each
 * resource's inputs, in list order, then stack policies on all resources. Returns violations in that
 * order, and the not-applicable reasons.
 */
export async function evaluatePolicyPack(
    resources: PolicyInputResource[],
    options: PolicyRunOptions = {},
): Promise<PolicyRunResult> {
    const policies = options.policies ?? packArgs.policies;
    checkPolicies(policies);
    const packLevel = options.enforcementLevel ?? packArgs.enforcementLevel ?? "advisory";
    const config = resolvePolicyConfig(policies, packLevel, options.config);
    const stackTags: ReadonlyMap<string, string> = new Map(Object.entries(options.stackTags ?? {}));
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const violations: PolicyViolation[] = [];
    const notApplicable: NotApplicable[] = [];
    const packRef = `'${packName}@v${PACK_VERSION}'`;

    const levelOf = (name: string): EnforcementLevel => (config.get(name) as ResolvedPolicyConfig).enforcementLevel;
    const getConfigOf =
        (name: string) =>
        <T extends object>(): T =>
            structuredClone((config.get(name) as ResolvedPolicyConfig).properties) as T;
    const reporter =
        (policy: { name: string; description: string }, level: EnforcementLevel, fixedUrn?: string): ReportViolation =>
        (message, urn) => {
            violations.push({
                policy: policy.name,
                enforcementLevel: level,
                urn: fixedUrn ?? urn ?? "",
                message: message || policy.description,
            });
        };
    const previewDiagnostic = (policy: string, urn: string, e: unknown): void => {
        violations.push({
            policy,
            enforcementLevel: "advisory",
            urn,
            message: `can't run policy '${policy}' from policy pack ${packRef} during preview: ${(e as Error).message}`,
        });
    };

    for (const r of resources) {
        for (const p of policies) {
            let level = levelOf(p.name);
            if (level === "disabled" || !isResourcePolicy(p)) continue;
            if (!p.validateResource) {
                notApplicable.push({
                    policy: p.name,
                    urn: r.urn,
                    reason: "Policy does not implement validateResource",
                });
                continue;
            }
            if (level === "remediate") level = "mandatory";
            if (!Array.isArray(p.validateResource)) {
                const only = typeFilter(p.validateResource);
                if (only && only !== r.type) {
                    notApplicable.push({
                        policy: p.name,
                        urn: r.urn,
                        reason: `Policy only applies to resources of type '${only}'`,
                    });
                    continue;
                }
            }
            const report = reporter(p, level, r.urn);
            const validations = Array.isArray(p.validateResource) ? p.validateResource : [p.validateResource];
            for (const validation of validations) {
                try {
                    const props = proxyModule.unknownCheckingProxy(engineProps(r.inputs));
                    const args: ResourceValidationArgs = {
                        type: r.type,
                        props,
                        urn: r.urn,
                        name: r.name,
                        opts: optionsOf(r),
                        stackTags,
                        isType: (cls) => isTypeOf(r.type, cls),
                        asType: ((cls: unknown) =>
                            isTypeOf(r.type, cls) ? props : undefined) as ResourceValidationArgs["asType"],
                        getConfig: getConfigOf(p.name),
                        notApplicable: throwNotApplicable,
                    };
                    const provider = providerOf(r, byUrn);
                    if (provider) args.provider = provider;
                    await Promise.resolve(validation(args, report));
                } catch (e) {
                    if (isUnknownValueError(e)) previewDiagnostic(p.name, r.urn, e);
                    else if (e instanceof NotApplicableError)
                        notApplicable.push({ policy: p.name, urn: r.urn, reason: e.reason ?? "Policy does not apply" });
                    else throw new PolicyEvaluationError(p.name, r.urn, e);
                }
            }
        }
    }

    for (const p of policies) {
        let level = levelOf(p.name);
        if (level === "disabled" || !isStackPolicy(p)) continue;
        if (level === "remediate") level = "mandatory";
        const only = typeFilter(p.validateStack);
        if (only && !resources.some((r) => r.type === only)) {
            notApplicable.push({ policy: p.name, reason: `Policy only applies to resources of type '${only}'` });
            continue;
        }
        try {
            const args: StackValidationArgs = {
                resources: stackResources(resources, byUrn),
                stackTags,
                getConfig: getConfigOf(p.name),
                notApplicable: throwNotApplicable,
            };
            await Promise.resolve(p.validateStack(args, reporter(p, level)));
        } catch (e) {
            if (isUnknownValueError(e)) previewDiagnostic(p.name, "", e);
            else if (e instanceof NotApplicableError)
                notApplicable.push({ policy: p.name, reason: e.reason ?? "Policy does not apply" });
            else throw new PolicyEvaluationError(p.name, undefined, e);
        }
    }
    return { violations, notApplicable };
}

/** Stack policies get fresh resource objects each time, as each engine call deserialises them anew. */
function stackResources(resources: PolicyInputResource[], byUrn: Map<string, PolicyInputResource>): PolicyResource[] {
    const out = new Map<string, PolicyResource>();
    for (const r of resources) {
        const merged: Record<string, unknown> = { ...r.inputs, ...(r.outputs ?? {}) };
        if (r.id !== undefined && merged["id"] === undefined) merged["id"] = r.id;
        const props = proxyModule.unknownCheckingProxy(engineProps(merged));
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

/** `evaluatePolicyPack`, violations only: `assert.deepStrictEqual(await runPolicyPack(resources), [])` checks a stack. */
export async function runPolicyPack(
    resources: PolicyInputResource[],
    options: PolicyRunOptions = {},
): Promise<PolicyViolation[]> {
    return (await evaluatePolicyPack(resources, options)).violations;
}

export function hasMandatoryViolation(violations: PolicyViolation[]): boolean {
    return violations.some((v) => v.enforcementLevel === "mandatory");
}

// ---- stack export --------------------------------------------------------------------------

function isRecord(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * The resources of a `pulumi stack export` document (deployment versions 1 to 3). Resources pending
 * deletion are left out, as the engine leaves them out of stack analysis. Throws StackExportError.
 */
export function resourcesFromStackExport(doc: unknown): PolicyInputResource[] {
    if (!isRecord(doc)) throw new StackExportError("not a stack export: the document is not a JSON object");
    if (doc["version"] !== undefined && ![1, 2, 3].includes(doc["version"] as number)) {
        throw new StackExportError(
            `not a stack export: unsupported version ${JSON.stringify(doc["version"])} (expected 3)`,
        );
    }
    const deployment = doc["deployment"];
    if (!isRecord(deployment)) throw new StackExportError('not a stack export: no "deployment" object');
    const list = deployment["resources"] ?? [];
    if (!Array.isArray(list)) throw new StackExportError("not a stack export: deployment.resources is not an array");
    const out: PolicyInputResource[] = [];
    list.forEach((r: unknown, i: number) => {
        if (!isRecord(r) || typeof r["urn"] !== "string" || typeof r["type"] !== "string") {
            throw new StackExportError(`not a stack export: deployment.resources[${i}] has no urn and type`);
        }
        if (r["delete"] === true) return;
        const urn = r["urn"];
        const resource: PolicyInputResource = {
            urn,
            type: r["type"],
            name: urn.slice(urn.lastIndexOf("::") + 2),
            inputs: isRecord(r["inputs"]) ? r["inputs"] : {},
            outputs: isRecord(r["outputs"]) ? r["outputs"] : {},
        };
        if (typeof r["id"] === "string" && r["id"] !== "") resource.id = r["id"];
        if (typeof r["parent"] === "string") resource.parent = r["parent"];
        if (typeof r["provider"] === "string") resource.provider = r["provider"];
        if (Array.isArray(r["dependencies"]))
            resource.dependencies = r["dependencies"].filter((d): d is string => typeof d === "string");
        if (r["protect"] === true) resource.protect = true;
        out.push(resource);
    });
    return out;
}
