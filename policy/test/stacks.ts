// Hand-built resource lists shaped like the program's three stacks (osaka, dest-account, tokyo), for pass and field-report pitfall tests.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { PolicyInputResource } from "../runner";
import { json, raw, res } from "./fixtures";

export const A = "111111111111";
export const B = "222222222222";
export const PARTNER = "333333333333";

export const names = {
    dataTokyo: `example-s3mr-data-${A}-ap-northeast-1`,
    dataOsaka: `example-s3mr-data-${A}-ap-northeast-3`,
    manifest: `example-s3mr-manifest-${A}-ap-northeast-1`,
    replica: `example-s3mr-replica-${B}-ap-northeast-1`,
    reports: `example-s3mr-reports-${B}-ap-northeast-1`,
    replicationRole: "example-s3mr-replication",
    batchReplicationRole: "example-s3mr-batch-replication",
    batchCopyRole: "example-s3mr-batch-copy",
    partnerRole: "example-s3mr-partner-writer",
    mrap: "example-s3mr-mrap",
};

export const arn = (bucket: string): string => `arn:aws:s3:::${bucket}`;
export const roleArn = (account: string, name: string): string => `arn:aws:iam::${account}:role/${name}`;
export const MRAP_ARN = `arn:aws:s3::${A}:accesspoint/mfzwi23gnjvgw.mrap`;

type Statement = Record<string, unknown>;

export function denyInsecureTransport(bucket: string): Statement {
    return {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [arn(bucket), `${arn(bucket)}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
    };
}

/** Data buckets delegate access control to access points (the MRAP) of account A. */
export function delegateToAccessPoints(bucket: string): Statement {
    return {
        Sid: "DelegateToOwnAccessPoints",
        Effect: "Allow",
        Principal: "*",
        Action: "s3:*",
        Resource: [arn(bucket), `${arn(bucket)}/*`],
        Condition: { StringEquals: { "s3:DataAccessPointAccount": A } },
    };
}

/**
 * The statement S3 inventory needs on its destination (the cross-account batch copy report: it must survive any edit of
 * the policy).
 */
export function inventoryDelivery(dest: string, source: string): Statement {
    return {
        Sid: "InventoryDelivery",
        Effect: "Allow",
        Principal: { Service: "s3.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `${arn(dest)}/*`,
        Condition: {
            StringEquals: { "aws:SourceAccount": A, "s3:x-amz-acl": "bucket-owner-full-control" },
            ArnLike: { "aws:SourceArn": arn(source) },
        },
    };
}

/**
 * Manifest read for the destination's batch role and the operator (the cross-account batch copy report's
 * AllowBatchOperationsSourceManfiestRead).
 */
export function manifestRead(bucket: string): Statement {
    return {
        Sid: "AllowBatchOperationsSourceManifestRead",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${B}:root` },
        Action: ["s3:GetObject", "s3:GetObjectVersion"],
        Resource: `${arn(bucket)}/*`,
        Condition: { ArnEquals: { "aws:PrincipalArn": [roleArn(B, names.batchCopyRole), roleArn(B, "operator")] } },
    };
}

/** The hardened bucket: versioning, BucketOwnerEnforced, SSE, all four PAB flags, one TLS-only policy, request metrics. */
export function hardenedBucket(logical: string, bucket: string, statements: Statement[]): PolicyInputResource[] {
    return [
        res(aws.s3.Bucket, logical, { bucket }, { id: bucket }),
        res(aws.s3.BucketVersioning, `${logical}-versioning`, {
            bucket,
            versioningConfiguration: { status: "Enabled" },
        }),
        res(aws.s3.BucketOwnershipControls, `${logical}-ownership`, {
            bucket,
            rule: { objectOwnership: "BucketOwnerEnforced" },
        }),
        res(aws.s3.BucketPublicAccessBlock, `${logical}-public-access-block`, {
            bucket,
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        }),
        res(aws.s3.BucketServerSideEncryptionConfiguration, `${logical}-encryption`, {
            bucket,
            rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: true }],
        }),
        res(aws.s3.BucketPolicy, `${logical}-policy`, {
            bucket,
            policy: json({ Version: "2012-10-17", Statement: [denyInsecureTransport(bucket), ...statements] }),
        }),
        res(aws.s3.BucketMetric, `${logical}-metrics`, { bucket, name: "EntireBucket" }),
    ];
}

function trust(principal: Record<string, unknown>, condition?: Record<string, unknown>): string {
    return json({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: principal,
                Action: "sts:AssumeRole",
                ...(condition ? { Condition: condition } : {}),
            },
        ],
    });
}

function role(logical: string, name: string, assumeRolePolicy: string, policy: Statement[]): PolicyInputResource[] {
    return [
        res(aws.iam.Role, logical, { name, assumeRolePolicy }, { id: name }),
        res(aws.iam.RolePolicy, `${logical}-permissions`, {
            role: name,
            policy: json({ Version: "2012-10-17", Statement: policy }),
        }),
    ];
}

/** Server access logging of a data or replica bucket into its account's log bucket of the same region. */
export function accessLogging(logical: string, bucket: string, logBucket: string): PolicyInputResource {
    return res(aws.s3.BucketLogging, `${logical}-access-logging`, {
        bucket,
        targetBucket: logBucket,
        targetPrefix: "access-logs/",
        targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } },
    });
}

export function osakaStack(): PolicyInputResource[] {
    return [
        ...hardenedBucket("data", names.dataOsaka, [delegateToAccessPoints(names.dataOsaka)]),
        accessLogging("data", names.dataOsaka, `example-s3mr-logs-${A}-ap-northeast-3`),
    ];
}

export function destStack(): PolicyInputResource[] {
    const replicationPrincipal = {
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${A}:root` },
        Condition: { ArnEquals: { "aws:PrincipalArn": [roleArn(A, names.replicationRole)] } },
    };
    return [
        ...hardenedBucket("replica", names.replica, [
            {
                Sid: "AllowSourceReplicationObjects",
                ...replicationPrincipal,
                Action: [
                    "s3:ReplicateObject",
                    "s3:ReplicateDelete",
                    "s3:ReplicateTags",
                    "s3:ObjectOwnerOverrideToBucketOwner",
                ],
                Resource: `${arn(names.replica)}/*`,
            },
            {
                Sid: "AllowSourceReplicationBucket",
                ...replicationPrincipal,
                Action: ["s3:ListBucket", "s3:GetBucketVersioning"],
                Resource: arn(names.replica),
            },
        ]),
        accessLogging("replica", names.replica, `example-s3mr-logs-${B}-ap-northeast-1`),
        ...hardenedBucket("reports", names.reports, [
            {
                Sid: "AllowSourceBatchReports",
                Effect: "Allow",
                Principal: { AWS: `arn:aws:iam::${A}:root` },
                Action: "s3:PutObject",
                Resource: `${arn(names.reports)}/*`,
                Condition: { ArnEquals: { "aws:PrincipalArn": [roleArn(A, names.batchReplicationRole)] } },
            },
        ]),
        ...role("batch-copy", names.batchCopyRole, trust({ Service: "batchoperations.s3.amazonaws.com" }), [
            {
                Sid: "ReadSourceAndManifest",
                Effect: "Allow",
                Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectTagging"],
                Resource: [`${arn(names.dataTokyo)}/*`, `${arn(names.manifest)}/*`],
            },
            {
                Sid: "WriteReplica",
                Effect: "Allow",
                Action: ["s3:PutObject", "s3:PutObjectTagging"],
                Resource: `${arn(names.replica)}/*`,
            },
            { Sid: "WriteReport", Effect: "Allow", Action: "s3:PutObject", Resource: `${arn(names.reports)}/*` },
        ]),
    ];
}

type ReplicationRule = pulumi.Unwrap<aws.types.input.s3.BucketReplicationConfigRule>;
type ReplicationDestination = pulumi.Unwrap<aws.types.input.s3.BucketReplicationConfigRuleDestination>;

function replicationRule(id: string, dest: string, extra: Partial<ReplicationDestination> = {}): ReplicationRule {
    return {
        id,
        status: "Enabled",
        priority: 1,
        filter: {},
        deleteMarkerReplication: { status: "Enabled" },
        sourceSelectionCriteria: { replicaModifications: { status: "Enabled" } },
        destination: {
            bucket: arn(dest),
            replicationTime: { status: "Enabled", time: { minutes: 15 } },
            metrics: { status: "Enabled", eventThreshold: { minutes: 15 } },
            ...extra,
        },
    };
}

const toDestinationAccount: Partial<ReplicationDestination> = {
    account: B,
    accessControlTranslation: { owner: "Destination" },
};

export function tokyoStack(): PolicyInputResource[] {
    const vpcId = "vpc-0a1b2c3d4e5f60718";
    const subnets = ["subnet-0aaa1111bbbb2222c", "subnet-0ddd3333eeee4444f"];
    const endpointSg = "sg-0e1d2c3b4a5968778";
    const vpnSg = "sg-0f9e8d7c6b5a49382";
    const cvpnId = "cvpn-endpoint-0123456789abcdef0";
    const endpointPolicy = json({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: "*",
                Action: "s3:*",
                Resource: [arn(names.dataTokyo), `${arn(names.dataTokyo)}/*`],
            },
        ],
    });
    return [
        ...hardenedBucket("data", names.dataTokyo, [delegateToAccessPoints(names.dataTokyo)]),
        accessLogging("data", names.dataTokyo, `example-s3mr-logs-${A}-ap-northeast-1`),
        ...hardenedBucket("manifest", names.manifest, [
            inventoryDelivery(names.manifest, names.dataTokyo),
            manifestRead(names.manifest),
        ]),
        res(aws.s3.Inventory, "data-inventory", {
            bucket: names.dataTokyo,
            name: "batch-manifest",
            includedObjectVersions: "Current",
            schedule: { frequency: "Daily" },
            destination: { bucket: { bucketArn: arn(names.manifest), format: "CSV", prefix: "inventory" } },
        }),
        ...role(
            "replication-role",
            names.replicationRole,
            trust({ Service: "s3.amazonaws.com" }, { StringEquals: { "aws:SourceAccount": A } }),
            [
                {
                    Effect: "Allow",
                    Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"],
                    Resource: [arn(names.dataTokyo), arn(names.dataOsaka)],
                },
                {
                    Effect: "Allow",
                    Action: [
                        "s3:GetObjectVersionForReplication",
                        "s3:GetObjectVersionAcl",
                        "s3:GetObjectVersionTagging",
                    ],
                    Resource: [`${arn(names.dataTokyo)}/*`, `${arn(names.dataOsaka)}/*`],
                },
                {
                    Effect: "Allow",
                    Action: [
                        "s3:ReplicateObject",
                        "s3:ReplicateDelete",
                        "s3:ReplicateTags",
                        "s3:ObjectOwnerOverrideToBucketOwner",
                    ],
                    Resource: [`${arn(names.dataTokyo)}/*`, `${arn(names.dataOsaka)}/*`, `${arn(names.replica)}/*`],
                },
            ],
        ),
        res(aws.s3.BucketReplicationConfig, "replication-ap-northeast-1", {
            bucket: names.dataTokyo,
            role: roleArn(A, names.replicationRole),
            rules: [
                replicationRule("to-ap-northeast-3", names.dataOsaka),
                { ...replicationRule("to-destination-account", names.replica, toDestinationAccount), priority: 2 },
            ],
        }),
        res(aws.s3.BucketReplicationConfig, "replication-ap-northeast-3", {
            bucket: names.dataOsaka,
            region: "ap-northeast-3",
            role: roleArn(A, names.replicationRole),
            rules: [
                replicationRule("to-ap-northeast-1", names.dataTokyo),
                { ...replicationRule("to-destination-account", names.replica, toDestinationAccount), priority: 2 },
            ],
        }),
        ...role(
            "batch-replication",
            names.batchReplicationRole,
            trust({ Service: "batchoperations.s3.amazonaws.com" }, { StringEquals: { "aws:SourceAccount": A } }),
            [
                {
                    Sid: "InitiateReplication",
                    Effect: "Allow",
                    Action: ["s3:InitiateReplication"],
                    Resource: `${arn(names.dataTokyo)}/*`,
                },
                {
                    Sid: "GenerateManifest",
                    Effect: "Allow",
                    Action: ["s3:GetReplicationConfiguration", "s3:PutInventoryConfiguration"],
                    Resource: arn(names.dataTokyo),
                },
                {
                    Sid: "ReadAndWriteManifest",
                    Effect: "Allow",
                    Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"],
                    Resource: `${arn(names.manifest)}/*`,
                },
                {
                    Sid: "WriteReport",
                    Effect: "Allow",
                    Action: "s3:PutObject",
                    Resource: `${arn(names.reports)}/batch-replication/*`,
                },
            ],
        ),
        raw(
            "pulumi-nodejs:dynamic:Resource",
            "existing-objects",
            {
                accountId: A,
                region: "ap-northeast-1",
                sourceBucketArn: arn(names.dataTokyo),
                roleArn: roleArn(A, names.batchReplicationRole),
                reportBucketArn: arn(names.reports),
                reportPrefix: "batch-replication",
                manifestOutputBucketArn: arn(names.manifest),
                objectReplicationStatuses: ["NONE", "FAILED"],
                priority: 10,
            },
            { id: "job-0001" },
        ),
        res(aws.s3control.MultiRegionAccessPoint, "mrap", {
            accountId: A,
            details: {
                name: names.mrap,
                publicAccessBlock: {
                    blockPublicAcls: true,
                    blockPublicPolicy: true,
                    ignorePublicAcls: true,
                    restrictPublicBuckets: true,
                },
                regions: [{ bucket: names.dataTokyo }, { bucket: names.dataOsaka }],
            },
        }),
        res(aws.s3control.MultiRegionAccessPointPolicy, "mrap-policy", {
            accountId: A,
            details: {
                name: names.mrap,
                policy: json({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Effect: "Allow",
                            Principal: { AWS: `arn:aws:iam::${A}:root` },
                            Action: ["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
                            Resource: [MRAP_ARN, `${MRAP_ARN}/object/*`],
                        },
                    ],
                }),
            },
        }),
        res(aws.s3control.MultiRegionAccessPointRoutes, "mrap-routes", {
            accountId: A,
            mrap: MRAP_ARN,
            region: "ap-northeast-1",
            routes: [
                { bucket: names.dataTokyo, region: "ap-northeast-1", trafficDialPercentage: 100 },
                { bucket: names.dataOsaka, region: "ap-northeast-3", trafficDialPercentage: 100 },
            ],
        }),
        ...role(
            "partner-writer",
            names.partnerRole,
            trust(
                { AWS: [`arn:aws:iam::${PARTNER}:root`] },
                { StringEquals: { "sts:ExternalId": "example-partner-external-id" } },
            ),
            [
                { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: `${MRAP_ARN}/object/*` },
                { Effect: "Allow", Action: "s3:ListBucket", Resource: MRAP_ARN },
            ],
        ),
        raw(
            "awsx:ec2:Vpc",
            "network-vpc",
            { cidrBlock: "10.0.0.0/16", subnetStrategy: "Auto" },
            { id: vpcId, outputs: { vpcId, privateSubnetIds: subnets, publicSubnetIds: [], isolatedSubnetIds: [] } },
        ),
        res(
            aws.ec2.SecurityGroup,
            "network-endpoints",
            { vpcId, description: "S3 and MRAP interface endpoints: HTTPS from the VPC and VPN clients only" },
            { id: endpointSg },
        ),
        res(aws.vpc.SecurityGroupIngressRule, "network-endpoints-https-from-vpc", {
            securityGroupId: endpointSg,
            ipProtocol: "tcp",
            fromPort: 443,
            toPort: 443,
            cidrIpv4: "10.0.0.0/16",
        }),
        res(aws.vpc.SecurityGroupIngressRule, "network-endpoints-https-from-vpn-clients", {
            securityGroupId: endpointSg,
            ipProtocol: "tcp",
            fromPort: 443,
            toPort: 443,
            cidrIpv4: "172.16.0.0/22",
        }),
        res(
            aws.ec2.SecurityGroup,
            "client-vpn",
            { vpcId, description: "Client VPN: HTTPS into the VPC only" },
            { id: vpnSg },
        ),
        res(
            aws.ec2.VpcEndpoint,
            "network-s3-gateway",
            {
                vpcId,
                serviceName: "com.amazonaws.ap-northeast-1.s3",
                vpcEndpointType: "Gateway",
                policy: endpointPolicy,
            },
            { id: "vpce-0gateway000000001" },
        ),
        res(
            aws.ec2.VpcEndpoint,
            "network-s3-interface",
            {
                vpcId,
                serviceName: "com.amazonaws.ap-northeast-1.s3",
                vpcEndpointType: "Interface",
                subnetIds: subnets,
                securityGroupIds: [endpointSg],
                policy: endpointPolicy,
            },
            { id: "vpce-0interface00000001" },
        ),
        res(
            aws.ec2.VpcEndpoint,
            "network-mrap-interface",
            {
                vpcId,
                serviceName: "com.amazonaws.s3-global.accesspoint",
                vpcEndpointType: "Interface",
                subnetIds: subnets,
                securityGroupIds: [endpointSg],
                privateDnsEnabled: true,
                policy: endpointPolicy,
            },
            { id: "vpce-0mrap000000000001" },
        ),
        res(
            aws.ec2clientvpn.Endpoint,
            "client-vpn",
            {
                serverCertificateArn: `arn:aws:acm:ap-northeast-1:${A}:certificate/00000000-0000-0000-0000-000000000001`,
                clientCidrBlock: "172.16.0.0/22",
                authenticationOptions: [
                    {
                        type: "certificate-authentication",
                        rootCertificateChainArn: `arn:aws:acm:ap-northeast-1:${A}:certificate/00000000-0000-0000-0000-000000000002`,
                    },
                ],
                connectionLogOptions: {
                    enabled: true,
                    cloudwatchLogGroup: "/example-s3mr/client-vpn",
                    cloudwatchLogStream: "connections",
                },
                dnsServers: ["10.0.0.2"],
                splitTunnel: true,
                vpcId,
                securityGroupIds: [vpnSg],
            },
            { id: cvpnId },
        ),
        res(aws.ec2clientvpn.NetworkAssociation, "client-vpn-ap-northeast-1a", {
            clientVpnEndpointId: cvpnId,
            subnetId: subnets[0],
        }),
        res(aws.ec2clientvpn.NetworkAssociation, "client-vpn-ap-northeast-1c", {
            clientVpnEndpointId: cvpnId,
            subnetId: subnets[1],
        }),
    ];
}
