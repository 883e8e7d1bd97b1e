// Proofs that account B's copy is what its stack says: a backup keeps what account A deletes, a mirror follows it.
//
// These read the evaluated resources of two stacks together (the hub's rules into B, the destination's
// lifecycle and Object Lock), which no single stack's policy pack run can: the plan runs the pack per stack.
import type { RecordedResource } from "../mockRuntime";
import { ProofFacts, ProofResult } from "./types";

const REPLICATION = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";
const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
const OBJECT_LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";

/** The parts of a recorded replication or lifecycle rule these proofs read. */
interface RecordedRule {
    id?: string;
    status?: string;
    deleteMarkerReplication?: { status?: string };
    destination?: { bucket?: string; account?: string };
    noncurrentVersionExpiration?: { noncurrentDays?: number };
    expiration?: { days?: number; date?: string };
}

interface RuleIntoB {
    source: string;
    id: string;
    replica: string;
    deleteMarkers: string;
}

/** Every replication rule of the plan that writes into the destination account, with its delete-marker status. */
function rulesInto(resources: RecordedResource[], account: string): RuleIntoB[] {
    return resources
        .filter((r) => r.type === REPLICATION)
        .flatMap((r) =>
            ((r.inputs.rules ?? []) as RecordedRule[])
                .filter((rule) => rule.destination?.account === account)
                .map((rule) => ({
                    source: String(r.inputs.bucket),
                    id: String(rule.id),
                    replica: String(rule.destination?.bucket).replace(/^arn:aws:s3:::/, ""),
                    deleteMarkers: String(rule.deleteMarkerReplication?.status ?? "Disabled"),
                })),
        );
}

/** What the replica bucket's lifecycle does to versions: noncurrent expiration days, and whether it expires current ones. */
function lifecycleOf(
    resources: RecordedResource[],
    bucket: string,
): { noncurrentDays: number[]; expiresCurrent: boolean } {
    const rules = resources
        .filter((r) => r.type === LIFECYCLE && r.inputs.bucket === bucket)
        .flatMap((r) => (r.inputs.rules ?? []) as RecordedRule[])
        .filter((rule) => rule.status === "Enabled");
    return {
        noncurrentDays: rules.flatMap((rule) =>
            rule.noncurrentVersionExpiration?.noncurrentDays !== undefined
                ? [Number(rule.noncurrentVersionExpiration.noncurrentDays)]
                : [],
        ),
        expiresCurrent: rules.some(
            (rule) => rule.expiration?.days !== undefined || rule.expiration?.date !== undefined,
        ),
    };
}

/** `allowed`: whether what the proof names happens in the plan (a delete reaching B, a version lost). */
function result(
    name: string,
    stack: string,
    expected: ProofResult["expected"],
    allowed: boolean,
    reason: string,
): ProofResult {
    const passed = allowed === (expected === "Allowed");
    return {
        name,
        stack,
        expected,
        actual: allowed ? "Allowed" : "ExplicitlyDenied",
        status: passed ? "passed" : "failed",
        reason,
    };
}

/**
 * Backup: a delete in A never reaches B (no rule into B replicates delete markers), B keeps noncurrent
 * versions as configured and expires no current version, and its Object Lock is the one configured.
 * Mirror: every rule into B replicates delete markers, and B's noncurrent versions expire.
 */
export function copyProofs(facts: ProofFacts, resources: RecordedResource[]): ProofResult[] {
    const d = facts.destination;
    if (!d?.copy || !facts.hub?.replicatesToDestination) return [];
    const hub = facts.hub.stack;
    const rules = rulesInto(resources, facts.destinationAccountId);
    if (rules.length === 0)
        return [
            {
                name: `a delete in account A ${d.copy.mode === "backup" ? "never reaches" : "reaches"} account B`,
                stack: hub,
                expected: d.copy.mode === "backup" ? "Denied" : "Allowed",
                actual: null,
                status: "unproven",
                reason: `no replication rule into account ${facts.destinationAccountId} in the plan`,
            },
        ];
    const replica = rules[0].replica;
    const listed = rules.map((r) => `${r.id} from ${r.source}: ${r.deleteMarkers}`).join("; ");
    const replicating = rules.filter((r) => r.deleteMarkers === "Enabled");
    const life = lifecycleOf(resources, replica);
    const expiry = life.noncurrentDays.length ? `after ${Math.min(...life.noncurrentDays)} days` : "never";
    const proofs: ProofResult[] = [];
    if (d.copy.mode === "backup") {
        proofs.push(
            result(
                `a delete in account A leaves ${replica}'s copy current (no rule into account B replicates delete markers)`,
                hub,
                "Denied",
                replicating.length > 0,
                `delete-marker replication per rule into account B: ${listed}`,
            ),
        );
        const want = d.copy.noncurrentDays;
        const keeps =
            !life.expiresCurrent &&
            (want === undefined ? life.noncurrentDays.length === 0 : life.noncurrentDays.every((n) => n >= want));
        proofs.push(
            result(
                `${replica} keeps noncurrent versions ${want === undefined ? "forever" : `for ${want} days`} and expires no current version`,
                d.stack,
                "Denied",
                !keeps,
                `the lifecycle expires noncurrent versions ${expiry}${life.expiresCurrent ? " and expires current versions" : ""}`,
            ),
        );
        if (d.copy.objectLock) {
            const lock = d.copy.objectLock;
            const declared = resources.find((r) => r.type === OBJECT_LOCK && r.inputs.bucket === replica);
            const retention = declared?.inputs.rule?.defaultRetention as { mode?: string; days?: number } | undefined;
            const holds =
                declared?.inputs.objectLockEnabled === "Enabled" &&
                retention?.mode === lock.mode &&
                retention?.days === lock.days;
            proofs.push(
                result(
                    `no version of ${replica} can be deleted within ${lock.days} days of its creation (Object Lock ${lock.mode})`,
                    d.stack,
                    "Denied",
                    !holds,
                    declared
                        ? `Object Lock ${String(declared.inputs.objectLockEnabled)}, default retention ${retention?.mode} ${retention?.days} days`
                        : `no Object Lock configuration on ${replica} in the plan`,
                ),
            );
        }
    } else {
        proofs.push(
            result(
                `a delete in account A reaches ${replica} (every rule into account B replicates delete markers)`,
                hub,
                "Allowed",
                replicating.length === rules.length,
                `delete-marker replication per rule into account B: ${listed}`,
            ),
        );
        proofs.push(
            result(
                `${replica}'s noncurrent versions expire, as a mirror's do`,
                d.stack,
                "Allowed",
                life.noncurrentDays.length > 0,
                `the lifecycle expires noncurrent versions ${expiry}`,
            ),
        );
    }
    return proofs;
}
