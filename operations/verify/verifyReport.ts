// Verify's summary: per-object table, latency statistics per destination, failures, PASS/FAIL against the RTC threshold.
import { latencyStats, LatencyStats } from "./latencyStats";
import { ObjectResult, shortKey } from "./replicationProbe";

export interface ReportLocation {
    id: string;
    label: string;
}

export interface VerifyReport {
    pass: boolean;
    /** Latency statistics per location id, over the copies that were replicas there; absent when none arrived. */
    stats: Record<string, LatencyStats | undefined>;
    failures: string[];
    lines: string[];
}

export interface ReportOptions {
    rtcThresholdSeconds: number;
    /** How long verify waited after the last upload; named in "not present" failures. */
    timeoutSeconds: number;
    intervalSeconds: number;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

/** Left-aligned columns, two spaces apart; the trailing spaces of the last column are trimmed. */
export function table(rows: string[][]): string[] {
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
    return rows.map((r) =>
        r
            .map((cell, i) => cell.padEnd(widths[i]))
            .join("  ")
            .trimEnd(),
    );
}

/** Replication latencies at one location: copies that arrived there as replicas (not where the upload landed). */
function replicaLatencies(results: ObjectResult[], locationId: string): number[] {
    return (
        results
            .filter((r) => !r.putError && r.landedIn !== locationId && !(r.sourceCandidates ?? []).includes(locationId))
            // Every uploaded object has an observation per location (replicationProbe.ts), so no `?.` here.
            .map((r) => r.copies[locationId].latencyMs)
            .filter((v): v is number => v !== undefined)
    );
}

export function buildReport(results: ObjectResult[], locations: ReportLocation[], opts: ReportOptions): VerifyReport {
    const label = (id: string | undefined) => locations.find((l) => l.id === id)?.label ?? "(not seen)";
    /** More than one copy could be the original: the report says so instead of guessing (see originalCopy.ts). */
    const undecided = (r: ObjectResult) => r.landedIn === undefined && (r.sourceCandidates ?? []).length > 1;
    const lines: string[] = [];

    const header = ["object", "landed in", ...locations.map((l) => l.label), "source status"];
    const rows = results.map((r) => {
        if (r.putError) {
            return [shortKey(r.key), "(upload failed)", ...locations.map(() => "-"), "-"];
        }
        const cells = locations.map((l) => {
            const c = r.copies[l.id];
            return l.id === r.landedIn ? "landed" : c.latencyMs !== undefined ? seconds(c.latencyMs) : "missing";
        });
        const status = r.landedIn ? (r.copies[r.landedIn].replicationStatus ?? "(none)") : "-";
        return [shortKey(r.key), undecided(r) ? "(undecided)" : label(r.landedIn), ...cells, status];
    });
    lines.push(...table([header, ...rows]));

    const landed = new Map<string, number>();
    results.forEach((r) => r.landedIn && landed.set(r.landedIn, (landed.get(r.landedIn) ?? 0) + 1));
    if (landed.size > 0) {
        lines.push("", `landed in: ${[...landed.entries()].map(([id, n]) => `${label(id)} x${n}`).join(", ")}`);
    }

    const stats: Record<string, LatencyStats | undefined> = {};
    const statRows = [["replication latency", "copies", "min", "median", "p99", "max"]];
    for (const l of locations) {
        const values = replicaLatencies(results, l.id);
        const s = values.length > 0 ? latencyStats(values) : undefined;
        stats[l.id] = s;
        if (s) {
            statRows.push([
                l.label,
                String(s.count),
                seconds(s.min),
                seconds(s.median),
                seconds(s.p99),
                seconds(s.max),
            ]);
        } else if (results.some((r) => !r.putError && r.landedIn !== l.id)) {
            statRows.push([l.label, "0", "-", "-", "-", "-"]);
        }
    }
    lines.push("", ...table(statRows));
    lines.push(
        `(measured from the end of each upload to the first successful HeadObject, polled every ${opts.intervalSeconds}s)`,
    );

    const failures: string[] = [];
    for (const r of results) {
        if (r.putError) {
            failures.push(`${shortKey(r.key)}: upload through the MRAP failed: ${r.putError}`);
            continue;
        }
        if (r.failure) {
            failures.push(`${shortKey(r.key)}: ${r.failure}`);
        }
        if (undecided(r)) {
            const said = (r.sourceCandidates ?? []).map(
                (id) => `${label(id)} reports ${r.copies[id].replicationStatus ?? "no ReplicationStatus"}`,
            );
            failures.push(
                `${shortKey(r.key)}: cannot tell which copy the MRAP wrote: ${said.join(", ")}; with replica modification ` +
                    "sync a replica reports PENDING or FAILED too, so none of them is counted as a replica",
            );
        }
        for (const l of locations) {
            const c = r.copies[l.id];
            if (c.seenAt === undefined) {
                const why = r.failure
                    ? "stopped waiting"
                    : `not present after ${opts.timeoutSeconds}s${c.lastError ? ` (last answer: ${c.lastError})` : ""}`;
                failures.push(`${shortKey(r.key)} -> ${l.label}: ${why}`);
            }
        }
    }
    const uploaded = results.filter((r) => !r.putError).length;
    if (uploaded === 0) {
        failures.push("no object could be uploaded through the MRAP");
    }
    const thresholdMs = opts.rtcThresholdSeconds * 1000;
    const slow = locations.filter((l) => (stats[l.id]?.p99 ?? 0) > thresholdMs);
    slow.forEach((l) =>
        failures.push(
            `${l.label}: p99 ${seconds(stats[l.id]!.p99)} is above the RTC threshold of ${opts.rtcThresholdSeconds}s`,
        ),
    );

    if (failures.length > 0) {
        lines.push("", "failures:", ...failures.map((f) => `  ${f}`));
    }
    const expected = uploaded * locations.length;
    const present = results
        // Stryker disable next-line MethodExpression: a failed upload is never polled, so none of its copies is seen
        .filter((r) => !r.putError)
        .reduce((n, r) => n + locations.filter((l) => r.copies[l.id].seenAt !== undefined).length, 0);
    const worst = Math.max(0, ...Object.values(stats).map((s) => s?.p99 ?? 0));
    const pass = failures.length === 0;
    lines.push(
        "",
        `${pass ? "PASS" : "FAIL"}: ${present}/${expected} copies present across ${locations.length} buckets; ` +
            `worst replication p99 ${seconds(worst)} ${worst <= thresholdMs ? "<=" : ">"} RTC threshold ${opts.rtcThresholdSeconds}s`,
    );
    return { pass, stats, failures, lines };
}
