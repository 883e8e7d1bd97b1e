// `npm run adopt` end to end as a user runs it: the entry file in a child process, the stack file's aws:profile
// read from a shared credentials file, every SDK client sent to moto_server by AWS_ENDPOINT_URL.
import * as assert from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { mutantVariables } from "../mutation/childMutants";
import { PutBucketPolicyCommand } from "@aws-sdk/client-s3";
import { useMotoServer } from "../support/motoServer";
import { ACCOUNT_A, ACCOUNT_B } from "./fixtures";
import {
    accountCredentials,
    createBucket,
    Credentials,
    LEGACY,
    makeProject,
    OSAKA,
    readAdopted,
    removeProjects,
} from "./adoptWorld";

const ROOT = path.resolve(__dirname, "..", "..");

/**
 * A project folder whose code is the repository's (symlinked) and whose stack files are the test's: the
 * entry finds its project beside its own path, so it reads these stack files and writes adopted/ here.
 */
function projectWithCode(profile: string): string {
    const dir = makeProject({
        osaka: { "s3-multiregion:existingBucketName": LEGACY, "aws:profile": profile },
    });
    for (const entry of ["operations", "config", "node_modules", "tsconfig.json"]) {
        fs.symlinkSync(path.join(ROOT, entry), path.join(dir, entry));
    }
    return dir;
}

function credentialsFile(dir: string, profiles: Record<string, Credentials>): string {
    const file = path.join(dir, "aws-credentials");
    const text = Object.entries(profiles)
        .map(
            ([name, c]) =>
                `[${name}]\naws_access_key_id = ${c.accessKeyId}\naws_secret_access_key = ${c.secretAccessKey}\n` +
                (c.sessionToken ? `aws_session_token = ${c.sessionToken}\n` : ""),
        )
        .join("\n");
    fs.writeFileSync(file, text);
    fs.writeFileSync(path.join(dir, "aws-config"), "");
    return file;
}

function runEntry(
    dir: string,
    endpoint: string,
    args: string[],
): Promise<{ code: number | null; out: string; err: string }> {
    return new Promise((resolve, reject) => {
        const child = spawn(
            process.execPath,
            [
                // Keep the symlinked path, so that the entry's project is `dir`, not the repository.
                "--preserve-symlinks",
                "--preserve-symlinks-main",
                "-r",
                "ts-node/register/transpile-only",
                path.join(dir, "operations", "adopt", "adopt.ts"),
                ...args,
            ],
            {
                cwd: dir,
                env: {
                    PATH: path.dirname(process.execPath),
                    HOME: dir,
                    TS_NODE_PROJECT: path.join(dir, "tsconfig.json"),
                    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, "aws-credentials"),
                    AWS_CONFIG_FILE: path.join(dir, "aws-config"),
                    AWS_ENDPOINT_URL: endpoint,
                    ...mutantVariables(),
                },
            },
        );
        let out = "";
        let err = "";
        child.stdout.on("data", (d) => (out += d));
        child.stderr.on("data", (d) => (err += d));
        child.once("error", reject);
        child.once("exit", (code) => resolve({ code, out, err }));
    });
}

describe("ops adopt entry point (moto_server)", function () {
    this.timeout(90_000);
    const moto = useMotoServer();
    after(removeProjects);

    it("uses the stack file's aws:profile, reads the bucket and writes adopted/osaka.json", async () => {
        const A = await accountCredentials(moto.endpoint, ACCOUNT_A);
        const s3 = await createBucket(moto.endpoint, LEGACY, OSAKA, A);
        const statement = {
            Sid: "AllowPartnerRead",
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::333333333333:root" },
            Action: "s3:GetObject",
            Resource: `arn:aws:s3:::${LEGACY}/*`,
        };
        await s3.send(
            new PutBucketPolicyCommand({
                Bucket: LEGACY,
                Policy: JSON.stringify({ Version: "2012-10-17", Statement: [statement] }),
            }),
        );
        const dir = projectWithCode("account-a");
        // Account B's keys as the default profile: only the stack file's profile leads to account A.
        credentialsFile(dir, { default: await accountCredentials(moto.endpoint, ACCOUNT_B), "account-a": A });
        const r = await runEntry(dir, moto.endpoint, ["--stack", "osaka", "--keep-all-statements"]);
        assert.strictEqual(r.code, 0, r.out + r.err);
        assert.strictEqual(r.err, "");
        assert.match(
            r.out.split("\n")[0],
            new RegExp(`^adopt: stack osaka, bucket ${LEGACY} \\(${OSAKA}, account ${ACCOUNT_A}\\), read `),
        );
        assert.deepStrictEqual(readAdopted(dir)?.keptPolicyStatements, [statement]);
    });

    it("a profile of another account is one line and exit 2, and nothing is written", async () => {
        await createBucket(moto.endpoint, LEGACY, OSAKA, await accountCredentials(moto.endpoint, ACCOUNT_A));
        const dir = projectWithCode("account-a");
        credentialsFile(dir, { "account-a": await accountCredentials(moto.endpoint, ACCOUNT_B) });
        const r = await runEntry(dir, moto.endpoint, ["--stack", "osaka", "--keep-all-statements"]);
        assert.strictEqual(r.code, 2, r.out + r.err);
        assert.strictEqual(r.out, "");
        assert.deepStrictEqual(r.err.trimEnd().split("\n"), [
            `adopt: profile "account-a" is account ${ACCOUNT_B}, but stack osaka deploys into account ${ACCOUNT_A} (sourceAccountId): set aws:profile in Pulumi.osaka.yaml (or AWS_PROFILE) to a profile of account ${ACCOUNT_A}`,
        ]);
        assert.strictEqual(readAdopted(dir), undefined);
    });
});
