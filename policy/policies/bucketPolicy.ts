// Bucket policy documents: exactly one per bucket, a TLS-only deny that really denies, no public principal.

import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";

import { ActionCatalogue, coversEveryActionOf, loadActionCatalogue } from "../lib/actions";
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
import { StackView, bucketRef } from "../lib/stack";
import { BUCKET_TYPES, T } from "../lib/types";
import { Plain, UNKNOWN, Unknown, get, str } from "../lib/values";

export const bucketSinglePolicy: StackValidationPolicy = {
    name: "s3-bucket-single-policy",
    description:
        "Every S3 bucket has exactly one bucket policy. S3 stores one policy document per bucket: a second BucketPolicy resource " +
        "replaces the first on every `pulumi up` and its statements silently disappear (pasting the Batch Operations manifest-read " +
        "example over the inventory bucket's policy deleted the S3 delivery statement and stopped the reports); with no policy " +
        "nothing denies plain-HTTP access. Mandatory: statements (and the deliveries they allow) vanish without an error. Fix: compose all statements into one aws.s3.BucketPolicy per bucket.",
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

/**
 * A statement that denies every S3 action to everyone when `aws:SecureTransport` is false. "Every S3 action" is read
 * against the real action list: `s3:*`, `*` or a NotAction of other services deny them all; `s3:Get*` does not.
 */
function deniesInsecureTransport(
    st: Statement,
    bucket: string | Unknown | undefined,
    catalogue: ActionCatalogue,
): boolean {
    if (st.effect !== "Deny" || !st.principal?.star) return false;
    if (!coversEveryActionOf(st, "s3", catalogue)) return false;
    const cond = st.conditions.some(
        (c) =>
            c.key === "aws:securetransport" &&
            !c.setOperator &&
            (c.operator === "Bool" || c.operator === "BoolIfExists") &&
            // IAM compares Bool values case-insensitively ("False" denies plain HTTP as "false" does).
            c.values.some((v) => v.toLowerCase() === "false"),
    );
    if (!cond) return false;
    // Every condition of a Deny must match for it to apply: a second one (a VPC endpoint, a principal) narrows the deny
    // to the requests that also match it, and plain HTTP from anywhere else is let through.
    if (st.conditions.some((c) => c.key !== "aws:securetransport")) return false;
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
        "credentials-signed requests in clear text. A deny that is an Allow, that covers only `bucket/*`, or that carries a second " +
        "condition (which narrows it to the requests that also match that condition) does not count. Mandatory: data would " +
        "travel in clear text. Fix: make the policy's first statement " +
        '{Effect: Deny, Principal: "*", Action: "s3:*", Resource: [bucket ARN, bucket ARN + "/*"], Condition: {Bool: {"aws:SecureTransport": "false"}}}.',
    enforcementLevel: "mandatory",
    validateResource: forTypes([T.bucketPolicy, ...BUCKET_TYPES], async (r, report) => {
        const { doc, bucket } = policyDocumentOf(r.type, r.props);
        const parsed = parsePolicyDocument(doc);
        if (parsed === UNKNOWN || parsed === undefined) return; // no inline policy on a bucket: s3-bucket-single-policy decides
        if (invalid(parsed)) {
            report(`The bucket policy ${parsed.error}.`);
            return;
        }
        const catalogue = await loadActionCatalogue();
        if (!parsed.statements.some((st) => deniesInsecureTransport(st, bucket, catalogue))) {
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
        "then rejects the whole policy at deploy time). Mandatory: the data is exposed to everyone. Fix: name the principals, or add a StringEquals/ArnEquals condition on one of those keys.",
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

export const bucketPolicyPolicies = [bucketSinglePolicy, bucketPolicySecureTransport, policyNoPublicPrincipal];
