// Which resources of a stack consume each output its StackReferences carried: the plan's cross-stack wiring section.
import { TYPES } from "./accessModel";
import { StackPlan } from "./evaluate";

export interface WiringEntry {
    /** The StackReference's logical name. */
    reference: string;
    fromStack: string;
    /** Every output the reference carried, with the resources of this stack whose inputs contain its value. */
    outputs: { name: string; usedBy: string[] }[];
}

/** Leaf string values of an output, however deep in lists and objects (an array's values are its items). */
function leaves(value: unknown, out: string[] = []): string[] {
    if (typeof value === "string") out.push(value);
    else if (value !== null && typeof value === "object") for (const v of Object.values(value)) leaves(v, out);
    return out;
}

function containsString(value: unknown, needle: string): boolean {
    if (typeof value === "string") return value.includes(needle);
    if (value !== null && typeof value === "object") return Object.values(value).some((v) => containsString(v, needle));
    return false;
}

/**
 * Which resources consume each peer output: a resource whose inputs contain the value. Short values
 * (role, region, account id) would match by accident, so only identifiers of 20+ characters count.
 */
export function wiringOf(plan: StackPlan, peers: Record<string, Record<string, unknown>>): WiringEntry[] {
    const consumers = plan.resources.filter((r) => r.type !== TYPES.stackReference && r.custom);
    return plan.wiring.map((w) => ({
        reference: w.reference,
        fromStack: w.fromStack,
        outputs: w.outputs.map((name) => {
            const values = leaves(peers[w.fromStack]?.[name]).filter((v) => v.length >= 20);
            const usedBy = consumers.filter((r) => values.some((v) => containsString(r.inputs, v))).map((r) => r.name);
            return { name, usedBy: [...new Set(usedBy)] };
        }),
    }));
}
