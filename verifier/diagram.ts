// Mermaid diagram of an offline plan: accounts and stacks as subgraphs, key resources, replication, StackReference reads and cross-account grants.
import * as fs from "fs";
import { bucketFromRef, isUnreadable, parseDoc, roleRef, TYPES } from "./accessModel";
import { StackPlan } from "./evaluate";
import { RecordedResource } from "./mockRuntime";

interface Node {
    id: string;
    label: string;
    shape: "bucket" | "role" | "mrap" | "network" | "other";
}

/** Resource types drawn as nodes; everything else (bucket settings, policies, attachments) is detail. */
const KEY_TYPES: Record<string, Node["shape"]> = {
    [TYPES.bucket]: "bucket",
    [TYPES.role]: "role",
    [TYPES.mrap]: "mrap",
    "awsx:ec2:Vpc": "network",
    "aws:ec2/vpc:Vpc": "network",
    "aws:ec2/vpcEndpoint:VpcEndpoint": "network",
    "aws:ec2clientvpn/endpoint:Endpoint": "network",
    "aws:sns/topic:Topic": "other",
    "pulumi-nodejs:dynamic:Resource": "other",
};

const safe = (s: string): string => s.replace(/[^A-Za-z0-9_]/g, "_");
const quote = (s: string): string => `"${s.replace(/"/g, "#quot;")}"`;

function shape(n: Node): string {
    const l = quote(n.label);
    switch (n.shape) {
        case "bucket":
            return `${n.id}[(${l})]`;
        case "role":
            return `${n.id}{{${l}}}`;
        case "mrap":
            return `${n.id}((${l}))`;
        case "network":
            return `${n.id}[/${l}/]`;
        default:
            return `${n.id}[${l}]`;
    }
}

function label(r: RecordedResource): string {
    switch (r.type) {
        case TYPES.bucket:
            return `bucket ${r.inputs.bucket ?? r.name}`;
        case TYPES.role:
            return `role ${r.inputs.name ?? r.name}`;
        case TYPES.mrap:
            return `MRAP ${r.inputs.details?.name ?? r.name}${r.outputs.alias ? `<br/>${r.outputs.alias}` : ""}`;
        case "aws:ec2/vpcEndpoint:VpcEndpoint":
            return `${r.inputs.vpcEndpointType ?? ""} endpoint<br/>${r.inputs.serviceName ?? r.name}`;
        case "aws:ec2clientvpn/endpoint:Endpoint":
            return `Client VPN ${r.inputs.clientCidrBlock ?? ""}`;
        case "awsx:ec2:Vpc":
        case "aws:ec2/vpc:Vpc":
            return `VPC ${r.inputs.cidrBlock ?? r.name}`;
        case "aws:sns/topic:Topic":
            return `SNS topic ${r.name}`;
        default:
            return r.name;
    }
}

/** The parts of an IAM statement the diagram reads; anything else in the document is ignored. */
interface DiagramStatement {
    Sid?: unknown;
    Effect?: unknown;
    Principal?: string | { AWS?: unknown; Service?: unknown };
    Condition?: Record<string, Record<string, unknown> | undefined>;
}

const statementsOf = (policy: unknown): DiagramStatement[] => {
    const doc = parseDoc(policy);
    if (isUnreadable(doc)) return [];
    return (Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]) as DiagramStatement[];
};

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);

/** The principals of one kind a statement names; a string Principal ("*") names none, and has no such key either. */
const principals = (s: DiagramStatement, kind: "AWS" | "Service"): string[] =>
    list((s.Principal as Record<string, unknown> | undefined)?.[kind]);

/** The Mermaid source (flowchart) for the evaluated stacks. */
export function renderDiagram(plans: StackPlan[]): string {
    const lines = ["flowchart LR"];
    const bucketNode = new Map<string, string>();
    const roleNode = new Map<string, string>();
    const resourceNode = new Map<string, string>();
    const external = new Map<string, string>();
    const edges: string[] = [];
    /** `<principal node> <bucket node>` -> Sids of the statements granting it (one edge per pair). */
    const grants = new Map<string, string[]>();

    // Subgraphs: one per account, one per stack inside it.
    const accounts = [...new Set(plans.map((p) => p.accountId))];
    for (const account of accounts) {
        const inAccount = plans.filter((p) => p.accountId === account);
        const roles = [...new Set(inAccount.map((p) => (p.role === "destination" ? "destination" : "source")))].join(
            "/",
        );
        lines.push(`    subgraph account_${safe(account)}[${quote(`account ${account} (${roles})`)}]`);
        for (const plan of inAccount) {
            lines.push(
                `        subgraph stack_${safe(plan.stack)}[${quote(`stack ${plan.stack}: ${plan.role}, ${plan.region}`)}]`,
            );
            for (const r of plan.resources.filter((x) => KEY_TYPES[x.type] !== undefined)) {
                const node: Node = {
                    id: `${safe(plan.stack)}__${safe(r.name)}`,
                    label: label(r),
                    shape: KEY_TYPES[r.type],
                };
                lines.push(`            ${shape(node)}`);
                resourceNode.set(r.urn, node.id);
                if (r.type === TYPES.bucket) bucketNode.set(String(r.inputs.bucket ?? r.name), node.id);
                if (r.type === TYPES.role) {
                    const ref = roleRef(r.outputs.arn, plan.accountId);
                    roleNode.set(`${ref?.accountId ?? plan.accountId}/${r.inputs.name ?? r.name}`, node.id);
                }
            }
            lines.push("        end");
        }
        lines.push("    end");
    }

    const externalNode = (key: string, text: string): string => {
        let id = external.get(key);
        if (!id) {
            id = `external_${safe(key)}`;
            external.set(key, id);
            lines.push(`    ${id}[${quote(text)}]`);
        }
        return id;
    };
    const bucketRef = (ref: unknown): string | undefined => {
        const name = bucketFromRef(ref);
        if (!name) return undefined;
        return bucketNode.get(name) ?? externalNode(`bucket_${name}`, `bucket ${name} (not in this plan)`);
    };
    const principalRef = (arn: string, fallbackAccount: string): string => {
        const role = roleRef(arn, fallbackAccount);
        const inPlan = role && roleNode.get(`${role.accountId}/${role.name}`);
        return inPlan ?? externalNode(arn, arn);
    };

    for (const plan of plans) {
        for (const r of plan.resources) {
            if (r.type === TYPES.replication) {
                const from = bucketRef(r.inputs.bucket);
                for (const rule of (r.inputs.rules ?? []) as {
                    destination?: { bucket?: string; account?: string };
                }[]) {
                    const to = bucketRef(rule.destination?.bucket);
                    const cross = rule.destination?.account && rule.destination.account !== plan.accountId;
                    if (from && to)
                        edges.push(
                            `    ${from} -- ${quote(cross ? `replicates to account ${rule.destination?.account}` : "replicates")} --> ${to}`,
                        );
                }
            } else if (r.type === TYPES.mrap) {
                const mrap = resourceNode.get(r.urn);
                for (const region of (r.inputs.details?.regions ?? []) as { bucket?: string }[]) {
                    const to = bucketRef(region.bucket);
                    if (mrap && to) edges.push(`    ${mrap} -- routes --> ${to}`);
                }
            } else if (r.type === TYPES.stackReference) {
                const peer = String(r.inputs.name ?? "")
                    .split("/")
                    .pop() as string;
                if (plans.some((p) => p.stack === peer))
                    edges.push(
                        `    stack_${safe(plan.stack)} -. ${quote("StackReference reads outputs")} .-> stack_${safe(peer)}`,
                    );
            } else if (r.type === TYPES.bucketPolicy) {
                // Cross-account grants: a principal of another account (root + aws:PrincipalArn, DESIGN §2) on this bucket.
                const to = bucketRef(r.inputs.bucket);
                for (const s of statementsOf(r.inputs.policy).filter((x) => x.Effect === "Allow")) {
                    const pinned = list(
                        s.Condition?.ArnEquals?.["aws:PrincipalArn"] ?? s.Condition?.ArnLike?.["aws:PrincipalArn"],
                    );
                    const foreign = principals(s, "AWS").filter(
                        (p) => !p.includes(`::${plan.accountId}:`) && p !== plan.accountId,
                    );
                    if (!to || foreign.length === 0) continue;
                    for (const who of pinned.length ? pinned : foreign) {
                        const key = `${principalRef(who, plan.accountId)} ${to}`;
                        grants.set(key, [...(grants.get(key) ?? []), String(s.Sid ?? "statement")]);
                    }
                }
            } else if (r.type === TYPES.role) {
                // A role without a trust policy reads as no statements: nothing assumes it.
                const role = resourceNode.get(r.urn);
                for (const s of statementsOf(r.inputs.assumeRolePolicy).filter((x) => x.Effect === "Allow")) {
                    for (const p of principals(s, "AWS").filter((x) => !x.includes(`::${plan.accountId}:`))) {
                        edges.push(
                            `    ${externalNode(p, p)} -- ${quote(s.Condition?.StringEquals?.["sts:ExternalId"] ? "assumes (external id)" : "assumes")} --> ${role}`,
                        );
                    }
                    for (const svc of principals(s, "Service"))
                        edges.push(`    ${externalNode(`service_${svc}`, svc)} -- assumes --> ${role}`);
                }
            } else if (
                r.type === "aws:ec2clientvpn/endpoint:Endpoint" ||
                r.type === "aws:ec2/vpcEndpoint:VpcEndpoint"
            ) {
                const vpc = plan.resources.find((x) => x.type === "awsx:ec2:Vpc" || x.type === "aws:ec2/vpc:Vpc");
                const self = resourceNode.get(r.urn);
                const vpcNode = vpc && resourceNode.get(vpc.urn);
                if (self && vpcNode)
                    edges.push(
                        r.type === "aws:ec2clientvpn/endpoint:Endpoint"
                            ? `    ${self} -- ${quote("clients reach")} --> ${vpcNode}`
                            : `    ${vpcNode} --- ${self}`,
                    );
                const mrap = plan.resources.find((x) => x.type === TYPES.mrap);
                if (self && mrap && String(r.inputs.serviceName ?? "").endsWith("s3-global.accesspoint"))
                    edges.push(`    ${self} -- ${quote("private MRAP access")} --> ${resourceNode.get(mrap.urn)}`);
            } else if (r.type === "aws:s3/inventory:Inventory") {
                const from = bucketRef(r.inputs.bucket);
                const to = bucketRef(r.inputs.destination?.bucket?.bucketArn);
                if (from && to) edges.push(`    ${from} -- inventory --> ${to}`);
            } else if (typeof r.inputs.sourceBucketArn === "string" && typeof r.inputs.roleArn === "string") {
                // The Batch Replication job (a dynamic resource): what it reads, as whom, and where it reports.
                const job = resourceNode.get(r.urn);
                const from = bucketRef(r.inputs.sourceBucketArn);
                if (job && from) edges.push(`    ${job} -- ${quote("batch replication of")} --> ${from}`);
                if (job)
                    edges.push(
                        `    ${job} -. ${quote("runs as")} .-> ${principalRef(r.inputs.roleArn, plan.accountId)}`,
                    );
                const report = bucketRef(r.inputs.reportBucketArn);
                if (job && report) edges.push(`    ${job} -- ${quote("writes report")} --> ${report}`);
            }
        }
    }
    for (const [key, sids] of grants) {
        const [from, to] = key.split(" ");
        edges.push(`    ${from} == ${quote(`granted by bucket policy: ${sids.join(", ")}`)} ==> ${to}`);
    }
    return [...lines, ...[...new Set(edges)]].join("\n") + "\n";
}

export function writeDiagram(file: string, plans: StackPlan[]): void {
    fs.writeFileSync(file, renderDiagram(plans));
}
