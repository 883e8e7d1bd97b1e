// The replication dashboard body: one graph per metric and source region with a line per rule, request counts per bucket, and the alarms.
import * as assert from "node:assert/strict";
import { dashboardUrl, replicationDashboardBody } from "../../../components/monitoring/replicationDashboard";

const RULES = [
    { sourceRegion: "ap-northeast-1", sourceBucketName: "t", destinationBucketName: "o", ruleId: "to-osaka" },
    { sourceRegion: "ap-northeast-1", sourceBucketName: "t", destinationBucketName: "r", ruleId: "to-dest" },
    { sourceRegion: "ap-northeast-3", sourceBucketName: "o", destinationBucketName: "t", ruleId: "to-tokyo" },
];
const BUCKETS = [
    { region: "ap-northeast-1", bucketName: "t" },
    { region: "ap-northeast-3", bucketName: "o" },
];

type Widget = {
    type: string;
    properties: { title: string; region?: string; metrics?: unknown[][]; alarms?: string[] };
};

describe("replication dashboard body", () => {
    const body = replicationDashboardBody({
        rules: RULES,
        buckets: BUCKETS,
        metricsId: "EntireBucket",
        alarmArns: ["arn:aws:cloudwatch:ap-northeast-1:111111111111:alarm:a"],
        region: "ap-northeast-1",
    }) as { widgets: Widget[] };

    it("graphs each replication metric per source region, one line per rule, in that region", () => {
        for (const metric of [
            "ReplicationLatency",
            "OperationsPendingReplication",
            "OperationsFailedReplication",
            "BytesPendingReplication",
        ]) {
            const graphs = body.widgets.filter((w) => w.properties.metrics?.[0]?.[1] === metric);
            assert.deepEqual(
                graphs.map((g) => [g.properties.region, g.properties.metrics?.map((m) => m[7])]),
                [
                    ["ap-northeast-1", ["to-osaka", "to-dest"]],
                    ["ap-northeast-3", ["to-tokyo"]],
                ],
            );
            assert.deepEqual(graphs[0].properties.metrics?.[1].slice(0, 8), [
                "AWS/S3",
                metric,
                "SourceBucket",
                "t",
                "DestinationBucket",
                "r",
                "RuleId",
                "to-dest",
            ]);
        }
    });

    it("graphs every bucket's requests under its request metrics id, in its region", () => {
        const requests = body.widgets.filter((w) => w.properties.metrics?.[0]?.[1] === "AllRequests");
        assert.deepEqual(
            requests.map((w) => [w.properties.region, w.properties.metrics]),
            [
                ["ap-northeast-1", [["AWS/S3", "AllRequests", "BucketName", "t", "FilterId", "EntireBucket"]]],
                ["ap-northeast-3", [["AWS/S3", "AllRequests", "BucketName", "o", "FilterId", "EntireBucket"]]],
            ],
        );
    });

    it("shows the alarms, and links to the console", () => {
        const alarm = body.widgets.filter((w) => w.type === "alarm");
        assert.deepEqual(
            alarm.map((w) => w.properties.alarms),
            [["arn:aws:cloudwatch:ap-northeast-1:111111111111:alarm:a"]],
        );
        assert.equal(
            dashboardUrl("ap-northeast-1", "p-replication"),
            "https://ap-northeast-1.console.aws.amazon.com/cloudwatch/home?region=ap-northeast-1#dashboards/dashboard/p-replication",
        );
    });
});
