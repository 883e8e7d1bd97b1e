// Typed, validated stack configuration: a pure function from raw config strings to PlatformConfig.
//
// Every check runs before any resource is declared, and a failure is one line that names the
// config key, the bad value and what is allowed (ConfigError). Defaults live in Pulumi.yaml only;
// the Pulumi CLI (or the offline evaluator) merges them, so a missing required key is an error here.
import { Region } from "@pulumi/aws/types/enums";
import { cidrsOverlap, parseCidr } from "./cidr";
import { BUCKET_PURPOSES, ROLE_PURPOSES, bucketName, bucketNameProblem, mrapName, roleName } from "./naming";

export const PROJECT = "s3-multiregion";

export type StackRole = "primary" | "secondary" | "destination";
export const STACK_ROLES: readonly StackRole[] = ["primary", "secondary", "destination"];

export type FailoverMode = "active-active" | "active-passive";
export type EndpointDnsMode = "endpoint-specific" | "private-dns";

/**
 * Regions where the MRAP routes API (Submit/GetMultiRegionAccessPointRoutes) answers.
 * Pinning the routes resource elsewhere fails; pinning it in a region that is down blocks failover.
 */
export const MRAP_ROUTES_REGIONS = ["us-east-1", "us-west-2", "ap-southeast-2", "ap-northeast-1", "eu-west-1"] as const;

/**
 * Commercial-partition regions (ARNs `arn:aws:`), from @pulumi/aws's Region enum. MRAP, cross-account
 * replication and the naming scheme assume one partition, so China, GovCloud and ISO regions are refused.
 */
export const COMMERCIAL_REGIONS: readonly string[] = Object.values(Region)
    .filter((r) => !/^(cn-|us-gov-|us-iso|eu-isoe|eusc-)/.test(r))
    .sort();

/** Longest commercial region code: bucket names are checked against it so any future region fits. */
const LONGEST_REGION = COMMERCIAL_REGIONS.reduce((a, b) => (b.length > a.length ? b : a));

export interface VpnCertificateAuth {
    type: "certificate";
    serverCertificateArn: string;
    clientRootCertificateArn: string;
}

export interface VpnSamlAuth {
    type: "saml";
    serverCertificateArn: string;
    samlProviderArn: string;
}

export interface VpnConfig {
    clientCidr: string;
    authentication: VpnCertificateAuth | VpnSamlAuth;
    splitTunnel: boolean;
    logRetentionDays: number;
}

export interface NetworkConfig {
    vpcCidr: string;
    availabilityZones: string[];
    endpointDnsMode: EndpointDnsMode;
    /** Absent when `vpnEnabled` is false. */
    vpn?: VpnConfig;
}

export interface CommonConfig {
    stack: string;
    role: StackRole;
    /** `aws:region`: where this stack's resources live. */
    region: string;
    namePrefix: string;
    sourceAccountId: string;
    destinationAccountId: string;
    /** The account this stack deploys into: source for primary/secondary, destination for destination. */
    accountId: string;
    kmsKeyArn?: string;
    noncurrentVersionExpirationDays: number;
    protectBuckets: boolean;
}

export interface SecondaryRef {
    /** Stack name or fully-qualified `org/project/stack`. */
    stack: string;
    region: string;
}

export interface PrimaryConfig extends CommonConfig {
    role: "primary";
    secondaries: SecondaryRef[];
    destinationStack: string;
    replicateToDestination: boolean;
    failover: { mode: "active-active" } | { mode: "active-passive"; activeRegion: string };
    routesRegion: string;
    /** Absent when no partner principals are configured: then no writer role is created. */
    partners?: { principals: string[]; externalId: string };
    alarmEmails: string[];
    operatorPrincipals: string[];
    batchReplicationJob: boolean;
    network?: NetworkConfig;
}

export interface SecondaryConfig extends CommonConfig {
    role: "secondary";
    network?: NetworkConfig;
}

export interface DestinationConfig extends CommonConfig {
    role: "destination";
    /**
     * The hub data bucket's SSE-KMS key (the hub stack's `kmsKeyArn`): the batch copy role reads that
     * bucket's objects and must decrypt them. Absent when the hub bucket is SSE-S3.
     */
    sourceKmsKeyArn?: string;
}

export type PlatformConfig = PrimaryConfig | SecondaryConfig | DestinationConfig;

export type ConfigValueType = "string" | "integer" | "boolean" | "array";

/** Every project config key the program reads, with its type; Pulumi.yaml declares the same set (tested). */
export const CONFIG_KEYS: Readonly<Record<string, ConfigValueType>> = {
    role: "string",
    namePrefix: "string",
    sourceAccountId: "string",
    destinationAccountId: "string",
    kmsKeyArn: "string",
    sourceKmsKeyArn: "string",
    noncurrentVersionExpirationDays: "integer",
    protectBuckets: "boolean",
    secondaryStacks: "array",
    destinationStack: "string",
    replicateToDestination: "boolean",
    failoverMode: "string",
    activeRegion: "string",
    routesRegion: "string",
    partnerPrincipals: "array",
    partnerExternalId: "string",
    alarmEmails: "array",
    operatorPrincipals: "array",
    batchReplicationJob: "boolean",
    networkEnabled: "boolean",
    vpcCidr: "string",
    availabilityZones: "array",
    endpointDnsMode: "string",
    vpnEnabled: "boolean",
    vpnClientCidr: "string",
    vpnAuthentication: "string",
    vpnServerCertificateArn: "string",
    vpnClientRootCertificateArn: "string",
    vpnSamlProviderArn: "string",
    vpnSplitTunnel: "boolean",
    vpnLogRetentionDays: "integer",
};

/** CloudWatch Logs accepts only these retention periods. */
export const LOG_RETENTION_DAYS = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/** One-line configuration error; the CLI, the offline plan and the tests show `message` as is. */
export class ConfigError extends Error {
    constructor(
        readonly key: string,
        message: string,
    ) {
        super(message);
        this.name = "ConfigError";
    }
}

/** Raw config as the CLI hands it over: project keys un-prefixed, structured values as JSON text. */
export interface RawConfig {
    stack: string;
    /** `aws:region` */
    awsRegion: string | undefined;
    values: Readonly<Record<string, string | undefined>>;
}

function fail(key: string, value: unknown, allowed: string): never {
    const fq = key.includes(":") ? key : `${PROJECT}:${key}`;
    const shown = value === undefined ? "is not set" : `= ${JSON.stringify(value)}`;
    throw new ConfigError(fq, `config ${fq} ${shown}; allowed: ${allowed}`);
}

/** Reads raw values with their declared types; unknown keys are a programming error, not user input. */
class Reader {
    constructor(private readonly raw: RawConfig) {}

    private text(key: string): string | undefined {
        if (!(key in CONFIG_KEYS)) throw new Error(`config key ${key} is not declared in CONFIG_KEYS`);
        const v = this.raw.values[key];
        return v === undefined || v === "" ? undefined : v;
    }

    optionalString(key: string): string | undefined {
        return this.text(key);
    }

    string(key: string, allowed: string): string {
        const v = this.text(key);
        if (v === undefined) fail(key, undefined, allowed);
        return v;
    }

    oneOf<T extends string>(key: string, values: readonly T[]): T {
        const v = this.string(key, values.join(", "));
        if (!(values as readonly string[]).includes(v)) fail(key, v, values.join(", "));
        return v as T;
    }

    boolean(key: string): boolean {
        const v = this.string(key, "true or false");
        if (v !== "true" && v !== "false") fail(key, v, "true or false");
        return v === "true";
    }

    integer(key: string, min: number, max: number, allowed = `an integer from ${min} to ${max}`): number {
        const v = this.string(key, allowed);
        const n = Number(v);
        if (!/^-?\d+$/.test(v) || n < min || n > max) fail(key, v, allowed);
        return n;
    }

    array(key: string, allowed: string): string[] {
        const v = this.text(key);
        if (v === undefined) fail(key, undefined, `a list of ${allowed}`);
        let parsed: unknown;
        try {
            parsed = JSON.parse(v);
        } catch {
            fail(key, v, `a list of ${allowed}`);
        }
        if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === "string")) fail(key, v, `a list of ${allowed}`);
        return parsed as string[];
    }
}

const ACCOUNT_ID = /^\d{12}$/;
const STACK_NAME = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)?$/;
const PRINCIPAL_ARN = /^arn:aws:iam::\d{12}:(root|role\/[\w+=,.@\/-]+|user\/[\w+=,.@\/-]+)$/;
const EXTERNAL_ID = /^[\w+=,.@:\/-]{2,1224}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

function region(key: string, value: string | undefined): string {
    const allowed = `a commercial AWS region code such as ap-northeast-1 (${COMMERCIAL_REGIONS.length} known)`;
    if (value === undefined || !COMMERCIAL_REGIONS.includes(value)) fail(key, value, allowed);
    return value;
}

function accountId(r: Reader, key: string): string {
    const v = r.string(key, "a 12-digit AWS account id");
    if (!ACCOUNT_ID.test(v)) fail(key, v, "a 12-digit AWS account id");
    return v;
}

function acmCertificateArn(r: Reader, key: string, stackRegion: string, why: string): string {
    const allowed = `an ACM certificate ARN in ${stackRegion} (arn:aws:acm:${stackRegion}:<account>:certificate/<id>), ${why}`;
    const v = r.string(key, allowed);
    if (!new RegExp(`^arn:aws:acm:${stackRegion}:\\d{12}:certificate/[0-9a-f-]{36}$`).test(v)) fail(key, v, allowed);
    return v;
}

/**
 * Checks the prefix against every name it will be part of, with the longest purpose and region,
 * so that a later region or bucket never hits S3's or IAM's limits after the first deploy.
 */
function namePrefix(r: Reader): string {
    const allowed =
        "lowercase letters, digits and hyphens, starting with a letter, such that every derived bucket name is valid for S3";
    const v = r.string("namePrefix", allowed);
    if (!/^[a-z][a-z0-9-]*[a-z0-9]$/.test(v) || v.includes("--")) fail("namePrefix", v, allowed);
    for (const purpose of BUCKET_PURPOSES) {
        const problem = bucketNameProblem(bucketName(v, purpose, "000000000000", LONGEST_REGION));
        if (problem) {
            const maxLen = 63 - bucketName("", purpose, "000000000000", LONGEST_REGION).length;
            fail(
                "namePrefix",
                v,
                `at most ${maxLen} characters (bucket names like ${bucketName("<prefix>", purpose, "<account>", LONGEST_REGION)} ${problem})`,
            );
        }
    }
    for (const purpose of ROLE_PURPOSES) {
        if (roleName(v, purpose).length > 64)
            fail("namePrefix", v, "a prefix short enough for 64-character IAM role names");
    }
    if (mrapName(v).length > 50) fail("namePrefix", v, "a prefix short enough for a 50-character MRAP name");
    return v;
}

function network(r: Reader, stackRegion: string): NetworkConfig {
    const vpcText = r.string("vpcCidr", "an IPv4 CIDR from /16 to /24, e.g. 10.0.0.0/16");
    const vpc = parseCidr(vpcText);
    if (!vpc || vpc.prefix < 16 || vpc.prefix > 24)
        fail("vpcCidr", vpcText, "an IPv4 network CIDR from /16 to /24 (host bits zero), e.g. 10.0.0.0/16");

    const azs = r.array("availabilityZones", `availability zones of ${stackRegion}, e.g. ${stackRegion}a`);
    const azAllowed = `1 to 6 distinct availability zones of ${stackRegion} (${stackRegion}a, ${stackRegion}c, ...)`;
    if (azs.length === 0 || azs.length > 6 || new Set(azs).size !== azs.length)
        fail("availabilityZones", azs, azAllowed);
    for (const az of azs) {
        if (!new RegExp(`^${stackRegion}[a-z]$`).test(az))
            fail("availabilityZones", azs, `${azAllowed}; ${az} is not in ${stackRegion}`);
    }

    const endpointDnsMode = r.oneOf<EndpointDnsMode>("endpointDnsMode", ["endpoint-specific", "private-dns"]);
    const result: NetworkConfig = { vpcCidr: vpc.text, availabilityZones: azs, endpointDnsMode };
    if (!r.boolean("vpnEnabled")) return result;

    const clientText = r.string("vpnClientCidr", "an IPv4 CIDR from /12 to /22 outside the VPC CIDR");
    const client = parseCidr(clientText);
    // Client VPN requires a client CIDR of /12 to /22 that does not overlap the VPC it reaches.
    if (!client || client.prefix < 12 || client.prefix > 22)
        fail(
            "vpnClientCidr",
            clientText,
            "an IPv4 network CIDR from /12 to /22 (Client VPN limits), e.g. 172.16.0.0/22",
        );
    if (cidrsOverlap(client, vpc))
        fail("vpnClientCidr", clientText, `a CIDR that does not overlap vpcCidr ${vpc.text}`);

    const authType = r.oneOf<"certificate" | "saml">("vpnAuthentication", ["certificate", "saml"]);
    const serverCertificateArn = acmCertificateArn(
        r,
        "vpnServerCertificateArn",
        stackRegion,
        "required for Client VPN",
    );
    let authentication: VpnConfig["authentication"];
    if (authType === "certificate") {
        const clientRootCertificateArn = acmCertificateArn(
            r,
            "vpnClientRootCertificateArn",
            stackRegion,
            "required when vpnAuthentication is certificate",
        );
        authentication = { type: "certificate", serverCertificateArn, clientRootCertificateArn };
    } else {
        const allowed =
            "an IAM SAML provider ARN (arn:aws:iam::<account>:saml-provider/<name>), required when vpnAuthentication is saml";
        const samlProviderArn = r.string("vpnSamlProviderArn", allowed);
        if (!/^arn:aws:iam::\d{12}:saml-provider\/[\w.-]+$/.test(samlProviderArn))
            fail("vpnSamlProviderArn", samlProviderArn, allowed);
        authentication = { type: "saml", serverCertificateArn, samlProviderArn };
    }
    const retentionAllowed = `one of CloudWatch Logs' retention periods: ${LOG_RETENTION_DAYS.join(", ")}`;
    const logRetentionDays = r.integer("vpnLogRetentionDays", 1, 3653, retentionAllowed);
    if (!LOG_RETENTION_DAYS.includes(logRetentionDays))
        fail("vpnLogRetentionDays", String(logRetentionDays), retentionAllowed);
    result.vpn = {
        clientCidr: client.text,
        authentication,
        splitTunnel: r.boolean("vpnSplitTunnel"),
        logRetentionDays,
    };
    return result;
}

function principalList(r: Reader, key: string): string[] {
    const allowed =
        "IAM principal ARNs (arn:aws:iam::<account>:root | role/<name> | user/<name>) or 12-digit account ids";
    const list = r.array(key, allowed);
    for (const p of list)
        if (!ACCOUNT_ID.test(p) && !PRINCIPAL_ARN.test(p)) fail(key, list, `${allowed}; ${p} is neither`);
    return list;
}

function primary(r: Reader, common: CommonConfig): PrimaryConfig {
    const secAllowed =
        "a list of <stack>@<region> entries naming each secondary stack and its region, e.g. osaka@ap-northeast-3";
    const secondaryList = r.array("secondaryStacks", secAllowed);
    if (secondaryList.length === 0)
        fail("secondaryStacks", secondaryList, `${secAllowed} (at least one: the MRAP needs a second region)`);
    const secondaries = secondaryList.map((entry) => {
        const at = entry.lastIndexOf("@");
        const stack = entry.slice(0, at);
        const reg = entry.slice(at + 1);
        if (at <= 0 || !STACK_NAME.test(stack))
            fail("secondaryStacks", secondaryList, `${secAllowed}; ${entry} is not`);
        if (!COMMERCIAL_REGIONS.includes(reg))
            fail("secondaryStacks", secondaryList, `${secAllowed}; ${reg} is not a commercial AWS region`);
        return { stack, region: reg };
    });
    const regions = [common.region, ...secondaries.map((s) => s.region)];
    if (new Set(regions).size !== regions.length) {
        fail(
            "secondaryStacks",
            secondaryList,
            `regions distinct from each other and from this stack's region ${common.region} (one bucket per region)`,
        );
    }
    if (new Set(secondaries.map((s) => s.stack)).size !== secondaries.length)
        fail("secondaryStacks", secondaryList, "distinct stack names");

    const destinationStack = r.string("destinationStack", "a stack name, e.g. dest-account");
    if (!STACK_NAME.test(destinationStack))
        fail("destinationStack", destinationStack, "a stack name (letters, digits, - _ .) or org/project/stack");

    const mode = r.oneOf<FailoverMode>("failoverMode", ["active-active", "active-passive"]);
    const activeText = r.optionalString("activeRegion");
    let failover: PrimaryConfig["failover"];
    if (mode === "active-passive") {
        if (activeText === undefined || !regions.includes(activeText)) {
            fail(
                "activeRegion",
                activeText,
                `one of the MRAP's regions (${regions.join(", ")}), required when failoverMode is active-passive`,
            );
        }
        failover = { mode, activeRegion: activeText };
    } else {
        if (activeText !== undefined)
            fail("activeRegion", activeText, "unset when failoverMode is active-active (every region takes traffic)");
        failover = { mode };
    }

    const routesRegion = r.oneOf("routesRegion", MRAP_ROUTES_REGIONS);

    const partnerPrincipals = principalList(r, "partnerPrincipals");
    let partners: PrimaryConfig["partners"];
    if (partnerPrincipals.length > 0) {
        const allowed =
            "2 to 1224 characters of letters, digits and +=,.@:/-_ (required when partnerPrincipals is set: it stops the confused-deputy problem)";
        const externalId = r.string("partnerExternalId", allowed);
        if (!EXTERNAL_ID.test(externalId)) fail("partnerExternalId", externalId, allowed);
        partners = { principals: partnerPrincipals, externalId };
    }

    const alarmEmails = r.array("alarmEmails", "e-mail addresses");
    for (const e of alarmEmails)
        if (!EMAIL.test(e)) fail("alarmEmails", alarmEmails, `e-mail addresses; ${e} is not one`);

    return {
        ...common,
        role: "primary",
        secondaries,
        destinationStack,
        replicateToDestination: r.boolean("replicateToDestination"),
        failover,
        routesRegion,
        partners,
        alarmEmails,
        operatorPrincipals: principalList(r, "operatorPrincipals"),
        batchReplicationJob: r.boolean("batchReplicationJob"),
        network: r.boolean("networkEnabled") ? network(r, common.region) : undefined,
    };
}

/** Validates raw config and returns the typed config; throws ConfigError (one line) on the first bad value. */
export function parseConfig(raw: RawConfig): PlatformConfig {
    const r = new Reader(raw);
    const role = r.oneOf<StackRole>("role", STACK_ROLES);
    const stackRegion = region("aws:region", raw.awsRegion);
    const name = namePrefix(r);
    const sourceAccountId = accountId(r, "sourceAccountId");
    const destinationAccountId = accountId(r, "destinationAccountId");
    if (sourceAccountId === destinationAccountId) {
        fail(
            "destinationAccountId",
            destinationAccountId,
            `a second account, different from sourceAccountId ${sourceAccountId}`,
        );
    }
    const kmsKeyArn = r.optionalString("kmsKeyArn");
    const ownAccount = role === "destination" ? destinationAccountId : sourceAccountId;
    // S3 default encryption needs a key in the bucket's own region.
    if (
        kmsKeyArn !== undefined &&
        !new RegExp(`^arn:aws:kms:${stackRegion}:\\d{12}:key/[0-9a-f-]{36}$`).test(kmsKeyArn)
    ) {
        fail(
            "kmsKeyArn",
            kmsKeyArn,
            `unset (SSE-S3) or a KMS key ARN in ${stackRegion} (arn:aws:kms:${stackRegion}:<account>:key/<key-id>)`,
        );
    }
    // Whether the mesh's keys fit together (an SSE-KMS source needs a key on every bucket it replicates
    // to) depends on the peer stacks' keys, which only the hub sees: it checks them (stacks/primary.ts).
    const sourceKmsKeyArn = r.optionalString("sourceKmsKeyArn");
    if (sourceKmsKeyArn !== undefined) {
        if (role !== "destination")
            fail(
                "sourceKmsKeyArn",
                sourceKmsKeyArn,
                `unset on a ${role} stack (only the destination's batch copy role decrypts with it; set kmsKeyArn here instead)`,
            );
        const allowed = `unset (the hub bucket is SSE-S3) or the hub stack's kmsKeyArn, a KMS key ARN of account ${sourceAccountId} (arn:aws:kms:<hub region>:${sourceAccountId}:key/<key-id>)`;
        const hubRegion = /^arn:aws:kms:([a-z0-9-]+):(\d{12}):key\/[0-9a-f-]{36}$/.exec(sourceKmsKeyArn);
        if (!hubRegion || !COMMERCIAL_REGIONS.includes(hubRegion[1]) || hubRegion[2] !== sourceAccountId)
            fail("sourceKmsKeyArn", sourceKmsKeyArn, allowed);
    }
    const common: CommonConfig = {
        stack: raw.stack,
        role,
        region: stackRegion,
        namePrefix: name,
        sourceAccountId,
        destinationAccountId,
        accountId: ownAccount,
        kmsKeyArn,
        noncurrentVersionExpirationDays: r.integer("noncurrentVersionExpirationDays", 1, 36500),
        protectBuckets: r.boolean("protectBuckets"),
    };
    switch (role) {
        case "primary":
            return primary(r, common);
        case "secondary":
            return { ...common, role, network: r.boolean("networkEnabled") ? network(r, stackRegion) : undefined };
        case "destination":
            if (r.boolean("networkEnabled"))
                fail(
                    "networkEnabled",
                    "true",
                    "false on a destination stack (the private network belongs to account A)",
                );
            return { ...common, role, ...(sourceKmsKeyArn !== undefined ? { sourceKmsKeyArn } : {}) };
    }
}
