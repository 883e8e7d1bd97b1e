// Passing and failing fixtures for the IAM policies.

import * as aws from "@pulumi/aws";

import { iamCrossAccountTrust, iamNoStarOnStar } from "../policies/iam";
import { PolicyInputResource } from "../runner";
import { json, policyCases, res, violation } from "./fixtures";
import { A, PARTNER, tokyoStack } from "./stacks";

const doc = (statements: unknown[]): string => json({ Version: "2012-10-17", Statement: statements });

{
    const inline = res(aws.iam.RolePolicy, "admin", {
        role: "r",
        policy: doc([{ Sid: "Everything", Effect: "Allow", Action: "*", Resource: "*" }]),
    });
    const managed = res(aws.iam.Role, "admin-role", {
        assumeRolePolicy: doc([
            { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
        ]),
        managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"],
    });
    const customer = res(aws.iam.Policy, "customer", {
        policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["*:*"], Resource: ["*"] }] },
    });
    // A role's inline policies are judged like RolePolicy resources: each named in the message, or "(unnamed)".
    const inlineOnRole = res(aws.iam.Role, "inline-role", {
        assumeRolePolicy: doc([
            { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
        ]),
        inlinePolicies: [
            { name: "everything", policy: doc([{ Effect: "Allow", Action: "*", Resource: "*" }]) },
            { policy: doc([{ Sid: "Anything", Effect: "Allow", NotAction: "iam:PassRole", Resource: "*" }]) },
        ],
    });
    const attachment = res(aws.iam.RolePolicyAttachment, "attach", {
        role: "r",
        policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
    });
    policyCases(iamNoStarOnStar, {
        pass: [
            { title: "tokyo: every role's permissions name their actions and resources", resources: tokyoStack() },
            {
                title: "s3:* on one bucket, and Deny * on *",
                resources: [
                    res(aws.iam.RolePolicy, "p", {
                        role: "r",
                        policy: doc([
                            { Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::b/*" },
                            { Effect: "Deny", Action: "*", Resource: "*" },
                        ]),
                    }),
                ],
            },
        ],
        fail: [
            {
                title: "RolePolicy allowing * on *",
                resources: [inline],
                expect: [violation(iamNoStarOnStar, inline, 'Statement Everything of the policy allows "*" on "*".')],
            },
            {
                title: "role whose inline policies allow * on *",
                resources: [inlineOnRole],
                expect: [
                    violation(
                        iamNoStarOnStar,
                        inlineOnRole,
                        `Statement #1 of inline policy 'everything' allows "*" on "*".`,
                    ),
                    violation(
                        iamNoStarOnStar,
                        inlineOnRole,
                        `Statement Anything of inline policy '(unnamed)' allows "*" on "*".`,
                    ),
                ],
            },
            {
                title: "role with AdministratorAccess",
                resources: [managed],
                expect: [violation(iamNoStarOnStar, managed, "Attaches arn:aws:iam::aws:policy/AdministratorAccess.")],
            },
            {
                title: "customer managed policy allowing *:* on * (object form)",
                resources: [customer],
                expect: [violation(iamNoStarOnStar, customer, 'Statement #1 of the policy allows "*" on "*".')],
            },
            {
                title: "AdministratorAccess attachment",
                resources: [attachment],
                expect: [
                    violation(iamNoStarOnStar, attachment, "Attaches arn:aws:iam::aws:policy/AdministratorAccess."),
                ],
            },
        ],
    });
}

{
    const PROVIDER_URN = "urn:pulumi:test::s3-multiregion::pulumi:providers:aws::account-a";
    const provider: PolicyInputResource = {
        urn: PROVIDER_URN,
        type: "pulumi:providers:aws",
        name: "account-a",
        inputs: { region: "ap-northeast-1", allowedAccountIds: JSON.stringify([A]) },
        id: "p",
    };
    const role = (statement: Record<string, unknown>, extra: { provider?: string } = {}): PolicyInputResource =>
        res(
            aws.iam.Role,
            "partner",
            { assumeRolePolicy: doc([{ Effect: "Allow", Action: "sts:AssumeRole", ...statement }]) },
            extra,
        );
    const reportRole = role({ Principal: { AWS: `arn:aws:iam::${PARTNER}:root` }, Condition: {} });
    const star = role({ Principal: { AWS: "*" }, Condition: { StringEqualsIfExists: { "sts:ExternalId": "x" } } });
    const bare = role({ Principal: { AWS: PARTNER } });
    policyCases(iamCrossAccountTrust, {
        pass: [
            { title: "tokyo: partner root with sts:ExternalId", resources: tokyoStack() },
            {
                title: "explicit role ARN of the partner",
                resources: [role({ Principal: { AWS: `arn:aws:iam::${PARTNER}:role/uploader` } })],
            },
            {
                title: "organisation id condition",
                resources: [
                    role({
                        Principal: { AWS: "*" },
                        Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } },
                    }),
                ],
            },
            {
                title: "own account root, account pinned by the provider as a list (not JSON text)",
                resources: [
                    { ...provider, inputs: { ...provider.inputs, allowedAccountIds: [A] } },
                    role({ Principal: { AWS: `arn:aws:iam::${A}:root` } }, { provider: `${PROVIDER_URN}::p` }),
                ],
            },
            {
                title: "own account root, account pinned by the provider",
                resources: [
                    provider,
                    role({ Principal: { AWS: `arn:aws:iam::${A}:root` } }, { provider: `${PROVIDER_URN}::p` }),
                ],
            },
        ],
        fail: [
            {
                title: "partner account root with an empty condition (the MRAP field report)",
                resources: [reportRole],
                expect: [
                    violation(
                        iamCrossAccountTrust,
                        reportRole,
                        `Statement #1 trusts arn:aws:iam::${PARTNER}:root with no sts:ExternalId, aws:PrincipalOrgID or aws:PrincipalArn condition.`,
                    ),
                ],
            },
            {
                title: "* with an ...IfExists external id (absent id passes)",
                resources: [star],
                expect: [
                    violation(
                        iamCrossAccountTrust,
                        star,
                        "Statement #1 trusts * with no sts:ExternalId, aws:PrincipalOrgID or aws:PrincipalArn condition.",
                    ),
                ],
            },
            {
                title: "bare account id",
                resources: [bare],
                expect: [
                    violation(
                        iamCrossAccountTrust,
                        bare,
                        `Statement #1 trusts ${PARTNER} with no sts:ExternalId, aws:PrincipalOrgID or aws:PrincipalArn condition.`,
                    ),
                ],
            },
        ],
    });
}
