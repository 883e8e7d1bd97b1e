// `npm run mutation -- <area> [files...]`: runs Stryker over one area of the tree (test/mutation/areas.json).
// `npm run mutation -- <area> --sample <fraction> [--seed <n>]`: over a seeded random sample of its mutants instead
// (test/mutation/sample.mjs), for areas whose full run takes hours.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { drawSample } from "./sample.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const areas = JSON.parse(readFileSync(join(root, "test", "mutation", "areas.json"), "utf8"));
const usage = `usage: npm run mutation -- <area> [files...] | <area> --sample <fraction> [--seed <n>]; <area> is one of ${Object.keys(areas).join(", ")}`;
const [area, ...rest] = process.argv.slice(2);
if (!area || !(area in areas)) {
    console.error(usage);
    process.exit(2);
}
const env = { ...process.env, S3MR_MUTATION_AREA: area, S3MR_MUTATION_FILES: "", S3MR_MUTATION_SAMPLE: "" };
const flag = (name) => {
    const i = rest.indexOf(name);
    return i < 0 ? undefined : rest[i + 1];
};
if (rest.includes("--sample")) {
    const fraction = Number(flag("--sample"));
    const seed = Number(flag("--seed") ?? "1");
    if (!(fraction > 0 && fraction <= 1) || !Number.isInteger(seed) || seed < 0) {
        console.error(`--sample takes a fraction in (0, 1], --seed a whole number: ${usage}`);
        process.exit(2);
    }
    const { ranges, chosen, population } = await drawSample(root, areas[area].mutate, fraction, seed);
    const file = join(root, "reports", "mutation", `${area}.sample-${seed}.sample.json`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ area, fraction, seed, population, ranges, chosen }, null, 1));
    console.error(`sample: ${chosen.length} of ${population} mutants of ${area} (fraction ${fraction}, seed ${seed})`);
    env.S3MR_MUTATION_SAMPLE = String(seed);
} else {
    env.S3MR_MUTATION_FILES = rest.join(",");
}
const stryker = join(root, "node_modules", ".bin", "stryker");
const result = spawnSync(stryker, ["run", "stryker.conf.mjs"], { cwd: root, stdio: "inherit", env });
process.exit(result.status ?? 1);
