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

//
// The engine's pieces live in engine/: config resolution, property values, the stack-export reader, and the
// one adapter to @pulumi/policy internals (engine/policySdk.ts). This file runs the policies.

import {
    EnforcementLevel,
    Policies,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";

import { ResolvedPolicyConfig, checkPolicies, resolvePolicyConfig } from "./engine/config";
import { engineProps, isTypeOf, optionsOf, providerOf, stackResources } from "./engine/engineValues";
import { unknownCheckingProxy } from "./engine/policySdk";
import {
    NotApplicable,
    PolicyEvaluationError,
    PolicyInputResource,
    PolicyRunOptions,
    PolicyRunResult,
    PolicyViolation,
} from "./engine/types";
import { isUnknownValueError } from "./lib/values";
import { packArgs, packName } from "./pack";

export { resolvePolicyConfig } from "./engine/config";
export { engineValue } from "./engine/engineValues";
export { StackExportError, resourcesFromStackExport } from "./engine/stackExport";
export * from "./engine/types";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const PACK_VERSION: string = (require("./package.json") as { version: string }).version;

class NotApplicableError extends Error {
    constructor(readonly reason: string | undefined) {
        super(reason ?? "Policy does not apply");
    }
}

function throwNotApplicable(reason?: string): never {
    throw new NotApplicableError(reason);
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
                    const props = unknownCheckingProxy(engineProps(r.inputs));
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
