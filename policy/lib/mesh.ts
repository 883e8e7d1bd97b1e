// Replication as a mesh, for policies that read a StackView: a thin layer over the system view's modules.

// The normalised view is SystemView (system.ts): its rules(), regionalBuckets(), mraps(), regionOf() and can() are
// what policies read. These names stay for code written against the mesh before the two were one view.

import { StackView, bucketRef } from "./stack";
import { OBJECT_LOCK_TYPES } from "./types";
import { bool, get, str } from "./values";

export { accountsInName, bucketRegion, mrapBuckets, regionFromName, regionOf } from "./regions";
export { RuleDetails, isCrossAccount, regionalBuckets, replicationRules, sourceAccount } from "./replicationRules";

/** Whether Object Lock is on for a bucket of the stack (inline on the bucket or a lock configuration resource). */
export function objectLockEnabled(view: StackView, bucket: string): boolean {
    const b = view.findBucket(bucket);
    if (
        b &&
        (bool(b.props["objectLockEnabled"]) === true ||
            str(get(b.props, "objectLockConfiguration", "objectLockEnabled")) === "Enabled")
    )
        return true;
    return view.ofType(...OBJECT_LOCK_TYPES).some((r) => bucketRef(r.props["bucket"]) === bucket);
}
