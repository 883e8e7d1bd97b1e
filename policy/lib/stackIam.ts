// IAM in a stack: roles by ARN, trust policies, and every permission a role gets (inline, RolePolicy, managed, attached).

import { ParsedDocument, Statement, parsePolicyDocument } from "./iamDocument";
import type { StackResource, StackView } from "./stack";
import { T } from "./types";
import { Plain, UNKNOWN, Unknown, get, list, str, strings } from "./values";

/** Permissions gathered for a role. `complete` is false when some attached policy is unknown or not in this stack. */
export interface RolePermissions {
    statements: Statement[];
    complete: boolean;
}

export function roles(view: StackView): StackResource[] {
    return view.ofType(T.role);
}

/** The role an ARN names: by its `arn` output, else by name (the last path segment) when its ARN is not known. */
export function roleByArn(view: StackView, arn: string): StackResource | undefined {
    const all = roles(view);
    const exact = all.find((r) => str(r.props["arn"]) === arn);
    if (exact) return exact;
    const m = /^arn:[^:]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn);
    if (!m) return undefined;
    return all.find((r) => {
        if (str(r.props["name"]) !== m[2]) return false;
        const own = str(r.props["arn"]);
        return own === undefined || own === UNKNOWN || own.includes(`::${m[1]}:`);
    });
}

/** The role's trust policy, parsed. */
export function trustPolicy(view: StackView, role: StackResource): ParsedDocument | Unknown | undefined {
    return parsePolicyDocument(role.props["assumeRolePolicy"]);
}

/**
 * Everything the role is allowed: inline policies, RolePolicy resources, and customer managed
 * policies of this stack attached to it. AWS managed policies are not in the stack, so a role
 * with one attached has `complete: false` and a check must not conclude a permission is missing.
 */
export function rolePermissions(view: StackView, role: StackResource): RolePermissions {
    const statements: Statement[] = [];
    let complete = true;
    const add = (doc: Plain | undefined): void => {
        const parsed = parsePolicyDocument(doc);
        if (parsed === UNKNOWN) complete = false;
        else if (parsed !== undefined && parsed.ok) statements.push(...parsed.statements);
    };
    const roleName = str(role.props["name"]);
    const roleArn = str(role.props["arn"]);
    const roleId = str(role.props["id"]);
    const isThisRole = (v: Plain | undefined): boolean | Unknown => {
        const s = str(v);
        if (s === UNKNOWN) return UNKNOWN;
        return s !== undefined && (s === roleName || s === roleArn || s === roleId);
    };

    const inline = list(role.props["inlinePolicies"]);
    if (inline === UNKNOWN) complete = false;
    else for (const p of inline ?? []) add(get(p, "policy"));

    for (const rp of view.ofType(T.rolePolicy)) {
        const mine = isThisRole(rp.props["role"]);
        if (mine === UNKNOWN) complete = false;
        else if (mine) add(rp.props["policy"]);
    }

    const attachedArns: string[] = [];
    const managed = strings(role.props["managedPolicyArns"]);
    if (managed.unknown) complete = false;
    attachedArns.push(...managed.values);
    for (const att of view.ofType(T.rolePolicyAttachment)) {
        const mine = isThisRole(att.props["role"]);
        const arn = str(att.props["policyArn"]);
        if (mine === UNKNOWN) complete = false;
        else if (mine) {
            if (arn === UNKNOWN) complete = false;
            else if (arn !== undefined) attachedArns.push(arn);
        }
    }
    for (const att of view.ofType(T.policyAttachment)) {
        const roles = strings(att.props["roles"]);
        const arn = str(att.props["policyArn"]);
        if (roles.unknown) complete = false;
        if (roles.values.some((r) => isThisRole(r) === true)) {
            if (arn === UNKNOWN || arn === undefined) complete = false;
            else attachedArns.push(arn);
        }
    }
    for (const arn of attachedArns) {
        const policy = managedPolicy(view, arn);
        if (policy === undefined) complete = false;
        else add(policy.props["policy"]);
    }
    return { statements, complete };
}

function managedPolicy(view: StackView, arn: string): StackResource | undefined {
    const policies = view.ofType(T.iamPolicy);
    const exact = policies.find((p) => str(p.props["arn"]) === arn);
    if (exact) return exact;
    const m = /^arn:[^:]+:iam::\d{12}:policy\/(?:.*\/)?([^/]+)$/.exec(arn);
    return m ? policies.find((p) => str(p.props["name"]) === m[1]) : undefined;
}
