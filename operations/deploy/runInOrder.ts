// Runs Pulumi operations over the project's stacks in deploy order (destroy in reverse), stopping at the first failure.
import { deployOrder, StackFile } from "../../config/stackFiles";
import { oneLine } from "../common/cli";

export type DeployMode = "up" | "preview" | "destroy" | "preview-destroy";

/** What a successful step reports: resource operation counts, e.g. `{ create: 7, same: 2 }`. */
export type ChangeCounts = Record<string, number>;

/**
 * One Pulumi workspace per stack. The real implementation wraps the automation API's LocalWorkspace; tests
 * use a fake that records calls and fails on demand.
 */
export interface StackRunner {
    /**
     * Selects the stack, creating it when `create` is true. Resolves false when the stack does not exist and
     * `create` is false (destroying a stack that was never deployed is not an error).
     */
    select(stack: StackFile, create: boolean): Promise<boolean>;
    /** Runs the operation; `onOutput` receives the CLI's progress text in arbitrary chunks. */
    run(stack: StackFile, mode: DeployMode, onOutput: (chunk: string) => void): Promise<ChangeCounts>;
}

export interface StackOutcome {
    stack: string;
    status: "succeeded" | "failed" | "skipped" | "not-run";
    /** Human name of the step, e.g. `pulumi up`. */
    step?: string;
    changes?: ChangeCounts;
    seconds?: number;
    error?: string;
}

export interface RunReport {
    ok: boolean;
    outcomes: StackOutcome[];
    /** Set when a stack failed: which stack, at which step, why. */
    failure?: { stack: string; step: string; error: string };
}

export interface RunOptions {
    log(line: string): void;
    /** Milliseconds; injected so durations in tests and sample output are deterministic. */
    now(): number;
}

/** `pulumi up`, `pulumi preview`, ... : the step names the failure report uses. */
export function stepName(mode: DeployMode): string {
    switch (mode) {
        case "up":
            return "pulumi up";
        case "preview":
            return "pulumi preview";
        case "destroy":
            return "pulumi destroy";
        case "preview-destroy":
            return "pulumi destroy --preview-only";
    }
}

export const isDestroy = (mode: DeployMode): boolean => mode === "destroy" || mode === "preview-destroy";

/**
 * The order a mode runs in. The hub reads the other stacks through StackReference, so it deploys last and
 * is destroyed first; the order itself lives in `deployOrder`.
 */
export function orderFor(stacks: StackFile[], mode: DeployMode): StackFile[] {
    const order = deployOrder(stacks);
    return isDestroy(mode) ? order.reverse() : order;
}

/**
 * Splits streamed chunks into lines and prefixes each with the stack name, so interleaved output stays
 * attributable; a partial line waits for its end (or for `flush`).
 */
export function linePrefixer(
    prefix: string,
    write: (line: string) => void,
): { push(chunk: string): void; flush(): void } {
    let pending = "";
    return {
        push(chunk: string) {
            const parts = (pending + chunk).split(/\r?\n/);
            pending = parts.pop() ?? "";
            for (const line of parts) {
                write(`${prefix}${line}`);
            }
        },
        flush() {
            if (pending !== "") {
                write(`${prefix}${pending}`);
                pending = "";
            }
        },
    };
}

export function formatChanges(changes: ChangeCounts | undefined): string {
    const parts = Object.entries(changes ?? {})
        .filter(([, n]) => n > 0)
        .map(([op, n]) => `${op} ${n}`);
    return parts.length ? parts.join(", ") : "no changes";
}

/** Runs `mode` on every stack in order and stops at the first failure; later stacks are reported as not run. */
export async function runInOrder(
    stacks: StackFile[],
    runner: StackRunner,
    mode: DeployMode,
    opts: RunOptions,
): Promise<RunReport> {
    const ordered = orderFor(stacks, mode);
    const outcomes: StackOutcome[] = [];
    let failure: RunReport["failure"];
    opts.log(
        `${isDestroy(mode) ? "destroy" : "deploy"} order: ${ordered.map((s) => s.name).join(" -> ")} (${stepName(mode)})`,
    );
    for (const [i, stack] of ordered.entries()) {
        if (failure) {
            outcomes.push({ stack: stack.name, status: "not-run" });
            continue;
        }
        const where = typeof stack.config["aws:region"] === "string" ? `, ${stack.config["aws:region"] as string}` : "";
        opts.log(`==> [${i + 1}/${ordered.length}] ${stack.name} (${stack.role}${where}): ${stepName(mode)}`);
        const started = opts.now();
        let step = "select stack";
        const out = linePrefixer(`[${stack.name}] `, opts.log);
        try {
            const exists = await runner.select(stack, !isDestroy(mode));
            if (!exists) {
                opts.log(`<== ${stack.name}: not deployed, nothing to destroy`);
                outcomes.push({ stack: stack.name, status: "skipped", step });
                continue;
            }
            step = stepName(mode);
            const changes = await runner.run(stack, mode, (chunk) => out.push(chunk));
            out.flush();
            const seconds = (opts.now() - started) / 1000;
            opts.log(`<== ${stack.name}: ${step} succeeded in ${seconds.toFixed(1)}s (${formatChanges(changes)})`);
            outcomes.push({ stack: stack.name, status: "succeeded", step, changes, seconds });
        } catch (e) {
            out.flush();
            const error = oneLine(e);
            const seconds = (opts.now() - started) / 1000;
            failure = { stack: stack.name, step, error };
            opts.log(`<== ${stack.name}: ${step} FAILED after ${seconds.toFixed(1)}s`);
            outcomes.push({ stack: stack.name, status: "failed", step, error, seconds });
        }
    }
    return { ok: failure === undefined, outcomes, failure };
}

/** The closing lines: one per stack, then the verdict naming the stack and step that failed. */
export function formatRunSummary(report: RunReport): string[] {
    const lines = ["summary:"];
    for (const o of report.outcomes) {
        const detail =
            o.status === "succeeded"
                ? `${o.step}: ${formatChanges(o.changes)}`
                : o.status === "failed"
                  ? `at ${o.step}`
                  : o.status === "skipped"
                    ? "not deployed, skipped"
                    : "not run (an earlier stack failed)";
        lines.push(`  ${o.stack.padEnd(16)} ${o.status.padEnd(9)} ${detail}`);
    }
    if (report.failure) {
        lines.push(`FAILED: stack ${report.failure.stack} failed at "${report.failure.step}": ${report.failure.error}`);
    } else {
        lines.push("OK: every stack succeeded");
    }
    return lines;
}
