// AWS SDK client factories for the operations commands: one place for regions, profiles, timeouts and SigV4A.
// Requests through a Multi-Region Access Point are signed with SigV4A (region set "*"). The S3 client looks
// for a SigV4A signer in a shared registry; this import registers the pure-JS one (no native CRT needed).
import "@aws-sdk/signature-v4a";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { S3Client, S3ClientConfig } from "@aws-sdk/client-s3";
import { S3ControlClient } from "@aws-sdk/client-s3-control";
import { STSClient } from "@aws-sdk/client-sts";

/** Bounds every request, so a region that is down makes a call fail instead of hanging the command. */
const REQUEST_HANDLER = { connectionTimeout: 5_000, requestTimeout: 15_000 };

/** Builds clients; the commands take this as a dependency so that tests can count regions and profiles. */
export interface AwsClientFactory {
    sts(region: string, profile?: string): STSClient;
    /** S3 Control, for the MRAP routes API. Created only in a routes-API region. */
    s3Control(region: string, profile?: string): S3ControlClient;
    /** S3, for MRAP data requests (SigV4A) and regional bucket requests. */
    s3(region: string, profile?: string): S3Client;
    /** CloudWatch, for the daily S3 storage metrics (object count and size of a bucket). */
    cloudWatch(region: string, profile?: string): CloudWatchClient;
}

/**
 * The factory with the settings every command uses. `extra` is merged into every client's configuration; it
 * exists so that tests can put a fake request handler, or moto_server's endpoint, and fixed credentials
 * under the real factory.
 */
export function makeAwsClients(
    extra: Pick<S3ClientConfig, "requestHandler" | "credentials" | "endpoint" | "forcePathStyle"> = {},
): AwsClientFactory {
    const config = (region: string, profile?: string) => ({
        region,
        ...(profile ? { profile } : {}),
        requestHandler: REQUEST_HANDLER,
        ...extra,
    });
    return {
        sts: (region, profile) => new STSClient(config(region, profile)),
        s3Control: (region, profile) => new S3ControlClient(config(region, profile)),
        s3: (region, profile) => new S3Client(config(region, profile)),
        cloudWatch: (region, profile) => new CloudWatchClient(config(region, profile)),
    };
}

export const realAwsClients: AwsClientFactory = makeAwsClients();

/**
 * The project runs on Node 20 on purpose (pinned SDKs, see DESIGN "Facts about these machines"); the SDK's
 * multi-line notice about future releases needing Node 22 would bury the one-line messages these commands
 * print. An explicit setting by the user is kept.
 */
export function quietSdkNodeVersionNotice(env: NodeJS.ProcessEnv): void {
    env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
}
