// can(P, A, R): whether a role may perform an action on a resource, from every policy the system declares.

// The questions the invariants ask ("can the replication role write the replica?", "can the batch role write its
// report?") are answered as IAM answers them, not by reading one document: the role's identity policies (inline,
// RolePolicy, managed Policy + attachment) and the bucket policy of the resource's bucket; an explicit Deny in
// either wins; across accounts both sides must allow, in one account either may. Conditions are evaluated against
// what the pack knows of the request (conditions.ts); one it cannot know is taken as met on an Allow and as not met
// on a Deny, so a check built on this never reports a missing permission that a condition might in fact grant.
// The pack cannot use the AGPL simulator; test/policy/accessParity.test.ts holds the two to the same answers.

import { ActionCatalogue, expandActions } from "./actions";
import { RequestContext, conditionsHold } from "./conditions";
import { Principals, Statement, accountOf, appliesToAction, appliesToResource } from "./iamDocument";
import { UNKNOWN } from "./values";

/** The parts of the system view the evaluator reads (SystemView implements it). */
export interface AccessSource {
    /** The identity statements of the role an ARN names; undefined when the system does not declare the role. */
    identityOf(roleArn: string): { statements: Statement[]; complete: boolean } | undefined;
    /**
     * The resource policy statements of an S3 resource's bucket: undefined when the bucket is not in the system,
     * UNKNOWN when its policy is not known yet.
     */
    bucketPolicyOf(bucket: string): Statement[] | typeof UNKNOWN | undefined;
}

export interface AccessRequest {
    /** ARN of the calling role. */
    principal: string;
    /** One action (`s3:ReplicateObject`). For a pattern (`s3:Delete*`) use `canAny`. */
    action: string;
    /** ARN of the resource: a bucket, an object, a KMS key. */
    resource: string;
    /** The account that owns the resource, when known (S3 ARNs carry none). */
    resourceAccount?: string;
    /** Further context keys of the request (lower-case keys), e.g. how it reached the bucket. */
    context?: Record<string, string[]>;
}

export interface AccessDecision {
    /** true: allowed; false: denied (explicitly, or nothing allows it); undefined: cannot be told from the system. */
    allowed: boolean | undefined;
    /** Why, in words a policy message can quote. */
    reason: string;
}

/** Keys a direct request made with the role's credentials never carries (it does not come through an access point). */
const ABSENT_ON_DIRECT_REQUEST = ["s3:dataaccesspointarn", "s3:dataaccesspointaccount", "s3:accesspointnetworkorigin"];

function contextOf(req: AccessRequest, principalAccount: string | undefined): RequestContext {
    const values = new Map<string, string[]>([
        ["aws:principalarn", [req.principal]],
        ["aws:securetransport", ["true"]],
        ["aws:principaltype", ["AssumedRole"]],
    ]);
    if (principalAccount) values.set("aws:principalaccount", [principalAccount]);
    if (req.resourceAccount) values.set("aws:resourceaccount", [req.resourceAccount]);
    for (const [k, v] of Object.entries(req.context ?? {})) values.set(k.toLowerCase(), v);
    const absent = new Set(ABSENT_ON_DIRECT_REQUEST.filter((k) => !values.has(k)));
    return { values, absent };
}

/** How a resource-policy statement's principal names the caller: the role itself, its whole account, or not at all. */
function principalMatch(st: Statement, principal: string, account: string | undefined): "role" | "account" | "none" {
    const names = (p: Principals): "role" | "account" | "none" => {
        if (p.star || p.aws.includes(principal)) return "role";
        const accountNamed = p.aws.some((a) => a === account || a === `arn:aws:iam::${account}:root`);
        // Stryker disable next-line ConditionalExpression: a caller without an account matches no id and no root ARN anyway
        return account !== undefined && accountNamed ? "account" : "none";
    };
    if (st.principal) return names(st.principal);
    // NotPrincipal names everyone it does not list (in a Deny: deny everyone but them).
    if (st.notPrincipal) return names(st.notPrincipal) === "none" ? "role" : "none";
    return "none";
}

/** The bucket an S3 ARN names (`arn:aws:s3:::bucket` or `.../key`); access point and MRAP ARNs name none. */
export function bucketOfArn(arn: string): string | undefined {
    return /^arn:[^:]+:s3:::([^/]+)/.exec(arn)?.[1];
}

const label = (st: Statement): string => (st.sid ? `'${st.sid}'` : `#${st.index + 1}`);

/** Whether the role may perform ONE action on the resource (see the file comment for the rules). */
export function can(source: AccessSource, req: AccessRequest): AccessDecision {
    const account = accountOf(req.principal);
    const ctx = contextOf(req, account);
    const identity = source.identityOf(req.principal);
    if (identity === undefined) return { allowed: undefined, reason: `role ${req.principal} is not in the system` };
    const bucket = bucketOfArn(req.resource);
    const resourceStatements = bucket === undefined ? undefined : source.bucketPolicyOf(bucket);
    const applies = (st: Statement): boolean | undefined =>
        appliesToAction(st, req.action) && appliesToResource(st, req.resource)
            ? conditionsHold(st.conditions, ctx)
            : false;

    for (const st of identity.statements) {
        if (st.effect === "Deny" && applies(st) === true)
            return { allowed: false, reason: `the role's own statement ${label(st)} denies it` };
    }
    let resourceGrant: "role" | "account" | "none" = "none";
    if (Array.isArray(resourceStatements)) {
        for (const st of resourceStatements) {
            const who = principalMatch(st, req.principal, account);
            if (who === "none") continue;
            const a = applies(st);
            if (st.effect === "Deny" && a === true)
                return { allowed: false, reason: `statement ${label(st)} of the policy of '${bucket}' denies it` };
            if (st.effect === "Allow" && a !== false && resourceGrant !== "role") resourceGrant = who;
        }
    }
    const identityAllows = identity.statements.some((st) => st.effect === "Allow" && applies(st) !== false);
    const crossAccount = req.resourceAccount !== undefined && account !== undefined && req.resourceAccount !== account;
    if (crossAccount) {
        if (!identityAllows)
            return identity.complete
                ? { allowed: false, reason: "no policy of the role allows it" }
                : { allowed: undefined, reason: "some of the role's policies are not in the system" };
        // Another account's bucket: its policy must allow the role (or its account) too. Judged when the bucket is seen.
        if (resourceStatements === undefined) return { allowed: true, reason: `the bucket '${bucket}' is not seen` };
        if (resourceStatements === UNKNOWN)
            return { allowed: undefined, reason: `the policy of '${bucket}' is unknown` };
        return resourceGrant !== "none"
            ? { allowed: true, reason: "allowed by the role's policy and the bucket policy" }
            : {
                  allowed: false,
                  reason: `the policy of '${bucket}' (account ${req.resourceAccount}) does not allow the role`,
              };
    }
    if (identityAllows || resourceGrant === "role") return { allowed: true, reason: "allowed" };
    if (!identity.complete || resourceStatements === UNKNOWN)
        return { allowed: undefined, reason: "some of the policies that decide are not known" };
    return { allowed: false, reason: "no policy of the role allows it" };
}

/** Whether the role may perform ANY action a pattern expands to (e.g. "can it delete": `s3:Delete*`), and which. */
export function canAny(
    source: AccessSource,
    req: AccessRequest,
    catalogue: ActionCatalogue,
): { allowed: boolean | undefined; actions: string[] } {
    const decisions = expandActions([req.action], catalogue).actions.map((action) => ({
        action,
        d: can(source, { ...req, action }),
    }));
    const actions = decisions.filter((x) => x.d.allowed === true).map((x) => x.action);
    if (actions.length > 0) return { allowed: true, actions };
    return { allowed: decisions.some((x) => x.d.allowed === undefined) ? undefined : false, actions };
}
