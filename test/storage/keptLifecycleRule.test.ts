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

    it("carries a plain filter's prefix and size bounds, an And's upper bound, and a rule without filter or prefix as the whole bucket", () => {
        assert.deepEqual(
            keptLifecycleRuleInput({
                ID: "sized",
                Status: "Enabled",
                Filter: { Prefix: "logs/", ObjectSizeGreaterThan: 10, ObjectSizeLessThan: 100 },
                Expiration: { Days: 30 },
            }).filter,
            { prefix: "logs/", objectSizeGreaterThan: 10, objectSizeLessThan: 100 },
        );
        assert.deepEqual(
            keptLifecycleRuleInput({
                ID: "small",
                Status: "Enabled",
                Filter: { And: { Prefix: "tmp/", ObjectSizeLessThan: 1024 } },
                Expiration: { Days: 1 },
            }).filter,
            { and: { prefix: "tmp/", objectSizeLessThan: 1024 } },
        );
        assert.deepEqual(keptLifecycleRuleInput({ ID: "all", Status: "Enabled", Expiration: { Days: 1 } }).filter, {});
    });

    it("reads a null member as absent, as the S3 API may send it", () => {
        assert.deepEqual(
            keptLifecycleRuleInput({
                ID: "n",
                Status: "Enabled",
                Filter: {},
                Expiration: { Days: 5, Date: null },
                NoncurrentVersionExpiration: { NoncurrentDays: 30, NewerNoncurrentVersions: null },
            }),
            {
                id: "n",
                status: "Enabled",
                filter: {},
                expiration: { days: 5 },
                noncurrentVersionExpiration: { noncurrentDays: 30 },
            },
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
        assert.throws(
            () => keptLifecycleRuleInput({ ID: "f", Status: "Enabled", Filter: { And: { Prefix: "a/", Mystery: 1 } } }),
            (e: Error) =>
                e.message ===
                "kept lifecycle rule f: Filter.And has Mystery, which the stack cannot carry over; drop the rule with adopt or remove the member from the file",
        );
        assert.throws(
            () => keptLifecycleRuleInput({ ID: "g", Status: "Enabled", Filter: {}, First: 1, Second: 2 }),
            (e: Error) =>
                e.message ===
                "kept lifecycle rule g: the rule has First, Second, which the stack cannot carry over; drop the rule with adopt or remove the member from the file",
        );
    });
});
