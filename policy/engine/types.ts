// The runner's data types: resources in, violations and not-applicable reasons out, run options, and its errors.

import { EnforcementLevel, Policies } from "@pulumi/policy";

/** One resource of a stack, as recorded under mocks or read from a stack export. */
export interface PolicyInputResource {
    urn: string;
    type: string;
    name: string;
    inputs: Record<string, unknown>;
    outputs?: Record<string, unknown>;
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
