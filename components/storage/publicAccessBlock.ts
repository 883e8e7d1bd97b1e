// The public access block every bucket and the MRAP carry: all four flags on, one list for both.

/**
 * All four flags on. An MRAP's block is fixed at creation (turning a flag back on replaces the MRAP and
 * its alias), and a bucket with any flag off can be opened by one policy or ACL edit.
 */
export const ALL_PUBLIC_ACCESS_BLOCKED = {
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
} as const;
