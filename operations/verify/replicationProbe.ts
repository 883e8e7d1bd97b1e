// Verify's core: polls every bucket for each uploaded object version until it is there or a hard deadline passes.
import { setMaxListeners } from "events";
import { HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { identifyOriginal } from "./originalCopy";

/** Time source and sleep, injected so tests run hours of polling in milliseconds and can never hang. */
export interface Clock {
    now(): number;
    sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** With nothing new to report, a progress line still appears this often, so a long wait does not look hung. */
export const HEARTBEAT_MS = 30_000;

/** A bucket an object must reach. */
export interface Location {
    /** Stable id, e.g. the stack name (`tokyo`) or `destination`. */
    id: string;
    /** What the report prints, e.g. `ap-northeast-3 (osaka)`. */
    label: string;
    kind: "regional" | "destination";
    region: string;
    bucket: string;
    client: S3Client;
}

export interface UploadedObject {
    key: string;
    /** Replication keeps version ids, so every copy is looked up by the id the upload returned. */
    versionId?: string;
    /** Clock time the PutObject call returned; replication latency is measured from here. */
    putDoneAt: number;
    /** Set when the upload itself failed: nothing is polled for this object. */
    putError?: string;
}

export interface CopyObservation {
    /** Clock time of the first successful HeadObject. */
    seenAt?: number;
    /** `seenAt - putDoneAt`. */
    latencyMs?: number;
    /**
     * ReplicationStatus from the latest HeadObject: PENDING, COMPLETED or FAILED on the source; REPLICA on
     * replicas, which also report PENDING or FAILED while replica modification sync moves a metadata change.
     */
    replicationStatus?: string;
    /** The last error a HeadObject returned while the copy was missing (NotFound, AccessDenied, a timeout...). */
    lastError?: string;
    /** A HeadObject after the upload returned answered 404: this bucket did not take the upload. */
    absentAfterPut?: boolean;
}

export interface ObjectResult {
    key: string;
    versionId?: string;
    putError?: string;
    /** Id of the regional location the MRAP wrote the upload to, once the evidence names one (see originalCopy.ts). */
    landedIn?: string;
    /** While `landedIn` is undecided: the regional locations whose copy could still be the original. */
    sourceCandidates?: string[];
    copies: Record<string, CopyObservation>;
    /** Why this object stopped being polled early (the source reported FAILED). */
    failure?: string;
}

export interface ProbeOptions {
    clock: Clock;
    intervalMs: number;
    /** Absolute clock time after which nothing more is polled. */
    deadline: number;
    /** HeadObject calls in flight at once. */
    concurrency: number;
    progress(line: string): void;
    /** Real-time floor for cutting off a round at the deadline (ms); a hung request cannot outlive it. */
    minRoundMs?: number;
}

/** `NotFound (HTTP 404)` from an SDK error. */
export function describeHeadError(e: unknown): string {
    const name = (e as { name?: string }).name ?? "Error";
    const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    return status ? `${name} (HTTP ${status})` : `${name}: ${String((e as Error).message ?? e).split("\n")[0]}`;
}

/** Runs `fn` over `items` with at most `limit` calls in flight. */
export async function mapLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const item = items[next++];
            await fn(item);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * A promise that rejects when the round's deadline passes. Racing every request against it bounds the round
 * whether or not the request honours its abort signal; one listener serves the whole round.
 */
function deadlineOf(signal: AbortSignal): Promise<never> {
    const hit = new Promise<never>((_, reject) =>
        signal.addEventListener(
            "abort",
            () => reject(Object.assign(new Error("no answer before the deadline"), { name: "DeadlineExceeded" })),
            {
                once: true,
            },
        ),
    );
    hit.catch(() => undefined); // Rejections are observed through the races; an idle round must not warn.
    return hit;
}

interface Probe {
    object: ObjectResult;
    location: Location;
}

/**
 * Polls until every copy of every uploaded object has been seen, an object's source reports FAILED, or the
 * deadline passes. The loop checks the deadline before each round and never sleeps past it, and each round
 * is cut off at the deadline in real time, so an object that never replicates ends in a report, not a hang.
 */
export async function probeReplication(
    objects: UploadedObject[],
    locations: Location[],
    opts: ProbeOptions,
): Promise<ObjectResult[]> {
    const { clock } = opts;
    const started = clock.now();
    const results = objects.map((o): ObjectResult => ({
        key: o.key,
        versionId: o.versionId,
        putError: o.putError,
        copies: Object.fromEntries(locations.map((l) => [l.id, {}])),
    }));
    const putDoneAt = new Map(objects.map((o) => [o.key, o.putDoneAt]));
    const live = results.filter((r) => !r.putError);
    const unseen = (r: ObjectResult) => locations.filter((l) => r.copies[l.id].seenAt === undefined);
    // An object whose original is undecided is polled on while its candidates may still settle.
    const active = () => live.filter((r) => !r.failure && (unseen(r).length > 0 || r.landedIn === undefined));
    /** Copies read again although seen: the source while PENDING, and every candidate while undecided. */
    const reread = (r: ObjectResult, l: Location) =>
        (l.id === r.landedIn && r.copies[l.id].replicationStatus === "PENDING") ||
        (r.landedIn === undefined && (r.sourceCandidates ?? []).includes(l.id));
    const total = live.length * locations.length;
    let lastReported = -1;
    let lastReportedAt = started;

    const head = async ({ object, location }: Probe, signal: AbortSignal, deadline: Promise<never>) => {
        const copy = object.copies[location.id];
        try {
            const res = await Promise.race([
                location.client.send(
                    new HeadObjectCommand({ Bucket: location.bucket, Key: object.key, VersionId: object.versionId }),
                    { abortSignal: signal },
                ),
                deadline,
            ]);
            const now = clock.now();
            if (copy.seenAt === undefined) {
                copy.seenAt = now;
                copy.latencyMs = now - (putDoneAt.get(object.key) ?? now);
            }
            copy.replicationStatus = res.ReplicationStatus;
        } catch (e) {
            copy.lastError = describeHeadError(e);
            const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
            if (copy.seenAt === undefined && status === 404) copy.absentAfterPut = true;
        }
    };

    const regional = locations.filter((l) => l.kind === "regional");
    /** Names the original once the evidence allows (never changed after); a FAILED original ends the wait. */
    const judge = (object: ObjectResult) => {
        if (object.landedIn === undefined) {
            const verdict = identifyOriginal(
                regional.map((l) => ({
                    id: l.id,
                    seen: object.copies[l.id].seenAt !== undefined,
                    replicationStatus: object.copies[l.id].replicationStatus,
                    absentAfterPut: object.copies[l.id].absentAfterPut,
                })),
            );
            object.landedIn = verdict.original;
            object.sourceCandidates = verdict.original === undefined ? verdict.candidates : undefined;
        }
        const source = locations.find((l) => l.id === object.landedIn);
        if (source && object.copies[source.id].replicationStatus === "FAILED") {
            object.failure = `the source copy in ${source.label} reports ReplicationStatus FAILED`;
        }
    };

    const round = async (probes: Probe[]) => {
        const remaining = Math.max(opts.minRoundMs ?? 1000, opts.deadline - clock.now());
        const signal = AbortSignal.timeout(remaining);
        // The SDK adds an abort listener per request attempt; a round of many requests is not a leak.
        setMaxListeners(probes.length * 4 + 10, signal);
        const deadline = deadlineOf(signal);
        await mapLimit(probes, opts.concurrency, (p) => head(p, signal, deadline));
        new Set(probes.map((p) => p.object)).forEach(judge);
    };

    while (active().length > 0 && clock.now() < opts.deadline) {
        const probes: Probe[] = [];
        for (const object of active()) {
            for (const location of locations) {
                const copy = object.copies[location.id];
                // The source is re-read while it says PENDING: a FAILED there means the missing copies never come.
                if (copy.seenAt === undefined || reread(object, location)) {
                    probes.push({ object, location });
                }
            }
        }
        await round(probes);
        const present = live.reduce((n, r) => n + (locations.length - unseen(r).length), 0);
        if (present !== lastReported || clock.now() - lastReportedAt >= HEARTBEAT_MS) {
            lastReported = present;
            lastReportedAt = clock.now();
            const waiting = active().flatMap((r) => unseen(r).map((l) => `${shortKey(r.key)} -> ${l.label}`));
            const elapsed = ((clock.now() - started) / 1000).toFixed(1).padStart(6);
            const tail = waiting.length
                ? `; waiting for ${waiting.slice(0, 3).join(", ")}${waiting.length > 3 ? `, +${waiting.length - 3} more` : ""}`
                : "";
            opts.progress(`[${elapsed}s] ${present}/${total} copies present${tail}`);
        }
        const left = opts.deadline - clock.now();
        if (active().length > 0 && left > 0) {
            await clock.sleep(Math.min(opts.intervalMs, left));
        }
    }

    // One last look at sources still PENDING (and undecided candidates), so the report shows what AWS settled on.
    const settling = live.flatMap((object) =>
        locations
            .filter((l) => object.copies[l.id].seenAt !== undefined && reread(object, l))
            .map((location) => ({ object, location })),
    );
    if (settling.length > 0) await round(settling);
    return results;
}

/** `obj-3` from `verify/20260101T000000Z/obj-3`. */
export function shortKey(key: string): string {
    return key.slice(key.lastIndexOf("/") + 1);
}
