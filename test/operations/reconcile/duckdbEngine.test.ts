// The embedded engine on its own: its load rate per side, and the scratch folder it makes for itself
// removed afterwards while a folder the caller gave is left to the caller.
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { reconcileWithDuckDb } from "../../../operations/reconcile/duckdbEngine";
import { readLocalManifest } from "../../../operations/reconcile/manifest";
import { tempRoot, writeScenario } from "./scenario";

describe("reconcile's DuckDB engine", function () {
    this.timeout(60_000);
    let root: string;
    const tmpdir = process.env.TMPDIR;
    beforeEach(() => (root = tempRoot()));
    afterEach(() => {
        if (tmpdir === undefined) delete process.env.TMPDIR;
        else process.env.TMPDIR = tmpdir;
        fs.rmSync(root, { recursive: true, force: true });
    });

    async function inventories() {
        const m = await writeScenario(root);
        return { source: readLocalManifest(m.source), target: readLocalManifest(m.target) };
    }

    it("reports rows per second from the time each side took to load", async () => {
        const { source, target } = await inventories();
        const progress: string[] = [];
        let t = 0;
        await reconcileWithDuckDb(source, target, {
            limit: 10,
            memoryLimit: "256MB",
            tempDirectory: path.join(root, "spill"),
            progress: (l) => progress.push(l),
            // Each side starts at a clock reading and ends 500 ms later.
            now: () => (t += 500),
        });
        // The source inventory has one data file, so one batch on any number of cores: 11 rows in 0.5 s.
        assert.deepEqual(
            progress.filter((l) => l.startsWith("source:")),
            ["source: 11 rows read from 1/1 files (22 rows/s)"],
        );
        assert.match(progress.at(-1)!, /^target: 9 rows read from 3\/3 files \(\d+ rows\/s\)$/);
    });

    it("reads the files in batches of the core count (at least 2), one progress line per batch", async () => {
        const { source, target } = await inventories();
        // Exactly one full batch: the same data file as many times as a batch holds.
        const batch = Math.max(2, os.cpus().length);
        const doubled = { ...source, files: Array.from({ length: batch }, () => source.files[0]) };
        const progress: string[] = [];
        await reconcileWithDuckDb(doubled, target, {
            limit: 1,
            memoryLimit: "256MB",
            tempDirectory: path.join(root, "spill"),
            progress: (l) => progress.push(l),
        });
        const lines = progress.filter((l) => l.startsWith("source:"));
        assert.equal(lines.length, 1, lines.join("\n"));
        assert.match(
            lines[0],
            new RegExp(`^source: ${11 * batch} rows read from ${batch}/${batch} files \\(\\d+ rows/s\\)$`),
        );
    });

    it("removes the scratch folder it made, and leaves a caller's folder in place", async () => {
        const { source, target } = await inventories();
        const own = path.join(root, "tmp");
        fs.mkdirSync(own);
        process.env.TMPDIR = own;
        await reconcileWithDuckDb(source, target, { limit: 1, memoryLimit: "256MB", progress: () => undefined });
        assert.deepEqual(fs.readdirSync(own), []);
        const given = path.join(root, "spill");
        fs.mkdirSync(given);
        await reconcileWithDuckDb(source, target, {
            limit: 1,
            memoryLimit: "256MB",
            tempDirectory: given,
            progress: () => undefined,
        });
        assert.ok(fs.existsSync(given));
    });
});
