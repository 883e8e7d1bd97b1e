// A recorded resource as the mock runtime records it, for hand-made plans (access model, proofs, plan parts, diagram).
import { RecordedResource } from "../../verifier/mockRuntime";

/** `more` sets what a test needs beyond the defaults: an id, dependencies, a URN in another stack (`inStack`). */
export function recorded(
    type: string,
    name: string,
    inputs: Record<string, unknown> = {},
    outputs: Record<string, unknown> = {},
    more: Partial<RecordedResource> = {},
): RecordedResource {
    return {
        urn: `urn:pulumi:s::p::${type}::${name}`,
        type,
        name,
        custom: true,
        dependencies: [],
        protect: false,
        retainOnDelete: false,
        inputs,
        outputs,
        ...more,
    };
}

/** A resource of this project's stack `stack`, with the URN the engine would give it. */
export function inStack(
    stack: string,
    type: string,
    name: string,
    inputs: Record<string, unknown> = {},
    outputs: Record<string, unknown> = {},
): RecordedResource {
    return recorded(type, name, inputs, outputs, { urn: `urn:pulumi:${stack}::s3-multiregion::${type}::${name}` });
}
