// Who creates and reads a Batch Replication job: the stack's own AWS settings (profile, assumed roles, allowed
// accounts), checked with STS before any S3 Control call.

// The provider's code is serialized with Pulumi's closure serializer (see batchJobProvider.ts): functions
// here refer only to plain function declarations and module-private constants, and load the SDK with
// `require` inside function bodies.

/** Session name for roles assumed on the job's behalf when the stack config gives none (CloudTrail shows it). */
const DEFAULT_SESSION_NAME = "s3-multiregion-batch-job";

/** One role of `aws:assumeRoles` (or the older single `aws:assumeRole`), in the order the AWS provider assumes them. */
export interface BatchJobAssumeRole {
    roleArn: string;
    sessionName?: string;
    externalId?: string;
}

/**
 * The stack's AWS settings the job is created with. Without them the provider would use the default
 * credential chain of the process, which in a two-account deploy may be the other account's.
 */
export interface BatchJobCallerSettings {
    /** `aws:profile`. @default the default credential chain */
    profile?: string;
    /** `aws:assumeRoles` (chained, in order) or `[aws:assumeRole]`. @default [] */
    assumeRoles?: BatchJobAssumeRole[];
    /** `aws:allowedAccountIds`: the caller's account must be one of them. @default no restriction beyond the job's account */
    allowedAccountIds?: string[];
}

/** Settings of an SDK client; `endpoint` and `credentials` are set only by tests (moto_server on loopback). */
export interface BatchJobClientConfig {
    region: string;
    profile?: string;
    endpoint?: string;
    credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** What went wrong with the caller's identity, as one line naming the config keys to fix; undefined when it fits. */
export function batchJobCallerProblem(
    actualAccountId: string,
    expectedAccountId: string,
    settings: BatchJobCallerSettings,
    bucket: string,
): string | undefined {
    const roles = settings.assumeRoles ?? [];
    const via = [
        settings.profile ? `aws:profile ${settings.profile}` : "",
        roles.length > 0 ? `aws:assumeRoles ${roles.map((r) => r.roleArn).join(" -> ")}` : "",
    ].filter((s) => s !== "");
    const source = via.length > 0 ? via.join(", ") : "the default credential chain (no aws:profile or aws:assumeRoles)";
    if (actualAccountId !== expectedAccountId) {
        return (
            `Batch Replication job for bucket ${bucket}: the deployment's AWS credentials (${source}) belong to account ` +
            `${actualAccountId}, but the job belongs to account ${expectedAccountId}; set aws:profile or aws:assumeRoles ` +
            `of this stack to credentials of account ${expectedAccountId}.`
        );
    }
    const allowed = settings.allowedAccountIds ?? [];
    if (allowed.length > 0 && !allowed.includes(actualAccountId)) {
        return (
            `Batch Replication job for bucket ${bucket}: the deployment's AWS credentials (${source}) belong to account ` +
            `${actualAccountId}, which aws:allowedAccountIds (${allowed.join(", ")}) does not allow.`
        );
    }
    return undefined;
}

/**
 * The client settings for S3 Control calls on the job's behalf: the stack's profile, then each role of
 * `assumeRoles` in turn (as the AWS provider does), then STS GetCallerIdentity to prove the account
 * before anything is created. Throws one line when the account is not the job's.
 */
export async function batchJobClientConfig(
    settings: BatchJobCallerSettings,
    region: string,
    expectedAccountId: string,
    bucket: string,
    base: Partial<BatchJobClientConfig> = {},
): Promise<BatchJobClientConfig> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily: the dynamic provider is serialized and must not capture the SDK
    const sts = require("@aws-sdk/client-sts") as typeof import("@aws-sdk/client-sts");
    let config: BatchJobClientConfig = { ...base, region, ...(settings.profile ? { profile: settings.profile } : {}) };
    for (const role of settings.assumeRoles ?? []) {
        let answer: import("@aws-sdk/client-sts").AssumeRoleCommandOutput;
        try {
            answer = await new sts.STSClient(config).send(
                new sts.AssumeRoleCommand({
                    RoleArn: role.roleArn,
                    RoleSessionName: role.sessionName ?? DEFAULT_SESSION_NAME,
                    ...(role.externalId ? { ExternalId: role.externalId } : {}),
                }),
            );
        } catch (err) {
            throw new Error(
                `Batch Replication job for bucket ${bucket}: could not assume ${role.roleArn} from aws:assumeRoles: ${(err as Error).message}`,
                { cause: err },
            );
        }
        const c = answer.Credentials;
        if (!c?.AccessKeyId || !c.SecretAccessKey) {
            throw new Error(
                `Batch Replication job for bucket ${bucket}: STS returned no credentials for ${role.roleArn}.`,
            );
        }
        // The next hop (and S3 Control) runs as the assumed role, not as the profile any more.
        config = {
            region,
            ...(base.endpoint ? { endpoint: base.endpoint } : {}),
            credentials: {
                accessKeyId: c.AccessKeyId,
                secretAccessKey: c.SecretAccessKey,
                sessionToken: c.SessionToken,
            },
        };
    }
    let account: string | undefined;
    try {
        account = (await new sts.STSClient(config).send(new sts.GetCallerIdentityCommand({}))).Account;
    } catch (err) {
        throw new Error(
            `Batch Replication job for bucket ${bucket}: STS GetCallerIdentity failed, so the job's account cannot be checked: ${(err as Error).message}`,
            { cause: err },
        );
    }
    const problem = batchJobCallerProblem(account ?? "unknown", expectedAccountId, settings, bucket);
    if (problem) throw new Error(problem);
    return config;
}
