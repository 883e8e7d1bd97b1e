// Bucket baseline policies: public access block, encryption, ownership of delivered files, one TLS-only bucket policy, no public principals.

import { ReportViolation, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";

import { forTypes } from "../lib/check";
import {
    CALLER_RESTRICTING_KEYS,
    ParsedDocument,
    Statement,
    appliesToResource,
    hasNarrowingCondition,
    isAllow,
    parsePolicyDocument,
} from "../lib/iamDocument";
import {
    DEFAULT_REPORT_BUCKET_PATTERN,
    inlineSseAlgorithms,
    reportBucketPatternSchema,
    reportBuckets,
    sseAlgorithms,
} from "../lib/s3";
import { StackResource, StackView, bucketRef } from "../lib/stack";
import { BUCKET_TYPES, SSE_TYPES, T } from "../lib/types";
import { Plain, UNKNOWN, Unknown, bool, get, str } from "../lib/values";

const PAB_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

export const bucketPublicAccessBlock: StackValidationPolicy = {
    name: "s3-bucket-public-access-block",
    description:
        "Every S3 bucket has a BucketPublicAccessBlock with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and " +
        "restrictPublicBuckets all true (an account-level AccountPublicAccessBlock with all four also counts). " +
        "A flag left false lets one public ACL or one over-broad policy statement expose every object. " +
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
        "bucket stays unencrypted and a console change is never put back by `pulumi up`. " +
        "Fix: add aws.s3.BucketServerSideEncryptionConfiguration with a rule whose applyServerSideEncryptionByDefault.sseAlgorithm is AES256 or aws:kms.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const view = new StackView(args);
        const buckets = view.buckets();
        if (buckets.length === 0) args.notApplicable("No S3 buckets in this stack");
        const configs = view.attachments(SSE_TYPES);
        for (const bucket of buckets) {
            const name = view.bucketName(bucket);
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

export const destinationBucketOwnerEnforced: StackValidationPolicy = {
    name: "s3-destination-bucket-owner-enforced",
    description:
        "Buckets that receive files written by S3 itself (inventory and analytics exports, Batch Operations completion reports) " +
        "have ownership controls `BucketOwnerEnforced`, which disables ACLs. With `ObjectWriter` (the old default, and still the " +
        "state of older or imported buckets) the delivered files belong to the writer, so a Batch Operations job in another account " +
        'fails with "insufficient permissions to get the manifest object\'s ETag" or "Reading the manifest is forbidden" however the ' +
        'bucket policy is written. Fix: add aws.s3.BucketOwnershipControls with rule.objectOwnership = "BucketOwnerEnforced" ' +
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
        for (const name of reportBuckets(view, pattern).keys())
            if (!why.has(name)) why.set(name, "receives Batch Operations reports");
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

export const bucketSinglePolicy: StackValidationPolicy = {
    name: "s3-bucket-single-policy",
    description:
        "Every S3 bucket has exactly one bucket policy. S3 stores one policy document per bucket: a second BucketPolicy resource " +
        "replaces the first on every `pulumi up` and its statements silently disappear (pasting the Batch Operations manifest-read " +
        "example over the inventory bucket's policy deleted the S3 delivery statement and stopped the reports); with no policy " +
        "nothing denies plain-HTTP access. Fix: compose all statements into one aws.s3.BucketPolicy per bucket.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const view = new StackView(args);
        const buckets = view.buckets();
        if (buckets.length === 0) args.notApplicable("No S3 buckets in this stack");
        const policies = view.attachments([T.bucketPolicy]);
        for (const bucket of buckets) {
            const name = view.bucketName(bucket);
            if (typeof name !== "string") continue;
            const attached = policies.byBucket.get(name) ?? [];
            if (attached.length > 1) {
                report(
                    `Bucket '${name}' has ${attached.length} BucketPolicy resources (${attached.map((p) => p.name).join(", ")}); each overwrites the other.`,
                    bucket.urn,
                );
            } else if (attached.length === 0 && !policies.unresolved) {
                // The deprecated inline `policy` of a bucket counts when no BucketPolicy resource exists.
                const inline = bucket.props["policy"];
                if (inline === UNKNOWN || (typeof inline === "string" && inline !== "")) continue;
                report(`Bucket '${name}' has no bucket policy, so nothing denies requests without TLS.`, bucket.urn);
            }
        }
    },
};

/** The policy document of a resource that carries one, with the bucket it belongs to (when it is a bucket policy). */
function policyDocumentOf(
    type: string,
    props: Record<string, Plain>,
): { doc: Plain | undefined; bucket: string | Unknown | undefined } {
    switch (type) {
        case T.bucketPolicy:
            return { doc: props["policy"], bucket: bucketRef(props["bucket"]) };
        case T.bucket:
        case T.bucketV2:
            return { doc: props["policy"], bucket: str(props["bucket"]) };
        case T.mrapPolicy:
            return { doc: get(props, "details", "policy"), bucket: undefined };
        default:
            return { doc: props["policy"], bucket: undefined };
    }
}

function invalid(parsed: ParsedDocument | Unknown | undefined): parsed is { ok: false; error: string } {
    return parsed !== undefined && parsed !== UNKNOWN && !parsed.ok;
}

/** A statement that denies every S3 action to everyone when `aws:SecureTransport` is false. */
function deniesInsecureTransport(st: Statement, bucket: string | Unknown | undefined): boolean {
    if (st.effect !== "Deny" || !st.principal?.star) return false;
    if (!(st.action ?? []).some((a) => a === "*" || a.toLowerCase() === "s3:*")) return false;
    const cond = st.conditions.some(
        (c) =>
            c.key === "aws:securetransport" &&
            !c.setOperator &&
            (c.operator === "Bool" || c.operator === "BoolIfExists") &&
            c.values.includes("false"),
    );
    if (!cond) return false;
    // The deny must cover the bucket itself (ListBucket) and its objects.
    if (typeof bucket === "string") {
        return ["aws", "aws-cn", "aws-us-gov"].some(
            (p) =>
                appliesToResource(st, `arn:${p}:s3:::${bucket}`) &&
                appliesToResource(st, `arn:${p}:s3:::${bucket}/object-key`),
        );
    }
    const rs = st.resource ?? [];
    return rs.includes("*") || (rs.some((r) => /:::[^/]+$/.test(r)) && rs.some((r) => /:::[^/]+\/.+/.test(r)));
}

export const bucketPolicySecureTransport: ResourceValidationPolicy = {
    name: "s3-bucket-policy-secure-transport",
    description:
        "Every bucket policy denies all S3 actions (`s3:*`) to every principal when `aws:SecureTransport` is false, on the bucket " +
        "and on its objects. Without it a client that speaks plain HTTP (an old SDK, a typo in an endpoint URL) sends objects and " +
        "credentials-signed requests in clear text. Fix: make the policy's first statement " +
        '{Effect: Deny, Principal: "*", Action: "s3:*", Resource: [bucket ARN, bucket ARN + "/*"], Condition: {Bool: {"aws:SecureTransport": "false"}}}.',
    enforcementLevel: "mandatory",
    validateResource: forTypes([T.bucketPolicy, ...BUCKET_TYPES], (r, report) => {
        const { doc, bucket } = policyDocumentOf(r.type, r.props);
        const parsed = parsePolicyDocument(doc);
        if (parsed === UNKNOWN || parsed === undefined) return; // no inline policy on a bucket: s3-bucket-single-policy decides
        if (invalid(parsed)) {
            report(`The bucket policy ${parsed.error}.`);
            return;
        }
        if (!parsed.statements.some((st) => deniesInsecureTransport(st, bucket))) {
            report(
                `The policy of bucket '${typeof bucket === "string" ? bucket : "(unknown)"}' has no statement denying s3:* when aws:SecureTransport is false.`,
            );
        }
    }),
};

export const policyNoPublicPrincipal: ResourceValidationPolicy = {
    name: "s3-policy-no-public-principal",
    description:
        'No bucket, access point or Multi-Region Access Point policy allows `Principal: "*"` (or uses NotPrincipal) without a ' +
        "condition that narrows the caller: aws:PrincipalArn/Account/OrgID, aws:SourceArn/Account/Vpc/Vpce/Ip, or " +
        "s3:DataAccessPointAccount/Arn for access point delegation. Such a statement makes the data public (a public access block " +
        "then rejects the whole policy at deploy time). Fix: name the principals, or add a StringEquals/ArnEquals condition on one of those keys.",
    enforcementLevel: "mandatory",
    validateResource: forTypes(
        [T.bucketPolicy, ...BUCKET_TYPES, T.mrapPolicy, T.accessPointPolicy, T.accessPoint],
        (r, report) => {
            const parsed = parsePolicyDocument(policyDocumentOf(r.type, r.props).doc);
            if (parsed === UNKNOWN || parsed === undefined || !parsed.ok) return; // malformed documents: s3-bucket-policy-secure-transport
            for (const st of parsed.statements) {
                if (!isAllow(st)) continue;
                const open = st.principal?.star === true || st.notPrincipal !== undefined;
                if (open && !hasNarrowingCondition(st, CALLER_RESTRICTING_KEYS)) {
                    report(
                        `Statement ${st.sid ?? `#${st.index + 1}`} allows ${st.notPrincipal ? "NotPrincipal" : 'Principal "*"'} without a condition that narrows the caller.`,
                    );
                }
            }
        },
    ),
};

export const bucketRequestMetrics: StackValidationPolicy = {
    name: "s3-bucket-request-metrics",
    description:
        "Every S3 bucket has a request metrics configuration (aws.s3.BucketMetric). Without it CloudWatch has no per-bucket request " +
        "counts, so you cannot see which region an MRAP sent traffic to or whether a failover took effect. " +
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
    bucketSinglePolicy,
    bucketPolicySecureTransport,
    policyNoPublicPrincipal,
    bucketRequestMetrics,
];
