// Tests of the hub-output parser: a typed result, and one error naming the output that is missing or wrong.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PreflightError } from "../../operations/common/cli";
import { parseHubOutputs, readOutputsFile } from "../../operations/common/hubOutputs";
import { ACCOUNT_B, hubOutputsDoc, MRAP_ARN, OSAKA_BUCKET } from "./fixtures";

describe("ops hub outputs", () => {
    it("types a complete document", () => {
        const o = parseHubOutputs(hubOutputsDoc(), "stack tokyo");
        assert.strictEqual(o.mrapArn, MRAP_ARN);
        assert.strictEqual(o.routesRegion, "us-west-2");
        assert.strictEqual(o.rtcThresholdSeconds, 900);
        assert.deepStrictEqual(
            o.regionalBuckets.map((b) => [b.stack, b.region]),
            [
                ["tokyo", "ap-northeast-1"],
                ["osaka", "ap-northeast-3"],
            ],
        );
        assert.strictEqual(o.regionalBuckets[1].bucketName, OSAKA_BUCKET);
        assert.strictEqual(o.destinationBucket?.accountId, ACCOUNT_B);
    });

    it("types a hub that does not replicate to account B without a destination bucket", () => {
        const doc = hubOutputsDoc();
        delete doc.destinationBucket;
        const o = parseHubOutputs(doc, "stack tokyo");
        assert.strictEqual(o.destinationBucket, undefined);
        assert.ok(!("destinationBucket" in o));
    });

    for (const key of [
        "mrapArn",
        "mrapAlias",
        "mrapName",
        "sourceAccountId",
        "routesRegion",
        "regionalBuckets",
        "rtcThresholdSeconds",
    ]) {
        it(`names the missing output ${key}`, () => {
            const doc = hubOutputsDoc();
            delete doc[key];
            assert.throws(
                () => parseHubOutputs(doc, "stack tokyo"),
                (e: Error) =>
                    e instanceof PreflightError && e.message.startsWith(`stack tokyo: missing output "${key}"`),
            );
        });
    }

    const wrong: Array<[string, Record<string, unknown>, RegExp]> = [
        [
            "a nested field",
            { regionalBuckets: [{ stack: "tokyo", region: "ap-northeast-1", bucketName: "b" }] },
            /missing output "regionalBuckets\[0\]\.bucketArn"/,
        ],
        [
            "a destination field",
            { destinationBucket: { accountId: ACCOUNT_B, region: "ap-northeast-1", bucketName: "", bucketArn: "x" } },
            /"destinationBucket\.bucketName" must be a non-empty string/,
        ],
        ["a secret", { mrapArn: "[secret]" }, /"mrapArn" is a secret; .*--show-secrets/],
        ["a non-MRAP ARN", { mrapArn: "arn:aws:s3:::plain-bucket" }, /not a Multi-Region Access Point ARN/],
        [
            "an MRAP of another account",
            { sourceAccountId: "999999999999" },
            /mrapArn" is in account 111111111111 but "sourceAccountId" is 999999999999/,
        ],
        [
            "a routes region where the API does not answer",
            { routesRegion: "ap-northeast-3" },
            /routesRegion" is ap-northeast-3; the routes API answers only in us-east-1, us-west-2/,
        ],
        ["no buckets", { regionalBuckets: [] }, /"regionalBuckets" must be a non-empty array/],
        ["a string threshold", { rtcThresholdSeconds: "900" }, /"rtcThresholdSeconds" must be a positive number/],
    ];
    for (const [what, overrides, message] of wrong) {
        it(`refuses ${what}`, () => {
            assert.throws(() => parseHubOutputs(hubOutputsDoc(overrides), "--outputs o.json"), message);
        });
    }

    it("refuses a document that is not a JSON object with one line, whatever it is instead", () => {
        for (const raw of [null, [hubOutputsDoc()], "mrapArn", 42]) {
            assert.throws(
                () => parseHubOutputs(raw, "--outputs o.json"),
                (e: Error) =>
                    e instanceof PreflightError &&
                    e.message ===
                        "--outputs o.json: expected a JSON object of stack outputs (pulumi stack output --json)",
                JSON.stringify(raw),
            );
        }
    });

    it("an output present as null or undefined is missing, not a wrong value", () => {
        for (const value of [null, undefined]) {
            assert.throws(
                () => parseHubOutputs(hubOutputsDoc({ mrapAlias: value }), "stack tokyo"),
                (e: Error) =>
                    e.message ===
                    'stack tokyo: missing output "mrapAlias" (is the hub stack deployed with this version of the program?)',
            );
        }
    });

    it("a bucket or destination that is not an object is refused by its path", () => {
        const cases: Array<[Record<string, unknown>, string]> = [
            [{ regionalBuckets: [["tokyo"]] }, 'output "regionalBuckets[0]" must be an object, got ["tokyo"]'],
            [
                { regionalBuckets: ["tokyo-bucket"] },
                'output "regionalBuckets[0]" must be an object, got "tokyo-bucket"',
            ],
            [{ regionalBuckets: [null] }, 'output "regionalBuckets[0]" must be an object, got null'],
            [{ destinationBucket: ["b"] }, 'output "destinationBucket" must be an object, got ["b"]'],
            [{ destinationBucket: null }, 'output "destinationBucket" must be an object, got null'],
            [{ destinationBucket: "b" }, 'output "destinationBucket" must be an object, got "b"'],
        ];
        for (const [overrides, message] of cases) {
            assert.throws(
                () => parseHubOutputs(hubOutputsDoc(overrides), "s"),
                (e: Error) => e instanceof PreflightError && e.message === `s: ${message}`,
                message,
            );
        }
    });

    it("refuses two buckets in one region (an MRAP takes one per region)", () => {
        const doc = hubOutputsDoc();
        const buckets = doc.regionalBuckets as Array<Record<string, string>>;
        buckets[1] = { ...buckets[1], region: "ap-northeast-1" };
        assert.throws(() => parseHubOutputs(doc, "s"), /two buckets in one region/);
    });

    it("reads an outputs file and explains a missing or malformed one", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "s3mr-outputs-"));
        const good = path.join(dir, "good.json");
        fs.writeFileSync(good, JSON.stringify(hubOutputsDoc()));
        assert.strictEqual(parseHubOutputs(readOutputsFile(good), good).mrapArn, MRAP_ARN);
        const bad = path.join(dir, "bad.json");
        fs.writeFileSync(bad, "mrapArn: not json");
        assert.throws(
            () => readOutputsFile(bad),
            (e: Error) => e instanceof PreflightError && /is not JSON .*pulumi stack output --json/.test(e.message),
        );
        assert.throws(
            () => readOutputsFile(path.join(dir, "absent.json")),
            /cannot read --outputs file .*absent\.json: ENOENT/,
        );
        fs.rmSync(dir, { recursive: true, force: true });
    });
});
