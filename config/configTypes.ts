// The typed shape of a stack's configuration, the keys the program reads, and the constants the checks use.
import { Region } from "@pulumi/aws/types/enums";
import type { AdoptedSettings } from "./adoptedSettings";
import type { DestinationCopy } from "./destinationCopy";

export const PROJECT = "s3-multiregion";

export type StackRole = "primary" | "secondary" | "destination";
export const STACK_ROLES: readonly StackRole[] = ["primary", "secondary", "destination"];

export type FailoverMode = "active-active" | "active-passive";
export type EndpointDnsMode = "endpoint-specific" | "private-dns";

/**
 * Regions where the MRAP routes API (Submit/GetMultiRegionAccessPointRoutes) answers.
 * Pinning the routes resource elsewhere fails; pinning it in a region that is down blocks failover.
 */
/**
 * Regions whose buckets an MRAP can span (AWS "Multi-Region Access Point restrictions and limitations":
 * 17 regions, plus the opt-in regions of "Configuring Multi-Region Access Point opt-in Regions", which
 * must be enabled in the account first). A bucket elsewhere makes CreateMultiRegionAccessPoint fail
 * minutes into `pulumi up`, after the buckets exist.
 */
export const MRAP_REGIONS: readonly string[] = [
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "ap-south-1",
    "ap-northeast-3",
    "ap-northeast-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-northeast-1",
    "ca-central-1",
    "eu-central-1",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "eu-north-1",
    "sa-east-1",
    // Opt-in regions: Cape Town, Hong Kong, Jakarta, Melbourne, Hyderabad, Calgary, Zurich, Milan, Spain, Tel Aviv, Bahrain, UAE.
    "af-south-1",
    "ap-east-1",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-south-2",
    "ca-west-1",
    "eu-central-2",
    "eu-south-1",
    "eu-south-2",
    "il-central-1",
    "me-south-1",
    "me-central-1",
];

export const MRAP_ROUTES_REGIONS = ["us-east-1", "us-west-2", "ap-southeast-2", "ap-northeast-1", "eu-west-1"] as const;

/**
 * The commercial-partition codes (ARNs `arn:aws:`) of `codes`, sorted: China, GovCloud, ISO and the European
 * Sovereign Cloud are other partitions, named by the start of the code.
 */
export function commercialRegions(codes: readonly string[]): string[] {
    return codes.filter((r) => !/^(cn-|us-gov-|us-iso|eu-isoe|eusc-)/.test(r)).sort();
}

/** The longest of `codes`, the first of equally long ones (the one messages show as the example). */
export function longestRegion(codes: readonly string[]): string {
    return codes.reduce((a, b) => (b.length > a.length ? b : a));
}

/**
 * Commercial-partition regions, from @pulumi/aws's Region enum. MRAP, cross-account replication and the
 * naming scheme assume one partition, so China, GovCloud and ISO regions are refused.
 */
export const COMMERCIAL_REGIONS: readonly string[] = commercialRegions(Object.values(Region));

/** Longest commercial region code: bucket names are checked against it so any future region fits. */
export const LONGEST_REGION = longestRegion(COMMERCIAL_REGIONS);

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
    /** The live bucket this stack adopts as its data (or replica) bucket; absent when it creates one. */
    existingBucketName?: string;
    /** What `adopt` kept of that bucket (adopted/<stack>.json); set by the program's entry after parsing. */
    adopted?: AdoptedSettings;
    /** S3 server access logs of this stack's data or replica bucket into its own log bucket. */
    accessLogging: boolean;
}

export interface SecondaryRef {
    /** Stack name or fully-qualified `org/project/stack`. */
    stack: string;
    region: string;
}

/** The Batch Replication switch of a regional stack (primary or secondary): each runs the job of its own bucket. */
export interface BatchReplicationSettings {
    /** Run the job; while on, the data bucket's expiring lifecycle rules are paused (Disabled). */
    batchReplicationJob: boolean;
    /** Raised to re-run the Batch Replication job after a failure; part of the job's request token. */
    batchReplicationRunNumber: number;
}

export interface PrimaryConfig extends CommonConfig, BatchReplicationSettings {
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
    network?: NetworkConfig;
}

export interface SecondaryConfig extends CommonConfig, BatchReplicationSettings {
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
    /** Account B's copy: a mirror that follows deletes, or a backup that keeps them (config/destinationCopy.ts). */
    copy: DestinationCopy;
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
    existingBucketName: "string",
    sourceKmsKeyArn: "string",
    noncurrentVersionExpirationDays: "integer",
    protectBuckets: "boolean",
    accessLogging: "boolean",
    destinationMode: "string",
    backupNoncurrentDays: "integer",
    objectLockMode: "string",
    objectLockRetentionDays: "integer",
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
    batchReplicationRunNumber: "integer",
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
