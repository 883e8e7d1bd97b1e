// The hub's replication dashboard (the MRAP field report watches these graphs in the console): one per platform.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PrimaryConfig } from "../config/platformConfig";
import { dashboardUrl, replicationDashboardBody } from "../components/monitoring/replicationDashboard";
import { ReplicationAlarms } from "../components/monitoring/replicationAlarms";
import { MeshMember } from "./meshKeys";

interface DashboardRuleSource {
    edge: { sourceRegion: string; ruleId: string };
    source: { bucketName: pulumi.Input<string> };
    target: { bucketName: pulumi.Input<string> };
}

/** The dashboard over every rule and regional bucket, and its console URL. */
export function replicationDashboard(
    cfg: PrimaryConfig,
    rules: readonly DashboardRuleSource[],
    members: readonly MeshMember[],
    alarms: ReplicationAlarms,
) {
    const name = `${cfg.namePrefix}-replication`;
    const body = pulumi
        .all([
            pulumi.all(rules.map((r) => pulumi.all([r.source.bucketName, r.target.bucketName]))),
            pulumi.all(members.map((m) => m.bucketName)),
            pulumi.all(alarms.alarms.map((a) => a.arn)),
        ])
        .apply(([ruleBuckets, bucketNames, alarmArns]) =>
            JSON.stringify(
                replicationDashboardBody({
                    region: cfg.region,
                    metricsId: "EntireBucket",
                    rules: rules.map((r, i) => ({
                        sourceRegion: r.edge.sourceRegion,
                        ruleId: r.edge.ruleId,
                        sourceBucketName: ruleBuckets[i][0],
                        destinationBucketName: ruleBuckets[i][1],
                    })),
                    buckets: members.map((m, i) => ({ region: m.region, bucketName: bucketNames[i] })),
                    alarmArns,
                }),
            ),
        );
    new aws.cloudwatch.Dashboard("replication-dashboard", { dashboardName: name, dashboardBody: body });
    return { url: dashboardUrl(cfg.region, name) };
}
