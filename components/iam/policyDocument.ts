// IAM policy documents as typed objects, serialised one way everywhere.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export type Statement = aws.iam.PolicyStatement;

/** A statement with a Sid: bucket policies are composed from named statements, so each must say what it is. */
export type NamedStatement = Statement & { Sid: string };

/** Serialises statements (which may hold Outputs) into a policy JSON string. */
export function policyJson(statements: pulumi.Input<Statement>[]): pulumi.Output<string> {
    return pulumi
        .output(statements)
        .apply((resolved) => JSON.stringify({ Version: "2012-10-17", Statement: resolved }));
}

/** Trust policy for an AWS service principal, with optional conditions (e.g. aws:SourceAccount). */
export function serviceTrustPolicy(service: string, condition?: Record<string, unknown>): pulumi.Output<string> {
    return policyJson([
        {
            Sid: "TrustService",
            Effect: "Allow",
            Principal: { Service: service },
            Action: "sts:AssumeRole",
            ...(condition ? { Condition: condition } : {}),
        },
    ]);
}
