// Tests of how adopt names live lifecycle rules without a usable ID, and what --keep-rule says when nothing can be kept.
import * as assert from "assert";
import { chooseKept, keptRule, nameRules } from "../../operations/adopt/keptSettings";

describe("adopt: lifecycle rules without a usable ID", () => {
    const EXPIRE_LOGS = { Status: "Enabled" as const, Filter: { Prefix: "logs/" }, Expiration: { Days: 30 } };

    it("a rule without an ID, or repeating one, is named by its content, the same on every run", () => {
        const named = nameRules([EXPIRE_LOGS, { ID: "old", ...EXPIRE_LOGS }, { ID: "old", Status: "Disabled" }]);
        assert.deepStrictEqual(
            named.map((n) => [n.liveName, n.renamed, n.platform]),
            [
                [undefined, "it had no ID", false],
                ["old", undefined, false],
                ["old", "its ID old appears twice", false],
            ],
        );
        assert.match(named[0].name, /^adopted-[0-9a-f]{8}$/);
        assert.match(named[2].name, /^adopted-[0-9a-f]{8}$/);
        assert.notStrictEqual(named[2].name, named[0].name);
        // Same content under another key order, or with an empty ID: the same name.
        const again = nameRules([{ Expiration: { Days: 30 }, Filter: { Prefix: "logs/" }, Status: "Enabled", ID: "" }]);
        assert.deepStrictEqual([again[0].liveName, again[0].name], [undefined, named[0].name]);
        assert.deepStrictEqual(keptRule(named[0]), { ID: named[0].name, ...EXPIRE_LOGS });
    });

    it("--keep-rule on a bucket with only the platform's rules lists none", () => {
        const named = nameRules([{ ID: "abort-incomplete-multipart-uploads", Status: "Enabled" }]);
        assert.throws(
            () => chooseKept(named, { all: false, names: ["old"] }, "--keep-rule", "lifecycle rule"),
            (e: Error) =>
                e.message === "--keep-rule old: the live bucket has no lifecycle rule old; its lifecycle rules: none",
        );
        assert.deepStrictEqual(chooseKept(named, { all: true, names: [] }, "--keep-rule", "lifecycle rule"), {
            kept: [],
            dropped: [],
        });
    });
});
