// `npm run plan`: the offline plan of every stack, in deploy order, under mocks (no CLI, no cloud).
import * as path from "path";
import { evaluatePlan, StackPlan } from "./offline/evaluate";
import { RecordedResource } from "./offline/mockRuntime";

const KEY_INPUTS: Record<string, string[]> = {
    "aws:s3/bucket:Bucket": ["bucket", "region"],
    "aws:iam/role:Role": ["name"],
    "pulumi:pulumi:StackReference": ["name"],
};

function summary(r: RecordedResource): string {
    const keys = KEY_INPUTS[r.type] ?? ["bucket", "region"];
    const parts = keys.filter((k) => r.inputs[k] !== undefined).map((k) => `${k}=${typeof r.inputs[k] === "string" ? r.inputs[k] : JSON.stringify(r.inputs[k])}`);
    return parts.length ? `  (${parts.join(", ")})` : "";
}

export function renderTree(resources: RecordedResource[]): string[] {
    const children = new Map<string | undefined, RecordedResource[]>();
    const urns = new Set(resources.map((r) => r.urn));
    for (const r of resources) {
        const parent = r.parent && urns.has(r.parent) ? r.parent : undefined;
        children.set(parent, [...(children.get(parent) ?? []), r]);
    }
    const lines: string[] = [];
    const walk = (parent: string | undefined, indent: string) => {
        for (const r of children.get(parent) ?? []) {
            lines.push(`${indent}${r.name}  [${r.type}]${summary(r)}`);
            walk(r.urn, `${indent}  `);
        }
    };
    walk(undefined, "    ");
    return lines;
}

export function renderStack(plan: StackPlan, index: number): string[] {
    const lines = [`${index + 1}. stack ${plan.stack}  (role ${plan.role}, account ${plan.accountId}, ${plan.region})`];
    if (!plan.ok) {
        lines.push(`    ${plan.error?.kind === "config" ? "config error" : "error"}: ${plan.error?.message}`);
        return lines;
    }
    lines.push(`  resources (${plan.resources.length}):`, ...renderTree(plan.resources));
    if (plan.wiring.length) {
        lines.push("  reads:");
        for (const w of plan.wiring) lines.push(`    ${w.reference} <- stack ${w.fromStack}: ${w.outputs.join(", ")}`);
    }
    lines.push(`  outputs: ${Object.keys(plan.outputs).join(", ")}`);
    return lines;
}

async function main(): Promise<number> {
    const projectDir = path.resolve(__dirname, "..");
    const plans = await evaluatePlan({ projectDir });
    console.log(`Offline plan: ${plans.map((p) => p.stack).join(" -> ")} (deploy order)\n`);
    plans.forEach((p, i) => console.log(renderStack(p, i).join("\n") + "\n"));
    const failed = plans.find((p) => !p.ok);
    if (failed) return failed.error?.kind === "config" ? 2 : 1;
    return 0;
}

if (require.main === module) {
    main().then(
        (code) => process.exit(code),
        (e) => {
            console.error(`plan failed: ${(e as Error).message}`);
            process.exit(1);
        },
    );
}
