// Checks run before any command changes anything: Pulumi CLI, state backend passphrase, AWS credentials per account.
import { execFile } from "child_process";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { PreflightError } from "./cli";

export const PULUMI_INSTALL_URL = "https://www.pulumi.com/docs/install/";

/** Runs `pulumi version` and resolves its stdout; rejects with the spawn error (code ENOENT when not on PATH). */
export type PulumiVersionProbe = () => Promise<string>;

/** The real probe. The automation API only shells out to this same binary, so its absence is checked up front. */
export const probePulumiVersion: PulumiVersionProbe = () =>
    new Promise((resolve, reject) => {
        execFile("pulumi", ["version"], { timeout: 30_000 }, (error, stdout) =>
            error ? reject(error) : resolve(stdout.trim()),
        );
    });

/** Resolves the CLI version, or one line telling what to install. */
export async function checkPulumiCli(probe: PulumiVersionProbe): Promise<string> {
    try {
        return await probe();
    } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") {
            throw new PreflightError(
                `the Pulumi CLI is not installed (no "pulumi" on PATH): install it from ${PULUMI_INSTALL_URL} and open a new shell`,
            );
        }
        throw new PreflightError(`"pulumi version" failed: ${String((e as Error).message ?? e).split("\n")[0]}`);
    }
}

/** Project-local state folder used when PULUMI_BACKEND_URL is not set, so that no Pulumi account is needed. */
export function defaultBackendUrl(projectDir: string): string {
    return `file://${projectDir}/.pulumi-state`;
}

/** The backend the commands use: PULUMI_BACKEND_URL when set, else the project-local folder. */
export function backendUrl(projectDir: string, env: NodeJS.ProcessEnv): string {
    return env.PULUMI_BACKEND_URL && env.PULUMI_BACKEND_URL.trim() !== ""
        ? env.PULUMI_BACKEND_URL
        : defaultBackendUrl(projectDir);
}

/**
 * Self-managed backends (file://, s3://, ...) encrypt stack secrets with a passphrase by default, and the CLI
 * run by the automation API cannot prompt for it; fail with the fix instead of a buried CLI error.
 * `usesOtherSecretsProvider` is true when every stack file names a non-passphrase `secretsprovider`.
 */
export function checkPassphrase(url: string, env: NodeJS.ProcessEnv, usesOtherSecretsProvider: boolean): void {
    const cloud = /^https?:\/\//.test(url);
    const set = env.PULUMI_CONFIG_PASSPHRASE !== undefined || env.PULUMI_CONFIG_PASSPHRASE_FILE !== undefined;
    if (!cloud && !set && !usesOtherSecretsProvider) {
        throw new PreflightError(
            `the state backend ${url} encrypts secrets with a passphrase: export PULUMI_CONFIG_PASSPHRASE (or PULUMI_CONFIG_PASSPHRASE_FILE) and keep it, every later run needs the same one`,
        );
    }
}

export interface CallerIdentity {
    account: string;
    arn: string;
}

/** Who the credentials belong to, or one line naming what to set. `label` says which credentials (e.g. a profile). */
export async function checkAwsCredentials(sts: Pick<STSClient, "send">, label: string): Promise<CallerIdentity> {
    try {
        const id = await sts.send(new GetCallerIdentityCommand({}));
        return { account: id.Account ?? "", arn: id.Arn ?? "" };
    } catch (e) {
        throw new PreflightError(describeCredentialError(e, label));
    }
}

/** One sentence for each way credentials fail; the SDK's own messages list every provider it tried. */
export function describeCredentialError(e: unknown, label: string): string {
    const name = (e as { name?: string }).name ?? "";
    const message = String((e as Error).message ?? e).split("\n")[0];
    if (
        name === "CredentialsProviderError" ||
        /Could not load credentials|Could not resolve credentials/.test(message)
    ) {
        return `no AWS credentials for ${label}: set AWS_PROFILE to a configured profile (aws configure sso, then aws sso login) or export AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY`;
    }
    if (/ExpiredToken|TokenProviderError|expired/i.test(name) || /expired/i.test(message)) {
        return `the AWS credentials for ${label} have expired: run aws sso login (or refresh your session) and retry`;
    }
    if (name === "InvalidClientTokenId" || name === "SignatureDoesNotMatch" || name === "UnrecognizedClientException") {
        return `AWS rejected the credentials for ${label} (${name}): check AWS_PROFILE or the access keys you exported`;
    }
    return `could not check the AWS credentials for ${label} with STS GetCallerIdentity: ${name ? `${name}: ` : ""}${message}`;
}

/**
 * A stack file's `aws:profile`, undefined for the default credential chain. YAML reads an all-digit name
 * (`aws:profile: 123`) as a number; Pulumi hands every config value to the provider as text, so it is the
 * profile "123" there too, and these commands must not fall back to the default credentials for it.
 */
export function stackProfile(config: Record<string, unknown>): string | undefined {
    const v = config["aws:profile"];
    if (typeof v === "number") return String(v);
    return typeof v === "string" && v !== "" ? v : undefined;
}

/** A label for a set of credentials in messages: the profile when one is chosen, else the default chain. */
export function credentialsLabel(profile: string | undefined, env: NodeJS.ProcessEnv): string {
    if (profile) {
        return `profile "${profile}"`;
    }
    return env.AWS_PROFILE ? `AWS_PROFILE "${env.AWS_PROFILE}"` : "the default credential chain";
}
