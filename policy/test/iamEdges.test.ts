// IAM policies at their edges: documents that do not parse, values not known yet, and the conditions that alone decide.

import * as aws from "@pulumi/aws";

import { T } from "../lib/types";
import { UNKNOWN_SENTINEL } from "../lib/values";
import { iamCrossAccountTrust, iamNoStarOnStar } from "../policies/iam";
import { PolicyInputResource } from "../runner";
import { json, policyCases, raw, res, violation } from "./fixtures";
import { A, B, PARTNER } from "./stacks";

const doc = (statements: unknown[]): string => json({ Version: "2012-10-17", Statement: statements });
const ec2Trust = doc([{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }]);

{
    const managed = (arn: string): PolicyInputResource =>
        res(aws.iam.Role, "managed", { assumeRolePolicy: ec2Trust, managedPolicyArns: [arn] });
    const china = managed("arn:aws-cn:iam::aws:policy/AdministratorAccess");
    const noStatement = res(aws.iam.Policy, "empty", { policy: json({ Version: "2012-10-17", Statement: [] }) });
    const inlineNotObject = raw(T.role, "inline-text", {
        assumeRolePolicy: ec2Trust,
        inlinePolicies: [{ name: "listy", policy: json(["s3:*"]) }],
    });
    policyCases(iamNoStarOnStar, {
        pass: [
            {
                // AWS-managed policies whose names only start with AdministratorAccess grant one service each.
                title: "AdministratorAccess-Amplify, and a customer policy that is merely named AdministratorAccess",
                resources: [
                    managed("arn:aws:iam::aws:policy/AdministratorAccess-Amplify"),
                    res(aws.iam.RolePolicyAttachment, "own", {
                        role: "r",
                        policyArn: `arn:aws:iam::${A}:policy/AdministratorAccess`,
                    }),
                ],
            },
            {
                title: "a role whose inline policies are not known yet (preview)",
                resources: [raw(T.role, "later", { assumeRolePolicy: ec2Trust, inlinePolicies: UNKNOWN_SENTINEL })],
            },
            {
                title: "an inline policy entry with no document, and an attachment whose ARN is not known yet",
                resources: [
                    raw(T.role, "nameless", { assumeRolePolicy: ec2Trust, inlinePolicies: [{ name: "empty" }] }),
                    raw(T.rolePolicyAttachment, "later", { role: "r", policyArn: UNKNOWN_SENTINEL }),
                ],
            },
        ],
        fail: [
            {
                title: "AdministratorAccess in another partition",
                resources: [china],
                expect: [violation(iamNoStarOnStar, china, "Attaches arn:aws-cn:iam::aws:policy/AdministratorAccess.")],
            },
            {
                title: "a policy with no statement",
                resources: [noStatement],
                expect: [violation(iamNoStarOnStar, noStatement, "The policy has no Statement.")],
            },
            {
                title: "an inline policy that is not a JSON object",
                resources: [inlineNotObject],
                expect: [violation(iamNoStarOnStar, inlineNotObject, "Inline policy 'listy' is not a JSON object.")],
            },
        ],
    });
}

{
    const PROVIDER_URN = "urn:pulumi:test::s3-multiregion::pulumi:providers:aws::account-a";
    const provider = (allowedAccountIds: unknown): PolicyInputResource =>
        raw("pulumi:providers:aws", "account-a", { region: "ap-northeast-1", allowedAccountIds }, { id: "p" });
    const role = (statement: Record<string, unknown>, pinned = false): PolicyInputResource =>
        res(
            aws.iam.Role,
            "partner",
            { assumeRolePolicy: doc([{ Effect: "Allow", Action: "sts:AssumeRole", ...statement }]) },
            pinned ? { provider: `${PROVIDER_URN}::p` } : {},
        );
    const ownRoot = { Principal: { AWS: `arn:aws:iam::${A}:root` } };
    const TAIL = "with no sts:ExternalId, aws:PrincipalOrgID or aws:PrincipalArn condition.";
    const notPrincipal = role({ NotPrincipal: { AWS: `arn:aws:iam::${PARTNER}:role/blocked` } });
    const twoPinned = role(ownRoot, true);
    const badJson = role(ownRoot, true);
    const notJsonTrust = raw(T.role, "text", { assumeRolePolicy: json("sts:AssumeRole") });
    policyCases(iamCrossAccountTrust, {
        pass: [
            { title: "a role with no trust policy", resources: [raw(T.role, "bare", {})] },
            {
                title: "a Deny of sts:AssumeRole to the partner's root",
                resources: [role({ Effect: "Deny", Principal: { AWS: `arn:aws:iam::${PARTNER}:root` } })],
            },
            {
                // Only sts:AssumeRole lets the partner take the role; tagging a session alone does not.
                title: "an Allow of sts:TagSession alone to the partner's root",
                resources: [
                    res(aws.iam.Role, "tagging", {
                        assumeRolePolicy: doc([
                            {
                                Effect: "Allow",
                                Principal: { AWS: `arn:aws:iam::${PARTNER}:root` },
                                Action: "sts:TagSession",
                            },
                        ]),
                    }),
                ],
            },
        ],
        fail: [
            {
                // NotPrincipal in an Allow trusts everyone except the principals it names.
                title: "an Allow with NotPrincipal",
                resources: [notPrincipal],
                expect: [violation(iamCrossAccountTrust, notPrincipal, `Statement #1 trusts * ${TAIL}`)],
            },
            {
                // With two allowed accounts the role's own account is not known: its root is another account's.
                title: "own account root, but the provider allows two accounts",
                resources: [provider(JSON.stringify([A, B])), twoPinned],
                expect: [
                    violation(iamCrossAccountTrust, twoPinned, `Statement #1 trusts arn:aws:iam::${A}:root ${TAIL}`),
                ],
            },
            {
                title: "own account root, but the provider's account list is not valid JSON",
                resources: [provider(`["${A}"`), badJson],
                expect: [
                    violation(iamCrossAccountTrust, badJson, `Statement #1 trusts arn:aws:iam::${A}:root ${TAIL}`),
                ],
            },
            {
                title: "a trust policy that is not a JSON object",
                resources: [notJsonTrust],
                expect: [violation(iamCrossAccountTrust, notJsonTrust, "The trust policy is not a JSON object.")],
            },
        ],
    });
}
