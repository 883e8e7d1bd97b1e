// The S3 and MRAP interface endpoints of a stack with their security groups, however declared (VpcEndpoint, awsx vpcEndpointSpecs).

import { isS3ServiceName } from "./s3";
import type { StackResource, StackView } from "./stack";
import { T } from "./types";
import { PlainObject, UNKNOWN, bool, get, isObject, list, str, strings } from "./values";

export interface InterfaceEndpoint {
    /** The resource to report on: the endpoint, or the awsx VPC whose `vpcEndpointSpecs` declares it. */
    resource: StackResource;
    /** How a message names it: the endpoint's name, or `<vpc> vpcEndpointSpecs[i]`. */
    label: string;
    service: string;
    groups: string[];
    /** True when some of its security groups are not known yet. */
    unknown: boolean;
    /** A SecurityGroupAssociation with replaceDefaultAssociation took the VPC's default group off the endpoint. */
    replacesDefault: boolean;
}

/**
 * The S3 interface endpoints of the stack with their security groups. An `awsx.ec2.Vpc` creates the endpoints of its
 * `vpcEndpointSpecs` as child VpcEndpoint resources: a deployed stack's export holds them (and they are read like any
 * other), but a preview or the mocks have only the component, so its specs are read when it has no endpoint children.
 */
export function s3InterfaceEndpoints(view: StackView): InterfaceEndpoint[] {
    const out: InterfaceEndpoint[] = [];
    for (const ep of view.ofType(T.vpcEndpoint)) {
        const service = str(ep.props["serviceName"]);
        if (
            typeof service !== "string" ||
            !isS3ServiceName(service) ||
            str(ep.props["vpcEndpointType"]) !== "Interface"
        )
            continue;
        const own = strings(ep.props["securityGroupIds"]);
        const groups = [...own.values];
        let unknown = own.unknown;
        let replacesDefault = false;
        const id = str(ep.props["id"]);
        for (const assoc of view.ofType(T.securityGroupAssociation)) {
            const target = str(assoc.props["vpcEndpointId"]);
            const sg = str(assoc.props["securityGroupId"]);
            if (target === UNKNOWN) unknown = true;
            if (typeof id !== "string" || target !== id) continue;
            if (sg === UNKNOWN) unknown = true;
            else if (sg !== undefined && !groups.includes(sg)) groups.push(sg);
            if (bool(assoc.props["replaceDefaultAssociation"]) === true) replacesDefault = true;
        }
        out.push({ resource: ep, label: ep.name, service, groups, unknown, replacesDefault });
    }
    for (const vpc of view.ofType(T.awsxVpc)) {
        if (view.ofType(T.vpcEndpoint).some((ep) => ep.parent === vpc.urn)) continue;
        const specs = list(vpc.props["vpcEndpointSpecs"]);
        if (specs === UNKNOWN || specs === undefined) continue;
        specs.forEach((spec, i) => {
            if (!isObject(spec)) return;
            const service = str(spec["serviceName"]);
            // awsx, like the provider, defaults vpcEndpointType to Gateway.
            if (
                typeof service !== "string" ||
                !isS3ServiceName(service) ||
                str(spec["vpcEndpointType"]) !== "Interface"
            )
                return;
            const groups = strings((spec as PlainObject)["securityGroupIds"]);
            // A group may be added to the child endpoint later by a SecurityGroupAssociation; its target is the
            // child's id, which a preview does not know: then nothing can be said about this endpoint yet.
            const associated = view
                .ofType(T.securityGroupAssociation)
                .some((a) => str(a.props["vpcEndpointId"]) === UNKNOWN);
            out.push({
                resource: vpc,
                label: `${vpc.name} vpcEndpointSpecs[${i}]`,
                service,
                groups: groups.values,
                unknown: groups.unknown || associated,
                replacesDefault: false,
            });
        });
    }
    return out;
}

/** Where a security group is attached besides S3 interface endpoints: each resource that lists it, by URN. */
export function otherUsersOf(view: StackView, group: string, endpoints: InterfaceEndpoint[]): StackResource[] {
    const endpointUrns = new Set(endpoints.map((e) => e.resource.urn));
    return view.resources.filter((r) => {
        // A SecurityGroupAssociation (`securityGroupId`) or an awsx VPC (its specs) lists no group under the keys below.
        // Stryker disable next-line ConditionalExpression: the endpoints given are S3 VpcEndpoints (passed over below) or awsx VPCs
        if (endpointUrns.has(r.urn)) return false;
        // Another S3 endpoint of the VPC is no other user (a gateway endpoint's groups are not even applied).
        const service = str(r.props["serviceName"]);
        if (r.type === T.vpcEndpoint && typeof service === "string" && isS3ServiceName(service)) return false;
        for (const key of ["securityGroupIds", "vpcSecurityGroupIds", "securityGroups"]) {
            if (strings(r.props[key]).values.includes(group)) return true;
        }
        // Lambda functions and other services keep their groups one level down (vpcConfig.securityGroupIds).
        return strings(get(r.props, "vpcConfig", "securityGroupIds")).values.includes(group);
    });
}
