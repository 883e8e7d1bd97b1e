// `npm run failover`: switches the MRAP's routes through the routes API (no pulumi up), printing them before and after.
import {
    GetMultiRegionAccessPointRoutesCommand,
    MultiRegionAccessPointRoute,
    S3ControlClient,
    SubmitMultiRegionAccessPointRoutesCommand,
} from "@aws-sdk/client-s3-control";
import { didYouMean } from "../../config/closest";
import { COMMERCIAL_REGIONS, MRAP_ROUTES_REGIONS } from "../../config/configTypes";
import { isMrapRoutesRegion } from "../../config/validators";
import type { AwsClientFactory } from "../common/awsClients";
import {
    CommandSpec,
    EXIT_OK,
    Io,
    OpsFailure,
    PreflightError,
    runCommand,
    stringOption,
    UsageError,
} from "../common/cli";
import { HubOutputsDeps, loadHubOutputs } from "../common/loadHubOutputs";
import { checkAwsCredentials, credentialsLabel } from "../common/preflight";
import {
    bucketsFromRoutes,
    chooseRoutesRegion,
    configCommands,
    drainedRegions,
    FailoverTarget,
    formatRoutes,
    RouteTargetError,
    routesMatch,
    routeUpdates,
} from "./routeUpdates";

export const FAILOVER_SPEC: CommandSpec = {
    name: "failover",
    synopsis: "--to REGION | --active-active [--routes-region REGION] [--stack NAME | --outputs FILE] [--dry-run]",
    summary:
        "Switches the Multi-Region Access Point's routes now, without a pulumi up: --to REGION sends all traffic to that " +
        "region's bucket (the others get 0%), --active-active sends traffic to every region again. Calls " +
        "SubmitMultiRegionAccessPointRoutes in the hub's routesRegion (never in a region being drained), prints the routes " +
        "before and after, and the pulumi config commands that keep the next deploy from undoing the switch. " +
        "Uses the AWS credentials of account A (AWS_PROFILE).",
    options: {
        to: {
            type: "string",
            value: "REGION",
            help: "make REGION the only active region; must be one of the MRAP's bucket regions",
        },
        "active-active": { type: "boolean", help: "make every region active again" },
        "routes-region": {
            type: "string",
            value: "REGION",
            help: `call the routes API in REGION (default: the hub output routesRegion); one of ${MRAP_ROUTES_REGIONS.join(", ")}`,
        },
        stack: {
            type: "string",
            value: "NAME",
            help: "hub stack to read outputs from (default: the stack file whose role is primary)",
        },
        outputs: {
            type: "string",
            value: "FILE",
            help: "read the hub outputs from a `pulumi stack output --json` file instead (no Pulumi CLI needed)",
        },
        "dry-run": { type: "boolean", help: "print the current routes and the update, submit nothing" },
    },
};

export interface FailoverDeps extends HubOutputsDeps {
    io: Io;
    env: NodeJS.ProcessEnv;
    aws: Pick<AwsClientFactory, "sts" | "s3Control">;
    /** Backend the printed `pulumi config` commands must use; printed as an export when it is not already set. */
    backendUrl: string;
}

export function targetFrom(options: { to?: string; activeActive?: boolean }): FailoverTarget {
    if (options.to !== undefined && options.activeActive) {
        throw new UsageError("give either --to REGION or --active-active, not both");
    }
    if (options.activeActive) {
        return { mode: "active-active" };
    }
    if (options.to === undefined || options.to === "") {
        throw new UsageError("give --to REGION or --active-active");
    }
    // Checked before the outputs are loaded: a typo during an incident must not wait for the Pulumi CLI.
    if (!COMMERCIAL_REGIONS.includes(options.to)) {
        throw new UsageError(
            `--to ${options.to} is not an AWS region code${didYouMean(options.to, COMMERCIAL_REGIONS)}; allowed: one of the MRAP's bucket regions, e.g. ap-northeast-3`,
        );
    }
    return { mode: "active-passive", activeRegion: options.to };
}

async function getRoutes(
    client: S3ControlClient,
    accountId: string,
    mrapArn: string,
): Promise<MultiRegionAccessPointRoute[]> {
    const res = await client.send(new GetMultiRegionAccessPointRoutesCommand({ AccountId: accountId, Mrap: mrapArn }));
    return res.Routes ?? [];
}

export function failoverMain(argv: string[], deps: FailoverDeps): Promise<number> {
    return runCommand(FAILOVER_SPEC, argv, deps.io, async (options) => {
        const out = (line: string) => deps.io.out(line);
        const target = targetFrom({ to: stringOption(options.to), activeActive: options["active-active"] === true });
        const explicitRoutesRegion = stringOption(options["routes-region"]);
        if (explicitRoutesRegion !== undefined && !isMrapRoutesRegion(explicitRoutesRegion)) {
            throw new UsageError(
                `--routes-region ${explicitRoutesRegion}: the MRAP routes API answers only in ${MRAP_ROUTES_REGIONS.join(", ")}`,
            );
        }
        const { stackName, outputs } = await loadHubOutputs(
            { stack: stringOption(options.stack), outputs: stringOption(options.outputs) },
            deps,
        );

        // Refuse a wrong region before any AWS call: during an incident a typo must not cost a round trip.
        const known = outputs.regionalBuckets.map((b) => ({ bucket: b.bucketName, region: b.region }));
        let routesRegion: { region: string; note?: string };
        try {
            routeUpdates(known, target);
            routesRegion = chooseRoutesRegion(
                explicitRoutesRegion ?? outputs.routesRegion,
                explicitRoutesRegion !== undefined,
                drainedRegions(known, target),
            );
        } catch (e) {
            throw e instanceof RouteTargetError ? new UsageError(e.message) : e;
        }
        if (routesRegion.note) {
            out(`note: ${routesRegion.note}`);
        }

        const label = credentialsLabel(undefined, deps.env);
        const identity = await checkAwsCredentials(deps.aws.sts(routesRegion.region), label);
        if (identity.account !== outputs.sourceAccountId) {
            throw new PreflightError(
                `the MRAP belongs to account ${outputs.sourceAccountId} but ${label} is account ${identity.account}: set AWS_PROFILE to a profile for account ${outputs.sourceAccountId}`,
            );
        }

        const client = deps.aws.s3Control(routesRegion.region);
        out(`MRAP ${outputs.mrapName} (${outputs.mrapArn}), routes API in ${routesRegion.region}`);
        const before = await getRoutes(client, outputs.sourceAccountId, outputs.mrapArn);
        out("routes before:");
        formatRoutes(before).forEach(out);

        // The live routes are the truth: build the update from them, so a bucket list in stale outputs cannot
        // drop a route; refuse if the MRAP no longer has the target region.
        let updates: MultiRegionAccessPointRoute[];
        try {
            updates = routeUpdates(bucketsFromRoutes(before), target);
        } catch (e) {
            throw e instanceof RouteTargetError
                ? new OpsFailure(`the live MRAP routes disagree with the stack outputs: ${e.message}`)
                : e;
        }
        out(`update: ${updates.map((u) => `${u.Region} ${u.TrafficDialPercentage}%`).join(", ")}`);
        if (options["dry-run"]) {
            out("dry run: nothing submitted");
            return EXIT_OK;
        }
        await client.send(
            new SubmitMultiRegionAccessPointRoutesCommand({
                AccountId: outputs.sourceAccountId,
                Mrap: outputs.mrapArn,
                RouteUpdates: updates,
            }),
        );
        const after = await getRoutes(client, outputs.sourceAccountId, outputs.mrapArn);
        out("routes after:");
        formatRoutes(after).forEach(out);
        if (!routesMatch(after, updates)) {
            out("note: the routes API does not show the update yet; check again in a minute with --dry-run");
        }
        out(
            `done. Requests already in flight finish in their old region. Record the switch in the hub stack so the next deploy keeps it:`,
        );
        if (!deps.env.PULUMI_BACKEND_URL) {
            out(`  export PULUMI_BACKEND_URL=${deps.backendUrl}`);
        }
        configCommands(stackName, target).forEach((c) => out(`  ${c}`));
        return EXIT_OK;
    });
}
