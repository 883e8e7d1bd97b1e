// Plays the CLI's part for config: merges Pulumi.yaml defaults with a stack file into the runtime's string map.
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { PROJECT_NAME, StackFile } from "../config/stackFiles";

interface ProjectFile {
    config?: Record<string, { default?: unknown } | unknown>;
}

/** The runtime holds every config value as a string; structured values travel as JSON text. */
function asConfigString(value: unknown): string {
    return typeof value === "string" ? value : JSON.stringify(value);
}

/** Fully-qualified key: project keys in Pulumi.yaml are declared without the namespace. */
function qualify(key: string): string {
    return key.includes(":") ? key : `${PROJECT_NAME}:${key}`;
}

/**
 * Project defaults first, then the stack file's values, as `pulumi up` would hand them to the
 * program. Defaults that are empty strings stand for "unset" and are left out.
 */
export function mergedStackConfig(projectDir: string, stack: StackFile): Record<string, string> {
    const project = (yaml.load(fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8")) ?? {}) as ProjectFile;
    const merged: Record<string, string> = {};
    for (const [key, decl] of Object.entries(project.config ?? {})) {
        const value =
            decl !== null && typeof decl === "object" && "default" in decl
                ? (decl as { default?: unknown }).default
                : undefined;
        if (value !== undefined && value !== "") merged[qualify(key)] = asConfigString(value);
    }
    for (const [key, value] of Object.entries(stack.config)) merged[qualify(key)] = asConfigString(value);
    return merged;
}

/** Account the stack deploys into, for realistic ARNs in mock outputs. */
export function stackAccountId(config: Record<string, string>): string {
    const role = config[`${PROJECT_NAME}:role`];
    const key = role === "destination" ? "destinationAccountId" : "sourceAccountId";
    return config[`${PROJECT_NAME}:${key}`] ?? "000000000000";
}
