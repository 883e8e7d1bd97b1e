// The offline plan's result as one JSON document and as text: resources, cross-stack wiring, pack verdict, access proofs.
import * as fs from "fs";
import * as path from "path";
import { readRawConfig } from "../config/loadConfig";
import { parseConfig, PlatformConfig } from "../config/platformConfig";
import { buildAccessModel, isUnreadable, parseDoc, TYPES } from "./accessModel";
import { StackPlan } from "./evaluate";
import { RecordedResource } from "./mockRuntime";
import { accessProofs, ProofFacts, ProofResult, runProofs } from "./proofs";

/** A finding of the CrossGuard pack, as its in-process runner reports it. */
export interface PolicyViolation {
    policy: string;
    enforcementLevel: string;
    urn: string;
    message: string;
}

export interface PolicyPackStatus {
    ran: boolean;
    /** Why the pack did not run (its runner is missing or failed to load). */
    reason?: string;
}

export interface ResourceEntry {
    urn: string;
    type: string;
    name: string;
    parent: string | null;
    dependencies: string[];
    inputs: Record<string, unknown>;
}

export interface WiringEntry {
    /** The StackReference's logical name. */
    reference: string;
    fromStack: string;
    /** Every output the reference carried, with the resources of this stack whose inputs contain its value. */
    outputs: { name: string; usedBy: string[] }[];
}

export interface StackReport {
    stack: string;
    role: string;
    accountId: string;
    region: string;
    elapsedMs: number;
    /** Set when the stack could not be evaluated (config error or program error). */
    error: { kind: "config" | "program"; message: string } | null;
    resources: ResourceEntry[];
    outputs: Record<string, unknown>;
    wiring: WiringEntry[];
    violations: PolicyViolation[];
    proofs: Omit<ProofResult, "stack">[];
}

export interface PlanDocument {
    deployOrder: string[];
    policyPack: PolicyPackStatus;
    summary: {
        resources: number;
        mandatoryViolations: number;
        advisoryViolations: number;
        proofs: Record<ProofResult["status"], number>;
        exitCode: number;
    };
    stacks: StackReport[];
}

/** Every stack's merged config (evaluated or not): the proofs are written against the whole platform. */
export interface StackConfigInput {
    stack: string;
    config: Record<string, string>;
}

type PackRunner = (
    resources: RecordedResource[],
    options?: Record<string, unknown>,
) => PolicyViolation[] | Promise<PolicyViolation[]>;

/**
 * Loads the pack's in-process runner (policy/runner.ts). Loaded by path, not imported: the pack
 * is its own package and the plan must still print resources and proofs if the runner is absent.
 */
export function loadPackRunner(projectDir: string): { run?: PackRunner; status: PolicyPackStatus } {
    const file = path.join(projectDir, "policy", "runner.ts");
    if (!fs.existsSync(file)) return { status: { ran: false, reason: "policy/runner.ts not found" } };
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const mod = require(file) as { runPolicyPack?: PackRunner };
        if (typeof mod.runPolicyPack !== "function")
            return { status: { ran: false, reason: "policy/runner.ts exports no runPolicyPack" } };
        return { run: mod.runPolicyPack, status: { ran: true } };
    } catch (e) {
        return { status: { ran: false, reason: `policy/runner.ts failed to load: ${(e as Error).message}` } };
    }
}

function parsedConfigs(configs: StackConfigInput[]): PlatformConfig[] {
    const out: PlatformConfig[] = [];
    for (const c of configs) {
        try {
            out.push(parseConfig(readRawConfig(c.stack, (k) => c.config[k])));
        } catch {
            // A stack with bad config stops the plan before proofs run; it simply contributes no facts.
        }
    }
    return out;
}

/** Where the plan's inventory writes manifests and its batch job writes reports: proofs request objects there. */
function objectKeys(resources: RecordedResource[]): { manifestKey: string; reportKey: string } {
    const inventory = resources.find((r) => r.type === "aws:s3/inventory:Inventory");
    const dest = inventory?.inputs.destination?.bucket as { prefix?: string } | undefined;
    // S3 writes inventory manifests to <prefix>/<source bucket>/<configuration id>/<timestamp>/manifest.json.
    const manifestKey = inventory
        ? [dest?.prefix, inventory.inputs.bucket, inventory.inputs.name, "2025-01-01T01-00Z", "manifest.json"]
              .filter((x) => typeof x === "string" && x !== "")
              .join("/")
        : "inventory/manifest.json";
    const job = resources.find((r) => typeof r.inputs.reportPrefix === "string");
    // Batch Operations writes its completion report to <prefix>/job-<id>/results/<n>.csv.
    const reportKey = `${job ? `${job.inputs.reportPrefix}/` : ""}job-00000000-0000-0000-0000-000000000000/results/report.csv`;
    return { manifestKey, reportKey };
}

export function proofFactsOf(configs: StackConfigInput[], plans: StackPlan[]): ProofFacts | undefined {
    const cfgs = parsedConfigs(configs);
    if (cfgs.length === 0) return undefined;
    const hub = cfgs.find((c) => c.role === "primary");
    const dest = cfgs.find((c) => c.role === "destination");
    const any = hub ?? cfgs[0];
    return {
        namePrefix: any.namePrefix,
        sourceAccountId: any.sourceAccountId,
        destinationAccountId: any.destinationAccountId,
        regional: cfgs.filter((c) => c.role !== "destination").map((c) => ({ stack: c.stack, region: c.region })),
        hub:
            hub && hub.role === "primary"
                ? { stack: hub.stack, region: hub.region, partners: hub.partners }
                : undefined,
        destination: dest ? { stack: dest.stack, region: dest.region } : undefined,
        ...objectKeys(plans.flatMap((p) => p.resources)),
    };
}

/** Leaf string values of an output, with their path (`regionalBuckets[1].bucketArn`). */
function leaves(value: unknown, at: string, out: [string, string][] = []): [string, string][] {
    if (typeof value === "string") out.push([at, value]);
    else if (Array.isArray(value)) value.forEach((v, i) => leaves(v, `${at}[${i}]`, out));
    else if (value !== null && typeof value === "object")
        for (const [k, v] of Object.entries(value)) leaves(v, `${at}.${k}`, out);
    return out;
}

function containsString(value: unknown, needle: string): boolean {
    if (typeof value === "string") return value.includes(needle);
    if (Array.isArray(value)) return value.some((v) => containsString(v, needle));
    if (value !== null && typeof value === "object") return Object.values(value).some((v) => containsString(v, needle));
    return false;
}

/**
 * Which resources consume each peer output: a resource whose inputs contain the value. Short values
 * (role, region, account id) would match by accident, so only identifiers of 20+ characters count.
 */
export function wiringOf(plan: StackPlan, peers: Record<string, Record<string, unknown>>): WiringEntry[] {
    const consumers = plan.resources.filter((r) => r.type !== TYPES.stackReference && r.custom);
    return plan.wiring.map((w) => ({
        reference: w.reference,
        fromStack: w.fromStack,
        outputs: w.outputs.map((name) => {
            const values = leaves(peers[w.fromStack]?.[name], name)
                .map(([, v]) => v)
                .filter((v) => v.length >= 20);
            const usedBy = consumers.filter((r) => values.some((v) => containsString(r.inputs, v))).map((r) => r.name);
            return { name, usedBy: [...new Set(usedBy)] };
        }),
    }));
}

export interface BuildOptions {
    /** Stacks to report (all evaluated stacks when absent), e.g. `--stack tokyo`. */
    only?: string;
    configs: StackConfigInput[];
    runner?: PackRunner;
    packStatus: PolicyPackStatus;
}

const isMandatory = (v: PolicyViolation) => v.enforcementLevel === "mandatory";

/** A pack that throws (bad pack config, a policy that crashes) has not approved the stack: that is a mandatory finding. */
async function runPack(runner: PackRunner, resources: RecordedResource[]): Promise<PolicyViolation[]> {
    try {
        return await runner(resources);
    } catch (e) {
        return [
            {
                policy: "policy-pack",
                enforcementLevel: "mandatory",
                urn: "",
                message: `the pack could not evaluate this stack: ${(e as Error).message}`,
            },
        ];
    }
}

/** Runs the pack and the proofs on an evaluated plan and assembles the document `--json` prints. */
export async function buildPlanDocument(plans: StackPlan[], opts: BuildOptions): Promise<PlanDocument> {
    const model = buildAccessModel(
        plans
            .filter((p) => p.ok)
            .map((p) => ({ stack: p.stack, accountId: p.accountId, region: p.region, resources: p.resources })),
    );
    const facts = proofFactsOf(opts.configs, plans);
    const proofs = plans.every((p) => p.ok) && facts ? await runProofs(accessProofs(facts), model) : [];
    const peers: Record<string, Record<string, unknown>> = Object.fromEntries(plans.map((p) => [p.stack, p.outputs]));

    const stacks: StackReport[] = [];
    for (const plan of plans) {
        if (opts.only && plan.stack !== opts.only) continue;
        const violations = plan.ok && opts.runner ? await runPack(opts.runner, plan.resources) : [];
        stacks.push({
            stack: plan.stack,
            role: plan.role,
            accountId: plan.accountId,
            region: plan.region,
            elapsedMs: Math.round(plan.elapsedMs),
            error: plan.error ?? null,
            resources: plan.resources.map((r) => ({
                urn: r.urn,
                type: r.type,
                name: r.name,
                parent: r.parent ?? null,
                dependencies: r.dependencies,
                inputs: r.inputs,
            })),
            outputs: plan.outputs,
            wiring: wiringOf(plan, peers),
            violations: violations.map((v) => ({
                policy: v.policy,
                enforcementLevel: v.enforcementLevel,
                urn: v.urn,
                message: v.message,
            })),
            proofs: proofs.filter((p) => p.stack === plan.stack).map(({ stack: _stack, ...rest }) => rest),
        });
    }
    const all = stacks.flatMap((s) => s.violations);
    const shownProofs = stacks.flatMap((s) => s.proofs);
    const count = (status: ProofResult["status"]) => shownProofs.filter((p) => p.status === status).length;
    const failedStack = stacks.find((s) => s.error) ?? plans.find((p) => !p.ok);
    const mandatory = all.filter(isMandatory).length;
    let exitCode = 0;
    if (failedStack?.error?.kind === "config") exitCode = 2;
    else if (failedStack || mandatory > 0 || count("failed") > 0) exitCode = 1;
    return {
        deployOrder: plans.map((p) => p.stack),
        policyPack: opts.packStatus,
        summary: {
            resources: stacks.reduce((n, s) => n + s.resources.length, 0),
            mandatoryViolations: mandatory,
            advisoryViolations: all.length - mandatory,
            proofs: { passed: count("passed"), failed: count("failed"), unproven: count("unproven") },
            exitCode,
        },
        stacks,
    };
}

// ---------------------------------------------------------------------------------------------
// Text rendering

const str = (v: unknown): string => (typeof v === "string" ? v : JSON.stringify(v));

function sids(policy: unknown): string {
    const doc = parseDoc(policy);
    if (isUnreadable(doc)) return "unreadable";
    const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
    return statements.map((s, i) => (typeof s.Sid === "string" ? s.Sid : `#${i + 1}`)).join(",");
}

function trusted(policy: unknown): string {
    const doc = parseDoc(policy);
    if (isUnreadable(doc)) return "unreadable";
    const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
    const principals = statements.flatMap((s) => {
        const p = s.Principal as Record<string, unknown> | string | undefined;
        if (p === undefined) return [];
        if (typeof p === "string") return [p];
        return Object.values(p)
            .flatMap((v) => (Array.isArray(v) ? v : [v]))
            .map(String);
    });
    return principals.join(",");
}

/** The few inputs that say what a resource is, per type; the full inputs are in `--json`. */
const KEY_INPUTS: Record<string, (i: Record<string, any>) => [string, unknown][]> = {
    "aws:s3/bucket:Bucket": (i) => [
        ["bucket", i.bucket],
        ["region", i.region],
    ],
    "aws:s3/bucketPolicy:BucketPolicy": (i) => [
        ["bucket", i.bucket],
        ["statements", sids(i.policy)],
    ],
    "aws:iam/role:Role": (i) => [
        ["name", i.name],
        ["trusts", i.assumeRolePolicy === undefined ? undefined : trusted(i.assumeRolePolicy)],
    ],
    "aws:iam/rolePolicy:RolePolicy": (i) => [
        ["role", i.role],
        ["statements", sids(i.policy)],
    ],
    "aws:s3/bucketReplicationConfig:BucketReplicationConfig": (i) => [
        ["bucket", i.bucket],
        ["region", i.region],
        [
            "rules",
            Array.isArray(i.rules)
                ? i.rules
                      .map(
                          (r: { destination?: { bucket?: string; account?: string } }) =>
                              `${String(r.destination?.bucket ?? "").replace("arn:aws:s3:::", "")}${r.destination?.account ? `@${r.destination.account}` : ""}`,
                      )
                      .join(" ")
                : undefined,
        ],
    ],
    "aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint": (i) => [
        ["name", i.details?.name],
        [
            "buckets",
            Array.isArray(i.details?.regions)
                ? i.details.regions.map((r: { bucket?: string }) => r.bucket).join(",")
                : undefined,
        ],
    ],
    "aws:s3control/multiRegionAccessPointPolicy:MultiRegionAccessPointPolicy": (i) => [
        ["name", i.details?.name],
        ["statements", i.details?.policy === undefined ? undefined : sids(i.details.policy)],
    ],
    "aws:ec2/vpcEndpoint:VpcEndpoint": (i) => [
        ["service", i.serviceName],
        ["type", i.vpcEndpointType],
    ],
    "aws:ec2clientvpn/endpoint:Endpoint": (i) => [
        ["clientCidr", i.clientCidrBlock],
        ["dnsServers", i.dnsServers],
        ["splitTunnel", i.splitTunnel],
    ],
    "awsx:ec2:Vpc": (i) => [
        ["cidr", i.cidrBlock],
        ["azs", i.availabilityZoneNames],
    ],
    "pulumi:pulumi:StackReference": (i) => [["name", i.name]],
    "aws:cloudwatch/metricAlarm:MetricAlarm": (i) => [
        ["metric", i.metricName],
        ["threshold", i.threshold],
    ],
    "aws:s3/inventory:Inventory": (i) => [
        ["bucket", i.bucket],
        ["to", i.destination?.bucket?.bucketArn],
    ],
};

function summary(r: RecordedResource | ResourceEntry): string {
    const rule =
        KEY_INPUTS[r.type] ??
        ((i: Record<string, any>) =>
            [
                ["bucket", i.bucket],
                ["region", i.region],
            ] as [string, unknown][]);
    const parts = rule(r.inputs as Record<string, any>)
        .filter(([, v]) => v !== undefined && v !== "")
        .map(([k, v]) => `${k}=${str(v)}`);
    return parts.length ? `  (${parts.join(", ")})` : "";
}

/** Component -> children, with type, logical name and key inputs. */
export function renderTree(resources: (RecordedResource | ResourceEntry)[], indent = "    "): string[] {
    const children = new Map<string | undefined, (RecordedResource | ResourceEntry)[]>();
    const urns = new Set(resources.map((r) => r.urn));
    for (const r of resources) {
        const parent = r.parent && urns.has(r.parent) ? r.parent : undefined;
        children.set(parent, [...(children.get(parent) ?? []), r]);
    }
    const lines: string[] = [];
    const walk = (parent: string | undefined, pad: string) => {
        for (const r of children.get(parent) ?? []) {
            lines.push(`${pad}${r.name}  [${r.type}]${summary(r)}`);
            walk(r.urn, `${pad}  `);
        }
    };
    walk(undefined, indent);
    return lines;
}

const PROOF_MARK: Record<ProofResult["status"], string> = {
    passed: "PASS    ",
    failed: "FAIL    ",
    unproven: "UNPROVEN",
};

export function renderStackReport(s: StackReport, index: number, pack: PolicyPackStatus): string[] {
    const lines = [
        `${index + 1}. stack ${s.stack}  (role ${s.role}, account ${s.accountId}, ${s.region}; evaluated in ${s.elapsedMs} ms)`,
    ];
    if (s.error) {
        lines.push(`    ${s.error.kind === "config" ? "config error" : "error"}: ${s.error.message}`);
        return lines;
    }
    lines.push(`  resources (${s.resources.length}):`, ...renderTree(s.resources));
    if (s.wiring.length) {
        lines.push("  cross-stack wiring:");
        for (const w of s.wiring) {
            lines.push(`    ${w.reference} <- stack ${w.fromStack}`);
            for (const o of w.outputs) {
                const shown = o.usedBy.length > 4 ? [...o.usedBy.slice(0, 4), `${o.usedBy.length - 4} more`] : o.usedBy;
                lines.push(
                    `      ${o.name}${shown.length ? ` -> ${shown.join(", ")}` : " (carried; no resource input contains it)"}`,
                );
            }
        }
    }
    lines.push(`  outputs: ${Object.keys(s.outputs).join(", ")}`);
    if (!pack.ran) lines.push(`  policy pack: not run (${pack.reason})`);
    else if (s.violations.length === 0) lines.push("  policy pack: pass (no violations)");
    else {
        const mandatory = s.violations.filter(isMandatory).length;
        lines.push(
            `  policy pack: ${mandatory ? "FAIL" : "pass"} (${mandatory} mandatory, ${s.violations.length - mandatory} advisory)`,
        );
        for (const v of s.violations)
            lines.push(`    [${v.enforcementLevel}] ${v.policy}  ${v.urn.split("::").pop()}: ${v.message}`);
    }
    if (s.proofs.length) {
        const n = (st: ProofResult["status"]) => s.proofs.filter((p) => p.status === st).length;
        lines.push(`  access proofs (${n("passed")} passed, ${n("failed")} failed, ${n("unproven")} unproven):`);
        for (const p of s.proofs) {
            lines.push(`    ${PROOF_MARK[p.status]}  ${p.name}`);
            lines.push(`              expected ${p.expected}, actual ${p.actual ?? "-"}: ${p.reason}`);
        }
    }
    return lines;
}

export function renderPlan(doc: PlanDocument): string {
    const out = [`Offline plan: ${doc.deployOrder.join(" -> ")} (deploy order)`, ""];
    doc.stacks.forEach((s, i) =>
        out.push(
            ...renderStackReport(
                s,
                doc.deployOrder.indexOf(s.stack) >= 0 ? doc.deployOrder.indexOf(s.stack) : i,
                doc.policyPack,
            ),
            "",
        ),
    );
    const p = doc.summary.proofs;
    const pack = doc.policyPack.ran
        ? `${doc.summary.mandatoryViolations} mandatory and ${doc.summary.advisoryViolations} advisory violations`
        : `not run (${doc.policyPack.reason})`;
    out.push(
        `Summary: ${doc.summary.resources} resources in ${doc.stacks.length} stack(s); policy pack: ${pack}; access proofs: ${p.passed} passed, ${p.failed} failed, ${p.unproven} unproven.`,
    );
    return out.join("\n");
}
