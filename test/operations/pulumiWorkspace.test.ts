// Tests of the automation-API adapter's pure parts: one-line failure summaries and the local backend folder.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import {
    cliStderr,
    describeUrn,
    diagnosticCollector,
    ensureLocalBackendFolder,
    summarizeFailure,
} from "../../operations/common/pulumiWorkspace";

const URN =
    "urn:pulumi:dest-account::s3-multiregion::s3-multiregion:storage:HardenedBucket$aws:s3/bucket:Bucket::replica";

function diagnostic(severity: "error" | "warning", message: string, urn?: string): EngineEvent {
    return { sequence: 1, timestamp: 0, diagnosticEvent: { severity, message, color: "never", urn } };
}

describe("ops pulumiWorkspace", () => {
    it("names a resource by type and name from its URN", () => {
        assert.strictEqual(describeUrn(URN), 'aws:s3/bucket:Bucket "replica"');
        assert.strictEqual(
            describeUrn("urn:pulumi:tokyo::s3-multiregion::pulumi:pulumi:Stack::s3-multiregion-tokyo"),
            'pulumi:pulumi:Stack "s3-multiregion-tokyo"',
        );
    });

    it("keeps error diagnostics, resource errors first, without colour markup", () => {
        const c = diagnosticCollector();
        c.onEvent(
            diagnostic(
                "error",
                "update failed\n",
                "urn:pulumi:dest-account::s3-multiregion::pulumi:pulumi:Stack::s3-multiregion-dest-account",
            ),
        );
        c.onEvent(diagnostic("warning", "deprecated"));
        c.onEvent(
            diagnostic(
                "error",
                "<{%fg 1%}>creating S3 Bucket (x): BucketAlreadyExists\n  status code: 409<{%reset%}>\n",
                URN,
            ),
        );
        c.onEvent({ sequence: 2, timestamp: 0, stdoutEvent: { message: "error: not a diagnostic", color: "never" } });
        assert.deepStrictEqual(c.errors, [
            'aws:s3/bucket:Bucket "replica": creating S3 Bucket (x): BucketAlreadyExists status code: 409',
            "update failed",
        ]);
        assert.strictEqual(
            summarizeFailure(new Error("ignored"), c.errors),
            'aws:s3/bucket:Bucket "replica": creating S3 Bucket (x): BucketAlreadyExists status code: 409 (+1 more error)',
        );
    });

    it("strips ANSI colour escapes; counts the errors after the first, in the singular only for one", () => {
        const c = diagnosticCollector();
        c.onEvent(diagnostic("error", "\u001b[31mAccessDenied\u001b[0m: not allowed\n", URN));
        assert.deepStrictEqual(c.errors, ['aws:s3/bucket:Bucket "replica": AccessDenied: not allowed']);
        assert.strictEqual(summarizeFailure(new Error("ignored"), ["first"]), "first");
        assert.strictEqual(summarizeFailure(new Error("ignored"), ["first", "b", "c"]), "first (+2 more errors)");
    });

    it("without diagnostics, takes the first error line of the CLI's output", () => {
        const commandError = Object.assign(
            new Error(
                "code: 255\n stdout: Updating (osaka):\n\n stderr: error: getting secrets manager: passphrase must be set with PULUMI_CONFIG_PASSPHRASE\n err?: \n",
            ),
            { name: "CommandError" },
        );
        assert.strictEqual(
            summarizeFailure(commandError, []),
            "error: getting secrets manager: passphrase must be set with PULUMI_CONFIG_PASSPHRASE",
        );
        assert.strictEqual(
            summarizeFailure(Object.assign(new Error("code: -2\n stdout: \n"), { name: "CommandError" }), []),
            "CommandError: code: -2",
        );
    });

    it("a failed stack select shows the Pulumi CLI's own stderr, on one line", () => {
        const commandError = Object.assign(new Error("code: 255"), {
            name: "CommandError",
            commandResult: {
                stdout: "",
                stderr: '\u001b[31merror:\u001b[0m failed to load checkpoint: blob (key ".pulumi/stacks/tokyo.json") not found\n\n',
                code: 255,
            },
        });
        assert.strictEqual(
            cliStderr(commandError),
            'the Pulumi CLI said: error: failed to load checkpoint: blob (key ".pulumi/stacks/tokyo.json") not found',
        );
        assert.strictEqual(cliStderr(new Error("no command result")), undefined);
        assert.strictEqual(cliStderr(Object.assign(new Error("x"), { commandResult: { stderr: " \n" } })), undefined);
    });

    it("creates the folder of a file:// backend and leaves other backends alone", () => {
        const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "s3mr-state-"));
        const dir = path.join(tmp, "nested", ".pulumi-state");
        ensureLocalBackendFolder(`file://${dir}`);
        assert.ok(fs.statSync(dir).isDirectory());
        ensureLocalBackendFolder("s3://bucket/state");
        ensureLocalBackendFolder("https://api.pulumi.com");
        // URLs whose text after the scheme is a path in tmp: a folder made for any scheme would show there.
        ensureLocalBackendFolder(`https://${tmp}/remote`);
        ensureLocalBackendFolder(`s3://ab${tmp}/bucket`);
        assert.deepStrictEqual(fs.readdirSync(tmp), ["nested"]);
        fs.rmSync(tmp, { recursive: true, force: true });
    });
});
