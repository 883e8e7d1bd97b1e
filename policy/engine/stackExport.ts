// Reads a `pulumi stack export` document (deployment versions 1 to 3) into the resources the runner evaluates.

import { PolicyInputResource } from "./types";

/** The input is not a `pulumi stack export` document. */
export class StackExportError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "StackExportError";
    }
}

function isRecord(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * The resources of a `pulumi stack export` document (deployment versions 1 to 3). Resources pending
 * deletion are left out, as the engine leaves them out of stack analysis. Throws StackExportError.
 */
export function resourcesFromStackExport(doc: unknown): PolicyInputResource[] {
    if (!isRecord(doc)) throw new StackExportError("not a stack export: the document is not a JSON object");
    if (doc["version"] !== undefined && ![1, 2, 3].includes(doc["version"] as number)) {
        throw new StackExportError(
            `not a stack export: unsupported version ${JSON.stringify(doc["version"])} (expected 3)`,
        );
    }
    const deployment = doc["deployment"];
    if (!isRecord(deployment)) throw new StackExportError('not a stack export: no "deployment" object');
    const list = deployment["resources"] ?? [];
    if (!Array.isArray(list)) throw new StackExportError("not a stack export: deployment.resources is not an array");
    const out: PolicyInputResource[] = [];
    list.forEach((r: unknown, i: number) => {
        if (!isRecord(r) || typeof r["urn"] !== "string" || typeof r["type"] !== "string") {
            throw new StackExportError(`not a stack export: deployment.resources[${i}] has no urn and type`);
        }
        if (r["delete"] === true) return;
        const urn = r["urn"];
        const resource: PolicyInputResource = {
            urn,
            type: r["type"],
            name: urn.slice(urn.lastIndexOf("::") + 2),
            inputs: isRecord(r["inputs"]) ? r["inputs"] : {},
            outputs: isRecord(r["outputs"]) ? r["outputs"] : {},
        };
        if (typeof r["id"] === "string" && r["id"] !== "") resource.id = r["id"];
        if (typeof r["parent"] === "string") resource.parent = r["parent"];
        if (typeof r["provider"] === "string") resource.provider = r["provider"];
        if (Array.isArray(r["dependencies"]))
            resource.dependencies = r["dependencies"].filter((d): d is string => typeof d === "string");
        if (r["protect"] === true) resource.protect = true;
        out.push(resource);
    });
    return out;
}
