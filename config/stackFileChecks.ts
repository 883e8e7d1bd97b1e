// Checks of one stack file that parseConfig cannot make: keys Pulumi.yaml does not declare, account ids YAML read as numbers, placeholders left in.
import * as path from "path";
import { didYouMean } from "./closest";
import { DeclaredKey, OTHER_NAMESPACES, PROJECT_NAME, qualifiedKey } from "./projectFile";

/** A stack file as read from disk (see stackFiles.ts): its name, path and raw `config:` map. */
export interface RawStackFile {
    name: string;
    file: string;
    config: Record<string, unknown>;
}

/** `secure: v1:...`: a Pulumi secret, encrypted for the stack's secrets provider; offline it cannot be read. */
export function isSecureValue(value: unknown): value is { secure: string } {
    return (
        value !== null &&
        typeof value === "object" &&
        !Array.isArray(value) &&
        Object.keys(value).length === 1 &&
        typeof (value as { secure?: unknown }).secure === "string"
    );
}

/** Keys whose values are (or contain) account ids: YAML reads an unquoted 012345678901 as the number 12345678901. */
const ACCOUNT_ID_KEYS = [
    `${PROJECT_NAME}:sourceAccountId`,
    `${PROJECT_NAME}:destinationAccountId`,
    `${PROJECT_NAME}:partnerPrincipals`,
    `${PROJECT_NAME}:operatorPrincipals`,
    "aws:allowedAccountIds",
];

/**
 * Values the example stack files ship with that cannot be anyone's real value. The example accounts
 * 111111111111 and 222222222222 are not listed: `aws:allowedAccountIds` and the deploy's credentials
 * check already stop a deploy into an account the caller does not hold.
 */
export const PLACEHOLDERS: readonly RegExp[] = [
    // The example partner account, alone or inside an ARN (never inside a longer number).
    /(^|\D)333333333333(\D|$)/,
    // The example operator role.
    /example-batch-operator/,
    // The example external id.
    /example-partner-external-id/,
    // An all-zero ACM certificate id.
    /:certificate\/0{8}-0{4}-0{4}-0{4}-0{10}\d\d$/,
    // An address at example.com, .org or .net (documentation domains nobody receives mail at).
    /@example\.(com|org|net)$/,
];

function strings(value: unknown): string[] {
    if (typeof value === "string") return [value];
    // The ciphertext of a `secure:` value too: the example file's placeholder secret is not a real one.
    if (isSecureValue(value)) return [value.secure];
    if (Array.isArray(value)) return value.flatMap(strings);
    // Stryker disable next-line ArrayDeclaration: a number, boolean or map holds no text, and no placeholder pattern matches the mutant's stand-in
    return [];
}

/** The keys of a stack file that still hold a placeholder, fully qualified, in file order. */
export function placeholderKeys(stack: RawStackFile): string[] {
    return Object.entries(stack.config)
        .filter(([, v]) => strings(v).some((s) => PLACEHOLDERS.some((p) => p.test(s))))
        .map(([k]) => qualifiedKey(k));
}

function numberHint(file: string, key: string, value: unknown): string | undefined {
    const numbers = (Array.isArray(value) ? value : [value]).filter(
        (v): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0,
    );
    const short = numbers.find((n) => String(n).length < 12);
    if (short === undefined) return undefined;
    const quoted = String(short).padStart(12, "0");
    return (
        `${file}: config ${key} = ${short} was read by YAML as a number, which drops leading zeros; ` +
        `allowed: a 12-digit account id in quotes, e.g. "${quoted}"`
    );
}

function keyProblem(file: string, rawKey: string, declared: Map<string, DeclaredKey>): string | undefined {
    const key = qualifiedKey(rawKey);
    const namespace = key.slice(0, key.indexOf(":"));
    const name = key.slice(key.indexOf(":") + 1);
    const projectKeys = [...declared.keys()].filter((k) => k.startsWith(`${PROJECT_NAME}:`));
    if (namespace === PROJECT_NAME) {
        if (declared.has(key)) return undefined;
        return `${file}: config key ${key} is not declared in Pulumi.yaml${didYouMean(key, projectKeys)}`;
    }
    if ((OTHER_NAMESPACES as readonly string[]).includes(namespace)) return undefined;
    // A misspelt namespace: suggest the project key of the same name, or the nearest one.
    const sameName = `${PROJECT_NAME}:${name}`;
    const suggestion = declared.has(sameName) ? `; did you mean ${sameName}?` : didYouMean(key, projectKeys);
    return (
        `${file}: config key ${key} has an unknown namespace "${namespace}" ` +
        `(allowed: ${[PROJECT_NAME, ...OTHER_NAMESPACES].join(", ")})${suggestion}`
    );
}

/** Every problem of one stack file, one line each, in file order. */
export function stackFileProblems(stack: RawStackFile, declared: Map<string, DeclaredKey>): string[] {
    const file = path.basename(stack.file);
    const problems: string[] = [];
    for (const [rawKey, value] of Object.entries(stack.config)) {
        const keyError = keyProblem(file, rawKey, declared);
        if (keyError) {
            problems.push(keyError);
            continue;
        }
        const key = qualifiedKey(rawKey);
        if (ACCOUNT_ID_KEYS.includes(key)) {
            const hint = numberHint(file, key, value);
            if (hint) problems.push(hint);
        }
    }
    return problems;
}
