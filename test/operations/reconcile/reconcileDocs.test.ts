// The sample output in docs/reconcile.md is what the command prints for the example scenario: the test
// reruns it, so the page cannot drift from the code.
import * as assert from "node:assert/strict";
import * as fs from "fs";
import { reconcileMain } from "../../../operations/reconcile/reconcileCommand";
import { captureDeps, tempRoot, writeExampleScenario } from "./scenario";
import { readPage, sample } from "../../docs/markdown";

/** Every page that shows the sample run. */
const PAGES = ["docs/reconcile.md", "README.md"];

describe("the reconcile sample in docs/reconcile.md and the README", function () {
    this.timeout(60_000);

    it("shows the real output of a local reconcile of Tokyo against account B", async () => {
        const root = tempRoot();
        try {
            const m = await writeExampleScenario(root);
            const { deps, out } = captureDeps();
            assert.equal(await reconcileMain(["--source", m.source, "--target", m.target], deps), 1);
            for (const page of PAGES) {
                const [command, ...printed] = sample(readPage(page), "tokyo-to-b").trimEnd().split("\n");
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
