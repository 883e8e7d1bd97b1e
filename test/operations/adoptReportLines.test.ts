// Tests of the adopt report's closing lines: renamed items, what was written or would be, and nothing after a refusal.
import * as assert from "assert";
import { buildReport, reportLines } from "../../operations/adopt/adoptReport";
import type { AdoptTarget } from "../../operations/adopt/adoptTarget";
import { nameRules, nameStatements } from "../../operations/adopt/keptSettings";
import type { KeptAndDropped, SettingChange } from "../../operations/adopt/settingChanges";

const T = { stack: "osaka", bucket: "legacy", region: "ap-northeast-3", accountId: "111111111111" } as AdoptTarget;
const CHANGES: SettingChange[] = [{ setting: "versioning", live: "Suspended", stack: "Enabled", changes: true }];
const HEAD = 5; // the title, the estimate, a blank line, the legend and the one change

describe("adopt: the report's closing lines", () => {
    const statements = nameStatements([
        { Sid: "Keep", Effect: "Allow" },
        { Effect: "Deny", Action: "s3:*" },
    ]);
    const rules = nameRules([
        { ID: "a", Status: "Enabled" },
        { Status: "Enabled", Expiration: { Days: 9 } },
    ]);
    const chosen: KeptAndDropped = {
        statements: { kept: statements, dropped: [] },
        rules: { kept: rules, dropped: [] },
        loggingKept: true,
    };
    const report = (extra: { written?: boolean; refusals?: string[] }) => ({
        ...buildReport(T, "T", {}, CHANGES, extra.refusals ?? [], chosen, { TargetBucket: "logs", TargetPrefix: "p/" }),
        file: "adopted/osaka.json",
        written: extra.written ?? false,
    });
    const renamedLines = [
        "",
        `policy statement without a name is kept as ${statements[1].name} (it had no Sid; the name is derived from its content, so every run gives the same)`,
        `lifecycle rule without a name is kept as ${rules[1].name} (it had no ID; the name is derived from its content, so every run gives the same)`,
    ];
    const kept = "2 policy statements and 2 lifecycle rules, and server access logging to s3://logs/p/ kept";

    it("renamed items under a blank line, then what was written", () => {
        assert.deepStrictEqual(reportLines(report({ written: true }), false).slice(HEAD), [
            ...renamedLines,
            "",
            `wrote adopted/osaka.json: ${kept}; the stack composes them into the bucket's one policy and one lifecycle configuration`,
        ]);
    });

    it("a dry run says what the file would hold; without a dry run or a write, nothing is claimed", () => {
        assert.deepStrictEqual(reportLines(report({}), true).slice(HEAD), [
            ...renamedLines,
            "",
            `dry run: nothing written (adopted/osaka.json would have ${kept})`,
        ]);
        assert.deepStrictEqual(reportLines(report({}), false).slice(HEAD), [...renamedLines, ""]);
    });

    it("after a refusal the lines stop at the changes and renamed items", () => {
        assert.deepStrictEqual(reportLines(report({ refusals: ["no"] }), true).slice(HEAD), renamedLines);
    });

    it("one of each is singular; without kept logging none is named", () => {
        const one: KeptAndDropped = {
            statements: { kept: [statements[0]], dropped: [] },
            rules: { kept: [rules[0]], dropped: [] },
            loggingKept: false,
        };
        const r = { ...buildReport(T, "T", {}, CHANGES, [], one), file: "adopted/osaka.json", written: false };
        assert.deepStrictEqual(reportLines(r, true).slice(HEAD), [
            "",
            "dry run: nothing written (adopted/osaka.json would have 1 policy statement and 1 lifecycle rule kept)",
        ]);
    });
});
