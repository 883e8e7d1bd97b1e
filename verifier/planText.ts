// The offline plan's document as text: per stack its resource tree, wiring, pack verdict and access proofs; then a summary.
import { isUnreadable, parseDoc } from "./accessModel";
import { RecordedResource } from "./mockRuntime";
import { isMandatory, PolicyPackStatus } from "./packRunner";
import { PlanDocument, ResourceEntry, StackReport } from "./planReport";
import { ProofResult } from "./proofs";

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
const KEY_INPUTS: Record<string, (i: RecordedResource["inputs"]) => [string, unknown][]> = {
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
        ((i: RecordedResource["inputs"]) =>
            [
                ["bucket", i.bucket],
                ["region", i.region],
            ] as [string, unknown][]);
    const parts = rule(r.inputs)
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
            // An adopted bucket is read, not created: the plan says so, so nobody expects a new bucket.
            const adopted =
                ("read" in r && r.read && r.type !== "pulumi:pulumi:StackReference") || ("adopted" in r && r.adopted)
                    ? "  (adopted: read, never created or deleted)"
                    : "";
            lines.push(`${pad}${r.name}  [${r.type}]${adopted}${summary(r)}`);
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
