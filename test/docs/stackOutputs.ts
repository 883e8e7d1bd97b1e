// What each role's stack really exports: the example plan's outputs, plus the outputs only some options switch on.
import { DestinationConfig, PrimaryConfig, SecondaryConfig } from "../../config/platformConfig";
import { destinationStack } from "../../stacks/destination";
import { primaryStack } from "../../stacks/primary";
import { secondaryStack } from "../../stacks/secondary";
import type { PlanDocument } from "../../verifier/planReport";
import { installMocks, settle, valueOf } from "../../verifier/mockRuntime";
import { ACCOUNT_A as A, ACCOUNT_B as B, DEST_OUTPUTS, OSAKA_OUTPUTS } from "../support/peerOutputs";
import { stackConfig } from "../support/stackConfigs";
import { realPlanRun } from "../verifier/planRun";
import { Role, ROLES } from "./docChecks";

const P = "s3-multiregion:";
const TOKYO_KEY = `arn:aws:kms:ap-northeast-1:${A}:key/11111111-1111-1111-1111-111111111111`;
const OSAKA_KEY = `arn:aws:kms:ap-northeast-3:${A}:key/33333333-3333-3333-3333-333333333333`;
const REPLICA_KEY = `arn:aws:kms:ap-northeast-1:${B}:key/22222222-2222-2222-2222-222222222222`;

async function outputsOf(build: () => unknown): Promise<string[]> {
    const out = (await valueOf(build())) as Record<string, unknown>;
    await settle();
    return Object.keys(out);
}

/**
 * Each role's stack evaluated under mocks with every option that adds an output switched on (SSE-KMS everywhere,
 * active-passive routing, each regional Batch Replication job, a secondary's network), which the example stack files leave off.
 */
async function optionalOutputs(): Promise<Record<Role, string[]>> {
    await installMocks({
        stack: "tokyo",
        accountId: A,
        region: "ap-northeast-1",
        peers: {
            osaka: { ...OSAKA_OUTPUTS, kmsKeyArn: OSAKA_KEY },
            "dest-account": { ...DEST_OUTPUTS, kmsKeyArn: REPLICA_KEY, sourceKmsKeyArn: TOKYO_KEY },
        },
    });
    const primary = await outputsOf(() =>
        primaryStack(
            stackConfig<PrimaryConfig>("tokyo", {
                [`${P}kmsKeyArn`]: TOKYO_KEY,
                [`${P}failoverMode`]: "active-passive",
                [`${P}activeRegion`]: "ap-northeast-1",
                [`${P}batchReplicationJob`]: "true",
            }),
        ),
    );
    await installMocks({ stack: "osaka", accountId: A, region: "ap-northeast-3", peers: {} });
    const secondary = await outputsOf(() =>
        secondaryStack(
            stackConfig<SecondaryConfig>("osaka", {
                [`${P}kmsKeyArn`]: OSAKA_KEY,
                [`${P}batchReplicationJob`]: "true",
                [`${P}networkEnabled`]: "true",
                [`${P}availabilityZones`]: JSON.stringify(["ap-northeast-3a"]),
                [`${P}vpnEnabled`]: "false",
            }),
        ),
    );
    await installMocks({ stack: "dest-account", accountId: B, region: "ap-northeast-1", peers: {} });
    const destination = await outputsOf(() =>
        destinationStack(
            stackConfig<DestinationConfig>("dest-account", {
                [`${P}kmsKeyArn`]: REPLICA_KEY,
                [`${P}sourceKmsKeyArn`]: TOKYO_KEY,
            }),
        ),
    );
    return { primary, secondary, destination };
}

let cached: Promise<Record<Role, Set<string>>> | undefined;

/** Every output each role's stack can export: the example plan's (run as a user runs it) and the optional ones. */
export function everyStackOutput(): Promise<Record<Role, Set<string>>> {
    cached ??= (async () => {
        const run = await realPlanRun();
        if (run.code !== 0) throw new Error(`the example plan failed (exit ${run.code}): ${run.stderr}`);
        const doc = JSON.parse(run.stdout) as PlanDocument;
        const optional = await optionalOutputs();
        const byRole = Object.fromEntries(ROLES.map((r) => [r, new Set(optional[r])])) as Record<Role, Set<string>>;
        for (const s of doc.stacks) for (const k of Object.keys(s.outputs)) byRole[s.role as Role].add(k);
        return byRole;
    })();
    return cached;
}
