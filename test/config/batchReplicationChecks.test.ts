// The plan's advisory lines while a regional stack's Batch Replication switch is on: lifecycle paused, and a secondary's job waits for the hub.
import * as assert from "node:assert/strict";
import { batchReplicationAdvisories } from "../../config/batchReplicationChecks";
import { RoleStackFile } from "../../config/crossStackChecks";
import { DeclaredKey, declaredKeys } from "../../config/projectFile";
import { checkProject } from "../../config/projectChecks";
import { discoverStacks } from "../../config/stackFiles";
import { PROJECT_DIR } from "../support/stackConfigs";

const declared: Map<string, DeclaredKey> = declaredKeys(PROJECT_DIR);
const example = (): RoleStackFile[] => discoverStacks(PROJECT_DIR).map((s) => ({ ...s, config: { ...s.config } }));
const switchOn = (stacks: RoleStackFile[], name: string, value: unknown = true) =>
    (stacks.find((s) => s.name === name)!.config["s3-multiregion:batchReplicationJob"] = value);

const PAUSED =
    "batchReplicationJob is on, so its data bucket's lifecycle rules that expire objects or noncurrent versions " +
    "are Disabled until it is switched off; switch it off once the job is Complete";

describe("Batch Replication advisories", () => {
    it("none while every switch is off (the example files)", () => {
        assert.deepEqual(batchReplicationAdvisories(example(), declared), []);
    });

    it("one line per regional stack switched on; a secondary's names the hub it waits for", () => {
        const stacks = example();
        switchOn(stacks, "tokyo");
        // YAML may give the value as text: the CLI reads "true" the same.
        switchOn(stacks, "osaka", "true");
        assert.deepEqual(batchReplicationAdvisories(stacks, declared), [
            `stack osaka: ${PAUSED} (the job needs the hub tokyo deployed first: it owns this bucket's replication configuration)`,
            `stack tokyo: ${PAUSED}`,
        ]);
    });

    it("a secondary's line names every hub, or none when no stack file is a hub", () => {
        const stacks = example();
        switchOn(stacks, "osaka");
        const hub = stacks.find((s) => s.name === "tokyo")!;
        const WAITS = "deployed first: it owns this bucket's replication configuration)";
        const osakaLine = (files: RoleStackFile[]) => batchReplicationAdvisories(files, declared)[0];
        assert.equal(
            osakaLine([...stacks, { ...hub, name: "tokyo-2" }]),
            `stack osaka: ${PAUSED} (the job needs the hub tokyo, tokyo-2 ${WAITS}`,
        );
        assert.equal(
            osakaLine(stacks.filter((s) => s !== hub)),
            `stack osaka: ${PAUSED} (the job needs the hub ${WAITS}`,
        );
    });

    it("false, absent or a destination file gives no line", () => {
        const stacks = example();
        switchOn(stacks, "osaka", false);
        switchOn(stacks, "dest-account", true);
        assert.deepEqual(batchReplicationAdvisories(stacks, declared), []);
    });

    it("the project check carries the line to the plan and the deploy", () => {
        const stacks = example();
        switchOn(stacks, "osaka");
        const result = checkProject(PROJECT_DIR, stacks, declared);
        assert.deepEqual(result.errors, []);
        assert.ok(result.advisories.includes(batchReplicationAdvisories(stacks, declared)[0]));
    });
});
