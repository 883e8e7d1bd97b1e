// Every data and replica bucket writes S3 server access logs into a hardened SSE-S3 log bucket of its own
// account and region, whose one policy admits only the logging service for that bucket; the switch off builds nothing.
import * as assert from "node:assert/strict";
import { accessLogDeliveryStatement } from "../../stacks/accessLogging";
import { DestinationConfig, PrimaryConfig, SecondaryConfig } from "../../config/platformConfig";
import { destinationStack } from "../../stacks/destination";
import { primaryStack } from "../../stacks/primary";
import { secondaryStack } from "../../stacks/secondary";
import { installMocks, ResourceRecorder, settle, valueOf } from "../../verifier/mockRuntime";
import { DEST_OUTPUTS, OSAKA_OUTPUTS } from "../support/peerOutputs";
import { stackConfig } from "../support/stackConfigs";

const LOGGING = "aws:s3/bucketLogging:BucketLogging";
const OFF = { "s3-multiregion:accessLogging": "false" };

async function evaluate(stack: string, overrides: Record<string, string> = {}) {
    if (stack === "osaka") {
        const rec = await installMocks({ stack, accountId: "111111111111", region: "ap-northeast-3" });
        const out = await valueOf(secondaryStack(stackConfig<SecondaryConfig>(stack, overrides)));
        await settle();
        return { rec, out: out as Record<string, unknown> };
    }
    if (stack === "dest-account") {
        const rec = await installMocks({ stack, accountId: "222222222222", region: "ap-northeast-1" });
        const out = await valueOf(destinationStack(stackConfig<DestinationConfig>(stack, overrides)));
        await settle();
        return { rec, out: out as Record<string, unknown> };
    }
    const rec = await installMocks({
        stack,
        accountId: "111111111111",
        region: "ap-northeast-1",
        peers: { osaka: OSAKA_OUTPUTS, "dest-account": DEST_OUTPUTS },
    });
    const out = await valueOf(primaryStack(stackConfig<PrimaryConfig>(stack, overrides)));
    await settle();
    return { rec, out: out as Record<string, unknown> };
}

function logBucketPolicy(rec: ResourceRecorder) {
    return JSON.parse(rec.one("aws:s3/bucketPolicy:BucketPolicy", "logs-policy").inputs.policy);
}

const CASES = [
    { stack: "osaka", account: "111111111111", region: "ap-northeast-3", purpose: "data" },
    { stack: "tokyo", account: "111111111111", region: "ap-northeast-1", purpose: "data" },
    { stack: "dest-account", account: "222222222222", region: "ap-northeast-1", purpose: "replica" },
];

describe("server access logging", () => {
    for (const c of CASES) {
        it(`${c.stack}: its ${c.purpose} bucket logs into ${c.account}'s ${c.region} log bucket, by event time`, async () => {
            const { rec, out } = await evaluate(c.stack);
            const source = `example-s3mr-${c.purpose}-${c.account}-${c.region}`;
            const logs = `example-s3mr-logs-${c.account}-${c.region}`;
            assert.deepEqual(
                rec.ofType(LOGGING).map((r) => r.inputs),
                [
                    {
                        bucket: source,
                        targetBucket: logs,
                        targetPrefix: "access-logs/",
                        targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } },
                    },
                ],
            );
            assert.equal(out.accessLogBucketName, logs);
            // The exact delivery statement, beside DenyInsecureTransport and nothing else.
            assert.deepEqual(logBucketPolicy(rec).Statement.slice(1), [
                {
                    Sid: "AllowAccessLogDelivery",
                    Effect: "Allow",
                    Principal: { Service: "logging.s3.amazonaws.com" },
                    Action: "s3:PutObject",
                    Resource: `arn:aws:s3:::${logs}/access-logs/*`,
                    Condition: {
                        StringEquals: { "aws:SourceAccount": c.account },
                        ArnEquals: { "aws:SourceArn": [`arn:aws:s3:::${source}`] },
                    },
                },
            ]);
            assert.equal(logBucketPolicy(rec).Statement[0].Sid, "DenyInsecureTransport");
            // SSE-S3: S3 cannot deliver access logs to an SSE-KMS bucket (the example data buckets use KMS).
            const sse = rec.one(
                "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
                "logs-encryption",
            );
            assert.deepEqual(sse.inputs.rules, [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]);
            // The log bucket never logs itself.
            assert.ok(rec.ofType(LOGGING).every((r) => r.inputs.bucket !== logs));
            // Logging is switched on only after the policy admitting delivery exists.
            const logging = rec.ofType(LOGGING)[0];
            assert.ok(logging.dependencies.includes(rec.one("aws:s3/bucketPolicy:BucketPolicy", "logs-policy").urn));
            // Named and parented after the bucket it logs (a new name would replace it); a bucket the stack built
            // takes its logging with it on destroy.
            assert.equal(logging.name, `${c.purpose}-access-logging`);
            assert.match(logging.options?.parent ?? "", new RegExp(`::${c.purpose}$`));
            assert.equal(logging.options?.retainOnDelete, false);
        });

        it(`${c.stack}: accessLogging false declares no log bucket and no logging`, async () => {
            const { rec, out } = await evaluate(c.stack, OFF);
            assert.deepEqual(rec.ofType(LOGGING), []);
            assert.ok(!rec.resources.some((r) => r.inputs.bucket === `example-s3mr-logs-${c.account}-${c.region}`));
            assert.equal(out.accessLogBucketName, undefined);
        });
    }

    it("the delivery statement names every source bucket it is given", () => {
        const s = accessLogDeliveryStatement({
            logBucketArn: "arn:aws:s3:::l",
            sourceAccountId: "111111111111",
            sourceBucketArns: ["arn:aws:s3:::a", "arn:aws:s3:::b"],
        });
        assert.deepEqual(s.Condition, {
            StringEquals: { "aws:SourceAccount": "111111111111" },
            ArnEquals: { "aws:SourceArn": ["arn:aws:s3:::a", "arn:aws:s3:::b"] },
        });
        assert.equal(s.Resource, "arn:aws:s3:::l/access-logs/*");
    });
});
