// The VPC endpoint policy of the private network: data access to this platform's buckets and MRAP, nothing else.
import * as pulumi from "@pulumi/pulumi";
import { VPC_ENDPOINT_DATA_ACTIONS } from "../iam/actions";
import { NamedStatement, policyJson } from "../iam/policyDocument";

export interface EndpointPolicyArgs {
    /** Account that owns the buckets and the MRAP (account A). */
    accountId: string;
    /** Regional data bucket ARNs (or an ARN pattern of them); objects are allowed under each. */
    bucketArns: pulumi.Input<string>[];
    /** MRAP ARNs (`arn:aws:s3::<account>:accesspoint/<alias>`) or `.../accesspoint/*`; objects are `<arn>/object/*`. */
    accessPointArns: pulumi.Input<string>[];
}

/**
 * Every MRAP of an account (`arn:aws:s3::<account>:accesspoint/*`; regional access points carry a
 * region in their ARN, so they do not match): for a stack that cannot know the MRAP's alias.
 */
export function accountMultiRegionAccessPoints(accountId: string): string {
    return `arn:aws:s3::${accountId}:accesspoint/*`;
}

/**
 * Bucket names are global, so an ARN (or pattern) alone could match a bucket of another account:
 * every statement is also pinned to the owning account.
 */
function allowOwnedData(sid: string, accountId: string, resources: pulumi.Input<string>[]): NamedStatement {
    return {
        Sid: sid,
        Effect: "Allow",
        Principal: "*",
        Action: [...VPC_ENDPOINT_DATA_ACTIONS],
        Resource: resources,
        Condition: { StringEquals: { "aws:ResourceAccount": accountId } },
    };
}

/** Data actions on the platform's regional buckets and their objects. */
export function allowPlatformBuckets(args: EndpointPolicyArgs): NamedStatement {
    const resources = args.bucketArns.flatMap((arn) => [arn, pulumi.interpolate`${arn}/*`]);
    return allowOwnedData("AllowPlatformBuckets", args.accountId, resources);
}

/**
 * Data actions through the platform's MRAP. AWS evaluates a request through an MRAP against the
 * endpoint policy for the MRAP *and* for the bucket it is routed to, so the bucket statement is
 * needed on the `s3-global.accesspoint` endpoint too.
 */
export function allowPlatformAccessPoints(args: EndpointPolicyArgs): NamedStatement {
    const resources = args.accessPointArns.flatMap((arn) => [arn, pulumi.interpolate`${arn}/object/*`]);
    return allowOwnedData("AllowPlatformMultiRegionAccessPoint", args.accountId, resources);
}

/**
 * One document for the gateway, S3 interface and MRAP interface endpoints. Anything not allowed here
 * (other accounts' buckets, bucket administration, `s3:ListAllMyBuckets`) is implicitly denied on
 * the private path; administration uses the public API with the operator's own credentials.
 */
export function platformEndpointPolicy(args: EndpointPolicyArgs): pulumi.Output<string> {
    const statements = [allowPlatformBuckets(args)];
    if (args.accessPointArns.length > 0) statements.push(allowPlatformAccessPoints(args));
    return policyJson(statements);
}
