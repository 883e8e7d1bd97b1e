// `npm run adopt`: reads a live bucket a stack is to adopt, shows what the deploy would change, writes what is kept.
import * as fs from "fs";
import * as path from "path";
import { backupCopyOf } from "../../config/destinationCopy";
import { AdoptedSettings, adoptedSettingsPath, parseAdoptedSettings } from "../../config/adoptedSettings";
import {
    accountRefusal,
    adoptionRefusals,
    AdoptionSubject,
    callerRefusal,
    regionRefusal,
} from "../../config/adoptionChecks";
import type { StackFile } from "../../config/stackFiles";
import type { AwsClientFactory } from "../common/awsClients";
import {
    CommandSpec,
    EXIT_FAILURE,
    EXIT_OK,
    Io,
    listOption,
    PreflightError,
    runCommand,
    stringOption,
    UsageError,
} from "../common/cli";
import { checkAwsCredentials, credentialsLabel } from "../common/preflight";
import { buildReport, reportLines } from "./adoptReport";
import { AdoptTarget, resolveAdoptTarget } from "./adoptTarget";
import {
    chooseKept,
    KeepChoice,
    keptAccessLogging,
    keptRule,
    keptStatement,
    nameRules,
    nameStatements,
} from "./keptSettings";
import { LiveBucket, locateBucket, readLiveBucket } from "./readLiveBucket";
import { KeptAndDropped, settingChanges } from "./settingChanges";
import { storageEstimate } from "./storageMetrics";

export const ADOPT_SPEC: CommandSpec = {
    name: "adopt",
    synopsis:
        "--stack NAME [--keep SID ... | --keep-all-statements] [--keep-rule ID ... | --keep-all-rules] [--replace-logging] [--drop-others] [--dry-run] [--json]",
    summary:
        "Reads the live bucket named by the stack's existingBucketName, with the stack's account and region (aws:profile, " +
        "aws:region; the account is checked with STS first): policy, ownership and ACL grants, encryption, versioning, " +
        "public access block, lifecycle, replication, inventories, Object Lock, tags and an object count from CloudWatch. " +
        "It prints what the deploy would change, setting by setting, and writes the policy statements and lifecycle rules " +
        "you keep to adopted/<stack>.json, which the stack composes into the bucket's one policy and one lifecycle " +
        "configuration; a live server access logging target is kept too, unless --replace-logging. It refuses (exit 1) a bucket whose adoption would silently break something, and writes nothing " +
        "while a live statement or rule is neither kept nor explicitly dropped with --drop-others.",
    options: {
        stack: {
            type: "string",
            value: "NAME",
            help: "the stack (Pulumi.NAME.yaml) whose existingBucketName to adopt",
        },
        keep: {
            type: "string",
            multiple: true,
            value: "SID",
            help: "keep the live policy statement SID (repeatable; a statement without a usable Sid goes by the name adopt prints)",
        },
        "keep-all-statements": { type: "boolean", help: "keep every live policy statement" },
        "keep-rule": {
            type: "string",
            multiple: true,
            value: "ID",
            help: "keep the live lifecycle rule ID (repeatable)",
        },
        "keep-all-rules": { type: "boolean", help: "keep every live lifecycle rule" },
        "replace-logging": {
            type: "boolean",
            help: "send the bucket's server access logs to the stack's log bucket instead of keeping the live target",
        },
        "drop-others": {
            type: "boolean",
            help: "let the deploy remove the live statements and rules not kept (without it, adopt writes nothing then)",
        },
        "dry-run": { type: "boolean", help: "read and report only; write no file" },
        json: { type: "boolean", help: "print the report as one JSON document instead of text" },
    },
};

export interface AdoptDeps {
    io: Io;
    env: NodeJS.ProcessEnv;
    projectDir: string;
    now(): number;
    discoverStacks(projectDir: string): StackFile[];
    aws: Pick<AwsClientFactory, "sts" | "s3" | "cloudWatch">;
}

function keepChoice(all: unknown, names: string[], allFlag: string, nameFlag: string): KeepChoice {
    if (all === true && names.length > 0) throw new UsageError(`${allFlag} and ${nameFlag} exclude each other`);
    return { all: all === true, names };
}

/** The credentials must be the stack's account: adopt reads, and the stack later writes, with that account. */
async function checkCaller(t: AdoptTarget, deps: AdoptDeps): Promise<void> {
    const label = credentialsLabel(t.profile, deps.env);
    const caller = await checkAwsCredentials(deps.aws.sts(t.region, t.profile), label);
    // The same line the stack prints at deploy time (config/adoption.ts, liveBucketProblem).
    const refusal = callerRefusal(t, t.config.role, label, caller.account);
    if (refusal) throw new PreflightError(refusal);
}

function refusalsOf(s: AdoptionSubject, t: AdoptTarget, live: LiveBucket): string[] {
    // The destination stack writes the replica's default retention whole: a different live one is refused.
    const retention = live.objectLock?.Rule?.DefaultRetention;
    const wanted = backupCopyOf(t.config)?.objectLock;
    return adoptionRefusals(
        s,
        {
            region: t.region,
            ownedByStackAccount: true,
            ownership: live.ownership,
            ownerCanonicalId: live.ownerCanonicalId,
            grants: live.grants,
            replication: live.replication
                ? { role: live.replication.Role ?? "", ruleIds: (live.replication.Rules ?? []).map((r) => r.ID ?? "") }
                : undefined,
            mfaDelete: live.mfaDelete,
            objectLock: live.objectLock?.ObjectLockEnabled === "Enabled",
            ...(retention?.Mode
                ? { objectLockRetention: { mode: retention.Mode, days: retention.Days, years: retention.Years } }
                : {}),
        },
        {
            replicationRoleArn: t.replicationRoleArn,
            replicationWriter: t.replicationWriter,
            replicates: t.config.role !== "destination",
            ...(wanted ? { objectLockRetention: wanted } : {}),
        },
    );
}

export function adoptMain(argv: string[], deps: AdoptDeps): Promise<number> {
    return runCommand(ADOPT_SPEC, argv, deps.io, async (options) => {
        const stackName = stringOption(options.stack);
        if (!stackName) throw new UsageError("--stack NAME is required: the stack whose existingBucketName to adopt");
        const keepStatements = keepChoice(
            options["keep-all-statements"],
            listOption(options.keep),
            "--keep-all-statements",
            "--keep",
        );
        const keepRules = keepChoice(
            options["keep-all-rules"],
            listOption(options["keep-rule"]),
            "--keep-all-rules",
            "--keep-rule",
        );
        const dryRun = options["dry-run"] === true;
        const json = options.json === true;
        const print = (lines: string[]) => lines.forEach((l) => deps.io.out(l));

        const t = resolveAdoptTarget(deps.projectDir, deps.discoverStacks(deps.projectDir), stackName);
        await checkCaller(t, deps);
        const s = { stack: t.stack, bucket: t.bucket, region: t.region, accountId: t.accountId };
        const s3 = deps.aws.s3(t.region, t.profile);
        // Whose and where the bucket is comes first: nothing else can be read from another account or region.
        const located = await locateBucket(s3, t.bucket, t.stackFile);
        const early = [
            accountRefusal(s, located.owned),
            located.region ? regionRefusal(s, located.region) : undefined,
        ].filter((m): m is string => m !== undefined);
        if (early.length) {
            if (json) print([JSON.stringify({ stack: t.stack, bucket: t.bucket, refusals: early }, null, 2)]);
            early.forEach((m) => deps.io.err(`adopt: ${m}`));
            return EXIT_FAILURE;
        }

        const readAt = new Date(deps.now()).toISOString();
        const live = await readLiveBucket(s3, t.bucket);
        const objects = await storageEstimate(deps.aws.cloudWatch(t.region, t.profile), t.bucket, deps.now());
        const statements = nameStatements(live.policyStatements);
        const rules = nameRules(live.lifecycleRules);
        const chosen: KeptAndDropped = {
            statements: chooseKept(statements, keepStatements, "--keep", "policy statement"),
            rules: chooseKept(rules, keepRules, "--keep-rule", "lifecycle rule"),
            // Kept unless the user asks otherwise: see stacks/accessLogging.ts for why.
            loggingKept: live.logging !== undefined && t.config.accessLogging && options["replace-logging"] !== true,
        };
        const refusals = refusalsOf(s, t, live);
        const report = buildReport(
            t,
            readAt,
            objects,
            settingChanges(t, live, statements, rules, chosen),
            refusals,
            chosen,
            live.logging,
        );
        const file = adoptedSettingsPath(deps.projectDir, t.stack);
        report.file = path.relative(deps.projectDir, file);

        const dropped = [...report.removedPolicyStatements, ...report.removedLifecycleRules];
        const needsConsent = refusals.length === 0 && dropped.length > 0 && options["drop-others"] !== true;
        if (refusals.length === 0 && !dryRun && !needsConsent) {
            const settings: AdoptedSettings = {
                version: 1,
                stack: t.stack,
                bucket: t.bucket,
                region: t.region,
                accountId: t.accountId,
                readAt,
                keptPolicyStatements: chosen.statements.kept.map(keptStatement),
                keptLifecycleRules: chosen.rules.kept.map(keptRule),
                ...(chosen.loggingKept && live.logging ? { keptAccessLogging: keptAccessLogging(live.logging) } : {}),
            };
            const text = `${JSON.stringify(settings, null, 2)}\n`;
            // The stack reads the file with this parser: what adopt writes, the stack accepts.
            parseAdoptedSettings(text, report.file);
            fs.mkdirSync(path.dirname(file), { recursive: true });
            fs.writeFileSync(file, text);
            report.written = true;
        }
        print(json ? [JSON.stringify(report, null, 2)] : reportLines(report, dryRun));
        if (refusals.length) {
            refusals.forEach((m) => deps.io.err(`adopt: ${m}`));
            return EXIT_FAILURE;
        }
        if (needsConsent && !dryRun) {
            const what = [
                report.removedPolicyStatements.length
                    ? `policy statements ${report.removedPolicyStatements.join(", ")}`
                    : "",
                report.removedLifecycleRules.length ? `lifecycle rules ${report.removedLifecycleRules.join(", ")}` : "",
            ].filter((w) => w !== "");
            throw new UsageError(
                `nothing written: the deploy would remove the live ${what.join(" and ")} of bucket ${t.bucket}; ` +
                    "keep them (--keep SID, --keep-all-statements, --keep-rule ID, --keep-all-rules) or pass --drop-others",
            );
        }
        return EXIT_OK;
    });
}
