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
    properties: { title: string; region?: string; stat?: string; metrics?: unknown[][]; alarms?: string[] };
};

type Placed = Widget & { x: number; y: number; width: number; height: number };

const build = (buckets = BUCKETS) =>
    replicationDashboardBody({
        rules: RULES,
        buckets,
        metricsId: "EntireBucket",
        alarmArns: ["arn:aws:cloudwatch:ap-northeast-1:111111111111:alarm:a"],
        region: "ap-northeast-1",
    }) as { widgets: Placed[] };

describe("replication dashboard body", () => {
    let body: { widgets: Placed[] };
    beforeEach(() => {
        body = build();
    });

    it("lays one row of 6 out per metric, then the requests row, then the alarms; a row's graphs share its 24 columns", () => {
        const at = (w: Placed) => [w.type, w.properties.title, w.x, w.y, w.width, w.height];
        assert.deepEqual(body.widgets.map(at), [
            ["metric", "Replication latency (seconds): ap-northeast-1", 0, 0, 12, 6],
            ["metric", "Replication latency (seconds): ap-northeast-3", 12, 0, 12, 6],
            ["metric", "Operations pending replication: ap-northeast-1", 0, 6, 12, 6],
            ["metric", "Operations pending replication: ap-northeast-3", 12, 6, 12, 6],
            ["metric", "Operations failed replication: ap-northeast-1", 0, 12, 12, 6],
            ["metric", "Operations failed replication: ap-northeast-3", 12, 12, 12, 6],
            ["metric", "Bytes pending replication: ap-northeast-1", 0, 18, 12, 6],
            ["metric", "Bytes pending replication: ap-northeast-3", 12, 18, 12, 6],
            ["metric", "Requests: ap-northeast-1", 0, 24, 12, 6],
            ["metric", "Requests: ap-northeast-3", 12, 24, 12, 6],
            ["alarm", "Replication alarms", 0, 30, 24, 6],
        ]);
        // Three buckets: a third of the row each.
        const three = build([...BUCKETS, { region: "ap-southeast-1", bucketName: "s" }]).widgets.filter((w) =>
            w.properties.title.startsWith("Requests"),
        );
        assert.deepEqual(
            three.map((w) => [w.x, w.width]),
            [
                [0, 8],
                [8, 8],
                [16, 8],
            ],
        );
    });

    it("plots each metric with its statistic over 5 minutes as a time series, each line labelled by its rule", () => {
        const props = (title: string) => body.widgets.find((w) => w.properties.title === title)?.properties;
        assert.deepEqual(props("Operations failed replication: ap-northeast-3"), {
            title: "Operations failed replication: ap-northeast-3",
            region: "ap-northeast-3",
            stat: "Sum",
            period: 300,
            view: "timeSeries",
            metrics: [
                [
                    "AWS/S3",
                    "OperationsFailedReplication",
                    "SourceBucket",
                    "o",
                    "DestinationBucket",
                    "t",
                    "RuleId",
                    "to-tokyo",
                    { label: "to-tokyo" },
                ],
            ],
        });
        assert.deepEqual(
            body.widgets.map((w) => w.properties.stat),
            ["Maximum", "Maximum", "Maximum", "Maximum", "Sum", "Sum", "Maximum", "Maximum", "Sum", "Sum", undefined],
        );
    });

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
