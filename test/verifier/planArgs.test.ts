// The plan's arguments, help and path checks, its pack loader and its timings file, in process.
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { isMandatory, loadPackRunner } from "../../verifier/packRunner";
import { checkPaths, HELP, parseArgs, PlanArgs, UsageError } from "../../verifier/plan";
import { timingsFile, transpileStats, writeTimings } from "../../verifier/planTimings";

const USAGE = "usage: npm run plan [-- --stack NAME] [--json] [--diagram FILE] [--project DIR] [--help]";
const project = path.resolve(__dirname, "../..");

describe("plan arguments", () => {
    it("reads each flag in both spellings; --project is made absolute", () => {
        assert.deepEqual(parseArgs(["--stack=osaka", "--diagram", "d.mmd", "--project=rel", "-h"], "/d"), {
            stack: "osaka",
            json: false,
            diagram: "d.mmd",
            projectDir: path.resolve("rel"),
            help: true,
        });
        assert.deepEqual(parseArgs(["--help"], "/d"), { json: false, projectDir: "/d", help: true });
        assert.deepEqual(parseArgs(["--json"], "/d"), { json: true, projectDir: "/d", help: false });
        // A value may contain "=" and may start with "--" when given inline.
        assert.equal(parseArgs(["--stack=a=b"], "/d").stack, "a=b");
        assert.equal(parseArgs(["--diagram=--x"], "/d").diagram, "--x");
        assert.equal(parseArgs(["--stack", "-x"], "/d").stack, "-x");
    });

    it("one line naming the flag for a missing value, a value on a flag that takes none, or an unknown argument", () => {
        const refused = (argv: string[], message: string) =>
            assert.throws(
                () => parseArgs(argv, "/d"),
                (e: Error) => e instanceof UsageError && e.message === message,
            );
        refused(["--stack="], `--stack needs a value; ${USAGE}`);
        refused(["--project"], `--project needs a value; ${USAGE}`);
        refused(["--stack", "--json"], `--stack needs a value; ${USAGE}`);
        refused(["--json=yes"], `--json takes no value (got --json=yes); ${USAGE}`);
        refused(["--help=1"], `--help takes no value (got --help=1); ${USAGE}`);
        refused(["-h=1"], `unknown argument -h=1; ${USAGE}`);
        refused(["tokyo"], `unknown argument tokyo; ${USAGE}`);
        refused(["--stacks", "tokyo"], `unknown argument --stacks; ${USAGE}`);
    });

    it("the help starts with the usage and names every flag and exit code", () => {
        const lines = HELP.split("\n");
        assert.equal(lines[0], USAGE);
        for (const flag of ["--stack NAME", "--json", "--diagram FILE", "--project DIR", "--help"])
            assert.ok(
                lines.some((l) => l.startsWith(`  ${flag} `)),
                flag,
            );
        assert.ok(
            HELP.includes(
                "Exit codes: 0 clean; 1 a mandatory policy violation, a failed access proof or a program error;\n2 bad config or a bad argument",
            ),
        );
    });
});

describe("plan path checks", () => {
    const args = (more: Partial<PlanArgs>): PlanArgs => ({ json: false, projectDir: project, help: false, ...more });
    let dir: string;
    beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-args-"))));
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("the project folder must hold Pulumi.yaml", () => {
        assert.throws(
            () => checkPaths(args({ projectDir: dir })),
            new UsageError(
                `--project ${dir}: no Pulumi.yaml there; allowed: the folder that holds Pulumi.yaml and the Pulumi.<stack>.yaml files`,
            ),
        );
        checkPaths(args({}));
    });

    it("the diagram's folder must exist, be a folder and be writable", () => {
        checkPaths(args({ diagram: path.join(dir, "d.mmd") }));
        const missing = path.join(dir, "no", "d.mmd");
        assert.throws(
            () => checkPaths(args({ diagram: missing })),
            new UsageError(`--diagram ${missing}: folder ${path.join(dir, "no")} does not exist; create it first`),
        );
        fs.writeFileSync(path.join(dir, "file"), "");
        const inFile = path.join(dir, "file", "d.mmd");
        assert.throws(
            () => checkPaths(args({ diagram: inFile })),
            new UsageError(`--diagram ${inFile}: folder ${path.join(dir, "file")} does not exist; create it first`),
        );
        // Root may write anywhere, so the refusal is shown by making the access check refuse.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const nodeFs = require("fs") as typeof fs;
        const access = nodeFs.accessSync;
        nodeFs.accessSync = () => {
            throw new Error("EACCES");
        };
        try {
            assert.throws(
                () => checkPaths(args({ diagram: path.join(dir, "d.mmd") })),
                new UsageError(`--diagram ${path.join(dir, "d.mmd")}: folder ${dir} is not writable`),
            );
        } finally {
            nodeFs.accessSync = access;
        }
    });
});

describe("plan pack loader", () => {
    let dir: string;
    beforeEach(() => fs.mkdirSync(path.join((dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-pack-"))), "policy")));
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
    const runner = (text: string) => fs.writeFileSync(path.join(dir, "policy", "runner.ts"), text);

    it("says why the pack did not run: no runner, no runPolicyPack, or a runner that fails to load", () => {
        assert.deepEqual(loadPackRunner(dir), { status: { ran: false, reason: "policy/runner.ts not found" } });
        runner("export const other = 1;\n");
        assert.deepEqual(loadPackRunner(dir), {
            status: { ran: false, reason: "policy/runner.ts exports no runPolicyPack" },
        });
        // Another folder: Node keeps a module it has loaded once.
        fs.rmSync(dir, { recursive: true, force: true });
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-pack-"));
        fs.mkdirSync(path.join(dir, "policy"));
        runner('throw new Error("broken pack");\n');
        assert.deepEqual(loadPackRunner(dir), {
            status: { ran: false, reason: "policy/runner.ts failed to load: broken pack" },
        });
    });

    it("loads the project's runner", () => {
        const loaded = loadPackRunner(project);
        assert.deepEqual(loaded.status, { ran: true });
        assert.equal(typeof loaded.run, "function");
    });

    it("a finding is mandatory only when its level is exactly mandatory", () => {
        const v = (enforcementLevel: string) => ({ policy: "p", enforcementLevel, urn: "", message: "" });
        assert.equal(isMandatory(v("mandatory")), true);
        for (const level of ["advisory", "disabled", "Mandatory", ""]) assert.equal(isMandatory(v(level)), false);
    });
});

describe("plan timings", () => {
    it("the transpile cache's counters, or zeros when the cache is not loaded", () => {
        const key = require.resolve("../../verifier/transpileCache.js");
        const hook = require.cache[key];
        delete require.cache[key];
        try {
            assert.deepEqual(transpileStats(), { hits: 0, misses: 0, hitMs: 0, missMs: 0, loadedAt: 0 });
        } finally {
            if (hook) require.cache[key] = hook;
        }
        // Under the test runner the cache is preloaded and has transpiled this very file.
        assert.ok(hook, "the transpile cache is preloaded");
        const own = (hook.exports as { stats(): { misses: number; hits: number } }).stats();
        assert.deepEqual(transpileStats(), own);
        assert.ok(own.hits + own.misses > 0);
    });

    it("written to the file S3MR_PLAN_TIMINGS names, as indented JSON", () => {
        const saved = process.env.S3MR_PLAN_TIMINGS;
        try {
            process.env.S3MR_PLAN_TIMINGS = "";
            assert.equal(timingsFile(), undefined);
            delete process.env.S3MR_PLAN_TIMINGS;
            assert.equal(timingsFile(), undefined);
            const file = path.join(os.tmpdir(), `plan-timings-${process.pid}.json`);
            process.env.S3MR_PLAN_TIMINGS = file;
            assert.equal(timingsFile(), file);
            const timings = { bootMs: 1, stacks: [{ stack: "osaka", elapsedMs: 2 }] };
            writeTimings(file, timings as never);
            assert.equal(fs.readFileSync(file, "utf8"), JSON.stringify(timings, null, 2));
            fs.rmSync(file);
        } finally {
            if (saved === undefined) delete process.env.S3MR_PLAN_TIMINGS;
            else process.env.S3MR_PLAN_TIMINGS = saved;
        }
    });
});
