// Tests of adopt's object count and size estimate: what it asks CloudWatch, which datapoints count, how it reads.
import * as assert from "assert";
import { CloudWatchClient, GetMetricStatisticsCommand, ListMetricsCommand } from "@aws-sdk/client-cloudwatch";
import { describeEstimate, formatBytes, storageEstimate } from "../../operations/adopt/storageMetrics";

type Send = Pick<CloudWatchClient, "send">;
type Point = { Timestamp?: Date; Average?: number };

const NOW = Date.parse("2026-12-02T04:00:00Z");
const DAY1 = new Date("2026-11-30T00:00:00Z");
const DAY2 = new Date("2026-12-01T00:00:00Z");

/** A CloudWatch client answering from `points` (by metric and storage type), recording every request's input. */
function cloudWatch(points: Record<string, Point[]>, storageTypes: string[]): Send & { inputs: unknown[] } {
    const inputs: unknown[] = [];
    const send = async (cmd: { input: Record<string, unknown> }) => {
        inputs.push(cmd.input);
        if (cmd instanceof ListMetricsCommand) {
            return {
                Metrics: storageTypes.map((t) => ({
                    Dimensions: [
                        { Name: "BucketName", Value: "legacy" },
                        { Name: "StorageType", Value: t },
                    ],
                })),
            };
        }
        if (cmd instanceof GetMetricStatisticsCommand) {
            const dims = cmd.input.Dimensions as { Name: string; Value: string }[];
            const type = dims.find((d) => d.Name === "StorageType")?.Value;
            return { Datapoints: points[`${cmd.input.MetricName as string}/${type}`] ?? [] };
        }
        throw new Error("unexpected command");
    };
    return { send: send as unknown as Send["send"], inputs };
}

describe("adopt: the storage estimate from CloudWatch", () => {
    it("asks for this bucket's daily averages of the last three days, per storage type it lists", async () => {
        const cw = cloudWatch({}, ["StandardStorage"]);
        await storageEstimate(cw, "legacy", NOW);
        const window = { StartTime: new Date(NOW - 3 * 86400_000), EndTime: new Date(NOW), Period: 86400 };
        assert.deepStrictEqual(cw.inputs, [
            {
                Namespace: "AWS/S3",
                MetricName: "NumberOfObjects",
                Dimensions: [
                    { Name: "BucketName", Value: "legacy" },
                    { Name: "StorageType", Value: "AllStorageTypes" },
                ],
                ...window,
                Statistics: ["Average"],
            },
            {
                Namespace: "AWS/S3",
                MetricName: "BucketSizeBytes",
                Dimensions: [{ Name: "BucketName", Value: "legacy" }],
            },
            {
                Namespace: "AWS/S3",
                MetricName: "BucketSizeBytes",
                Dimensions: [
                    { Name: "BucketName", Value: "legacy" },
                    { Name: "StorageType", Value: "StandardStorage" },
                ],
                ...window,
                Statistics: ["Average"],
            },
        ]);
    });

    it("the newest datapoint with a value counts; sizes sum over storage types; the day is the newest one", async () => {
        const cw = cloudWatch(
            {
                "NumberOfObjects/AllStorageTypes": [
                    { Timestamp: DAY1, Average: 10.4 },
                    { Timestamp: new Date("2026-12-02T00:00:00Z") },
                    { Average: 99 },
                    { Timestamp: DAY2, Average: 1234.6 },
                ],
                "BucketSizeBytes/StandardStorage": [{ Timestamp: DAY1, Average: 1000 }],
                "BucketSizeBytes/GlacierStorage": [{ Timestamp: DAY2, Average: 536 }],
            },
            ["StandardStorage", "GlacierStorage"],
        );
        assert.deepStrictEqual(await storageEstimate(cw, "legacy", NOW), {
            objects: 1235,
            bytes: 1536,
            asOf: "2026-12-01",
        });
    });

    it("sizes without a count still give an estimate, dated by the sizes", async () => {
        const cw = cloudWatch({ "BucketSizeBytes/StandardStorage": [{ Timestamp: DAY1, Average: 2048 }] }, [
            "StandardStorage",
        ]);
        assert.deepStrictEqual(await storageEstimate(cw, "legacy", NOW), { bytes: 2048, asOf: "2026-11-30" });
    });

    it("no datapoint at all is a note, not a number", async () => {
        assert.deepStrictEqual(await storageEstimate(cloudWatch({}, []), "legacy", NOW), {
            note: "no CloudWatch storage metrics in the last 3 days",
        });
    });

    it("a CloudWatch error is a note with its first line, never a stop", async () => {
        const denied = {
            send: (async () => {
                throw Object.assign(
                    new Error("User is not authorized to perform cloudwatch:GetMetricStatistics\nmore"),
                    {
                        name: "AccessDenied",
                    },
                );
            }) as unknown as Send["send"],
        };
        assert.deepStrictEqual(await storageEstimate(denied, "legacy", NOW), {
            note: "CloudWatch storage metrics unavailable: AccessDenied: User is not authorized to perform cloudwatch:GetMetricStatistics",
        });
    });

    it("bytes in binary units with one decimal; whole bytes below 1 KiB", () => {
        assert.strictEqual(formatBytes(0), "0 B");
        assert.strictEqual(formatBytes(1023), "1023 B");
        assert.strictEqual(formatBytes(1024), "1.0 KiB");
        assert.strictEqual(formatBytes(1536), "1.5 KiB");
        assert.strictEqual(formatBytes(1.5 * 1024 ** 4), "1.5 TiB");
        assert.strictEqual(formatBytes(2048 * 1024 ** 5), "2048.0 PiB");
    });

    it("the phrase names only what is known", () => {
        assert.strictEqual(
            describeEstimate({ objects: 1234567, bytes: 1536, asOf: "2026-12-01" }),
            "about 1,234,567 objects (all versions), 1.5 KiB (CloudWatch storage metrics of 2026-12-01)",
        );
        assert.strictEqual(
            describeEstimate({ bytes: 1536, asOf: "2026-12-01" }),
            "1.5 KiB (CloudWatch storage metrics of 2026-12-01)",
        );
        assert.strictEqual(
            describeEstimate({ objects: 3, asOf: "2026-12-01" }),
            "about 3 objects (all versions) (CloudWatch storage metrics of 2026-12-01)",
        );
        assert.strictEqual(describeEstimate({ note: "n" }), "n");
    });
});
