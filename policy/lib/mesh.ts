// Replication as a mesh, for policies that read a StackView: a thin layer over the system view's modules.

// The normalised view is SystemView (system.ts): its rules(), regionalBuckets(), mraps(), regionOf() and can() are
// what policies read. These names stay for code written against the mesh before the two were one view.

export { accountsInName, bucketRegion, mrapBuckets, regionFromName, regionOf } from "./regions";
export { RuleDetails, isCrossAccount, regionalBuckets, replicationRules, sourceAccount } from "./replicationRules";
