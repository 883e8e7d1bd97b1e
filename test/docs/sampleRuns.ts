// Where each `<!-- sample: NAME -->` block of the docs comes from: the command run offline that prints it, or why not.
import * as assert from "node:assert/strict";
import { ConfigError } from "../../config/platformConfig";
import { helpText } from "../../operations/common/cli";
import { ADOPT_SPEC } from "../../operations/adopt/adoptCommand";
import { DEPLOY_SPEC } from "../../operations/deploy/deployCommand";
import { FAILOVER_SPEC } from "../../operations/failover/failoverCommand";
import { reconcileMain } from "../../operations/reconcile/reconcileCommand";
import { VERIFY_SPEC } from "../../operations/verify/verifyCommand";
import { main as policyMain, USAGE as POLICY_USAGE } from "../../policy/cli";
import { HELP as PLAN_HELP } from "../../verifier/plan";
import { PlanDocument } from "../../verifier/planReport";
import { renderPlan } from "../../verifier/planText";
import { operationsSamples } from "../operations/sampleOutput";
import { captureDeps, tempRoot, writeExampleScenario } from "../operations/reconcile/scenario";
import { stackConfig } from "../support/stackConfigs";
import { realPlanRun } from "../verifier/planRun";
import * as fs from "fs";
import { ROOT } from "./markdown";

export interface SampleSource {
    /** The text the sample must show, made by running the command offline. */
    expected(): Promise<string>;
    /** The page may leave out runs of lines, each replaced by one line `...`; what it shows must be real and in order. */
    trimmed?: boolean;
    /** What legitimately differs between two runs (timings, temporary paths), made alike on both sides. */
    normalise?(text: string): string;
}

/** The one-line error the program prints for the example hub with `overrides` (fully-qualified keys). */
function configError(stack: string, overrides: Record<string, string | undefined>): string {
    try {
        stackConfig(stack, overrides);
    } catch (e) {
        if (e instanceof ConfigError) return e.message;
        throw e;
    }
    throw new Error(`no config error for ${JSON.stringify(overrides)}`);
}

const P = "s3-multiregion:";
const elapsed = (text: string) => text.replace(/evaluated in \d+ ms/g, "evaluated in N ms");

let operations: Promise<Record<string, string[]>> | undefined;
/** One transcript of docs/operations.md, from the commands run against the test doubles (all run once). */
function operationsSample(name: string): SampleSource {
    return {
        expected: async () => {
            operations ??= operationsSamples();
            const lines = (await operations)[name];
            assert.ok(lines, `test/operations/sampleOutput.ts makes no transcript ${name}`);
            return lines.join("\n");
        },
    };
}

const helpOf = (command: string, text: string): SampleSource => ({
    expected: async () => `$ npm run ${command} -- --help\n${text}`,
});

/** The samples made offline, by name. */
export const SAMPLES: Record<string, SampleSource> = {
    "tokyo-to-b": {
        expected: async () => {
            const root = tempRoot();
            try {
                const m = await writeExampleScenario(root);
                const { deps, out } = captureDeps();
                const code = await reconcileMain(["--source", m.source, "--target", m.target], deps);
                return [
                    `$ npm run reconcile -- --source ${m.source} --target ${m.target}`,
                    ...out,
                    "$ echo $?",
                    `${code}`,
                ].join("\n");
            } finally {
                fs.rmSync(root, { recursive: true, force: true });
            }
        },
        // The inventories lie in a temporary folder here and under inventory/ on the page.
        normalise: (text) =>
            text.replace(/--source \S+\/manifest\.json --target \S+\/manifest\.json/, "--source … --target …"),
    },
    "plan-text": {
        expected: async () => {
            const run = await realPlanRun();
            return renderPlan(JSON.parse(run.stdout) as PlanDocument);
        },
        trimmed: true,
        normalise: elapsed,
    },
    "policy-example-export": {
        expected: async () => {
            const printed: string[] = [];
            const file = "policy/examples/stack-export.json";
            const code = await policyMain(["--export", file], {
                stdout: (t) => printed.push(t),
                stderr: (t) => printed.push(t),
                readFile: (f) => fs.readFileSync(f, "utf8"),
                cwd: ROOT,
            });
            return [`$ npm run policy -- --export ${file}`, printed.join("").trimEnd(), "$ echo $?", `${code}`].join(
                "\n",
            );
        },
        trimmed: true,
    },
    "plan-help": helpOf("plan", PLAN_HELP),
    "policy-help": helpOf("policy", POLICY_USAGE),
    "deploy-help": helpOf("deploy", helpText(DEPLOY_SPEC)),
    "failover-help": helpOf("failover", helpText(FAILOVER_SPEC)),
    "verify-help": helpOf("verify", helpText(VERIFY_SPEC)),
    "adopt-help": helpOf("adopt", helpText(ADOPT_SPEC)),
    "config-error-vpn-cidr": {
        expected: async () => configError("tokyo", { [`${P}vpnClientCidr`]: "10.0.4.0/22" }),
    },
    "config-errors-network": {
        expected: async () =>
            [
                configError("tokyo", { [`${P}vpnClientRootCertificateArn`]: undefined }),
                configError("tokyo", { [`${P}vpnClientCidr`]: "10.0.128.0/22" }),
                configError("tokyo", { [`${P}availabilityZones`]: '["ap-northeast-1a","ap-northeast-3a"]' }),
            ].join("\n"),
    },
    ...Object.fromEntries(
        [
            "deploy-up",
            "deploy-failed",
            "deploy-destroy-preview",
            "deploy-no-pulumi",
            "deploy-no-credentials",
            "deploy-no-profile",
            "failover-to-osaka",
            "failover-bad-region",
            "failover-active-active",
            "verify-ok",
            "verify-missing-copy",
        ].map((name) => [name, operationsSample(name)]),
    ),
};

/**
 * Samples no offline run can make, each with the reason. The page says "illustrative" next to each of them
 * (the checks make sure it does).
 */
export const ILLUSTRATIVE: Record<string, string> = {
    "plan-json":
        "the shape of the --json document with values elided; the checks compare its keys and summary with a real run",
    "vpn-dig": "needs a connected Client VPN: the addresses come from a live interface endpoint's DNS",
};

/**
 * Compares a page's sample with what the command printed, after `normalise`; undefined when they agree. With
 * `trimmed`, each run of shown lines between `...` lines must appear, in order and unbroken, in the real output.
 */
export function sampleProblem(
    shown: string,
    real: string,
    source: Pick<SampleSource, "trimmed" | "normalise">,
): string | undefined {
    const norm = source.normalise ?? ((t: string) => t);
    const page = norm(shown).trimEnd().split("\n");
    const actual = norm(real).trimEnd().split("\n");
    if (!source.trimmed) {
        const at = page.findIndex((l, i) => l !== actual[i]);
        if (at < 0 && page.length === actual.length) return undefined;
        const i = at < 0 ? Math.min(page.length, actual.length) : at;
        return `line ${i + 1} differs:\n  page: ${page[i] ?? "(nothing)"}\n  real: ${actual[i] ?? "(nothing)"}`;
    }
    const segments: string[][] = [[]];
    for (const line of page) {
        if (line.trim() === "...") segments.push([]);
        else segments[segments.length - 1].push(line);
    }
    let from = 0;
    for (const [n, segment] of segments.entries()) {
        if (segment.length === 0) continue;
        const anchored = n === 0;
        let found = -1;
        for (let i = from; i + segment.length <= actual.length && found < 0; i++) {
            if (segment.every((l, k) => l === actual[i + k])) found = i;
            if (anchored) break;
        }
        if (found < 0) {
            const near = actual.findIndex((l, i) => i >= from && l === segment[0]);
            return (
                `these lines are not in the real output, in this order:\n  ${segment.join("\n  ")}\n` +
                `real output from there:\n  ${actual.slice(near < 0 ? from : near, (near < 0 ? from : near) + segment.length + 3).join("\n  ")}`
            );
        }
        from = found + segment.length;
    }
    if (page[page.length - 1]?.trim() !== "..." && from !== actual.length)
        return `the page stops at a line that is not the last the command prints (${actual.length - from} more)`;
    return undefined;
}
