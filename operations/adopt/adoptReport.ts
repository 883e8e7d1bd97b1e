// The adopt report: what was read, what the deploy would change, what is kept, as text lines or one JSON document.
import type { AdoptTarget } from "./adoptTarget";
import type { KeptAndDropped, SettingChange } from "./settingChanges";
import { describeLogging, NamedLiveItem } from "./keptSettings";
import { describeEstimate, StorageEstimate } from "./storageMetrics";

export interface AdoptReport {
    stack: string;
    bucket: string;
    region: string;
    accountId: string;
    readAt: string;
    objects: StorageEstimate;
    changes: SettingChange[];
    refusals: string[];
    keptPolicyStatements: string[];
    removedPolicyStatements: string[];
    keptLifecycleRules: string[];
    removedLifecycleRules: string[];
    /** Live items kept under another name than their own, and why. */
    renamed: { kind: "policy statement" | "lifecycle rule"; live: string | null; keptAs: string; why: string }[];
    /** The live server access logging target the stack keeps (`s3://bucket/prefix`), or null. */
    keptAccessLogging: string | null;
    /** The kept-settings file, relative to the project; null when none is written (refusal or --dry-run). */
    file: string | null;
    written: boolean;
}

function renamedOf<T>(kind: AdoptReport["renamed"][number]["kind"], items: NamedLiveItem<T>[]) {
    return items
        .filter((i) => i.renamed !== undefined)
        .map((i) => ({ kind, live: i.liveName ?? null, keptAs: i.name, why: i.renamed! }));
}

export function buildReport(
    t: AdoptTarget,
    readAt: string,
    objects: StorageEstimate,
    changes: SettingChange[],
    refusals: string[],
    chosen: KeptAndDropped,
    logging?: { TargetBucket?: string; TargetPrefix?: string },
): AdoptReport {
    const n = <T>(items: NamedLiveItem<T>[]) => items.map((i) => i.name);
    return {
        stack: t.stack,
        bucket: t.bucket,
        region: t.region,
        accountId: t.accountId,
        readAt,
        objects,
        changes,
        refusals,
        keptPolicyStatements: n(chosen.statements.kept),
        removedPolicyStatements: n(chosen.statements.dropped),
        keptLifecycleRules: n(chosen.rules.kept),
        removedLifecycleRules: n(chosen.rules.dropped),
        renamed: [
            ...renamedOf("policy statement", chosen.statements.kept),
            ...renamedOf("lifecycle rule", chosen.rules.kept),
        ],
        keptAccessLogging: chosen.loggingKept && logging ? describeLogging(logging) : null,
        file: null,
        written: false,
    };
}

function plural(count: number, noun: string): string {
    return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** The report as terminal lines: `~` marks a setting the deploy changes, `=` one it leaves as it is. */
export function reportLines(r: AdoptReport, dryRun: boolean): string[] {
    const width = Math.max(...r.changes.map((c) => c.setting.length));
    const lines = [
        `adopt: stack ${r.stack}, bucket ${r.bucket} (${r.region}, account ${r.accountId}), read ${r.readAt}`,
        `objects: ${describeEstimate(r.objects)}`,
        "",
        "what the deploy would do (~ changes, = leaves as it is):",
        ...r.changes.map(
            (c) =>
                `  ${c.changes ? "~" : "="} ${c.setting.padEnd(width)}  ${c.changes ? `${c.live} -> ${c.stack}` : `${c.live}; ${c.stack}`}`,
        ),
    ];
    if (r.renamed.length) {
        lines.push("");
        for (const x of r.renamed) {
            lines.push(
                `${x.kind} ${x.live === null ? "without a name" : JSON.stringify(x.live)} is kept as ${x.keptAs} (${x.why}; ` +
                    "the name is derived from its content, so every run gives the same)",
            );
        }
    }
    if (r.refusals.length) return lines;
    lines.push("");
    const logging = r.keptAccessLogging ? `, and server access logging to ${r.keptAccessLogging}` : "";
    const kept = `${plural(r.keptPolicyStatements.length, "policy statement")} and ${plural(r.keptLifecycleRules.length, "lifecycle rule")}${logging} kept`;
    if (r.written) {
        lines.push(
            `wrote ${r.file}: ${kept}; the stack composes them into the bucket's one policy and one lifecycle configuration`,
        );
    } else if (dryRun) {
        lines.push(`dry run: nothing written (${r.file} would have ${kept})`);
    }
    return lines;
}
