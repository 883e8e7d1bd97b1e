// The sample output in docs/reconcile.md is what the command prints for the example scenario: the test
// reruns it, so the page cannot drift from the code.
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { reconcileMain } from "../../../operations/reconcile/reconcileCommand";
import { captureDeps, tempRoot, writeExampleScenario } from "./scenario";

const DOC = path.resolve(__dirname, "..", "..", "..", "docs", "reconcile.md");

/** The fenced block after the marker comment `<!-- sample: NAME -->`. */
function sample(name: string): string {
    const text = fs.readFileSync(DOC, "utf8");
    const m = new RegExp(`<!-- sample: ${name} -->\\n\`\`\`[a-z]*\\n([\\s\\S]*?)\`\`\``).exec(text);
    assert.ok(m, `docs/reconcile.md has no sample ${name}`);
    return m[1];
}

describe("docs/reconcile.md", function () {
    this.timeout(60_000);

    it("shows the real output of a local reconcile of Tokyo against account B", async () => {
        const root = tempRoot();
        try {
            const m = await writeExampleScenario(root);
            const { deps, out } = captureDeps();
            assert.equal(await reconcileMain(["--source", m.source, "--target", m.target], deps), 1);
            const block = sample("tokyo-to-b");
            const [command, ...printed] = block.trimEnd().split("\n");
            assert.match(
                command,
                /^\$ npm run reconcile -- --source \S+\/manifest\.json --target \S+\/manifest\.json$/,
            );
            assert.deepEqual(printed, [...out, "$ echo $?", "1"]);
        } finally {
            fs.rmSync(root, { recursive: true, force: true });
        }
    });
});
