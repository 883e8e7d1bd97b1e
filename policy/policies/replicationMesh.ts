// Replication as a system: rules between regional buckets, a complete mesh and a copy to account B, a role that can do it, KMS.

import { StackValidationPolicy } from "@pulumi/policy";

import { RuleDetails, isCrossAccount, sourceAccount } from "../lib/replicationRules";
import { SystemView, accountsInName, bucketAccount } from "../lib/system";
import { UNKNOWN } from "../lib/values";

const isOff = (status: string | typeof UNKNOWN | undefined): boolean => status !== UNKNOWN && status !== "Enabled";

export const replicationRegionalRules: StackValidationPolicy = {
    name: "s3-replication-regional-rules",
    description:
        "Every replication rule between two regional buckets (buckets of one MRAP, or same-account buckets that replicate to " +
        "each other) is Enabled, covers the whole bucket, and enables Replication Time Control, delete-marker replication and " +
        "replica-modification sync. Mandatory: the MRAP sends each write to one region only, so a disabled or prefix-limited rule " +
        "leaves objects in one region; without delete markers a file deleted through the MRAP reappears after a failover; without " +
        "replica-modification sync tag and metadata changes made in one region are lost in the other; without RTC nothing bounds " +
        "or measures the window in which the regions differ. Rules to account B are judged by the cross-account policies. " +
        'Fix: status "Enabled", filter {}, deleteMarkerReplication.status "Enabled", sourceSelectionCriteria.replicaModifications.status ' +
        '"Enabled", destination.replicationTime {status "Enabled", time.minutes 15} and destination.metrics {status "Enabled", eventThreshold.minutes 15}.',
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const system = new SystemView(args);
        const regional = system.regionalBuckets();
        const rules = system.rules().rules.filter(
            (r) =>
                // Stryker disable next-line ConditionalExpression: the set holds strings only, so has() refuses the rest too
                typeof r.destinationBucket === "string" &&
                regional.has(r.destinationBucket) &&
                !isCrossAccount(r, regional),
        );
        if (rules.length === 0) args.notApplicable("No replication rule between regional buckets in this stack");
        for (const rule of rules) {
            const subject = `Replication ${rule.label} from '${String(rule.source)}' to '${String(rule.destinationBucket)}'`;
            const problems: string[] = [];
            if (isOff(rule.status)) problems.push(`is ${String(rule.status ?? "not enabled")}`);
            // Stryker disable next-line ConditionalExpression: UNKNOWN has no length, so the comparison is false for it anyway
            if (rule.scope !== UNKNOWN && rule.scope.length > 0)
                problems.push(`replicates only objects with ${rule.scope.join(" and ")}`);
            if (isOff(rule.replicationTime)) problems.push("has no Replication Time Control");
            if (isOff(rule.deleteMarkers)) problems.push("does not replicate delete markers");
            if (isOff(rule.replicaModifications)) problems.push("does not sync replica modifications");
            if (problems.length > 0) report(`${subject} ${problems.join(", ")}.`, rule.resource.urn);
        }
    },
};

/** Whether the rule replicates, in effect, from `source` to `dest`. */
const replicates = (r: RuleDetails, source: string, dest: string): boolean =>
    r.source === source && r.destinationBucket === dest && r.status !== "Disabled";

/** The account a cross-account rule writes into: the one it names, else the one its destination's name carries. */
function targetAccount(r: RuleDetails): string | undefined {
    if (typeof r.account === "string") return r.account;
    const own = sourceAccount(r);
    return typeof r.destinationBucket === "string"
        ? accountsInName(r.destinationBucket).find((id) => id !== own)
        : undefined;
}

export const replicationComplete: StackValidationPolicy = {
    name: "s3-replication-complete",
    description:
        "Every bucket of an MRAP replicates to every other bucket of it (two regions: both ways), and, when the system copies to " +
        "another account, every regional bucket replicates to that account, not only the hub's. Mandatory: the MRAP routes each " +
        "upload to the nearest region, and S3 never replicates a replica, so an object that landed in Osaka reaches neither Tokyo " +
        "nor account B through Tokyo's rules. Buckets whose replication cannot be seen here (no bucket and no configuration in " +
        "the evaluated stacks) are not judged. Fix: add to each regional bucket's replication configuration a rule to every other " +
        "regional bucket and one to the destination account's bucket (destination.account set, owner override to Destination).",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const system = new SystemView(args);
        const view = system.stack;
        const { rules, unknown } = system.rules();
        const meshes = system.mraps();
        const regional = system.regionalBuckets();
        const destinations = new Set(
            rules.filter((r) => isCrossAccount(r, regional)).flatMap((r) => targetAccount(r) ?? []),
        );
        if (meshes.length === 0 && destinations.size === 0)
            args.notApplicable("No MRAP and no replication to another account in this stack");
        if (unknown) return;
        // Where to blame a missing rule: the bucket's replication configuration, else the bucket itself.
        const blame = (bucket: string): string | undefined =>
            rules.find((r) => r.source === bucket)?.resource.urn ?? view.findBucket(bucket)?.urn;
        for (const { mrap, buckets } of meshes) {
            for (const source of buckets) {
                const urn = blame(source);
                if (urn === undefined) continue;
                for (const dest of buckets) {
                    if (dest === source || rules.some((r) => replicates(r, source, dest))) continue;
                    report(
                        `Bucket '${source}' of MRAP ${mrap.name} does not replicate to '${dest}', so objects the MRAP routes to it are missing there.`,
                        urn,
                    );
                }
            }
        }
        for (const account of destinations) {
            for (const source of regional) {
                const urn = blame(source);
                // A bucket of the destination account itself (its own replication, seen in a combined run) is not a source of the copy.
                if (urn === undefined || rules.some((r) => r.source === source && sourceAccount(r) === account))
                    continue;
                const copies = rules.some(
                    (r) =>
                        r.source === source &&
                        r.status !== "Disabled" &&
                        isCrossAccount(r, regional) &&
                        targetAccount(r) === account,
                );
                if (!copies)
                    report(
                        `Regional bucket '${source}' does not replicate to account ${account}, so objects written to it never reach that account.`,
                        urn,
                    );
            }
        }
    },
};

/** What S3 replication needs from the role: on the source bucket, its objects, and each destination's objects. */
const SOURCE_BUCKET_ACTIONS = ["s3:GetReplicationConfiguration", "s3:ListBucket"];
const SOURCE_OBJECT_ACTIONS = [
    "s3:GetObjectVersionForReplication",
    "s3:GetObjectVersionAcl",
    "s3:GetObjectVersionTagging",
];
const DESTINATION_OBJECT_ACTIONS = ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"];

/** The evaluator's reason when nothing grants an action: the message then lists the action without a reason. */
const NOT_GRANTED = "no policy of the role allows it";

/** The account of a rule's destination bucket: the one the rule names, else the one id its name carries. */
function destinationAccount(r: RuleDetails, bucket: string): string | undefined {
    return typeof r.account === "string" ? r.account : bucketAccount(bucket);
}

export const replicationRolePermissions: StackValidationPolicy = {
    name: "s3-replication-role-permissions",
    description:
        "The role of each replication configuration may read its source (s3:GetReplicationConfiguration and s3:ListBucket on " +
        "the bucket, s3:GetObjectVersionForReplication/Acl/Tagging on its objects) and write every destination its enabled " +
        "rules name (s3:ReplicateObject, s3:ReplicateDelete, s3:ReplicateTags, plus s3:ObjectOwnerOverrideToBucketOwner with an " +
        "owner override, kms:Encrypt on a replica key). Mandatory: a missing permission is not refused at deploy time; the " +
        "objects are marked FAILED one by one and S3 never retries them. Each action is decided as IAM decides it: wildcards " +
        "expanded against the real action list, an explicit Deny in the role's or the bucket's policy wins, and a destination " +
        "in another account must also allow the role in its bucket policy (judged when that stack is among the exports). Roles " +
        "whose permissions are not all in the evaluated stacks (an AWS managed policy) are judged only on what denies. " +
        "Fix: grant the listed actions on the exact bucket and object ARNs, in the role's policy and in another account's " +
        "bucket policy, and keep every Deny off them.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const system = new SystemView(args);
        const view = system.stack;
        const { rules } = system.rules();
        if (rules.length === 0) args.notApplicable("No replication configuration in this stack");
        const missing = new Map<string, { role: string; items: string[] }>();
        for (const rule of rules) {
            if (typeof rule.role !== "string" || typeof rule.source !== "string") continue;
            const roleArn = rule.role;
            const role = view.roleByArn(roleArn);
            if (!role) continue;
            const entry = missing.get(role.urn) ?? { role: role.name, items: [] };
            // Each action asked as IAM would decide it: identity policies and the bucket's policy, denies first.
            const need = (actions: string[], arn: string, what: string, resourceAccount?: string): void => {
                const byReason = new Map<string, string[]>();
                for (const action of actions) {
                    const d = system.can({ principal: roleArn, action, resource: arn, resourceAccount });
                    if (d.allowed === false) byReason.set(d.reason, [...(byReason.get(d.reason) ?? []), action]);
                }
                for (const [reason, absent] of byReason) {
                    const why = reason === NOT_GRANTED ? "" : ` (${reason})`;
                    const item = `${absent.join(", ")} on ${what}${why}`;
                    if (!entry.items.includes(item)) entry.items.push(item);
                }
            };
            const key = `${rule.prefix ?? ""}object-key`;
            const own = sourceAccount(rule);
            need(SOURCE_BUCKET_ACTIONS, `arn:aws:s3:::${rule.source}`, `'${rule.source}'`, own);
            need(SOURCE_OBJECT_ACTIONS, `arn:aws:s3:::${rule.source}/${key}`, `objects of '${rule.source}'`, own);
            if (typeof rule.destinationBucket === "string" && rule.status === "Enabled") {
                const actions = [...DESTINATION_OBJECT_ACTIONS];
                if (typeof rule.ownerOverride === "string") actions.push("s3:ObjectOwnerOverrideToBucketOwner");
                need(
                    actions,
                    `arn:aws:s3:::${rule.destinationBucket}/${key}`,
                    `objects of '${rule.destinationBucket}'`,
                    destinationAccount(rule, rule.destinationBucket),
                );
                if (typeof rule.replicaKmsKeyId === "string" && rule.replicaKmsKeyId.startsWith("arn:"))
                    need(["kms:Encrypt"], rule.replicaKmsKeyId, `replica key ${rule.replicaKmsKeyId}`);
            }
            missing.set(role.urn, entry);
        }
        for (const [urn, { role, items }] of missing) {
            if (items.length > 0)
                report(
                    `Replication role '${role}' may not ${items.join("; ")}; those objects would fail to replicate.`,
                    urn,
                );
        }
    },
};

const KMS_ALGORITHMS = ["aws:kms", "aws:kms:dsse"];

/** Whether a bucket of the system is encrypted with a KMS key by default (undefined when that cannot be seen). */
function kmsEncrypted(system: SystemView, bucket: string): boolean | undefined {
    const facts = system.bucket(bucket);
    if (!facts) return undefined;
    const algorithms = facts.encryption.algorithms;
    return algorithms !== UNKNOWN && algorithms.some((a) => KMS_ALGORITHMS.includes(a));
}

/** The region in a KMS key or alias ARN (aliases too: a replica key may be named by its alias ARN). */
export const keyRegion = (arn: string): string | undefined => /^arn:[^:]+:kms:([a-z0-9-]+):/.exec(arn)?.[1];

export const replicationKms: StackValidationPolicy = {
    name: "s3-replication-kms",
    description:
        "A rule that replicates from an SSE-KMS bucket (or that selects SSE-KMS objects) enables " +
        "sourceSelectionCriteria.sseKmsEncryptedObjects and names a replica key (destination.encryptionConfiguration." +
        "replicaKmsKeyId) in the destination bucket's region. Mandatory: without the criterion S3 skips every KMS-encrypted " +
        "object without marking it failed; without a replica key S3 refuses the rule; a key of another region cannot be used, " +
        'because KMS keys are regional. Fix: set sourceSelectionCriteria.sseKmsEncryptedObjects.status = "Enabled" and ' +
        "destination.encryptionConfiguration.replicaKmsKeyId to a key ARN in the destination's region.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const system = new SystemView(args);
        const rules = system.rules().rules.filter(
            (r) =>
                r.sseKmsEncryptedObjects === "Enabled" ||
                // Stryker disable next-line ConditionalExpression: no bucket of the system is named by an unknown value
                (typeof r.source === "string" && kmsEncrypted(system, r.source) === true),
        );
        if (rules.length === 0) args.notApplicable("No replication of SSE-KMS objects in this stack");
        for (const rule of rules) {
            const subject = `Replication ${rule.label} from '${String(rule.source)}'`;
            if (isOff(rule.sseKmsEncryptedObjects)) {
                report(
                    `${subject} copies from an SSE-KMS bucket but does not enable sseKmsEncryptedObjects, so S3 skips its KMS-encrypted objects.`,
                    rule.resource.urn,
                );
            }
            const key = rule.replicaKmsKeyId;
            if (key === UNKNOWN || rule.sseKmsEncryptedObjects === UNKNOWN) continue;
            if (key === undefined) {
                report(
                    `${subject} names no replicaKmsKeyId for the KMS-encrypted objects it copies.`,
                    rule.resource.urn,
                );
                continue;
            }
            const dest = rule.destinationBucket;
            const destRegion = typeof dest === "string" ? system.regionOf(dest) : undefined;
            const region = keyRegion(key);
            if (typeof destRegion === "string" && region !== undefined && region !== destRegion)
                report(
                    `${subject} encrypts replicas in '${String(dest)}' (${destRegion}) with a key of ${region}; a replica key must be in the destination's region.`,
                    rule.resource.urn,
                );
        }
    },
};

export const replicationMeshPolicies = [
    replicationRegionalRules,
    replicationComplete,
    replicationRolePermissions,
    replicationKms,
];
