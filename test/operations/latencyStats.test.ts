// Tests of the latency statistics: exact min / median / nearest-rank p99 / max.
import * as assert from "assert";
import { latencyStats, percentileNearestRank } from "../../operations/verify/latencyStats";

describe("ops latencyStats", () => {
    const cases: Array<[string, number[], { min: number; median: number; p99: number; max: number }]> = [
        ["one value", [7], { min: 7, median: 7, p99: 7, max: 7 }],
        ["odd count, unsorted", [30, 10, 20], { min: 10, median: 20, p99: 30, max: 30 }],
        ["even count: median is the mean of the middle two", [8, 20, 12, 16], { min: 8, median: 14, p99: 20, max: 20 }],
        ["duplicates", [5, 5, 5, 9], { min: 5, median: 5, p99: 9, max: 9 }],
    ];
    for (const [what, values, expected] of cases) {
        it(what, () => {
            assert.deepStrictEqual(latencyStats(values), { count: values.length, ...expected });
        });
    }

    it("p99 by nearest rank: rank ceil(0.99 n), an observed value", () => {
        const hundred = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100
        assert.strictEqual(latencyStats(hundred).p99, 99, "rank 99 of 100");
        const twoHundred = Array.from({ length: 200 }, (_, i) => i + 1);
        assert.strictEqual(latencyStats(twoHundred).p99, 198, "rank 198 of 200");
        const hundredOne = Array.from({ length: 101 }, (_, i) => i + 1);
        assert.strictEqual(latencyStats(hundredOne).p99, 100, "rank ceil(99.99) = 100 of 101");
        assert.strictEqual(
            latencyStats(Array.from({ length: 50 }, (_, i) => i + 1)).p99,
            50,
            "below 100 samples p99 is the maximum",
        );
    });

    it("nearest-rank percentiles at the edges", () => {
        const sorted = [10, 20, 30, 40];
        assert.strictEqual(percentileNearestRank(sorted, 25), 10);
        assert.strictEqual(percentileNearestRank(sorted, 26), 20);
        assert.strictEqual(percentileNearestRank(sorted, 50), 20);
        assert.strictEqual(percentileNearestRank(sorted, 100), 40);
        assert.throws(() => percentileNearestRank(sorted, 0), /percentile must be in \(0, 100\]/);
        assert.throws(
            () => percentileNearestRank(sorted, 100.5),
            (e: Error) => e.message === "percentile must be in (0, 100], got 100.5",
        );
        assert.strictEqual(percentileNearestRank(sorted, 100), sorted[sorted.length - 1]);
        assert.throws(() => percentileNearestRank([], 50), /no values/);
    });

    it("does not reorder its input", () => {
        const values = [3, 1, 2];
        latencyStats(values);
        assert.deepStrictEqual(values, [3, 1, 2]);
        assert.throws(
            () => latencyStats([]),
            (e: Error) => e.message === "latency statistics of no values",
        );
    });
});
