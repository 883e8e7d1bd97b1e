// `npm run policy -- --export FILE [--export FILE ...] [--json]`: evaluates the pack on stack exports, as one system, without the Pulumi CLI or a cloud.

import * as fs from "node:fs";
import * as path from "node:path";

import { ExportFile, ExportFileError, Note, resourcesFromStackExports } from "./engine/exports";
import { cannotSee } from "./engine/visibility";
import { packArgs, packName } from "./pack";

/** The pack's policy names, as `--config` keys must spell them. */
function policyNames(): string[] {
    return packArgs.policies.map((p) => p.name).sort();
}
import {
    PolicyConfigError,
    PolicyViolation,
    StackExportError,
    evaluatePolicyPack,
    hasMandatoryViolation,
} from "./runner";

export const USAGE =
    "usage: npm run policy -- --export FILE [--export FILE ...] [--json] [--config FILE]" +
    "   (FILE: `pulumi stack export` output, - for stdin; several exports are evaluated as one system)";

export interface CliIo {
    stdout(text: string): void;
    stderr(text: string): void;
    /** Reads a file (or stdin for "-"); throws like fs.readFileSync. */
    readFile(file: string): string;
    /** Directory relative paths are resolved from (npm runs scripts from the package root, and keeps the caller's in INIT_CWD). */
    cwd: string;
}

const processIo: CliIo = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readFile: (f) => fs.readFileSync(f === "-" ? 0 : f, "utf8"),
    cwd: process.env["INIT_CWD"] ?? process.cwd(),
};

interface Args {
    exports: string[];
    config?: string;
    json: boolean;
    help: boolean;
}

function parseArgs(argv: string[]): Args | string {
    const args: Args = { exports: [], json: false, help: false };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        const [flag, inline] =
            a.startsWith("--") && a.includes("=")
                ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)]
                : [a, undefined];
        if (flag === "--help" || flag === "-h") args.help = true;
        else if (flag === "--json") args.json = true;
        else if (flag === "--export" || flag === "--config") {
            const value = inline ?? argv[++i];
            if (value === undefined || value === "") return `${flag} needs a file`;
            if (flag === "--export") args.exports.push(value);
            else args.config = value;
        } else return `unknown argument '${a}'`;
    }
    return args;
}

/** The text after "Fix:" in a policy's description: what to do about a violation. */
function fixOf(policy: string): string | undefined {
    const description = packArgs.policies.find((p) => p.name === policy)?.description;
    const at = description?.indexOf("Fix: ") ?? -1;
    return description !== undefined && at >= 0 ? description.slice(at + 5) : undefined;
}

function readJson(io: CliIo, file: string, what: string): unknown {
    const shown = file === "-" ? "stdin" : file;
    let text: string;
    try {
        text = io.readFile(file === "-" ? file : path.resolve(io.cwd, file));
    } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new InputError(
            `cannot read ${what} ${shown}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (e as Error).message}`,
        );
    }
    try {
        return JSON.parse(text);
    } catch (e) {
        throw new InputError(`${what} ${shown} is not JSON: ${(e as Error).message}`);
    }
}

class InputError extends Error {}

/** One line, never a stack trace, whatever was thrown. */
function firstLine(e: unknown): string {
    return (e instanceof Error ? e.message : String(e)).split("\n")[0];
}

function notesText(notes: Note[]): string[] {
    if (notes.length === 0) return [];
    return ["", "Not checked:", ...notes.map((n) => `  ${n.urn || "(stack)"}\n      ${n.message}`)];
}

function textReport(file: string, count: number, violations: PolicyViolation[], notes: Note[]): string {
    const lines = [`Policy pack ${packName} on ${file} (${count} resources)`];
    if (violations.length === 0) return `${[`${lines[0]}: no violations.`, ...notesText(notes)].join("\n")}\n`;
    for (const v of violations) {
        lines.push(`  [${v.enforcementLevel}] ${v.policy}  ${v.urn || "(stack)"}`, `      ${v.message}`);
    }
    const policies = [...new Set(violations.map((v) => v.policy))];
    lines.push("", "How to fix:");
    for (const p of policies) lines.push(`  ${p}: ${fixOf(p) ?? "see the policy's description"}`);
    const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory").length;
    lines.push("", `${mandatory} mandatory, ${violations.length - mandatory} advisory violation(s).`);
    lines.push(...notesText(notes));
    return lines.join("\n") + "\n";
}

/** Runs the command; returns the exit status: 0 clean or advisory only, 1 mandatory violation, 2 unusable input. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
    const args = parseArgs(argv);
    if (typeof args === "string") {
        io.stderr(`policy: ${args}\n${USAGE}\n`);
        return 2;
    }
    if (args.help) {
        io.stdout(`${USAGE}\n`);
        return 0;
    }
    if (args.exports.length === 0) {
        io.stderr(`policy: --export FILE is required\n${USAGE}\n`);
        return 2;
    }
    const shown = args.exports.map((f) => (f === "-" ? "stdin" : f)).join(", ");
    try {
        const files: ExportFile[] = args.exports.map((file) => ({ file, doc: readJson(io, file, "stack export") }));
        const { resources, notes } = resourcesFromStackExports(files);
        const config = args.config === undefined ? undefined : readJson(io, args.config, "policy config");
        if (config !== undefined && (typeof config !== "object" || config === null || Array.isArray(config))) {
            throw new InputError(`policy config ${args.config} is not a JSON object`);
        }
        // The engine ignores config for policies the pack does not have; here a misspelt name is refused.
        const unknown = Object.keys(config ?? {}).filter((k) => k !== "all" && !policyNames().includes(k));
        if (unknown.length > 0) {
            throw new InputError(
                `policy config ${args.config}: no policy named ${unknown.join(", ")}; allowed: "all" or one of the ` +
                    `${policyNames().length} policies (${policyNames().join(", ")}), each set to a level ` +
                    `(advisory, mandatory, remediate, disabled) or an object`,
            );
        }
        const { violations } = await evaluatePolicyPack(resources, {
            config: config as Record<string, unknown> | undefined,
        });
        // With several exports, say which cross-stack relations could not be checked for want of the other side.
        if (files.length > 1) {
            const unseen = await evaluatePolicyPack(resources, { policies: [cannotSee] });
            notes.push(...unseen.violations.map((v) => ({ urn: v.urn, message: v.message })));
        }
        if (args.json) {
            io.stdout(`${JSON.stringify(violations, null, 2)}\n`);
            for (const n of notes) io.stderr(`policy: note: ${n.urn || "(stack)"}: ${n.message}\n`);
        } else io.stdout(textReport(shown, resources.length, violations, notes));
        return hasMandatoryViolation(violations) ? 1 : 0;
    } catch (e) {
        if (e instanceof InputError || e instanceof PolicyConfigError) io.stderr(`policy: ${e.message}\n`);
        else if (e instanceof ExportFileError) io.stderr(`policy: ${e.message}\n`);
        else if (e instanceof StackExportError) io.stderr(`policy: ${shown}: ${e.message}\n`);
        else io.stderr(`policy: could not evaluate ${shown}: ${firstLine(e)}\n`);
        return 2;
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => (process.exitCode = code),
        (e: unknown) => {
            process.stderr.write(`policy: ${firstLine(e)}\n`);
            process.exitCode = 2;
        },
    );
}
