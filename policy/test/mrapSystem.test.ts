// Passing and failing fixtures for the MRAP as a system: two regions, an active route, buckets that delegate to it.

import * as aws from "@pulumi/aws";

import { mrapBucketDelegation, mrapRegionsAndRoutes } from "../policies/mrapSystem";
import { PolicyInputResource } from "../runner";
import { T } from "../lib/types";
import { UNKNOWN_SENTINEL } from "../lib/values";
import { alter, json, policyCases, res, violation } from "./fixtures";
import { A, MRAP_ARN, delegateToAccessPoints, denyInsecureTransport, names, osakaStack, tokyoStack } from "./stacks";

const find = (stack: PolicyInputResource[], name: string, type: string): PolicyInputResource =>
    stack.find((r) => r.name === name && r.type === type) as PolicyInputResource;
type Route = { bucket: string; region: string; trafficDialPercentage: number };

{
    const tokyo = tokyoStack();
    const dialled = (dials: number[]): PolicyInputResource[] =>
        alter(tokyo, "mrap-routes", T.mrapRoutes, (i) =>
            (i.routes as Route[]).forEach((r, n) => (r.trafficDialPercentage = dials[n])),
        );
    const passive = dialled([0, 0]);
    const oneBucket = alter(tokyo, "mrap", T.mrap, (i) => (i.details.regions = [{ bucket: names.dataTokyo }]));
    // Two buckets, one region: the second bucket's name and route both say Tokyo.
    const sameRegion = alter(
        alter(
            tokyo,
            "mrap",
            T.mrap,
            (i) => (i.details.regions = [{ bucket: names.dataTokyo }, { bucket: "example-s3mr-extra-ap-northeast-1" }]),
        ),
        "mrap-routes",
        T.mrapRoutes,
        (i) => (i.routes = [{ bucket: names.dataTokyo, region: "ap-northeast-1", trafficDialPercentage: 100 }]),
    );
    // A routes resource of another program, naming the MRAP by ARN once the MRAP's ARN is known.
    const byArn = (dials: number[]): PolicyInputResource[] => [
        ...dialled(dials).map((r) => (r.type === T.mrap ? { ...r, outputs: { ...r.inputs, arn: MRAP_ARN } } : r)),
        res(aws.s3control.MultiRegionAccessPointRoutes, "other-routes", {
            mrap: "arn:aws:s3::111111111111:accesspoint/other.mrap",
            region: "us-west-2",
            routes: [{ bucket: "x", region: "us-east-1", trafficDialPercentage: 0 }],
        }),
    ];
    policyCases(mrapRegionsAndRoutes, {
        pass: [
            { title: "tokyo: two regions, both routes active", resources: tokyo },
            { title: "active-passive: one route at 100, the other at 0", resources: dialled([100, 0]) },
            { title: "routes of another MRAP (named by ARN) are not this MRAP's", resources: byArn([100, 100]) },
            {
                title: "no routes resource: routes set elsewhere are not judged",
                resources: tokyo.filter((r) => r.type !== T.mrapRoutes),
            },
            {
                title: "dials not known yet (preview)",
                resources: alter(tokyo, "mrap-routes", T.mrapRoutes, (i) => (i.routes = UNKNOWN_SENTINEL)),
            },
            {
                title: "a dial that is no number is not taken for a passive route",
                resources: alter(tokyo, "mrap-routes", T.mrapRoutes, (i) =>
                    (i.routes as Route[]).forEach((r) => (r.trafficDialPercentage = "off" as never)),
                ),
            },
            { title: "dials given as numeric text are read", resources: dialled(["0", "100"] as never) },
        ],
        fail: [
            {
                title: "every route at traffic dial 0",
                resources: passive,
                expect: [
                    violation(
                        mrapRegionsAndRoutes,
                        find(passive, "mrap-routes", T.mrapRoutes),
                        `Every route of MRAP mrap has traffic dial 0 (${names.dataTokyo}, ${names.dataOsaka}), so it routes no request.`,
                    ),
                ],
            },
            {
                title: "an MRAP over one bucket",
                resources: oneBucket,
                expect: [
                    violation(
                        mrapRegionsAndRoutes,
                        find(oneBucket, "mrap", T.mrap),
                        `MRAP mrap spans only '${names.dataTokyo}', so there is no region to fail over to.`,
                    ),
                ],
            },
            {
                title: "two buckets in one region",
                resources: sameRegion,
                expect: [
                    violation(
                        mrapRegionsAndRoutes,
                        find(sameRegion, "mrap", T.mrap),
                        "MRAP mrap spans buckets in ap-northeast-1 only, so there is no region to fail over to.",
                    ),
                ],
            },
        ],
    });
}

{
    // Both stacks name their data bucket "data": Osaka's resources are renamed so that the URNs of one system differ.
    const osaka = osakaStack().map((r) => ({
        ...r,
        name: `osaka-${r.name}`,
        urn: r.urn.replace(/::([^:]+)$/, "::osaka-$1"),
    }));
    const system = [...osaka, ...tokyoStack()];
    const policyOf = (bucket: string, statements: unknown[]) => (i: Record<string, unknown>) =>
        (i.policy = json({ Version: "2012-10-17", Statement: [denyInsecureTransport(bucket), ...statements] }));
    const editOsaka = (statements: unknown[]): PolicyInputResource[] =>
        system.map((r) => {
            if (r.type !== T.bucketPolicy || r.inputs["bucket"] !== names.dataOsaka) return r;
            const copy = structuredClone(r);
            policyOf(names.dataOsaka, statements)(copy.inputs);
            return copy;
        });
    const undelegated = editOsaka([]);
    const otherAccount = editOsaka([
        {
            ...delegateToAccessPoints(names.dataOsaka),
            Condition: { StringEquals: { "s3:DataAccessPointAccount": "999999999999" } },
        },
    ]);
    const readOnly = editOsaka([
        { ...delegateToAccessPoints(names.dataOsaka), Action: ["s3:GetObject", "s3:ListBucket"] },
    ]);
    const osakaPolicy = (stack: PolicyInputResource[]) =>
        stack.find((r) => r.type === T.bucketPolicy && r.inputs["bucket"] === names.dataOsaka) as PolicyInputResource;
    // The MRAP as another program declares it: no accountId input, its ARN (or nothing yet) in the outputs.
    const mrapWith = (stack: PolicyInputResource[], arn: string): PolicyInputResource[] =>
        stack.map((r) => {
            if (r.type !== T.mrap) return r;
            const inputs = { ...r.inputs };
            delete inputs["accountId"];
            return { ...r, inputs, outputs: { ...inputs, arn } };
        });
    const byArnOnly = mrapWith(undelegated, MRAP_ARN);
    // Before the MRAP exists its ARN is unknown: a pattern matching every ARN does not name its account.
    const anyAccessPoint = editOsaka([
        { ...delegateToAccessPoints(names.dataOsaka), Condition: { ArnLike: { "s3:DataAccessPointArn": "*" } } },
    ]);
    const message = `The policy of bucket '${names.dataOsaka}' (behind MRAP mrap) does not delegate to access points of account ${A}, so requests through the MRAP get AccessDenied.`;
    policyCases(mrapBucketDelegation, {
        pass: [
            { title: "osaka + tokyo: both data buckets delegate to account A's access points", resources: system },
            {
                title: "delegation by s3:DataAccessPointArn naming the MRAP, with the object actions listed",
                resources: editOsaka([
                    {
                        ...delegateToAccessPoints(names.dataOsaka),
                        Action: ["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
                        Condition: { ArnEquals: { "s3:DataAccessPointArn": MRAP_ARN } },
                    },
                ]),
            },
            {
                title: "delegation by an s3:DataAccessPointArn pattern that matches the MRAP's ARN",
                resources: mrapWith(
                    editOsaka([
                        {
                            ...delegateToAccessPoints(names.dataOsaka),
                            Condition: { ArnLike: { "s3:DataAccessPointArn": MRAP_ARN.replace(A, "*") } },
                        },
                    ]),
                    MRAP_ARN,
                ),
            },
            {
                title: "an MRAP whose account is not known yet (no accountId, ARN unknown)",
                resources: mrapWith(undelegated, UNKNOWN_SENTINEL),
            },
            {
                title: "a bucket of another stack is not judged here (tokyo alone)",
                resources: tokyoStack(),
            },
        ],
        fail: [
            {
                title: "Osaka's policy without the delegation",
                resources: undelegated,
                expect: [violation(mrapBucketDelegation, osakaPolicy(undelegated), message)],
            },
            {
                title: "Osaka's policy without the delegation, the MRAP's account read from its ARN",
                resources: byArnOnly,
                expect: [violation(mrapBucketDelegation, osakaPolicy(byArnOnly), message)],
            },
            {
                title: "delegation to any access point (s3:DataAccessPointArn *), the MRAP's ARN not known yet",
                resources: anyAccessPoint,
                expect: [violation(mrapBucketDelegation, osakaPolicy(anyAccessPoint), message)],
            },
            {
                title: "delegation to another account's access points",
                resources: otherAccount,
                expect: [violation(mrapBucketDelegation, osakaPolicy(otherAccount), message)],
            },
            {
                title: "delegation that does not allow uploads",
                resources: readOnly,
                expect: [violation(mrapBucketDelegation, osakaPolicy(readOnly), message)],
            },
        ],
    });
}
