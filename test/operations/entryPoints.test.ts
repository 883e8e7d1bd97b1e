// Tests of the npm entry files as a user runs them: --help and bad arguments, in a child process, with no cloud.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as path from "path";
import { mutantVariables } from "../mutation/childMutants";

const ROOT = path.resolve(__dirname, "..", "..");

function runEntry(file: string, args: string[]) {
    const r = spawnSync(
        process.execPath,
        ["-r", "ts-node/register/transpile-only", path.join(ROOT, "operations", file), ...args],
        {
            cwd: ROOT,
            encoding: "utf8",
            // No PATH entry for pulumi and no AWS configuration reach the child: --help must not need them.
            env: {
                PATH: path.dirname(process.execPath),
                HOME: ROOT,
                TS_NODE_PROJECT: path.join(ROOT, "tsconfig.json"),
                ...mutantVariables(),
            },
            timeout: 50_000,
        },
    );
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("ops entry points", () => {
    const usage: Record<string, string> = {
        "deploy/deploy.ts": "usage: npm run deploy -- [--preview] [--destroy]",
        "failover/failover.ts":
            "usage: npm run failover -- --to REGION | --active-active [--routes-region REGION] [--stack NAME | --outputs FILE] [--dry-run]",
        "adopt/adopt.ts":
            "usage: npm run adopt -- --stack NAME [--keep SID ... | --keep-all-statements] [--keep-rule ID ... | --keep-all-rules] [--replace-logging] [--drop-others] [--dry-run] [--json]",
        "verify/verify.ts":
            "usage: npm run verify -- [--objects N] [--timeout SECONDS] [--interval SECONDS] [--dest-profile NAME] [--stack NAME | --outputs FILE] [--cleanup]",
    };
    for (const [file, line] of Object.entries(usage)) {
        it(`${file} --help prints the usage line and exits 0`, () => {
            const r = runEntry(file, ["--help"]);
            assert.strictEqual(r.code, 0, r.stderr);
            assert.strictEqual(r.stdout.split("\n")[0], line);
            assert.strictEqual(r.stderr, "");
        });
    }

    it("a bad argument is one line on stderr and exit 2", () => {
        const r = runEntry("failover/failover.ts", ["--to"]);
        assert.strictEqual(r.code, 2);
        assert.strictEqual(r.stdout, "");
        assert.deepStrictEqual(r.stderr.trimEnd().split("\n"), [
            `failover: option --to needs a value (${usage["failover/failover.ts"]}; --help for details)`,
        ]);
    });

    it("deploy without a Pulumi CLI is one line with the install link and exit 2", () => {
        const r = runEntry("deploy/deploy.ts", ["--preview"]);
        assert.strictEqual(r.code, 2, r.stdout + r.stderr);
        assert.deepStrictEqual(r.stderr.trimEnd().split("\n"), [
            'deploy: the Pulumi CLI is not installed (no "pulumi" on PATH): install it from https://www.pulumi.com/docs/install/ and open a new shell',
        ]);
    });

    it("adopt: an unknown flag, and an example stack without existingBucketName, are one line and exit 2", () => {
        const bogus = runEntry("adopt/adopt.ts", ["--stack", "osaka", "--bogus"]);
        assert.strictEqual(bogus.code, 2);
        assert.deepStrictEqual(bogus.stderr.trimEnd().split("\n"), [
            `adopt: unknown option --bogus (${usage["adopt/adopt.ts"]}; --help for details)`,
        ]);
        const r = runEntry("adopt/adopt.ts", ["--stack", "osaka"]);
        assert.strictEqual(r.code, 2, r.stdout + r.stderr);
        assert.strictEqual(r.stdout, "");
        assert.match(
            r.stderr.trimEnd(),
            /^adopt: Pulumi\.osaka\.yaml does not set s3-multiregion:existingBucketName: set it to the name of the live bucket this stack should adopt \(usage: /,
        );
        assert.ok(!r.stderr.trimEnd().includes("\n"));
    });
});
