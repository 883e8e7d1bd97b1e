// Table tests for the pack's helpers: IAM documents and wildcards, CIDR arithmetic, report-bucket patterns, plain snapshots.

import * as assert from "node:assert/strict";

import { unknownCheckingProxy } from "../engine/policySdk";
import { isWorldCidr, vpcResolverAddress } from "../lib/cidr";
import {
    CALLER_RESTRICTING_KEYS,
    accountOf,
    globMatch,
    isAccountPrincipal,
    isNarrowingCondition,
    parsePolicyDocument,
} from "../lib/iamDocument";
import { patternCoversObjectIn } from "../lib/s3";
import { bucketNameFromRef } from "../lib/stack";
import { UNKNOWN, UNKNOWN_SENTINEL, plain } from "../lib/values";

describe("lib: policy documents", () => {
    it("parses string and object documents, single statements and every principal form", () => {
        const parsed = parsePolicyDocument(
            JSON.stringify({
                Statement: {
                    Sid: "S",
                    Effect: "Allow",
                    Principal: { AWS: ["*", "arn:aws:iam::111111111111:root"], Service: "s3.amazonaws.com" },
                    Action: "s3:GetObject",
                    Resource: ["a", "b"],
                    Condition: {
                        "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": ["o-1/*"] },
                        Bool: { "aws:SecureTransport": false },
                    },
                },
            }),
        );
        assert.deepStrictEqual(parsed, {
            ok: true,
            statements: [
                {
                    index: 0,
                    sid: "S",
                    effect: "Allow",
                    action: ["s3:GetObject"],
                    resource: ["a", "b"],
                    principal: {
                        star: true,
                        aws: ["*", "arn:aws:iam::111111111111:root"],
                        service: ["s3.amazonaws.com"],
                        federated: [],
                        canonicalUser: [],
                    },
                    conditions: [
                        {
                            operator: "StringLike",
                            setOperator: "ForAnyValue",
                            key: "aws:principalorgpaths",
                            values: ["o-1/*"],
                        },
                        { operator: "Bool", key: "aws:securetransport", values: ["false"] },
                    ],
                },
            ],
        });
        assert.deepStrictEqual(
            parsePolicyDocument({ Statement: [{ Effect: "Deny", Principal: "*", NotAction: "s3:Get*" }] }),
            {
                ok: true,
                statements: [
                    {
                        index: 0,
                        effect: "Deny",
                        notAction: ["s3:Get*"],
                        principal: { star: true, aws: [], service: [], federated: [], canonicalUser: [] },
                        conditions: [],
                    },
                ],
            },
        );
    });

    it("says what is wrong with a malformed document, and UNKNOWN when part of it is unknown", () => {
        assert.deepStrictEqual(parsePolicyDocument("[1]"), { ok: false, error: "is not a JSON object" });
        assert.deepStrictEqual(parsePolicyDocument({ Statement: ["x"] }), {
            ok: false,
            error: "statement 0 is not an object",
        });
        assert.equal(parsePolicyDocument(UNKNOWN), UNKNOWN);
        assert.equal(
            parsePolicyDocument(JSON.stringify({ Statement: [{ Effect: "Allow", Resource: UNKNOWN_SENTINEL }] })),
            UNKNOWN,
        );
        assert.equal(parsePolicyDocument(""), undefined);
    });

    it("matches IAM wildcards", () => {
        const table: [string, string, boolean, boolean][] = [
            ["s3:*", "s3:GetObject", true, true],
            ["s3:get*", "s3:GetObject", true, true],
            ["s3:get*", "s3:GetObject", false, false],
            ["arn:aws:s3:::b/*", "arn:aws:s3:::b/x/y", false, true],
            ["arn:aws:s3:::b/*", "arn:aws:s3:::b", false, false],
            ["arn:aws:s3:::b?", "arn:aws:s3:::b1", false, true],
            ["arn:aws:s3:::b.c", "arn:aws:s3:::bxc", false, false],
            // The whole value, and any character but * and ? only itself.
            ["arn:aws:s3:::b+", "arn:aws:s3:::b", false, false],
            ["aws:s3:::b", "arn:aws:s3:::b", false, false],
        ];
        for (const [pattern, value, ignoreCase, expected] of table)
            assert.equal(globMatch(pattern, value, ignoreCase), expected, `${pattern} ~ ${value}`);
    });

    it("tells narrowing conditions from ones that hold when the key is absent", () => {
        const c = (operator: string, key: string, values: string[], setOperator?: string) => ({
            operator,
            key,
            values,
            ...(setOperator ? { setOperator } : {}),
        });
        const table: [ReturnType<typeof c>, boolean][] = [
            [c("StringEquals", "aws:sourceaccount", ["111111111111"]), true],
            [c("ArnLike", "aws:sourcearn", ["*"]), false],
            [c("StringNotEquals", "aws:principalaccount", ["1"]), false],
            [c("StringEqualsIfExists", "aws:sourcevpce", ["vpce-1"]), false],
            [c("StringLike", "aws:principalorgpaths", ["o-1/*"], "ForAllValues"), false],
            [c("StringEquals", "aws:username", ["x"]), false],
        ];
        for (const [cond, expected] of table)
            assert.equal(isNarrowingCondition(cond, CALLER_RESTRICTING_KEYS), expected, JSON.stringify(cond));
    });

    it("recognises account principals and their accounts", () => {
        assert.deepStrictEqual(
            ["arn:aws:iam::123456789012:root", "123456789012", "arn:aws:iam::123456789012:role/x", "*"].map((p) => [
                isAccountPrincipal(p),
                accountOf(p),
            ]),
            [
                [true, "123456789012"],
                [true, "123456789012"],
                [false, "123456789012"],
                [false, undefined],
            ],
        );
    });
});

describe("lib: CIDR", () => {
    it("computes the VPC resolver (base + 2) from the primary CIDR", () => {
        const table: [string, string | undefined][] = [
            ["10.0.0.0/16", "10.0.0.2"],
            ["10.20.0.0/16", "10.20.0.2"],
            ["172.31.128.0/20", "172.31.128.2"],
            ["192.168.1.128/25", "192.168.1.130"],
            ["10.0.5.0/16", "10.0.0.2"],
            ["10.0.0.0/31", undefined],
            ["not-a-cidr", undefined],
        ];
        for (const [cidr, expected] of table) assert.equal(vpcResolverAddress(cidr), expected, cidr);
    });

    it("knows the world CIDRs", () => {
        assert.deepStrictEqual(["0.0.0.0/0", "::/0", "0.0.0.0/1", "10.0.0.0/8", "::1/128"].map(isWorldCidr), [
            true,
            true,
            false,
            false,
            false,
        ]);
    });
});

describe("lib: buckets", () => {
    it("reads bucket names from names and ARNs, not from access point ARNs", () => {
        assert.deepStrictEqual(
            [
                "my-bucket",
                "arn:aws:s3:::my-bucket",
                "arn:aws:s3:::my-bucket/key/*",
                "arn:aws:s3::111111111111:accesspoint/x.mrap",
                "arn:aws:iam::1:role/x",
            ].map(bucketNameFromRef),
            ["my-bucket", "my-bucket", "my-bucket", undefined, undefined],
        );
    });

    it("reads a name only when S3 could name a bucket so (3 to 63 characters), and an ARN only whole", () => {
        const long = `a${"b".repeat(61)}c`;
        assert.deepEqual(
            ["abc", "ab", long, `${long}d`, "Data", "-data", "xarn:aws:s3:::my-bucket"].map(bucketNameFromRef),
            ["abc", undefined, long, undefined, undefined, undefined, undefined],
        );
    });

    it("decides whether a resource pattern lets a role write some object of a bucket (under a prefix)", () => {
        const table: [string, string, string | undefined, boolean][] = [
            ["arn:aws:s3:::reports/*", "reports", undefined, true],
            ["arn:aws:s3:::reports/batch/*", "reports", undefined, true],
            ["arn:aws:s3:::reports", "reports", undefined, false],
            ["arn:aws:s3:::*", "reports", undefined, true],
            ["*", "reports", undefined, true],
            ["arn:aws:s3:::other/*", "reports", undefined, false],
            ["arn:aws:s3:::reports/batch/*", "reports", "batch", true],
            ["arn:aws:s3:::reports/other/*", "reports", "batch", false],
            ["arn:aws:s3:::report*/*", "reports", undefined, true],
        ];
        for (const [pattern, bucket, prefix, expected] of table)
            assert.equal(patternCoversObjectIn(pattern, bucket, prefix), expected, `${pattern} ${bucket} ${prefix}`);
    });
});

describe("lib: plain snapshots", () => {
    it("reads the engine's throwing proxy property by property, marking unknowns", () => {
        const props = unknownCheckingProxy({ a: "x", b: UNKNOWN_SENTINEL, c: [1, { d: UNKNOWN_SENTINEL }], e: null });
        assert.deepStrictEqual(plain(props), { a: "x", b: UNKNOWN, c: [1, { d: UNKNOWN }] });
    });
});
