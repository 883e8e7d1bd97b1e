// `npm run policy` on several exports: one system, cross-stack checks when both sides are given, "cannot see" notes when not, no crash on any input.

import * as assert from "node:assert/strict";

import { CliIo, main } from "../cli";
import { PolicyViolation } from "../runner";
import { StackExport, SystemExports } from "./corpus/builder";
import { SHAPES, mutate, variant } from "./corpus/generator";

const v = variant(SHAPES[0]);
const [hub, second] = v.shape.regions;

function io(files: Record<string, string>): CliIo & { out: string; err: string } {
    const captured = {
        out: "",
        err: "",
        cwd: "/work",
        stdout: (t: string) => void (captured.out += t),
        stderr: (t: string) => void (captured.err += t),
        readFile: (f: string): string => {
            if (f in files) return files[f];
            const e = new Error(`ENOENT: ${f}`) as NodeJS.ErrnoException;
            e.code = "ENOENT";
            throw e;
        },
    };
    return captured;
}

/** Files `/work/<stack>.json` of a system's exports, and the matching `--export` arguments. */
function filesOf(exports: SystemExports, stacks: string[]): { files: Record<string, string>; argv: string[] } {
    const files: Record<string, string> = {};
    const argv: string[] = [];
    for (const s of stacks) {
        files[`/work/${s}.json`] = JSON.stringify(exports.get(s) as StackExport);
        argv.push("--export", `${s}.json`);
    }
    return { files, argv };
}

const noteLines = (err: string): string[] => err.split("\n").filter((l) => l.startsWith("policy: note: "));

describe("cli: several exports as one system", () => {
    it("the whole valid system passes, and nothing is left unseen", async () => {
        const { files, argv } = filesOf(v.exports, [second, "dest-account", hub]);
        const c = io(files);
        assert.equal(await main([...argv, "--json"], c), 0, c.err);
        assert.deepStrictEqual(
            (JSON.parse(c.out) as PolicyViolation[]).filter((x) => x.enforcementLevel === "mandatory"),
            [],
        );
        assert.deepStrictEqual(noteLines(c.err), []);
    });

    it("says which cross-stack references it cannot see when a stack's export is missing", async () => {
        const { files, argv } = filesOf(v.exports, [second, hub]);
        const c = io(files);
        assert.equal(await main([...argv, "--json"], c), 0, c.err);
        const replica = `example-s3mr-replica-222222222222-${hub}`;
        const notes = noteLines(c.err);
        assert.ok(
            notes.includes(
                `policy: note: urn:pulumi:${hub}::example-s3mr-platform::aws:s3/bucketReplicationConfig:BucketReplicationConfig::replication-${hub}: ` +
                    `cannot see bucket '${replica}' (destination of rule 'to-destination-account'): it is not in the exports given; ` +
                    "add its stack's export with --export to check it",
            ),
            notes.join("\n"),
        );
        assert.ok(
            notes.every((n) => !n.includes(`data-111111111111-${second}'`)),
            "the secondary bucket is seen",
        );
        const text = io(files);
        assert.equal(await main(argv, text), 0);
        assert.match(text.out, /\nNot checked:\n {2}urn:pulumi:.*::replication-ap-northeast-1\n {6}cannot see bucket /);
    });

    it("notes an MRAP whose routes no export declares (routes set in the console are not checked)", async () => {
        const m = mutate(v, "routes-elsewhere", "", "", (x) => x.remove("mrap-routes"));
        const { files, argv } = filesOf(m.exports, [second, "dest-account", hub]);
        const c = io(files);
        assert.equal(await main([...argv, "--json"], c), 0, c.err);
        assert.deepStrictEqual(noteLines(c.err), [
            `policy: note: urn:pulumi:${hub}::example-s3mr-platform::aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint::mrap: ` +
                "cannot see the routes of MRAP mrap (whether at least one route is active; routes set in the console or by " +
                "another program are not checked): it is not in the exports given; add its stack's export with --export to check it",
        ]);
    });

    it("checks a relation across stacks only when both sides are given (versioning of a bucket another stack replicates)", async () => {
        const m = mutate(v, "secondary-versioning-suspended", "s3-replication-versioning", "", (x) =>
            x.set(`data-${second}-versioning`, "versioningConfiguration.status", "Suspended"),
        );
        const alone = filesOf(m.exports, [second]);
        const a = io(alone.files);
        await main([...alone.argv, "--json"], a);
        // Alone, the secondary stack does not know it replicates: only the every-bucket baseline sees the suspension.
        assert.deepStrictEqual(
            // The generated corpus declares no access logging, which only the advisory logging check notes.
            (JSON.parse(a.out) as PolicyViolation[])
                .filter((x) => x.policy !== "s3-bucket-access-logging")
                .map((x) => [x.policy, x.urn.split("::").pop()]),
            [["s3-bucket-versioning", `data-${second}-versioning`]],
            "the secondary stack alone does not know it replicates",
        );
        const both = filesOf(m.exports, [second, "dest-account", hub]);
        const c = io(both.files);
        assert.equal(await main([...both.argv, "--json"], c), 1);
        assert.deepStrictEqual(
            (JSON.parse(c.out) as PolicyViolation[])
                .filter((x) => x.policy !== "s3-bucket-access-logging")
                .map((x) => [x.policy, x.urn.split("::").pop()]),
            [["s3-replication-versioning", `data-${second}-versioning`]],
        );
    });

    it("exits 2 with one line naming the file that is not a stack export", async () => {
        const { files, argv } = filesOf(v.exports, [hub]);
        const c = io({ ...files, "/work/other.json": JSON.stringify({ version: 3, deployment: { resources: [1] } }) });
        assert.equal(await main([...argv, "--export", "other.json"], c), 2);
        assert.equal(c.out, "");
        assert.equal(c.err, "policy: other.json: not a stack export: deployment.resources[0] has no urn and type\n");
    });

    it("notes encrypted secrets it skipped, and the same stack given twice is evaluated once", async () => {
        const secret = {
            "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
            ciphertext: "AAEAAQ==",
        };
        const m = mutate(v, "secret-policy", "", "", (x) => x.set(`data-${second}-policy`, "policy", secret));
        const { files, argv } = filesOf(m.exports, [second]);
        const c = io(files);
        assert.equal(await main([...argv, ...argv, "--json"], c), 0);
        const urn = `urn:pulumi:${second}::example-s3mr-platform::aws:s3/bucketPolicy:BucketPolicy::data-${second}-policy`;
        const notes = noteLines(c.err);
        assert.ok(
            notes.includes(
                `policy: note: ${urn}: encrypted secret value(s) at inputs.policy, outputs.policy were skipped: checks that ` +
                    "read them did not run (export with `pulumi stack export --show-secrets` to check them)",
            ),
            notes.join("\n"),
        );
        assert.equal(notes.filter((n) => n.includes("also in")).length, 0, "a file given twice is one source");
    });
});

describe("cli: no input crashes it", () => {
    // Every resource type of the corpus, with every input and output replaced by each odd value in turn.
    const odd: unknown[] = [null, 42, "x", [], [null], { Statement: null }, true];
    // The base shape, and the awsx vpcEndpointSpecs shape for the types only it has (security group associations).
    const specs = variant(SHAPES.find((s) => s.endpoints === "awsxSpecs") as (typeof SHAPES)[number]);
    const types = new Map<string, { system: SystemExports; stack: string; index: number }>();
    for (const system of [v.exports, specs.exports])
        for (const [stack, e] of system)
            e.deployment.resources.forEach((r, index) => {
                if (!types.has(r.type)) types.set(r.type, { system, stack, index });
            });

    it(`exits 0, 1 or 2 with at most one line on stderr and no stack trace (${types.size} types x ${odd.length} values)`, async () => {
        for (const [type, at] of types) {
            for (const value of odd) {
                const exports: SystemExports = structuredClone(at.system);
                const r = (exports.get(at.stack) as StackExport).deployment.resources[at.index];
                for (const bag of [r.inputs, r.outputs]) for (const k of Object.keys(bag)) bag[k] = value;
                const { files, argv } = filesOf(exports, [...exports.keys()]);
                const c = io(files);
                const code = await main(argv, c);
                const what = `${type} with ${JSON.stringify(value)}`;
                assert.ok([0, 1, 2].includes(code), `${what}: exit ${code}`);
                assert.ok(!/\n\s+at /.test(c.err + c.out), `${what}: stack trace\n${c.err}`);
                if (code === 2) assert.equal(c.err.split("\n").length, 2, `${what}: ${c.err}`);
            }
        }
    });
});
