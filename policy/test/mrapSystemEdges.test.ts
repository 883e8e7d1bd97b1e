// The MRAP as a system at its edges: buckets and policies not known yet, empty lists, set operators in the delegation.

import * as aws from "@pulumi/aws";

import { T } from "../lib/types";
import { UNKNOWN_SENTINEL } from "../lib/values";
import { mrapBucketDelegation, mrapRegionsAndRoutes } from "../policies/mrapSystem";
import { PolicyInputResource } from "../runner";
import { alter, json, policyCases, res, violation } from "./fixtures";
import { A, delegateToAccessPoints, denyInsecureTransport, names, osakaStack, tokyoStack } from "./stacks";

const find = (stack: PolicyInputResource[], type: string): PolicyInputResource =>
    stack.find((r) => r.type === type) as PolicyInputResource;

{
    const tokyo = tokyoStack();
    const regions = (list: unknown[]): PolicyInputResource[] =>
        alter(tokyo, "mrap", T.mrap, (i) => (i.details.regions = list));
    const none = regions([]);
    const textDials = alter(tokyo, "mrap-routes", T.mrapRoutes, (i) =>
        (i.routes as { trafficDialPercentage: unknown }[]).forEach((r) => (r.trafficDialPercentage = "0")),
    );
    // A second MRAP whose ARN is not known yet: a routes resource cannot be told to belong to either.
    const twoMraps = [
        ...textDials,
        res(aws.s3control.MultiRegionAccessPoint, "mrap-2", {
            details: {
                name: "example-s3mr-mrap-2",
                regions: [{ bucket: names.dataTokyo }, { bucket: names.dataOsaka }],
            },
        }),
    ];
    policyCases(mrapRegionsAndRoutes, {
        pass: [
            {
                // The second bucket may be in another region: judged once it is known.
                title: "an MRAP whose second bucket is not known yet",
                resources: regions([{ bucket: names.dataTokyo }, { bucket: UNKNOWN_SENTINEL }]),
            },
            { title: "two MRAPs whose ARNs are not known yet, and one routes resource", resources: twoMraps },
            {
                title: "a routes resource with no route",
                resources: alter(tokyo, "mrap-routes", T.mrapRoutes, (i) => (i.routes = [])),
            },
        ],
        fail: [
            {
                title: "every dial 0, given as numeric text",
                resources: textDials,
                expect: [
                    violation(
                        mrapRegionsAndRoutes,
                        find(textDials, T.mrapRoutes),
                        `Every route of MRAP mrap has traffic dial 0 (${names.dataTokyo}, ${names.dataOsaka}), so it routes no request.`,
                    ),
                ],
            },
            {
                title: "an MRAP over no bucket",
                resources: none,
                expect: [
                    violation(
                        mrapRegionsAndRoutes,
                        find(none, T.mrap),
                        "MRAP mrap spans no bucket, so there is no region to fail over to.",
                    ),
                ],
            },
        ],
    });
}

{
    // Osaka's resources renamed so that the URNs of one system differ from Tokyo's.
    const system = [
        ...osakaStack().map((r) => ({ ...r, name: `osaka-${r.name}`, urn: r.urn.replace(/::([^:]+)$/, "::osaka-$1") })),
        ...tokyoStack(),
    ];
    const isOsakaPolicy = (r: PolicyInputResource): boolean =>
        r.type === T.bucketPolicy && r.inputs["bucket"] === names.dataOsaka;
    const osakaPolicy = (policy: string): PolicyInputResource[] =>
        system.map((r) => (isOsakaPolicy(r) ? { ...r, inputs: { ...r.inputs, policy } } : r));
    const osakaStatements = (statements: unknown[]): PolicyInputResource[] =>
        osakaPolicy(
            json({ Version: "2012-10-17", Statement: [denyInsecureTransport(names.dataOsaka), ...statements] }),
        );
    const anyValue = osakaStatements([
        {
            ...delegateToAccessPoints(names.dataOsaka),
            Condition: { "ForAnyValue:StringEquals": { "s3:DataAccessPointAccount": A } },
        },
    ]);
    // A second policy resource on Osaka's bucket that does not parse, next to one without the delegation.
    const secondBroken = [
        ...osakaStatements([]),
        res(aws.s3.BucketPolicy, "osaka-second-policy", { bucket: names.dataOsaka, policy: "{" }),
    ];
    policyCases(mrapBucketDelegation, {
        pass: [
            {
                title: "a bucket behind the MRAP with no policy at all",
                resources: system.filter((r) => !isOsakaPolicy(r)),
            },
            { title: "Osaka's policy not known yet", resources: osakaPolicy(UNKNOWN_SENTINEL) },
            { title: "Osaka's policy does not parse", resources: osakaPolicy("{") },
            { title: "one of Osaka's two policies does not parse", resources: secondBroken },
        ],
        fail: [
            {
                // s3:DataAccessPointAccount is single-valued: a set operator is not the delegation AWS documents.
                title: "delegation under ForAnyValue:StringEquals",
                resources: anyValue,
                expect: [
                    violation(
                        mrapBucketDelegation,
                        anyValue.find(isOsakaPolicy),
                        `The policy of bucket '${names.dataOsaka}' (behind MRAP mrap) does not delegate to access points of account ${A}, so requests through the MRAP get AccessDenied.`,
                    ),
                ],
            },
        ],
    });
}
