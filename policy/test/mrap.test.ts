// Passing and failing fixtures for the Multi-Region Access Point policies.

import * as aws from "@pulumi/aws";

import { mrapEndpointInterface, mrapPublicAccessBlock, mrapRoutesRegion, mrapVpcAccess } from "../policies/mrap";
import { PolicyInputResource } from "../runner";
import { T } from "../lib/types";
import { UNKNOWN_SENTINEL } from "../lib/values";
import { alter, policyCases, raw, res, violation, without } from "./fixtures";
import { A, MRAP_ARN, names, tokyoStack } from "./stacks";

const mrap = (publicAccessBlock?: Record<string, boolean>): PolicyInputResource =>
    res(aws.s3control.MultiRegionAccessPoint, "mrap", {
        accountId: A,
        details: {
            name: names.mrap,
            regions: [{ bucket: names.dataTokyo }, { bucket: names.dataOsaka }],
            ...(publicAccessBlock ? { publicAccessBlock } : {}),
        },
    });

{
    const off = mrap({
        blockPublicAcls: true,
        blockPublicPolicy: false,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
    });
    policyCases(mrapPublicAccessBlock, {
        pass: [
            {
                title: "all four flags true",
                resources: [
                    mrap({
                        blockPublicAcls: true,
                        blockPublicPolicy: true,
                        ignorePublicAcls: true,
                        restrictPublicBuckets: true,
                    }),
                ],
            },
            { title: "block omitted (AWS and the provider default every flag to true)", resources: [mrap()] },
        ],
        fail: [
            {
                title: "blockPublicPolicy false",
                resources: [off],
                expect: [
                    violation(mrapPublicAccessBlock, off, "MRAP public access block turns off blockPublicPolicy."),
                ],
            },
        ],
    });
}

{
    const PROVIDER_URN = "urn:pulumi:test::s3-multiregion::pulumi:providers:aws::default_7_48_0";
    const provider = (region: string): PolicyInputResource => ({
        urn: PROVIDER_URN,
        type: "pulumi:providers:aws",
        name: "default_7_48_0",
        inputs: { region },
        id: "provider-id",
    });
    const routes = (region: string | undefined, extra: { provider?: string } = {}): PolicyInputResource =>
        res(
            aws.s3control.MultiRegionAccessPointRoutes,
            "mrap-routes",
            {
                mrap: MRAP_ARN,
                ...(region ? { region } : {}),
                routes: [{ bucket: names.dataTokyo, region: "ap-northeast-1", trafficDialPercentage: 100 }],
            },
            extra,
        );
    const osaka = routes("ap-northeast-3");
    const unpinned = routes(undefined);
    const viaProvider = routes(undefined, { provider: `${PROVIDER_URN}::provider-id` });
    const allowed = "us-east-1, us-west-2, ap-southeast-2, ap-northeast-1, eu-west-1";
    policyCases(mrapRoutesRegion, {
        pass: [
            { title: "pinned to ap-northeast-1", resources: [routes("ap-northeast-1")] },
            { title: "not pinned, provider in us-west-2", resources: [provider("us-west-2"), viaProvider] },
            {
                title: "pack config adds a region",
                resources: [osaka],
                options: { config: { "s3-mrap-routes-region": { routesRegions: ["ap-northeast-3"] } } },
            },
        ],
        fail: [
            {
                title: "pinned to Osaka (ap-northeast-3)",
                resources: [osaka],
                expect: [
                    violation(
                        mrapRoutesRegion,
                        osaka,
                        `The routes resource is managed in ap-northeast-3, where the MRAP routes API does not answer; use one of ${allowed}.`,
                    ),
                ],
            },
            {
                title: "not pinned, provider in ap-northeast-3",
                resources: [provider("ap-northeast-3"), viaProvider],
                expect: [
                    violation(
                        mrapRoutesRegion,
                        viaProvider,
                        `The routes resource is managed in ap-northeast-3 (its provider's region), where the MRAP routes API does not answer; use one of ${allowed}.`,
                    ),
                ],
            },
            {
                title: "no region anywhere",
                resources: [unpinned],
                expect: [
                    violation(mrapRoutesRegion, unpinned, `The routes resource pins no region; pin one of ${allowed}.`),
                ],
            },
        ],
    });
}

{
    const endpoint = (
        serviceName: string,
        vpcEndpointType?: string,
        privateDnsEnabled?: boolean,
    ): PolicyInputResource =>
        res(aws.ec2.VpcEndpoint, "endpoint", {
            vpcId: "vpc-1",
            serviceName,
            ...(vpcEndpointType ? { vpcEndpointType } : {}),
            ...(privateDnsEnabled !== undefined ? { privateDnsEnabled } : {}),
        });
    const defaulted = endpoint("com.amazonaws.s3-global.accesspoint");
    const gateway = endpoint("com.amazonaws.s3-global.accesspoint", "Gateway");
    const dnsOff = endpoint("com.amazonaws.s3-global.accesspoint", "Interface", false);
    const dnsDefault = endpoint("com.amazonaws.s3-global.accesspoint", "Interface");
    policyCases(mrapEndpointInterface, {
        pass: [
            {
                title: "MRAP endpoint of type Interface with private DNS on",
                resources: [endpoint("com.amazonaws.s3-global.accesspoint", "Interface", true)],
            },
            {
                title: "private DNS not known yet (preview)",
                resources: [
                    alter([dnsDefault], "endpoint", undefined, (i) => (i.privateDnsEnabled = UNKNOWN_SENTINEL))[0],
                ],
            },
            {
                title: "a regional S3 interface endpoint may keep private DNS off (endpoint-specific names)",
                resources: [endpoint("com.amazonaws.ap-northeast-1.s3", "Interface", false)],
            },
            {
                title: "regional S3 gateway endpoint is not an MRAP endpoint",
                resources: [endpoint("com.amazonaws.ap-northeast-1.s3", "Gateway")],
            },
        ],
        fail: [
            {
                title: "MRAP endpoint with the default type",
                resources: [defaulted],
                expect: [
                    violation(
                        mrapEndpointInterface,
                        defaulted,
                        "The endpoint for com.amazonaws.s3-global.accesspoint is of type Gateway (the default), not Interface.",
                    ),
                ],
            },
            {
                title: "MRAP endpoint declared Gateway",
                resources: [gateway],
                expect: [
                    violation(
                        mrapEndpointInterface,
                        gateway,
                        "The endpoint for com.amazonaws.s3-global.accesspoint is of type Gateway, not Interface.",
                    ),
                ],
            },
            {
                title: "MRAP interface endpoint with private DNS off",
                resources: [dnsOff],
                expect: [
                    violation(
                        mrapEndpointInterface,
                        dnsOff,
                        "The interface endpoint for com.amazonaws.s3-global.accesspoint has private DNS off, so MRAP names resolve to public addresses.",
                    ),
                ],
            },
            {
                title: "MRAP interface endpoint with private DNS left at its default",
                resources: [dnsDefault],
                expect: [
                    violation(
                        mrapEndpointInterface,
                        dnsDefault,
                        "The interface endpoint for com.amazonaws.s3-global.accesspoint has private DNS off (the default), so MRAP names resolve to public addresses.",
                    ),
                ],
            },
        ],
    });
}

{
    const tokyo = tokyoStack();
    const noMrapEndpoint = without(tokyo, "network-mrap-interface", T.vpcEndpoint);
    const gatewayOnly = [
        mrap(),
        res(aws.ec2.VpcEndpoint, "s3-gateway", {
            vpcId: "vpc-2",
            serviceName: "com.amazonaws.ap-northeast-1.s3",
            vpcEndpointType: "Gateway",
        }),
    ];
    policyCases(mrapVpcAccess, {
        pass: [
            { title: "tokyo: VPC has the MRAP interface endpoint", resources: tokyo },
            {
                title: "a VPC with endpoints of other services only (SSM) needs no MRAP endpoint",
                resources: [
                    ...tokyo,
                    raw(T.vpcEndpoint, "ssm", { vpcId: "vpc-2", serviceName: "com.amazonaws.ap-northeast-1.ssm" }),
                ],
            },
            {
                title: "VPC endpoints without an MRAP in the stack",
                resources: [
                    raw(T.vpcEndpoint, "s3", { vpcId: "vpc-2", serviceName: "com.amazonaws.ap-northeast-1.s3" }),
                ],
            },
        ],
        fail: [
            {
                title: "tokyo without its MRAP interface endpoint",
                resources: noMrapEndpoint,
                expect: [
                    violation(
                        mrapVpcAccess,
                        tokyo.find((r) => r.name === "network-s3-gateway"),
                        "VPC vpc-0a1b2c3d4e5f60718 has S3 endpoints but no Interface endpoint for com.amazonaws.s3-global.accesspoint.",
                    ),
                ],
            },
            {
                title: "MRAP and a VPC with only the S3 gateway endpoint",
                resources: gatewayOnly,
                expect: [
                    violation(
                        mrapVpcAccess,
                        gatewayOnly[1],
                        "VPC vpc-2 has S3 endpoints but no Interface endpoint for com.amazonaws.s3-global.accesspoint.",
                    ),
                ],
            },
        ],
    });
}
