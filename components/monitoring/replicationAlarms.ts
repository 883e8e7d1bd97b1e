// CloudWatch alarms per replication rule (latency above the RTC threshold, failed operations) to an SNS topic per source region.
//
// S3 publishes replication metrics in the SOURCE bucket's region, and a CloudWatch alarm can only
// notify an SNS topic in its own region, so each source region gets its alarms and its own topic.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface AlarmedRule {
    sourceRegion: string;
    sourceBucketName: pulumi.Input<string>;
    destinationBucketName: pulumi.Input<string>;
    /** The replication rule's id: the RuleId dimension of its metrics. */
    ruleId: string;
}

export interface ReplicationAlarmsArgs {
    /** Prefix of topic and alarm names. */
    namePrefix: string;
    /** Every replication rule to watch (they must have replication metrics enabled). */
    rules: AlarmedRule[];
    /** E-mail addresses subscribed to every region's topic (each must confirm by mail). @default [] */
    emails?: string[];
    /** Latency above this many seconds alarms. @default 900 (the RTC threshold) */
    thresholdSeconds?: number;
}

/** Why ReplicationAlarmsArgs would be refused, or undefined; exported so it can be tested directly. */
export function validateReplicationAlarmsArgs(args: ReplicationAlarmsArgs): string | undefined {
    if (args.rules.length === 0) return "no replication rule to alarm on";
    const keys = args.rules.map((r) => `${r.sourceRegion}/${r.ruleId}`);
    if (new Set(keys).size !== keys.length) return `a rule id appears twice in one region: ${keys.join(", ")}`;
    const t = args.thresholdSeconds;
    if (t !== undefined && !(Number.isFinite(t) && t > 0))
        return `thresholdSeconds must be a positive number, got ${t}`;
    for (const e of args.emails ?? [])
        if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e)) return `${e} is not an e-mail address`;
    return undefined;
}

/** The metric alarm inputs for one rule (everything but the topic and region). */
export function alarmInputs(namePrefix: string, rule: AlarmedRule, thresholdSeconds: number) {
    const dimensions = {
        SourceBucket: rule.sourceBucketName,
        DestinationBucket: rule.destinationBucketName,
        RuleId: rule.ruleId,
    };
    const common = {
        namespace: "AWS/S3",
        dimensions,
        period: 300,
        evaluationPeriods: 1,
        comparisonOperator: "GreaterThanThreshold",
        // No writes means no datapoints: that is healthy, not an alarm.
        treatMissingData: "notBreaching",
    };
    return {
        latency: {
            ...common,
            name: `${namePrefix}-${rule.sourceRegion}-${rule.ruleId}-replication-latency`,
            alarmDescription: `Replication ${rule.ruleId} from ${rule.sourceRegion} is slower than ${thresholdSeconds} s (Replication Time Control threshold).`,
            metricName: "ReplicationLatency",
            statistic: "Maximum",
            threshold: thresholdSeconds,
        },
        failed: {
            ...common,
            name: `${namePrefix}-${rule.sourceRegion}-${rule.ruleId}-replication-failed`,
            alarmDescription: `Replication ${rule.ruleId} from ${rule.sourceRegion} has failed operations (objects that will not replicate by themselves).`,
            metricName: "OperationsFailedReplication",
            statistic: "Sum",
            threshold: 0,
        },
    };
}

export class ReplicationAlarms extends pulumi.ComponentResource {
    /** One topic per source region, by region. */
    readonly topics: Record<string, aws.sns.Topic>;
    readonly alarms: aws.cloudwatch.MetricAlarm[];
    readonly topicArns: pulumi.Output<Record<string, string>>;

    constructor(name: string, args: ReplicationAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
        const problem = validateReplicationAlarmsArgs(args);
        if (problem) throw new Error(`${name}: ${problem}`);
        super("s3-multiregion:monitoring:ReplicationAlarms", name, {}, opts);
        const threshold = args.thresholdSeconds ?? 900;
        const regions = [...new Set(args.rules.map((r) => r.sourceRegion))];

        this.topics = {};
        for (const region of regions) {
            const topic = new aws.sns.Topic(
                `${name}-${region}`,
                { name: `${args.namePrefix}-replication-alarms`, region },
                { parent: this },
            );
            this.topics[region] = topic;
            (args.emails ?? []).forEach((email, i) => {
                new aws.sns.TopicSubscription(
                    `${name}-${region}-email-${i}`,
                    { topic: topic.arn, region, protocol: "email", endpoint: email },
                    { parent: this },
                );
            });
        }

        this.alarms = args.rules.flatMap((rule) => {
            const topicArn = this.topics[rule.sourceRegion].arn;
            const inputs = alarmInputs(args.namePrefix, rule, threshold);
            const actions = { region: rule.sourceRegion, alarmActions: [topicArn], okActions: [topicArn] };
            return [
                new aws.cloudwatch.MetricAlarm(
                    `${name}-${rule.sourceRegion}-${rule.ruleId}-latency`,
                    { ...inputs.latency, ...actions },
                    { parent: this },
                ),
                new aws.cloudwatch.MetricAlarm(
                    `${name}-${rule.sourceRegion}-${rule.ruleId}-failed`,
                    { ...inputs.failed, ...actions },
                    { parent: this },
                ),
            ];
        });
        this.topicArns = pulumi.output(Object.fromEntries(regions.map((r) => [r, this.topics[r].arn])));
        this.registerOutputs({ topicArns: this.topicArns });
    }
}
