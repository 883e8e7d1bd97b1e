// Cross-stack references the given exports cannot resolve: "cannot see X: it is not in the exports given" notes, never violations.

import { StackValidationPolicy } from "@pulumi/policy";

import { batchJobs, blocks, replicationSources } from "../lib/s3";
import { mrapsWithoutRoutes } from "../policies/mrapSystem";
import { SystemView } from "../lib/system";
import { T } from "../lib/types";
import { UNKNOWN, get, str } from "../lib/values";

/**
 * Run by the CLI beside the pack (it is not one of the pack's policies): every bucket and role that a
 * replication configuration, a Batch Operations job or an MRAP names must be in the exports for the checks
 * that relate them to run. When one is not, the check is skipped and this says so.
 */
export const cannotSee: StackValidationPolicy = {
    name: "cannot-see",
    description:
        "A resource another resource names is not in the exports given, so the checks relating them did not run.",
    enforcementLevel: "advisory",
    validateStack: (args, report) => {
        const system = new SystemView(args);
        const view = system.stack;
        const said = new Set<string>();
        const note = (what: string, why: string, urn: string): void => {
            const message = `cannot see ${what} (${why}): it is not in the exports given; add its stack's export with --export to check it`;
            if (!said.has(urn + message)) report(message, urn);
            said.add(urn + message);
        };
        const bucket = (name: unknown, why: string, urn: string): void => {
            if (typeof name === "string" && system.bucket(name) === undefined) note(`bucket '${name}'`, why, urn);
        };
        const role = (arn: unknown, why: string, urn: string): void => {
            if (typeof arn === "string" && system.role(arn) === undefined) note(`role ${arn}`, why, urn);
        };
        for (const src of replicationSources(view)) {
            bucket(src.source, "source of this replication configuration", src.resource.urn);
            role(src.role, "its replication role", src.resource.urn);
            for (const rule of src.rules)
                bucket(rule.destinationBucket, `destination of ${rule.label}`, src.resource.urn);
        }
        for (const job of batchJobs(view)) {
            role(job.roleArn, "the role this Batch Operations job runs as", job.resource.urn);
            if (job.reportEnabled === true) bucket(job.reportBucket, "this job's report bucket", job.resource.urn);
        }
        for (const mrap of view.ofType(T.mrap)) {
            const regions = blocks(get(mrap.props, "details", "regions"));
            if (regions === UNKNOWN) continue;
            for (const r of regions) bucket(str(r["bucket"]), "a bucket of this Multi-Region Access Point", mrap.urn);
        }
        for (const mrap of mrapsWithoutRoutes(view))
            note(
                `the routes of MRAP ${mrap.name}`,
                "whether at least one route is active; routes set in the console or by another program are not checked",
                mrap.urn,
            );
    },
};
