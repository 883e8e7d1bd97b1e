// ReplicationAlarms under mocks: per rule a latency and a failure alarm in the source region, to that region's SNS topic.
import * as assert from "node:assert/strict";
import {
    ReplicationAlarms,
    ReplicationAlarmsArgs,
    validateReplicationAlarmsArgs,
} from "../../components/monitoring/replicationAlarms";
import { installMocks, ResourceRecorder, settle, valueOf } from "../../verifier/mockRuntime";

const TOKYO = "acme-data-111111111111-ap-northeast-1";
const OSAKA = "acme-data-111111111111-ap-northeast-3";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const ARGS: ReplicationAlarmsArgs = {
    namePrefix: "acme",
    emails: ["oncall@example.com", "storage@example.com"],
    rules: [
        {
            sourceRegion: "ap-northeast-1",
            sourceBucketName: TOKYO,
            destinationBucketName: OSAKA,
            ruleId: "to-ap-northeast-3",
        },
        {
            sourceRegion: "ap-northeast-3",
            sourceBucketName: OSAKA,
            destinationBucketName: TOKYO,
            ruleId: "to-ap-northeast-1",
        },
    ],
};

describe("ReplicationAlarms", () => {
    let rec: ResourceRecorder;
    beforeEach(async () => {
        rec = await installMocks({ stack: "test", accountId: "111111111111", region: "ap-northeast-1" });
    });

    async function build(args: ReplicationAlarmsArgs = ARGS) {
        const a = new ReplicationAlarms("replication-alarms", args);
        await valueOf(a.urn);
        await settle();
        return a;
    }

    it("creates one topic per source region with the e-mail subscriptions, and outputs their ARNs by region", async () => {
        const a = await build();
        const topics = rec.ofType("aws:sns/topic:Topic").map((t) => ({ name: t.name, inputs: t.inputs }));
        assert.deepEqual(topics, [
            {
                name: "replication-alarms-ap-northeast-1",
                inputs: { name: "acme-replication-alarms", region: "ap-northeast-1" },
            },
            {
                name: "replication-alarms-ap-northeast-3",
                inputs: { name: "acme-replication-alarms", region: "ap-northeast-3" },
            },
        ]);
        const subs = rec.ofType("aws:sns/topicSubscription:TopicSubscription").map((s) => s.inputs);
        assert.deepEqual(subs, [
            {
                topic: "arn:aws:sns:ap-northeast-1:111111111111:acme-replication-alarms",
                region: "ap-northeast-1",
                protocol: "email",
                endpoint: "oncall@example.com",
            },
            {
                topic: "arn:aws:sns:ap-northeast-1:111111111111:acme-replication-alarms",
                region: "ap-northeast-1",
                protocol: "email",
                endpoint: "storage@example.com",
            },
            {
                topic: "arn:aws:sns:ap-northeast-3:111111111111:acme-replication-alarms",
                region: "ap-northeast-3",
                protocol: "email",
                endpoint: "oncall@example.com",
            },
            {
                topic: "arn:aws:sns:ap-northeast-3:111111111111:acme-replication-alarms",
                region: "ap-northeast-3",
                protocol: "email",
                endpoint: "storage@example.com",
            },
        ]);
        assert.deepEqual(await valueOf(a.topicArns), {
            "ap-northeast-1": "arn:aws:sns:ap-northeast-1:111111111111:acme-replication-alarms",
            "ap-northeast-3": "arn:aws:sns:ap-northeast-3:111111111111:acme-replication-alarms",
        });
    });

    it("alarms on latency above the RTC threshold and on any failed operation, per rule, in the source region, to that region's topic", async () => {
        await build();
        assert.equal(rec.ofType(ALARM).length, 4);
        const osakaTopic = "arn:aws:sns:ap-northeast-3:111111111111:acme-replication-alarms";
        const dims = { SourceBucket: OSAKA, DestinationBucket: TOKYO, RuleId: "to-ap-northeast-1" };
        assert.deepEqual(rec.one(ALARM, "replication-alarms-ap-northeast-3-to-ap-northeast-1-latency").inputs, {
            name: "acme-ap-northeast-3-to-ap-northeast-1-replication-latency",
            alarmDescription:
                "Replication to-ap-northeast-1 from ap-northeast-3 is slower than 900 s (Replication Time Control threshold).",
            namespace: "AWS/S3",
            metricName: "ReplicationLatency",
            statistic: "Maximum",
            threshold: 900,
            comparisonOperator: "GreaterThanThreshold",
            period: 300,
            evaluationPeriods: 1,
            treatMissingData: "notBreaching",
            dimensions: dims,
            region: "ap-northeast-3",
            alarmActions: [osakaTopic],
            okActions: [osakaTopic],
        });
        assert.deepEqual(rec.one(ALARM, "replication-alarms-ap-northeast-3-to-ap-northeast-1-failed").inputs, {
            name: "acme-ap-northeast-3-to-ap-northeast-1-replication-failed",
            alarmDescription:
                "Replication to-ap-northeast-1 from ap-northeast-3 has failed operations (objects that will not replicate by themselves).",
            namespace: "AWS/S3",
            metricName: "OperationsFailedReplication",
            statistic: "Sum",
            threshold: 0,
            comparisonOperator: "GreaterThanThreshold",
            period: 300,
            evaluationPeriods: 1,
            treatMissingData: "notBreaching",
            dimensions: dims,
            region: "ap-northeast-3",
            alarmActions: [osakaTopic],
            okActions: [osakaTopic],
        });
        // Every alarm notifies a topic of its own region (CloudWatch cannot notify across regions).
        for (const alarm of rec.ofType(ALARM)) {
            assert.deepEqual(
                alarm.inputs.alarmActions,
                [`arn:aws:sns:${alarm.inputs.region}:111111111111:acme-replication-alarms`],
                alarm.name,
            );
        }
    });

    it("still creates the topics without e-mail addresses (subscribe later), with no subscription", async () => {
        await build({ ...ARGS, emails: [] });
        assert.equal(rec.ofType("aws:sns/topic:Topic").length, 2);
        assert.deepEqual(rec.ofType("aws:sns/topicSubscription:TopicSubscription"), []);
    });

    it("without an e-mail list, subscribes nothing; topics, subscriptions and alarms are all children of the component", async () => {
        await build({ ...ARGS, emails: undefined });
        assert.deepEqual(rec.ofType("aws:sns/topicSubscription:TopicSubscription"), []);
        rec.clear();
        await build();
        const component = rec.one("s3-multiregion:monitoring:ReplicationAlarms", "replication-alarms");
        assert.deepEqual(rec.registeredOutputs.get(component.urn), {
            topicArns: {
                "ap-northeast-1": "arn:aws:sns:ap-northeast-1:111111111111:acme-replication-alarms",
                "ap-northeast-3": "arn:aws:sns:ap-northeast-3:111111111111:acme-replication-alarms",
            },
        });
        const children = rec.resources.filter((r) => r.parent === component.urn).map((r) => r.type);
        const count = (type: string) => children.filter((t) => t === type).length;
        assert.deepEqual(
            [count("aws:sns/topic:Topic"), count("aws:sns/topicSubscription:TopicSubscription"), count(ALARM)],
            [2, 4, 4],
        );
        assert.equal(children.length, rec.resources.length - 1);
    });

    it("refuses nothing to watch, a rule twice, a bad threshold or address, and declares nothing then", async () => {
        const table: [Partial<ReplicationAlarmsArgs>, string | undefined][] = [
            [{}, undefined],
            [{ rules: [] }, "no replication rule to alarm on"],
            [
                { rules: [ARGS.rules[0], ARGS.rules[0]] },
                "a rule id appears twice in one region: ap-northeast-1/to-ap-northeast-3, ap-northeast-1/to-ap-northeast-3",
            ],
            [{ thresholdSeconds: 0 }, "thresholdSeconds must be a positive number, got 0"],
            [{ emails: ["oncall"] }, "oncall is not an e-mail address"],
            // The whole address is checked, not a valid address at the end of a longer string.
            [{ emails: ["on call@example.com"] }, "on call@example.com is not an e-mail address"],
            [{ emails: ["oncall@example.com and more"] }, "oncall@example.com and more is not an e-mail address"],
            [{ emails: undefined }, undefined],
            [{ thresholdSeconds: 900 }, undefined],
            [{ thresholdSeconds: Infinity }, "thresholdSeconds must be a positive number, got Infinity"],
        ];
        for (const [overrides, expected] of table)
            assert.equal(validateReplicationAlarmsArgs({ ...ARGS, ...overrides }), expected);
        assert.throws(
            () => new ReplicationAlarms("bad", { ...ARGS, rules: [] }),
            /^Error: bad: no replication rule to alarm on$/,
        );
        await settle();
        assert.deepEqual(rec.resources, []);
    });
});
