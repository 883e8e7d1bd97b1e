// Adapters from CrossGuard's validation callbacks to checks over plain property snapshots (see values.ts).

import { ReportViolation, ResourceValidation, ResourceValidationArgs } from "@pulumi/policy";

import { PlainObject, plainObject } from "./values";

/** One resource as a resource policy sees it: its inputs, with unknowns made explicit. */
export interface ResourceView {
    type: string;
    urn: string;
    name: string;
    props: PlainObject;
    /** The properties of the resource's provider (e.g. `region`, `allowedAccountIds`), when the engine sends them. */
    providerProps?: PlainObject;
}

/**
 * A resource validation for the given type tokens. Other types are reported not applicable, as
 * `validateResourceOfType` does; unlike it, several tokens can share one check (v7 keeps `...V2`
 * aliases of several S3 resources) and the check reads a plain snapshot instead of the throwing proxy.
 */
export function forTypes(
    types: readonly string[],
    check: (resource: ResourceView, report: ReportViolation, args: ResourceValidationArgs) => void | Promise<void>,
): ResourceValidation {
    return (args, report) => {
        if (!types.includes(args.type)) {
            args.notApplicable(`Policy only applies to resources of type ${types.map((t) => `'${t}'`).join(", ")}`);
        }
        const view: ResourceView = { type: args.type, urn: args.urn, name: args.name, props: plainObject(args.props) };
        if (args.provider) view.providerProps = plainObject(args.provider.props);
        return check(view, report, args);
    };
}
