// Typed view of the hub stack's outputs that failover and verify need, parsed from the automation API or a JSON file.
import * as fs from "fs";
import { MRAP_ROUTES_REGIONS } from "../../config/configTypes";
import { isMrapRoutesRegion, parseMrapArn } from "../../config/validators";
import { PreflightError } from "./cli";

export interface RegionalBucket {
    /** Stack that owns the bucket, e.g. `osaka`. */
    stack: string;
    region: string;
    bucketName: string;
    bucketArn: string;
}

export interface DestinationBucket {
    /** Account B: the verify command needs credentials for it (`--dest-profile`). */
    accountId: string;
    region: string;
    bucketName: string;
    bucketArn: string;
}

export interface HubOutputs {
    mrapArn: string;
    mrapAlias: string;
    mrapName: string;
    sourceAccountId: string;
    routesRegion: string;
    /** Hub bucket first. */
    regionalBuckets: RegionalBucket[];
    /** Absent when the hub does not replicate to account B (`replicateToDestination: false`). */
    destinationBucket?: DestinationBucket;
    rtcThresholdSeconds: number;
}

/**
 * Checks and types the hub outputs; a problem is a PreflightError (exit 2, nothing was changed). `source` names where
 * they came from (stack or file) so that the one-line error tells the operator which document is stale or which
 * stack is not deployed.
 */
export function parseHubOutputs(raw: unknown, source: string): HubOutputs {
    const fail = (msg: string): never => {
        throw new PreflightError(`${source}: ${msg}`);
    };
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
        return fail("expected a JSON object of stack outputs (pulumi stack output --json)");
    }
    const doc = raw as Record<string, unknown>;
    const field = (obj: Record<string, unknown>, key: string, path: string): unknown => {
        if (!(key in obj) || obj[key] === undefined || obj[key] === null) {
            fail(`missing output "${path}" (is the hub stack deployed with this version of the program?)`);
        }
        // `pulumi stack output --json` prints secrets as "[secret]" unless --show-secrets is given.
        if (obj[key] === "[secret]") {
            fail(`output "${path}" is a secret; export it with pulumi stack output --json --show-secrets`);
        }
        return obj[key];
    };
    const str = (obj: Record<string, unknown>, key: string, path = key): string => {
        const v = field(obj, key, path);
        return typeof v === "string" && v !== ""
            ? v
            : fail(`output "${path}" must be a non-empty string, got ${JSON.stringify(v)}`);
    };
    const record = (v: unknown, path: string): Record<string, unknown> =>
        typeof v === "object" && v !== null && !Array.isArray(v)
            ? (v as Record<string, unknown>)
            : fail(`output "${path}" must be an object, got ${JSON.stringify(v)}`);

    const mrapArn = str(doc, "mrapArn");
    const arnMatch =
        parseMrapArn(mrapArn) ?? fail(`output "mrapArn" is not a Multi-Region Access Point ARN: ${mrapArn}`);
    const sourceAccountId = str(doc, "sourceAccountId");
    if (arnMatch.accountId !== sourceAccountId) {
        fail(`output "mrapArn" is in account ${arnMatch.accountId} but "sourceAccountId" is ${sourceAccountId}`);
    }
    const routesRegion = str(doc, "routesRegion");
    if (!isMrapRoutesRegion(routesRegion)) {
        fail(
            `output "routesRegion" is ${routesRegion}; the routes API answers only in ${MRAP_ROUTES_REGIONS.join(", ")}`,
        );
    }
    const bucketsRaw = field(doc, "regionalBuckets", "regionalBuckets");
    if (!Array.isArray(bucketsRaw) || bucketsRaw.length === 0) {
        fail(`output "regionalBuckets" must be a non-empty array, got ${JSON.stringify(bucketsRaw)}`);
    }
    const regionalBuckets = (bucketsRaw as unknown[]).map((b, i): RegionalBucket => {
        const path = `regionalBuckets[${i}]`;
        const o = record(b, path);
        return {
            stack: str(o, "stack", `${path}.stack`),
            region: str(o, "region", `${path}.region`),
            bucketName: str(o, "bucketName", `${path}.bucketName`),
            bucketArn: str(o, "bucketArn", `${path}.bucketArn`),
        };
    });
    const regions = regionalBuckets.map((b) => b.region);
    if (new Set(regions).size !== regions.length) {
        fail(
            `output "regionalBuckets" has two buckets in one region (${regions.join(", ")}); an MRAP allows one per region`,
        );
    }
    let destinationBucket: DestinationBucket | undefined;
    if (doc.destinationBucket !== undefined) {
        const d = record(doc.destinationBucket, "destinationBucket");
        destinationBucket = {
            accountId: str(d, "accountId", "destinationBucket.accountId"),
            region: str(d, "region", "destinationBucket.region"),
            bucketName: str(d, "bucketName", "destinationBucket.bucketName"),
            bucketArn: str(d, "bucketArn", "destinationBucket.bucketArn"),
        };
    }
    const rtc = field(doc, "rtcThresholdSeconds", "rtcThresholdSeconds");
    if (typeof rtc !== "number" || !(rtc > 0)) {
        fail(`output "rtcThresholdSeconds" must be a positive number, got ${JSON.stringify(rtc)}`);
    }
    return {
        mrapArn,
        mrapAlias: str(doc, "mrapAlias"),
        mrapName: str(doc, "mrapName"),
        sourceAccountId,
        routesRegion,
        regionalBuckets,
        ...(destinationBucket ? { destinationBucket } : {}),
        rtcThresholdSeconds: rtc as number,
    };
}

/** Reads a `pulumi stack output --json` document. */
export function readOutputsFile(file: string): unknown {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        throw new PreflightError(
            `cannot read --outputs file ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
        );
    }
    try {
        return JSON.parse(text);
    } catch (e) {
        throw new PreflightError(
            `--outputs file ${file} is not JSON (${(e as Error).message}); create it with pulumi stack output --json`,
        );
    }
}
