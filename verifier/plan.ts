// `npm run plan`: the offline plan of every stack, in deploy order, under mocks (no CLI, no cloud), with the pack and the access proofs.
import * as path from "path";
import { evaluatePlan } from "./evaluate";
import { writeDiagram } from "./diagram";
import { loadPackRunner } from "./packRunner";
import { buildPlanDocument, PlanDocument } from "./planReport";
import { renderPlan } from "./planText";
import { mergedStackConfig } from "./stackConfig";
import { deployOrder, discoverStacks } from "../config/stackFiles";

const USAGE = "usage: npm run plan [-- --stack NAME] [--json] [--diagram FILE] [--project DIR]";

export interface PlanArgs {
    stack?: string;
    json: boolean;
    diagram?: string;
    projectDir: string;
}

/** A bad argument is reported like bad config: one line, exit 2. */
export class UsageError extends Error {}

export function parseArgs(argv: string[], defaultProjectDir: string): PlanArgs {
    const args: PlanArgs = { json: false, projectDir: defaultProjectDir };
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
        switch (flag) {
            case "--json":
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

/** Evaluates, checks and renders; returns the exit code (0 ok, 1 violation / failed proof / program error, 2 bad config or arguments). */
export async function runPlan(
    argv: string[],
    out: (s: string) => void,
    err: (s: string) => void,
    defaultProjectDir = path.resolve(__dirname, ".."),
): Promise<number> {
    let args: PlanArgs;
    let stackFiles;
    try {
        args = parseArgs(argv, defaultProjectDir);
        stackFiles = deployOrder(discoverStacks(args.projectDir));
        if (args.stack !== undefined && !stackFiles.some((s) => s.name === args.stack)) {
            throw new UsageError(`no stack named ${args.stack}; stacks: ${stackFiles.map((s) => s.name).join(", ")}`);
        }
    } catch (e) {
        err((e as Error).message);
        return 2;
    }
    const evaluation = evaluatePlan({ projectDir: args.projectDir, stacks: stackFiles, until: args.stack });
    // The stacks are evaluated in child processes: load the pack meanwhile rather than after.
    const { run, status } = loadPackRunner(args.projectDir);
    const plans = await evaluation;
    const bad = plans.find((p) => !p.ok && p.error?.kind === "config");
    if (bad) {
        // The config validation's sentence alone: it names the key, the value and what is allowed.
        err(`stack ${bad.stack}: ${bad.error?.message}`);
        return 2;
    }
    const configs = stackFiles.map((s) => ({ stack: s.name, config: mergedStackConfig(args.projectDir, s) }));
    const doc: PlanDocument = await buildPlanDocument(plans, {
        only: args.stack,
        configs,
        runner: run,
        packStatus: status,
    });
    if (args.diagram) {
        writeDiagram(args.diagram, plans);
        (args.json ? err : out)(`Mermaid diagram written to ${args.diagram}`);
    }
    out(args.json ? JSON.stringify(doc, null, 2) : renderPlan(doc));
    return doc.summary.exitCode;
}

if (require.main === module) {
    runPlan(
        process.argv.slice(2),
        (s) => process.stdout.write(`${s}\n`),
        (s) => process.stderr.write(`${s}\n`),
    ).then(
        (code) => {
            process.exitCode = code;
        },
        (e) => {
            process.stderr.write(`plan failed: ${(e as Error).message}\n`);
            process.exitCode = 1;
        },
    );
}
