// Several `pulumi stack export` documents read as one system, with notes on what could not be read (encrypted secrets, duplicates).

import { SECRET_SIG, SIG_KEY } from "./policySdk";
import { StackExportError, resourcesFromStackExport } from "./stackExport";
import { PolicyInputResource } from "./types";

/** One export given on the command line: its name as the user wrote it, and its parsed JSON. */
export interface ExportFile {
    file: string;
    doc: unknown;
}

/** Something the run could not check, said once, on the resource concerned (empty URN: the run as a whole). */
export interface Note {
    urn: string;
    message: string;
}

export interface SystemResources {
    resources: PolicyInputResource[];
    notes: Note[];
}

/** An export that cannot be read: the message names the file. */
export class ExportFileError extends StackExportError {
    constructor(
        readonly file: string,
        message: string,
        options?: { cause?: unknown },
    ) {
        super(`${file}: ${message}`);
        if (options?.cause !== undefined) this.cause = options.cause;
    }
}

/** Paths (`inputs.policy`, `outputs.rules[0]...`) of encrypted secrets whose plaintext the export does not carry. */
export function encryptedSecretPaths(value: unknown, at: string): string[] {
    if (Array.isArray(value)) return value.flatMap((v, i) => encryptedSecretPaths(v, `${at}[${i}]`));
    if (typeof value !== "object" || value === null) return [];
    const o = value as Record<string, unknown>;
    if (o[SIG_KEY] === SECRET_SIG) return "plaintext" in o || "value" in o ? [] : [at];
    return Object.entries(o).flatMap(([k, v]) => encryptedSecretPaths(v, at === "" ? k : `${at}.${k}`));
}

/**
 * The resources of all exports, as one system: stack policies then see the relations between stacks
 * (a replication configuration in the hub naming a bucket of the destination account). A resource given
 * twice (the same stack exported twice) is evaluated once. Throws ExportFileError naming the file.
 */
export function resourcesFromStackExports(files: ExportFile[]): SystemResources {
    const resources: PolicyInputResource[] = [];
    const notes: Note[] = [];
    const seen = new Map<string, string>();
    for (const { file, doc } of files) {
        let list: PolicyInputResource[];
        try {
            list = resourcesFromStackExport(doc);
        } catch (e) {
            if (e instanceof StackExportError) throw new ExportFileError(file, e.message, { cause: e });
            throw e;
        }
        for (const r of list) {
            const first = seen.get(r.urn);
            if (first !== undefined) {
                if (first !== file)
                    notes.push({ urn: r.urn, message: `also in ${first}; evaluated once, from ${first}` });
                continue;
            }
            seen.set(r.urn, file);
            resources.push(r);
            const secrets = [
                ...encryptedSecretPaths(r.inputs, "inputs"),
                ...encryptedSecretPaths(r.outputs, "outputs"),
            ];
            if (secrets.length > 0) {
                notes.push({
                    urn: r.urn,
                    message:
                        `encrypted secret value(s) at ${secrets.join(", ")} were skipped: checks that read them did not run ` +
                        "(export with `pulumi stack export --show-secrets` to check them)",
                });
            }
        }
    }
    return { resources, notes };
}
