// The doc checks as pure functions: a page's text and the facts from the code in, one line per problem out.
import { DocFacts } from "./docFacts";
import { codeNames, commands, tableRows } from "./markdown";

/** The roles a stack can have, as the Outputs table's "role" column names them. */
export const ROLES = ["primary", "secondary", "destination"] as const;
export type Role = (typeof ROLES)[number];

/** Where the arguments of one command end: a comment, a redirect, a pipe into another program, the next command. */
const COMMAND_END = /\s#|\s>|&&|;|\$\(|\bnpm run\b/;

/** The `--flags` given in `args`, with the positional words before the first flag. */
function splitArgs(args: string): { positionals: string[]; flags: string[] } {
    const words = args.split(/\s+/).filter((w) => w !== "" && w !== "--");
    const firstFlag = words.findIndex((w) => /^\[?--/.test(w));
    const flags = [...args.matchAll(/(?<![\w-])--([a-z][a-z-]*)/g)].map((m) => m[1]);
    return { positionals: firstFlag < 0 ? words : words.slice(0, firstFlag), flags };
}

/** Every `npm run X ...` names a script, and every flag given to it is one X's usage or option table accepts. */
export function checkNpmCommands(line: string, facts: DocFacts): string[] {
    const problems: string[] = [];
    for (const m of line.matchAll(/\bnpm run ([\w:-]+)/g)) {
        const script = m[1];
        if (!facts.scripts.has(script)) {
            problems.push(`npm run ${script}: no such script in package.json (in "${line.trim()}")`);
            continue;
        }
        const rest = line.slice((m.index ?? 0) + m[0].length);
        const args = rest.slice(0, rest.search(COMMAND_END) < 0 ? undefined : rest.search(COMMAND_END));
        const { positionals, flags } = splitArgs(args);
        const table = facts.commands[script];
        let accepted = table?.flags ?? new Set<string>();
        const sub = positionals[0]?.replace(/[[\]]/g, "");
        if (table?.subcommands && sub !== undefined && /^[a-z]+$/.test(sub)) {
            if (!(sub in table.subcommands)) {
                problems.push(
                    `npm run ${script} -- ${sub}: no such sub-command (allowed: ${Object.keys(table.subcommands).join(", ")})`,
                );
                continue;
            }
            accepted = table.subcommands[sub];
        }
        for (const flag of flags.filter((f) => !accepted.has(f)))
            problems.push(
                `npm run ${script}: --${flag} is not a flag it accepts (allowed: ${
                    [...accepted].map((f) => `--${f}`).join(", ") || "none"
                }) (in "${line.trim()}")`,
            );
    }
    return problems;
}

/** The options of `pulumi config` that take a value, so the word after them is not the key. */
const PULUMI_VALUE_OPTIONS = new Set(["--stack", "-s", "--config-file", "--cwd", "-C"]);

/** `pulumi config set|rm|get KEY`: KEY is declared in Pulumi.yaml, and set with --secret exactly when it is secret. */
export function checkPulumiConfig(line: string, facts: DocFacts): string[] {
    const problems: string[] = [];
    for (const m of line.matchAll(/\bpulumi config (set|rm|get)\b([^&;#|]*)/g)) {
        const words = m[2].trim().split(/\s+/);
        let key: string | undefined;
        for (let i = 0; i < words.length && key === undefined; i++) {
            if (PULUMI_VALUE_OPTIONS.has(words[i])) i++;
            else if (!words[i].startsWith("-")) key = words[i];
        }
        if (key === undefined) continue;
        const name = key.replace(/^['"]|['"]$/g, "").replace(/[[.].*$/, "");
        if (name.startsWith("<")) continue;
        const [namespace, bare] = name.includes(":") ? name.split(":", 2) : ["s3-multiregion", name];
        if (namespace === "aws") continue;
        if (namespace !== "s3-multiregion") {
            problems.push(`pulumi config ${m[1]} ${name}: unknown namespace ${namespace} (in "${line.trim()}")`);
            continue;
        }
        if (!facts.configKeys.has(bare)) {
            problems.push(`pulumi config ${m[1]} ${bare}: not a key declared in Pulumi.yaml (in "${line.trim()}")`);
            continue;
        }
        const secretFlag = words.includes("--secret");
        if (m[1] === "set" && facts.secretKeys.has(bare) && !secretFlag)
            problems.push(`pulumi config set ${bare}: declared secret in Pulumi.yaml, so set it with --secret`);
        if (m[1] === "set" && !facts.secretKeys.has(bare) && secretFlag)
            problems.push(`pulumi config set --secret ${bare}: not declared secret in Pulumi.yaml`);
    }
    return problems;
}

/** Every `s3-multiregion:KEY` in the page names a declared key (component type tokens such as `s3-multiregion:storage:X` aside). */
export function checkNamespacedKeys(text: string, facts: DocFacts): string[] {
    return [...text.matchAll(/\bs3-multiregion:([A-Za-z][A-Za-z0-9]*)(?!:[A-Z]|[A-Za-z0-9])/g)]
        .map((m) => m[1])
        .filter((k) => !facts.configKeys.has(k))
        .map((k) => `s3-multiregion:${k}: not a key declared in Pulumi.yaml`);
}

/** The field reports go by what they are, never by a number. */
export function checkReportNames(text: string): string[] {
    return [...text.matchAll(/\bseeds? ?0\d*[^\n]{0,30}/gi)].map(
        (m) => `"${m[0].trim()}": name the field report by what it is (as the README does), not by number`,
    );
}

/** Every check that applies to any page. */
export function checkPage(page: string, text: string, facts: DocFacts): string[] {
    const lines = commands(text);
    return [
        ...lines.flatMap((l) => checkNpmCommands(l, facts)),
        ...lines.flatMap((l) => checkPulumiConfig(l, facts)),
        ...checkNamespacedKeys(text, facts),
        ...checkReportNames(text),
    ].map((p) => `${page}: ${p}`);
}

/** The README's Inputs table lists every key Pulumi.yaml declares, and nothing else. */
export function checkInputsTable(text: string, facts: DocFacts): string[] {
    const listed = new Set(tableRows(text, "Inputs").flatMap((r) => codeNames(r[0])));
    return [
        ...[...facts.configKeys].filter((k) => !listed.has(k)).map((k) => `Inputs table: ${k} is declared but missing`),
        ...[...listed].filter((k) => !facts.configKeys.has(k)).map((k) => `Inputs table: ${k} is not a declared key`),
    ];
}

/** The roles a table cell names: "all", or a comma-separated list. */
function rolesOf(cell: string): Role[] {
    if (cell.trim() === "all") return [...ROLES];
    return cell.split(",").map((r) => r.trim() as Role);
}

/**
 * The README's Outputs table lists every output some stack exports, each with exactly the roles whose stacks
 * export it, and nothing else. `outputs` is what each role's stack can export (with every option on).
 */
export function checkOutputsTable(text: string, outputs: Record<Role, Set<string>>): string[] {
    const problems: string[] = [];
    const listed = new Set<string>();
    for (const row of tableRows(text, "Outputs")) {
        const claimed = rolesOf(row[1]);
        for (const name of codeNames(row[0])) {
            listed.add(name);
            const actual = ROLES.filter((r) => outputs[r].has(name));
            if (actual.length === 0) problems.push(`Outputs table: ${name} is not an output of any stack`);
            else if ([...claimed].sort().join() !== [...actual].sort().join())
                problems.push(
                    `Outputs table: ${name} is listed for ${claimed.join(", ")} but exported by ${actual.join(", ")}`,
                );
        }
    }
    for (const role of ROLES)
        for (const name of outputs[role])
            if (!listed.has(name)) problems.push(`Outputs table: ${name} (exported by ${role}) is missing`);
    return [...new Set(problems)];
}

/** A price or quantity in a worked-month cell: "$0.0047 / 1,000" -> 0.0000047, "1 M objects" -> 1, "730 h" -> 730. */
function factor(part: string): number {
    const number = /\d[\d,]*(\.\d+)?/.exec(part);
    if (!number) return NaN;
    const per = /\/ ?(\d[\d,]*)/.exec(part);
    return Number(number[0].replace(/,/g, "")) / (per ? Number(per[1].replace(/,/g, "")) : 1);
}

/** Dollars in a cell: "**$427.33**" -> 427.33. */
function dollars(cell: string): number {
    return Number(/\$([\d,]+\.\d\d)/.exec(cell)?.[1].replace(/,/g, "") ?? NaN);
}

/** The README's worked month: each line is its quantity × price, to the cent, and the total is their sum. */
export function checkWorkedMonth(text: string): string[] {
    const rows = tableRows(text, "Cost", 1);
    const lines = rows.filter((r) => !r[0].includes("total"));
    const problems = lines
        .map((r) => ({
            line: r[0],
            product: r[1].split("×").reduce((p, part) => p * factor(part), 1),
            stated: dollars(r[2]),
        }))
        .filter((l) => Math.round(l.product * 100) !== Math.round(l.stated * 100))
        .map((l) => `worked month: ${l.line} is ${l.product.toFixed(2)}, not ${l.stated.toFixed(2)}`);
    const sum = lines.reduce((s, r) => s + dollars(r[2]), 0);
    const total = dollars(rows.find((r) => r[0].includes("total"))?.[2] ?? "");
    if (Math.round(sum * 100) !== Math.round(total * 100))
        problems.push(`worked month: the lines add up to ${sum.toFixed(2)}, not ${total.toFixed(2)}`);
    return problems;
}
