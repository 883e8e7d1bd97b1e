// Child-process entry: evaluates one stack's program under mocks and writes its resources and outputs as JSON.
//
// The Pulumi runtime keeps mocks, config and pending resources per process, so each stack of a
// multi-stack plan runs in a process of its own (DESIGN §5).
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { installMocks, settle, valueOf } from "./mockRuntime";
import { ChildRequest, ChildResult } from "./evaluate";

/** The cause without the serializer's `error serializing property "x": ` chain in front of it. */
function rootMessage(message: string): string {
    return message.replace(/^(error serializing property "[^"]*": )+/, "");
}

async function main(requestFile: string, resultFile: string): Promise<void> {
    const req = JSON.parse(fs.readFileSync(requestFile, "utf8")) as ChildRequest;
    const write = (result: ChildResult) => fs.writeFileSync(resultFile, JSON.stringify(result));
    // A failed check inside an Output (e.g. a peer stack in the wrong region) rejects while a resource's
    // inputs are serialized, outside any await of ours: report it as the stack's error, once, and stop.
    process.on("unhandledRejection", (reason) => {
        const message = rootMessage(reason instanceof Error ? reason.message : String(reason));
        write({ ok: false, error: { kind: "program", message }, resources: [], outputs: {} });
        process.exit(0);
    });
    // Config must be in place before the program loads: index.ts reads it at import time.
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
        exported = require(path.join(req.projectDir, "index.ts"));
    } catch (e) {
        const err = e as Error;
        const kind = err instanceof pulumi.RunError || err.name === "ConfigError" ? "config" : "program";
        write({ ok: false, error: { kind, message: err.message }, resources: [], outputs: {} });
        return;
    }
    try {
        const outputs = (await valueOf(exported as Record<string, unknown>)) as Record<string, unknown>;
        await settle();
        write({ ok: true, resources: recorder.resources, outputs, programMs: programMs() });
    } catch (e) {
        await settle().catch(() => undefined);
        write({
            ok: false,
            error: { kind: "program", message: rootMessage((e as Error).message) },
            resources: recorder.resources,
            outputs: {},
        });
    }
}

main(process.argv[2], process.argv[3]).then(
    () => process.exit(0),
    (e) => {
        process.stderr.write(`evaluator failed: ${(e as Error).stack ?? e}\n`);
        process.exit(3);
    },
);
