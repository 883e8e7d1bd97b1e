// Resource type tokens the policies read (checked against @pulumi/aws 7.48.0's classes by test/types.test.ts).

export const T = {
    bucket: "aws:s3/bucket:Bucket",
    /** Deprecated alias of Bucket in @pulumi/aws v7; older programs still use it. */
    bucketV2: "aws:s3/bucketV2:BucketV2",
    versioning: "aws:s3/bucketVersioning:BucketVersioning",
    versioningV2: "aws:s3/bucketVersioningV2:BucketVersioningV2",
    ownershipControls: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    publicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    accountPublicAccessBlock: "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
    sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    sseV2: "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    lifecycleV2: "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
    logging: "aws:s3/bucketLogging:BucketLogging",
    loggingV2: "aws:s3/bucketLoggingV2:BucketLoggingV2",
    acl: "aws:s3/bucketAcl:BucketAcl",
    aclV2: "aws:s3/bucketAclV2:BucketAclV2",
    objectLock: "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
    objectLockV2: "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2",
    replicationConfig: "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
    inventory: "aws:s3/inventory:Inventory",
    analytics: "aws:s3/analyticsConfiguration:AnalyticsConfiguration",
    bucketMetric: "aws:s3/bucketMetric:BucketMetric",
    accessPoint: "aws:s3/accessPoint:AccessPoint",
    accessPointPolicy: "aws:s3control/accessPointPolicy:AccessPointPolicy",
    mrap: "aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint",
    mrapPolicy: "aws:s3control/multiRegionAccessPointPolicy:MultiRegionAccessPointPolicy",
    mrapRoutes: "aws:s3control/multiRegionAccessPointRoutes:MultiRegionAccessPointRoutes",
    vpc: "aws:ec2/vpc:Vpc",
    vpcCidrAssociation: "aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation",
    awsxVpc: "awsx:ec2:Vpc",
    subnet: "aws:ec2/subnet:Subnet",
    vpcEndpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    securityGroupAssociation: "aws:ec2/securityGroupAssociation:SecurityGroupAssociation",
    securityGroup: "aws:ec2/securityGroup:SecurityGroup",
    defaultSecurityGroup: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    securityGroupRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
    ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    clientVpnEndpoint: "aws:ec2clientvpn/endpoint:Endpoint",
    clientVpnAssociation: "aws:ec2clientvpn/networkAssociation:NetworkAssociation",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    iamPolicy: "aws:iam/policy:Policy",
    userPolicy: "aws:iam/userPolicy:UserPolicy",
    groupPolicy: "aws:iam/groupPolicy:GroupPolicy",
    userPolicyAttachment: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
    groupPolicyAttachment: "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
    policyAttachment: "aws:iam/policyAttachment:PolicyAttachment",
} as const;

export const BUCKET_TYPES: readonly string[] = [T.bucket, T.bucketV2];
export const VERSIONING_TYPES: readonly string[] = [T.versioning, T.versioningV2];
export const SSE_TYPES: readonly string[] = [T.sse, T.sseV2];
export const LIFECYCLE_TYPES: readonly string[] = [T.lifecycle, T.lifecycleV2];
export const LOGGING_TYPES: readonly string[] = [T.logging, T.loggingV2];
export const ACL_TYPES: readonly string[] = [T.acl, T.aclV2];
export const OBJECT_LOCK_TYPES: readonly string[] = [T.objectLock, T.objectLockV2];
