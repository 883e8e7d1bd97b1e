// Reading the project's Markdown pages for the doc checks: marked samples, commands, tables and the pages themselves.
import * as fs from "fs";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "..", "..");

/** Every page the checks cover: the README and each page under docs/. */
export function docPages(): string[] {
    const docs = fs
        .readdirSync(path.join(ROOT, "docs"))
        .filter((f) => f.endsWith(".md"))
        .sort()
        .map((f) => `docs/${f}`);
    return ["README.md", ...docs];
}

export function readPage(page: string): string {
    return fs.readFileSync(path.join(ROOT, page), "utf8");
}

const SAMPLE = /<!-- sample: ([a-z0-9-]+) -->\n *```[a-z]*\n([\s\S]*?)\n *```/g;

/** Every fenced block marked `<!-- sample: NAME -->` on the line before it: name and body (indentation kept). */
export function samples(text: string): { name: string; body: string }[] {
    return [...text.matchAll(SAMPLE)].map((m) => ({ name: m[1], body: m[2] }));
}

/** The body of the sample NAME in `text`; throws when the page has none. */
export function sample(text: string, name: string): string {
    const found = samples(text).filter((s) => s.name === name);
    if (found.length !== 1) throw new Error(`${found.length} samples named ${name}`);
    return found[0].body;
}

export interface Fence {
    /** 1-based line of the opening fence. */
    line: number;
    lang: string;
    body: string[];
    /** The `<!-- sample: NAME -->` marker just above the fence, if any. */
    marker?: string;
}

/** Every fenced code block, with its language and the sample marker above it. */
export function fences(text: string): Fence[] {
    const lines = text.split("\n");
    const out: Fence[] = [];
    for (let i = 0; i < lines.length; i++) {
        const open = /^( *)```([a-z]*)\s*$/.exec(lines[i]);
        if (!open) continue;
        const marker = i > 0 ? /^<!-- sample: ([a-z0-9-]+) -->$/.exec(lines[i - 1])?.[1] : undefined;
        const body: string[] = [];
        let j = i + 1;
        for (; j < lines.length && !/^ *```\s*$/.test(lines[j]); j++) body.push(lines[j].slice(open[1].length));
        out.push({ line: i + 1, lang: open[2], body, ...(marker ? { marker } : {}) });
        i = j;
    }
    return out;
}

/**
 * The commands a reader would type: each line of a shell block (continuation lines joined, `$ ` prompts
 * dropped, output lines of a transcript skipped) and each inline code span.
 */
export function commands(text: string): string[] {
    const out: string[] = [];
    for (const f of fences(text)) {
        if (f.lang === "mermaid" || f.lang === "json") continue;
        const transcript = f.body.some((l) => l.startsWith("$ "));
        let pending = "";
        for (const raw of f.body) {
            if (transcript && !raw.startsWith("$ ") && pending === "") continue;
            const line = raw.replace(/^\$ /, "");
            if (line.trimEnd().endsWith("\\")) {
                pending += line.trimEnd().slice(0, -1) + " ";
                continue;
            }
            out.push(pending + line);
            pending = "";
        }
    }
    const prose = text.replace(/^ *```[\s\S]*?^ *```/gm, "");
    for (const m of prose.matchAll(/`([^`\n]+)`/g)) out.push(m[1]);
    return out;
}

/** The cells of each row of the `which`-th table (0: the first) in the section `## title`, header and divider left out. */
export function tableRows(text: string, title: string, which = 0): string[][] {
    const lines = text.split("\n");
    const start = lines.findIndex((l) => l.trim() === `## ${title}`);
    if (start < 0) throw new Error(`no section "## ${title}"`);
    const end = lines.findIndex((l, i) => i > start && l.startsWith("## "));
    const tables: string[][] = [];
    let previous = "";
    for (const line of lines.slice(start + 1, end < 0 ? undefined : end)) {
        if (line.startsWith("|")) {
            if (!previous.startsWith("|")) tables.push([]);
            tables[tables.length - 1].push(line);
        }
        previous = line;
    }
    if (tables[which] === undefined) throw new Error(`section "## ${title}" has no table ${which}`);
    return tables[which].slice(2).map((line) =>
        line
            .trimEnd()
            .replace(/^\|/, "")
            .replace(/\|$/, "")
            .split("|")
            .map((c) => c.trim()),
    );
}

/** The backquoted names in a table cell: "`failoverMode`, `activeRegion`" -> ["failoverMode", "activeRegion"]. */
export function codeNames(cell: string): string[] {
    return [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
}
