// Passing and failing fixtures for replication as a system: regional rules, completeness, the role's permissions, KMS.

import * as aws from "@pulumi/aws";

import {
    replicationComplete,
    replicationKms,
    replicationRegionalRules,
    replicationRolePermissions,
} from "../policies/replicationMesh";
import { replicationCrossAccountDestination } from "../policies/replication";
import { PolicyInputResource } from "../runner";
import { T } from "../lib/types";
import { alter, json, policyCases, res, violation, without } from "./fixtures";
import { MeshOptions, dataBucket, keyArn, meshStack, replicaBucket } from "./meshStacks";
import { A, B, arn, names, roleArn, tokyoStack } from "./stacks";

// Mutants reach into nested provider inputs of several shapes; one loose type for them, named once.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Mutable = Record<string, any>;

const find = (stack: PolicyInputResource[], name: string, type?: string): PolicyInputResource =>
    stack.find((r) => r.name === name && (type === undefined || r.type === type)) as PolicyInputResource;

const EU: MeshOptions = {
    prefix: "acme-files",
    account: A,
    regions: ["eu-west-1", "eu-central-1", "eu-west-3"],
    destination: { account: B, region: "eu-west-1" },
};
const EU_KMS: MeshOptions = { ...EU, kms: true };
const US_V2: MeshOptions = {
    prefix: "contoso",
    account: A,
    regions: ["us-east-1", "us-west-2"],
    destination: { account: B, region: "us-east-2" },
    inlineV2: true,
};

/** A copy of a mesh stack with one rule of one regional bucket's configuration changed. */
function mutateRule(
    stack: PolicyInputResource[],
    region: string,
    ruleId: string,
    change: (rule: Mutable) => void,
): PolicyInputResource[] {
    return alter(stack, `replication-${region}`, T.replicationConfig, (i) => {
        const rule = i.rules.find((r: { id: string }) => r.id === ruleId);
        change(rule);
    });
}

const tokyoRule = (ruleId: string, change: (rule: Mutable) => void): PolicyInputResource[] =>
    alter(tokyoStack(), "replication-ap-northeast-1", T.replicationConfig, (i) =>
        change(i.rules.find((r: { id: string }) => r.id === ruleId)),
    );

{
    const noDeleteMarkers = tokyoRule("to-ap-northeast-3", (r) => delete r.deleteMarkerReplication);
    const several = mutateRule(meshStack(EU), "eu-central-1", "mesh-to-eu-west-3", (r) => {
        r.status = "Disabled";
        r.filter = { prefix: "incoming/" };
        delete r.destination.replicationTime;
        delete r.destination.metrics;
        r.sourceSelectionCriteria.replicaModifications.status = "Disabled";
    });
    const legacyPrefix = alter(meshStack(US_V2), "data-us-west-2", T.bucketV2, (i) => {
        i.replicationConfigurations[0].rules[0].prefix = "uploads/";
    });
    policyCases(replicationRegionalRules, {
        pass: [
            { title: "tokyo: both mesh rules complete", resources: tokyoStack() },
            { title: "three EU regions, full mesh, filter {}", resources: meshStack(EU) },
            { title: "inline BucketV2 rules with prefix ''", resources: meshStack(US_V2) },
            {
                title: "the rule to account B may leave delete markers off (backup)",
                resources: tokyoRule("to-destination-account", (r) => (r.deleteMarkerReplication.status = "Disabled")),
            },
        ],
        fail: [
            {
                title: "Tokyo to Osaka without delete-marker replication",
                resources: noDeleteMarkers,
                expect: [
                    violation(
                        replicationRegionalRules,
                        find(noDeleteMarkers, "replication-ap-northeast-1"),
                        `Replication rule 'to-ap-northeast-3' from '${names.dataTokyo}' to '${names.dataOsaka}' does not replicate delete markers.`,
                    ),
                ],
            },
            {
                title: "a disabled, prefix-limited rule without RTC or replica sync (third region)",
                resources: several,
                expect: [
                    violation(
                        replicationRegionalRules,
                        find(several, "replication-eu-central-1"),
                        `Replication rule 'mesh-to-eu-west-3' from '${dataBucket(EU, "eu-central-1")}' to '${dataBucket(EU, "eu-west-3")}' is Disabled, replicates only objects with prefix 'incoming/', has no Replication Time Control, does not sync replica modifications.`,
                    ),
                ],
            },
            {
                title: "a legacy prefix on an inline BucketV2 rule",
                resources: legacyPrefix,
                expect: [
                    violation(
                        replicationRegionalRules,
                        find(legacyPrefix, "data-us-west-2"),
                        `Replication rule 'mesh-to-us-east-1' from '${dataBucket(US_V2, "us-west-2")}' to '${dataBucket(US_V2, "us-east-1")}' replicates only objects with prefix 'uploads/'.`,
                    ),
                ],
            },
        ],
    });
}

{
    const osakaNotBack = alter(tokyoStack(), "replication-ap-northeast-3", T.replicationConfig, (i) => {
        i.rules = i.rules.filter((r: { id: string }) => r.id !== "to-ap-northeast-1");
    });
    const osakaNotToB = alter(tokyoStack(), "replication-ap-northeast-3", T.replicationConfig, (i) => {
        i.rules = i.rules.filter((r: { id: string }) => r.id !== "to-destination-account");
    });
    const euMissingPair = alter(meshStack(EU), "replication-eu-west-3", T.replicationConfig, (i) => {
        i.rules = i.rules.filter((r: { id: string }) => r.id !== "mesh-to-eu-west-1");
    });
    const noBackupAnywhere = meshStack({ ...EU, destination: undefined });
    // Osaka's bucket in this stack with no replication configuration at all.
    const osakaWithout = [
        ...without(tokyoStack(), "replication-ap-northeast-3", T.replicationConfig),
        res(aws.s3.Bucket, "osaka-data", { bucket: names.dataOsaka }, { id: names.dataOsaka }),
    ];
    policyCases(replicationComplete, {
        pass: [
            { title: "tokyo: both ways, and both regional buckets to account B", resources: tokyoStack() },
            { title: "three EU regions and account B", resources: meshStack(EU) },
            { title: "no copy to another account: only the mesh is required", resources: noBackupAnywhere },
            {
                title: "a regional bucket whose replication is not visible here is not judged",
                resources: without(tokyoStack(), "replication-ap-northeast-3", T.replicationConfig),
            },
        ],
        fail: [
            {
                title: "Osaka does not replicate back to Tokyo",
                resources: osakaNotBack,
                expect: [
                    violation(
                        replicationComplete,
                        find(osakaNotBack, "replication-ap-northeast-3"),
                        `Bucket '${names.dataOsaka}' of MRAP mrap does not replicate to '${names.dataTokyo}', so objects the MRAP routes to it are missing there.`,
                    ),
                ],
            },
            {
                title: "only the hub's bucket copies to account B",
                resources: osakaNotToB,
                expect: [
                    violation(
                        replicationComplete,
                        find(osakaNotToB, "replication-ap-northeast-3"),
                        `Regional bucket '${names.dataOsaka}' does not replicate to account ${B}, so objects written to it never reach that account.`,
                    ),
                ],
            },
            {
                title: "three regions, one ordered pair missing",
                resources: euMissingPair,
                expect: [
                    violation(
                        replicationComplete,
                        find(euMissingPair, "replication-eu-west-3"),
                        `Bucket '${dataBucket(EU, "eu-west-3")}' of MRAP mrap does not replicate to '${dataBucket(EU, "eu-west-1")}', so objects the MRAP routes to it are missing there.`,
                    ),
                ],
            },
            {
                title: "a regional bucket in the stack with no replication configuration",
                resources: osakaWithout,
                expect: [
                    violation(
                        replicationComplete,
                        find(osakaWithout, "osaka-data"),
                        `Bucket '${names.dataOsaka}' of MRAP mrap does not replicate to '${names.dataTokyo}', so objects the MRAP routes to it are missing there.`,
                    ),
                    violation(
                        replicationComplete,
                        find(osakaWithout, "osaka-data"),
                        `Regional bucket '${names.dataOsaka}' does not replicate to account ${B}, so objects written to it never reach that account.`,
                    ),
                ],
            },
        ],
    });
}

{
    const permissions = (statements: object[]): ((i: Mutable) => void) => {
        return (i) => (i.policy = json({ Version: "2012-10-17", Statement: statements }));
    };
    const tokyo = tokyoStack();
    const base = JSON.parse(String(find(tokyo, "replication-role-permissions").inputs["policy"]))
        .Statement as Mutable[];
    const noReplicateDelete = alter(
        tokyo,
        "replication-role-permissions",
        T.rolePolicy,
        // The statement that grants the replication writes, with s3:ReplicateDelete and the owner override left out.
        permissions(base.map((s, i) => (i === 2 ? { ...s, Action: ["s3:ReplicateObject", "s3:ReplicateTags"] } : s))),
    );
    const tokyoReadOnly = alter(
        tokyo,
        "replication-role-permissions",
        T.rolePolicy,
        permissions(base.map((s, i) => (i === 1 ? { ...s, Resource: `${arn(names.dataTokyo)}/*` } : s))),
    );
    const denied = alter(
        tokyo,
        "replication-role-permissions",
        T.rolePolicy,
        permissions([...base, { Effect: "Deny", Action: "s3:Replicate*", Resource: `${arn(names.replica)}/*` }]),
    );
    const managed = [
        ...without(tokyo, "replication-role-permissions", T.rolePolicy),
        res(aws.iam.RolePolicyAttachment, "replication-role-managed", {
            role: names.replicationRole,
            policyArn: "arn:aws:iam::aws:policy/AmazonS3FullAccess",
        }),
    ];
    const roleUrn = find(tokyo, "replication-role", T.role);
    policyCases(replicationRolePermissions, {
        pass: [
            { title: "tokyo: exact ARNs for both sources and all destinations", resources: tokyo },
            {
                title: "wildcard actions (s3:Replicate*, s3:GetObjectVersion*) in inline policies",
                resources: meshStack(EU),
            },
            { title: "an AWS managed policy cannot be seen, so the role is not judged", resources: managed },
        ],
        fail: [
            {
                title: "no s3:ReplicateDelete into the Osaka bucket",
                resources: noReplicateDelete,
                expect: [
                    violation(
                        replicationRolePermissions,
                        roleUrn,
                        `Replication role 'replication-role' may not s3:ReplicateDelete on objects of '${names.dataOsaka}'; ` +
                            `s3:ReplicateDelete, s3:ObjectOwnerOverrideToBucketOwner on objects of '${names.replica}'; ` +
                            `s3:ReplicateDelete on objects of '${names.dataTokyo}'; those objects would fail to replicate.`,
                    ),
                ],
            },
            {
                title: "the role reads only Tokyo's objects but also replicates Osaka",
                resources: tokyoReadOnly,
                expect: [
                    violation(
                        replicationRolePermissions,
                        roleUrn,
                        `Replication role 'replication-role' may not s3:GetObjectVersionForReplication, s3:GetObjectVersionAcl, s3:GetObjectVersionTagging on objects of '${names.dataOsaka}'; those objects would fail to replicate.`,
                    ),
                ],
            },
            {
                title: "an unconditional Deny on the replica bucket",
                resources: denied,
                expect: [
                    violation(
                        replicationRolePermissions,
                        roleUrn,
                        `Replication role 'replication-role' may not s3:ReplicateObject, s3:ReplicateDelete, s3:ReplicateTags on objects of '${names.replica}' (the role's own statement #4 denies it); those objects would fail to replicate.`,
                    ),
                ],
            },
        ],
    });
}

{
    const kms = meshStack(EU_KMS);
    const noCriterion = mutateRule(kms, "eu-west-1", "mesh-to-eu-central-1", (r) => {
        delete r.sourceSelectionCriteria.sseKmsEncryptedObjects;
    });
    const wrongRegion = mutateRule(kms, "eu-west-3", `copy-to-${B}`, (r) => {
        r.destination.encryptionConfiguration.replicaKmsKeyId = keyArn(B, "eu-west-3");
    });
    const noKey = mutateRule(kms, "eu-central-1", "mesh-to-eu-west-1", (r) => {
        delete r.destination.encryptionConfiguration;
    });
    policyCases(replicationKms, {
        pass: [
            { title: "SSE-KMS mesh and copy, replica keys in each destination's region", resources: kms },
            { title: "SSE-S3 buckets need nothing", resources: tokyoStack() },
        ],
        fail: [
            {
                title: "KMS source without sseKmsEncryptedObjects",
                resources: noCriterion,
                expect: [
                    violation(
                        replicationKms,
                        find(noCriterion, "replication-eu-west-1"),
                        `Replication rule 'mesh-to-eu-central-1' from '${dataBucket(EU, "eu-west-1")}' copies from an SSE-KMS bucket but does not enable sseKmsEncryptedObjects, so S3 skips its KMS-encrypted objects.`,
                    ),
                ],
            },
            {
                title: "replica key in the source's region instead of the destination's",
                resources: wrongRegion,
                expect: [
                    violation(
                        replicationKms,
                        find(wrongRegion, "replication-eu-west-3"),
                        `Replication rule 'copy-to-${B}' from '${dataBucket(EU, "eu-west-3")}' encrypts replicas in '${replicaBucket(EU)}' (eu-west-1) with a key of eu-west-3; a replica key must be in the destination's region.`,
                    ),
                ],
            },
            {
                title: "no replica key",
                resources: noKey,
                expect: [
                    violation(
                        replicationKms,
                        find(noKey, "replication-eu-central-1"),
                        `Replication rule 'mesh-to-eu-west-1' from '${dataBucket(EU, "eu-central-1")}' names no replicaKmsKeyId for the KMS-encrypted objects it copies.`,
                    ),
                ],
            },
        ],
    });
}

// The cross-account policy's own fixtures live in replication.test.ts; these are the invariants added beside them.
describe("s3-replication-cross-account-destination: the account that owns the bucket, with owner override", () => {
    const config = (destination: Record<string, unknown>): PolicyInputResource =>
        res(aws.s3.BucketReplicationConfig, "cfg", {
            bucket: names.dataTokyo,
            role: roleArn(A, names.replicationRole),
            rules: [
                {
                    id: "to-dest",
                    status: "Enabled",
                    filter: {},
                    destination: { bucket: arn(names.replica), ...destination } as never,
                },
            ],
        });
    const wrongAccount = config({ account: A, accessControlTranslation: { owner: "Destination" } });
    const noOverride = config({ account: B });
    policyCases(replicationCrossAccountDestination, {
        pass: [
            {
                title: "account B named, owner override",
                resources: [config({ account: B, accessControlTranslation: { owner: "Destination" } })],
            },
        ],
        fail: [
            {
                title: "the rule names the source account for account B's bucket",
                resources: [wrongAccount],
                expect: [
                    violation(
                        replicationCrossAccountDestination,
                        wrongAccount,
                        `Replication rule 'to-dest' names destination account ${A}, but '${names.replica}' belongs to account ${B} by its name.`,
                    ),
                ],
            },
            {
                title: "account named without owner override",
                resources: [noOverride],
                expect: [
                    violation(
                        replicationCrossAccountDestination,
                        noOverride,
                        `Replication rule 'to-dest' writes into account ${B} without an owner override (accessControlTranslation.owner = Destination).`,
                    ),
                ],
            },
        ],
    });
});
