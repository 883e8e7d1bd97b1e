// Child-process entry: evaluates one stack's program under mocks and writes its resources and outputs as JSON.
//
// The Pulumi runtime keeps mocks, config and pending resources per process, so each stack of a
// multi-stack plan runs in a process of its own (DESIGN §5). The child loads the Pulumi SDKs first and
// then reads its request from stdin: the parent starts it before the peers it reads are evaluated.
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { installMocks, settle, valueOf } from "./mockRuntime";
import { ChildPhases, ChildRequest, ChildResult } from "./evaluate";
import { transpileStats } from "./planTimings";

const now = () => performance.now();
const transpiledMs = () => {
    const t = transpileStats();
    return t.hitMs + t.missMs;
};

/** The Pulumi SDKs the project depends on (its package.json): every stack program loads them. */
function preloadSdks(projectDir: string): void {
    let deps: Record<string, string>;
    try {
        deps = JSON.parse(fs.readFileSync(path.join(projectDir, "package.json"), "utf8")).dependencies ?? {};
    } catch {
        return; // No package.json: the program loads what it needs itself.
    }
    for (const name of Object.keys(deps).filter((d) => d.startsWith("@pulumi/"))) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require(require.resolve(name, { paths: [projectDir] }));
    }
}

function readStdin(): Promise<string> {
    return new Promise((resolve, reject) => {
        let text = "";
        process.stdin.setEncoding("utf8");
        process.stdin.on("data", (d: string) => (text += d));
        process.stdin.on("end", () => resolve(text));
        process.stdin.on("error", reject);
    });
}

/** The cause without the serializer's `error serializing property "x": ` chain in front of it. */
function rootMessage(message: string): string {
    return message.replace(/^(error serializing property "[^"]*": )+/, "");
}

/**
 * A check that needs the peers' outputs (the KMS mesh, a peer of the wrong role or region) fails inside an
 * Output, where the ConfigError's class is lost on the way out; its one-line sentence, which always starts
 * with `config <namespace>:<key>`, still says it is bad config, not a defect of the program.
 */
function errorKind(message: string): "config" | "program" {
    return /^config [\w-]+:\w+/.test(message) ? "config" : "program";
}

async function main(resultFile: string): Promise<void> {
    preloadSdks(process.cwd());
    const ready = now();
    const atReady = transpiledMs();
    const text = await readStdin();
    // An empty request: a peer failed and this stack is not evaluated.
    if (text.trim() === "") return;
    const req = JSON.parse(text) as ChildRequest;
    const received = now();
    const atRequest = transpileStats();
    const phases = (): ChildPhases => {
        const t = transpileStats();
        const transpiled = t.hitMs + t.missMs;
        const programTranspile = transpiled - (atRequest.hitMs + atRequest.missMs);
        return {
            bootMs: t.loadedAt,
            // From the hook to the SDKs loaded: this file's own imports (@pulumi/pulumi) count as loading too.
            loadMs: ready - t.loadedAt - atReady,
            waitMs: received - ready,
            transpileMs: transpiled,
            evaluateMs: now() - received - programTranspile,
            cacheHits: t.hits,
            cacheMisses: t.misses,
        };
    };
    const write = (result: ChildResult) => fs.writeFileSync(resultFile, JSON.stringify(result));
    // A failed check inside an Output (e.g. a peer stack in the wrong region) rejects while a resource's
    // inputs are serialized, outside any await of ours: report it as the stack's error, once, and stop.
    process.on("unhandledRejection", (reason) => {
        const message = rootMessage(reason instanceof Error ? reason.message : String(reason));
        write({ ok: false, error: { kind: errorKind(message), message }, resources: [], outputs: {} });
        process.exit(0);
    });
    // Config must be in place before the program runs: index.ts reads it first thing.
    pulumi.runtime.setAllConfig(req.config);
    const recorder = await installMocks({
        stack: req.stack,
        accountId: req.accountId,
        region: req.region,
        peers: req.peers,
        organization: req.organization,
    });
    let exported: unknown;
    const started = process.hrtime.bigint();
    const programMs = () => Number(process.hrtime.bigint() - started) / 1e6;
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const program = require(path.join(req.projectDir, "index.ts")) as unknown;
        // The CLI calls a program that exports a function and takes what it resolves to as the outputs.
        exported = typeof program === "function" ? await (program as () => unknown)() : program;
    } catch (e) {
        const err = e as Error;
        const kind = err instanceof pulumi.RunError || err.name === "ConfigError" ? "config" : "program";
        write({ ok: false, error: { kind, message: err.message }, resources: [], outputs: {} });
        return;
    }
    try {
        const outputs = (await valueOf(exported as Record<string, unknown>)) as Record<string, unknown>;
        await settle();
        write({ ok: true, resources: recorder.resources, outputs, programMs: programMs(), phases: phases() });
    } catch (e) {
        await settle().catch(() => undefined);
        const message = rootMessage((e as Error).message);
        write({
            ok: false,
            error: { kind: errorKind(message), message },
            resources: recorder.resources,
            outputs: {},
        });
    }
}

main(process.argv[2]).then(
    () => process.exit(0),
    (e) => {
        process.stderr.write(`evaluator failed: ${(e as Error).stack ?? e}\n`);
        process.exit(3);
    },
);
