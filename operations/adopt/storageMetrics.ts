// An object count and size estimate for a bucket from S3's daily CloudWatch storage metrics (no listing).
import { CloudWatchClient, GetMetricStatisticsCommand, ListMetricsCommand } from "@aws-sdk/client-cloudwatch";
import { oneLine } from "../common/cli";

/** S3 publishes storage metrics once a day; three days back always holds the latest one. */
const LOOKBACK_MS = 3 * 24 * 3600 * 1000;

export interface StorageEstimate {
    /** NumberOfObjects (StorageType AllStorageTypes): every object version, current or not. */
    objects?: number;
    /** BucketSizeBytes summed over the storage classes the bucket has (one StorageType dimension each). */
    bytes?: number;
    /** The day of the newest datapoint (ISO 8601), undefined when S3 has published none yet. */
    asOf?: string;
    /** Why there is no estimate (CloudWatch refused, or no datapoints): shown instead of a number. */
    note?: string;
}

async function latest(
    cw: Pick<CloudWatchClient, "send">,
    metric: string,
    bucket: string,
    storageType: string,
    nowMs: number,
): Promise<{ value: number; at: Date } | undefined> {
    const res = await cw.send(
        new GetMetricStatisticsCommand({
            Namespace: "AWS/S3",
            MetricName: metric,
            Dimensions: [
                { Name: "BucketName", Value: bucket },
                { Name: "StorageType", Value: storageType },
            ],
            StartTime: new Date(nowMs - LOOKBACK_MS),
            EndTime: new Date(nowMs),
            Period: 86400,
            Statistics: ["Average"],
        }),
    );
    const points = (res.Datapoints ?? []).filter((p) => p.Timestamp && p.Average !== undefined);
    points.sort((a, b) => b.Timestamp!.getTime() - a.Timestamp!.getTime());
    return points[0] ? { value: points[0].Average!, at: points[0].Timestamp! } : undefined;
}

/**
 * Reads the estimate in the bucket's region. It is an estimate only (a day old at best) and never a reason
 * to stop: a CloudWatch error becomes a note.
 */
export async function storageEstimate(
    cw: Pick<CloudWatchClient, "send">,
    bucket: string,
    nowMs: number,
): Promise<StorageEstimate> {
    try {
        const count = await latest(cw, "NumberOfObjects", bucket, "AllStorageTypes", nowMs);
        const listed = await cw.send(
            new ListMetricsCommand({
                Namespace: "AWS/S3",
                MetricName: "BucketSizeBytes",
                Dimensions: [{ Name: "BucketName", Value: bucket }],
            }),
        );
        // Stryker disable next-line MethodExpression: the sort only fixes the order of the requests; their sizes are summed
        const storageTypes = [
            ...new Set(
                (listed.Metrics ?? []).flatMap((m) =>
                    (m.Dimensions ?? []).filter((d) => d.Name === "StorageType").map((d) => d.Value ?? ""),
                ),
            ),
        ].sort();
        const sizes = (
            await Promise.all(storageTypes.map((t) => latest(cw, "BucketSizeBytes", bucket, t, nowMs)))
        ).filter((s): s is { value: number; at: Date } => s !== undefined);
        const times = [count?.at, ...sizes.map((s) => s.at)].filter((t): t is Date => t !== undefined);
        if (times.length === 0) return { note: "no CloudWatch storage metrics in the last 3 days" };
        const newest = new Date(Math.max(...times.map((t) => t.getTime())));
        return {
            ...(count ? { objects: Math.round(count.value) } : {}),
            ...(sizes.length ? { bytes: Math.round(sizes.reduce((a, s) => a + s.value, 0)) } : {}),
            asOf: newest.toISOString().slice(0, 10),
        };
    } catch (e) {
        return { note: `CloudWatch storage metrics unavailable: ${oneLine(e)}` };
    }
}

/** `1.5 TiB`: binary units, one decimal. */
export function formatBytes(bytes: number): string {
    const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
    let v = bytes;
    let i = 0;
    while (v >= 1024 && i < units.length - 1) {
        v /= 1024;
        i++;
    }
    return i === 0 ? `${bytes} B` : `${v.toFixed(1)} ${units[i]}`;
}

/** The estimate as one phrase for the report. */
export function describeEstimate(e: StorageEstimate): string {
    if (e.note) return e.note;
    const parts = [
        e.objects !== undefined ? `about ${e.objects.toLocaleString("en-US")} objects (all versions)` : undefined,
        e.bytes !== undefined ? formatBytes(e.bytes) : undefined,
    ].filter((p) => p !== undefined);
    return `${parts.join(", ")} (CloudWatch storage metrics of ${e.asOf})`;
}
