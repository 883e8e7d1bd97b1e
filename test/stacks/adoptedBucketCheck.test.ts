// The deploy-time check of an adopted bucket under mocks: another region or account fails with adopt's one line before any resource; a fitting bucket passes.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { accountRefusal, regionRefusal } from "../../config/adoptionChecks";
import { ConfigError } from "../../config/configReader";
import { SecondaryConfig } from "../../config/platformConfig";
import { discoverStacks } from "../../config/stackFiles";
import { checkAdoptedBucket } from "../../stacks/adoptedBucketCheck";
import { secondaryStack } from "../../stacks/secondary";
import { installMocks, MockEnvironment, settle, valueOf } from "../../verifier/mockRuntime";
import { mergedStackConfig } from "../../verifier/stackConfig";
import { PROJECT_DIR, stackConfig } from "../support/stackConfigs";

const LEGACY = "legacy-osaka-data";
const OSAKA = "ap-northeast-3";
const ACCOUNT_A = "111111111111";
const INVOKES = ["aws:index/getCallerIdentity:getCallerIdentity", "aws:s3/getBuckets:getBuckets"];

function osakaConfig() {
    const cfg = stackConfig<SecondaryConfig>("osaka", { "s3-multiregion:existingBucketName": LEGACY });
    return { ...cfg, existingBucketName: LEGACY };
}

async function mocks(over: Partial<MockEnvironment>) {
    return installMocks({ stack: "osaka", accountId: ACCOUNT_A, region: OSAKA, ...over });
}

/** The check's rejection: a ConfigError naming existingBucketName, returned for its message. */
async function refusal(): Promise<string> {
    let caught: unknown;
    await checkAdoptedBucket(osakaConfig()).catch((e: unknown) => (caught = e));
    assert.ok(caught instanceof ConfigError, `expected a ConfigError, got ${String(caught)}`);
    assert.equal(caught.key, "existingBucketName");
    return caught.message;
}

// The subject adopt's own tests (test/operations/adoptRefusals.test.ts) refuse with, for the same stack.
const S = { stack: "osaka", bucket: LEGACY, region: OSAKA, accountId: ACCOUNT_A };

describe("adopted buckets: the deploy-time check of the live bucket", () => {
    it("a bucket in another region fails with adopt's line, asking AWS exactly who and what it owns", async () => {
        const rec = await mocks({ ownedBuckets: [{ name: LEGACY, region: "ap-northeast-1" }] });
        const line = await refusal();
        assert.equal(
            line,
            "stack osaka: bucket legacy-osaka-data is in ap-northeast-1, but the stack deploys to ap-northeast-3 (aws:region in Pulumi.osaka.yaml): " +
                "adopt it from a stack whose aws:region is ap-northeast-1, or set existingBucketName to a bucket in ap-northeast-3",
        );
        assert.equal(line, regionRefusal(S, "ap-northeast-1"));
        assert.deepEqual([...rec.invokes].sort(), INVOKES);
        await settle();
        assert.equal(rec.resources.length, 0);
    });

    it("a bucket another account owns (not in the caller's ListBuckets) fails with adopt's line", async () => {
        const rec = await mocks({ ownedBuckets: [{ name: `${LEGACY}-2`, region: OSAKA }] });
        const line = await refusal();
        assert.equal(line, accountRefusal(S, false));
        assert.match(
            line,
            /^stack osaka: bucket legacy-osaka-data belongs to another account, not to account 111111111111/,
        );
        await settle();
        assert.equal(rec.resources.length, 0);
    });

    it("credentials of another account fail with adopt's line for them", async () => {
        await mocks({ callerAccountId: "333333333333" });
        assert.equal(
            await refusal(),
            "the stack's AWS provider is account 333333333333, but stack osaka deploys into account 111111111111 (sourceAccountId): " +
                "set aws:profile in Pulumi.osaka.yaml (or AWS_PROFILE) to a profile of account 111111111111",
        );
    });

    it("a bucket of the stack's account in its region passes, and the stack then reads it", async () => {
        const rec = await mocks({ ownedBuckets: [{ name: LEGACY, region: OSAKA }] });
        await checkAdoptedBucket(osakaConfig());
        const cfg = osakaConfig();
        const outputs = (await valueOf(
            secondaryStack({
                ...cfg,
                adopted: {
                    version: 1,
                    stack: "osaka",
                    bucket: LEGACY,
                    region: OSAKA,
                    accountId: ACCOUNT_A,
                    readAt: "2026-12-01T00:00:00Z",
                    keptPolicyStatements: [],
                    keptLifecycleRules: [],
                },
            }),
        )) as Record<string, unknown>;
        await settle();
        assert.equal(outputs.bucketName, LEGACY);
        assert.equal(rec.resources.find((r) => r.name === "data" && r.type === "aws:s3/bucket:Bucket")?.read, true);
    });
});

describe("adopted buckets: the program checks the live bucket before it declares anything", () => {
    let project: string;
    const cwd = process.cwd();
    before(() => {
        // A project directory with the kept-settings file adopt would have written for osaka.
        project = fs.mkdtempSync(path.join(os.tmpdir(), "s3mr-adopted-"));
        fs.mkdirSync(path.join(project, "adopted"));
        const settings = { version: 1, stack: "osaka", bucket: LEGACY, region: OSAKA, accountId: ACCOUNT_A };
        fs.writeFileSync(
            path.join(project, "adopted", "osaka.json"),
            JSON.stringify({
                ...settings,
                readAt: "2026-12-01T00:00:00Z",
                keptPolicyStatements: [],
                keptLifecycleRules: [],
            }),
        );
    });
    after(() => {
        process.chdir(cwd);
        pulumi.runtime.setAllConfig({});
        fs.rmSync(project, { recursive: true, force: true });
    });

    /** Runs index.ts as the CLI does (config set, the project as cwd, the exported function called). */
    async function runProgram(): Promise<unknown> {
        const file = discoverStacks(PROJECT_DIR).find((s) => s.name === "osaka")!;
        pulumi.runtime.setAllConfig({
            ...mergedStackConfig(PROJECT_DIR, file),
            "s3-multiregion:existingBucketName": LEGACY,
        });
        // Loaded before the directory changes: a file compiled for the first time finds tsconfig.json from the cwd.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const program = require("../../index") as () => Promise<unknown>;
        process.chdir(project);
        try {
            return await program();
        } finally {
            process.chdir(cwd);
        }
    }

    it("a bucket found in another region fails `pulumi up` with adopt's line alone, and no resource exists", async () => {
        const rec = await mocks({ ownedBuckets: [{ name: LEGACY, region: "ap-northeast-1" }] });
        let caught: unknown;
        await runProgram().catch((e: unknown) => (caught = e));
        // A RunError: the CLI prints its message alone, without a stack trace.
        assert.ok(pulumi.RunError.isInstance(caught), `expected a RunError, got ${String(caught)}`);
        assert.equal((caught as Error).message, regionRefusal(S, "ap-northeast-1"));
        await settle();
        assert.deepEqual(rec.resources, []);
    });

    it("a bucket where adopt found it lets the program build the stack around the read bucket", async () => {
        const rec = await mocks({});
        const outputs = (await valueOf((await runProgram()) as Record<string, unknown>)) as Record<string, unknown>;
        await settle();
        assert.equal(outputs.bucketName, LEGACY);
        assert.deepEqual([...rec.invokes].sort(), INVOKES);
        assert.equal(rec.resources.find((r) => r.name === "data" && r.type === "aws:s3/bucket:Bucket")?.read, true);
    });
});
