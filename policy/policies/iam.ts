// IAM policies: no full-admin statements, and cross-account trust limited to known callers.

import { ResourceValidationPolicy } from "@pulumi/policy";

import { forTypes } from "../lib/check";
import {
    Statement,
    accountOf,
    appliesToAction,
    coversEveryResource,
    grantsEveryAction,
    isAccountPrincipal,
    isAllow,
    parsePolicyDocument,
    trustIsLimited,
} from "../lib/iamDocument";
import { T } from "../lib/types";
import { Plain, UNKNOWN, get, list, plain, str, strings } from "../lib/values";

const POLICY_TYPES: readonly string[] = [T.rolePolicy, T.iamPolicy, T.userPolicy, T.groupPolicy];
const ATTACHMENT_TYPES = [T.rolePolicyAttachment, T.userPolicyAttachment, T.groupPolicyAttachment, T.policyAttachment];

function isAdministratorAccess(arn: string): boolean {
    return /^arn:[^:]+:iam::aws:policy\/AdministratorAccess$/.test(arn);
}

function isStarOnStar(st: Statement): boolean {
    return grantsEveryAction(st) && coversEveryResource(st);
}

export const iamNoStarOnStar: ResourceValidationPolicy = {
    name: "iam-no-star-on-star",
    description:
        'No IAM policy allows Action "*" on Resource "*", and no role, user or group gets AdministratorAccess. Such a grant ' +
        "turns any leaked credential or confused-deputy path into full control of the account, including the buckets' policies " +
        "and the replication roles. Mandatory: one leaked credential controls the account. Fix: list the actions the principal needs on the exact resources (bucket and object ARNs, the MRAP ARN).",
    enforcementLevel: "mandatory",
    validateResource: forTypes([T.role, ...POLICY_TYPES, ...ATTACHMENT_TYPES], (r, report) => {
        const docs: { label: string; doc: Plain | undefined }[] = [];
        const arns: string[] = [];
        if (r.type === T.role) {
            const inline = list(r.props["inlinePolicies"]);
            // Not known yet (preview): judged again during `pulumi up`.
            if (inline !== UNKNOWN)
                for (const p of inline ?? []) {
                    const name = str(get(p, "name"));
                    docs.push({
                        label: `inline policy '${typeof name === "string" ? name : "(unnamed)"}'`,
                        doc: get(p, "policy"),
                    });
                }
            arns.push(...strings(r.props["managedPolicyArns"]).values);
        } else if (POLICY_TYPES.includes(r.type)) {
            docs.push({ label: "the policy", doc: r.props["policy"] });
        } else {
            const arn = str(r.props["policyArn"]);
            if (typeof arn === "string") arns.push(arn);
        }
        for (const arn of arns.filter(isAdministratorAccess)) report(`Attaches ${arn}.`);
        for (const { label, doc } of docs) {
            const parsed = parsePolicyDocument(doc);
            if (parsed === UNKNOWN || parsed === undefined) continue;
            if (!parsed.ok) {
                report(`${label[0].toUpperCase()}${label.slice(1)} ${parsed.error}.`);
                continue;
            }
            for (const st of parsed.statements.filter(isStarOnStar))
                report(`Statement ${st.sid ?? `#${st.index + 1}`} of ${label} allows "*" on "*".`);
        }
    }),
};

/**
 * The account the role is created in, when its provider pins one (allowedAccountIds with a single
 * entry). Provider inputs carry structured values as JSON text (`"[\"111111111111\"]"`), so both forms count.
 */
function ownAccount(providerProps: Record<string, Plain> | undefined): string | undefined {
    let value = providerProps?.["allowedAccountIds"];
    if (typeof value === "string" && value.trim().startsWith("[")) {
        try {
            value = plain(JSON.parse(value));
            // Stryker disable next-line BlockStatement: text that is not JSON stays a string no account principal equals
        } catch {
            return undefined;
        }
    }
    const ids = strings(value);
    return ids.values.length === 1 ? ids.values[0] : undefined;
}

export const iamCrossAccountTrust: ResourceValidationPolicy = {
    name: "iam-cross-account-trust-limited",
    description:
        "A role trust policy that lets another account assume the role limits who may: an sts:ExternalId, an aws:PrincipalOrgID " +
        "(or OrgPaths) or aws:PrincipalArn condition, or explicit role/user ARNs as principals. Trusting `arn:aws:iam::<account>:root` " +
        'or "*" with no condition lets every principal of that account (or of any account) that holds sts:AssumeRole take the role. ' +
        "Trust of the role's own account is accepted when the provider's allowedAccountIds names it. Mandatory: anyone in " +
        "the partner's account could write the data. " +
        "Fix: name the partner's role ARNs, or add Condition StringEquals sts:ExternalId (or aws:PrincipalOrgID).",
    enforcementLevel: "mandatory",
    validateResource: forTypes([T.role], (r, report) => {
        const parsed = parsePolicyDocument(r.props["assumeRolePolicy"]);
        if (parsed === UNKNOWN || parsed === undefined) return;
        if (!parsed.ok) {
            report(`The trust policy ${parsed.error}.`);
            return;
        }
        const own = ownAccount(r.providerProps);
        for (const st of parsed.statements) {
            if (!isAllow(st) || !appliesToAction(st, "sts:AssumeRole")) continue;
            const wide: string[] = [];
            if (st.principal?.star || st.notPrincipal) wide.push("*");
            for (const p of st.principal?.aws ?? []) {
                if (isAccountPrincipal(p) && accountOf(p) !== own) wide.push(p);
            }
            if (wide.length > 0 && !trustIsLimited(st)) {
                report(
                    `Statement ${st.sid ?? `#${st.index + 1}`} trusts ${wide.join(", ")} with no sts:ExternalId, aws:PrincipalOrgID or aws:PrincipalArn condition.`,
                );
            }
        }
    }),
};

export const iamPolicies = [iamNoStarOnStar, iamCrossAccountTrust];
