// checkProject's parts and the lines a command prints from them: the first error with a count, the placeholder advisory.
import * as assert from "node:assert/strict";
import { RoleStackFile } from "../../config/crossStackChecks";
import { checkProject, firstError, placeholderLine } from "../../config/projectChecks";
import { discoverStacks } from "../../config/stackFiles";
import { PROJECT_DIR } from "../support/stackConfigs";

const P = "s3-multiregion:";
const example = (): RoleStackFile[] => discoverStacks(PROJECT_DIR).map((s) => ({ ...s, config: { ...s.config } }));

describe("project check lines", () => {
    it("firstError: none, the one error, or the first with how many follow", () => {
        assert.equal(firstError([]), undefined);
        assert.equal(firstError(["a"]), "a");
        assert.equal(firstError(["a", "b", "c"]), "a (and 2 more problem(s) after it)");
    });

    it("placeholderLine: nothing without placeholders, else every file with its keys", () => {
        assert.equal(placeholderLine([]), undefined);
        assert.equal(
            placeholderLine([
                { file: "Pulumi.tokyo.yaml", keys: [`${P}alarmEmails`, `${P}partnerExternalId`] },
                { file: "Pulumi.osaka.yaml", keys: [`${P}alarmEmails`] },
            ]),
            `example values remain in Pulumi.tokyo.yaml (${P}alarmEmails, ${P}partnerExternalId); Pulumi.osaka.yaml (${P}alarmEmails): replace them before a real deploy (README "Deploying for real")`,
        );
    });

    it("checkProject: single-file errors before cross-stack ones, and no placeholder advisory once they are replaced", () => {
        const stacks = example().filter((s) => s.role !== "primary");
        const osaka = stacks.find((s) => s.name === "osaka")!;
        osaka.config[`${P}sourceAccountId`] = 12345678901;
        delete osaka.config["aws:allowedAccountIds"];
        const result = checkProject(PROJECT_DIR, stacks);
        assert.deepEqual(result.errors, [
            'Pulumi.osaka.yaml: config s3-multiregion:sourceAccountId = 12345678901 was read by YAML as a number, which drops leading zeros; allowed: a 12-digit account id in quotes, e.g. "012345678901"',
            'stacks disagree on s3-multiregion:sourceAccountId: "111111111111" in dest-account; "12345678901" in osaka; allowed: one value in every stack file (each side derives names and grants from it)',
        ]);
        assert.deepEqual(result.placeholders, []);
        assert.deepEqual(result.advisories, []);
    });
});
