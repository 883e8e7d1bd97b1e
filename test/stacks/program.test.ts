// index.ts as the CLI runs it: each role's stack is built from its stack file; bad config is one line, anything else keeps its error.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { discoverStacks } from "../../config/stackFiles";
import { installMocks, settle, valueOf } from "../../verifier/mockRuntime";
import { mergedStackConfig } from "../../verifier/stackConfig";
import { ACCOUNT_A, ACCOUNT_B, DEST_OUTPUTS, OSAKA_OUTPUTS } from "../support/peerOutputs";
import { PROJECT_DIR } from "../support/stackConfigs";

const LEGACY = "legacy-osaka-data";

describe("the program (index.ts): one stack per role, and how it fails", () => {
    let project: string;
    let saved: Record<string, string>;
    const cwd = process.cwd();
    before(() => {
        saved = pulumi.runtime.allConfig();
        project = fs.mkdtempSync(path.join(os.tmpdir(), "s3mr-program-"));
    });
    afterEach(() => {
        process.chdir(cwd);
        pulumi.runtime.setAllConfig(saved);
    });
    after(() => fs.rmSync(project, { recursive: true, force: true }));

    /** Runs index.ts as the CLI does: the stack file's config set, the project as cwd, the exported function called. */
    async function runProgram(stack: string, overrides: Record<string, string> = {}, dir = project): Promise<unknown> {
        const file = discoverStacks(PROJECT_DIR).find((s) => s.name === stack)!;
        pulumi.runtime.setAllConfig({ ...mergedStackConfig(PROJECT_DIR, file), ...overrides });
        // Loaded before the directory changes: a file compiled for the first time finds tsconfig.json from the cwd.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const program = require("../../index") as () => Promise<unknown>;
        process.chdir(dir);
        try {
            return await program();
        } finally {
            process.chdir(cwd);
        }
    }

    const outputsOf = async (stack: string) =>
        (await valueOf((await runProgram(stack)) as Record<string, unknown>)) as Record<string, unknown>;

    it("a primary stack file builds the hub", async () => {
        const rec = await installMocks({
            stack: "tokyo",
            accountId: ACCOUNT_A,
            region: "ap-northeast-1",
            peers: { osaka: OSAKA_OUTPUTS, "dest-account": DEST_OUTPUTS },
        });
        const outputs = await outputsOf("tokyo");
        await settle();
        assert.deepEqual([outputs.role, outputs.region], ["primary", "ap-northeast-1"]);
        assert.equal(rec.ofType("aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint").length, 1);
    });

    it("a secondary stack file builds a regional data bucket", async () => {
        await installMocks({ stack: "osaka", accountId: ACCOUNT_A, region: "ap-northeast-3" });
        const outputs = await outputsOf("osaka");
        await settle();
        assert.deepEqual([outputs.role, outputs.bucketName], ["secondary", OSAKA_OUTPUTS.bucketName]);
    });

    it("an adopting stack file: the program reads adopted/<stack>.json and keeps its statements in the bucket's policy", async () => {
        const kept = path.join(project, "kept");
        fs.mkdirSync(path.join(kept, "adopted"), { recursive: true });
        const statement = {
            Sid: "InventoryDeliveryFromReports",
            Effect: "Allow",
            Principal: { Service: "s3.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: `arn:aws:s3:::${LEGACY}/inventory/*`,
        };
        fs.writeFileSync(
            path.join(kept, "adopted", "osaka.json"),
            JSON.stringify({
                version: 1,
                stack: "osaka",
                bucket: LEGACY,
                region: "ap-northeast-3",
                accountId: ACCOUNT_A,
                readAt: "2026-12-01T00:00:00Z",
                keptPolicyStatements: [statement],
                keptLifecycleRules: [],
            }),
        );
        const rec = await installMocks({ stack: "osaka", accountId: ACCOUNT_A, region: "ap-northeast-3" });
        await valueOf((await runProgram("osaka", { "s3-multiregion:existingBucketName": LEGACY }, kept)) as object);
        await settle();
        const policy = rec.ofType("aws:s3/bucketPolicy:BucketPolicy").find((p) => p.inputs.bucket === LEGACY)!;
        const statements = JSON.parse(policy.inputs.policy).Statement as { Sid: string }[];
        assert.deepEqual(
            statements.filter((st) => st.Sid === statement.Sid),
            [statement],
        );
    });

    it("a destination stack file builds account B's replica", async () => {
        await installMocks({ stack: "dest-account", accountId: ACCOUNT_B, region: "ap-northeast-1" });
        const outputs = await outputsOf("dest-account");
        await settle();
        assert.deepEqual([outputs.role, outputs.replicaBucketName], ["destination", DEST_OUTPUTS.replicaBucketName]);
    });

    it("bad config fails with its one line as a RunError (printed without a stack trace)", async () => {
        const rec = await installMocks({ stack: "osaka", accountId: ACCOUNT_A, region: "ap-northeast-3" });
        let caught: unknown;
        await runProgram("osaka", { "s3-multiregion:sourceAccountId": "1111" }).catch((e: unknown) => (caught = e));
        assert.ok(pulumi.RunError.isInstance(caught), `expected a RunError, got ${String(caught)}`);
        assert.equal(
            (caught as Error).message,
            'config s3-multiregion:sourceAccountId = "1111"; allowed: a 12-digit AWS account id',
        );
        await settle();
        assert.deepEqual(rec.resources, []);
    });

    it("any other failure is not dressed as a config line: it keeps its own error (and stack trace)", async () => {
        await installMocks({ stack: "osaka", accountId: ACCOUNT_A, region: "ap-northeast-3" });
        // The kept-settings file is a directory: reading it fails with the file system's error, not a ConfigError.
        const broken = path.join(project, "broken");
        fs.mkdirSync(path.join(broken, "adopted", "osaka.json"), { recursive: true });
        let caught: unknown;
        await runProgram("osaka", { "s3-multiregion:existingBucketName": LEGACY }, broken).catch(
            (e: unknown) => (caught = e),
        );
        assert.equal(pulumi.RunError.isInstance(caught), false, `expected no RunError, got ${String(caught)}`);
        assert.equal((caught as NodeJS.ErrnoException).code, "EISDIR");
        await settle();
    });
});
