// The hub's replication alarms watch exactly the buckets of the rule they name: Osaka's alarms never point at Tokyo's bucket.
import * as assert from "node:assert/strict";
import { PrimaryConfig } from "../../config/platformConfig";
import { primaryStack } from "../../stacks/primary";
import { installMocks, ResourceRecorder, settle, valueOf } from "../../verifier/mockRuntime";
import { DEST_OUTPUTS, secondaryOutputs } from "../support/peerOutputs";
import { stackConfig } from "../support/stackConfigs";

const P = "s3-multiregion:";
const A = "111111111111";
const TOKYO = "ap-northeast-1";
const OSAKA = "ap-northeast-3";
const SINGAPORE = "ap-southeast-1";
const dataBucket = (region: string) => `example-s3mr-data-${A}-${region}`;
const REPLICA = "example-s3mr-replica-222222222222-ap-northeast-1";
const TO_B = "to-account-222222222222";

async function hubResources(
    overrides: Record<string, string> = {},
    peers: Record<string, Record<string, unknown>> = {},
) {
    const rec = await installMocks({
        stack: "tokyo",
        accountId: A,
        region: TOKYO,
        peers: { osaka: secondaryOutputs(OSAKA), "dest-account": DEST_OUTPUTS, ...peers },
    });
    await valueOf(primaryStack(stackConfig<PrimaryConfig>("tokyo", { [`${P}networkEnabled`]: "false", ...overrides })));
    await settle();
    return rec;
}

/** Every alarm as what it watches: its region, metric and the three dimensions, in a stable order. */
function watched(rec: ResourceRecorder) {
    return sorted(
        rec.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => ({
            region: a.inputs.region,
            metric: a.inputs.metricName,
            source: a.inputs.dimensions.SourceBucket,
            destination: a.inputs.dimensions.DestinationBucket,
            rule: a.inputs.dimensions.RuleId,
        })),
    );
}

/** Registration order follows when each peer output resolves, which the assertion must not depend on. */
function sorted<T>(items: T[]): T[] {
    return [...items].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

const both = (region: string, source: string, destination: string, rule: string) =>
    ["ReplicationLatency", "OperationsFailedReplication"].map((metric) => ({
        region,
        metric,
        source,
        destination,
        rule,
    }));

describe("primary stack: replication alarms watch the rule's own buckets", () => {
    it("two regions: Tokyo's alarms on the Tokyo bucket, Osaka's on the Osaka bucket, each to the rule's target", async () => {
        const rec = await hubResources();
        assert.deepEqual(
            watched(rec),
            sorted([
                ...both(TOKYO, dataBucket(TOKYO), dataBucket(OSAKA), `to-${OSAKA}`),
                ...both(TOKYO, dataBucket(TOKYO), REPLICA, TO_B),
                ...both(OSAKA, dataBucket(OSAKA), dataBucket(TOKYO), `to-${TOKYO}`),
                ...both(OSAKA, dataBucket(OSAKA), REPLICA, TO_B),
            ]),
        );
    });

    it("three regions: every alarm's buckets are the source and destination of the replication rule with its id", async () => {
        const rec = await hubResources(
            { [`${P}secondaryStacks`]: JSON.stringify([`osaka@${OSAKA}`, `singapore@${SINGAPORE}`]) },
            { singapore: secondaryOutputs(SINGAPORE) },
        );
        // What each replication rule really copies, read from the configurations S3 would get.
        const ruleBuckets = new Map<string, { source: string; destination: string }>();
        for (const config of rec.ofType("aws:s3/bucketReplicationConfig:BucketReplicationConfig")) {
            for (const rule of config.inputs.rules) {
                ruleBuckets.set(`${config.inputs.region}/${rule.id}`, {
                    source: config.inputs.bucket,
                    destination: rule.destination.bucket.replace(/^arn:aws:s3:::/, ""),
                });
            }
        }
        const alarms = watched(rec);
        assert.equal(alarms.length, 3 * 3 * 2);
        for (const a of alarms) {
            assert.deepEqual(
                { source: a.source, destination: a.destination },
                ruleBuckets.get(`${a.region}/${a.rule}`),
                `${a.region}/${a.rule} ${a.metric}`,
            );
            assert.equal(a.source, dataBucket(a.region), `${a.region}/${a.rule} watches its own region's bucket`);
        }
        assert.deepEqual(
            alarms
                .filter((a) => a.region === SINGAPORE && a.metric === "ReplicationLatency")
                .map((a) => a.destination)
                .sort(),
            [dataBucket(TOKYO), dataBucket(OSAKA), REPLICA].sort(),
        );
    });
});
