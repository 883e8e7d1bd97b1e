// Replication as a system at its edges: values not known yet (preview), disabled rules, the account a copy writes into.

import * as assert from "node:assert/strict";

import * as aws from "@pulumi/aws";

import { T } from "../lib/types";
import { UNKNOWN_SENTINEL } from "../lib/values";
import {
    keyRegion,
    replicationComplete,
    replicationKms,
    replicationRolePermissions,
} from "../policies/replicationMesh";
import { PolicyInputResource } from "../runner";
import { alter, json, policyCases, res, violation } from "./fixtures";
import {
    COPY,
    EU,
    MeshOptions,
    Mutable,
    dataBucket,
    find,
    keyArn,
    meshStack,
    mutateRules,
    replicaBucket,
} from "./meshStacks";
import { A, B, arn, denyInsecureTransport, roleArn } from "./stacks";

describe("keyRegion: the region of a KMS key or alias ARN", () => {
    it("reads the region of key and alias ARNs in any partition, and nothing from a key id or alias name", () => {
        assert.equal(keyRegion(keyArn(B, "eu-west-1")), "eu-west-1");
        assert.equal(keyRegion(`arn:aws-cn:kms:cn-north-1:${B}:alias/replica`), "cn-north-1");
        assert.equal(keyRegion("1234abcd-12ab-34cd-56ef-1234567890ab"), undefined);
        assert.equal(keyRegion("alias/replica"), undefined);
        assert.equal(keyRegion(`arn:aws:s3:eu-west-1:${B}:key`), undefined);
        assert.equal(keyRegion(`x:arn:aws:kms:eu-west-1:${B}:key/k`), undefined);
    });
});

{
    // Account B's bucket in a combined run: its policy protects the transport only and does not allow the role.
    const replica = (bucket: string): PolicyInputResource[] => [
        res(aws.s3.Bucket, "replica", { bucket }, { id: bucket }),
        res(aws.s3.BucketPolicy, "replica-policy", {
            bucket,
            policy: json({ Version: "2012-10-17", Statement: [denyInsecureTransport(bucket)] }),
        }),
    ];
    const eu = meshStack(EU);
    // The copy rules name no account: account B is read from the destination bucket's name.
    const byName = [
        ...mutateRules(eu, EU.regions, COPY, (r) => delete r.destination.account),
        ...replica(replicaBucket(EU)),
    ];
    // The copy rules name account B; the destination's name carries both accounts' ids, so only the rule tells.
    const AMBIGUOUS: MeshOptions = { ...EU, prefix: `acme-${A}` };
    const named = [...meshStack(AMBIGUOUS), ...replica(replicaBucket(AMBIGUOUS))];
    const denial = (o: MeshOptions, stack: PolicyInputResource[]): ReturnType<typeof violation> =>
        violation(
            replicationRolePermissions,
            find(stack, "replication-role"),
            `Replication role 'replication-role' may not s3:ReplicateObject, s3:ReplicateDelete, s3:ReplicateTags, ` +
                `s3:ObjectOwnerOverrideToBucketOwner on objects of '${replicaBucket(o)}' (the policy of ` +
                `'${replicaBucket(o)}' (account ${B}) does not allow the role); those objects would fail to replicate.`,
        );
    policyCases(replicationRolePermissions, {
        pass: [
            {
                title: "a configuration whose bucket is not known yet (preview)",
                resources: alter(
                    eu,
                    "replication-eu-west-1",
                    T.replicationConfig,
                    (i) => (i.bucket = UNKNOWN_SENTINEL),
                ),
            },
            {
                title: "a configuration whose role is in another stack",
                resources: alter(
                    eu,
                    "replication-eu-west-1",
                    T.replicationConfig,
                    (i) => (i.role = roleArn(A, "elsewhere")),
                ),
            },
            {
                // S3 writes nothing through a disabled rule, so the role needs no access to its destination.
                title: "a disabled rule to a bucket the role may not write",
                resources: mutateRules(eu, ["eu-west-1"], "mesh-to-eu-central-1", (r) => {
                    r.status = "Disabled";
                    r.destination.bucket = arn(`acme-archive-${A}-eu-west-1`);
                }),
            },
        ],
        fail: [
            { title: "account B read from the destination's name", resources: byName, expect: [denial(EU, byName)] },
            {
                title: "account B named by the rule, the destination's name ambiguous",
                resources: named,
                expect: [denial(AMBIGUOUS, named)],
            },
        ],
    });
}

{
    // The copy to account B names its account, and its destination's name carries no account id.
    const unnamedReplica = (disabledIn: string[]): PolicyInputResource[] =>
        mutateRules(
            mutateRules(meshStack(EU), EU.regions, COPY, (r) => (r.destination.bucket = arn("acme-files-replica"))),
            disabledIn,
            COPY,
            (r) => (r.status = "Disabled"),
        );
    const osakaStyle = unnamedReplica(["eu-west-3"]);
    policyCases(replicationComplete, {
        pass: [
            {
                title: "a further rule with an owner override whose destination is not known yet",
                resources: alter(meshStack(EU), "replication-eu-west-3", T.replicationConfig, (i) => {
                    const extra = structuredClone(i.rules.find((r: { id: string }) => r.id === COPY));
                    delete extra.destination.account;
                    extra.destination.bucket = UNKNOWN_SENTINEL;
                    i.rules.push({ ...extra, id: "copy-later", priority: 200 });
                }),
            },
            {
                // The missing eu-west-3 -> eu-west-1 rule may be among the rules not known yet: judged during `pulumi up`.
                title: "one configuration's rules not known yet",
                resources: alter(meshStack(EU), "replication-eu-west-3", T.replicationConfig, (i) => {
                    i.rules = UNKNOWN_SENTINEL;
                }),
            },
        ],
        fail: [
            {
                title: "account B named only by the rules: one regional bucket's copy disabled",
                resources: osakaStyle,
                expect: [
                    violation(
                        replicationComplete,
                        find(osakaStyle, "replication-eu-west-3"),
                        `Regional bucket '${dataBucket(EU, "eu-west-3")}' does not replicate to account ${B}, so objects written to it never reach that account.`,
                    ),
                ],
            },
        ],
    });
}

{
    const kms = meshStack({ ...EU, kms: true });
    const copy = (change: (rule: Mutable) => void): PolicyInputResource[] =>
        mutateRules(kms, ["eu-west-3"], COPY, change);
    policyCases(replicationKms, {
        pass: [
            {
                title: "a replica key not known yet (preview)",
                resources: copy((r) => (r.destination.encryptionConfiguration.replicaKmsKeyId = UNKNOWN_SENTINEL)),
            },
            {
                // Whether S3 selects KMS objects at all is not known yet: no key may be needed.
                title: "no replica key, and the KMS criterion not known yet",
                resources: copy((r) => {
                    r.sourceSelectionCriteria.sseKmsEncryptedObjects.status = UNKNOWN_SENTINEL;
                    delete r.destination.encryptionConfiguration;
                }),
            },
            {
                title: "a replica key named by its id: its region cannot be read",
                resources: copy(
                    (r) =>
                        (r.destination.encryptionConfiguration.replicaKmsKeyId =
                            "1234abcd-12ab-34cd-56ef-1234567890ab"),
                ),
            },
            {
                title: "a destination whose region cannot be seen",
                resources: copy((r) => {
                    r.destination.bucket = arn(`acme-files-replica-${B}`);
                    r.destination.encryptionConfiguration.replicaKmsKeyId = keyArn(B, "eu-west-3");
                }),
            },
        ],
        fail: [],
    });
}

{
    // Two regions, no copy: rules of both buckets, one role.
    const TWO: MeshOptions = { prefix: "acme-files", account: A, regions: ["eu-west-1", "eu-central-1"] };
    const TWO_KMS: MeshOptions = { ...TWO, kms: true };
    const roleStatements = (
        stack: PolicyInputResource[],
        change: (statements: Mutable[]) => void,
    ): PolicyInputResource[] =>
        alter(stack, "replication-role", T.role, (i) => {
            const d = JSON.parse(i.inlinePolicies[0].policy);
            change(d.Statement);
            i.inlinePolicies[0].policy = json(d);
        });
    const buckets = TWO.regions.map((r) => dataBucket(TWO, r));
    // Every rule replicates incoming/ only, and the role reads and writes objects under incoming/ only.
    const incomingOnly = roleStatements(
        mutateRules(
            mutateRules(
                meshStack(TWO),
                ["eu-west-1"],
                "mesh-to-eu-central-1",
                (r) => (r.filter = { prefix: "incoming/" }),
            ),
            ["eu-central-1"],
            "mesh-to-eu-west-1",
            (r) => (r.filter = { prefix: "incoming/" }),
        ),
        (st) => {
            st[1].Resource = buckets.map((b) => `${arn(b)}/incoming/*`);
            st[2].Resource = buckets.map((b) => `${arn(b)}/incoming/*`);
        },
    );
    const noEncrypt = roleStatements(meshStack(TWO_KMS), (st) => st.pop());
    const keyIds = mutateRules(
        mutateRules(meshStack(TWO_KMS), ["eu-west-1"], "mesh-to-eu-central-1", (r) => {
            r.destination.encryptionConfiguration.replicaKmsKeyId = "1234abcd-12ab-34cd-56ef-1234567890ab";
        }),
        ["eu-central-1"],
        "mesh-to-eu-west-1",
        (r) => (r.destination.encryptionConfiguration.replicaKmsKeyId = "5678abcd-12ab-34cd-56ef-1234567890ab"),
    );
    policyCases(replicationRolePermissions, {
        pass: [
            { title: "prefix-limited rules, and a role limited to that prefix", resources: incomingOnly },
            {
                // A key id is no resource ARN the role's policy could name: kms:Encrypt is judged only on key ARNs.
                title: "replica keys named by their ids",
                resources: keyIds,
            },
        ],
        fail: [
            {
                title: "no kms:Encrypt on the replica keys",
                resources: noEncrypt,
                expect: [
                    violation(
                        replicationRolePermissions,
                        find(noEncrypt, "replication-role"),
                        `Replication role 'replication-role' may not kms:Encrypt on replica key ${keyArn(A, "eu-central-1")}; ` +
                            `kms:Encrypt on replica key ${keyArn(A, "eu-west-1")}; those objects would fail to replicate.`,
                    ),
                ],
            },
        ],
    });
}
