// Every check of the project's stack files that runs before any stack is evaluated (npm run plan) or deployed (npm run deploy).
import * as path from "path";
import { batchReplicationAdvisories } from "./batchReplicationChecks";
import { crossStackProblems, RoleStackFile } from "./crossStackChecks";
import { declaredKeys, DeclaredKey } from "./projectFile";
import { placeholderKeys, stackFileProblems } from "./stackFileChecks";

export interface ProjectCheckResult {
    /** One line each; the first is what the user fixes first. */
    errors: string[];
    /** One line each, prefixed "advisory: " by whoever prints them. */
    advisories: string[];
    /** Stack files that still hold example values, with the keys that hold them. */
    placeholders: { file: string; keys: string[] }[];
}

/** The placeholders as one advisory line, or undefined when none remain. */
export function placeholderLine(placeholders: ProjectCheckResult["placeholders"]): string | undefined {
    if (placeholders.length === 0) return undefined;
    const where = placeholders.map((p) => `${p.file} (${p.keys.join(", ")})`).join("; ");
    return `example values remain in ${where}: replace them before a real deploy (README "Deploying for real")`;
}

export function placeholdersOf(stacks: RoleStackFile[]): ProjectCheckResult["placeholders"] {
    return stacks
        .map((s) => ({ file: path.basename(s.file), keys: placeholderKeys(s) }))
        .filter((p) => p.keys.length > 0);
}

/**
 * Single-file checks (keys Pulumi.yaml does not declare, account ids read as numbers) against the keys
 * declared in `projectDir`'s Pulumi.yaml, then the cross-stack ones; placeholders are reported apart.
 */
export function checkProject(
    projectDir: string,
    stacks: RoleStackFile[],
    declared: Map<string, DeclaredKey> = declaredKeys(projectDir),
): ProjectCheckResult {
    const single = stacks.flatMap((s) => stackFileProblems(s, declared));
    const cross = crossStackProblems(stacks, declared);
    const placeholders = placeholdersOf(stacks);
    const line = placeholderLine(placeholders);
    return {
        errors: [...single, ...cross.errors],
        advisories: [...cross.advisories, ...batchReplicationAdvisories(stacks, declared), ...(line ? [line] : [])],
        placeholders,
    };
}

/** The first error, with how many more there are, as the one line a command prints. */
export function firstError(errors: string[]): string | undefined {
    if (errors.length === 0) return undefined;
    return errors.length === 1 ? errors[0] : `${errors[0]} (and ${errors.length - 1} more problem(s) after it)`;
}
