// Tests of carrying a kept lifecycle rule (S3 API shape) into the bucket's one lifecycle configuration.
import * as assert from "node:assert/strict";
import { keptLifecycleRuleInput } from "../../components/storage/keptLifecycleRule";

describe("kept lifecycle rule: S3 API shape to the Pulumi input", () => {
    it("carries every member of a full rule", () => {
        assert.deepEqual(
            keptLifecycleRuleInput({
                ID: "archive-logs",
                Status: "Enabled",
                Filter: {
                    And: { Prefix: "logs/", Tags: [{ Key: "class", Value: "log" }], ObjectSizeGreaterThan: 128 },
                },
                Expiration: { Days: 365 },
                Transitions: [{ Days: 30, StorageClass: "GLACIER" }],
                NoncurrentVersionExpiration: { NoncurrentDays: 400, NewerNoncurrentVersions: 3 },
                NoncurrentVersionTransitions: [{ NoncurrentDays: 30, StorageClass: "STANDARD_IA" }],
                AbortIncompleteMultipartUpload: { DaysAfterInitiation: 2 },
            }),
            {
                id: "archive-logs",
                status: "Enabled",
                filter: { and: { prefix: "logs/", objectSizeGreaterThan: 128, tags: { class: "log" } } },
                expiration: { days: 365 },
                transitions: [{ days: 30, storageClass: "GLACIER" }],
                noncurrentVersionExpiration: { noncurrentDays: 400, newerNoncurrentVersions: 3 },
                noncurrentVersionTransitions: [{ noncurrentDays: 30, storageClass: "STANDARD_IA" }],
                abortIncompleteMultipartUpload: { daysAfterInitiation: 2 },
            },
        );
    });

    it("reads the legacy top-level Prefix as a prefix filter, a tag filter as a tag, dates as ISO", () => {
        assert.deepEqual(
            keptLifecycleRuleInput({
                ID: "old",
                Status: "Disabled",
                Prefix: "tmp/",
                Expiration: { Date: "2027-01-01T00:00:00Z" },
            }),
            {
                id: "old",
                status: "Disabled",
                filter: { prefix: "tmp/" },
                expiration: { date: "2027-01-01T00:00:00.000Z" },
            },
        );
        assert.deepEqual(
            keptLifecycleRuleInput({
                ID: "t",
                Status: "Enabled",
                Filter: { Tag: { Key: "k", Value: "v" } },
                Expiration: { ExpiredObjectDeleteMarker: true },
            }).filter,
            { tag: { key: "k", value: "v" } },
        );
    });

    it("refuses a member it cannot carry over instead of dropping it, naming the rule", () => {
        assert.throws(
            () => keptLifecycleRuleInput({ ID: "future", Status: "Enabled", Filter: {}, SomethingNew: { Days: 1 } }),
            /^Error: kept lifecycle rule future: the rule has SomethingNew, which the stack cannot carry over/,
        );
        assert.throws(
            () => keptLifecycleRuleInput({ ID: "f", Status: "Enabled", Filter: { Mystery: 1 } }),
            /kept lifecycle rule f: Filter has Mystery/,
        );
    });
});
