// Stack discovery and deploy order: secondaries, then destinations, then the hub.
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { deployOrder, discoverStacks, mergedStackConfig, readsFrom, StackFile } from "../../config/stackFiles";
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

    it("reads Pulumi.<stack>.yaml only: names with dots count, Pulumi.yaml and other names around the pattern do not", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "s3mr-stacks-"));
        const role = "config:\n  s3-multiregion:role: secondary\n";
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: s3-multiregion\n");
        for (const f of [
            "Pulumi.osaka.yaml",
            "Pulumi.osaka.staging.yaml",
            "old.Pulumi.osaka.yaml",
            "Pulumi.osaka.yaml.bak",
        ])
            fs.writeFileSync(path.join(dir, f), role);
        assert.deepEqual(
            discoverStacks(dir).map((s) => s.name),
            ["osaka.staging", "osaka"],
        );
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("the hub reads the stacks deployed before it; a secondary or destination reads none", () => {
        const order = deployOrder(discoverStacks(PROJECT_DIR));
        const [osaka, dest, tokyo] = order;
        assert.deepEqual(
            readsFrom(tokyo, order).map((s) => s.name),
            ["osaka", "dest-account"],
        );
        assert.deepEqual(readsFrom(osaka, order), []);
        assert.deepEqual(readsFrom(dest, order), []);
    });

    it("mergedStackConfig: declared defaults that are set and not empty, then the stack file's values", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "s3mr-stacks-"));
        const project = [
            "name: s3-multiregion",
            "config:",
            "  days: { type: integer, default: 90 }",
            "  kmsKeyArn: { type: string, default: '' }",
            "  role: { type: string }",
            "  empty:",
            "  plain: text",
            "  aws:region: { default: ap-northeast-3 }",
        ].join("\n");
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), project);
        const stack: StackFile = {
            name: "osaka",
            file: path.join(dir, "Pulumi.osaka.yaml"),
            role: "secondary",
            config: { "s3-multiregion:role": "secondary", "s3-multiregion:list": ["a"] },
        };
        assert.deepEqual(mergedStackConfig(dir, stack), {
            "s3-multiregion:days": "90",
            "aws:region": "ap-northeast-3",
            "s3-multiregion:role": "secondary",
            "s3-multiregion:list": '["a"]',
        });
        fs.rmSync(dir, { recursive: true, force: true });
    });
});
