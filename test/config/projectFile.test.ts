// Pulumi.yaml as the tools read it: every declared key with its type, secret flag and default, and YAML errors as file:line:col.
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";
import { declaredKeys, readYamlFile } from "../../config/projectFile";

/** A project directory holding `files`, removed after `body` runs. */
function withProject(files: Record<string, string>, body: (dir: string) => void): void {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "s3mr-project-"));
    try {
        for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
        body(dir);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

describe("project file", () => {
    it("declaredKeys: each key fully qualified, with its type, secret flag and default only where declared", () => {
        const pulumiYaml = [
            "name: s3-multiregion",
            "config:",
            "  namePrefix: { type: string, secret: true, default: acme }",
            "  aws:region: { type: string, default: '' }",
            "  days: { type: integer }",
            "  odd: { type: 5, secret: 'yes' }",
            "  empty:",
            "  plain: text",
        ].join("\n");
        withProject({ "Pulumi.yaml": pulumiYaml }, (dir) => {
            assert.deepEqual(
                [...declaredKeys(dir)],
                [
                    [
                        "s3-multiregion:namePrefix",
                        { key: "s3-multiregion:namePrefix", type: "string", secret: true, default: "acme" },
                    ],
                    ["aws:region", { key: "aws:region", type: "string", secret: false, default: "" }],
                    ["s3-multiregion:days", { key: "s3-multiregion:days", type: "integer", secret: false }],
                    ["s3-multiregion:odd", { key: "s3-multiregion:odd", type: undefined, secret: false }],
                    ["s3-multiregion:empty", { key: "s3-multiregion:empty", type: undefined, secret: false }],
                    ["s3-multiregion:plain", { key: "s3-multiregion:plain", type: undefined, secret: false }],
                ],
            );
        });
    });

    it("readYamlFile: a syntax error is one line naming the file, line and column as an editor counts them", () => {
        withProject({ "Pulumi.bad.yaml": "config:\n  - a\n b: c\n" }, (dir) => {
            let thrown: unknown;
            try {
                readYamlFile(path.join(dir, "Pulumi.bad.yaml"));
            } catch (e) {
                thrown = e;
            }
            assert.ok(thrown instanceof Error && !(thrown instanceof yaml.YAMLException), String(thrown));
            assert.equal(thrown.message, "Pulumi.bad.yaml:3:2: bad indentation of a mapping entry");
            // The parser's own error stays attached, with the excerpt it draws, and names the file too.
            assert.ok(thrown.cause instanceof yaml.YAMLException);
            assert.match(thrown.cause.message, /^bad indentation of a mapping entry in "Pulumi\.bad\.yaml" \(3:2\)/);
        });
    });

    it("readYamlFile: an error that is not a YAML syntax error is thrown as it is", () => {
        const deep = `${"[".repeat(20000)}${"]".repeat(20000)}`;
        withProject({ "deep.yaml": deep }, (dir) => {
            assert.throws(() => readYamlFile(path.join(dir, "deep.yaml")), RangeError);
        });
    });
});
