// S3 Inventory as a system: every inventory configuration delivers to a bucket in its source bucket's region.

import { StackValidationPolicy } from "@pulumi/policy";

import { bucketRegion, regionOf } from "../lib/mesh";
import { StackResource, StackView, bucketRef } from "../lib/stack";
import { T } from "../lib/types";
import { Unknown, get } from "../lib/values";

/** The source and destination buckets of an inventory configuration (destination as an object or a one-element list). */
export function inventoryBuckets(inv: StackResource): {
    source: string | Unknown | undefined;
    destination: string | Unknown | undefined;
} {
    const dest = get(inv.props, "destination");
    const first = Array.isArray(dest) ? dest[0] : dest;
    const bucket = get(first, "bucket");
    const bucketBlock = Array.isArray(bucket) ? bucket[0] : bucket;
    return { source: bucketRef(inv.props["bucket"]), destination: bucketRef(get(bucketBlock, "bucketArn")) };
}

/** Where an inventory's source bucket lives: the bucket's own region, else the inventory resource's, else the best evidence. */
function sourceRegion(view: StackView, inv: StackResource, source: string): string | Unknown | undefined {
    const bucket = view.findBucket(source);
    if (bucket) {
        const own = regionOf(bucket);
        if (own !== undefined) return own;
    }
    return regionOf(inv) ?? bucketRegion(view, source);
}

export const inventorySameRegion: StackValidationPolicy = {
    name: "s3-inventory-same-region",
    description:
        "Every S3 inventory configuration (aws.s3.Inventory) delivers to a bucket in the same region as its source bucket. " +
        'The S3 API reference (PutBucketInventoryConfiguration) states: "The destination bucket must be in the same AWS ' +
        "Region as the source bucket.\" A regional bucket inventoried into the hub's manifest bucket from another region gets " +
        "no inventory, so its Batch Replication manifest and the reconcile comparison have nothing to read. Regions are read " +
        "from the buckets (or their providers), else from the region their names end with; unknown regions are not judged. " +
        "Mandatory: the existing objects of that bucket are never listed, copied or proven copied. " +
        "Fix: give every region its own manifest bucket (in that region) and point each inventory at the bucket of its own region.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const view = new StackView(args);
        const inventories = view.ofType(T.inventory);
        if (inventories.length === 0) args.notApplicable("No S3 inventory configuration in this stack");
        for (const inv of inventories) {
            const { source, destination } = inventoryBuckets(inv);
            if (typeof source !== "string" || typeof destination !== "string") continue;
            const from = sourceRegion(view, inv, source);
            const to = bucketRegion(view, destination);
            if (typeof from !== "string" || typeof to !== "string" || from === to) continue;
            report(
                `Inventory ${inv.name} of '${source}' (${from}) delivers to '${destination}' in ${to}; S3 delivers inventory only to a bucket of the source's region.`,
                inv.urn,
            );
        }
    },
};

export const inventoryPolicies = [inventorySameRegion];
