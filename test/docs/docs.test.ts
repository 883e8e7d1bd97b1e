// The README and docs/ cannot drift from the code: commands, flags, config keys, the Inputs and Outputs tables, names.
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import {
    checkInputsTable,
    checkNpmCommands,
    checkOutputsTable,
    checkPage,
    checkPulumiConfig,
    checkWorkedMonth,
    checkReportNames,
    Role,
} from "./docChecks";
import { docFacts } from "./docFacts";
import { docPages, readPage, ROOT } from "./markdown";
import { everyStackOutput } from "./stackOutputs";

const facts = docFacts();

/** Every source, doc and config file of the project (not dependencies, not build output, not this checker's fixtures). */
function projectFiles(dir = ROOT): string[] {
    if (dir === __dirname) return [];
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const full = path.join(dir, e.name);
        if (e.isDirectory())
            return ["node_modules", ".git", ".stryker-tmp", "reports"].includes(e.name) ? [] : projectFiles(full);
        return /\.(ts|js|mjs|md|yaml|yml)$/.test(e.name) ? [full] : [];
    });
}

describe("the README and docs/ against the code", function () {
    this.timeout(300_000);

    for (const page of docPages())
        it(`${page}: every npm script, flag, config key and field-report name is real`, () => {
            assert.deepEqual(checkPage(page, readPage(page), facts), []);
        });

    it("the README's Inputs table lists exactly the keys Pulumi.yaml declares", () => {
        assert.deepEqual(checkInputsTable(readPage("README.md"), facts), []);
    });

    it("the README's Outputs table lists exactly the outputs each role's stack exports", async () => {
        assert.deepEqual(checkOutputsTable(readPage("README.md"), await everyStackOutput()), []);
    });

    it("the README's worked month multiplies out, line by line, and adds up to its total", () => {
        assert.deepEqual(checkWorkedMonth(readPage("README.md")), []);
    });

    it("no source, test or doc file names a field report by number", () => {
        const found = projectFiles().flatMap((f) =>
            checkReportNames(fs.readFileSync(f, "utf8")).map((p) => `${path.relative(ROOT, f)}: ${p}`),
        );
        assert.deepEqual(found, []);
    });
});

describe("the doc checks notice drift", () => {
    it("a script that does not exist, a flag the command does not take, a bench that does not exist", () => {
        assert.deepEqual(checkNpmCommands("npm run plna", facts), [
            'npm run plna: no such script in package.json (in "npm run plna")',
        ]);
        assert.deepEqual(checkNpmCommands("npm run failover -- --to ap-northeast-3 --force", facts), [
            "npm run failover: --force is not a flag it accepts (allowed: --to, --active-active, --routes-region, " +
                '--stack, --outputs, --dry-run, --help) (in "npm run failover -- --to ap-northeast-3 --force")',
        ]);
        assert.equal(checkNpmCommands("npm run plan -- --stacks tokyo", facts).length, 1);
        assert.equal(checkNpmCommands("npm run bench -- compare --round 3", facts).length, 1);
        assert.match(checkNpmCommands("npm run bench -- compares", facts)[0], /no such sub-command/);
    });

    it("accepts what the commands accept, comments and redirections aside", () => {
        for (const line of [
            "npm run plan -- --stack tokyo --json > plan.json   # --everything here is prose",
            "npm run plan [-- --stack NAME] [--json] [--diagram FILE] [--project DIR] [--help]",
            "npm run failover -- --to REGION | --active-active [--routes-region REGION] [--dry-run]",
            "npm run bench -- compare --rounds 3 --ref /tmp/ref",
            "npm run policy -- --export tokyo.json --config policy-config.json --json",
            "npm run reconcile -- --engine athena --workgroup w --database d --source a --target b",
        ])
            assert.deepEqual(checkNpmCommands(line, facts), [], line);
    });

    it("an undeclared key, an unknown namespace, a secret set in plain text", () => {
        assert.deepEqual(checkPulumiConfig("pulumi config set vpcCIRD 10.0.0.0/16 --stack tokyo", facts), [
            'pulumi config set vpcCIRD: not a key declared in Pulumi.yaml (in "pulumi config set vpcCIRD 10.0.0.0/16 --stack tokyo")',
        ]);
        assert.equal(checkPulumiConfig("pulumi config set s3multiregion:namePrefix x", facts).length, 1);
        assert.deepEqual(checkPulumiConfig("pulumi config set partnerExternalId x --stack tokyo", facts), [
            "pulumi config set partnerExternalId: declared secret in Pulumi.yaml, so set it with --secret",
        ]);
        assert.deepEqual(checkPulumiConfig("pulumi config set --secret vpcCidr 10.0.0.0/16", facts), [
            "pulumi config set --secret vpcCidr: not declared secret in Pulumi.yaml",
        ]);
        for (const ok of [
            "pulumi config set --secret partnerExternalId <id> --stack tokyo",
            "pulumi config set --path 'partnerPrincipals[0]' arn:aws:iam::333333333333:root --stack tokyo",
            "pulumi config set --path 'aws:allowedAccountIds[0]' 111111111111 --stack tokyo",
            "pulumi config rm operatorPrincipals --stack tokyo",
        ])
            assert.deepEqual(checkPulumiConfig(ok, facts), [], ok);
    });

    it("a whole page: a wrong flag, an unknown key in YAML, a report by number", () => {
        const page = [
            "Run `npm run verify -- --object 5`, then:",
            "```yaml",
            "config:",
            "  s3-multiregion:vpcCIRD: 10.0.0.0/16",
            "  s3-multiregion:networkEnabled: true",
            "```",
            "Type `s3-multiregion:storage:HardenedBucket` is a component, as seed 002 found.",
        ].join("\n");
        assert.deepEqual(
            checkPage("x.md", page, facts).map((p) => p.replace(/ \(allowed:.*$/, "")),
            [
                "x.md: npm run verify: --object is not a flag it accepts",
                "x.md: s3-multiregion:vpcCIRD: not a key declared in Pulumi.yaml",
                'x.md: "seed 002 found.": name the field report by what it is (as the README does), not by number',
            ],
        );
    });

    const inputs = (rows: string[]) =>
        ["## Inputs", "", "| key | roles |", "|---|---|", ...rows, "", "## Next"].join("\n");

    it("an Inputs table that misses a key or lists one Pulumi.yaml does not declare", () => {
        const all = [...facts.configKeys].filter((k) => k !== "vpcCidr").map((k) => `| \`${k}\` | all |`);
        assert.deepEqual(checkInputsTable(inputs([...all, "| `vpcCIRD` | all |"]), facts), [
            "Inputs table: vpcCidr is declared but missing",
            "Inputs table: vpcCIRD is not a declared key",
        ]);
    });

    it("an Outputs table with a wrong role, an output no stack exports, a missing output", () => {
        const outputs: Record<Role, Set<string>> = {
            primary: new Set(["role", "mrapArn", "network"]),
            secondary: new Set(["role", "network"]),
            destination: new Set(["role", "replicaBucketArn"]),
        };
        const table = (rows: string[]) =>
            ["## Outputs", "", "| output | role | value |", "|---|---|---|", ...rows].join("\n");
        const good = ["| `role` | all | x |", "| `mrapArn` | primary | x |", "| `network` | primary, secondary | x |"];
        assert.deepEqual(checkOutputsTable(table([...good, "| `replicaBucketArn` | destination | x |"]), outputs), []);
        assert.deepEqual(
            checkOutputsTable(
                table([
                    ...good.slice(0, 2),
                    "| `network` | primary | x |",
                    "| `replicaBucketArns` | destination | x |",
                ]),
                outputs,
            ),
            [
                "Outputs table: network is listed for primary but exported by primary, secondary",
                "Outputs table: replicaBucketArns is not an output of any stack",
                "Outputs table: replicaBucketArn (exported by destination) is missing",
            ],
        );
    });

    it("a worked month whose line or total does not add up", () => {
        const month = (rows: string[]) =>
            [
                "## Cost",
                "",
                "| a | b |",
                "|---|---|",
                "| x | y |",
                "",
                "| line | quantity × price | per month |",
                "|---|---|---:|",
                ...rows,
            ].join("\n");
        const ok = ["| VPN | 2 subnets × 730 h × $0.15 | $219.00 |", "| PUT | 200,000 × $0.0047 / 1,000 | $0.94 |"];
        assert.deepEqual(checkWorkedMonth(month([...ok, "| **total** | | **$219.94** |"])), []);
        assert.deepEqual(
            checkWorkedMonth(
                month([ok[0], "| PUT | 200,000 × $0.0047 / 1,000 | $9.40 |", "| **total** | | **$219.94** |"]),
            ),
            ["worked month: PUT is 0.94, not 9.40", "worked month: the lines add up to 228.40, not 219.94"],
        );
    });
});
