// Which regional copy of a probe object is the original the MRAP wrote, from what each bucket's HeadObject said.
//
// What AWS gives to tell them apart (S3 User Guide, "Getting replication status information"):
// * a source object reports PENDING, COMPLETED or FAILED; a replica reports REPLICA, except that with
//   replica modification sync (on in this platform's mesh) a replica reports PENDING while a metadata
//   change replicates back and FAILED when that fails. So PENDING and FAILED do not say "original";
//   only COMPLETED does (a replica never reports it) and only REPLICA says "replica".
// * replication keeps version ids, so the id the PutObject through the MRAP returned names every copy
//   alike; and the MRAP's PutObject response has no documented header naming the bucket it chose.
// * S3 reads are strongly consistent: once the PutObject returned, the bucket that took it answers a
//   HeadObject for that version. A regional bucket that answered 404 after the upload returned cannot
//   hold the original: its copy, if it comes, is a replica whatever status it later reports.
// So the original is the one copy reporting COMPLETED, or else the only copy that is neither REPLICA nor
// absent-after-the-upload once every regional bucket has answered. Anything else is undecided, and is
// reported as such rather than guessed.

/** What verify learned about one regional copy. */
export interface RegionalCopy {
    id: string;
    /** True once a HeadObject found the version. */
    seen: boolean;
    /** The ReplicationStatus of the latest successful HeadObject (undefined: the header was absent). */
    replicationStatus?: string;
    /** True when a HeadObject after the upload returned answered 404: this bucket did not take the upload. */
    absentAfterPut?: boolean;
}

export interface OriginalVerdict {
    /** The regional copy the MRAP wrote, when the evidence names exactly one. */
    original?: string;
    /** The copies that could still be the original (more than one when undecided). */
    candidates: string[];
}

export function identifyOriginal(copies: readonly RegionalCopy[]): OriginalVerdict {
    const candidates = copies.filter((c) => c.seen && !c.absentAfterPut && c.replicationStatus !== "REPLICA");
    const ids = candidates.map((c) => c.id);
    const completed = candidates.filter((c) => c.replicationStatus === "COMPLETED");
    if (completed.length === 1) return { original: completed[0].id, candidates: ids };
    // A bucket that has not answered yet (or answered only with errors other than 404) may still hold it.
    const unknown = copies.some((c) => !c.seen && !c.absentAfterPut);
    if (candidates.length === 1 && !unknown) return { original: candidates[0].id, candidates: ids };
    return { candidates: ids };
}
