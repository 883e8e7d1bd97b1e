// Where each bucket lives and which buckets an MRAP spans, best evidence first (read through SystemView).

import { blocks } from "./s3";
import { StackResource, StackView, bucketRef } from "./stack";
import { T } from "./types";
import { PlainObject, UNKNOWN, Unknown, get, str } from "./values";

/** An AWS region code as it ends a name derived from config (`<prefix>-data-<account>-ap-northeast-1`). */
const REGION_SUFFIX =
    /(?:^|[-.])((?:af|ap|ca|cn|eu|il|me|mx|sa|us)(?:-gov)?-(?:north|south|east|west|central|northeast|northwest|southeast|southwest)-\d)$/;

/** The region of a resource: its v7 per-resource `region`, else its provider's. */
export function regionOf(r: StackResource): string | Unknown | undefined {
    const own = str(r.props["region"]);
    if (own !== undefined) return own;
    return str(r.providerProps?.["region"]);
}

/** The region a bucket name ends with, when it follows the `...-<region>` convention. */
export function regionFromName(bucket: string): string | undefined {
    return REGION_SUFFIX.exec(bucket)?.[1];
}

/**
 * Where each bucket the stack mentions lives, best evidence first: the bucket resource (or its provider),
 * an MRAP route, the replication configuration of the bucket, and last the region its name ends with.
 */
export function bucketRegion(view: StackView, bucket: string): string | Unknown | undefined {
    const own = view.findBucket(bucket);
    if (own) {
        const r = regionOf(own);
        if (r !== undefined) return r;
    }
    for (const routes of view.ofType(T.mrapRoutes)) {
        for (const route of blocks(routes.props["routes"]) === UNKNOWN
            ? []
            : (blocks(routes.props["routes"]) as PlainObject[])) {
            if (bucketRef(route["bucket"]) === bucket) {
                const r = str(route["region"]);
                if (r !== undefined) return r;
            }
        }
    }
    for (const conf of view.ofType(T.replicationConfig)) {
        if (bucketRef(conf.props["bucket"]) === bucket) {
            const r = regionOf(conf);
            if (r !== undefined) return r;
        }
    }
    return regionFromName(bucket);
}

/** Buckets named in the `details.regions` of every MRAP of the stack. */
export function mrapBuckets(view: StackView): { mrap: StackResource; buckets: string[]; unknown: boolean }[] {
    return view.ofType(T.mrap).map((mrap) => {
        const regions = blocks(get(mrap.props, "details", "regions"));
        if (regions === UNKNOWN) return { mrap, buckets: [], unknown: true };
        let unknown = false;
        const buckets: string[] = [];
        for (const region of regions) {
            const b = bucketRef(region["bucket"]);
            if (b === UNKNOWN) unknown = true;
            else if (b !== undefined) buckets.push(b);
        }
        return { mrap, buckets, unknown };
    });
}

/** The account a bucket name carries (names derived from config carry the owner's id), when it carries exactly one. */
export function bucketAccount(bucket: string): string | undefined {
    const ids = accountsInName(bucket);
    return ids.length === 1 ? ids[0] : undefined;
}

/** 12-digit account ids a bucket name carries (names derived from config carry the owner's id). */
export function accountsInName(bucket: string): string[] {
    return bucket.match(/(?<!\d)\d{12}(?!\d)/g) ?? [];
}
