// Replication policies: versioning on both ends, RTC with metrics, cross-account rules naming the account, the role S3 can assume.

import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";

import { forTypes } from "../lib/check";
import {
    accountOf,
    isAccountId,
    appliesToAction,
    isAllow,
    parsePolicyDocument,
    trustedServices,
    trustsService,
} from "../lib/iamDocument";
import { replicationOf, replicationSources, inlineVersioningEnabled } from "../lib/s3";
import { StackView, bucketRef } from "../lib/stack";
import { BUCKET_TYPES, T, VERSIONING_TYPES } from "../lib/types";
import { UNKNOWN, get, str } from "../lib/values";

/** Buckets that replicate or are replicated to (by a rule of the stack, or by a bucket policy granting replication), with why. */
export function replicatedBuckets(view: StackView): Map<string, string> {
    const reasons = new Map<string, string>();
    const need = (bucket: string, why: string): void => {
        if (!reasons.has(bucket)) reasons.set(bucket, why);
    };
    for (const src of replicationSources(view)) {
        if (typeof src.source === "string") need(src.source, `replicates to other buckets (${src.resource.name})`);
        for (const rule of src.rules) {
            if (typeof rule.destinationBucket === "string")
                need(rule.destinationBucket, `is the destination of ${rule.label} in ${src.resource.name}`);
        }
    }
    for (const p of view.ofType(T.bucketPolicy)) {
        const bucket = bucketRef(p.props["bucket"]);
        const parsed = parsePolicyDocument(p.props["policy"]);
        if (typeof bucket !== "string" || parsed === UNKNOWN || parsed === undefined || !parsed.ok) continue;
        // Only statements that name a replication action: a delegation with Action "*" says nothing about replication.
        const grantsReplication = parsed.statements.some(
            (st) =>
                isAllow(st) &&
                appliesToAction(st, "s3:ReplicateObject") &&
                (st.action ?? []).some((a) => /^s3:replicate/i.test(a)),
        );
        if (grantsReplication) {
            need(bucket, "lets another account replicate into it (its bucket policy grants s3:ReplicateObject)");
        }
    }
    return reasons;
}

export const replicationVersioning: StackValidationPolicy = {
    name: "s3-replication-versioning",
    description:
        "Every bucket that replicates or is replicated to has versioning Enabled: the source and destination of each replication " +
        "rule in the stack, and any bucket whose policy lets another account replicate into it. S3 refuses the replication " +
        "configuration otherwise (\"Versioning must be 'Enabled' on the bucket\"), and suspending it later stops replication. " +
        "Mandatory: S3 refuses the configuration, or replication stops silently. " +
        'Fix: add aws.s3.BucketVersioning with versioningConfiguration.status = "Enabled" for the bucket, and make the ' +
        "replication configuration dependsOn it.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const view = new StackView(args);
        const reasons = replicatedBuckets(view);
        const inStack = [...reasons].filter(([name]) => view.findBucket(name) !== undefined);
        if (inStack.length === 0) args.notApplicable("No replicated bucket in this stack");
        const versioning = view.attachments(VERSIONING_TYPES);
        for (const [name, why] of inStack) {
            const bucket = view.findBucket(name);
            if (!bucket) continue;
            const attached = versioning.byBucket.get(name) ?? [];
            for (const v of attached) {
                const status = str(get(v.props, "versioningConfiguration", "status"));
                if (status !== UNKNOWN && status !== "Enabled") {
                    report(`Bucket '${name}' ${why}, but its versioning status is ${status ?? "(not set)"}.`, v.urn);
                }
            }
            if (attached.length > 0 || versioning.unresolved) continue;
            const inline = inlineVersioningEnabled(bucket.props);
            if (inline === true || inline === UNKNOWN) continue;
            report(`Bucket '${name}' ${why}, but versioning is not enabled.`, bucket.urn);
        }
    },
};

export const replicationTimeControlMetrics: ResourceValidationPolicy = {
    name: "s3-replication-rtc-metrics",
    description:
        "A replication rule with Replication Time Control (replicationTime.status Enabled) also enables replication metrics. " +
        'S3 rejects RTC without metrics ("InvalidRequest"), and without metrics the 15-minute threshold cannot be observed or alarmed on. ' +
        "Mandatory: S3 refuses the rule. " +
        'Fix: set destination.metrics = {status: "Enabled", eventThreshold: {minutes: 15}} on every rule that sets destination.replicationTime.',
    enforcementLevel: "mandatory",
    validateResource: forTypes([T.replicationConfig, ...BUCKET_TYPES], (r, report) => {
        const rep = replicationOf(r.type, r.props);
        if (rep === undefined || rep === UNKNOWN) return;
        for (const rule of rep.rules) {
            if (rule.replicationTime === "Enabled" && rule.metrics !== "Enabled" && rule.metrics !== UNKNOWN) {
                report(
                    `Replication ${rule.label} enables Replication Time Control but its metrics are ${rule.metrics ?? "not set"}.`,
                );
            }
        }
    }),
};

export const replicationCrossAccountDestination: ResourceValidationPolicy = {
    name: "s3-replication-cross-account-destination",
    description:
        "A replication rule that writes to another account's bucket names that account in destination.account. " +
        "S3 rejects an owner override (accessControlTranslation) without it, and without it the replicas stay owned by the source " +
        "account, so the destination account cannot read them. The account named must be the one that owns the bucket (names " +
        "derived from config carry it), and a rule into another account overrides the owner. A rule counts as cross-account when it overrides the owner or its " +
        "destination bucket's name carries an account id other than the replication role's. " +
        "Mandatory: S3 refuses the rule, or account B cannot read its copy. " +
        'Fix: set destination.account to the destination account id and accessControlTranslation.owner = "Destination".',
    enforcementLevel: "mandatory",
    validateResource: forTypes([T.replicationConfig, ...BUCKET_TYPES], (r, report) => {
        const rep = replicationOf(r.type, r.props);
        if (rep === undefined || rep === UNKNOWN) return;
        const roleAccount = typeof rep.role === "string" ? accountOf(rep.role) : undefined;
        for (const rule of rep.rules) {
            if (rule.account === UNKNOWN) continue;
            if (typeof rule.account === "string") {
                if (!isAccountId(rule.account)) {
                    report(
                        `Replication ${rule.label} names destination account '${rule.account}', which is not a 12-digit account id.`,
                    );
                    continue;
                }
                // Names derived from config carry the owner's account id: a rule naming another account is wrong.
                const named: string[] =
                    typeof rule.destinationBucket === "string"
                        ? (rule.destinationBucket.match(/(?<!\d)\d{12}(?!\d)/g) ?? [])
                        : [];
                if (named.length > 0 && !named.includes(rule.account)) {
                    report(
                        `Replication ${rule.label} names destination account ${rule.account}, but '${String(rule.destinationBucket)}' belongs to account ${named[0]} by its name.`,
                    );
                } else if (rule.account !== roleAccount && rule.ownerOverride === undefined) {
                    report(
                        `Replication ${rule.label} writes into account ${rule.account} without an owner override (accessControlTranslation.owner = Destination).`,
                    );
                }
                continue;
            }
            if (typeof rule.ownerOverride === "string") {
                report(
                    `Replication ${rule.label} overrides the replica owner to ${rule.ownerOverride} but does not name destination.account.`,
                );
                continue;
            }
            if (typeof rule.destinationBucket !== "string" || roleAccount === undefined) continue;
            const foreign = (rule.destinationBucket.match(/(?<!\d)\d{12}(?!\d)/g) ?? []).filter(
                (id) => id !== roleAccount,
            );
            if (foreign.length > 0) {
                report(
                    `Replication ${rule.label} writes to '${rule.destinationBucket}', which belongs to account ${foreign[0]} by its name, ` +
                        `while the replication role is in ${roleAccount}; destination.account is not set.`,
                );
            }
        }
    }),
};

export const replicationRoleTrust: StackValidationPolicy = {
    name: "s3-replication-role-trust",
    description:
        "The IAM role a replication configuration uses trusts the service principal `s3.amazonaws.com` (sts:AssumeRole). " +
        "A role that trusts only `batchoperations.s3.amazonaws.com` (a Batch Operations role reused by mistake) or anything else " +
        "cannot be assumed by S3, and replication silently never starts. Mandatory: nothing is copied and nothing says so. " +
        "Fix: use a dedicated replication role whose trust policy allows Service s3.amazonaws.com (with an aws:SourceAccount condition).",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const view = new StackView(args);
        const sources = replicationSources(view);
        if (sources.length === 0) args.notApplicable("No replication configuration in this stack");
        const seen = new Set<string>();
        for (const src of sources) {
            if (typeof src.role !== "string") continue;
            const role = view.roleByArn(src.role);
            if (!role || seen.has(role.urn)) continue;
            seen.add(role.urn);
            const trust = view.trustPolicy(role);
            if (trust === UNKNOWN || trust === undefined) continue;
            if (!trust.ok) {
                report(
                    `Role '${role.name}' (replication role of ${src.resource.name}) has a trust policy that ${trust.error}.`,
                    role.urn,
                );
            } else if (!trustsService(trust.statements, "s3.amazonaws.com")) {
                const services = trustedServices(trust.statements);
                report(
                    `Role '${role.name}' is the replication role of ${src.resource.name} but trusts ${services.length ? services.join(", ") : "no service"}, not s3.amazonaws.com.`,
                    role.urn,
                );
            }
        }
    },
};

export const replicationPolicies = [
    replicationVersioning,
    replicationTimeControlMetrics,
    replicationCrossAccountDestination,
    replicationRoleTrust,
];
