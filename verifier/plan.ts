// `npm run plan`: the offline plan of every stack, in deploy order, under mocks (no CLI, no cloud), with the pack and the access proofs.
import * as fs from "fs";
import * as path from "path";
import { evaluatePlan } from "./evaluate";
import type { PlanDocument } from "./planReport";
import { PlanTimings, timingsFile, transpileStats, writeTimings } from "./planTimings";
import { mergedStackConfig } from "./stackConfig";
import { SECRET_STAND_IN } from "../config/stackFiles";
import { checkProject, firstError } from "../config/projectChecks";
import { deployOrder, discoverStacks } from "../config/stackFiles";

/**
 * What checks and reports the plan, loaded once the stacks are evaluating in their child processes:
 * the pack, the simulator and its IAM data load on this process's core while theirs load the SDKs.
 */
async function loadChecks(projectDir: string) {
    const [{ loadPackRunner }, { buildPlanDocument }, { renderPlan }, { writeDiagram }, { loadIamData }] =
        await Promise.all([
            import("./packRunner"),
            import("./planReport"),
            import("./planText"),
            import("./diagram"),
            import("./proofs"),
        ]);
    await loadIamData();
    return { pack: loadPackRunner(projectDir), buildPlanDocument, renderPlan, writeDiagram };
}

const USAGE = "usage: npm run plan [-- --stack NAME] [--json] [--diagram FILE] [--project DIR] [--help]";

export const HELP = [
    USAGE,
    "",
    "Evaluates every stack of the project offline, in deploy order, under Pulumi mocks (no Pulumi CLI, no AWS",
    "account), then runs the CrossGuard pack and the IAM access proofs on the result.",
    "",
    "  --stack NAME     print only stack NAME (it and the stacks before it in deploy order are evaluated)",
    "  --json           print one JSON document instead of the text report",
    "  --diagram FILE   also write a Mermaid diagram of the stacks to FILE (its folder must exist)",
    "  --project DIR    the folder holding Pulumi.yaml and the Pulumi.<stack>.yaml files (default: this project)",
    "  --help           print this help",
    "",
    "Exit codes: 0 clean; 1 a mandatory policy violation, a failed access proof or a program error;",
    "2 bad config or a bad argument (one line on stderr, before any stack is evaluated).",
].join("\n");

/** How a secret (`secure:`) value of a stack file is shown: it is never decrypted offline. */
export const SECRET_SHOWN = "(secret, not decrypted offline)";

export interface PlanArgs {
    stack?: string;
    json: boolean;
    diagram?: string;
    projectDir: string;
    help: boolean;
}

/** A bad argument is reported like bad config: one line, exit 2. */
export class UsageError extends Error {}

export function parseArgs(argv: string[], defaultProjectDir: string): PlanArgs {
    const args: PlanArgs = { json: false, projectDir: defaultProjectDir, help: false };
    for (let i = 0; i < argv.length; i++) {
        const [flag, inline] =
            argv[i].startsWith("--") && argv[i].includes("=")
                ? [argv[i].slice(0, argv[i].indexOf("=")), argv[i].slice(argv[i].indexOf("=") + 1)]
                : [argv[i], undefined];
        const value = (): string => {
            const v = inline ?? argv[++i];
            if (v === undefined || v === "" || (inline === undefined && v.startsWith("--")))
                throw new UsageError(`${flag} needs a value; ${USAGE}`);
            return v;
        };
        const noValue = () => {
            if (inline !== undefined) throw new UsageError(`${flag} takes no value (got ${argv[i]}); ${USAGE}`);
        };
        switch (flag) {
            case "--help":
            case "-h":
                noValue();
                args.help = true;
                break;
            case "--json":
                noValue();
                args.json = true;
                break;
            case "--stack":
                args.stack = value();
                break;
            case "--diagram":
                args.diagram = value();
                break;
            case "--project":
                args.projectDir = path.resolve(value());
                break;
            default:
                throw new UsageError(`unknown argument ${argv[i]}; ${USAGE}`);
        }
    }
    return args;
}

/** Checks the paths the arguments name before anything is evaluated, so a typo costs no evaluation. */
export function checkPaths(args: PlanArgs): void {
    if (!fs.existsSync(path.join(args.projectDir, "Pulumi.yaml"))) {
        throw new UsageError(
            `--project ${args.projectDir}: no Pulumi.yaml there; allowed: the folder that holds Pulumi.yaml and the Pulumi.<stack>.yaml files`,
        );
    }
    if (args.diagram !== undefined) {
        const folder = path.dirname(path.resolve(args.diagram));
        if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
            throw new UsageError(`--diagram ${args.diagram}: folder ${folder} does not exist; create it first`);
        }
        try {
            fs.accessSync(folder, fs.constants.W_OK);
        } catch {
            throw new UsageError(`--diagram ${args.diagram}: folder ${folder} is not writable`);
        }
    }
}

/** Evaluates, checks and renders; returns the exit code (0 ok, 1 violation / failed proof / program error, 2 bad config or arguments). */
export async function runPlan(
    argv: string[],
    out: (s: string) => void,
    err: (s: string) => void,
    defaultProjectDir = path.resolve(__dirname, ".."),
    /** Filled with where the time went, when given. */
    timings?: PlanTimings,
): Promise<number> {
    let args: PlanArgs;
    let stackFiles;
    let advisories: string[];
    try {
        args = parseArgs(argv, defaultProjectDir);
        if (args.help) {
            out(HELP);
            return 0;
        }
        checkPaths(args);
        stackFiles = deployOrder(discoverStacks(args.projectDir));
        if (stackFiles.length === 0) {
            throw new UsageError(`no Pulumi.<stack>.yaml files beside Pulumi.yaml in ${args.projectDir}`);
        }
        if (args.stack !== undefined && !stackFiles.some((s) => s.name === args.stack)) {
            throw new UsageError(`no stack named ${args.stack}; stacks: ${stackFiles.map((s) => s.name).join(", ")}`);
        }
        // Keys Pulumi.yaml does not declare, and settings that must agree across the stack files: one line, exit 2.
        const project = checkProject(args.projectDir, stackFiles);
        const first = firstError(project.errors);
        if (first !== undefined) throw new UsageError(first);
        advisories = project.advisories;
    } catch (e) {
        err((e as Error).message);
        return 2;
    }
    const started = performance.now();
    const atStart = transpileStats();
    const evaluation = evaluatePlan({ projectDir: args.projectDir, stacks: stackFiles, until: args.stack }).then(
        (plans) => ({ plans, evaluated: performance.now() }),
    );
    const checks = await loadChecks(args.projectDir);
    const checksLoaded = performance.now();
    const { plans, evaluated } = await evaluation;
    const bad = plans.find((p) => !p.ok && p.error?.kind === "config");
    if (bad) {
        // The config validation's sentence alone: it names the key, the value and what is allowed.
        err(`stack ${bad.stack}: ${bad.error?.message}`);
        return 2;
    }
    // Advisories only once no config error stands: a bad value is then the one line the user reads.
    for (const a of advisories) err(`advisory: ${a}`);
    const { run, status } = checks.pack;
    const configs = stackFiles.map((s) => ({ stack: s.name, config: mergedStackConfig(args.projectDir, s) }));
    const checked: Record<"proofs" | "pack", number> = { proofs: 0, pack: 0 };
    const renderStarted = performance.now();
    const doc: PlanDocument = await checks.buildPlanDocument(plans, {
        only: args.stack,
        configs,
        runner: run,
        packStatus: status,
        onPhase: (phase, ms) => (checked[phase] = ms),
    });
    if (args.diagram) {
        checks.writeDiagram(args.diagram, plans);
        (args.json ? err : out)(`Mermaid diagram written to ${args.diagram}`);
    }
    const shown = args.json ? JSON.stringify(doc, null, 2) : checks.renderPlan(doc);
    out(shown.split(SECRET_STAND_IN).join(SECRET_SHOWN));
    if (timings) {
        const t = transpileStats();
        const transpileMs = t.hitMs + t.missMs;
        const beforeStart = atStart.hitMs + atStart.missMs;
        Object.assign(timings, {
            bootMs: t.loadedAt,
            loadMs: started - t.loadedAt - beforeStart,
            transpileMs,
            evaluateMs: evaluated - started,
            checksLoadMs: checksLoaded - started - (transpileMs - beforeStart),
            proofsMs: checked.proofs,
            packMs: checked.pack,
            renderMs: performance.now() - renderStarted - checked.proofs - checked.pack,
            totalMs: performance.now(),
            stacks: plans.map((p) => ({ stack: p.stack, elapsedMs: p.elapsedMs, phases: p.phases })),
        } satisfies PlanTimings);
    }
    return doc.summary.exitCode;
}

if (require.main === module) {
    const file = timingsFile();
    const timings = {} as PlanTimings;
    runPlan(
        process.argv.slice(2),
        (s) => process.stdout.write(`${s}\n`),
        (s) => process.stderr.write(`${s}\n`),
        undefined,
        file ? timings : undefined,
    ).then(
        (code) => {
            if (file) writeTimings(file, timings);
            process.exitCode = code;
        },
        (e) => {
            process.stderr.write(`plan failed: ${(e as Error).message}\n`);
            process.exitCode = 1;
        },
    );
}
