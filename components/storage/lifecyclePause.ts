// Lifecycle rules paused while a Batch Replication job runs: a rule that expires objects or noncurrent versions must not delete what the job is replicating.
import * as aws from "@pulumi/aws";

type Rule = aws.types.input.s3.BucketLifecycleConfigurationRule;

/**
 * Whether a rule deletes data a Batch Replication job may still have to replicate: it expires current
 * objects or noncurrent versions. Transitions and multipart-upload clean-up delete no object version.
 */
export function expiresData(rule: Rule): boolean {
    return rule.expiration !== undefined || rule.noncurrentVersionExpiration !== undefined;
}

/**
 * The rules as declared, or, while `paused`, with every data-expiring rule `Disabled`. AWS recommends
 * pausing lifecycle expiration during Batch Replication: S3 lists the job's objects when it prepares the
 * job, a version expired before its task runs fails that task, and an expiry on the source that the
 * replica never sees leaves the two apart. The rules come back `Enabled` as declared once the switch is
 * off; expiry then catches up on its own (it acts on age, not on a schedule that was missed).
 */
export function withExpiryPaused(rules: Rule[], paused: boolean): Rule[] {
    return paused ? rules.map((r) => (expiresData(r) ? { ...r, status: "Disabled" } : r)) : rules;
}

/** IDs of the rules `withExpiryPaused` turns off (those enabled and expiring), in order. */
export function pausedRuleIds(rules: Rule[], paused: boolean): string[] {
    return paused ? rules.filter((r) => expiresData(r) && r.status !== "Disabled").map((r) => String(r.id)) : [];
}
