// IAM access proofs: the field reports' access paths, as data, simulated against the policies the offline plan generated.
export * from "./types";
export { accessProofs } from "./catalogue";
export { loadIamData, runProof, runProofs } from "./engine";
export { copyProofs } from "./copyProofs";
