// Pure MRAP failover logic: the route update for a failover mode, the region to call the routes API in, and printing.
import type { MultiRegionAccessPointRoute } from "@aws-sdk/client-s3-control";
import { MRAP_ROUTES_REGIONS } from "../../config/configTypes";
import { isMrapRoutesRegion } from "../../config/validators";

export type FailoverTarget = { mode: "active-active" } | { mode: "active-passive"; activeRegion: string };

export interface BucketRoute {
    bucket: string;
    region: string;
}

/** Thrown for a target that cannot apply to this MRAP; the command reports it as bad usage (exit 2). */
export class RouteTargetError extends Error {
    override name = "RouteTargetError";
}

/**
 * The `RouteUpdates` of SubmitMultiRegionAccessPointRoutes: 100 (active) for every bucket in active-active,
 * else 100 for the active region's bucket and 0 (passive) for the rest. Every bucket is listed, so the
 * request states the whole routing configuration and does not depend on what was there before.
 */
export function routeUpdates(buckets: BucketRoute[], target: FailoverTarget): MultiRegionAccessPointRoute[] {
    if (buckets.length === 0) {
        throw new RouteTargetError("the MRAP has no buckets to route to");
    }
    if (target.mode === "active-passive" && !buckets.some((b) => b.region === target.activeRegion)) {
        throw new RouteTargetError(
            `${target.activeRegion} is not a region of this Multi-Region Access Point (allowed: ${buckets.map((b) => b.region).join(", ")})`,
        );
    }
    return buckets.map((b) => ({
        Bucket: b.bucket,
        Region: b.region,
        TrafficDialPercentage: target.mode === "active-active" || b.region === target.activeRegion ? 100 : 0,
    }));
}

/** Regions that take no traffic after the switch: in an emergency these are the ones presumed down. */
export function drainedRegions(buckets: BucketRoute[], target: FailoverTarget): string[] {
    return target.mode === "active-active" ? [] : buckets.map((b) => b.region).filter((r) => r !== target.activeRegion);
}

/**
 * Where to call the routes API. It answers only in five regions; if the configured one is being drained
 * (presumably down), the first routes region that is not is used instead, so failover works during the outage.
 * An explicit --routes-region in a drained region is refused rather than silently replaced.
 */
export function chooseRoutesRegion(
    preferred: string,
    explicit: boolean,
    drained: string[],
): { region: string; note?: string } {
    if (!isMrapRoutesRegion(preferred)) {
        throw new RouteTargetError(
            `--routes-region ${preferred}: the MRAP routes API answers only in ${MRAP_ROUTES_REGIONS.join(", ")}`,
        );
    }
    if (!drained.includes(preferred)) {
        return { region: preferred };
    }
    if (explicit) {
        throw new RouteTargetError(
            `--routes-region ${preferred} is a region this failover takes traffic away from; call the routes API in another of ${MRAP_ROUTES_REGIONS.join(", ")}`,
        );
    }
    const region = MRAP_ROUTES_REGIONS.find((r) => !drained.includes(r)) as string;
    return {
        region,
        note: `routesRegion ${preferred} is a region being drained; calling the routes API in ${region} instead`,
    };
}

/** Routes from GetMultiRegionAccessPointRoutes as buckets, in the order AWS returned them. */
export function bucketsFromRoutes(routes: MultiRegionAccessPointRoute[]): BucketRoute[] {
    return routes.map((r) => ({ bucket: r.Bucket ?? "", region: r.Region ?? "" }));
}

/** True when the live routes already give each bucket the dial the update asks for. */
export function routesMatch(live: MultiRegionAccessPointRoute[], wanted: MultiRegionAccessPointRoute[]): boolean {
    return wanted.every((w) =>
        live.some((l) => l.Bucket === w.Bucket && l.TrafficDialPercentage === w.TrafficDialPercentage),
    );
}

/** One aligned line per route: region, bucket, dial, active/passive. */
export function formatRoutes(routes: MultiRegionAccessPointRoute[]): string[] {
    const regionWidth = Math.max(6, ...routes.map((r) => (r.Region ?? "").length));
    const bucketWidth = Math.max(6, ...routes.map((r) => (r.Bucket ?? "").length));
    return routes.map((r) => {
        const dial = r.TrafficDialPercentage ?? 0;
        return `  ${(r.Region ?? "?").padEnd(regionWidth)}  ${(r.Bucket ?? "?").padEnd(bucketWidth)}  ${String(dial).padStart(3)}%  ${dial > 0 ? "active" : "passive"}`;
    });
}

/**
 * The `pulumi config` commands that record the switch in the hub stack, so that the next `pulumi up` keeps
 * these routes instead of resetting them to what the stack file says.
 */
export function configCommands(stackName: string, target: FailoverTarget): string[] {
    return target.mode === "active-active"
        ? [
              `pulumi config set failoverMode active-active --stack ${stackName}`,
              `pulumi config rm activeRegion --stack ${stackName}`,
          ]
        : [
              `pulumi config set failoverMode active-passive --stack ${stackName}`,
              `pulumi config set activeRegion ${target.activeRegion} --stack ${stackName}`,
          ];
}
