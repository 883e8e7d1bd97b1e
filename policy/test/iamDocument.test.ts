// IAM documents as the pack reads them: statements parsed field by field, condition operators, trust, account ids.

import * as assert from "node:assert/strict";

import {
    Statement,
    accountOf,
    appliesToAction,
    appliesToResource,
    grantsEveryAction,
    isAccountPrincipal,
    parsePolicyDocument,
    trustedServices,
    trustsService,
} from "../lib/iamDocument";

function parsed(...sts: Record<string, unknown>[]): Statement[] {
    const doc = parsePolicyDocument(JSON.stringify({ Version: "2012-10-17", Statement: sts }));
    assert.ok(doc !== undefined && typeof doc === "object" && doc.ok);
    return doc.statements;
}

describe("lib: IAM documents read field by field", () => {
    it("reads NotPrincipal's accounts and services as Principal's", () => {
        const [st] = parsed({
            Effect: "Deny",
            NotPrincipal: { AWS: "arn:aws:iam::111111111111:role/writer", Service: "s3.amazonaws.com" },
            Action: "s3:*",
            Resource: "*",
        });
        assert.deepEqual(st.notPrincipal, {
            star: false,
            aws: ["arn:aws:iam::111111111111:role/writer"],
            service: ["s3.amazonaws.com"],
            federated: [],
            canonicalUser: [],
        });
        assert.equal(st.principal, undefined);
    });

    it("reads numbers and booleans as their text, and drops empty or structured values", () => {
        const [st] = parsed({
            Effect: "Allow",
            Action: ["s3:ListBucket", "", { Nested: "s3:GetObject" }],
            Resource: "*",
            Condition: { NumericLessThanEquals: { "s3:max-keys": 10 }, Bool: { "aws:SecureTransport": true } },
        });
        assert.deepEqual(st.action, ["s3:ListBucket"]);
        assert.deepEqual(st.conditions, [
            { operator: "NumericLessThanEquals", key: "s3:max-keys", values: ["10"] },
            { operator: "Bool", key: "aws:securetransport", values: ["true"] },
        ]);
    });

    it("reads a set operator only as a whole prefix of the operator name", () => {
        const [st] = parsed({
            Effect: "Allow",
            Action: "s3:GetObject",
            Resource: "*",
            Condition: {
                "ForAnyValue:StringEquals": { "aws:TagKeys": "team" },
                "XForAllValues:StringEquals": { "aws:TagKeys": "cost" },
                "ForAllValues:StringEquals\nStringLike": { "aws:TagKeys": "owner" },
            },
        });
        assert.deepEqual(st.conditions, [
            { operator: "StringEquals", key: "aws:tagkeys", values: ["team"], setOperator: "ForAnyValue" },
            { operator: "XForAllValues:StringEquals", key: "aws:tagkeys", values: ["cost"] },
            { operator: "ForAllValues:StringEquals\nStringLike", key: "aws:tagkeys", values: ["owner"] },
        ]);
    });

    it("applies a NotAction statement to every action it does not list", () => {
        const [st] = parsed({ Effect: "Deny", NotAction: ["s3:Get*"], Resource: "*" });
        assert.equal(appliesToAction(st, "s3:PutObject"), true);
        assert.equal(appliesToAction(st, "s3:GetObject"), false);
        const [none] = parsed({ Effect: "Allow", Resource: "*" });
        assert.equal(appliesToAction(none, "s3:GetObject"), false);
    });
});

describe("lib: IAM documents, malformed parts", () => {
    it("says a string that is not JSON is not valid JSON, with the parser's own words", () => {
        let words = "";
        try {
            JSON.parse("{");
        } catch (e) {
            words = (e as Error).message;
        }
        assert.deepEqual(parsePolicyDocument("{"), { ok: false, error: `is not valid JSON (${words})` });
        assert.deepEqual(parsePolicyDocument("[]"), { ok: false, error: "is not a JSON object" });
        assert.deepEqual(parsePolicyDocument("{}"), { ok: false, error: "has no Statement" });
        assert.deepEqual(parsePolicyDocument('{"Statement":["x"]}'), {
            ok: false,
            error: "statement 0 is not an object",
        });
        assert.equal(parsePolicyDocument(""), undefined);
    });

    it("reads an Effect that is not text as none, and a principal that is neither * nor an object as nobody", () => {
        const doc = parsePolicyDocument({
            Statement: [
                { Effect: 1, Action: "s3:GetObject", Principal: null },
                { Effect: "Allow", Action: "s3:GetObject", Principal: "arn:aws:iam::111111111111:root" },
            ],
        } as never);
        assert.ok(doc !== undefined && typeof doc === "object" && doc.ok);
        const nobody = { star: false, aws: [], service: [], federated: [], canonicalUser: [] };
        assert.deepEqual(
            doc.statements.map((st) => [st.effect, st.principal]),
            [
                ["", nobody],
                ["Allow", nobody],
            ],
        );
    });

    it("reads every principal kind a statement names", () => {
        const [st] = parsed({
            Effect: "Allow",
            Action: "sts:AssumeRoleWithWebIdentity",
            Principal: { Federated: "cognito-identity.amazonaws.com", CanonicalUser: "abc123", Other: "x" },
        });
        assert.deepEqual(st.principal, {
            star: false,
            aws: [],
            service: [],
            federated: ["cognito-identity.amazonaws.com"],
            canonicalUser: ["abc123"],
        });
    });

    it("a wide grant is one any of whose actions is * or *:*, and a statement without Resource covers everything", () => {
        const [some, none] = parsed(
            { Effect: "Allow", Action: ["s3:GetObject", "*"], Resource: "*" },
            { Effect: "Allow", Action: ["s3:*", "*:GetObject"] },
        );
        assert.equal(grantsEveryAction(some), true);
        assert.equal(grantsEveryAction(none), false);
        assert.equal(appliesToResource(none, "arn:aws:s3:::any/key"), true);
        assert.equal(appliesToAction({ index: 0, effect: "Allow", conditions: [] }, "s3:GetObject"), false);
    });

    it("an account principal is an account id or a whole root ARN, nothing around it", () => {
        assert.equal(isAccountPrincipal("arn:aws-cn:iam::111111111111:root"), true);
        assert.equal(isAccountPrincipal("xarn:aws:iam::111111111111:root"), false);
        assert.equal(isAccountPrincipal("arn:aws:iam::111111111111:rootx"), false);
        assert.equal(isAccountPrincipal("arn:aws:iam::111111111111:root/x"), false);
        assert.equal(isAccountPrincipal("x111111111111"), false);
    });
});

describe("lib: trust policies", () => {
    const trust = (Effect: string, Action: string, Service: string) => ({ Effect, Action, Principal: { Service } });

    it("trusts a service only through an Allow of sts:AssumeRole, whichever statement it is in", () => {
        const sts = parsed(
            trust("Allow", "sts:AssumeRole", "s3.amazonaws.com"),
            trust("Allow", "sts:TagSession", "batchoperations.s3.amazonaws.com"),
            trust("Deny", "sts:AssumeRole", "ec2.amazonaws.com"),
            trust("Allow", "sts:*", "lambda.amazonaws.com"),
        );
        assert.deepEqual(trustedServices(sts), ["lambda.amazonaws.com", "s3.amazonaws.com"]);
        assert.equal(trustsService(sts, "s3.amazonaws.com"), true);
        assert.equal(trustsService(sts, "batchoperations.s3.amazonaws.com"), false);
        assert.equal(trustsService(sts, "ec2.amazonaws.com"), false);
    });
});

describe("lib: account ids of ARNs", () => {
    it("reads the account of any service's ARN, regional or global, and only of a whole ARN", () => {
        const table: [string, string | undefined][] = [
            ["111111111111", "111111111111"],
            ["arn:aws:iam::111111111111:role/replication", "111111111111"],
            ["arn:aws:sqs:ap-northeast-1:222222222222:events", "222222222222"],
            ["arn:aws-cn:kms:cn-north-1:222222222222:key/abc", "222222222222"],
            ["xarn:aws:iam::111111111111:role/replication", undefined],
            ["arn:aws:s3:::bucket-111111111111", undefined],
            ["arn:aws:iam::11111111111:root", undefined],
            ["1111111111111", undefined],
        ];
        for (const [arn, expected] of table) assert.equal(accountOf(arn), expected, arn);
    });
});
