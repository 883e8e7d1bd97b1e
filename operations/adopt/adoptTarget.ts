// Which bucket `adopt --stack NAME` reads, in which account and region, and what the stack would set on it.
import { ConfigError, parseConfig, PlatformConfig, PrimaryConfig } from "../../config/platformConfig";
import { readRawConfig } from "../../config/loadConfig";
import { bucketName, bucketNameProblem, roleArn, roleName } from "../../config/naming";
import { mergedStackConfig, PROJECT_NAME, StackFile } from "../../config/stackFiles";
import { UsageError } from "../common/cli";
import { stackProfile } from "../common/preflight";

/** The config key naming the live bucket a stack adopts instead of creating one. */
export const EXISTING_BUCKET_KEY = "existingBucketName";

/** What the stack would do to the adopted bucket, derived from the parsed stack config. */
export interface AdoptTarget {
    stack: string;
    /** `Pulumi.<stack>.yaml`, for messages. */
    stackFile: string;
    bucket: string;
    region: string;
    accountId: string;
    /** The stack file's `aws:profile`, undefined for the default credential chain. */
    profile?: string;
    config: PlatformConfig;
    /** The platform's replication role ARN: a live configuration naming it was written by an earlier deploy. */
    replicationRoleArn: string;
    /** The hub stack that writes this bucket's replication configuration; undefined on a destination stack. */
    replicationWriter?: string;
    /** Where the hub replicates this bucket to (bucket names), when it replicates it. */
    replicationTargets: string[];
    /** The stack's own log bucket, where its server access logs go unless the live target is kept. */
    accessLogBucket: string;
    /** The stack's manifest bucket, where the platform's inventory of the adopted bucket is delivered. */
    manifestBucket: string;
}

function existingBucketOf(stack: StackFile): string | undefined {
    const v = stack.config[`${PROJECT_NAME}:${EXISTING_BUCKET_KEY}`];
    // YAML reads an all-digit name (a valid bucket name) as a number; the stack gets it as text and adopts it.
    if (typeof v === "number") return String(v);
    return typeof v === "string" && v !== "" ? v : undefined;
}

/** The stack's parsed config; a bad value is the parser's one line, as `pulumi up` would print it. */
function parseStack(projectDir: string, stack: StackFile): PlatformConfig {
    const merged = mergedStackConfig(projectDir, stack);
    try {
        return parseConfig(readRawConfig(stack.name, (key) => merged[key]));
    } catch (e) {
        if (e instanceof ConfigError) throw new UsageError(`Pulumi.${stack.name}.yaml: ${e.message}`);
        throw e;
    }
}

/** The data (or replica) bucket of a stack: its adopted bucket, or the name the program derives. */
function stackBucketName(projectDir: string, stack: StackFile): string {
    const adopted = existingBucketOf(stack);
    if (adopted) return adopted;
    const cfg = parseStack(projectDir, stack);
    return bucketName(cfg.namePrefix, cfg.role === "destination" ? "replica" : "data", cfg.accountId, cfg.region);
}

/** The regional buckets the hub's mesh connects this one to, and account B's replica when the hub sends there. */
function meshTargets(projectDir: string, stacks: StackFile[], self: StackFile, hub: PrimaryConfig): string[] {
    const regional = [hub.stack, ...hub.secondaries.map((s) => s.stack)].filter((n) => n !== self.name);
    const byName = new Map(stacks.map((s) => [s.name, s]));
    const targets = regional.map((n) => (byName.has(n) ? stackBucketName(projectDir, byName.get(n)!) : `(stack ${n})`));
    if (hub.replicateToDestination) {
        const dest = byName.get(hub.destinationStack);
        targets.push(dest ? stackBucketName(projectDir, dest) : `(stack ${hub.destinationStack})`);
    }
    return targets;
}

/**
 * Resolves `--stack NAME` against the project's stack files. Every problem is one line naming the stack
 * file and the key (exit 2): nothing has been read from AWS yet.
 */
export function resolveAdoptTarget(projectDir: string, stacks: StackFile[], name: string): AdoptTarget {
    const stack = stacks.find((s) => s.name === name);
    if (!stack) {
        const known = stacks.map((s) => s.name).join(", ") || "(none)";
        throw new UsageError(`no stack file Pulumi.${name}.yaml in ${projectDir}; stacks: ${known}`);
    }
    const key = `${PROJECT_NAME}:${EXISTING_BUCKET_KEY}`;
    const bucket = existingBucketOf(stack);
    if (!bucket) {
        throw new UsageError(
            `Pulumi.${name}.yaml does not set ${key}: set it to the name of the live bucket this stack should adopt`,
        );
    }
    const problem = bucketNameProblem(bucket);
    if (problem) throw new UsageError(`Pulumi.${name}.yaml: config ${key} = ${JSON.stringify(bucket)} ${problem}`);
    const twice = stacks.find((s) => s.name !== name && existingBucketOf(s) === bucket);
    if (twice) {
        throw new UsageError(
            `Pulumi.${name}.yaml and Pulumi.${twice.name}.yaml both set ${key} to ${bucket}: a bucket belongs to one stack`,
        );
    }
    const config = parseStack(projectDir, stack);
    const hubFile = stacks.find((s) => s.role === "primary");
    const hub = hubFile ? (parseStack(projectDir, hubFile) as PrimaryConfig) : undefined;
    const regional = config.role !== "destination";
    return {
        stack: name,
        stackFile: `Pulumi.${name}.yaml`,
        bucket,
        region: config.region,
        accountId: config.accountId,
        profile: stackProfile(stack.config),
        config,
        replicationRoleArn: roleArn(config.sourceAccountId, roleName(config.namePrefix, "replication")),
        replicationWriter: regional ? (hubFile?.name ?? "(the primary stack)") : undefined,
        replicationTargets: regional && hub && hubFile ? meshTargets(projectDir, stacks, stack, hub) : [],
        accessLogBucket: bucketName(config.namePrefix, "logs", config.accountId, config.region),
        manifestBucket: bucketName(config.namePrefix, "manifest", config.accountId, config.region),
    };
}
