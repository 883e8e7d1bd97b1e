// Small, named IAM statement builders shared by bucket and role policies.
import * as pulumi from "@pulumi/pulumi";
import { accountRootArn } from "../../config/naming";
import { NamedStatement } from "./policyDocument";

/** An identity-policy grant: `actions` on exactly `resources`, named `sid`. */
export function allow(sid: string, actions: readonly string[], resources: pulumi.Input<string>[]): NamedStatement {
    return { Sid: sid, Effect: "Allow", Action: [...actions], Resource: resources };
}

/** Every request over plain HTTP is denied: a bucket policy always starts with this. */
export function denyInsecureTransport(bucketArn: pulumi.Input<string>): NamedStatement {
    return {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [bucketArn, pulumi.interpolate`${bucketArn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
    };
}

/**
 * Grants a role of another account that may not exist yet. AWS rejects a resource policy whose
 * principal is a role ARN that does not exist ("Invalid principal"), so the principal is the
 * account root and the role is pinned by an `aws:PrincipalArn` condition (DESIGN §2).
 */
export function allowRoleOfAccount(args: {
    sid: string;
    accountId: string;
    roleArns: pulumi.Input<string>[];
    actions: readonly string[];
    resources: pulumi.Input<string>[];
}): NamedStatement {
    return {
        Sid: args.sid,
        Effect: "Allow",
        Principal: { AWS: accountRootArn(args.accountId) },
        Action: [...args.actions],
        Resource: args.resources,
        Condition: { ArnEquals: { "aws:PrincipalArn": args.roleArns } },
    };
}
