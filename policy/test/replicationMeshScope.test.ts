// Which rules the mesh policies judge: regional destinations only, disabled rules, rules to account B, ids in bucket names.

import { T } from "../lib/types";
import { UNKNOWN_SENTINEL } from "../lib/values";
import { replicationComplete, replicationKms, replicationRegionalRules } from "../policies/replicationMesh";
import { alter, policyCases, violation } from "./fixtures";
import { COPY, EU, MeshOptions, dataBucket, find, meshStack, mutateRules } from "./meshStacks";
import { A, B, arn } from "./stacks";

{
    const eu = meshStack(EU);
    // A same-account rule from one regional bucket to a bucket outside the mesh (an archive), limited and slow.
    const toArchive = alter(eu, "replication-eu-west-1", T.replicationConfig, (i) => {
        i.rules.push({
            id: "archive",
            status: "Enabled",
            priority: 50,
            filter: { prefix: "reports/" },
            destination: { bucket: arn(`acme-archive-${A}-eu-west-1`) },
        });
    });
    const noStatus = mutateRules(eu, ["eu-west-1"], "mesh-to-eu-west-3", (r) => delete r.status);
    const prefixAndTags = mutateRules(eu, ["eu-west-3"], "mesh-to-eu-central-1", (r) => {
        r.filter = { and: { prefix: "incoming/", tags: { team: "a" } } };
    });
    policyCases(replicationRegionalRules, {
        pass: [
            { title: "a rule to a bucket outside the mesh is not a regional rule", resources: toArchive },
            {
                // An owner override makes the rule a cross-account copy, which the cross-account policies judge.
                title: "a rule with an owner override, without delete markers",
                resources: mutateRules(eu, ["eu-west-1"], "mesh-to-eu-central-1", (r) => {
                    r.destination.accessControlTranslation = { owner: "Destination" };
                    r.deleteMarkerReplication.status = "Disabled";
                }),
            },
        ],
        fail: [
            {
                title: "a rule with no status",
                resources: noStatus,
                expect: [
                    violation(
                        replicationRegionalRules,
                        find(noStatus, "replication-eu-west-1"),
                        `Replication rule 'mesh-to-eu-west-3' from '${dataBucket(EU, "eu-west-1")}' to '${dataBucket(EU, "eu-west-3")}' is not enabled.`,
                    ),
                ],
            },
            {
                title: "a filter of a prefix and tags",
                resources: prefixAndTags,
                expect: [
                    violation(
                        replicationRegionalRules,
                        find(prefixAndTags, "replication-eu-west-3"),
                        `Replication rule 'mesh-to-eu-central-1' from '${dataBucket(EU, "eu-west-3")}' to '${dataBucket(EU, "eu-central-1")}' replicates only objects with prefix 'incoming/' and tags.`,
                    ),
                ],
            },
        ],
    });
}

{
    const NO_COPY: MeshOptions = { ...EU, destination: undefined };
    const disabledBack = mutateRules(meshStack(EU), ["eu-west-3"], "mesh-to-eu-west-1", (r) => (r.status = "Disabled"));
    const meshOnlyGap = mutateRules(meshStack(NO_COPY), ["eu-central-1"], "mesh-to-eu-west-1", (r) => {
        r.destination.bucket = arn(`acme-archive-${A}-eu-west-1`);
    });
    // The copy rules name no account, and the replica's name carries both accounts' ids: B is the one not the source's.
    const AMBIGUOUS: MeshOptions = { ...EU, prefix: `acme-${A}` };
    const ambiguous = mutateRules(
        mutateRules(meshStack(AMBIGUOUS), AMBIGUOUS.regions, COPY, (r) => delete r.destination.account),
        ["eu-central-1"],
        COPY,
        (r) => (r.status = "Disabled"),
    );
    policyCases(replicationComplete, {
        pass: [
            {
                // A 12-digit number in the regional buckets' names (a date) is no destination account.
                title: "regional bucket names that carry a 12-digit date",
                resources: meshStack({ ...EU, prefix: "acme-202612020000" }),
            },
            {
                title: "no MRAP and no copy to another account",
                resources: [find(meshStack(NO_COPY), "data-eu-west-1")],
                notApplicable: "No MRAP and no replication to another account in this stack",
            },
        ],
        fail: [
            {
                // S3 replicates nothing through a disabled rule.
                title: "the rule back to the first region disabled",
                resources: disabledBack,
                expect: [
                    violation(
                        replicationComplete,
                        find(disabledBack, "replication-eu-west-3"),
                        `Bucket '${dataBucket(EU, "eu-west-3")}' of MRAP mrap does not replicate to '${dataBucket(EU, "eu-west-1")}', so objects the MRAP routes to it are missing there.`,
                    ),
                ],
            },
            {
                title: "an MRAP with no copy to another account, one ordered pair missing",
                resources: meshOnlyGap,
                expect: [
                    violation(
                        replicationComplete,
                        find(meshOnlyGap, "replication-eu-central-1"),
                        `Bucket '${dataBucket(EU, "eu-central-1")}' of MRAP mrap does not replicate to '${dataBucket(EU, "eu-west-1")}', so objects the MRAP routes to it are missing there.`,
                    ),
                ],
            },
            {
                title: "account B read from a replica name that carries both accounts' ids",
                resources: ambiguous,
                expect: [
                    violation(
                        replicationComplete,
                        find(ambiguous, "replication-eu-central-1"),
                        `Regional bucket '${dataBucket(AMBIGUOUS, "eu-central-1")}' does not replicate to account ${B}, so objects written to it never reach that account.`,
                    ),
                ],
            },
        ],
    });
}

{
    const NO_COPY: MeshOptions = { ...EU, destination: undefined };
    const selectsKms = mutateRules(meshStack(EU), ["eu-west-1"], "mesh-to-eu-central-1", (r) => {
        r.sourceSelectionCriteria.sseKmsEncryptedObjects = { status: "Enabled" };
    });
    policyCases(replicationKms, {
        pass: [
            {
                title: "buckets with no default encryption configured",
                resources: meshStack(NO_COPY).filter((r) => r.type !== T.sse),
            },
            {
                title: "a source bucket whose encryption is not known yet (preview)",
                resources: alter(meshStack(NO_COPY), "data-eu-west-1-encryption", T.sse, (i) => {
                    i.rules = UNKNOWN_SENTINEL;
                }),
            },
        ],
        fail: [
            {
                // The rule asks S3 for SSE-KMS objects (written with an explicit key) though the bucket default is SSE-S3.
                title: "a rule selecting SSE-KMS objects from an SSE-S3 bucket, with no replica key",
                resources: selectsKms,
                expect: [
                    violation(
                        replicationKms,
                        find(selectsKms, "replication-eu-west-1"),
                        `Replication rule 'mesh-to-eu-central-1' from '${dataBucket(EU, "eu-west-1")}' names no replicaKmsKeyId for the KMS-encrypted objects it copies.`,
                    ),
                ],
            },
        ],
    });
}
