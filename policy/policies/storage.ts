// Bucket baseline policies: public access block, encryption, versioning, ownership (ACLs off), request metrics.

import { ReportViolation, StackValidationPolicy } from "@pulumi/policy";

import {
    DEFAULT_REPORT_BUCKET_PATTERN,
    inlineSseAlgorithms,
    inlineVersioningEnabled,
    reportBucketPatternSchema,
    reportBuckets,
    sseAlgorithms,
} from "../lib/s3";
import { StackResource, StackView, bucketRef } from "../lib/stack";
import { PAB_FLAGS } from "../lib/system";
import { replicatedBuckets } from "./replication";
import { SSE_TYPES, T, VERSIONING_TYPES } from "../lib/types";
import { UNKNOWN, bool, get, str } from "../lib/values";

export const bucketPublicAccessBlock: StackValidationPolicy = {
    name: "s3-bucket-public-access-block",
    description:
        "Every S3 bucket has a BucketPublicAccessBlock with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and " +
        "restrictPublicBuckets all true (an account-level AccountPublicAccessBlock with all four also counts). " +
        "A flag left false lets one public ACL or one over-broad policy statement expose every object. Mandatory: the data is exposed and nothing warns. " +
        "Fix: add aws.s3.BucketPublicAccessBlock for the bucket with all four flags set to true.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const view = new StackView(args);
        const buckets = view.buckets();
        if (buckets.length === 0) args.notApplicable("No S3 buckets in this stack");
        const blocks = view.attachments([T.publicAccessBlock]);
        for (const [name, attached] of blocks.byBucket)
            for (const pab of attached) reportFlags(pab, `Bucket '${name}'`, report);
        const accountWide = view
            .ofType(T.accountPublicAccessBlock)
            .some((a) => PAB_FLAGS.every((f) => bool(a.props[f]) === true));
        for (const bucket of buckets) {
            const name = view.bucketName(bucket);
            if (typeof name !== "string" || blocks.byBucket.has(name) || accountWide || blocks.unresolved) continue;
            report(`Bucket '${name}' has no BucketPublicAccessBlock.`, bucket.urn);
        }
    },
};

function reportFlags(pab: StackResource, subject: string, report: ReportViolation): void {
    const off = PAB_FLAGS.filter((f) => {
        const v = bool(pab.props[f]);
        return v !== true && v !== UNKNOWN;
    });
    if (off.length > 0) report(`${subject}: public access block leaves ${off.join(", ")} off (not true).`, pab.urn);
}

const SSE_ALGORITHMS = ["AES256", "aws:kms", "aws:kms:dsse"];

export const bucketDefaultEncryption: StackValidationPolicy = {
    name: "s3-bucket-default-encryption",
    description:
        "Every S3 bucket declares default encryption (SSE-S3 `AES256`, SSE-KMS `aws:kms` or `aws:kms:dsse`). " +
        "S3 applies SSE-S3 by itself only to buckets created since 2023; without a declared setting an imported or older " +
        "bucket stays unencrypted and a console change is never put back by `pulumi up`. Mandatory: objects would be stored unencrypted without anyone seeing it. " +
        "Fix: add aws.s3.BucketServerSideEncryptionConfiguration with a rule whose applyServerSideEncryptionByDefault.sseAlgorithm is AES256 or aws:kms.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const view = new StackView(args);
        const buckets = view.buckets();
        if (buckets.length === 0) args.notApplicable("No S3 buckets in this stack");
        const configs = view.attachments(SSE_TYPES);
        for (const bucket of buckets) {
            const name = view.bucketName(bucket);
            // Stryker disable next-line ConditionalExpression: byBucket's keys are names, so a name not known yet finds nothing attached either
            if (typeof name !== "string") continue;
            const attached = configs.byBucket.get(name) ?? [];
            for (const c of attached) {
                const algs = sseAlgorithms(c.props["rules"]);
                if (algs === UNKNOWN) continue;
                const bad = algs.filter((a) => !SSE_ALGORITHMS.includes(a));
                if (algs.length === 0 || bad.length > 0) {
                    report(
                        `Bucket '${name}': encryption configuration sets no supported sseAlgorithm (found ${JSON.stringify(algs)}).`,
                        c.urn,
                    );
                }
            }
            if (attached.length > 0 || configs.unresolved) continue;
            const inline = inlineSseAlgorithms(bucket.props);
            if (inline === UNKNOWN || inline.some((a) => SSE_ALGORITHMS.includes(a))) continue;
            report(`Bucket '${name}' declares no default encryption.`, bucket.urn);
        }
    },
};

/** Buckets that receive files S3 itself writes (inventory, analytics, Batch Operations reports), with the reason. */
function deliveryDestinations(view: StackView, reportBucketPattern: string): Map<string, string> {
    const why = new Map<string, string>();
    for (const inv of view.ofType(T.inventory)) {
        const dest = bucketRef(get(inv.props, "destination", "bucket", "bucketArn"));
        if (typeof dest === "string") why.set(dest, "receives S3 inventory reports");
    }
    for (const an of view.ofType(T.analytics)) {
        const dest = bucketRef(
            get(an.props, "storageClassAnalysis", "dataExport", "destination", "s3BucketDestination", "bucketArn"),
        );
        if (typeof dest === "string") why.set(dest, "receives S3 analytics exports");
    }
    for (const name of reportBuckets(view, reportBucketPattern).keys())
        if (!why.has(name)) why.set(name, "receives Batch Operations reports");
    return why;
}

export const destinationBucketOwnerEnforced: StackValidationPolicy = {
    name: "s3-destination-bucket-owner-enforced",
    description:
        "Buckets that receive files written by S3 itself (inventory and analytics exports, Batch Operations completion reports) " +
        "have ownership controls `BucketOwnerEnforced`, which disables ACLs. With `ObjectWriter` (the old default, and still the " +
        "state of older or imported buckets) the delivered files belong to the writer, so a Batch Operations job in another account " +
        'fails with "insufficient permissions to get the manifest object\'s ETag" or "Reading the manifest is forbidden" however the ' +
        'bucket policy is written. Mandatory: the copy of existing objects cannot start. Fix: add aws.s3.BucketOwnershipControls with rule.objectOwnership = "BucketOwnerEnforced" ' +
        "(after changing it on an existing bucket, save the inventory configuration again).",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            reportBucketPattern: reportBucketPatternSchema,
        },
    },
    validateStack: (args, report) => {
        const view = new StackView(args);
        const pattern =
            args.getConfig<{ reportBucketPattern?: string }>().reportBucketPattern ?? DEFAULT_REPORT_BUCKET_PATTERN;
        const why = deliveryDestinations(view, pattern);
        const targets = [...why].filter(([name]) => view.findBucket(name) !== undefined);
        if (targets.length === 0)
            args.notApplicable("No inventory, analytics or report destination bucket in this stack");
        const controls = view.attachments([T.ownershipControls]);
        for (const [name, reason] of targets) {
            const bucket = view.findBucket(name) as StackResource;
            const attached = controls.byBucket.get(name) ?? [];
            for (const c of attached) {
                const owner = str(get(c.props, "rule", "objectOwnership"));
                if (owner === UNKNOWN || owner === "BucketOwnerEnforced") continue;
                report(
                    `Bucket '${name}' ${reason} but its object ownership is ${owner ?? "(not set)"}, not BucketOwnerEnforced.`,
                    c.urn,
                );
            }
            if (attached.length === 0 && !controls.unresolved) {
                report(
                    `Bucket '${name}' ${reason} but has no BucketOwnershipControls (BucketOwnerEnforced).`,
                    bucket.urn,
                );
            }
        }
    },
};

export const bucketVersioning: StackValidationPolicy = {
    name: "s3-bucket-versioning",
    description:
        "Every S3 bucket of the system (data, replica, manifest, report) has versioning Enabled. Mandatory: without versions an " +
        "overwrite or a delete through the MRAP destroys the only copy, replication and Batch Replication refuse the bucket, and " +
        "Object Lock cannot be turned on; a Suspended status stops replication without an error. Buckets that replicate or are " +
        "replicated to are judged by s3-replication-versioning instead, so one cause gives one finding. " +
        'Fix: add aws.s3.BucketVersioning for the bucket with versioningConfiguration.status = "Enabled".',
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const view = new StackView(args);
        const buckets = view.buckets();
        if (buckets.length === 0) args.notApplicable("No S3 buckets in this stack");
        const versioning = view.attachments(VERSIONING_TYPES);
        const replicated = replicatedBuckets(view);
        for (const bucket of buckets) {
            const name = view.bucketName(bucket);
            if (typeof name !== "string" || replicated.has(name)) continue;
            const attached = versioning.byBucket.get(name) ?? [];
            for (const v of attached) {
                const status = str(get(v.props, "versioningConfiguration", "status"));
                if (status !== UNKNOWN && status !== "Enabled")
                    report(`Bucket '${name}' has versioning ${status ?? "(no status)"}, not Enabled.`, v.urn);
            }
            if (attached.length > 0 || versioning.unresolved) continue;
            const inline = inlineVersioningEnabled(bucket.props);
            if (inline === true || inline === UNKNOWN) continue;
            report(`Bucket '${name}' is not versioned (no BucketVersioning with status Enabled).`, bucket.urn);
        }
    },
};

export const bucketOwnerEnforced: StackValidationPolicy = {
    name: "s3-bucket-owner-enforced",
    configSchema: { properties: { reportBucketPattern: reportBucketPatternSchema } },
    description:
        "Every S3 bucket of the system has ownership controls `BucketOwnerEnforced` (ACLs disabled). Mandatory: with ACLs on, an " +
        "object written by another account (a replica, a partner's upload through the MRAP, a delivered inventory or report) " +
        "belongs to the writer, so the bucket owner's own roles and Batch Operations jobs get AccessDenied on it, and one public " +
        "ACL can expose an object. Buckets that receive S3 deliveries are judged by s3-destination-bucket-owner-enforced " +
        'instead, so one cause gives one finding. Fix: add aws.s3.BucketOwnershipControls with rule.objectOwnership = "BucketOwnerEnforced".',
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const view = new StackView(args);
        const buckets = view.buckets();
        if (buckets.length === 0) args.notApplicable("No S3 buckets in this stack");
        const pattern =
            args.getConfig<{ reportBucketPattern?: string }>().reportBucketPattern ?? DEFAULT_REPORT_BUCKET_PATTERN;
        const delivered = deliveryDestinations(view, pattern);
        const controls = view.attachments([T.ownershipControls]);
        for (const bucket of buckets) {
            const name = view.bucketName(bucket);
            if (typeof name !== "string" || delivered.has(name)) continue;
            const attached = controls.byBucket.get(name) ?? [];
            for (const c of attached) {
                const owner = str(get(c.props, "rule", "objectOwnership"));
                if (owner !== UNKNOWN && owner !== "BucketOwnerEnforced")
                    report(`Bucket '${name}' has object ownership ${owner ?? "(not set)"}, so ACLs stay on.`, c.urn);
            }
            if (attached.length === 0 && !controls.unresolved)
                report(`Bucket '${name}' has no BucketOwnershipControls, so ACLs stay on.`, bucket.urn);
        }
    },
};

export const bucketRequestMetrics: StackValidationPolicy = {
    name: "s3-bucket-request-metrics",
    description:
        "Every S3 bucket has a request metrics configuration (aws.s3.BucketMetric). Without it CloudWatch has no per-bucket request " +
        "counts, so you cannot see which region an MRAP sent traffic to or whether a failover took effect. " +
        "Advisory, because the system works without them; only what you need to see it is missing. " +
        "Fix: add aws.s3.BucketMetric for the bucket (no filter = the entire bucket).",
    enforcementLevel: "advisory",
    validateStack: (args, report) => {
        const view = new StackView(args);
        const buckets = view.buckets();
        if (buckets.length === 0) args.notApplicable("No S3 buckets in this stack");
        const metrics = view.attachments([T.bucketMetric]);
        if (metrics.unresolved) return;
        for (const bucket of buckets) {
            const name = view.bucketName(bucket);
            if (typeof name === "string" && !metrics.byBucket.has(name))
                report(`Bucket '${name}' has no request metrics configuration.`, bucket.urn);
        }
    },
};

export const storagePolicies = [
    bucketPublicAccessBlock,
    bucketDefaultEncryption,
    destinationBucketOwnerEnforced,
    bucketVersioning,
    bucketOwnerEnforced,
    bucketRequestMetrics,
];
