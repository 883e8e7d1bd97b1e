// Replication latency statistics for verify: min, median, nearest-rank p99, max.

export interface LatencyStats {
    count: number;
    min: number;
    median: number;
    p99: number;
    max: number;
}

/**
 * Nearest-rank percentile: the smallest observed value with at least p% of the values at or below it
 * (rank ceil(p/100 * n)). Always an observed value, never an interpolation; with fewer than 100 samples
 * p99 is therefore the maximum, which is the honest answer for a small run.
 */
export function percentileNearestRank(sorted: number[], p: number): number {
    if (sorted.length === 0) {
        throw new Error("percentile of no values");
    }
    if (!(p > 0 && p <= 100)) {
        throw new Error(`percentile must be in (0, 100], got ${p}`);
    }
    // p * n first keeps the product an exact integer for whole p, so ceil does not round 99.00000000000001 up.
    const rank = Math.ceil((p * sorted.length) / 100);
    return sorted[rank - 1];
}

/** Statistics of a non-empty list (any order). The median of an even count is the mean of the middle two. */
export function latencyStats(values: number[]): LatencyStats {
    if (values.length === 0) {
        throw new Error("latency statistics of no values");
    }
    const sorted = [...values].sort((a, b) => a - b);
    const n = sorted.length;
    const median = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    return { count: n, min: sorted[0], median, p99: percentileNearestRank(sorted, 99), max: sorted[n - 1] };
}
