// The role partner accounts assume to upload through the MRAP, and nothing else (the MRAP field report, cross-account part).
import * as pulumi from "@pulumi/pulumi";
import { accountRootArn } from "../../config/naming";
import { isAccountId, isExternalId, isPrincipalOrAccountId } from "../../config/validators";
import { PARTNER_BUCKET_ACTIONS, PARTNER_OBJECT_ACTIONS } from "./actions";
import { NamedStatement, policyJson } from "./policyDocument";
import { RoleWithPolicy } from "./roleWithPolicy";
import { allow } from "./statements";

export interface PartnerWriterRoleArgs {
    /** Physical role name, `roleName(prefix, "partner-writer")`. */
    roleName: string;
    /** Partner principals: IAM ARNs, or 12-digit account ids (meaning that account's root). */
    principals: string[];
    /** External id the partner must present (confused-deputy guard). */
    externalId: string;
    /** The MRAP the role may use; the bucket policies delegate to account A's access points, so this is enough. */
    mrapArn: pulumi.Input<string>;
}

/** Why PartnerWriterRoleArgs would be refused, or undefined; exported so it can be tested directly. */
export function validatePartnerWriterRoleArgs(
    args: Pick<PartnerWriterRoleArgs, "principals" | "externalId">,
): string | undefined {
    if (args.principals.length === 0) return "a partner writer role needs at least one partner principal";
    for (const p of args.principals) {
        if (!isPrincipalOrAccountId(p)) return `partner principal ${p} is neither an account id nor an IAM ARN`;
    }
    if (!isExternalId(args.externalId))
        return "the external id must be 2 to 1224 characters of letters, digits and +=,.@:/-_";
    return undefined;
}

/** A bare account id in a trust policy means that account's root (IAM would rewrite it so anyway). */
export function partnerPrincipalArns(principals: readonly string[]): string[] {
    return principals.map((p) => (isAccountId(p) ? accountRootArn(p) : p));
}

export function partnerTrustStatements(principals: readonly string[], externalId: string): NamedStatement[] {
    return [
        {
            Sid: "TrustPartnersWithExternalId",
            Effect: "Allow",
            Principal: { AWS: partnerPrincipalArns(principals) },
            Action: "sts:AssumeRole",
            Condition: { StringEquals: { "sts:ExternalId": externalId } },
        },
    ];
}

/** Get/Put on the MRAP's objects and List on the MRAP itself: no bucket ARN, no delete, no other S3 action. */
export function partnerPermissionStatements(mrapArn: pulumi.Input<string>): NamedStatement[] {
    return [
        allow("ReadWriteObjectsThroughMrap", PARTNER_OBJECT_ACTIONS, [pulumi.interpolate`${mrapArn}/object/*`]),
        { Sid: "ListThroughMrap", Effect: "Allow", Action: [...PARTNER_BUCKET_ACTIONS], Resource: [mrapArn] },
    ];
}

/** What a partner runs to get credentials for the role (then exports them, the MRAP field report). */
export function assumeRoleCommand(roleArn: string, externalId: string): string {
    return `aws sts assume-role --role-arn ${roleArn} --role-session-name partner-upload --external-id ${externalId}`;
}

const PARTNER_WRITER_DESCRIPTION =
    "Assumed by partner accounts (with the external id) to read and upload through the Multi-Region Access Point.";

export class PartnerWriterRole extends RoleWithPolicy {
    readonly assumeRoleCommand: pulumi.Output<string>;

    constructor(name: string, args: PartnerWriterRoleArgs, opts?: pulumi.ComponentResourceOptions) {
        const problem = validatePartnerWriterRoleArgs(args);
        if (problem) throw new Error(`${name}: ${problem}`);
        super(
            "s3-multiregion:iam:PartnerWriterRole",
            name,
            {
                roleName: args.roleName,
                description: PARTNER_WRITER_DESCRIPTION,
                trustPolicy: policyJson(partnerTrustStatements(args.principals, args.externalId)),
                policyName: "mrap-read-write",
                permissionPolicy: policyJson(partnerPermissionStatements(args.mrapArn)),
            },
            opts,
        );
        this.assumeRoleCommand = this.arn.apply((arn) => assumeRoleCommand(arn, args.externalId));
    }
}
