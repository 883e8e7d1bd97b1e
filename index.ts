// Entry point: load and validate config, then build the stack for its role (primary, secondary or destination).
import * as pulumi from "@pulumi/pulumi";
import { readAdoptedSettings } from "./config/adoption";
import { readRawConfig } from "./config/loadConfig";
import { ConfigError, parseConfig, PlatformConfig } from "./config/platformConfig";
import { checkAdoptedBucket } from "./stacks/adoptedBucketCheck";
import { destinationStack } from "./stacks/destination";
import { primaryStack } from "./stacks/primary";
import { secondaryStack } from "./stacks/secondary";

/** Runs `fn`; a ConfigError becomes a RunError, which the CLI prints as the sentence alone, without a stack trace. */
async function oneLine<T>(fn: () => T | Promise<T>): Promise<T> {
    try {
        return await fn();
    } catch (e) {
        if (e instanceof ConfigError) throw new pulumi.RunError(e.message);
        throw e;
    }
}

function loadConfig(): PlatformConfig {
    const cfg = parseConfig(readRawConfig(pulumi.getStack(), (key) => pulumi.runtime.getConfig(key)));
    if (cfg.existingBucketName === undefined) return cfg;
    // The CLI (and the offline evaluator) run the program in the project directory, where adopt writes.
    const adopted = readAdoptedSettings(process.cwd(), { ...cfg, existingBucketName: cfg.existingBucketName });
    return { ...cfg, adopted };
}

function run(cfg: PlatformConfig) {
    switch (cfg.role) {
        case "primary":
            return primaryStack(cfg);
        case "secondary":
            return secondaryStack(cfg);
        case "destination":
            return destinationStack(cfg);
    }
}

/**
 * The program, as the function the CLI calls. Config is checked first; an adopting stack then asks AWS
 * where its bucket is (only the live account can tell) before the first resource is declared. Kept
 * statements whose Sid collides with the stack's own are found while the stack is composed, also before
 * any resource.
 */
export = () =>
    oneLine(async () => {
        const cfg = loadConfig();
        if (cfg.existingBucketName !== undefined) {
            await checkAdoptedBucket({ ...cfg, existingBucketName: cfg.existingBucketName });
        }
        return run(cfg);
    });
