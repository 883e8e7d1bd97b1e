// `npm run adopt` and the adopted bucket's live server access logging, against moto_server: kept by default, replaced on request, shown either way.
import * as assert from "assert";
import { PutBucketLoggingCommand, PutBucketPolicyCommand } from "@aws-sdk/client-s3";
import { useMotoServer } from "../support/motoServer";
import { ACCOUNT_A } from "./fixtures";
import {
    accountCredentials,
    createBucket,
    Credentials,
    LEGACY,
    makeProject,
    OSAKA,
    readAdopted,
    removeProjects,
    runAdopt,
} from "./adoptWorld";

const LOG_TARGET = "legacy-osaka-logs";
const ARGS = ["--stack", "osaka", "--keep-all-statements", "--keep-all-rules"];
const STACK_LOGS = "example-s3mr-logs-111111111111-ap-northeast-3";

describe("ops adopt: server access logging (moto_server)", function () {
    this.timeout(60_000);
    const moto = useMotoServer();
    after(removeProjects);
    let A: Credentials;
    beforeEach(async () => {
        A = await accountCredentials(moto.endpoint, ACCOUNT_A);
    });

    /** The bucket to adopt, logging into a log bucket of its own account under `legacy/`. */
    async function loggingBucket() {
        const s3 = await createBucket(moto.endpoint, LEGACY, OSAKA, A);
        await createBucket(moto.endpoint, LOG_TARGET, OSAKA, A);
        await s3.send(
            new PutBucketPolicyCommand({
                Bucket: LOG_TARGET,
                Policy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Sid: "S3ServerAccessLogsPolicy",
                            Effect: "Allow",
                            Principal: { Service: "logging.s3.amazonaws.com" },
                            Action: "s3:PutObject",
                            Resource: `arn:aws:s3:::${LOG_TARGET}/*`,
                        },
                    ],
                }),
            }),
        );
        await s3.send(
            new PutBucketLoggingCommand({
                Bucket: LEGACY,
                BucketLoggingStatus: {
                    LoggingEnabled: {
                        TargetBucket: LOG_TARGET,
                        TargetPrefix: "legacy/",
                    },
                },
            }),
        );
    }

    const row = (out: string[]) =>
        out.find((l) => l.slice(4).startsWith("server access logging "))?.replace(/\s+/g, " ");

    it("keeps a live logging target by default: shown unchanged, written to the file for the stack", async () => {
        await loggingBucket();
        const project = makeProject();
        const r = await runAdopt(moto.endpoint, project, ARGS, A);
        assert.strictEqual(r.code, 0, r.err.join("\n"));
        assert.strictEqual(
            row(r.out),
            ` = server access logging to s3://${LOG_TARGET}/legacy/; kept (the stack writes the same target)`,
        );
        assert.ok(
            r.out.includes(
                `wrote adopted/osaka.json: 0 policy statements and 0 lifecycle rules, and server access logging to s3://${LOG_TARGET}/legacy/ kept; the stack composes them into the bucket's one policy and one lifecycle configuration`,
            ),
            r.out.join("\n"),
        );
        // moto 5.2.1 does not return TargetObjectKeyFormat; its carrying over is tested in adoptKept.test.ts.
        assert.deepStrictEqual(readAdopted(project)?.keptAccessLogging, {
            TargetBucket: LOG_TARGET,
            TargetPrefix: "legacy/",
        });
    });

    it("--replace-logging shows the change to the stack's log bucket and keeps nothing", async () => {
        await loggingBucket();
        const project = makeProject();
        const r = await runAdopt(moto.endpoint, project, [...ARGS, "--replace-logging"], A);
        assert.strictEqual(r.code, 0, r.err.join("\n"));
        assert.strictEqual(
            row(r.out),
            ` ~ server access logging to s3://${LOG_TARGET}/legacy/ -> to the stack's log bucket ${STACK_LOGS}`,
        );
        const written = readAdopted(project)!;
        assert.ok(written.keptAccessLogging === undefined, JSON.stringify(written));
    });

    it("a bucket that does not log: the change to the stack's log bucket is shown, nothing is kept", async () => {
        await createBucket(moto.endpoint, LEGACY, OSAKA, A);
        const project = makeProject();
        const r = await runAdopt(moto.endpoint, project, ARGS, A);
        assert.strictEqual(r.code, 0, r.err.join("\n"));
        assert.strictEqual(row(r.out), ` ~ server access logging off -> to the stack's log bucket ${STACK_LOGS}`);
        assert.ok(!("keptAccessLogging" in readAdopted(project)!));
    });

    it("with accessLogging false the live target is left alone, neither kept in the file nor replaced", async () => {
        await loggingBucket();
        const project = makeProject({
            osaka: { "s3-multiregion:existingBucketName": LEGACY, "s3-multiregion:accessLogging": false },
        });
        const r = await runAdopt(moto.endpoint, project, ARGS, A);
        assert.strictEqual(r.code, 0, r.err.join("\n"));
        assert.strictEqual(
            row(r.out),
            ` = server access logging to s3://${LOG_TARGET}/legacy/; unchanged (accessLogging is false: the stack leaves it)`,
        );
        assert.ok(!("keptAccessLogging" in readAdopted(project)!));
    });
});
