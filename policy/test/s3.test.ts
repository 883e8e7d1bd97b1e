// S3 helpers at their edges: replication declared on buckets or on its own, and report patterns across partitions.

import * as assert from "node:assert/strict";

import {
    allowsObjectAction,
    batchJobs,
    blocks,
    inlineSseAlgorithms,
    isS3ServiceName,
    patternCoversObjectIn,
    replicationOf,
    replicationSources,
    reportBuckets,
    sseAlgorithms,
} from "../lib/s3";
import { parsePolicyDocument } from "../lib/iamDocument";
import { StackView } from "../lib/stack";
import { T } from "../lib/types";
import { Plain, UNKNOWN, UNKNOWN_SENTINEL } from "../lib/values";

function view(...resources: { type: string; name: string; props: Record<string, unknown> }[]): StackView {
    return new StackView({
        resources: resources.map((r) => ({ ...r, urn: `urn:pulumi:test::p::${r.type}::${r.name}`, dependencies: [] })),
    } as never);
}
const role = "arn:aws:iam::111111111111:role/replication";
const rules = [{ id: "all", status: "Enabled", destination: { bucket: "arn:aws:s3:::replica" } }];

describe("lib: replication configurations, however declared", () => {
    it("reads an inline configuration on buckets only, and is unknown while the bucket's is", () => {
        const inline = { replicationConfiguration: { role, rules } };
        assert.equal(replicationOf("aws:s3/bucketPolicy:BucketPolicy", inline), undefined);
        assert.equal(replicationOf(T.bucketV2, { replicationConfiguration: UNKNOWN }), UNKNOWN);
        const r = replicationOf(T.bucket, inline);
        assert.ok(r !== undefined && r !== UNKNOWN);
        assert.equal(r.role, role);
        assert.equal(replicationOf(T.bucket, { replicationConfiguration: { role, rules: [] } }), undefined);
        assert.equal(replicationOf(T.bucket, {}), undefined);
        assert.deepEqual(replicationOf(T.bucket, { replicationConfiguration: { role, rules: UNKNOWN } }), {
            role,
            rules: [],
            rulesUnknown: true,
        });
    });

    it("reads nested blocks as a list of objects, or not known", () => {
        assert.equal(blocks(UNKNOWN), UNKNOWN);
        assert.deepEqual(blocks(undefined), []);
        assert.deepEqual(blocks({ a: 1 }), [{ a: 1 }]);
        assert.deepEqual(blocks([{ a: 1 }, "x", null, { b: 2 }]), [{ a: 1 }, { b: 2 }]);
    });

    it("names the source bucket from a configuration's bucket ARN, or from an inline bucket's id", () => {
        const v = view(
            { type: T.replicationConfig, name: "repl", props: { bucket: "arn:aws:s3:::data", role, rules } },
            { type: T.bucket, name: "logs", props: { id: "logs", replicationConfiguration: { role, rules } } },
        );
        assert.deepEqual(
            replicationSources(v).map((s) => s.source),
            ["data", "logs"],
        );
        const named = view({
            type: T.bucket,
            name: "b",
            props: { bucket: "named", replicationConfiguration: { role, rules } },
        });
        assert.deepEqual(
            replicationSources(named).map((s) => [s.source, s.role, s.rules.map((r) => r.label)]),
            [["named", role, ["rule 'all'"]]],
        );
    });
});

describe("lib: default encryption declared inline", () => {
    const sse = (sseAlgorithm?: Plain): Plain => ({
        applyServerSideEncryptionByDefault: sseAlgorithm === undefined ? {} : { sseAlgorithm },
    });

    it("lists each rule's algorithm, skipping rules without one, and is not known while one is not", () => {
        assert.deepEqual(sseAlgorithms([sse(), sse("aws:kms"), sse("AES256")]), ["aws:kms", "AES256"]);
        assert.deepEqual(sseAlgorithms(sse("aws:kms:dsse")), ["aws:kms:dsse"]);
        assert.equal(sseAlgorithms([sse("AES256"), sse(UNKNOWN)]), UNKNOWN);
        assert.equal(sseAlgorithms(UNKNOWN), UNKNOWN);
    });

    it("reads a bucket's v7 and BucketV2 forms, none when it declares none", () => {
        assert.deepEqual(inlineSseAlgorithms({}), []);
        assert.deepEqual(inlineSseAlgorithms({ serverSideEncryptionConfiguration: { rule: sse("aws:kms") } }), [
            "aws:kms",
        ]);
        assert.deepEqual(inlineSseAlgorithms({ serverSideEncryptionConfigurations: [{ rules: [sse("AES256")] }] }), [
            "AES256",
        ]);
        assert.equal(inlineSseAlgorithms({ serverSideEncryptionConfiguration: UNKNOWN }), UNKNOWN);
    });
});

describe("lib: report patterns at their edges", () => {
    it("keeps the pattern's partition, reads an empty prefix as none, and wants a key after the bucket", () => {
        const table: [string, string, string | undefined, boolean][] = [
            ["arn:aws-cn:s3:::reports/*", "reports", "batch", true],
            ["arn:aws-cn:s3:::reports/batch/*", "reports", "batch", true],
            ["arn:aws:s3:::reports/batch/*", "reports", "", true],
            ["arn:aws:s3:::reports/", "reports", undefined, false],
            ["arn:aws:s3:::reports/k", "reports", undefined, true],
            // A prefix's trailing slash is the key's one separator.
            ["arn:aws:s3:::reports/batch/job-*", "reports", "batch/", true],
        ];
        for (const [pattern, bucket, prefix, expected] of table)
            assert.equal(patternCoversObjectIn(pattern, bucket, prefix), expected, `${pattern} ${bucket} ${prefix}`);
    });
});

describe("lib: may a role act on some object of a bucket", () => {
    const sts = (...statements: Record<string, unknown>[]) => {
        const doc = parsePolicyDocument({ Statement: statements } as never);
        assert.ok(doc !== undefined && doc !== UNKNOWN && doc.ok);
        return doc.statements;
    };

    it("only an Allow of that action on a pattern that reaches an object of the bucket (under the prefix) does", () => {
        const put = (Effect: string, Resource?: unknown) => ({
            Effect,
            Action: "s3:PutObject",
            ...(Resource ? { Resource } : {}),
        });
        assert.equal(allowsObjectAction(sts(put("Allow", "arn:aws:s3:::reports/*")), "s3:PutObject", "reports"), true);
        assert.equal(allowsObjectAction(sts(put("Deny", "arn:aws:s3:::reports/*")), "s3:PutObject", "reports"), false);
        assert.equal(allowsObjectAction(sts(put("Allow", "arn:aws:s3:::reports/*")), "s3:GetObject", "reports"), false);
        assert.equal(allowsObjectAction(sts(put("Allow", "arn:aws:s3:::other/*")), "s3:PutObject", "reports"), false);
        assert.equal(allowsObjectAction(sts(put("Allow")), "s3:PutObject", "reports"), false);
        assert.equal(
            allowsObjectAction(sts(put("Allow", "arn:aws:s3:::reports/batch/*")), "s3:PutObject", "reports", "batch/"),
            true,
        );
        assert.equal(
            allowsObjectAction(sts(put("Allow", "arn:aws:s3:::reports/other/*")), "s3:PutObject", "reports", "batch"),
            false,
        );
    });
});

describe("lib: Batch Operations jobs' reports", () => {
    it("takes a report as enabled when a bucket is named, unless the job says it is not", () => {
        const job = (name: string, Report: Record<string, unknown>) => ({
            type: "s3mr:batch:Job",
            name,
            props: { RoleArn: role, Operation: { S3ReplicateObject: {} }, Report },
        });
        const v = view(
            job("on", { Bucket: "arn:aws:s3:::reports", Prefix: "batch" }),
            job("off", { Bucket: "arn:aws:s3:::reports", Enabled: false }),
            job("none", {}),
            job("arn", { BucketArn: "arn:aws:s3:::by-arn", Prefix: UNKNOWN_SENTINEL }),
        );
        assert.deepEqual(
            batchJobs(v).map((j) => [j.resource.name, j.reportBucket, j.reportPrefix, j.reportEnabled]),
            [
                ["on", "reports", "batch", true],
                ["off", "reports", undefined, false],
                ["none", undefined, undefined, false],
                ["arn", "by-arn", undefined, true],
            ],
        );
    });

    it("counts as a job only a resource outside aws: and pulumi: with a role and a job's shape", () => {
        const props = { roleArn: role, operation: { s3PutObjectCopy: {} } };
        const v = view(
            { type: "aws:s3control/job:Job", name: "aws", props },
            { type: "pulumi:providers:s3mr", name: "provider", props },
            { type: "s3mr:batch:Job", name: "operation", props },
            { type: "s3mr:batch:Job", name: "no-role", props: { operation: {} } },
            { type: "s3mr:batch:Job", name: "role-only", props: { roleArn: role, description: "x" } },
            { type: "s3mr:batch:Job", name: "manifest", props: { roleArn: role, manifestGenerator: {} } },
            {
                type: "s3mr:batch:Job",
                name: "flat",
                props: { roleArn: role, reportBucketArn: "arn:aws:s3:::r", reportPrefix: "p" },
            },
        );
        assert.deepEqual(
            batchJobs(v).map((j) => [j.resource.name, j.roleArn, j.reportBucket, j.reportPrefix, j.reportEnabled]),
            [
                ["operation", role, undefined, undefined, false],
                ["manifest", role, undefined, undefined, false],
                ["flat", role, "r", "p", true],
            ],
        );
    });

    it("a job's report bucket is a report bucket only while its report is enabled", () => {
        const job = (name: string, extra: Record<string, unknown>) => ({
            type: "s3mr:batch:Job",
            name,
            props: { roleArn: role, operation: {}, ...extra },
        });
        const bucket = (name: string) => ({ type: T.bucket, name, props: { bucket: name } });
        const v = view(
            bucket("copies"),
            bucket("results"),
            bucket("data-reports-111111111111"),
            job("on", { reportBucket: "arn:aws:s3:::results" }),
            job("off", { reportBucket: "arn:aws:s3:::copies", reportEnabled: false }),
            job("later", { reportBucket: UNKNOWN_SENTINEL }),
            job("elsewhere", { reportBucket: "arn:aws:s3:::not-in-this-stack" }),
        );
        assert.deepEqual([...reportBuckets(v, "(^|[-_.])reports?([-_.]|$)").keys()].sort(), [
            "data-reports-111111111111",
            "results",
        ]);
    });
});

describe("lib: S3 endpoint service names", () => {
    it("knows the regional S3 service, its China form and the MRAP service, and nothing a name only contains", () => {
        assert.ok(isS3ServiceName("com.amazonaws.ap-northeast-1.s3"));
        assert.ok(isS3ServiceName("cn.com.amazonaws.cn-north-1.s3"));
        assert.ok(isS3ServiceName("com.amazonaws.s3-global.accesspoint"));
        assert.ok(!isS3ServiceName("com.amazonaws.ap-northeast-1.s3express"));
        assert.ok(!isS3ServiceName("com.amazonaws.ap-northeast-1.s3-outposts"));
        assert.ok(!isS3ServiceName("aws.sagemaker.com.amazonaws.ap-northeast-1.s3"));
        assert.ok(!isS3ServiceName("com.amazonaws.ap_northeast_1.s3"));
        assert.ok(!isS3ServiceName("com.amazonaws.s3-global.accesspoint-x"));
    });
});
