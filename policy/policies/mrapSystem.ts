// The MRAP as a system: at least two buckets in two regions, one active route, and buckets that delegate to access points.

import { StackValidationPolicy } from "@pulumi/policy";

import { Statement, accountOf, appliesToAction, appliesToResource, globMatch, isAllow } from "../lib/iamDocument";
import { bucketRegion, mrapBuckets } from "../lib/mesh";
import { blocks } from "../lib/s3";
import { StackResource, StackView, bucketRef } from "../lib/stack";
import { SystemView } from "../lib/system";
import { T } from "../lib/types";
import { UNKNOWN, Unknown, str } from "../lib/values";

/** The routes resources that configure an MRAP: those naming its ARN, or the only one when the stack has one MRAP. */
export function routesOf(view: StackView, mrap: StackResource): StackResource[] {
    const all = view.ofType(T.mrapRoutes);
    const arn = str(mrap.props["arn"]);
    if (typeof arn === "string") return all.filter((r) => str(r.props["mrap"]) === arn);
    // Before the MRAP exists its ARN is unknown (a preview, mocks): with one MRAP every routes resource is its own.
    return view.ofType(T.mrap).length === 1 ? all : [];
}

/** Traffic dials of a routes resource by bucket; UNKNOWN when the list or a dial is not known yet (or not a number). */
function dials(routes: StackResource): { bucket: string; dial: number }[] | Unknown {
    const list = blocks(routes.props["routes"]);
    if (list === UNKNOWN) return UNKNOWN;
    const out: { bucket: string; dial: number }[] = [];
    for (const route of list) {
        const bucket = bucketRef(route["bucket"]);
        const dial = route["trafficDialPercentage"];
        const n = typeof dial === "number" ? dial : typeof dial === "string" ? Number(dial) : NaN;
        // A dial that is no number is refused by the provider's schema, not taken for a passive route here.
        if (bucket === UNKNOWN || dial === UNKNOWN || Number.isNaN(n)) return UNKNOWN;
        out.push({ bucket: bucket ?? "(unnamed)", dial: n });
    }
    return out;
}

export const mrapRegionsAndRoutes: StackValidationPolicy = {
    name: "s3-mrap-regions-and-routes",
    description:
        "A Multi-Region Access Point spans at least two buckets in at least two regions, and when its routes are declared " +
        "(aws.s3control.MultiRegionAccessPointRoutes) at least one route has a traffic dial above 0. With one bucket or one " +
        "region there is nothing to fail over to, so a regional outage stops every upload; with every dial at 0 the MRAP " +
        "routes no request at all and every call through it fails. Routes set outside the program (console, CLI) cannot be " +
        "seen and are not judged. Mandatory: uploads stop either at once or at the first regional outage. " +
        "Fix: list one bucket per region (two regions or more) in details.regions, and keep trafficDialPercentage 100 on at " +
        "least one route (active-passive: 100 on the active region, 0 on the others).",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const view = new StackView(args);
        const meshes = mrapBuckets(view);
        if (meshes.length === 0) args.notApplicable("No Multi-Region Access Point in this stack");
        for (const { mrap, buckets, unknown } of meshes) {
            if (!unknown) {
                const regions = buckets.map((b) => bucketRegion(view, b));
                const known = [...new Set(regions.filter((r): r is string => typeof r === "string"))];
                if (buckets.length < 2)
                    report(
                        `MRAP ${mrap.name} spans ${buckets.length === 0 ? "no bucket" : `only '${buckets[0]}'`}, so there is no region to fail over to.`,
                        mrap.urn,
                    );
                else if (known.length < 2 && regions.every((r) => typeof r === "string"))
                    report(
                        `MRAP ${mrap.name} spans buckets in ${known[0]} only, so there is no region to fail over to.`,
                        mrap.urn,
                    );
            }
            for (const routes of routesOf(view, mrap)) {
                const d = dials(routes);
                if (d === UNKNOWN || d.length === 0 || d.some((x) => x.dial > 0)) continue;
                report(
                    `Every route of MRAP ${mrap.name} has traffic dial 0 (${d.map((x) => x.bucket).join(", ")}), so it routes no request.`,
                    routes.urn,
                );
            }
        }
    },
};

/** Whether a bucket-policy statement lets requests through access points of `account` (or the MRAP `arn`) reach the bucket. */
export function delegatesToAccessPoints(st: Statement, bucket: string, account: string, mrapArn?: string): boolean {
    if (!isAllow(st)) return false;
    const objects = `arn:aws:s3:::${bucket}/object-key`;
    if (!appliesToAction(st, "s3:GetObject") || !appliesToAction(st, "s3:PutObject")) return false;
    if (!appliesToResource(st, objects)) return false;
    // An unconditioned Allow to everyone lets access point requests through too: it is public, which
    // s3-policy-no-public-principal refuses, so it is not also reported here as a missing delegation.
    if (st.principal?.star && st.conditions.length === 0) return true;
    return st.conditions.some((c) => {
        if (c.setOperator || !["StringEquals", "StringLike", "ArnEquals", "ArnLike"].includes(c.operator)) return false;
        if (c.key === "s3:dataaccesspointaccount") return c.values.includes(account);
        if (c.key === "s3:dataaccesspointarn")
            return c.values.some((v) => (mrapArn !== undefined && globMatch(v, mrapArn)) || accountOf(v) === account);
        return false;
    });
}

export const mrapBucketDelegation: StackValidationPolicy = {
    name: "s3-mrap-bucket-delegation",
    description:
        "The bucket policy of every bucket behind a Multi-Region Access Point delegates access to the MRAP's account's access " +
        "points: an Allow of the object actions (s3:GetObject and s3:PutObject at least) on the bucket's objects with a " +
        "StringEquals s3:DataAccessPointAccount (or s3:DataAccessPointArn) condition naming that account. A request through " +
        "an MRAP must be allowed by the bucket policy too; without the delegation every upload and download through the MRAP " +
        "gets AccessDenied, although the MRAP policy and the caller's role allow it (the MRAP field report's missing step). " +
        "Buckets without any policy are left to s3-bucket-single-policy. Mandatory: the MRAP cannot be used at all. " +
        'Fix: add {Effect: Allow, Principal: {AWS: "*"}, Action: "s3:*", Resource: [bucket ARN, bucket ARN + "/*"], Condition: ' +
        '{StringEquals: {"s3:DataAccessPointAccount": "<MRAP account>"}}} to the bucket\'s one policy.',
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const system = new SystemView(args);
        const meshes = mrapBuckets(system.stack);
        if (meshes.length === 0) args.notApplicable("No Multi-Region Access Point in this stack");
        for (const { mrap, buckets } of meshes) {
            const arn = str(mrap.props["arn"]);
            const account = str(mrap.props["accountId"]) ?? (typeof arn === "string" ? accountOf(arn) : undefined);
            if (typeof account !== "string") continue;
            for (const name of buckets) {
                const bucket = system.bucket(name);
                if (!bucket || bucket.policies.length === 0) continue;
                const docs = bucket.policies.map((p) => p.document);
                if (docs.some((d) => d === UNKNOWN || d === undefined || !d.ok)) continue;
                const delegates = docs.some(
                    (d) =>
                        // Stryker disable next-line ConditionalExpression: the documents that are not known were skipped above
                        d !== UNKNOWN &&
                        d?.ok === true &&
                        d.statements.some((st) =>
                            delegatesToAccessPoints(st, name, account, typeof arn === "string" ? arn : undefined),
                        ),
                );
                if (!delegates)
                    report(
                        `The policy of bucket '${name}' (behind MRAP ${mrap.name}) does not delegate to access points of account ${account}, so requests through the MRAP get AccessDenied.`,
                        bucket.policies[0].resource.urn,
                    );
            }
        }
    },
};

export const mrapSystemPolicies = [mrapRegionsAndRoutes, mrapBucketDelegation];

/** MRAPs whose routes no resource of the exports declares (read for the "cannot see" notes). */
export function mrapsWithoutRoutes(view: StackView): StackResource[] {
    return view.ofType(T.mrap).filter((m) => routesOf(view, m).length === 0);
}
