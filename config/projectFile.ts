// Reads Pulumi.yaml for the tools: the declared config keys (type, secret, default), and YAML errors as file:line:col.
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";

export const PROJECT_NAME = "s3-multiregion";

/** Namespaces a stack file may use besides the project's own: the AWS provider's and Pulumi's. */
export const OTHER_NAMESPACES = ["aws", "pulumi"] as const;

export interface DeclaredKey {
    /** Fully-qualified key: `s3-multiregion:namePrefix`. */
    key: string;
    type?: string;
    secret: boolean;
    default?: unknown;
}

/**
 * Parses a YAML file; a syntax error becomes one line that names the file, line and column as an
 * editor shows them (1-based), e.g. `Pulumi.tokyo.yaml:21:23: bad indentation of a mapping entry`.
 */
export function readYamlFile(file: string): unknown {
    // Stryker disable next-line StringLiteral: without an encoding the file is a Buffer, which js-yaml reads as UTF-8 text too
    const text = fs.readFileSync(file, "utf8");
    try {
        return yaml.load(text, { filename: path.basename(file) });
    } catch (e) {
        // Every syntax error js-yaml throws carries its mark; anything else (a stack overflow on deep nesting) is not YAML's.
        if (e instanceof yaml.YAMLException) {
            throw new Error(`${path.basename(file)}:${e.mark.line + 1}:${e.mark.column + 1}: ${e.reason}`, {
                cause: e,
            });
        }
        throw e;
    }
}

/** Fully-qualified key: project keys are declared (and may be written) without the namespace. */
export function qualifiedKey(key: string): string {
    return key.includes(":") ? key : `${PROJECT_NAME}:${key}`;
}

/** Every key Pulumi.yaml declares, by fully-qualified name. */
export function declaredKeys(projectDir: string): Map<string, DeclaredKey> {
    const doc = (readYamlFile(path.join(projectDir, "Pulumi.yaml")) ?? {}) as { config?: Record<string, unknown> };
    const keys = new Map<string, DeclaredKey>();
    for (const [name, decl] of Object.entries(doc.config ?? {})) {
        const d = decl !== null && typeof decl === "object" ? (decl as Record<string, unknown>) : {};
        keys.set(qualifiedKey(name), {
            key: qualifiedKey(name),
            type: typeof d.type === "string" ? d.type : undefined,
            secret: d.secret === true,
            ...("default" in d ? { default: d.default } : {}),
        });
    }
    return keys;
}
