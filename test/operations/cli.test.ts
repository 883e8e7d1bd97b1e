// Tests of the shared command-line plumbing: --help, one-line usage errors, option values, exit codes.
import * as assert from "assert";
import {
    CommandSpec,
    EXIT_FAILURE,
    EXIT_OK,
    EXIT_USAGE,
    helpText,
    intOption,
    listOption,
    oneLine,
    stringOption,
    parseCommandLine,
    OpsFailure,
    positiveNumberOption,
    PreflightError,
    runCommand,
    UsageError,
    wrap,
} from "../../operations/common/cli";
import { captureIo } from "./fixtures";

const SPEC: CommandSpec = {
    name: "demo",
    synopsis: "--to REGION [--dry-run]",
    summary: "Does a demo thing.",
    options: {
        to: { type: "string", value: "REGION", help: "where to" },
        "dry-run": { type: "boolean", help: "change nothing" },
    },
};

async function run(argv: string[], body: (o: Record<string, unknown>) => Promise<number> = async () => EXIT_OK) {
    const c = captureIo();
    let called = false;
    const code = await runCommand(SPEC, argv, c.io, async (o) => {
        called = true;
        return body(o);
    });
    return { code, called, ...c };
}

describe("ops cli", () => {
    it("--help prints the usage line first, every option, and exits 0 without running the body", async () => {
        const r = await run(["--help"]);
        assert.strictEqual(r.code, EXIT_OK);
        assert.strictEqual(r.called, false);
        const text = r.out.join("\n");
        assert.strictEqual(text.split("\n")[0], "usage: npm run demo -- --to REGION [--dry-run]");
        assert.match(text, /--to REGION\s+where to/);
        assert.match(text, /--dry-run\s+change nothing/);
        assert.match(text, /exit codes: 0 success, 1 .*, 2 /);
        assert.deepStrictEqual(r.err, []);
    });

    it("passes parsed values to the body", async () => {
        let seen: Record<string, unknown> = {};
        const r = await run(["--to", "ap-northeast-3", "--dry-run"], async (o) => {
            seen = o;
            return EXIT_OK;
        });
        assert.strictEqual(r.code, EXIT_OK);
        assert.deepStrictEqual({ ...seen }, { to: "ap-northeast-3", "dry-run": true });
    });

    const badArgs: Array<[string[], string]> = [
        [["--bogus"], "demo: unknown option --bogus"],
        [["--to"], "demo: option --to needs a value"],
        [["stray"], 'demo: unexpected argument "stray"'],
        [["--dry-run=yes"], "demo: option --dry-run does not take a value"],
        // A value that looks like an option: only the first line of Node's three-line message.
        [["--to", "--dry-run"], "demo: invalid option value: Option '--to' argument is ambiguous. (usage: "],
    ];
    for (const [argv, start] of badArgs) {
        it(`rejects ${argv.join(" ")} with one line and exit 2`, async () => {
            const r = await run(argv);
            assert.strictEqual(r.code, EXIT_USAGE);
            assert.strictEqual(r.called, false);
            assert.strictEqual(r.err.length, 1);
            assert.ok(r.err[0].startsWith(start), r.err[0]);
            assert.ok(r.err[0].includes("usage: npm run demo -- --to REGION [--dry-run]"), r.err[0]);
            assert.ok(!r.err[0].includes("\n"));
        });
    }

    it("maps errors from the body to exit codes, one line each, no stack trace", async () => {
        const cases: Array<[Error, number, string]> = [
            [new UsageError("bad region"), EXIT_USAGE, "demo: bad region (usage:"],
            [new PreflightError("no credentials"), EXIT_USAGE, "demo: no credentials"],
            [new OpsFailure("routes disagree"), EXIT_FAILURE, "demo: routes disagree"],
            [
                Object.assign(new Error("Access Denied\n    at frame (x.js:1:1)"), { name: "AccessDenied" }),
                EXIT_FAILURE,
                "demo: AccessDenied: Access Denied",
            ],
        ];
        for (const [error, code, line] of cases) {
            const r = await run(["--to", "x"], async () => {
                throw error;
            });
            assert.strictEqual(r.code, code, error.message);
            assert.strictEqual(r.err.length, 1);
            assert.ok(r.err[0].startsWith(line), r.err[0]);
            assert.ok(!/\bat frame\b/.test(r.err[0]), "no stack frames");
        }
    });

    it("validates numeric options with a sentence naming the option", () => {
        assert.strictEqual(intOption("objects", undefined, 5), 5);
        assert.strictEqual(intOption("objects", "12", 5), 12);
        assert.throws(() => intOption("objects", "0", 5), /--objects must be a whole number >= 1, got "0"/);
        assert.throws(() => intOption("objects", "1.5", 5), UsageError);
        assert.strictEqual(positiveNumberOption("interval", "0.5", 5), 0.5);
        assert.strictEqual(positiveNumberOption("interval", undefined, 5), 5);
        assert.throws(() => positiveNumberOption("interval", "0", 5), /--interval must be a number of seconds > 0/);
        assert.throws(() => positiveNumberOption("interval", "-3", 5), UsageError);
    });

    it("a number of seconds is digits with at most one decimal part, nothing before or after it", () => {
        assert.strictEqual(positiveNumberOption("interval", "1.25", 5), 1.25);
        assert.strictEqual(positiveNumberOption("interval", "30", 5), 30);
        for (const bad of ["x1.5", "1.5s", "1.", ".5", "1e3", " 2"]) {
            assert.throws(
                () => positiveNumberOption("interval", bad, 5),
                (e: Error) =>
                    e instanceof UsageError &&
                    e.message === `--interval must be a number of seconds > 0, got ${JSON.stringify(bad)}`,
                bad,
            );
        }
    });

    it("-h asks for the help as --help does", async () => {
        assert.strictEqual(parseCommandLine(SPEC, ["-h"]), "help");
        const r = await run(["--to", "x", "-h"]);
        assert.strictEqual(r.code, EXIT_OK);
        assert.strictEqual(r.called, false);
        assert.strictEqual(r.out.join("\n").split("\n")[0], "usage: npm run demo -- --to REGION [--dry-run]");
    });

    it("an error's first non-blank line is what the operator reads; an empty message falls back to the name", () => {
        assert.strictEqual(oneLine(new Error("\n   \n  Access Denied  \nmore")), "Access Denied");
        assert.strictEqual(oneLine(new Error("")), "Error");
        assert.strictEqual(oneLine(Object.assign(new Error(" \n"), { name: "SlowDown" })), "SlowDown: ");
        assert.strictEqual(oneLine("plain"), "plain");
    });

    it("wraps the help summary at the width without splitting words", () => {
        assert.deepStrictEqual(wrap("aaa bbb ccc ddd", 7), ["aaa bbb", "ccc ddd"]);
        assert.deepStrictEqual(wrap("   ", 7), []);
        assert.deepStrictEqual(wrap("", 7), []);
        const lines = helpText({ ...SPEC, summary: "word ".repeat(60) }).split("\n");
        const summary = lines.slice(2, lines.indexOf("options:") - 1);
        assert.strictEqual(summary.join(" "), "word ".repeat(60).trim());
        assert.ok(summary.length >= 3 && summary.every((l) => l.length <= 100), summary.join("|"));
    });

    it("a repeatable option collects every value in order; listOption reads it, absent or given once", () => {
        const spec: CommandSpec = {
            ...SPEC,
            options: { ...SPEC.options, keep: { type: "string", multiple: true, value: "SID", help: "keep" } },
        };
        const parsed = parseCommandLine(spec, ["--keep", "A", "--to", "x", "--keep", "B"]);
        assert.notStrictEqual(parsed, "help");
        const values = parsed as Record<string, unknown>;
        assert.deepStrictEqual(values.keep, ["A", "B"]);
        assert.deepStrictEqual(listOption(values.keep as string[]), ["A", "B"]);
        assert.deepStrictEqual(listOption(undefined), []);
        assert.deepStrictEqual(listOption("A"), ["A"]);
        // A single-valued option given twice is still the last value, as before.
        assert.strictEqual((parseCommandLine(SPEC, ["--to", "a", "--to", "b"]) as Record<string, unknown>).to, "b");
    });

    it("the help's option column is as wide as the longest option", () => {
        const lines = helpText(SPEC).split("\n");
        const options = lines.slice(lines.indexOf("options:") + 1, lines.indexOf("options:") + 4);
        assert.deepStrictEqual(options, [
            "  --to REGION  where to",
            "  --dry-run    change nothing",
            "  --help       print this help and exit",
        ]);
    });

    it("an option value of the wrong kind reads as absent or bad, never as given", () => {
        assert.strictEqual(stringOption(true), undefined);
        assert.strictEqual(stringOption("x"), "x");
        assert.deepStrictEqual(listOption(true), []);
        assert.throws(
            () => intOption("objects", ["5"], 1),
            (e: Error) => e instanceof UsageError && e.message === '--objects must be a whole number >= 1, got ["5"]',
        );
    });
});
