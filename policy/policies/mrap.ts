// Multi-Region Access Point policies: public access block, where the routes API answers, how a VPC reaches the MRAP.

import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";

import { forTypes } from "../lib/check";
import { MRAP_ENDPOINT_SERVICE, isS3ServiceName } from "../lib/s3";
import { StackView } from "../lib/stack";
import { PAB_FLAGS } from "../lib/system";
import { T } from "../lib/types";
import { UNKNOWN, bool, get, str } from "../lib/values";

export const mrapPublicAccessBlock: ResourceValidationPolicy = {
    name: "s3-mrap-public-access-block",
    description:
        "A Multi-Region Access Point keeps all four public-access-block flags on (they default to true; none may be set to false). " +
        "The setting is fixed at creation: turning a flag back on means replacing the MRAP, which gets a new alias every client " +
        "must be told about. Mandatory: S3 cannot change it later, so the mistake is permanent. Fix: remove the false flags from details.publicAccessBlock, or set all four to true.",
    enforcementLevel: "mandatory",
    validateResource: forTypes([T.mrap], (r, report) => {
        const pab = get(r.props, "details", "publicAccessBlock");
        if (pab === UNKNOWN) return;
        const off = PAB_FLAGS.filter((f) => bool(get(pab, f)) === false);
        if (off.length > 0) report(`MRAP public access block turns off ${off.join(", ")}.`);
    }),
};

/** Regions where the S3 Control SubmitMultiRegionAccessPointRoutes / GetMultiRegionAccessPointRoutes API answers. */
export const MRAP_ROUTES_REGIONS = ["us-east-1", "us-west-2", "ap-southeast-2", "ap-northeast-1", "eu-west-1"];

export const mrapRoutesRegion: ResourceValidationPolicy = {
    name: "s3-mrap-routes-region",
    description:
        "A MultiRegionAccessPointRoutes resource pins `region` to one where the MRAP routes API answers (pack config " +
        "routesRegions; by default us-east-1, us-west-2, ap-southeast-2, ap-northeast-1, eu-west-1). Elsewhere (ap-northeast-3, " +
        "for example, even though it hosts one of the buckets) every create, read and failover call fails. " +
        "Mandatory: the routes cannot be created, and a failover cannot be run when it is needed. " +
        'Fix: set `region: "ap-northeast-1"` (or another listed region) on the routes resource.',
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            routesRegions: {
                type: "array",
                items: { type: "string" },
                minItems: 1,
                default: MRAP_ROUTES_REGIONS,
                description: "Regions in which the MRAP routes API answers.",
            },
        },
    },
    validateResource: forTypes([T.mrapRoutes], (r, report, args) => {
        const allowed = args.getConfig<{ routesRegions?: string[] }>().routesRegions ?? MRAP_ROUTES_REGIONS;
        const pinned = str(r.props["region"]);
        const region = pinned ?? str(r.providerProps?.["region"]);
        if (region === UNKNOWN) return;
        if (region === undefined) {
            report(`The routes resource pins no region; pin one of ${allowed.join(", ")}.`);
        } else if (!allowed.includes(region)) {
            report(
                `The routes resource is managed in ${region}${pinned === undefined ? " (its provider's region)" : ""}, where the MRAP routes API does not answer; use one of ${allowed.join(", ")}.`,
            );
        }
    }),
};

export const mrapEndpointInterface: ResourceValidationPolicy = {
    name: "s3-mrap-endpoint-interface",
    description:
        "A VPC endpoint for the MRAP service (com.amazonaws.s3-global.accesspoint) is of type Interface with private DNS on. " +
        "The service has no gateway form, and vpcEndpointType defaults to Gateway, so the endpoint is refused at creation. " +
        "privateDnsEnabled defaults to false, and the AWS CLI and SDKs send every MRAP request to " +
        "<alias>.accesspoint.s3-global.amazonaws.com whatever custom endpoint they are given: without private DNS that name " +
        "resolves to public addresses and MRAP requests from the VPC or the VPN hang or leave the private path. " +
        "Mandatory: AWS refuses the endpoint, or the data leaves the private path without any error. " +
        'Fix: set vpcEndpointType: "Interface" and privateDnsEnabled: true, with subnetIds and a dedicated security group.',
    enforcementLevel: "mandatory",
    validateResource: forTypes([T.vpcEndpoint], (r, report) => {
        if (str(r.props["serviceName"]) !== MRAP_ENDPOINT_SERVICE) return;
        const type = str(r.props["vpcEndpointType"]);
        if (type === UNKNOWN) return;
        if (type !== "Interface") {
            report(
                `The endpoint for ${MRAP_ENDPOINT_SERVICE} is of type ${type ?? "Gateway (the default)"}, not Interface.`,
            );
            return;
        }
        const privateDns = bool(r.props["privateDnsEnabled"]);
        if (privateDns !== true && privateDns !== UNKNOWN)
            report(
                `The interface endpoint for ${MRAP_ENDPOINT_SERVICE} has private DNS ${privateDns === false ? "off" : "off (the default)"}, so MRAP names resolve to public addresses.`,
            );
    }),
};

export const mrapVpcAccess: StackValidationPolicy = {
    name: "s3-mrap-vpc-access",
    description:
        "A stack that has a Multi-Region Access Point and a VPC with S3 endpoints also gives that VPC an Interface endpoint for " +
        "com.amazonaws.s3-global.accesspoint. A gateway endpoint does not carry MRAP requests: from private subnets they hang " +
        "(no route to the internet) or leave the VPC. Advisory, because a VPC may not need the MRAP. " +
        "Fix: add an Interface endpoint for com.amazonaws.s3-global.accesspoint in that VPC with privateDnsEnabled: true; clients " +
        "keep calling the MRAP by its ARN (the AWS CLI and SDKs send MRAP requests to <alias>.accesspoint.s3-global.amazonaws.com " +
        "whatever custom endpoint they are given, so only that name resolving to the endpoint keeps them private).",
    enforcementLevel: "advisory",
    validateStack: (args, report) => {
        const view = new StackView(args);
        if (view.ofType(T.mrap).length === 0) args.notApplicable("No Multi-Region Access Point in this stack");
        const byVpc = new Map<string, { s3: string[]; mrap: boolean }>();
        for (const ep of view.ofType(T.vpcEndpoint)) {
            const vpc = str(ep.props["vpcId"]);
            const service = str(ep.props["serviceName"]);
            if (typeof vpc !== "string" || typeof service !== "string" || !isS3ServiceName(service)) continue;
            const entry = byVpc.get(vpc) ?? { s3: [], mrap: false };
            if (service === MRAP_ENDPOINT_SERVICE)
                entry.mrap = entry.mrap || str(ep.props["vpcEndpointType"]) === "Interface";
            else entry.s3.push(ep.urn);
            byVpc.set(vpc, entry);
        }
        for (const [vpc, entry] of byVpc) {
            if (!entry.mrap && entry.s3.length > 0)
                report(
                    `VPC ${vpc} has S3 endpoints but no Interface endpoint for ${MRAP_ENDPOINT_SERVICE}.`,
                    entry.s3[0],
                );
        }
    },
};

export const mrapPolicies = [mrapPublicAccessBlock, mrapRoutesRegion, mrapEndpointInterface, mrapVpcAccess];
