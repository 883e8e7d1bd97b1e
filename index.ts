// Entry point: load and validate config, then build the stack for its role (primary, secondary or destination).
import * as pulumi from "@pulumi/pulumi";
import { readRawConfig } from "./config/loadConfig";
import { ConfigError, parseConfig, PlatformConfig } from "./config/platformConfig";
import { destinationStack } from "./stacks/destination";
import { primaryStack } from "./stacks/primary";
import { secondaryStack } from "./stacks/secondary";

function loadConfig(): PlatformConfig {
    try {
        return parseConfig(readRawConfig(pulumi.getStack(), (key) => pulumi.runtime.getConfig(key)));
    } catch (e) {
        // RunError makes the CLI print the sentence alone, without the program's stack trace.
        if (e instanceof ConfigError) throw new pulumi.RunError(e.message);
        throw e;
    }
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

export = run(loadConfig());
