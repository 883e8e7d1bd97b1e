// The pack's name, default enforcement and policy list: shared by index.ts (the engine) and runner.ts (offline), constructs nothing.

import { PolicyPackArgs } from "@pulumi/policy";

import { backupPolicies } from "./policies/backup";
import { batchPolicies } from "./policies/batch";
import { bucketPolicyPolicies } from "./policies/bucketPolicy";
import { iamPolicies } from "./policies/iam";
import { inventoryPolicies } from "./policies/inventory";
import { loggingPolicies } from "./policies/logging";
import { mrapPolicies } from "./policies/mrap";
import { mrapSystemPolicies } from "./policies/mrapSystem";
import { networkPolicies } from "./policies/network";
import { replicationPolicies } from "./policies/replication";
import { replicationMeshPolicies } from "./policies/replicationMesh";
import { storagePolicies } from "./policies/storage";

export const packName = "s3-multiregion";

export const packArgs: PolicyPackArgs = {
    description:
        "Refuses the S3, MRAP, replication, Batch Operations, Client VPN and IAM misconfigurations from the field reports.",
    // Every policy states its own level; a policy added without one blocks rather than warns.
    enforcementLevel: "mandatory",
    policies: [
        ...storagePolicies,
        ...loggingPolicies,
        ...bucketPolicyPolicies,
        ...replicationPolicies,
        ...replicationMeshPolicies,
        ...backupPolicies,
        ...batchPolicies,
        ...inventoryPolicies,
        ...mrapPolicies,
        ...mrapSystemPolicies,
        ...networkPolicies,
        ...iamPolicies,
    ],
};
