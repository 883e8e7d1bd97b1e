// Shared fixtures for the operations tests: hub outputs, captured output, a fake clock, stack files on disk.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Io } from "../../operations/common/cli";
import type { Clock } from "../../operations/verify/replicationProbe";

export const ACCOUNT_A = "111111111111";
export const ACCOUNT_B = "222222222222";
export const MRAP_ARN = `arn:aws:s3::${ACCOUNT_A}:accesspoint/abcd1234.mrap`;
export const TOKYO_BUCKET = "example-s3mr-data-111111111111-ap-northeast-1";
export const OSAKA_BUCKET = "example-s3mr-data-111111111111-ap-northeast-3";
export const DEST_BUCKET = "example-s3mr-replica-222222222222-ap-northeast-1";

/** A `pulumi stack output --json` document of the hub stack, as the tokyo stack exports it. */
export function hubOutputsDoc(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        mrapArn: MRAP_ARN,
        mrapAlias: "abcd1234.mrap",
        mrapName: "example-s3mr-mrap",
        sourceAccountId: ACCOUNT_A,
        routesRegion: "us-west-2",
        regionalBuckets: [
            {
                stack: "tokyo",
                region: "ap-northeast-1",
                bucketName: TOKYO_BUCKET,
                bucketArn: `arn:aws:s3:::${TOKYO_BUCKET}`,
            },
            {
                stack: "osaka",
                region: "ap-northeast-3",
                bucketName: OSAKA_BUCKET,
                bucketArn: `arn:aws:s3:::${OSAKA_BUCKET}`,
            },
        ],
        destinationBucket: {
            accountId: ACCOUNT_B,
            region: "ap-northeast-1",
            bucketName: DEST_BUCKET,
            bucketArn: `arn:aws:s3:::${DEST_BUCKET}`,
        },
        rtcThresholdSeconds: 900,
        ...overrides,
    };
}

export function captureIo(): { io: Io; out: string[]; err: string[]; all: string[] } {
    const out: string[] = [];
    const err: string[] = [];
    const all: string[] = [];
    return {
        out,
        err,
        all,
        io: {
            out: (l) => {
                out.push(l);
                all.push(l);
            },
            err: (l) => {
                err.push(l);
                all.push(l);
            },
        },
    };
}

/** A clock whose sleep advances time instantly; `sleeps` records every requested sleep. */
export function fakeClock(
    start = Date.UTC(2026, 0, 15, 9, 30, 0),
): Clock & { t: number; sleeps: number[]; advance(ms: number): void } {
    const clock = {
        t: start,
        sleeps: [] as number[],
        now: () => clock.t,
        sleep: async (ms: number) => {
            clock.sleeps.push(ms);
            clock.t += ms;
        },
        advance: (ms: number) => {
            clock.t += ms;
        },
    };
    return clock;
}

const tempDirs: string[] = [];

/** Removes every temporary project written so far (call from an `after` hook). */
export function removeTempProjects(): void {
    for (const dir of tempDirs.splice(0)) {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/** Writes a temporary project: Pulumi.yaml plus one stack file per entry (config maps as YAML). */
export function tempProject(
    stacks: Record<string, Record<string, unknown>>,
    extraStackFileText: Record<string, string> = {},
): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "s3mr-ops-"));
    tempDirs.push(dir);
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: s3-multiregion\nruntime: nodejs\n");
    for (const [name, config] of Object.entries(stacks)) {
        const lines = Object.entries(config).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`);
        fs.writeFileSync(
            path.join(dir, `Pulumi.${name}.yaml`),
            `${extraStackFileText[name] ?? ""}config:\n${lines.join("\n")}\n`,
        );
    }
    return dir;
}

/** The three stacks of the project as the repository ships them (role, region, allowed account). */
export function projectStacks(): Record<string, Record<string, unknown>> {
    return {
        tokyo: {
            "aws:region": "ap-northeast-1",
            "aws:allowedAccountIds": [ACCOUNT_A],
            "s3-multiregion:role": "primary",
        },
        osaka: {
            "aws:region": "ap-northeast-3",
            "aws:allowedAccountIds": [ACCOUNT_A],
            "s3-multiregion:role": "secondary",
        },
        "dest-account": {
            "aws:region": "ap-northeast-1",
            "aws:allowedAccountIds": [ACCOUNT_B],
            "aws:profile": "account-b",
            "s3-multiregion:role": "destination",
        },
    };
}

/** An error shaped like the SDK's: a name and the HTTP status in $metadata. */
export function awsError(name: string, status?: number, message = name): Error {
    return Object.assign(new Error(message), { name, $metadata: status ? { httpStatusCode: status } : {} });
}
