// One rule, one function: the value checks that config parsing, the components and the operations commands share.
//
// Each rule is a pure predicate (or parser) here; every caller keeps its own one-line message, so a
// config key, a component argument and a CLI flag are each named in their own words while the rule
// itself cannot drift. The CrossGuard pack keeps its own copies (it is its own package); a layout
// test feeds both the same table of values (test/layout/ruleAgreement.test.ts).
import { COMMERCIAL_REGIONS, MRAP_REGIONS, MRAP_ROUTES_REGIONS } from "./configTypes";
import { fail, Reader } from "./configReader";

export const ACCOUNT_ID = /^\d{12}$/;
export const STACK_NAME = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)?$/;
/** An IAM principal of the commercial partition: an account root, a role or a user (with an optional path). */
export const PRINCIPAL_ARN = /^arn:aws:iam::\d{12}:(root|role\/[\w+=,.@/-]+|user\/[\w+=,.@/-]+)$/;
/** STS: an external id is 2 to 1224 characters of `[\w+=,.@:/-]`. */
export const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
export const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** A 12-digit AWS account id (a number would lose leading zeros, so it is always text). */
export function isAccountId(value: string): boolean {
    return ACCOUNT_ID.test(value);
}

/** An IAM principal ARN: `arn:aws:iam::<account>:root`, `…:role/<path/name>` or `…:user/<path/name>`. */
export function isPrincipalArn(value: string): boolean {
    return PRINCIPAL_ARN.test(value);
}

/** A principal a trust policy or bucket grant may name: a principal ARN, or an account id (that account's root). */
export function isPrincipalOrAccountId(value: string): boolean {
    return isAccountId(value) || isPrincipalArn(value);
}

/** An account as a principal: its 12-digit id or its root ARN (its own IAM policies then decide). */
export function isAccountPrincipal(value: string): boolean {
    return isAccountId(value) || /^arn:aws:iam::\d{12}:root$/.test(value);
}

/** An IAM role ARN of any partition (`arn:aws…:iam::<account>:role/<path/name>`), as Batch Operations takes it. */
export function isRoleArn(value: string): boolean {
    return /^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(value);
}

/** The sts:ExternalId a partner presents (STS's own character set and length). */
export function isExternalId(value: string): boolean {
    return EXTERNAL_ID.test(value);
}

/** An address SNS can send e-mail to: one `@`, a dotted domain, no white space. */
export function isEmail(value: string): boolean {
    return EMAIL.test(value);
}

/** A Pulumi stack name, or a fully-qualified `org/project/stack`. */
export function isStackName(value: string): boolean {
    return STACK_NAME.test(value);
}

/** The shape of an AWS region code (`ap-northeast-1`), whether or not the region exists. */
export function isRegionCode(value: string): boolean {
    return /^[a-z]{2}(-[a-z]+)+-\d+$/.test(value);
}

/** A region of the commercial partition (`arn:aws:`), from @pulumi/aws's Region enum; an unset value is none. */
export function isCommercialRegion(value: string | undefined): value is string {
    return (COMMERCIAL_REGIONS as readonly (string | undefined)[]).includes(value);
}

/** A region whose buckets a Multi-Region Access Point can span (opt-in regions included). */
export function isMrapRegion(value: string): boolean {
    return MRAP_REGIONS.includes(value);
}

/** A region where the MRAP routes API (Submit/GetMultiRegionAccessPointRoutes) answers. */
export function isMrapRoutesRegion(value: string): boolean {
    return (MRAP_ROUTES_REGIONS as readonly string[]).includes(value);
}

/** An availability zone of `region`: the region code and one letter (`ap-northeast-1a`). */
export function isAvailabilityZoneIn(zone: string, region: string): boolean {
    return zone.length === region.length + 1 && zone.startsWith(region) && /[a-z]$/.test(zone);
}

/** The parts of a KMS key ARN. */
export interface KmsKeyArnParts {
    region: string;
    accountId: string;
    /** A key UUID, or `mrk-<32 hex>` for a multi-Region key. */
    keyId: string;
    multiRegion: boolean;
}

/**
 * The parts of an exact KMS key ARN, `arn:aws:kms:<region>:<account>:key/<key-id>`, or undefined.
 * The key id is a lowercase UUID or, for a multi-Region key, `mrk-` and 32 hex digits; an alias ARN is
 * not a key ARN (S3 default encryption and the replication role's grants need the key itself). The
 * region must be a commercial region: the ARN says `arn:aws:`. A multi-Region key has one ARN per
 * region it is replicated to, and each ARN names its own region, so the rule that a bucket's key lies
 * in the bucket's region (S3 refuses any other) holds for `mrk-` keys too: callers compare `region`.
 */
export function parseKmsKeyArn(value: string): KmsKeyArnParts | undefined {
    const m =
        /^arn:aws:kms:([a-z0-9-]+):(\d{12}):key\/([0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/.exec(
            value,
        );
    if (!m || !isCommercialRegion(m[1])) return undefined;
    return { region: m[1], accountId: m[2], keyId: m[3], multiRegion: m[3].startsWith("mrk-") };
}

/** An exact KMS key ARN in `region` (S3: a bucket's default-encryption key lies in the bucket's region). */
export function isKmsKeyArnIn(value: string, region: string): boolean {
    return parseKmsKeyArn(value)?.region === region;
}

/** An ACM certificate ARN, in `region` when one is given (Client VPN takes certificates of its own region). */
export function isAcmCertificateArn(value: string, region?: string): boolean {
    const m = /^arn:aws:acm:([a-z0-9-]+):\d{12}:certificate\/[0-9a-f-]{36}$/.exec(value);
    return m !== null && (region === undefined ? isRegionCode(m[1]) : m[1] === region);
}

/** An IAM SAML identity provider ARN, as Client VPN's federated authentication takes it. */
export function isSamlProviderArn(value: string): boolean {
    return /^arn:aws:iam::\d{12}:saml-provider\/[\w.-]+$/.test(value);
}

/** An exact S3 bucket ARN (no wildcard, no key); `anyPartition` also admits `arn:aws-cn:` and the like. */
export function isBucketArn(value: string, anyPartition = false): boolean {
    const partition = anyPartition ? "aws[a-z-]*" : "aws";
    return new RegExp(`^arn:${partition}:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`).test(value);
}

/** The account and alias of a Multi-Region Access Point ARN, `arn:aws:s3::<account>:accesspoint/<alias>.mrap`. */
export function parseMrapArn(value: string): { accountId: string; alias: string } | undefined {
    const m = /^arn:aws:s3::(\d{12}):accesspoint\/([a-z0-9]+\.mrap)$/.exec(value);
    return m ? { accountId: m[1], alias: m[2] } : undefined;
}

/** `aws:region`: a commercial region code (the one config check the CLI's own key gets). */
export function region(key: string, value: string | undefined): string {
    const allowed = `a commercial AWS region code such as ap-northeast-1 (${COMMERCIAL_REGIONS.length} known)`;
    if (!isCommercialRegion(value)) fail(key, value, allowed);
    return value;
}

/** A required config key holding a 12-digit account id. */
export function accountId(r: Reader, key: string): string {
    const v = r.string(key, "a 12-digit AWS account id");
    if (!isAccountId(v)) fail(key, v, "a 12-digit AWS account id");
    return v;
}

/** A required config key holding an ACM certificate ARN of the stack's region. */
export function acmCertificateArn(r: Reader, key: string, stackRegion: string, why: string): string {
    const allowed = `an ACM certificate ARN in ${stackRegion} (arn:aws:acm:${stackRegion}:<account>:certificate/<id>), ${why}`;
    const v = r.string(key, allowed);
    if (!isAcmCertificateArn(v, stackRegion)) fail(key, v, allowed);
    return v;
}
