// The lifecycle pause of a bucket under Batch Replication, as a pure function: which rules turn Disabled, and that nothing else changes.
import * as assert from "node:assert/strict";
import { expiresData, pausedRuleIds, withExpiryPaused } from "../../components/storage/lifecyclePause";

const NONCURRENT = {
    id: "expire-noncurrent-versions",
    status: "Enabled",
    filter: {},
    noncurrentVersionExpiration: { noncurrentDays: 90 },
};
const MULTIPART = {
    id: "abort-incomplete-multipart-uploads",
    status: "Enabled",
    filter: {},
    abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
};
const EXPIRE_TMP = { id: "expire-tmp", status: "Enabled", filter: { prefix: "tmp/" }, expiration: { days: 7 } };
const ARCHIVE = {
    id: "archive",
    status: "Enabled",
    filter: {},
    transitions: [{ days: 30, storageClass: "GLACIER" }],
    noncurrentVersionTransitions: [{ noncurrentDays: 30, storageClass: "GLACIER" }],
};
const ALREADY_OFF = { id: "old", status: "Disabled", filter: {}, expiration: { days: 1 } };
const RULES = [NONCURRENT, MULTIPART, EXPIRE_TMP, ARCHIVE, ALREADY_OFF];

describe("lifecycle pause during Batch Replication", () => {
    it("a rule expires data when it expires objects or noncurrent versions, and only then", () => {
        assert.deepEqual(
            RULES.map((r) => [r.id, expiresData(r)]),
            [
                ["expire-noncurrent-versions", true],
                ["abort-incomplete-multipart-uploads", false],
                ["expire-tmp", true],
                ["archive", false],
                ["old", true],
            ],
        );
    });

    it("paused: exactly the expiring rules turn Disabled, every other member and rule stays as declared", () => {
        assert.deepEqual(withExpiryPaused(RULES, true), [
            { ...NONCURRENT, status: "Disabled" },
            MULTIPART,
            { ...EXPIRE_TMP, status: "Disabled" },
            ARCHIVE,
            ALREADY_OFF,
        ]);
        assert.deepEqual(pausedRuleIds(RULES, true), ["expire-noncurrent-versions", "expire-tmp"]);
    });

    it("not paused: the rules are exactly as declared and none is reported paused", () => {
        assert.deepEqual(withExpiryPaused(RULES, false), RULES);
        assert.deepEqual(pausedRuleIds(RULES, false), []);
    });

    it("does not change the rules it is given (the stack's declared rules stay reusable)", () => {
        const copy = JSON.parse(JSON.stringify(RULES));
        withExpiryPaused(RULES, true);
        assert.deepEqual(RULES, copy);
    });
});
