// Statements every regional data bucket (hub and secondaries) carries besides DenyInsecureTransport.
import { bucketArn } from "../config/naming";
import { CommonConfig } from "../config/platformConfig";
import { NamedStatement } from "../components/iam/policyDocument";

/**
 * Named statements for a regional data bucket. The bucket delegates access control to access points
 * of its own account (AWS's recommended pattern for access points and MRAPs): any request that comes
 * through an access point of account A is allowed here, and the MRAP policy plus the caller's identity
 * policy decide. The fixed-account condition keeps this non-public for Block Public Access.
 */
export function dataBucketStatements(cfg: CommonConfig, bucketName: string): NamedStatement[] {
    const arn = bucketArn(bucketName);
    return [
        {
            Sid: "DelegateToOwnAccessPoints",
            Effect: "Allow",
            Principal: "*",
            Action: "s3:*",
            Resource: [arn, `${arn}/*`],
            Condition: { StringEquals: { "s3:DataAccessPointAccount": cfg.sourceAccountId } },
        },
    ];
}
