// What the pages are checked against, read from the code itself: npm scripts, each command's flags, declared config keys.
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { BENCHES } from "../../bench/benches";
import { COMPARE_USAGE } from "../../bench/compareBench";
import { ADOPT_SPEC } from "../../operations/adopt/adoptCommand";
import { CommandSpec } from "../../operations/common/cli";
import { DEPLOY_SPEC } from "../../operations/deploy/deployCommand";
import { FAILOVER_SPEC } from "../../operations/failover/failoverCommand";
import { RECONCILE_SPEC } from "../../operations/reconcile/reconcileCommand";
import { VERIFY_SPEC } from "../../operations/verify/verifyCommand";
import { USAGE as POLICY_USAGE } from "../../policy/cli";
import { HELP as PLAN_HELP } from "../../verifier/plan";
import { ROOT } from "./markdown";

/** The flags a command accepts; `subcommands` for a command whose first argument picks what runs (bench). */
export interface CommandFlags {
    flags: Set<string>;
    subcommands?: Record<string, Set<string>>;
}

export interface DocFacts {
    /** package.json's scripts. */
    scripts: Set<string>;
    /** npm script -> the flags its usage or option table names. */
    commands: Record<string, CommandFlags>;
    /** Every key Pulumi.yaml declares, without the project namespace. */
    configKeys: Set<string>;
    /** The keys Pulumi.yaml declares `secret: true`. */
    secretKeys: Set<string>;
}

/** `--flag` words in a usage or help text. */
export function flagsIn(text: string): Set<string> {
    return new Set([...text.matchAll(/(?<![\w-])--([a-z][a-z-]*)/g)].map((m) => m[1]));
}

/** An operations command's flags: its option table, plus --help, which every command takes. */
function specFlags(spec: CommandSpec): CommandFlags {
    return { flags: new Set([...Object.keys(spec.options), "help"]) };
}

export function docFacts(): DocFacts {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
        scripts: Record<string, string>;
    };
    const project = yaml.load(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")) as {
        config: Record<string, { secret?: boolean }>;
    };
    const keys = Object.keys(project.config).map((k) => k.replace(/^s3-multiregion:/, ""));
    const secret = Object.entries(project.config).filter(([, v]) => v.secret === true);
    return {
        scripts: new Set(Object.keys(pkg.scripts)),
        commands: {
            plan: { flags: flagsIn(PLAN_HELP) },
            policy: { flags: new Set([...flagsIn(POLICY_USAGE), "help"]) },
            bench: {
                flags: new Set(),
                subcommands: Object.fromEntries(
                    Object.keys(BENCHES).map((b) => [b, b === "compare" ? flagsIn(COMPARE_USAGE) : new Set<string>()]),
                ),
            },
            // The mutation scripts are plain JavaScript outside the build: their flags are the ones their usage names.
            mutation: { flags: flagsIn(fs.readFileSync(path.join(ROOT, "test", "mutation", "run.mjs"), "utf8")) },
            "mutation:summary": {
                flags: flagsIn(fs.readFileSync(path.join(ROOT, "test", "mutation", "summary.mjs"), "utf8")),
            },
            ...Object.fromEntries(
                [ADOPT_SPEC, DEPLOY_SPEC, FAILOVER_SPEC, RECONCILE_SPEC, VERIFY_SPEC].map((s) => [
                    s.name,
                    specFlags(s),
                ]),
            ),
        },
        configKeys: new Set(keys),
        secretKeys: new Set(secret.map(([k]) => k.replace(/^s3-multiregion:/, ""))),
    };
}
