// The hub declares one replication dashboard over its real rules, buckets and alarms, and outputs its console URL.
import * as assert from "node:assert/strict";
import { OSAKA_OUTPUTS } from "../support/peerOutputs";
import { exampleHub } from "../support/exampleHub";

describe("the hub's replication dashboard", () => {
    it("graphs every rule and regional bucket, shows every alarm, and outputs the console URL", async () => {
        const { rec, out } = await exampleHub();
        const dashboards = rec.ofType("aws:cloudwatch/dashboard:Dashboard");
        assert.equal(dashboards.length, 1);
        assert.equal(dashboards[0].inputs.dashboardName, "example-s3mr-replication");
        assert.equal(
            out.dashboardUrl,
            "https://ap-northeast-1.console.aws.amazon.com/cloudwatch/home?region=ap-northeast-1#dashboards/dashboard/example-s3mr-replication",
        );
        const body = JSON.parse(dashboards[0].inputs.dashboardBody);
        // Each rule's graph is keyed by its source bucket, destination bucket and rule id, as S3 publishes it.
        const rules = rec
            .ofType("aws:s3/bucketReplicationConfig:BucketReplicationConfig")
            .flatMap((r) =>
                r.inputs.rules.map((x: { id: string; destination: { bucket: string } }) => [
                    r.inputs.bucket,
                    x.destination.bucket.replace("arn:aws:s3:::", ""),
                    x.id,
                ]),
            )
            .sort();
        const latency = body.widgets
            .filter(
                (w: { properties: { metrics?: unknown[][] } }) =>
                    w.properties.metrics?.[0]?.[1] === "ReplicationLatency",
            )
            .flatMap((w: { properties: { metrics: unknown[][] } }) =>
                w.properties.metrics.map((m) => [m[3], m[5], m[7]]),
            )
            .sort();
        assert.equal(latency.length, 4);
        assert.deepEqual(latency, rules);
        const requests = body.widgets
            .filter((w: { properties: { metrics?: unknown[][] } }) => w.properties.metrics?.[0]?.[1] === "AllRequests")
            .map((w: { properties: { metrics: unknown[][] } }) => w.properties.metrics[0].slice(2));
        // Request metrics exist only under the filter each data bucket declares (its BucketMetric's name).
        assert.deepEqual(
            [...new Set(rec.ofType("aws:s3/bucketMetric:BucketMetric").map((m) => m.inputs.name))],
            ["EntireBucket"],
        );
        assert.deepEqual(requests, [
            ["BucketName", "example-s3mr-data-111111111111-ap-northeast-1", "FilterId", "EntireBucket"],
            ["BucketName", OSAKA_OUTPUTS.bucketName, "FilterId", "EntireBucket"],
        ]);
        // The mocks give alarms no ARN, so the widget is checked to hold one entry per declared alarm.
        const alarms = rec.ofType("aws:cloudwatch/metricAlarm:MetricAlarm");
        const shown = body.widgets.find((w: { type: string }) => w.type === "alarm").properties.alarms;
        assert.ok(alarms.length > 0);
        assert.equal(shown.length, alarms.length);
    });
});
