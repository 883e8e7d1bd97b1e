// Rewrites every sample the checks compare line for line with what its command prints now: run it after changing a command's output.
// Run: npx ts-node --transpile-only test/docs/writeSamples.ts (trimmed samples, such as the plan's, stay hand-picked).
import * as fs from "fs";
import * as path from "path";
import { docPages, readPage, ROOT } from "./markdown";
import { SAMPLES } from "./sampleRuns";

async function main(): Promise<void> {
    for (const page of docPages()) {
        let text = readPage(page);
        for (const [name, source] of Object.entries(SAMPLES)) {
            if (source.trimmed || source.normalise || !text.includes(`<!-- sample: ${name} -->`)) continue;
            const real = await source.expected();
            text = text.replace(
                new RegExp(`(<!-- sample: ${name} -->\\n( *)\`\`\`[a-z]*\\n)[\\s\\S]*?(\\n?\\2\`\`\`)`),
                (_m, open: string, indent: string, close: string) =>
                    `${open}${real
                        .split("\n")
                        .map((l) => (l === "" ? l : indent + l))
                        .join("\n")}\n${close.replace(/^\n/, "")}`,
            );
        }
        fs.writeFileSync(path.join(ROOT, page), text);
    }
}

void main().then(() => process.exit(0));
