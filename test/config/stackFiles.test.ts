// Stack discovery and deploy order: secondaries, then destinations, then the hub.
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { deployOrder, discoverStacks, StackFile } from "../../config/stackFiles";
import { PROJECT_DIR } from "../support/stackConfigs";

describe("stack files", () => {
    it("finds the three example stacks and orders them osaka -> dest-account -> tokyo", () => {
        const stacks = discoverStacks(PROJECT_DIR);
        assert.deepEqual(stacks.map((s) => [s.name, s.role]).sort(), [
            ["dest-account", "destination"],
            ["osaka", "secondary"],
            ["tokyo", "primary"],
        ]);
        assert.deepEqual(
            deployOrder(stacks).map((s) => s.name),
            ["osaka", "dest-account", "tokyo"],
        );
    });

    it("orders by role, not by name, so renamed and extra regional stacks need no code change", () => {
        const s = (name: string, role: StackFile["role"]): StackFile => ({
            name,
            role,
            file: `${name}.yaml`,
            config: {},
        });
        const order = deployOrder([
            s("a-hub", "primary"),
            s("z-dest", "destination"),
            s("singapore", "secondary"),
            s("osaka", "secondary"),
        ]);
        assert.deepEqual(
            order.map((x) => x.name),
            ["osaka", "singapore", "z-dest", "a-hub"],
        );
    });

    it("refuses a stack file without a valid role, naming the file and the key", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "s3mr-stacks-"));
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: s3-multiregion\n");
        fs.writeFileSync(path.join(dir, "Pulumi.bad.yaml"), "config:\n  s3-multiregion:role: hub\n");
        assert.throws(
            () => discoverStacks(dir),
            /^Error: Pulumi\.bad\.yaml: config key s3-multiregion:role is "hub"; allowed: primary, secondary, destination$/,
        );
        fs.rmSync(dir, { recursive: true, force: true });
    });
});
