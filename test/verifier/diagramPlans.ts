// Hand-made plans for the diagram's tests, and the diagram's lines without its fixed first line.
import * as assert from "node:assert/strict";
import { renderDiagram } from "../../verifier/diagram";
import { StackPlan } from "../../verifier/evaluate";
import { RecordedResource } from "../../verifier/mockRuntime";
import { recorded } from "./recorded";

export const r = recorded;

export const A = "111111111111";
export const B = "222222222222";

export const stack = (name: string, resources: RecordedResource[], more: Partial<StackPlan> = {}): StackPlan => ({
    stack: name,
    role: "primary",
    accountId: A,
    region: "ap-northeast-1",
    ok: true,
    outputs: {},
    config: {},
    wiring: [],
    elapsedMs: 0,
    resources: resources.map((x) => ({ ...x, urn: x.urn.replace(":s::", `:${name}::`) })),
    ...more,
});

/** The diagram's lines, without the first (`flowchart LR`) and the trailing empty one. */
export const diagram = (...plans: StackPlan[]): string[] => {
    const text = renderDiagram(plans);
    assert.ok(text.endsWith("\n"));
    const lines = text.split("\n").slice(0, -1);
    assert.equal(lines[0], "flowchart LR");
    return lines.slice(1);
};

/** The edge lines (and external nodes): every line outside the subgraphs. */
export const edges = (...plans: StackPlan[]): string[] =>
    diagram(...plans).filter((l) => /^ {4}[^ ]/.test(l) && !l.startsWith("    subgraph ") && l !== "    end");

export const bucket = (name: string) => r("aws:s3/bucket:Bucket", name, { bucket: name });
