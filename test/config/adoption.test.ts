// Tests of reading an adopted bucket's kept settings for a stack, and of composing them with the stack's own statements and rules.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ConfigError } from "../../config/configReader";
import {
    composeKeptRuleIds,
    composeKeptStatements,
    liveBucketProblem,
    readAdoptedSettings,
    sharedExistingBucketProblem,
} from "../../config/adoption";

const PROJECT_DIR = "/project";
const cfg = { stack: "tokyo", region: "ap-northeast-1", accountId: "111111111111", existingBucketName: "legacy-data" };
const keptStatement = {
    Sid: "AllowInventoryDelivery",
    Effect: "Allow" as const,
    Principal: { Service: "s3.amazonaws.com" },
    Action: "s3:PutObject",
    Resource: "arn:aws:s3:::legacy-data/inventory/*",
};
const file = (over: Record<string, unknown> = {}) =>
    JSON.stringify({
        version: 1,
        stack: "tokyo",
        bucket: "legacy-data",
        region: "ap-northeast-1",
        accountId: "111111111111",
        readAt: "2026-12-01T00:00:00Z",
        keptPolicyStatements: [keptStatement],
        keptLifecycleRules: [],
        ...over,
    });

function configError(fn: () => unknown): ConfigError {
    try {
        fn();
    } catch (e) {
        assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${e}`);
        assert.equal(e.key, "existingBucketName");
        assert.equal(e.message.split("\n").length, 1);
        return e;
    }
    assert.fail("expected a ConfigError");
}

describe("adoption: reading adopted/<stack>.json", () => {
    it("reads the file from the project directory", () => {
        const asked: string[] = [];
        const settings = readAdoptedSettings(PROJECT_DIR, cfg, (f) => {
            asked.push(f);
            return file();
        });
        assert.deepEqual(asked, [path.join(PROJECT_DIR, "adopted", "tokyo.json")]);
        assert.deepEqual(settings.keptPolicyStatements, [keptStatement]);
    });

    it("a missing file tells the user to run adopt for this stack first", () => {
        const e = configError(() => readAdoptedSettings(PROJECT_DIR, cfg, () => undefined));
        assert.equal(
            e.message,
            's3-multiregion:existingBucketName = "legacy-data" needs adopted/tokyo.json, which is missing: run npm run adopt -- --stack tokyo first (it reads the live bucket and writes the policy statements and lifecycle rules to keep)',
        );
    });

    it("a file written for another bucket is refused", () => {
        const e = configError(() => readAdoptedSettings(PROJECT_DIR, cfg, () => file({ bucket: "other" })));
        assert.match(
            e.message,
            /was written for bucket other of stack tokyo: run npm run adopt -- --stack tokyo again$/,
        );
    });

    it("a file written for another stack is refused, naming the stack it was written for", () => {
        const e = configError(() => readAdoptedSettings(PROJECT_DIR, cfg, () => file({ stack: "osaka" })));
        assert.equal(
            e.message,
            's3-multiregion:existingBucketName = "legacy-data", but adopted/tokyo.json was written for bucket legacy-data of stack osaka: run npm run adopt -- --stack tokyo again',
        );
    });

    it("reads the file from disk by default, and a file that is not there is missing", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "s3mr-adopted-"));
        try {
            assert.match(
                configError(() => readAdoptedSettings(dir, cfg)).message,
                /needs adopted\/tokyo\.json, which is missing:/,
            );
            fs.mkdirSync(path.join(dir, "adopted"));
            fs.writeFileSync(path.join(dir, "adopted", "tokyo.json"), file());
            assert.deepEqual(readAdoptedSettings(dir, cfg), JSON.parse(file()));
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("a bucket adopt found in another account or region gets adopt's own line", () => {
        const account = configError(() =>
            readAdoptedSettings(PROJECT_DIR, cfg, () => file({ accountId: "222222222222" })),
        );
        assert.match(
            account.message,
            /^stack tokyo: bucket legacy-data belongs to account 222222222222, not to account 111111111111/,
        );
        const region = configError(() =>
            readAdoptedSettings(PROJECT_DIR, cfg, () => file({ region: "ap-northeast-3" })),
        );
        assert.match(
            region.message,
            /^stack tokyo: bucket legacy-data is in ap-northeast-3, but the stack deploys to ap-northeast-1/,
        );
        const view = (region: string) => ({
            callerAccountId: "111111111111",
            ownedBuckets: [{ name: "legacy-data", region }],
        });
        assert.equal(liveBucketProblem(cfg, view("ap-northeast-3")), region.message);
        assert.equal(liveBucketProblem(cfg, view("ap-northeast-1")), undefined);
    });
});

describe("adoption: the live bucket at deploy time", () => {
    const mine = { callerAccountId: "111111111111", ownedBuckets: [{ name: "legacy-data", region: "ap-northeast-1" }] };

    it("fits when the caller's account owns the bucket in the stack's region", () => {
        assert.equal(liveBucketProblem(cfg, mine), undefined);
    });

    it("a bucket the caller's account does not list is another account's, with adopt's line", () => {
        // ListBuckets filtered by prefix may list longer names: only the exact name counts.
        const view = { ...mine, ownedBuckets: [{ name: "legacy-data-old", region: "ap-northeast-1" }] };
        assert.equal(
            liveBucketProblem(cfg, view),
            "stack tokyo: bucket legacy-data belongs to another account, not to account 111111111111 that the stack deploys into: " +
                "set existingBucketName to a bucket of account 111111111111, or adopt the bucket from a stack of the account that owns it",
        );
    });

    it("a bucket in another region, with adopt's line", () => {
        const view = { ...mine, ownedBuckets: [{ name: "legacy-data", region: "ap-northeast-3" }] };
        assert.equal(
            liveBucketProblem(cfg, view),
            "stack tokyo: bucket legacy-data is in ap-northeast-3, but the stack deploys to ap-northeast-1 (aws:region in Pulumi.tokyo.yaml): " +
                "adopt it from a stack whose aws:region is ap-northeast-3, or set existingBucketName to a bucket in ap-northeast-1",
        );
    });

    it("credentials of another account come first, naming the account key of the stack's role", () => {
        const other = { ...mine, callerAccountId: "333333333333" };
        assert.equal(
            liveBucketProblem(cfg, other),
            "the stack's AWS provider is account 333333333333, but stack tokyo deploys into account 111111111111 (sourceAccountId): " +
                "set aws:profile in Pulumi.tokyo.yaml (or AWS_PROFILE) to a profile of account 111111111111",
        );
        assert.match(
            liveBucketProblem({ ...cfg, role: "destination" }, other) ?? "",
            /deploys into account 111111111111 \(destinationAccountId\)/,
        );
    });

    it("a region ListBuckets did not name is left to adopt's finding", () => {
        assert.equal(
            liveBucketProblem(cfg, { ...mine, ownedBuckets: [{ name: "legacy-data", region: "" }] }),
            undefined,
        );
    });
});

describe("adoption: composing kept settings", () => {
    const ours = [{ Sid: "DenyInsecureTransport" }, { Sid: "DelegateToOwnAccessPoints" }];

    it("kept statements follow the stack's own, each exactly once", () => {
        assert.deepEqual(composeKeptStatements("tokyo", ours, [keptStatement]), [...ours, keptStatement]);
    });

    it("a kept Sid equal to one of ours is refused, naming both", () => {
        const e = configError(() =>
            composeKeptStatements("tokyo", ours, [{ ...keptStatement, Sid: "DenyInsecureTransport" }]),
        );
        assert.equal(
            e.message,
            "s3-multiregion:existingBucketName: the kept statement DenyInsecureTransport in adopted/tokyo.json has the Sid of the stack's own statement DenyInsecureTransport; rename the kept statement's Sid in that file (or drop it with adopt) and run again",
        );
    });

    it("a kept lifecycle rule ID equal to one of ours is refused; others pass", () => {
        const ids = ["expire-noncurrent-versions", "abort-incomplete-multipart-uploads"];
        composeKeptRuleIds("tokyo", ids, [{ ID: "archive-logs", Status: "Enabled" }]);
        const e = configError(() =>
            composeKeptRuleIds("tokyo", ids, [{ ID: "expire-noncurrent-versions", Status: "Enabled" }]),
        );
        assert.match(
            e.message,
            /kept lifecycle rule expire-noncurrent-versions in adopted\/tokyo.json has the ID of the stack's own rule/,
        );
    });

    it("one existing bucket on two stacks is refused, naming both stacks", () => {
        assert.equal(
            sharedExistingBucketProblem([
                { stack: "osaka", existingBucketName: "legacy" },
                { stack: "dest-account" },
                { stack: "tokyo", existingBucketName: "legacy" },
            ]),
            "s3-multiregion:existingBucketName: stacks osaka and tokyo both adopt bucket legacy; each bucket belongs to one stack, so set existingBucketName on one of them only",
        );
        assert.equal(
            sharedExistingBucketProblem([
                { stack: "osaka", existingBucketName: "a" },
                { stack: "tokyo", existingBucketName: "b" },
                { stack: "dest-account" },
            ]),
            undefined,
        );
    });
});
