// The kept-settings file that `adopt` writes and an adopting stack reads: good files parse, bad ones
// give one line naming the file.
import * as assert from "node:assert/strict";
import { adoptedSettingsPath, parseAdoptedSettings } from "../../config/adoptedSettings";
import { ConfigError } from "../../config/configReader";

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

/** The one line a refused file gives; the error names existingBucketName, the key that made the stack read the file. */
function refusal(doc: unknown): string {
    try {
        parseAdoptedSettings(JSON.stringify(doc), "f.json");
    } catch (e) {
        assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${e}`);
        assert.equal(e.key, "existingBucketName");
        return e.message;
    }
    assert.fail(`accepted ${JSON.stringify(doc)}`);
}
const line = (what: string) => `f.json: ${what}; run npm run adopt again to rewrite it`;
const accepts = (doc: unknown) => assert.deepEqual(parseAdoptedSettings(JSON.stringify(doc), "f.json"), doc);
const { region: _region, ...withoutRegion } = GOOD;
const { keptPolicyStatements: _statements, ...withoutStatements } = GOOD;
const LOGGING = { TargetBucket: "legacy-logs", TargetPrefix: "logs/" };
const withLogging = (logging: unknown) => ({ ...GOOD, keptAccessLogging: logging });
const withFormat = (format: unknown) => withLogging({ ...LOGGING, TargetObjectKeyFormat: format });

describe("adopted settings file: every field is checked", () => {
    it("the file must be a JSON object: null, a list, a string or a number is refused", () => {
        for (const doc of [null, [], [GOOD], "tokyo", 1]) assert.equal(refusal(doc), line("not a JSON object"));
    });

    it("the five names must be non-empty strings", () => {
        assert.equal(refusal({ ...GOOD, stack: 5 }), line("stack is missing or not a string"));
        assert.equal(refusal(withoutRegion), line("region is missing or not a string"));
        assert.equal(refusal({ ...GOOD, readAt: "" }), line("readAt is missing or not a string"));
    });

    it("the kept statements and rules must be lists", () => {
        assert.equal(refusal(withoutStatements), line("keptPolicyStatements is not a list"));
        assert.equal(
            refusal({ ...GOOD, keptPolicyStatements: GOOD.keptPolicyStatements[0] }),
            line("keptPolicyStatements is not a list"),
        );
        assert.equal(
            refusal({ ...GOOD, keptLifecycleRules: GOOD.keptLifecycleRules[0] }),
            line("keptLifecycleRules is not a list"),
        );
    });

    it("a kept statement is an object with a non-empty Sid and Effect Allow or Deny", () => {
        for (const st of [null, "InventoryDelivery", [], { Sid: 5, Effect: "Allow" }, { Sid: "", Effect: "Allow" }])
            assert.equal(
                refusal({ ...GOOD, keptPolicyStatements: [st] }),
                line("every kept policy statement needs a Sid"),
                JSON.stringify(st),
            );
        for (const st of [{ Sid: "X", Effect: "Permit" }, { Sid: "X" }])
            assert.equal(
                refusal({ ...GOOD, keptPolicyStatements: [st] }),
                line("statement X has no Effect Allow or Deny"),
            );
        accepts({
            ...GOOD,
            keptPolicyStatements: [
                { Sid: "InventoryDelivery", Effect: "Allow" },
                { Sid: "DenyOldTls", Effect: "Deny" },
            ],
        });
    });

    it("a kept lifecycle rule is an object with a non-empty ID, Status Enabled or Disabled, and an ID of its own", () => {
        for (const rule of [null, "logs", [], { ID: 5, Status: "Enabled" }, { ID: "", Status: "Enabled" }])
            assert.equal(
                refusal({ ...GOOD, keptLifecycleRules: [rule] }),
                line("every kept lifecycle rule needs an ID"),
                JSON.stringify(rule),
            );
        assert.equal(
            refusal({ ...GOOD, keptLifecycleRules: [{ ID: "logs", Status: "enabled" }] }),
            line("lifecycle rule logs has no Status Enabled or Disabled"),
        );
        assert.equal(
            refusal({ ...GOOD, keptLifecycleRules: [GOOD.keptLifecycleRules[0], GOOD.keptLifecycleRules[0]] }),
            line("two kept lifecycle rules have the ID logs"),
        );
        accepts({
            ...GOOD,
            keptLifecycleRules: [
                { ID: "logs", Status: "Enabled" },
                { ID: "old", Status: "Disabled" },
            ],
        });
    });

    it("a kept logging target is an object with a target bucket and a prefix", () => {
        for (const logging of [null, [], "legacy-logs"])
            assert.equal(refusal(withLogging(logging)), line("keptAccessLogging is not an object"));
        for (const bucket of ["", 5])
            assert.equal(
                refusal(withLogging({ ...LOGGING, TargetBucket: bucket })),
                line("keptAccessLogging.TargetBucket is missing or not a string"),
            );
        for (const prefix of [undefined, 5])
            assert.equal(
                refusal(withLogging({ ...LOGGING, TargetPrefix: prefix })),
                line("keptAccessLogging.TargetPrefix is not a string"),
            );
        // Neither key format nor grants: the live bucket wrote simple keys and had no grants.
        accepts(withLogging(LOGGING));
    });

    it("a kept key format is exactly one of SimplePrefix and PartitionedPrefix with a known date source", () => {
        const neither = line(
            "keptAccessLogging.TargetObjectKeyFormat is neither SimplePrefix nor PartitionedPrefix with PartitionDateSource EventTime or DeliveryTime",
        );
        for (const format of [
            {},
            null,
            "SimplePrefix",
            { SimplePrefix: {}, PartitionedPrefix: { PartitionDateSource: "EventTime" } },
            { PartitionedPrefix: { PartitionDateSource: "ArrivalTime" } },
            { PartitionedPrefix: "EventTime" },
        ])
            assert.equal(refusal(withFormat(format)), neither, JSON.stringify(format));
        for (const format of [
            { SimplePrefix: {} },
            { PartitionedPrefix: { PartitionDateSource: "EventTime" } },
            { PartitionedPrefix: { PartitionDateSource: "DeliveryTime" } },
        ])
            accepts(withFormat(format));
    });

    it("kept grants must be a list", () => {
        assert.equal(
            refusal(withLogging({ ...LOGGING, TargetGrants: {} })),
            line("keptAccessLogging.TargetGrants is not a list"),
        );
        accepts(withLogging({ ...LOGGING, TargetGrants: [] }));
    });
});
