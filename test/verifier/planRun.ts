// Runs `npm run plan` as a user would (a child process), on the project or on a patched copy of it.
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { sharedChildRun } from "../mutation/childMutants";
import { PROJECT_DIR } from "../support/stackConfigs";

export interface PlanRun {
    code: number;
    stdout: string;
    stderr: string;
}

const PLAN = path.join(PROJECT_DIR, "verifier", "plan.ts");

export function runPlanCli(args: string[], env?: NodeJS.ProcessEnv): Promise<PlanRun> {
    return new Promise((resolve) => {
        execFile(
            process.execPath,
            // As package.json's `plan` script runs it.
            ["-r", path.join(PROJECT_DIR, "verifier", "transpileCache.js"), PLAN, ...args],
            { cwd: PROJECT_DIR, maxBuffer: 64 * 1024 * 1024, env },
            (err, stdout, stderr) => {
                const code = err
                    ? typeof (err as { code?: unknown }).code === "number"
                        ? (err as { code: number }).code
                        : 1
                    : 0;
                resolve({ code, stdout, stderr });
            },
        );
    });
}

/**
 * A throwaway project: the real program and stack files, with `patch` applied. `indexSuffix` is
 * appended to an index.ts that loads the real program first (e.g. to declare a deliberately broken resource).
 */
export function patchedProject(opts: {
    stackFiles?: (name: string, text: string) => string;
    indexSuffix?: string;
}): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "s3mr-plan-test-"));
    for (const f of fs.readdirSync(PROJECT_DIR).filter((x) => /^Pulumi(\..+)?\.yaml$/.test(x))) {
        const text = fs.readFileSync(path.join(PROJECT_DIR, f), "utf8");
        fs.writeFileSync(path.join(dir, f), opts.stackFiles ? opts.stackFiles(f, text) : text);
    }
    for (const link of ["node_modules", "policy", "tsconfig.json", "package.json"])
        fs.symlinkSync(path.join(PROJECT_DIR, link), path.join(dir, link));
    const index = [
        `module.exports = require(${JSON.stringify(path.join(PROJECT_DIR, "index.ts"))});`,
        opts.indexSuffix ?? "",
    ].join("\n");
    fs.writeFileSync(path.join(dir, "index.ts"), index);
    return dir;
}

/**
 * The real project's plan with `--json --diagram`, run once and shared by the tests that read it (in a mutation run,
 * once per mutant: test/mutation/childMutants.ts).
 */
export const realPlanRun: () => Promise<PlanRun & { diagram: string }> = sharedChildRun(async (env) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "s3mr-diagram-")), "plan.mmd");
    const run = await runPlanCli(["--json", "--diagram", file], env);
    return { ...run, diagram: fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "" };
});
