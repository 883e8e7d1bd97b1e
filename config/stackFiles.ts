// Finds the project's stack files and orders them for deploy: the one place that knows the deploy order.
import * as fs from "fs";
import * as path from "path";
import { readYamlFile } from "./projectFile";
import { isSecureValue } from "./stackFileChecks";

export type StackRole = "primary" | "secondary" | "destination";

export interface StackFile {
    /** Stack name, from `Pulumi.<name>.yaml`. */
    name: string;
    /** Absolute path of the stack file. */
    file: string;
    /** `s3-multiregion:role` from the stack file. */
    role: StackRole;
    /** The stack file's `config:` map, keys as written (`s3-multiregion:role`, `aws:region`, ...). */
    config: Record<string, unknown>;
}

export const PROJECT_NAME = "s3-multiregion";

const ROLE_RANK: Record<StackRole, number> = { secondary: 0, destination: 1, primary: 2 };

/** Reads every `Pulumi.<stack>.yaml` beside `Pulumi.yaml`. A file without a valid role is an error naming it. */
export function discoverStacks(projectDir: string): StackFile[] {
    // A name between `Pulumi.` and `.yaml` (dots allowed), so Pulumi.yaml itself is not a stack file.
    const files = fs.readdirSync(projectDir).filter((f) => /^Pulumi\.[^.]+(\.[^.]+)*\.yaml$/.test(f));
    // Stryker disable next-line MethodExpression: libuv's scandir (Linux, macOS) already returns names sorted; the sort states the order relied on
    return files.sort().map((f) => {
        const file = path.join(projectDir, f);
        const name = f.slice("Pulumi.".length, -".yaml".length);
        // A YAML syntax error names the file, line and column (Pulumi.tokyo.yaml:21:23: ...).
        const doc = (readYamlFile(file) ?? {}) as { config?: Record<string, unknown> };
        const config = doc.config ?? {};
        const role = config[`${PROJECT_NAME}:role`];
        if (role !== "primary" && role !== "secondary" && role !== "destination") {
            throw new Error(
                `${f}: config key ${PROJECT_NAME}:role is ${JSON.stringify(role)}; allowed: primary, secondary, destination`,
            );
        }
        return { name, file, role, config };
    });
}

/**
 * Deploy order: every secondary (regional bucket owners), then every destination account, then the hub.
 * The hub reads the others through StackReference, so it must come last; destroy runs the reverse.
 */
export function deployOrder(stacks: StackFile[]): StackFile[] {
    return [...stacks].sort((a, b) => ROLE_RANK[a.role] - ROLE_RANK[b.role] || a.name.localeCompare(b.name));
}

/**
 * The stacks whose outputs `stack` reads through StackReference: the hub reads every stack deployed
 * before it; a secondary or a destination reads none, so those can be evaluated side by side.
 */
export function readsFrom(stack: StackFile, ordered: StackFile[]): StackFile[] {
    if (stack.role !== "primary") return [];
    return ordered.slice(0, ordered.indexOf(stack));
}

interface ProjectFile {
    config?: Record<string, { default?: unknown } | unknown>;
}

/**
 * What the program sees offline for a `secure:` value: nobody holds the stack's key here, so a stand-in
 * that passes the shape checks of a string key (an external id) takes its place; the plan prints it as
 * "(secret, not decrypted offline)".
 */
export const SECRET_STAND_IN = "secret-not-decrypted-offline";

/** The runtime holds every config value as a string; structured values travel as JSON text. */
function asConfigString(value: unknown): string {
    if (isSecureValue(value)) return SECRET_STAND_IN;
    return typeof value === "string" ? value : JSON.stringify(value);
}

/** Fully-qualified key: project keys in Pulumi.yaml are declared without the namespace. */
function qualify(key: string): string {
    return key.includes(":") ? key : `${PROJECT_NAME}:${key}`;
}

/**
 * Plays the CLI's part for config: project defaults first, then the stack file's values, as `pulumi up`
 * would hand them to the program. Defaults that are empty strings stand for "unset" and are left out.
 */
export function mergedStackConfig(projectDir: string, stack: StackFile): Record<string, string> {
    const project = (readYamlFile(path.join(projectDir, "Pulumi.yaml")) ?? {}) as ProjectFile;
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
