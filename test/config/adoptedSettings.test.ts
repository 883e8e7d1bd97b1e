// The kept-settings file that `adopt` writes and an adopting stack reads: good files parse, bad ones
// give one line naming the file.
import * as assert from "node:assert/strict";
import { adoptedSettingsPath, parseAdoptedSettings } from "../../config/adoptedSettings";

const GOOD = {
    version: 1,
    stack: "tokyo",
    bucket: "legacy-data",
    region: "ap-northeast-1",
    accountId: "111111111111",
    readAt: "2026-12-01T00:00:00.000Z",
    keptPolicyStatements: [{ Sid: "InventoryDelivery", Effect: "Allow", Action: "s3:PutObject" }],
    keptLifecycleRules: [{ ID: "logs", Status: "Enabled", Filter: { Prefix: "logs/" } }],
};

describe("adopted settings file", () => {
    it("lives at adopted/<stack>.json in the project", () => {
        assert.equal(adoptedSettingsPath("/p", "tokyo"), "/p/adopted/tokyo.json");
        assert.equal(adoptedSettingsPath("/p", "org/proj/tokyo"), "/p/adopted/org_proj_tokyo.json");
    });

    it("parses a good file as is", () => {
        assert.deepEqual(parseAdoptedSettings(JSON.stringify(GOOD), "f.json"), GOOD);
    });

    it("parses a kept logging target with its key format and grants", () => {
        const doc = {
            ...GOOD,
            keptAccessLogging: {
                TargetBucket: "legacy-logs",
                TargetPrefix: "",
                TargetObjectKeyFormat: { PartitionedPrefix: { PartitionDateSource: "DeliveryTime" } },
                TargetGrants: [
                    {
                        Grantee: { Type: "Group", URI: "http://acs.amazonaws.com/groups/global/AllUsers" },
                        Permission: "READ",
                    },
                ],
            },
        };
        assert.deepEqual(parseAdoptedSettings(JSON.stringify(doc), "f.json"), doc);
    });

    const cases: [string, unknown, RegExp][] = [
        ["not JSON", "{", /^f\.json: not JSON/],
        ["a wrong version", { ...GOOD, version: 2 }, /^f\.json: version 2 is not 1;/],
        ["no bucket", { ...GOOD, bucket: "" }, /^f\.json: bucket is missing or not a string;/],
        ["a short account", { ...GOOD, accountId: "1111" }, /^f\.json: accountId "1111" is not 12 digits;/],
        [
            "a statement without Sid",
            { ...GOOD, keptPolicyStatements: [{ Effect: "Allow" }] },
            /^f\.json: every kept policy statement needs a Sid;/,
        ],
        [
            "a duplicated Sid",
            { ...GOOD, keptPolicyStatements: [GOOD.keptPolicyStatements[0], GOOD.keptPolicyStatements[0]] },
            /^f\.json: two kept policy statements have the Sid InventoryDelivery;/,
        ],
        [
            "a rule without Status",
            { ...GOOD, keptLifecycleRules: [{ ID: "x" }] },
            /^f\.json: lifecycle rule x has no Status Enabled or Disabled;/,
        ],
        [
            "a logging target without a bucket",
            { ...GOOD, keptAccessLogging: { TargetPrefix: "x/" } },
            /^f\.json: keptAccessLogging\.TargetBucket is missing or not a string;/,
        ],
        [
            "a logging field the stack cannot carry over",
            { ...GOOD, keptAccessLogging: { TargetBucket: "b", TargetPrefix: "", Extra: 1 } },
            /^f\.json: keptAccessLogging has Extra, which the stack cannot carry over;/,
        ],
        [
            "a partitioned key format without its date source",
            {
                ...GOOD,
                keptAccessLogging: {
                    TargetBucket: "b",
                    TargetPrefix: "",
                    TargetObjectKeyFormat: { PartitionedPrefix: {} },
                },
            },
            /^f\.json: keptAccessLogging\.TargetObjectKeyFormat is neither SimplePrefix nor PartitionedPrefix/,
        ],
    ];
    for (const [what, doc, message] of cases) {
        it(`refuses ${what} in one line naming the file`, () => {
            const text = typeof doc === "string" ? doc : JSON.stringify(doc);
            assert.throws(
                () => parseAdoptedSettings(text, "f.json"),
                (e: Error) => e.name === "ConfigError" && message.test(e.message) && !e.message.includes("\n"),
            );
        });
    }
});
