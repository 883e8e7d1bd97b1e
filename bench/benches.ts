// Every benchmark `npm run bench` can run, by sub-command: what it measures and how it is started.
import { runCompareBench } from "./compareBench";
import { runPlanBench } from "./planBench";
import { reconcileBench } from "./reconcileBench";

/** Sub-command -> benchmark; no sub-command runs `plan`. Each prints figures and never fails on a slow machine. */
export const BENCHES: Record<string, { about: string; run: (argv: string[]) => Promise<void> }> = {
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
