// Fixtures for the adopt tests: a project folder with stack files, SDK clients on moto_server, a live bucket to adopt.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { discoverStacks } from "../../config/stackFiles";
import { adoptMain } from "../../operations/adopt/adoptCommand";
import { makeAwsClients } from "../../operations/common/awsClients";
import type { LiveBucket } from "../../operations/adopt/readLiveBucket";
import type { KeptAndDropped } from "../../operations/adopt/settingChanges";
import { captureIo } from "./fixtures";

const ROOT = path.resolve(__dirname, "..", "..");

/** The bucket the osaka stack adopts in these tests. */
export const LEGACY = "legacy-osaka-data";
export const OSAKA = "ap-northeast-3";
export const TOKYO = "ap-northeast-1";

export interface Credentials {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken?: string;
}

/** moto's default credentials (its account 123456789012): used only to assume roles in other accounts. */
const MOTO_CREDENTIALS: Credentials = { accessKeyId: "testing", secretAccessKey: "testing" };

const projects: string[] = [];

/** Removes every project folder made so far (an `after` hook). */
export function removeProjects(): void {
    for (const dir of projects.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * A project folder: the repository's Pulumi.yaml and example stack files, with `extra` config merged into
 * the named stacks (`existingBucketName: legacy-osaka-data` on osaka unless overridden).
 */
export function makeProject(extra: Record<string, Record<string, unknown>> = {}): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "adopt-project-"));
    projects.push(dir);
    fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    const wanted: Record<string, Record<string, unknown>> = {
        osaka: { "s3-multiregion:existingBucketName": LEGACY },
        ...extra,
    };
    for (const stack of ["tokyo", "osaka", "dest-account"]) {
        const file = `Pulumi.${stack}.yaml`;
        const doc = yaml.load(fs.readFileSync(path.join(ROOT, file), "utf8")) as { config: Record<string, unknown> };
        Object.assign(doc.config, wanted[stack] ?? {});
        fs.writeFileSync(path.join(dir, file), yaml.dump(doc));
    }
    return dir;
}

export function s3Client(endpoint: string, region: string, credentials: Credentials): S3Client {
    return new S3Client({ endpoint, region, forcePathStyle: true, credentials });
}

/**
 * Credentials of an account: moto hands out keys that act as the account of the role assumed (the example
 * stacks' accounts, 111111111111 and 222222222222, or any other). Keys are forgotten on reset: get them per test.
 */
export async function accountCredentials(endpoint: string, accountId: string): Promise<Credentials> {
    const sts = new STSClient({ endpoint, region: TOKYO, credentials: MOTO_CREDENTIALS });
    const r = await sts.send(
        new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${accountId}:role/admin`, RoleSessionName: "adopt-test" }),
    );
    return {
        accessKeyId: r.Credentials!.AccessKeyId!,
        secretAccessKey: r.Credentials!.SecretAccessKey!,
        sessionToken: r.Credentials!.SessionToken!,
    };
}

export async function createBucket(
    endpoint: string,
    name: string,
    region: string,
    credentials: Credentials,
    opts: { objectLock?: boolean } = {},
): Promise<S3Client> {
    const s3 = s3Client(endpoint, region, credentials);
    await s3.send(
        new CreateBucketCommand({
            Bucket: name,
            CreateBucketConfiguration: { LocationConstraint: region as never },
            ...(opts.objectLock ? { ObjectLockEnabledForBucket: true } : {}),
        }),
    );
    return s3;
}

export interface AdoptRun {
    code: number;
    out: string[];
    err: string[];
}

/**
 * The commands' clock in these tests: the real time, fixed once. moto stamps the S3 storage metrics it
 * computes at today's midnight (UTC), so a clock fixed on another day would put them outside the
 * command's three-day window.
 */
export const TEST_NOW = Date.now();

/** Runs the command's main with the real SDK clients pointed at moto_server. */
export async function runAdopt(
    endpoint: string,
    projectDir: string,
    argv: string[],
    credentials: Credentials,
    opts: { now?: number; decorate?: (aws: ReturnType<typeof makeAwsClients>) => void } = {},
): Promise<AdoptRun> {
    const c = captureIo();
    const aws = makeAwsClients({
        endpoint,
        forcePathStyle: true,
        credentials,
    });
    opts.decorate?.(aws);
    const code = await adoptMain(argv, {
        io: c.io,
        env: {},
        projectDir,
        now: () => opts.now ?? TEST_NOW,
        discoverStacks,
        aws,
    });
    return { code, out: c.out, err: c.err };
}

/** The kept-settings file adopt wrote, parsed; undefined when none was written. */
export function readAdopted(projectDir: string, stack = "osaka"): Record<string, unknown> | undefined {
    const file = path.join(projectDir, "adopted", `${stack}.json`);
    return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>) : undefined;
}

/** A bucket with nothing configured but what S3 always answers. */
export function bare(overrides: Partial<LiveBucket> = {}): LiveBucket {
    return {
        ownerCanonicalId: "owner",
        grants: [],
        policyStatements: [],
        lifecycleRules: [],
        inventories: [],
        tags: {},
        ...overrides,
    };
}

/** No live statement, rule or logging chosen to be kept. */
export const NONE_CHOSEN: KeptAndDropped = {
    statements: { kept: [], dropped: [] },
    rules: { kept: [], dropped: [] },
    loggingKept: false,
};
