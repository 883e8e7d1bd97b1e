// The deployed program's import closure stays inside the product: never the verifier, operations,
// the pack, benchmarks or tests, and no package that is only a devDependency (the AGPL IAM simulator).
import * as assert from "node:assert/strict";
import * as fs from "fs";
import { builtinModules } from "module";
import * as path from "path";
import * as ts from "typescript";

const ROOT = path.resolve(__dirname, "..", "..");
const PRODUCT_DIRS = ["config", "stacks", "components"];

function resolveRelative(from: string, spec: string): string {
    const base = path.resolve(path.dirname(from), spec);
    for (const candidate of [base + ".ts", path.join(base, "index.ts"), base]) {
        if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
    }
    throw new Error(`${path.relative(ROOT, from)} imports ${spec}, which does not resolve to a file`);
}

/** Every project file reachable from `entry` by import, and every package named on the way (by the file that names it). */
export function importClosure(entry: string): { files: Set<string>; packages: Map<string, string> } {
    const files = new Set<string>();
    const packages = new Map<string, string>();
    const queue = [entry];
    while (queue.length > 0) {
        const file = queue.pop()!;
        if (files.has(file)) continue;
        files.add(file);
        const info = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
        for (const ref of info.importedFiles) {
            const spec = ref.fileName;
            if (spec.startsWith(".")) queue.push(resolveRelative(file, spec));
            else {
                const pkg = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0];
                if (!packages.has(pkg)) packages.set(pkg, path.relative(ROOT, file));
            }
        }
    }
    return { files, packages };
}

describe("layout: the product's import closure", () => {
    const { files, packages } = importClosure(path.join(ROOT, "index.ts"));
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
        dependencies: Record<string, string>;
        devDependencies: Record<string, string>;
    };

    it("reaches the whole product from index.ts", () => {
        // A closure that stopped at index.ts would pass every other check vacuously.
        const dirs = new Set([...files].map((f) => path.relative(ROOT, f).split(path.sep)[0]));
        for (const d of ["config", "stacks", "components"]) assert.ok(dirs.has(d), `index.ts reaches nothing in ${d}/`);
    });

    it("holds only index.ts and files under config/, stacks/ and components/", () => {
        const outside = [...files]
            .map((f) => path.relative(ROOT, f))
            .filter((f) => f !== "index.ts" && !PRODUCT_DIRS.includes(f.split(path.sep)[0]));
        assert.deepStrictEqual(outside, []);
    });

    it("never loads the stack-file reader, which is for the tools only", () => {
        assert.ok(![...files].some((f) => f.endsWith(path.join("config", "stackFiles.ts"))));
    });

    it("names only runtime dependencies or Node built-ins", () => {
        const builtins = new Set(builtinModules);
        const wrong = [...packages]
            .filter(([name]) => !builtins.has(name.replace(/^node:/, "")) && !(name in pkg.dependencies))
            .map(
                ([name, by]) => `${name} (imported by ${by}${name in pkg.devDependencies ? ", a devDependency" : ""})`,
            );
        assert.deepStrictEqual(wrong, []);
    });
});
