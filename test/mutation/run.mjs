// `npm run mutation -- <area> [files...]`: runs Stryker over one area of the tree (test/mutation/areas.json).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const areas = JSON.parse(readFileSync(join(root, "test", "mutation", "areas.json"), "utf8"));
const [area, ...files] = process.argv.slice(2);
if (!area || !(area in areas)) {
    console.error(`usage: npm run mutation -- <area> [files...]; <area> is one of ${Object.keys(areas).join(", ")}`);
    process.exit(2);
}
const stryker = join(root, "node_modules", ".bin", "stryker");
const result = spawnSync(stryker, ["run", "stryker.conf.mjs"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, S3MR_MUTATION_AREA: area, S3MR_MUTATION_FILES: files.join(",") },
});
process.exit(result.status ?? 1);
