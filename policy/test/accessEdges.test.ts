// can(P, A, R) at its edges: NotPrincipal in a bucket policy, a Deny whose condition is not known, the exact reasons.

import * as assert from "node:assert/strict";

import { can } from "../lib/access";
import { UNKNOWN } from "../lib/values";
import { A, B, OTHER_ROLE, ROLE, allow, obj, req, statements, system } from "./accessFixtures";

describe("lib: can(principal, action, resource), edges", () => {
    const identity = statements(allow("s3:PutObject", "arn:aws:s3:::reports/*"));
    const notPrincipalDeny = (AWS: string) =>
        statements({
            Effect: "Deny",
            NotPrincipal: { AWS },
            Action: "s3:PutObject",
            Resource: "arn:aws:s3:::reports/*",
        });

    it("a bucket policy's NotPrincipal deny denies every role it does not list, and spares the ones it does", () => {
        assert.deepEqual(
            can(system(identity, { reports: notPrincipalDeny(OTHER_ROLE) }), req("s3:PutObject", obj("reports"))),
            {
                allowed: false,
                reason: "statement #1 of the policy of 'reports' denies it",
            },
        );
        assert.deepEqual(
            can(system(identity, { reports: notPrincipalDeny(ROLE) }), req("s3:PutObject", obj("reports"))),
            {
                allowed: true,
                reason: "allowed",
            },
        );
        assert.equal(
            can(
                system(identity, { reports: notPrincipalDeny(`arn:aws:iam::${A}:root`) }),
                req("s3:PutObject", obj("reports")),
            ).allowed,
            true,
            "listing the role's account spares the role",
        );
    });

    it("a NotPrincipal allow grants every role it does not list", () => {
        const grant = (AWS: string) =>
            statements({
                Effect: "Allow",
                NotPrincipal: { AWS },
                Action: "s3:PutObject",
                Resource: "arn:aws:s3:::reports/*",
            });
        assert.equal(
            can(system([], { reports: grant(OTHER_ROLE) }), req("s3:PutObject", obj("reports"))).allowed,
            true,
        );
        assert.equal(can(system([], { reports: grant(ROLE) }), req("s3:PutObject", obj("reports"))).allowed, false);
    });

    it("a Deny of the role whose condition is not known neither denies nor allows", () => {
        const deny = statements({
            Effect: "Deny",
            Action: "s3:PutObject",
            Resource: "*",
            Condition: { StringEquals: { "aws:SourceVpce": "vpce-1" } },
        });
        assert.deepEqual(can(system(deny), req("s3:PutObject", obj("reports"))), {
            allowed: false,
            reason: "no policy of the role allows it",
        });
        assert.deepEqual(can(system(deny, {}, false), req("s3:PutObject", obj("reports"))), {
            allowed: undefined,
            reason: "some of the policies that decide are not known",
        });
    });

    it("names its reason exactly: both sides across accounts, a bucket policy not known in one account", () => {
        const grant = statements({
            Effect: "Allow",
            Principal: { AWS: A },
            Action: "s3:PutObject",
            Resource: "arn:aws:s3:::reports/*",
        });
        assert.deepEqual(can(system(identity, { reports: grant }), req("s3:PutObject", obj("reports"), B)), {
            allowed: true,
            reason: "allowed by the role's policy and the bucket policy",
        });
        assert.deepEqual(can(system(identity), req("s3:PutObject", obj("reports"), B)), {
            allowed: true,
            reason: "the bucket 'reports' is not seen",
        });
        assert.deepEqual(can(system(identity, { reports: UNKNOWN }), req("s3:PutObject", obj("reports"), B)), {
            allowed: undefined,
            reason: "the policy of 'reports' is unknown",
        });
        assert.deepEqual(can(system([], { reports: UNKNOWN }), req("s3:PutObject", obj("reports"))), {
            allowed: undefined,
            reason: "some of the policies that decide are not known",
        });
        assert.deepEqual(can(system([], {}, false), req("s3:PutObject", obj("reports"), B)), {
            allowed: undefined,
            reason: "some of the role's policies are not in the system",
        });
        assert.deepEqual(can(system([]), req("s3:PutObject", obj("reports"), B)), {
            allowed: false,
            reason: "no policy of the role allows it",
        });
        assert.deepEqual(can(system([]), { ...req("s3:PutObject", obj("reports")), principal: OTHER_ROLE }), {
            allowed: undefined,
            reason: `role ${OTHER_ROLE} is not in the system`,
        });
    });

    it("knows the request's accounts and the context it is given, with keys in any case", () => {
        const denyUnless = (op: string, key: string, value: string) =>
            statements(allow("s3:*", "*"), {
                Effect: "Deny",
                Action: "s3:*",
                Resource: "*",
                Condition: { [op]: { [key]: value } },
            });
        const put = req("s3:PutObject", obj("reports"), B);
        assert.equal(can(system(denyUnless("StringNotEquals", "aws:ResourceAccount", A)), put).allowed, false);
        assert.equal(can(system(denyUnless("StringNotEquals", "aws:ResourceAccount", B)), put).allowed, true);
        assert.equal(can(system(denyUnless("StringNotEquals", "aws:PrincipalAccount", B)), put).allowed, false);
        assert.equal(can(system(denyUnless("StringNotEquals", "aws:PrincipalAccount", A)), put).allowed, true);
        const viaAccessPoint = denyUnless("Null", "s3:DataAccessPointArn", "true");
        assert.equal(can(system(viaAccessPoint), req("s3:GetObject", obj("data"))).allowed, false, "a direct request");
        const through = {
            ...req("s3:GetObject", obj("data")),
            context: { "S3:DataAccessPointArn": [`arn:aws:s3::${A}:accesspoint/mrap.mrap`] },
        };
        assert.equal(can(system(viaAccessPoint), through).allowed, true, "through an access point");
    });

    it("a bucket policy statement counts only for the principals it names, a role grant outweighing an account one", () => {
        const st = (Effect: string, AWS: string, extra: Record<string, unknown> = {}) => ({
            Effect,
            Principal: { AWS },
            Action: "s3:PutObject",
            Resource: "arn:aws:s3:::reports/*",
            ...extra,
        });
        const put = req("s3:PutObject", obj("reports"), A);
        const bucketOnly = (...sts: Record<string, unknown>[]) => can(system([], { reports: statements(...sts) }), put);
        assert.equal(bucketOnly(st("Allow", ROLE), st("Allow", A)).allowed, true);
        assert.equal(can(system(identity, { reports: statements(st("Deny", OTHER_ROLE)) }), put).allowed, true);
        const unknownCondition = { Condition: { StringEquals: { "aws:SourceVpce": "vpce-1" } } };
        assert.equal(bucketOnly(st("Deny", ROLE, unknownCondition)).allowed, false);
        assert.equal(bucketOnly(st("Allow", ROLE, unknownCondition)).allowed, true);
    });
});
