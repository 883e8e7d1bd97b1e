// `npm run deploy`: preflight, then every stack in deploy order through a StackRunner (the automation API for real).
import * as fs from "fs";
import { crossStackProblems } from "../../config/crossStackChecks";
import { firstError, placeholderLine, placeholdersOf } from "../../config/projectChecks";
import { declaredKeys } from "../../config/projectFile";
import type { StackFile } from "../../config/stackFiles";
import type { AwsClientFactory } from "../common/awsClients";
import { CommandSpec, EXIT_FAILURE, EXIT_OK, Io, PreflightError, runCommand } from "../common/cli";
import {
    backendUrl,
    CallerIdentity,
    checkAwsCredentials,
    checkPassphrase,
    checkPulumiCli,
    credentialsLabel,
    PulumiVersionProbe,
    stackProfile,
} from "../common/preflight";
import { DeployMode, formatRunSummary, orderFor, runInOrder, StackRunner } from "./runInOrder";

export const DEPLOY_SPEC: CommandSpec = {
    name: "deploy",
    synopsis: "[--preview] [--destroy]",
    summary:
        "Runs every stack of the project with the Pulumi automation API in deploy order (secondaries, destination, hub: " +
        "osaka -> dest-account -> tokyo; --destroy runs the reverse), streaming each stack's output and stopping at the first " +
        "failure. State is kept in PULUMI_BACKEND_URL, default file://<project>/.pulumi-state, so no Pulumi account is needed. " +
        "Needs the Pulumi CLI, PULUMI_CONFIG_PASSPHRASE, and AWS credentials for every account (a stack's aws:profile wins).",
    options: {
        preview: { type: "boolean", help: "preview only, change nothing (with --destroy: preview the destroy)" },
        destroy: {
            type: "boolean",
            help: "destroy every stack, hub first (protected buckets make it stop: see docs/operations.md)",
        },
    },
};

export interface DeployDeps {
    io: Io;
    /** The folder holding Pulumi.yaml and the Pulumi.<stack>.yaml files. */
    projectDir: string;
    env: NodeJS.ProcessEnv;
    now(): number;
    discoverStacks(projectDir: string): StackFile[];
    probePulumi: PulumiVersionProbe;
    aws: Pick<AwsClientFactory, "sts">;
    /** Creates the local state folder for a file:// backend. */
    prepareBackend(url: string): void;
    makeRunner(envVars: Record<string, string>): StackRunner;
}

export function modeFrom(options: { preview?: unknown; destroy?: unknown }): DeployMode {
    if (options.destroy) {
        return options.preview ? "preview-destroy" : "destroy";
    }
    return options.preview ? "preview" : "up";
}

/** True when every stack file names a secrets provider other than the default passphrase one. */
function allUseOtherSecretsProvider(stacks: StackFile[]): boolean {
    return stacks.every((s) => {
        const m = /^secretsprovider:\s*["']?([^"'\s]+)/m.exec(fs.readFileSync(s.file, "utf8"));
        return m !== null && !m[1].startsWith("passphrase");
    });
}

function stringList(v: unknown): string[] | undefined {
    return Array.isArray(v) ? v.map((x) => String(x)) : undefined;
}

/**
 * Checks, before any stack runs, that each stack's credentials reach the account it is allowed to deploy to:
 * the stacks span two accounts, and finding out at the second stack would leave the first one deployed alone.
 */
export async function checkStackCredentials(
    stacks: StackFile[],
    deps: Pick<DeployDeps, "aws" | "env">,
): Promise<Map<string, CallerIdentity>> {
    const byStack = new Map<string, CallerIdentity>();
    const byProfile = new Map<string, CallerIdentity>();
    for (const stack of stacks) {
        const profile = stackProfile(stack.config);
        const region =
            typeof stack.config["aws:region"] === "string"
                ? (stack.config["aws:region"] as string)
                : (deps.env.AWS_REGION ?? "us-east-1");
        const label = credentialsLabel(profile, deps.env);
        const key = profile ?? "";
        let identity = byProfile.get(key);
        if (!identity) {
            identity = await checkAwsCredentials(deps.aws.sts(region, profile), `${label} (stack ${stack.name})`);
            byProfile.set(key, identity);
        }
        const allowed = stringList(stack.config["aws:allowedAccountIds"]);
        if (allowed && !allowed.includes(identity.account)) {
            const file = stack.file.split(/[\\/]/).pop();
            throw new PreflightError(
                `stack ${stack.name} deploys to account ${allowed.join(" or ")} (aws:allowedAccountIds) but ${label} is account ${identity.account}: ` +
                    `add "aws:profile: <a profile for that account>" to ${file}, or run with AWS_PROFILE set for it`,
            );
        }
        byStack.set(stack.name, identity);
    }
    return byStack;
}

/**
 * The offline plan's cross-stack checks, before any AWS call: stack files that disagree would deploy a
 * platform whose accounts deny each other. Example values are refused too, except on a destroy.
 */
export function checkStackFiles(stacks: StackFile[], projectDir: string, mode: DeployMode): void {
    let problem: string | undefined;
    try {
        problem = firstError(crossStackProblems(stacks, declaredKeys(projectDir)).errors);
    } catch (e) {
        throw new PreflightError(`cannot read Pulumi.yaml: ${(e as Error).message}`);
    }
    if (problem !== undefined) throw new PreflightError(problem);
    if (mode === "up" || mode === "preview") {
        const placeholders = placeholderLine(placeholdersOf(stacks));
        if (placeholders !== undefined) throw new PreflightError(placeholders);
    }
}

export function deployMain(argv: string[], deps: DeployDeps): Promise<number> {
    return runCommand(DEPLOY_SPEC, argv, deps.io, async (options) => {
        const mode = modeFrom(options);
        let stacks: StackFile[];
        try {
            stacks = deps.discoverStacks(deps.projectDir);
        } catch (e) {
            throw new PreflightError(`cannot read the stack files: ${(e as Error).message}`);
        }
        if (stacks.length === 0) {
            throw new PreflightError(`no Pulumi.<stack>.yaml files beside Pulumi.yaml in ${deps.projectDir}`);
        }
        const version = await checkPulumiCli(deps.probePulumi);
        checkStackFiles(stacks, deps.projectDir, mode);
        const url = backendUrl(deps.projectDir, deps.env);
        checkPassphrase(url, deps.env, allUseOtherSecretsProvider(stacks));
        const identities = await checkStackCredentials(orderFor(stacks, mode), deps);
        deps.io.out(`pulumi ${version}, backend ${url}`);
        for (const s of orderFor(stacks, mode)) {
            deps.io.out(`  ${s.name}: account ${identities.get(s.name)!.account}`);
        }
        deps.prepareBackend(url);
        const runner = deps.makeRunner({ PULUMI_BACKEND_URL: url });
        const report = await runInOrder(stacks, runner, mode, { log: (l) => deps.io.out(l), now: deps.now });
        const summary = formatRunSummary(report);
        summary.slice(0, -1).forEach((line) => deps.io.out(line));
        // The verdict goes to stderr on failure so that it survives `2>&1 | tail` and CI log folding.
        (report.ok ? (l: string) => deps.io.out(l) : (l: string) => deps.io.err(l))(summary[summary.length - 1]);
        return report.ok ? EXIT_OK : EXIT_FAILURE;
    });
}
