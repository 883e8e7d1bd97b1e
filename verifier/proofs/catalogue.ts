// The proof catalogue: every access path of the field reports, per domain, in the order the plan reports them.
import { batchProofs } from "./batchProofs";
import { bucketProofs } from "./bucketProofs";
import { partnerProofs } from "./partnerProofs";
import { replicationProofs } from "./replicationProofs";
import { ProofDefinition, ProofFacts } from "./types";

/** The access paths of the field reports (partner upload, cross-account copy, batch), for this platform's names. */
export function accessProofs(facts: ProofFacts): ProofDefinition[] {
    return [...bucketProofs(facts), ...partnerProofs(facts), ...replicationProofs(facts), ...batchProofs(facts)];
}
