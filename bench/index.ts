// `npm run bench [-- SUB-COMMAND ...]`: one entry for every benchmark, dispatched by its first argument.
import { runCompareBench } from "./compareBench";
import { runPlanBench } from "./planBench";
import { reconcileBench } from "./reconcileBench";

/** Sub-command -> benchmark; no sub-command runs `plan`. Each prints figures and never fails on a slow machine. */
const BENCHES: Record<string, { about: string; run: (argv: string[]) => Promise<void> }> = {
    plan: { about: "the offline plan per stack and its growth with 2, 4 and 8 regions", run: () => runPlanBench() },
    compare: {
        about: "npm run plan today against commit 62a7776, alternately, with where the time goes",
        run: (argv) => runCompareBench(argv),
    },
    reconcile: {
        about: "the embedded reconcile engine on 1 and 10 million rows (or the row counts given) beside zcat",
        run: (argv) => reconcileBench(argv),
    },
};

async function main(argv: string[]): Promise<void> {
    const [name = "plan", ...rest] = argv;
    const bench = BENCHES[name];
    if (!bench) {
        const list = Object.entries(BENCHES).map(([n, b]) => `  ${n}: ${b.about}`);
        process.stderr.write(
            `unknown benchmark ${name}; usage: npm run bench [-- NAME], NAME one of:\n${list.join("\n")}\n`,
        );
        process.exitCode = 2;
        return;
    }
    await bench.run(rest);
}

main(process.argv.slice(2)).catch((e) => {
    process.stderr.write(`bench failed: ${(e as Error).message}\n`);
    process.exitCode = 1;
});
