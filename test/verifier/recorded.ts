// A recorded resource as the mock runtime records it, for hand-made plans (access model, proofs, diagram).
import { RecordedResource } from "../../verifier/mockRuntime";

export function recorded(
    type: string,
    name: string,
    inputs: Record<string, unknown> = {},
    outputs: Record<string, unknown> = {},
    id?: string,
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
        ...(id === undefined ? {} : { id }),
    };
}
