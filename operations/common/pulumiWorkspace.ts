// The real StackRunner and stack-output reader, over the Pulumi automation API's LocalWorkspace (the local CLI).
import * as fs from "fs";
import type { EngineEvent, Stack } from "@pulumi/pulumi/automation";
import { oneLine, PreflightError } from "./cli";
import { ChangeCounts, DeployMode, StackRunner } from "../deploy/runInOrder";
import type { StackFile } from "../../config/stackFiles";

/** A file:// backend is a folder the CLI expects to exist. */
export function ensureLocalBackendFolder(url: string): void {
    if (url.startsWith("file://")) {
        fs.mkdirSync(url.slice("file://".length), { recursive: true });
    }
}

/** Removes the CLI's colour markup (`<{%fg 1%}>`) and ANSI escapes from diagnostic text. */
function plain(text: string): string {
    return (
        text
            .replace(/<\{%[^%]*%\}>/g, "")
            // ANSI colour codes (ESC [ … m) in engine messages.
            // eslint-disable-next-line no-control-regex -- matching the escape character is the point
            .replace(/\u001b\[[0-9;]*m/g, "")
            .trim()
    );
}

/** `aws:s3/bucketV2:BucketV2 "tokyo-data"` from a resource URN. */
export function describeUrn(urn: string): string {
    const parts = urn.split("::");
    const type = (parts[2] ?? "").split("$").pop() ?? "";
    const name = parts[3] ?? urn;
    return type ? `${type} "${name}"` : name;
}

/** Collects error diagnostics from engine events: they name the resource that failed, the CLI's exit text does not. */
export function diagnosticCollector(): { onEvent(ev: EngineEvent): void; errors: string[] } {
    const errors: string[] = [];
    return {
        errors,
        onEvent(ev: EngineEvent) {
            const d = ev.diagnosticEvent;
            if (d && d.severity === "error") {
                const text = plain(d.message)
                    .split("\n")
                    .filter((l) => l.trim() !== "");
                const message = text.join(" ").replace(/\s+/g, " ");
                // Resource errors first: the engine's closing "update failed" line carries no URN.
                if (d.urn && !/pulumi:pulumi:Stack/.test(d.urn)) {
                    errors.unshift(`${describeUrn(d.urn)}: ${message}`);
                } else {
                    errors.push(message);
                }
            }
        },
    };
}

/**
 * One line for a failed CLI run: the first resource error when the engine reported one, else the first
 * `error:` line of the CLI's stderr (a CommandError's message embeds the whole stdout and stderr).
 */
export function summarizeFailure(e: unknown, diagnostics: string[]): string {
    if (diagnostics.length > 0) {
        const more =
            diagnostics.length > 1
                ? ` (+${diagnostics.length - 1} more error${diagnostics.length > 2 ? "s" : ""})`
                : "";
        return `${diagnostics[0]}${more}`;
    }
    const message = e instanceof Error ? e.message : String(e);
    const errorLine = message
        .split("\n")
        .map((l) => plain(l))
        .find((l) => /\berror:/i.test(l));
    return errorLine ? errorLine.slice(errorLine.search(/\berror:/i)) : oneLine(e);
}

/**
 * What the Pulumi CLI itself printed on stderr for a failed command (the automation API's CommandError
 * keeps it in commandResult), as one line; undefined when there is none.
 */
export function cliStderr(e: unknown): string | undefined {
    const stderr = (e as { commandResult?: { stderr?: unknown } } | undefined)?.commandResult?.stderr;
    if (typeof stderr !== "string") return undefined;
    const lines = stderr
        .split("\n")
        .map((l) => plain(l).trim())
        .filter((l) => l !== "");
    return lines.length === 0 ? undefined : `the Pulumi CLI said: ${lines.join(" | ")}`;
}

/** StackRunner over LocalWorkspace: each stack is the project directory's program with its Pulumi.<stack>.yaml. */
export class LocalWorkspaceRunner implements StackRunner {
    private readonly selected = new Map<string, Stack>();

    constructor(
        private readonly projectDir: string,
        private readonly envVars: Record<string, string>,
    ) {}

    async select(stack: StackFile, create: boolean): Promise<boolean> {
        // Loaded on first use: the automation API pulls in the whole Pulumi SDK, which --help does not need.
        const auto = await import("@pulumi/pulumi/automation");
        const args = { stackName: stack.name, workDir: this.projectDir };
        const opts = { envVars: this.envVars };
        try {
            const s = create
                ? await auto.LocalWorkspace.createOrSelectStack(args, opts)
                : await auto.LocalWorkspace.selectStack(args, opts);
            this.selected.set(stack.name, s);
            return true;
        } catch (e) {
            if (!create && e instanceof auto.StackNotFoundError) {
                return false;
            }
            throw new Error(summarizeFailure(e, []), { cause: e });
        }
    }

    async run(stack: StackFile, mode: DeployMode, onOutput: (chunk: string) => void): Promise<ChangeCounts> {
        const s = this.selected.get(stack.name);
        if (!s) {
            throw new Error(`stack ${stack.name} was not selected before ${mode}`);
        }
        const diagnostics = diagnosticCollector();
        const opts = { onOutput, onEvent: diagnostics.onEvent, color: "never" as const };
        try {
            switch (mode) {
                case "up":
                    return counts((await s.up(opts)).summary.resourceChanges);
                case "preview":
                    return counts((await s.preview(opts)).changeSummary);
                case "destroy":
                    return counts((await s.destroy(opts)).summary.resourceChanges);
                case "preview-destroy":
                    return counts((await s.previewDestroy(opts)).changeSummary);
            }
        } catch (e) {
            throw new Error(summarizeFailure(e, diagnostics.errors), { cause: e });
        }
    }
}

function counts(map: Partial<Record<string, number>> | undefined): ChangeCounts {
    const out: ChangeCounts = {};
    for (const [op, n] of Object.entries(map ?? {})) {
        if (typeof n === "number") {
            out[op] = n;
        }
    }
    return out;
}

/**
 * The hub stack's outputs as plain values (`stack.outputs()` wraps each in `{ value, secret }`). A stack that
 * does not exist in the backend is a PreflightError telling the two ways out.
 */
export async function readStackOutputs(
    projectDir: string,
    stackName: string,
    envVars: Record<string, string>,
): Promise<Record<string, unknown>> {
    const auto = await import("@pulumi/pulumi/automation");
    let s: Stack;
    try {
        s = await auto.LocalWorkspace.selectStack({ stackName, workDir: projectDir }, { envVars });
    } catch (e) {
        if (e instanceof auto.StackNotFoundError) {
            throw new PreflightError(
                `stack "${stackName}" does not exist in the backend ${envVars.PULUMI_BACKEND_URL ?? ""}: deploy it first (npm run deploy) or pass --outputs FILE`,
            );
        }
        throw new PreflightError(`cannot select stack "${stackName}": ${cliStderr(e) ?? summarizeFailure(e, [])}`);
    }
    let outputs: Awaited<ReturnType<Stack["outputs"]>>;
    try {
        outputs = await s.outputs();
    } catch (e) {
        throw new PreflightError(`cannot read the outputs of stack "${stackName}": ${summarizeFailure(e, [])}`);
    }
    return Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, v.value]));
}
