// What the plan and the deploy say about the Batch Replication switch before any stack is evaluated.
import { effectiveValue, RoleStackFile } from "./crossStackChecks";
import { DeclaredKey } from "./projectFile";

/**
 * One advisory line per regional stack file whose job is switched on: its data bucket's expiring lifecycle
 * rules are paused until the switch goes off, and a secondary's job needs the hub deployed first (the hub
 * owns that bucket's replication configuration, without which S3 refuses Batch Replication).
 */
export function batchReplicationAdvisories(stacks: RoleStackFile[], declared: Map<string, DeclaredKey>): string[] {
    const hubs = stacks.filter((s) => s.role === "primary").map((s) => s.name);
    return stacks
        .filter((s) => s.role !== "destination")
        .filter((s) => {
            const v = effectiveValue(s, declared, "batchReplicationJob");
            return v === true || v === "true";
        })
        .map(
            (s) =>
                `stack ${s.name}: batchReplicationJob is on, so its data bucket's lifecycle rules that expire objects or ` +
                `noncurrent versions are Disabled until it is switched off; switch it off once the job is Complete` +
                (s.role === "secondary"
                    ? ` (the job needs the hub${hubs.length > 0 ? ` ${hubs.join(", ")}` : ""} deployed first: it owns this bucket's replication configuration)`
                    : ""),
        );
}
