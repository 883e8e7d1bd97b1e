// S3 helpers at their edges: replication declared on buckets or on its own, and report patterns across partitions.

import * as assert from "node:assert/strict";

import { batchJobs, patternCoversObjectIn, replicationOf, replicationSources } from "../lib/s3";
import { StackView } from "../lib/stack";
import { T } from "../lib/types";
import { UNKNOWN } from "../lib/values";

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
        ];
        for (const [pattern, bucket, prefix, expected] of table)
            assert.equal(patternCoversObjectIn(pattern, bucket, prefix), expected, `${pattern} ${bucket} ${prefix}`);
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
            job("on", { Bucket: "arn:aws:s3:::reports" }),
            job("off", { Bucket: "arn:aws:s3:::reports", Enabled: false }),
            job("none", {}),
        );
        assert.deepEqual(
            batchJobs(v).map((j) => [j.resource.name, j.reportBucket, j.reportEnabled]),
            [
                ["on", "reports", true],
                ["off", "reports", false],
                ["none", undefined, false],
            ],
        );
    });
});
