// Entry point: load and validate config, then build the stack for its role (primary, secondary or destination).
import * as pulumi from "@pulumi/pulumi";
import { readAdoptedSettings } from "./config/adoption";
import { readRawConfig } from "./config/loadConfig";
import { ConfigError, parseConfig, PlatformConfig } from "./config/platformConfig";
import { destinationStack } from "./stacks/destination";
import { primaryStack } from "./stacks/primary";
import { secondaryStack } from "./stacks/secondary";

/** Runs `fn`; a ConfigError becomes a RunError, which the CLI prints as the sentence alone, without a stack trace. */
function oneLine<T>(fn: () => T): T {
    try {
        return fn();
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

// Kept statements whose Sid collides with the stack's own are found while the stack is composed, before any resource.
export = oneLine(() => run(loadConfig()));
