// A fake StackRunner standing in for the automation API's workspace: records calls, streams output, fails on demand.
import type { StackFile } from "../../config/stackFiles";
import type { ChangeCounts, DeployMode, StackRunner } from "../../operations/deploy/runInOrder";

export interface FakeRunnerOptions {
    /** Stack names whose `select` fails, or whose run fails, with this message. */
    failSelect?: Record<string, string>;
    failRun?: Record<string, string>;
    /** Stacks that do not exist in the backend (select with create=false resolves false). */
    missing?: string[];
    /** Chunks each stack's run streams before finishing; default: two whole lines in odd chunks. */
    chunks?: Record<string, string[]>;
    changes?: ChangeCounts;
    /** Called during each run, e.g. to advance a fake clock. */
    during?: (stack: string) => void;
}

export class FakeRunner implements StackRunner {
    readonly calls: string[] = [];

    constructor(private readonly opts: FakeRunnerOptions = {}) {}

    async select(stack: StackFile, create: boolean): Promise<boolean> {
        this.calls.push(`select ${stack.name}${create ? " --create" : ""}`);
        const failure = this.opts.failSelect?.[stack.name];
        if (failure) {
            throw new Error(failure);
        }
        return create || !(this.opts.missing ?? []).includes(stack.name);
    }

    async run(stack: StackFile, mode: DeployMode, onOutput: (chunk: string) => void): Promise<ChangeCounts> {
        this.calls.push(`${mode} ${stack.name}`);
        for (const chunk of this.opts.chunks?.[stack.name] ?? [
            `${mode === "up" ? "Updating" : "Previewing"} (${stack.name}):\n   +  aws:s3`,
            `:Bucket data created\n`,
        ]) {
            onOutput(chunk);
        }
        this.opts.during?.(stack.name);
        const failure = this.opts.failRun?.[stack.name];
        if (failure) {
            throw new Error(failure);
        }
        return this.opts.changes ?? { create: 2, same: 1 };
    }
}
