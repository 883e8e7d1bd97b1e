// Tests of how failover and verify find the hub stack and load its outputs: from a file, or from the stack itself.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { StackFile } from "../../config/stackFiles";
import { PreflightError, UsageError } from "../../operations/common/cli";
import { hubStackName, HubOutputsDeps, loadHubOutputs } from "../../operations/common/loadHubOutputs";
import { hubOutputsDoc, MRAP_ARN } from "./fixtures";

function stack(name: string, role: StackFile["role"]): StackFile {
    return { name, file: `/p/Pulumi.${name}.yaml`, role, config: {} };
}

const TOKYO = stack("tokyo", "primary");
const OSAKA = stack("osaka", "secondary");

function deps(overrides: Partial<HubOutputsDeps> = {}): HubOutputsDeps & { read: string[] } {
    const read: string[] = [];
    return {
        projectDir: "/p",
        discoverStacks: () => [TOKYO, OSAKA],
        probePulumi: async () => "v3.200.0",
        readStackOutputs: async (name) => {
            read.push(name);
            return hubOutputsDoc();
        },
        ...overrides,
        read,
    };
}

describe("ops: finding the hub stack and its outputs", () => {
    let dir: string;
    let file: string;
    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "s3mr-hub-"));
        file = path.join(dir, "outputs.json");
        fs.writeFileSync(file, JSON.stringify(hubOutputsDoc()));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("the hub is the one stack with role primary; none or several is bad input naming them", () => {
        assert.strictEqual(hubStackName([OSAKA, TOKYO]), "tokyo");
        assert.throws(
            () => hubStackName([OSAKA]),
            (e: Error) => e instanceof UsageError && e.message === "no stack file has role primary; pass --stack NAME",
        );
        assert.throws(
            () => hubStackName([TOKYO, OSAKA, stack("tokyo2", "primary")]),
            (e: Error) =>
                e instanceof UsageError &&
                e.message === "several stacks have role primary (tokyo, tokyo2); pass --stack NAME",
        );
    });

    it("reads the hub's outputs from its stack after checking the Pulumi CLI; --stack names another", async () => {
        const d = deps();
        const found = await loadHubOutputs({}, d);
        assert.deepStrictEqual([found.stackName, found.outputs.mrapArn], ["tokyo", MRAP_ARN]);
        await loadHubOutputs({ stack: "hub-b" }, d);
        assert.deepStrictEqual(d.read, ["tokyo", "hub-b"]);
    });

    it("stack files that cannot be read are one line asking for --stack; a wrong role count stays as it is", async () => {
        const broken = deps({
            discoverStacks: () => {
                throw new Error("Pulumi.osaka.yaml: bad indentation");
            },
        });
        await assert.rejects(
            loadHubOutputs({}, broken),
            (e: Error) =>
                e instanceof PreflightError &&
                e.message ===
                    "cannot read the stack files to find the hub stack (Pulumi.osaka.yaml: bad indentation); pass --stack NAME",
        );
        await assert.rejects(
            loadHubOutputs({}, deps({ discoverStacks: () => [OSAKA] })),
            (e: Error) => e instanceof UsageError && e.message === "no stack file has role primary; pass --stack NAME",
        );
    });

    it("without the Pulumi CLI, the line offers --outputs; nothing is read", async () => {
        const missing = Object.assign(new Error("spawn pulumi ENOENT"), { code: "ENOENT" });
        const d = deps({ probePulumi: () => Promise.reject(missing) });
        await assert.rejects(
            loadHubOutputs({}, d),
            (e: Error) =>
                e instanceof PreflightError &&
                /^the Pulumi CLI is not installed .* \(or pass --outputs FILE written by pulumi stack output --json\)$/.test(
                    e.message,
                ),
        );
        assert.deepStrictEqual(d.read, []);
    });

    it("--outputs FILE needs no CLI: the hub's name from the stack files, --stack, or tokyo when they cannot tell", async () => {
        const noCli = { probePulumi: () => Promise.reject(new Error("not called")) };
        const fromFiles = await loadHubOutputs({ outputs: file }, deps(noCli));
        assert.deepStrictEqual([fromFiles.stackName, fromFiles.outputs.mrapArn], ["tokyo", MRAP_ARN]);
        const named = await loadHubOutputs(
            { outputs: file },
            deps({ ...noCli, discoverStacks: () => [stack("hub", "primary")] }),
        );
        assert.strictEqual(named.stackName, "hub");
        assert.strictEqual((await loadHubOutputs({ outputs: file, stack: "hub-b" }, deps(noCli))).stackName, "hub-b");
        for (const discoverStacks of [
            () => [OSAKA],
            () => {
                throw new Error("unreadable");
            },
        ]) {
            const d = deps({ ...noCli, discoverStacks });
            assert.strictEqual((await loadHubOutputs({ outputs: file }, d)).stackName, "tokyo");
            assert.deepStrictEqual(d.read, []);
        }
        await assert.rejects(
            loadHubOutputs({ outputs: path.join(dir, "absent.json") }, deps(noCli)),
            (e: Error) =>
                e instanceof PreflightError && /^cannot read --outputs file .*absent\.json: ENOENT$/.test(e.message),
        );
    });
});
