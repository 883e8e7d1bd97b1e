// The mutation areas (test/mutation/areas.json) cover the whole tree, and every glob in them still names files.
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const areas: Record<string, { mutate: string[]; tests: string[] }> = JSON.parse(
    fs.readFileSync(path.join(__dirname, "areas.json"), "utf8"),
);

/** Every file under `dir`, relative to the repository root with `/` separators. */
function filesUnder(dir: string): string[] {
    return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
        const rel = `${dir}/${entry.name}`;
        return entry.isDirectory() ? filesUnder(rel) : [rel];
    });
}

/** The glob shapes the table uses: `**` any folders, `*` any name part. */
function globRegExp(glob: string): RegExp {
    const body = glob
        .split("/")
        .map((part) => (part === "**" ? "(?:[^/]+/)*" : part.replace(/[.]/g, "\\.").replace(/\*/g, "[^/]*") + "/"))
        .join("");
    return new RegExp(`^${body.slice(0, -1)}$`);
}

const SOURCE_DIRS = ["config", "components", "stacks", "policy/lib", "policy/policies", "verifier", "operations"];
const allFiles = [
    "index.ts",
    ...["config", "components", "stacks", "policy", "verifier", "operations", "test"].flatMap(filesUnder),
];
const matching = (glob: string) => allFiles.filter((f) => globRegExp(glob).test(f));

describe("mutation areas", () => {
    it("globs match the shapes they are written for", () => {
        assert.ok(globRegExp("test/config/**/*.test.ts").test("test/config/naming.test.ts"));
        assert.ok(globRegExp("test/batch/**/*.test.ts").test("test/batch/a/b.test.ts"));
        assert.ok(!globRegExp("config/**/*.ts").test("configs/x.ts"));
        assert.ok(!globRegExp("config/**/*.ts").test("config/x.tsx"));
    });

    it("lists the six areas the docs name", () => {
        assert.deepEqual(Object.keys(areas), ["config", "components", "stacks", "policy", "verifier", "operations"]);
    });

    for (const [area, { mutate, tests }] of Object.entries(areas)) {
        it(`${area}: every glob names at least one file, every test glob a test file`, () => {
            for (const glob of mutate) assert.ok(matching(glob).length > 0, `${area}.mutate ${glob} matches nothing`);
            for (const glob of tests) {
                const files = matching(glob);
                assert.ok(files.length > 0, `${area}.tests ${glob} matches nothing`);
                for (const f of files) assert.match(f, /\.test\.ts$/, `${area}.tests ${glob} matches ${f}`);
            }
        });
    }

    it("every source file of the product, the pack, the verifier and operations is in exactly one area", () => {
        const sources = ["index.ts", ...SOURCE_DIRS.flatMap(filesUnder)].filter((f) => f.endsWith(".ts"));
        const owners = (file: string) =>
            Object.entries(areas)
                .filter(([, { mutate }]) => mutate.some((glob) => globRegExp(glob).test(file)))
                .map(([area]) => area);
        assert.deepEqual(
            sources.filter((f) => owners(f).length !== 1).map((f) => `${f}: ${owners(f).join(", ") || "none"}`),
            [],
        );
    });
});
