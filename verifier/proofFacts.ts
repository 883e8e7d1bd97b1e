// The facts the access proofs are written against, from every stack's validated config and the evaluated resources.
import { readRawConfig } from "../config/loadConfig";
import { DestinationConfig, PrimaryConfig } from "../config/configTypes";
import { parseConfig, PlatformConfig } from "../config/platformConfig";
import { StackPlan } from "./evaluate";
import { RecordedResource } from "./mockRuntime";
import { ProofFacts } from "./proofs";

/** Every stack's merged config (evaluated or not): the proofs are written against the whole platform. */
export interface StackConfigInput {
    stack: string;
    config: Record<string, string>;
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
    const hub = cfgs.find((c): c is PrimaryConfig => c.role === "primary");
    const dest = cfgs.find((c): c is DestinationConfig => c.role === "destination");
    const any = hub ?? cfgs[0];
    return {
        namePrefix: any.namePrefix,
        sourceAccountId: any.sourceAccountId,
        destinationAccountId: any.destinationAccountId,
        regional: cfgs.filter((c) => c.role !== "destination").map((c) => ({ stack: c.stack, region: c.region })),
        hub: hub
            ? {
                  stack: hub.stack,
                  region: hub.region,
                  partners: hub.partners,
                  replicatesToDestination: hub.replicateToDestination,
              }
            : undefined,
        destination: dest ? { stack: dest.stack, region: dest.region, copy: dest.copy } : undefined,
        ...objectKeys(plans.flatMap((p) => p.resources)),
    };
}
