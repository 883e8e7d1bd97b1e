// Tests of the pure failover logic: route update shapes, refusals, choice of the routes-API region, config commands.
import * as assert from "assert";
import {
    BucketRoute,
    chooseRoutesRegion,
    configCommands,
    drainedRegions,
    formatRoutes,
    RouteTargetError,
    routesMatch,
    routeUpdates,
} from "../../operations/failover/routeUpdates";
import { OSAKA_BUCKET, TOKYO_BUCKET } from "./fixtures";

const BUCKETS: BucketRoute[] = [
    { bucket: TOKYO_BUCKET, region: "ap-northeast-1" },
    { bucket: OSAKA_BUCKET, region: "ap-northeast-3" },
];

describe("ops routeUpdates", () => {
    it("active-active: every bucket at 100", () => {
        assert.deepStrictEqual(routeUpdates(BUCKETS, { mode: "active-active" }), [
            { Bucket: TOKYO_BUCKET, Region: "ap-northeast-1", TrafficDialPercentage: 100 },
            { Bucket: OSAKA_BUCKET, Region: "ap-northeast-3", TrafficDialPercentage: 100 },
        ]);
    });

    it("active-passive: 100 for the active region, 0 for every other", () => {
        assert.deepStrictEqual(routeUpdates(BUCKETS, { mode: "active-passive", activeRegion: "ap-northeast-3" }), [
            { Bucket: TOKYO_BUCKET, Region: "ap-northeast-1", TrafficDialPercentage: 0 },
            { Bucket: OSAKA_BUCKET, Region: "ap-northeast-3", TrafficDialPercentage: 100 },
        ]);
        const three = [...BUCKETS, { bucket: "sg", region: "ap-southeast-1" }];
        assert.deepStrictEqual(
            routeUpdates(three, { mode: "active-passive", activeRegion: "ap-northeast-1" }).map(
                (r) => r.TrafficDialPercentage,
            ),
            [100, 0, 0],
        );
    });

    it("refuses a region that is not one of the MRAP's, listing the allowed ones", () => {
        assert.throws(
            () => routeUpdates(BUCKETS, { mode: "active-passive", activeRegion: "us-east-1" }),
            (e: Error) =>
                e instanceof RouteTargetError &&
                e.message ===
                    "us-east-1 is not a region of this Multi-Region Access Point (allowed: ap-northeast-1, ap-northeast-3)",
        );
        assert.throws(() => routeUpdates([], { mode: "active-active" }), RouteTargetError);
    });

    it("drains every region but the active one", () => {
        assert.deepStrictEqual(drainedRegions(BUCKETS, { mode: "active-passive", activeRegion: "ap-northeast-3" }), [
            "ap-northeast-1",
        ]);
        assert.deepStrictEqual(drainedRegions(BUCKETS, { mode: "active-active" }), []);
    });

    it("calls the routes API in the configured region when it is not being drained", () => {
        assert.deepStrictEqual(chooseRoutesRegion("us-west-2", false, ["ap-northeast-1"]), { region: "us-west-2" });
        assert.deepStrictEqual(chooseRoutesRegion("ap-northeast-1", false, []), { region: "ap-northeast-1" });
    });

    it("moves off a configured routes region that is being drained, and says so", () => {
        const choice = chooseRoutesRegion("ap-northeast-1", false, ["ap-northeast-1"]);
        assert.strictEqual(choice.region, "us-east-1");
        assert.match(
            choice.note ?? "",
            /routesRegion ap-northeast-1 is a region being drained; calling the routes API in us-east-1 instead/,
        );
    });

    it("refuses an explicit routes region that is drained or where the API does not answer", () => {
        assert.throws(
            () => chooseRoutesRegion("ap-northeast-1", true, ["ap-northeast-1"]),
            /--routes-region ap-northeast-1 is a region this failover takes traffic away from/,
        );
        assert.throws(
            () => chooseRoutesRegion("ap-northeast-3", true, []),
            /--routes-region ap-northeast-3: the MRAP routes API answers only in us-east-1, us-west-2, ap-southeast-2, ap-northeast-1, eu-west-1/,
        );
    });

    it("prints routes aligned, with active/passive", () => {
        assert.deepStrictEqual(
            formatRoutes([
                { Bucket: "tokyo-b", Region: "ap-northeast-1", TrafficDialPercentage: 0 },
                { Bucket: "osaka-bucket", Region: "ap-northeast-3", TrafficDialPercentage: 100 },
            ]),
            ["  ap-northeast-1  tokyo-b         0%  passive", "  ap-northeast-3  osaka-bucket  100%  active"],
        );
        // A route without a region or bucket: a placeholder in each column, at least six wide.
        assert.deepStrictEqual(formatRoutes([{ TrafficDialPercentage: 0 }]), ["  ?       ?         0%  passive"]);
    });

    it("compares live routes with an update bucket by bucket", () => {
        const wanted = routeUpdates(BUCKETS, { mode: "active-passive", activeRegion: "ap-northeast-3" });
        assert.strictEqual(routesMatch(wanted, wanted), true);
        assert.strictEqual(routesMatch(routeUpdates(BUCKETS, { mode: "active-active" }), wanted), false);
        // Each dial belongs to its own bucket: the same dials on swapped buckets do not match.
        const live = [
            { Bucket: "a", TrafficDialPercentage: 100 },
            { Bucket: "b", TrafficDialPercentage: 0 },
        ];
        const swapped = [
            { Bucket: "a", TrafficDialPercentage: 0 },
            { Bucket: "b", TrafficDialPercentage: 100 },
        ];
        assert.strictEqual(routesMatch(live, swapped), false);
        assert.strictEqual(routesMatch(live, [...live].reverse()), true);
    });

    it("prints the config commands that make the next deploy keep the routes", () => {
        assert.deepStrictEqual(configCommands("tokyo", { mode: "active-passive", activeRegion: "ap-northeast-3" }), [
            "pulumi config set failoverMode active-passive --stack tokyo",
            "pulumi config set activeRegion ap-northeast-3 --stack tokyo",
        ]);
        assert.deepStrictEqual(configCommands("hub", { mode: "active-active" }), [
            "pulumi config set failoverMode active-active --stack hub",
            "pulumi config rm activeRegion --stack hub",
        ]);
    });
});
