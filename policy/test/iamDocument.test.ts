// IAM documents as the pack reads them: statements parsed field by field, condition operators, trust, account ids.

import * as assert from "node:assert/strict";

import {
    Statement,
    accountOf,
    appliesToAction,
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
