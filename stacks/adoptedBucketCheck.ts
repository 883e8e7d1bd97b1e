// At deploy time, the adopted bucket must be where adopt found it: owned by the stack's account, in the stack's region.
import * as aws from "@pulumi/aws";
import { liveBucketProblem } from "../config/adoption";
import { ConfigError } from "../config/configReader";
import { PlatformConfig } from "../config/platformConfig";

/**
 * Asks AWS, with the stack's own provider (its aws:profile, assumed roles and region), who the caller is
 * and which buckets its account owns (ListBuckets, filtered by the adopted name), and rejects with the
 * line `adopt` prints when the bucket moved out of reach since adopt read it, or the credentials are
 * another account's. Awaited by the program before it declares any resource: the invokes also run during
 * `pulumi preview`, so a refused bucket stops `pulumi up` before anything is read or changed.
 */
export async function checkAdoptedBucket(cfg: PlatformConfig & { existingBucketName: string }): Promise<void> {
    const [caller, owned] = await Promise.all([
        aws.getCallerIdentity(),
        aws.s3.getBuckets({ prefix: cfg.existingBucketName }),
    ]);
    const problem = liveBucketProblem(cfg, {
        callerAccountId: caller.accountId,
        ownedBuckets: owned.buckets.map((b) => ({ name: b.name, region: b.bucketRegion ?? "" })),
    });
    if (problem) throw new ConfigError("existingBucketName", problem);
}
