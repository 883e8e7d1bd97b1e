// The replication dashboard's body: per-rule latency, pending and failed operations, bytes pending, requests per region, and the alarms.

/** One replication rule, by the dimensions S3 publishes its metrics under (in the source bucket's region). */
export interface DashboardRule {
    sourceRegion: string;
    sourceBucketName: string;
    destinationBucketName: string;
    ruleId: string;
}

export interface DashboardArgs {
    rules: DashboardRule[];
    /** Each regional bucket, for its request metrics (published in the bucket's own region). */
    buckets: { region: string; bucketName: string }[];
    /** The BucketMetric id every hardened bucket declares. */
    metricsId: string;
    alarmArns: string[];
    /** The hub's region: where the dashboard and its alarm widget live. */
    region: string;
}

const REPLICATION_METRICS = [
    ["ReplicationLatency", "Replication latency (seconds)", "Maximum"],
    ["OperationsPendingReplication", "Operations pending replication", "Maximum"],
    ["OperationsFailedReplication", "Operations failed replication", "Sum"],
    ["BytesPendingReplication", "Bytes pending replication", "Maximum"],
] as const;

/** The dashboard body (CloudWatch dashboard body structure), one row per metric; every widget names its region. */
export function replicationDashboardBody(args: DashboardArgs): Record<string, unknown> {
    const widgets: Record<string, unknown>[] = [];
    const sourceRegions = [...new Set(args.rules.map((r) => r.sourceRegion))];
    let y = 0;
    for (const [metric, title, stat] of REPLICATION_METRICS) {
        sourceRegions.forEach((region, i) => {
            const metrics = args.rules
                .filter((r) => r.sourceRegion === region)
                .map((r) => [
                    "AWS/S3",
                    metric,
                    "SourceBucket",
                    r.sourceBucketName,
                    "DestinationBucket",
                    r.destinationBucketName,
                    "RuleId",
                    r.ruleId,
                    { label: r.ruleId },
                ]);
            widgets.push(metricWidget(`${title}: ${region}`, region, stat, metrics, i, sourceRegions.length, y));
        });
        y += 6;
    }
    args.buckets.forEach((b, i) => {
        const metrics = [["AWS/S3", "AllRequests", "BucketName", b.bucketName, "FilterId", args.metricsId]];
        widgets.push(metricWidget(`Requests: ${b.region}`, b.region, "Sum", metrics, i, args.buckets.length, y));
    });
    y += 6;
    widgets.push({
        type: "alarm",
        x: 0,
        y,
        width: 24,
        height: 6,
        properties: { title: "Replication alarms", alarms: args.alarmArns },
    });
    return { widgets };
}

/** The `index`th of `count` side-by-side graphs of one 24-column row. */
function metricWidget(
    title: string,
    region: string,
    stat: string,
    metrics: unknown[],
    index: number,
    count: number,
    y: number,
) {
    const width = Math.max(1, Math.floor(24 / count));
    return {
        type: "metric",
        x: index * width,
        y,
        width,
        height: 6,
        properties: { title, region, stat, period: 300, view: "timeSeries", metrics },
    };
}

/** The console URL of a dashboard. */
export function dashboardUrl(region: string, name: string): string {
    return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards/dashboard/${name}`;
}
