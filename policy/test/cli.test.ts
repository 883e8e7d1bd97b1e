// The `npm run policy` command: output forms, exit statuses, one clear line for unusable input.

import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";

import { CliIo, USAGE, main } from "../cli";
import { PolicyViolation } from "../runner";
import { packArgs } from "../pack";

const EXAMPLE = path.join(__dirname, "..", "examples", "stack-export.json");

function io(files: Record<string, string> = {}): CliIo & { out: string; err: string } {
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

const exportOf = (resources: unknown[]): string => JSON.stringify({ version: 3, deployment: { resources } });
const routes = (region: string) => ({
    urn: "urn:pulumi:dev::p::aws:s3control/multiRegionAccessPointRoutes:MultiRegionAccessPointRoutes::routes",
    type: "aws:s3control/multiRegionAccessPointRoutes:MultiRegionAccessPointRoutes",
    inputs: { mrap: "arn:aws:s3::111111111111:accesspoint/x.mrap", region, routes: [] },
    outputs: {},
});
const bucketOnly = {
    urn: "urn:pulumi:dev::p::aws:s3/bucket:Bucket::b",
    type: "aws:s3/bucket:Bucket",
    id: "example-b",
    inputs: { bucket: "example-b" },
    outputs: { bucket: "example-b" },
};

describe("cli", () => {
    it("prints violations as JSON and exits 1 on a mandatory one", async () => {
        const c = io({ "/work/s.json": exportOf([routes("ap-northeast-3")]) });
        assert.equal(await main(["--export", "s.json", "--json"], c), 1);
        const violations = JSON.parse(c.out) as PolicyViolation[];
        assert.deepStrictEqual(violations, [
            {
                policy: "s3-mrap-routes-region",
                enforcementLevel: "mandatory",
                urn: routes("").urn,
                message:
                    "The routes resource is managed in ap-northeast-3, where the MRAP routes API does not answer; use one of us-east-1, us-west-2, ap-southeast-2, ap-northeast-1, eu-west-1.",
            },
        ]);
        assert.equal(c.err, "");
    });

    it("exits 0 with a clean stack, and with advisory findings only", async () => {
        const clean = io({ "/work/s.json": exportOf([routes("ap-northeast-1")]) });
        assert.equal(await main(["--export=s.json"], clean), 0);
        assert.equal(clean.out, "Policy pack s3-multiregion on s.json (1 resources): no violations.\n");
        const advisory = io({
            "/work/s.json": exportOf([bucketOnly]),
            "/work/c.json": JSON.stringify({ all: "advisory" }),
        });
        assert.equal(await main(["--export", "s.json", "--config", "c.json", "--json"], advisory), 0);
        assert.deepStrictEqual(
            (JSON.parse(advisory.out) as PolicyViolation[]).map((v) => [v.policy, v.enforcementLevel]),
            [
                ["s3-bucket-public-access-block", "advisory"],
                ["s3-bucket-default-encryption", "advisory"],
                ["s3-bucket-versioning", "advisory"],
                ["s3-bucket-owner-enforced", "advisory"],
                ["s3-bucket-request-metrics", "advisory"],
                ["s3-bucket-access-logging", "advisory"],
                ["s3-bucket-single-policy", "advisory"],
            ],
        );
    });

    it("prints each violation with its fix in text form", async () => {
        const c = io({ "/work/s.json": exportOf([routes("ap-northeast-3")]) });
        assert.equal(await main(["--export", "s.json"], c), 1);
        assert.equal(
            c.out,
            [
                "Policy pack s3-multiregion on s.json (1 resources)",
                `  [mandatory] s3-mrap-routes-region  ${routes("").urn}`,
                "      The routes resource is managed in ap-northeast-3, where the MRAP routes API does not answer; use one of us-east-1, us-west-2, ap-southeast-2, ap-northeast-1, eu-west-1.",
                "",
                "How to fix:",
                '  s3-mrap-routes-region: set `region: "ap-northeast-1"` (or another listed region) on the routes resource.',
                "",
                "1 mandatory, 0 advisory violation(s).",
                "",
            ].join("\n"),
        );
    });

    it("exits 2 with one line on unreadable or invalid input", async () => {
        const table: [string[], Record<string, string>, string][] = [
            [["--export", "missing.json"], {}, "policy: cannot read stack export missing.json: no such file\n"],
            [["--export", "s.json"], { "/work/s.json": "{not json" }, "policy: stack export s.json is not JSON: "],
            [
                ["--export", "s.json"],
                { "/work/s.json": "[]" },
                "policy: s.json: not a stack export: the document is not a JSON object\n",
            ],
            [
                ["--export", "s.json", "--config", "c.json"],
                { "/work/s.json": exportOf([]), "/work/c.json": '{"all":"strict"}' },
                'policy: invalid policy pack config: all: "strict" is not a valid enforcement level (advisory, mandatory, remediate, disabled)\n',
            ],
            [
                ["--export", "s.json", "--config", "c.json"],
                {
                    "/work/s.json": exportOf([]),
                    "/work/c.json": '{"s3-bucket-public-access-block":"advisory","no-such-policy":"disabled"}',
                },
                'policy: policy config c.json: no policy named no-such-policy; allowed: "all" or one of the ' +
                    `${packArgs.policies.length} policies (${packArgs.policies
                        .map((p) => p.name)
                        .sort()
                        .join(", ")}), ` +
                    "each set to a level (advisory, mandatory, remediate, disabled) or an object\n",
            ],
            [
                ["--export", "s.json", "--config", "c.json"],
                { "/work/s.json": exportOf([]), "/work/c.json": "[]" },
                "policy: policy config c.json is not a JSON object\n",
            ],
        ];
        for (const [argv, files, err] of table) {
            const c = io(files);
            assert.equal(await main(argv, c), 2, argv.join(" "));
            assert.equal(c.out, "");
            assert.ok(c.err.startsWith(err) && c.err.split("\n").length === 2, `${argv.join(" ")}: ${c.err}`);
        }
    });

    it("shows the usage on --help (exit 0) and on a bad command line (exit 2)", async () => {
        const help = io();
        assert.equal(await main(["--help"], help), 0);
        assert.equal(help.out, `${USAGE}\n`);
        for (const argv of [[], ["--export"], ["--frobnicate"]]) {
            const c = io();
            assert.equal(await main(argv, c), 2);
            assert.ok(c.err.endsWith(`\n${USAGE}\n`), c.err);
        }
    });

    it("reports the hand-written example export from a real process, exit status 1", () => {
        const cli = path.join(__dirname, "..", "cli.ts");
        const run = spawnSync(
            process.execPath,
            ["-r", "ts-node/register/transpile-only", cli, "--export", EXAMPLE, "--json"],
            { encoding: "utf8", env: { ...process.env, INIT_CWD: process.cwd() } },
        );
        assert.equal(run.status, 1, run.stderr);
        const policies = (JSON.parse(run.stdout) as PolicyViolation[]).map(
            (v) => `${v.enforcementLevel} ${v.policy} ${v.urn.split("::").pop()}`,
        );
        assert.deepStrictEqual(policies, [
            "mandatory s3-bucket-policy-secure-transport uploads-policy",
            "mandatory s3-policy-no-public-principal uploads-policy",
            "mandatory s3-mrap-routes-region uploads-routes",
            "mandatory iam-cross-account-trust-limited partner-uploader",
            "mandatory s3-bucket-public-access-block uploads-public-access-block",
            "advisory s3-bucket-access-logging uploads",
            "mandatory client-vpn-dns-vpc-resolver office-vpn",
        ]);
    });
});
