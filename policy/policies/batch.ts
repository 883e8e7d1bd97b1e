// S3 Batch Operations and inventory policies: the role the service can assume, the report it can write, the manifest S3 can deliver.

import { StackValidationPolicy } from "@pulumi/policy";

import {
    Statement,
    appliesToAction,
    globMatch,
    isAllow,
    isNarrowingCondition,
    parsePolicyDocument,
    trustedServices,
    trustsService,
} from "../lib/iamDocument";
import {
    DEFAULT_REPORT_BUCKET_PATTERN,
    allowsObjectAction,
    batchJobs,
    replicationSources,
    reportBucketPatternSchema,
    reportBuckets,
} from "../lib/s3";
import { StackResource, StackView, bucketRef } from "../lib/stack";
import { SystemView, bucketAccount } from "../lib/system";
import { T } from "../lib/types";
import { UNKNOWN, get, str } from "../lib/values";

const BATCH_SERVICE = "batchoperations.s3.amazonaws.com";

const DEFAULT_BATCH_ROLE_NAME_PATTERN = "(^|[-_])batch([-_]|$)";

/** Why each role of the stack is a Batch Operations role, by role URN. */
function batchRoles(
    view: StackView,
    namePattern: string,
): Map<string, { role: StackResource; why: string; mustTrust: boolean }> {
    const out = new Map<string, { role: StackResource; why: string; mustTrust: boolean }>();
    for (const job of batchJobs(view)) {
        if (typeof job.roleArn !== "string") continue;
        const role = view.roleByArn(job.roleArn);
        if (role)
            out.set(role.urn, {
                role,
                why: `is the role of Batch Operations job ${job.resource.name}`,
                mustTrust: true,
            });
    }
    const replicationRoles = new Set<string>();
    for (const src of replicationSources(view)) {
        // Stryker disable next-line ConditionalExpression: no role of the stack is found by an unknown ARN either
        const role = typeof src.role === "string" ? view.roleByArn(src.role) : undefined;
        if (role) replicationRoles.add(role.urn);
    }
    const nameRe = new RegExp(namePattern);
    for (const role of view.roles()) {
        if (out.has(role.urn)) continue;
        const trust = view.trustPolicy(role);
        const trusted = trust !== UNKNOWN && trust !== undefined && trust.ok ? trust.statements : [];
        if (trustsService(trusted, BATCH_SERVICE)) {
            out.set(role.urn, { role, why: "trusts batchoperations.s3.amazonaws.com", mustTrust: false });
            continue;
        }
        // s3:InitiateReplication is only ever called by Batch Replication jobs.
        const perms = view.rolePermissions(role);
        if (perms.statements.some((st) => isAllow(st) && appliesToAction(st, "s3:InitiateReplication"))) {
            out.set(role.urn, {
                role,
                why: "is allowed s3:InitiateReplication, which only Batch Replication jobs call",
                mustTrust: true,
            });
            continue;
        }
        const name = str(role.props["name"]);
        if (
            typeof name === "string" &&
            nameRe.test(name) &&
            trustsService(trusted, "s3.amazonaws.com") &&
            !replicationRoles.has(role.urn)
        ) {
            out.set(role.urn, { role, why: `is named like a Batch Operations role ('${name}')`, mustTrust: true });
        }
    }
    return out;
}

const batchRoleNameSchema = {
    type: "string" as const,
    default: DEFAULT_BATCH_ROLE_NAME_PATTERN,
    description:
        "Regular expression for role names that mark a role as a Batch Operations role when nothing else in the stack does.",
};

export const batchRoleTrust: StackValidationPolicy = {
    name: "s3-batch-role-trust",
    description:
        "An IAM role used by S3 Batch Operations trusts the service principal `batchoperations.s3.amazonaws.com`. A role that " +
        "trusts only `s3.amazonaws.com` (reusing the replication role is the usual way to get there) makes the job fail with " +
        '"Error occurred when preparing manifest: Failed to assume role". Batch roles are found from job resources in the stack, ' +
        "from an s3:InitiateReplication permission, or by name (pack config batchRoleNamePattern). Mandatory: the job " +
        "cannot run, so existing objects are never copied. " +
        "Fix: give Batch Operations its own role whose trust policy allows Service batchoperations.s3.amazonaws.com.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { batchRoleNamePattern: batchRoleNameSchema } },
    validateStack: (args, report) => {
        const view = new StackView(args);
        const config = args.getConfig<{ batchRoleNamePattern?: string }>();
        const roles = [
            ...batchRoles(view, config.batchRoleNamePattern ?? DEFAULT_BATCH_ROLE_NAME_PATTERN).values(),
        ].filter((r) => r.mustTrust);
        if (roles.length === 0) args.notApplicable("No Batch Operations role in this stack");
        for (const { role, why } of roles) {
            const trust = view.trustPolicy(role);
            if (trust === UNKNOWN || trust === undefined) continue;
            const statements = trust.ok ? trust.statements : [];
            if (!trustsService(statements, BATCH_SERVICE)) {
                const services = trustedServices(statements);
                report(
                    `Role '${role.name}' ${why}, but trusts ${services.length ? services.join(", ") : "no service"}, not ${BATCH_SERVICE}.`,
                    role.urn,
                );
            }
        }
    },
};

export const batchRoleWritesReportBucket: StackValidationPolicy = {
    name: "s3-batch-role-writes-report-bucket",
    description:
        "A Batch Operations role may s3:PutObject into the bucket its completion reports go to. Without it the job runs but ends " +
        'with "The job report could not be written to your report bucket", and failed objects go unrecorded. The report bucket ' +
        "is the one a job resource names, else the stack's buckets matching pack config reportBucketPattern. Mandatory: " +
        "without the report nobody learns which objects failed to copy. A job's role is asked as IAM would decide it: an " +
        "explicit Deny wins, and a report bucket of another account must allow the role in its bucket policy too. " +
        "Fix: add arn:aws:s3:::<report bucket>/* (or the report prefix) to the role's s3:PutObject statement (and to the " +
        "report bucket's policy when it belongs to another account).",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            reportBucketPattern: reportBucketPatternSchema,
            batchRoleNamePattern: batchRoleNameSchema,
        },
    },
    validateStack: (args, report) => {
        const view = new StackView(args);
        const config = args.getConfig<{ reportBucketPattern?: string; batchRoleNamePattern?: string }>();
        const roles = batchRoles(view, config.batchRoleNamePattern ?? DEFAULT_BATCH_ROLE_NAME_PATTERN);
        if (roles.size === 0) args.notApplicable("No Batch Operations role in this stack");
        const system = new SystemView(view);
        const paired = new Set<string>();
        for (const job of batchJobs(view)) {
            if (typeof job.roleArn !== "string") continue;
            const role = view.roleByArn(job.roleArn);
            if (!role) continue;
            paired.add(role.urn);
            if (job.reportEnabled !== true || typeof job.reportBucket !== "string") continue;
            // Asked as IAM decides it: the role's policies and, for a report bucket it can see, that bucket's policy
            // (another account's report bucket must allow the role too). S3 writes <prefix>/job-<id>/results/...
            const prefix = job.reportPrefix ? `${job.reportPrefix.replace(/\/+$/, "")}/` : "";
            const decision = system.can({
                principal: job.roleArn,
                action: "s3:PutObject",
                resource: `arn:aws:s3:::${job.reportBucket}/${prefix}job-0000/results/0000.csv`,
                resourceAccount: bucketAccount(job.reportBucket),
            });
            if (decision.allowed !== false) continue;
            const why = decision.reason === "no policy of the role allows it" ? "" : ` (${decision.reason})`;
            report(
                `Role '${role.name}' runs job ${job.resource.name} but may not s3:PutObject its report into '${job.reportBucket}'${why}.`,
                role.urn,
            );
        }
        const buckets = [...reportBuckets(view, config.reportBucketPattern ?? DEFAULT_REPORT_BUCKET_PATTERN).keys()];
        if (buckets.length === 0) return;
        for (const { role, why } of roles.values()) {
            if (paired.has(role.urn)) continue;
            const perms = view.rolePermissions(role);
            if (!perms.complete || buckets.some((b) => allowsObjectAction(perms.statements, "s3:PutObject", b)))
                continue;
            report(
                `Role '${role.name}' ${why}, but may not s3:PutObject into the report bucket (${buckets.join(", ")}).`,
                role.urn,
            );
        }
    },
};

/** Condition keys that tie a delivery by the S3 service to the source bucket or its account (the confused-deputy guard). */
const SOURCE_KEYS = new Set(["aws:sourcearn", "aws:sourceaccount"]);

/** Whether a delivery statement names the source bucket or account, so other accounts' S3 cannot deliver with it. */
const namesSource = (st: Statement): boolean => st.conditions.some((c) => isNarrowingCondition(c, SOURCE_KEYS));

/** The S3 service's inventory delivery statement, for inventory of `source` written under `key`. */
function deliversInventory(st: Statement, dest: string, key: string, source: string | undefined): boolean {
    if (!isAllow(st) || !st.principal?.service.includes("s3.amazonaws.com") || !appliesToAction(st, "s3:PutObject"))
        return false;
    if (!(st.resource ?? []).some((p) => globMatch(p, `arn:aws:s3:::${dest}/${key}`))) return false;
    // A SourceArn condition must admit the source bucket, or S3's delivery for it is refused.
    if (source === undefined) return true;
    return st.conditions
        .filter((c) => c.key === "aws:sourcearn" && isNarrowingCondition(c, new Set(["aws:sourcearn"])))
        .every((c) => c.values.some((v) => globMatch(v, `arn:aws:s3:::${source}`)));
}

export const inventoryDestinationPolicy: StackValidationPolicy = {
    name: "s3-inventory-destination-policy",
    description:
        "The bucket policy of an S3 inventory destination keeps the statement that lets the S3 service (`s3.amazonaws.com`) " +
        "s3:PutObject the reports, with an aws:SourceArn that admits the source bucket. Pasting the Batch Operations " +
        '"AllowBatchOperationsSourceManifestRead" example over the policy deletes it; inventory delivery then stops and no new ' +
        "manifest is ever written. The statement names the source with aws:SourceArn or aws:SourceAccount (the AWS example " +
        "carries both): without them any account's S3 may deliver inventory and analytics exports into the bucket. " +
        "Mandatory: the copy of existing objects works from a stale list or not at all. Fix: keep the delivery statement (with aws:SourceAccount and an aws:SourceArn of the source bucket) and add the manifest-read statement next to it in the one bucket policy.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const view = new StackView(args);
        const inventories = view.ofType(T.inventory).filter((inv) => {
            const dest = bucketRef(get(inv.props, "destination", "bucket", "bucketArn"));
            return typeof dest === "string" && view.findBucket(dest) !== undefined;
        });
        if (inventories.length === 0)
            args.notApplicable("No inventory configuration delivers into a bucket of this stack");
        const policies = view.attachments([T.bucketPolicy]);
        for (const inv of inventories) {
            const dest = bucketRef(get(inv.props, "destination", "bucket", "bucketArn")) as string;
            const source = bucketRef(inv.props["bucket"]);
            const prefix = str(get(inv.props, "destination", "bucket", "prefix"));
            const id = str(inv.props["name"]);
            if (source === UNKNOWN || prefix === UNKNOWN || id === UNKNOWN) continue;
            // S3 writes <prefix>/<source bucket>/<inventory id>/... (the manifest, then data/ files).
            const key = `${prefix ? `${prefix.replace(/\/+$/, "")}/` : ""}${source ?? "source"}/${id ?? "inventory"}/data/0000.csv.gz`;
            const attached = policies.byBucket.get(dest) ?? [];
            if (attached.length === 0) {
                if (!policies.unresolved)
                    report(
                        `Bucket '${dest}' receives inventory ${inv.name} but has no bucket policy letting s3.amazonaws.com deliver it.`,
                        inv.urn,
                    );
                continue;
            }
            for (const p of attached) {
                const parsed = parsePolicyDocument(p.props["policy"]);
                if (parsed === UNKNOWN || parsed === undefined || !parsed.ok) continue;
                const delivering = parsed.statements.filter((st) => deliversInventory(st, dest, key, source));
                if (delivering.length > 0 && !delivering.some(namesSource)) {
                    report(
                        `The policy of bucket '${dest}' lets s3.amazonaws.com deliver inventory ${inv.name} without an aws:SourceArn or aws:SourceAccount condition, so any account's S3 may write into it.`,
                        p.urn,
                    );
                } else if (delivering.length === 0) {
                    report(
                        `The policy of bucket '${dest}' has no statement letting s3.amazonaws.com s3:PutObject inventory ${inv.name} (from ${source ?? "its source bucket"}).`,
                        p.urn,
                    );
                }
            }
        }
    },
};

export const batchPolicies = [batchRoleTrust, batchRoleWritesReportBucket, inventoryDestinationPolicy];
