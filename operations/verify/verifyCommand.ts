// `npm run verify`: the MRAP field report's hands-on, automated: upload through the MRAP, watch every bucket, report latency.
import { DeleteObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import type { AwsClientFactory } from "../common/awsClients";
import {
    CommandSpec,
    EXIT_FAILURE,
    EXIT_OK,
    intOption,
    Io,
    oneLine,
    positiveNumberOption,
    PreflightError,
    runCommand,
    stringOption,
    UsageError,
} from "../common/cli";
import { HubOutputs } from "../common/hubOutputs";
import { HubOutputsDeps, loadHubOutputs } from "../common/loadHubOutputs";
import { checkAwsCredentials, credentialsLabel } from "../common/preflight";
import { Clock, Location, ObjectResult, probeReplication, shortKey, UploadedObject } from "./replicationProbe";
import { buildReport } from "./verifyReport";

/** Margin over the RTC threshold before verify gives up on a copy: RTC promises 99.99% within 15 minutes, not all. */
export const TIMEOUT_MARGIN_SECONDS = 300;
export const DEFAULT_OBJECTS = 5;
export const DEFAULT_INTERVAL_SECONDS = 5;
export const MAX_OBJECTS = 1000;

export const VERIFY_SPEC: CommandSpec = {
    name: "verify",
    synopsis:
        "[--objects N] [--timeout SECONDS] [--interval SECONDS] [--dest-profile NAME] [--stack NAME | --outputs FILE] [--cleanup]",
    summary:
        "Checks a deployed system end to end: uploads N objects through the Multi-Region Access Point (SigV4A), waits until " +
        "each is in every regional bucket and in the destination bucket (HeadObject by version id, recording ReplicationStatus), " +
        "and reports where each upload landed, replication latency per destination (min/median/p99/max) and failures, ending " +
        "with PASS or FAIL against the RTC threshold. Account A credentials come from AWS_PROFILE; the destination bucket is in " +
        "account B and needs its own credentials: --dest-profile.",
    options: {
        objects: {
            type: "string",
            value: "N",
            help: `objects to upload (default ${DEFAULT_OBJECTS}, at most ${MAX_OBJECTS})`,
        },
        timeout: {
            type: "string",
            value: "SECONDS",
            help: `give up on a missing copy after SECONDS (default: the RTC threshold + ${TIMEOUT_MARGIN_SECONDS}, i.e. 1200)`,
        },
        interval: {
            type: "string",
            value: "SECONDS",
            help: `poll every SECONDS (default ${DEFAULT_INTERVAL_SECONDS}); also the latency resolution`,
        },
        "dest-profile": {
            type: "string",
            value: "NAME",
            help: "AWS profile for the destination account B (default: the same credentials as account A, which only works if they can read it)",
        },
        stack: {
            type: "string",
            value: "NAME",
            help: "hub stack to read outputs from (default: the stack file whose role is primary)",
        },
        outputs: {
            type: "string",
            value: "FILE",
            help: "read the hub outputs from a `pulumi stack output --json` file instead (no Pulumi CLI needed)",
        },
        cleanup: { type: "boolean", help: "delete the uploaded object versions from every bucket afterwards" },
    },
};

export interface VerifyDeps extends HubOutputsDeps {
    io: Io;
    env: NodeJS.ProcessEnv;
    aws: Pick<AwsClientFactory, "sts" | "s3">;
    clock: Clock;
}

/** `verify/20260101T000000Z/`: unique per run, sortable, and easy to find and delete. */
export function runPrefix(nowMs: number): string {
    return `verify/${new Date(nowMs)
        .toISOString()
        .replace(/[-:]/g, "")
        .replace(/\.\d{3}/, "")}/`;
}

/** The buckets every object must reach: the regional buckets (hub first) and, when the hub replicates there, the destination bucket. */
export function verifyLocations(
    outputs: HubOutputs,
    aws: Pick<AwsClientFactory, "s3">,
    destProfile: string | undefined,
): Location[] {
    const regional = outputs.regionalBuckets.map((b): Location => ({
        id: b.stack,
        label: `${b.region} (${b.stack})`,
        kind: "regional",
        region: b.region,
        bucket: b.bucketName,
        client: aws.s3(b.region),
    }));
    const d = outputs.destinationBucket;
    if (!d) return regional;
    return [
        ...regional,
        {
            id: "destination",
            label: `destination (${d.accountId})`,
            // Stryker disable next-line StringLiteral: only "regional" is ever compared (the original-copy judgement), so any other kind behaves alike
            kind: "destination",
            region: d.region,
            bucket: d.bucketName,
            client: aws.s3(d.region, destProfile),
        },
    ];
}

export function verifyMain(argv: string[], deps: VerifyDeps): Promise<number> {
    return runCommand(VERIFY_SPEC, argv, deps.io, async (options) => {
        const out = (line: string) => deps.io.out(line);
        const count = intOption("objects", options.objects, DEFAULT_OBJECTS);
        if (count > MAX_OBJECTS) {
            throw new UsageError(`--objects is at most ${MAX_OBJECTS}, got ${count}`);
        }
        const intervalSeconds = positiveNumberOption("interval", options.interval, DEFAULT_INTERVAL_SECONDS);
        const destProfile = stringOption(options["dest-profile"]);
        // Parsed before any AWS call so that a typo costs nothing; the default needs the outputs' threshold.
        const explicitTimeout =
            options.timeout === undefined ? undefined : positiveNumberOption("timeout", options.timeout, 1);
        const { outputs } = await loadHubOutputs(
            { stack: stringOption(options.stack), outputs: stringOption(options.outputs) },
            deps,
        );
        const timeoutSeconds = explicitTimeout ?? outputs.rtcThresholdSeconds + TIMEOUT_MARGIN_SECONDS;
        const hubRegion = outputs.regionalBuckets[0].region;

        const sourceLabel = credentialsLabel(undefined, deps.env);
        const source = await checkAwsCredentials(deps.aws.sts(hubRegion), sourceLabel);
        if (source.account !== outputs.sourceAccountId) {
            throw new PreflightError(
                `the MRAP belongs to account ${outputs.sourceAccountId} but ${sourceLabel} is account ${source.account}: set AWS_PROFILE to a profile for account ${outputs.sourceAccountId}`,
            );
        }
        const destinationBucket = outputs.destinationBucket;
        if (destinationBucket) {
            const destLabel = destProfile ? credentialsLabel(destProfile, deps.env) : sourceLabel;
            const dest = destProfile
                ? await checkAwsCredentials(deps.aws.sts(destinationBucket.region, destProfile), destLabel)
                : source;
            if (dest.account !== destinationBucket.accountId) {
                throw new PreflightError(
                    `the destination bucket is in account ${destinationBucket.accountId} but ${destLabel} is account ${dest.account}: pass --dest-profile NAME with a profile for account ${destinationBucket.accountId}`,
                );
            }
        }

        const locations = verifyLocations(outputs, deps.aws, destProfile);
        const prefix = runPrefix(deps.clock.now());
        out(`uploading ${count} object(s) to ${outputs.mrapArn} under ${prefix}`);
        out(
            `watching ${locations.map((l) => `${l.label} ${l.bucket}`).join(", ")}; timeout ${timeoutSeconds}s, poll every ${intervalSeconds}s`,
        );

        // MRAP requests must be SigV4A-signed; the client region is only where credentials are resolved.
        const mrap = deps.aws.s3(hubRegion);
        const uploaded: UploadedObject[] = [];
        for (let i = 1; i <= count; i++) {
            const key = `${prefix}obj-${i}`;
            try {
                const res = await mrap.send(
                    new PutObjectCommand({
                        Bucket: outputs.mrapArn,
                        Key: key,
                        Body: `s3-multiregion verify ${key}\n`,
                        ContentType: "text/plain",
                    }),
                );
                uploaded.push({ key, versionId: res.VersionId, putDoneAt: deps.clock.now() });
                out(`put ${i}/${count} ${shortKey(key)} version ${res.VersionId ?? "(none: is versioning enabled?)"}`);
            } catch (e) {
                uploaded.push({ key, putDoneAt: deps.clock.now(), putError: oneLine(e) });
                out(`put ${i}/${count} ${shortKey(key)} FAILED: ${oneLine(e)}`);
            }
        }

        const results = await probeReplication(uploaded, locations, {
            clock: deps.clock,
            intervalMs: intervalSeconds * 1000,
            deadline: deps.clock.now() + timeoutSeconds * 1000,
            concurrency: 16,
            progress: out,
        });
        const report = buildReport(results, locations, {
            rtcThresholdSeconds: outputs.rtcThresholdSeconds,
            timeoutSeconds,
            intervalSeconds,
        });
        out("");
        report.lines.forEach(out);
        if (options.cleanup) {
            await cleanup(results, locations, out);
        }
        return report.pass ? EXIT_OK : EXIT_FAILURE;
    });
}

/**
 * Deletes each seen copy by version id. A version-specific delete is not replicated, so every bucket is
 * cleaned on its own; a copy that arrives after this ran stays (same prefix, easy to find).
 */
async function cleanup(results: ObjectResult[], locations: Location[], out: (line: string) => void): Promise<void> {
    let deleted = 0;
    const problems: string[] = [];
    for (const r of results) {
        for (const l of locations) {
            if (r.copies[l.id].seenAt === undefined) {
                continue;
            }
            try {
                await l.client.send(new DeleteObjectCommand({ Bucket: l.bucket, Key: r.key, VersionId: r.versionId }));
                deleted++;
            } catch (e) {
                problems.push(`${shortKey(r.key)} in ${l.label}: ${oneLine(e)}`);
            }
        }
    }
    out(
        `cleanup: deleted ${deleted} object version(s)${problems.length ? `; could not delete ${problems.length}: ${problems.join("; ")}` : ""}`,
    );
}
