// The S3 Multi-Region Access Point over the regional buckets: one global endpoint, its policy and its failover routes.
//
// Changing the MRAP's buckets (adding or removing a region) REPLACES the MRAP: AWS cannot edit an
// MRAP's regions, so it gets a new alias and ARN, and everyone who writes to it needs the new one.
// Its public access block is fixed at creation too, which is why all four flags are set here once.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { accountRootArn } from "../../config/naming";
import { MRAP_ROUTES_REGIONS } from "../../config/platformConfig";
import { isAccountId, isMrapRoutesRegion } from "../../config/validators";
import { MRAP_DATA_ACTIONS } from "../iam/actions";
import { NamedStatement, policyJson } from "../iam/policyDocument";
import { ALL_PUBLIC_ACCESS_BLOCKED } from "./publicAccessBlock";

/** How the MRAP spreads requests: every region active, or one active region and the others on standby. */
export type FailoverRouting = { mode: "active-active" } | { mode: "active-passive"; activeRegion: string };

export interface MrapBucket {
    region: string;
    bucketName: pulumi.Input<string>;
}

export interface MultiRegionAccessPointArgs {
    /** MRAP name, `mrapName(prefix)`: 3-50 lowercase letters, digits and hyphens. */
    mrapName: string;
    /** Account A, which owns the MRAP and every bucket behind it. */
    accountId: string;
    /** The regional buckets, one per region, hub first. Changing this list replaces the MRAP. */
    buckets: MrapBucket[];
    /** Traffic dials. @default active-active */
    failover?: FailoverRouting;
    /** Region the routes API is called in: one of MRAP_ROUTES_REGIONS (the API answers nowhere else). */
    routesRegion: string;
}

/** Why MultiRegionAccessPointArgs would be refused, or undefined; exported so it can be tested directly. */
export function validateMultiRegionAccessPointArgs(args: MultiRegionAccessPointArgs): string | undefined {
    if (!/^[a-z0-9][a-z0-9-]{1,48}[a-z0-9]$/.test(args.mrapName))
        return `MRAP name ${args.mrapName} must be 3-50 lowercase letters, digits and hyphens`;
    if (!isAccountId(args.accountId)) return `accountId must be a 12-digit account id, got ${args.accountId}`;
    const regions = args.buckets.map((b) => b.region);
    // An MRAP takes at most 17 buckets; with one there is nothing to fail over to.
    if (regions.length < 2 || regions.length > 17)
        return `an MRAP here needs 2 to 17 regional buckets, got ${regions.length}`;
    if (new Set(regions).size !== regions.length)
        return `an MRAP takes one bucket per region, got ${regions.join(", ")}`;
    if (!isMrapRoutesRegion(args.routesRegion)) {
        return `routesRegion ${args.routesRegion} is not one where the MRAP routes API answers (${MRAP_ROUTES_REGIONS.join(", ")})`;
    }
    // Stryker disable next-line ObjectLiteral,StringLiteral: only "active-passive" is checked here, so any other default is the same
    const failover = args.failover ?? { mode: "active-active" };
    if (failover.mode === "active-passive" && !regions.includes(failover.activeRegion)) {
        return `active region ${failover.activeRegion} is not one of the MRAP's regions (${regions.join(", ")})`;
    }
    return undefined;
}

/** Traffic dial per region: 100 takes requests, 0 is passive (no requests, but still replicated to). */
export function trafficDials(regions: readonly string[], failover: FailoverRouting): Record<string, 0 | 100> {
    return Object.fromEntries(
        regions.map((r) => [r, failover.mode === "active-active" || r === failover.activeRegion ? 100 : 0]),
    );
}

/** The MRAP policy: account A's own principals, so their identity policies decide (the partner writer role is one). */
export function mrapPolicyStatements(accountId: string, mrapArn: pulumi.Input<string>): NamedStatement[] {
    return [
        {
            Sid: "AllowOwnAccountPrincipals",
            Effect: "Allow",
            Principal: { AWS: accountRootArn(accountId) },
            Action: [...MRAP_DATA_ACTIONS],
            Resource: [mrapArn, pulumi.interpolate`${mrapArn}/object/*`],
        },
    ];
}

/** The global host name of an MRAP alias (what SigV4A-signed requests are sent to). */
export function mrapHost(alias: string): string {
    return `${alias}.accesspoint.s3-global.amazonaws.com`;
}

/**
 * Ready-to-paste AWS CLI v2 commands through the MRAP (the MRAP field report step 6: `aws s3` needs the `s3://`
 * prefix).
 */
export function mrapCommands(mrapArn: string): { list: string; upload: string; putObject: string; headObject: string } {
    return {
        list: `aws s3 ls s3://${mrapArn}/`,
        upload: `aws s3 cp file.txt s3://${mrapArn}/file.txt`,
        putObject: `aws s3api put-object --bucket ${mrapArn} --key file.txt --body file.txt`,
        // ReplicationStatus in the answer shows whether the object has reached the other buckets.
        headObject: `aws s3api head-object --bucket ${mrapArn} --key file.txt`,
    };
}

export class MultiRegionAccessPoint extends pulumi.ComponentResource {
    readonly mrap: aws.s3control.MultiRegionAccessPoint;
    readonly policy: aws.s3control.MultiRegionAccessPointPolicy;
    readonly routes: aws.s3control.MultiRegionAccessPointRoutes;
    readonly arn: pulumi.Output<string>;
    readonly alias: pulumi.Output<string>;
    readonly host: pulumi.Output<string>;
    readonly commands: pulumi.Output<ReturnType<typeof mrapCommands>>;

    constructor(name: string, args: MultiRegionAccessPointArgs, opts?: pulumi.ComponentResourceOptions) {
        const problem = validateMultiRegionAccessPointArgs(args);
        if (problem) throw new Error(`${name}: ${problem}`);
        super("s3-multiregion:storage:MultiRegionAccessPoint", name, {}, opts);
        const failover = args.failover ?? { mode: "active-active" };

        // No `region`: the MRAP control plane lives in us-west-2 and the provider sends it there.
        this.mrap = new aws.s3control.MultiRegionAccessPoint(
            name,
            {
                accountId: args.accountId,
                details: {
                    name: args.mrapName,
                    // Cannot be changed after creation: set it on from the start.
                    publicAccessBlock: { ...ALL_PUBLIC_ACCESS_BLOCKED },
                    regions: args.buckets.map((b) => ({ bucket: b.bucketName })),
                },
            },
            // MRAP names are unique per account and a region change forces a replacement: the old MRAP
            // must go before the new one with the same name can be created (create-first would fail).
            { parent: this, deleteBeforeReplace: true },
        );
        this.arn = this.mrap.arn;
        this.alias = this.mrap.alias;

        this.policy = new aws.s3control.MultiRegionAccessPointPolicy(
            `${name}-policy`,
            {
                accountId: args.accountId,
                details: { name: args.mrapName, policy: policyJson(mrapPolicyStatements(args.accountId, this.arn)) },
            },
            { parent: this },
        );

        const dials = trafficDials(
            args.buckets.map((b) => b.region),
            failover,
        );
        this.routes = new aws.s3control.MultiRegionAccessPointRoutes(
            `${name}-routes`,
            {
                accountId: args.accountId,
                mrap: this.arn,
                // The routes API answers only in five regions (DESIGN §3); pinned so failover does not
                // depend on the provider's region, and ideally outside the bucket regions.
                region: args.routesRegion,
                routes: args.buckets.map((b) => ({
                    bucket: b.bucketName,
                    region: b.region,
                    trafficDialPercentage: dials[b.region],
                })),
            },
            { parent: this },
        );

        this.host = this.alias.apply(mrapHost);
        this.commands = this.arn.apply(mrapCommands);
        this.registerOutputs({ arn: this.arn, alias: this.alias, host: this.host });
    }
}
