// Conditions read for what they allow: wildcards in account parts, world-wide addresses, IfExists, and a star trust with an external id.

import * as assert from "node:assert/strict";

import { CALLER_RESTRICTING_KEYS, isNarrowingCondition, parsePolicyDocument, trustIsLimited } from "../lib/iamDocument";
import { coversEveryResource, grantsEveryAction } from "../lib/iamDocument";
import { conditionsHold } from "../lib/conditions";

const c = (operator: string, key: string, values: string[], setOperator?: string) => ({
    operator,
    key,
    values,
    ...(setOperator ? { setOperator } : {}),
});

function statementOf(st: Record<string, unknown>) {
    const parsed = parsePolicyDocument(JSON.stringify({ Statement: st }));
    assert.ok(parsed !== undefined && typeof parsed === "object" && parsed.ok);
    return parsed.statements[0];
}

describe("lib: conditions that narrow the caller, and those that only look as if they do", () => {
    const table: [ReturnType<typeof c>, boolean][] = [
        [c("ArnEquals", "aws:principalarn", ["arn:aws:iam::111111111111:role/reader"]), true],
        [c("ArnLike", "aws:principalarn", ["arn:aws:iam::111111111111:role/*"]), true],
        [c("ArnLike", "aws:principalarn", ["arn:aws:iam::*:role/reader"]), false],
        // ArnEquals honours wildcards as ArnLike does; StringEquals compares them literally.
        [c("ArnEquals", "aws:principalarn", ["arn:aws:iam::*:role/reader"]), false],
        [c("StringEquals", "aws:principalarn", ["arn:aws:iam::*:role/reader"]), true],
        [c("ArnLike", "aws:principalarn", ["arn:aws:iam::111111111111:root", "arn:aws:iam::1111111111?1:root"]), false],
        [c("ArnLike", "aws:sourcearn", ["arn:aws:s3:::example-bucket"]), true],
        [c("ArnLike", "aws:sourcearn", ["arn:aws:s3:::*"]), false],
        [c("ArnLike", "aws:sourcearn", ["arn:aws:*"]), false],
        [c("IpAddress", "aws:sourceip", ["203.0.113.0/24"]), true],
        [c("IpAddress", "aws:sourceip", ["0.0.0.0/0"]), false],
        // Any /0 admits every address of its family, whatever the address part says.
        [c("IpAddress", "aws:sourceip", ["10.0.0.0/0"]), false],
        [c("IpAddress", "aws:sourceip", ["10.0.0.0/16"]), true],
        // Only the prefix /0 admits everyone: /08 is /8 written with a leading zero.
        [c("IpAddress", "aws:sourceip", ["10.0.0.0/08"]), true],
        [c("IpAddress", "aws:vpcsourceip", [" 10.0.0.0/0 "]), false],
        [c("IpAddress", "aws:sourceip", ["203.0.113.0/24", "::/0"]), false],
        [c("NotIpAddress", "aws:sourceip", ["203.0.113.0/24"]), false],
        [c("StringEquals", "aws:principalorgid", ["o-abc123"]), true],
        [c("StringLike", "aws:principalorgid", ["o-*"]), false],
        [c("StringLike", "aws:principalorgpaths", ["o-abc123/r-ab12/*"]), true],
        [c("StringLike", "aws:principalorgpaths", ["*/r-ab12/*"]), false],
        [c("StringLike", "aws:sourceaccount", ["1111*"]), false],
        [c("StringEquals", "aws:sourceaccount", ["111111111111"]), true],
        // StringEquals compares a star literally; an empty value or no value at all admits no one in particular.
        [c("StringEquals", "aws:sourceaccount", ["11111111111*"]), true],
        [c("StringEquals", "aws:sourceaccount", [""]), false],
        [c("StringEquals", "aws:sourceaccount", []), false],
        [c("StringLike", "aws:sourcevpce", ["*"]), false],
        [c("StringLike", "aws:sourcevpce", ["vpce-0abc*"]), true],
        [c("StringEqualsIfExists", "aws:principalaccount", ["111111111111"]), false],
        [c("StringEquals", "s3:dataaccesspointaccount", ["111111111111"]), true],
        [c("StringLike", "s3:dataaccesspointaccount", ["*"]), false],
        [c("StringEquals", "aws:sourcevpce", ["vpce-0abc"], "ForAllValues"), false],
        [c("StringEqual", "aws:sourcevpce", ["vpce-0abc"]), false],
        [c("Null", "aws:sourcevpce", ["false"]), false],
    ];
    for (const [cond, expected] of table) {
        it(`${expected ? "narrows" : "does not narrow"}: ${cond.setOperator ? `${cond.setOperator}:` : ""}${cond.operator} ${cond.key} ${JSON.stringify(cond.values)}`, () => {
            assert.equal(isNarrowingCondition(cond, CALLER_RESTRICTING_KEYS), expected);
        });
    }
});

describe("lib: trust and grant width", () => {
    const trust = (principal: unknown, condition?: Record<string, unknown>) =>
        statementOf({
            Effect: "Allow",
            Principal: principal,
            Action: "sts:AssumeRole",
            ...(condition ? { Condition: condition } : {}),
        });
    const externalId = { StringEquals: { "sts:ExternalId": "partner-secret" } };

    it("an external id limits a trust of one account, not a trust of everyone", () => {
        assert.equal(trustIsLimited(trust({ AWS: "arn:aws:iam::333333333333:root" }, externalId)), true);
        assert.equal(trustIsLimited(trust("*", externalId)), false);
        assert.equal(trustIsLimited(trust({ AWS: "*" }, externalId)), false);
        const notPrincipal = statementOf({
            Effect: "Allow",
            NotPrincipal: { AWS: "arn:aws:iam::333333333333:root" },
            Action: "sts:AssumeRole",
            Condition: externalId,
        });
        assert.equal(trustIsLimited(notPrincipal), false, "a NotPrincipal trusts everyone else");
        assert.equal(trustIsLimited(trust("*", { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } })), true);
        assert.equal(trustIsLimited(trust("*", { StringLike: { "aws:PrincipalOrgID": "o-*" } })), false);
        assert.equal(trustIsLimited(trust({ AWS: "arn:aws:iam::333333333333:root" })), false);
    });

    it("NotAction and NotResource in an Allow are the wide grants they are", () => {
        const allow = (extra: Record<string, unknown>) => statementOf({ Effect: "Allow", ...extra });
        assert.equal(grantsEveryAction(allow({ NotAction: "s3:DeleteBucket", Resource: "*" })), true);
        assert.equal(grantsEveryAction(allow({ Action: "*:*", Resource: "*" })), true);
        assert.equal(grantsEveryAction(allow({ Action: "s3:*", Resource: "*" })), false);
        assert.equal(
            grantsEveryAction(statementOf({ Effect: "Deny", NotAction: "s3:GetObject", Resource: "*" })),
            false,
        );
        assert.equal(coversEveryResource(allow({ Action: "s3:GetObject", NotResource: "arn:aws:s3:::x/*" })), true);
        assert.equal(coversEveryResource(allow({ Action: "s3:GetObject", Resource: "arn:aws:s3:::x/*" })), false);
    });
});

describe("lib: conditions of one statement, ANDed", () => {
    const ctx = { values: new Map([["aws:principalaccount", ["111111111111"]]]), absent: new Set<string>() };
    const known = c("StringEquals", "aws:principalaccount", ["111111111111"]);
    const wrong = c("StringEquals", "aws:principalaccount", ["222222222222"]);
    const unknown = c("StringEquals", "aws:sourcevpce", ["vpce-0abc"]);

    it("hold when all hold, fail when one fails, and cannot tell when one is not known", () => {
        assert.equal(conditionsHold([], ctx), true);
        assert.equal(conditionsHold([known], ctx), true);
        assert.equal(conditionsHold([known, unknown], ctx), undefined);
        assert.equal(conditionsHold([unknown, known], ctx), undefined);
        assert.equal(conditionsHold([unknown, wrong], ctx), false);
    });
});
