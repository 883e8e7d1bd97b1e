// The sample output in docs/reconcile.md is what the command prints for the example scenario: the test
// reruns it, so the page cannot drift from the code.
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { reconcileMain } from "../../../operations/reconcile/reconcileCommand";
import { captureDeps, tempRoot, writeExampleScenario } from "./scenario";

const ROOT = path.resolve(__dirname, "..", "..", "..");
/** Every page that shows the sample run. */
const PAGES = ["docs/reconcile.md", "README.md"];

/** The fenced block after the marker comment `<!-- sample: NAME -->` in `page`. */
function sample(page: string, name: string): string {
    const text = fs.readFileSync(path.join(ROOT, page), "utf8");
    const m = new RegExp(`<!-- sample: ${name} -->\\n\`\`\`[a-z]*\\n([\\s\\S]*?)\`\`\``).exec(text);
    assert.ok(m, `${page} has no sample ${name}`);
    return m[1];
}

describe("the reconcile sample in docs/reconcile.md and the README", function () {
    this.timeout(60_000);

    it("shows the real output of a local reconcile of Tokyo against account B", async () => {
        const root = tempRoot();
        try {
            const m = await writeExampleScenario(root);
            const { deps, out } = captureDeps();
            assert.equal(await reconcileMain(["--source", m.source, "--target", m.target], deps), 1);
            for (const page of PAGES) {
                const [command, ...printed] = sample(page, "tokyo-to-b").trimEnd().split("\n");
                assert.match(
                    command,
                    /^\$ npm run reconcile -- --source \S+\/manifest\.json --target \S+\/manifest\.json$/,
                );
                assert.deepEqual(printed, [...out, "$ echo $?", "1"], page);
            }
        } finally {
            fs.rmSync(root, { recursive: true, force: true });
        }
    });
});
