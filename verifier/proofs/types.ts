// The access proofs' vocabulary: a proof is data (who, what, on which resource, expected decision); the engine evaluates it.
import type { DestinationCopy } from "../../config/destinationCopy";

export type Expected = "Allowed" | "Denied";
export type Actual = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";
export type ProofStatus = "passed" | "failed" | "unproven";

/** Who makes the request. */
export type PrincipalSpec = { kind: "arn"; arn: string } | { kind: "service"; service: string } | { kind: "anonymous" };

/** Where the principal's own (identity) policies come from. */
export type IdentitySpec =
    | { kind: "none" }
    /** A role the program generates: its permission policies are read from the plan. */
    | { kind: "role"; accountId: string; roleName: string; what: string }
    /** A principal outside the program: what its own account is assumed to grant it (said in `why`). */
    | { kind: "assumed"; statements: Record<string, unknown>[]; why: string };

/** The policy of the resource the request targets, read from the plan. */
export type ResourcePolicySpec =
    | { kind: "bucket"; bucket: string; what: string }
    | { kind: "trust"; accountId: string; roleName: string; what: string }
    | { kind: "mrap"; what: string };

/** The request's target: an ARN, or an object through the plan's Multi-Region Access Point. */
export type ResourceSpec = { arn: string; accountId: string } | { mrapObjectKey: string };

/** One access path with its expected decision. Definitions are data; `runProof` evaluates any of them. */
export interface ProofDefinition {
    name: string;
    /** Stack that owns the resource the request targets: the proof is reported with that stack. */
    stack: string;
    principal: PrincipalSpec;
    identity: IdentitySpec;
    action: string;
    resource: ResourceSpec;
    resourcePolicy: ResourcePolicySpec;
    /** Request context; every key here is one the decision relies on. */
    context: Record<string, string | string[]>;
    expected: Expected;
}

export interface ProofResult {
    name: string;
    stack: string;
    expected: Expected;
    actual: Actual | null;
    status: ProofStatus;
    /** Why unproven or failed; for passed proofs, the statements that decided. */
    reason: string;
}

/** Facts about the platform the proofs are written against; derived from the stacks' validated config. */
export interface ProofFacts {
    namePrefix: string;
    sourceAccountId: string;
    destinationAccountId: string;
    /** Regional data buckets of account A: the hub's and every secondary's. */
    regional: { stack: string; region: string }[];
    hub?: {
        stack: string;
        region: string;
        partners?: { principals: string[]; externalId: string };
        /** The hub's replicateToDestination: whether any rule writes into account B. @default true */
        replicatesToDestination?: boolean;
    };
    /** `copy`: what account B's copy is (its stack's destinationMode and backup keys). */
    destination?: { stack: string; region: string; copy?: DestinationCopy };
    /** Object key of an inventory manifest, under the prefix the plan's inventory configuration writes to. */
    manifestKey: string;
    /** Object key of a batch job report, under the prefix the plan's batch job writes to. */
    reportKey: string;
}
