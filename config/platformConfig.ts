// Typed, validated stack configuration: a pure function from raw config strings to PlatformConfig.
//
// Every check runs before any resource is declared, and a failure is one line that names the
// config key, the bad value and what is allowed (ConfigError). Defaults live in Pulumi.yaml only;
// the Pulumi CLI (or the offline evaluator) merges them, so a missing required key is an error here.
import { bucketNameProblem, namePrefixProblem } from "./naming";
import { fail, RawConfig, Reader } from "./configReader";
import { CommonConfig, LONGEST_REGION, PlatformConfig, STACK_ROLES, StackRole } from "./configTypes";
import { batchReplicationSettings } from "./batchReplicationConfig";
import { destinationCopy, refuseCopyKeysOffDestination } from "./destinationCopy";
import { network } from "./networkConfig";
import { primary } from "./primaryConfig";
import { accountId, isKmsKeyArnIn, parseKmsKeyArn, region } from "./validators";

export * from "./configTypes";
export { ConfigError, RawConfig } from "./configReader";

/** The prefix of every name; the one rule it breaks is the message (namePrefixProblem). */
function namePrefix(r: Reader): string {
    const v = r.string("namePrefix", "lowercase letters, digits and hyphens, starting with a letter");
    const problem = namePrefixProblem(v, LONGEST_REGION);
    if (problem) fail("namePrefix", v, problem);
    return v;
}

/** Validates raw config and returns the typed config; throws ConfigError (one line) on the first bad value. */
export function parseConfig(raw: RawConfig): PlatformConfig {
    const r = new Reader(raw);
    const role = r.oneOf<StackRole>("role", STACK_ROLES);
    const stackRegion = region("aws:region", raw.awsRegion);
    const name = namePrefix(r);
    const sourceAccountId = accountId(r, "sourceAccountId");
    const destinationAccountId = accountId(r, "destinationAccountId");
    if (sourceAccountId === destinationAccountId) {
        fail(
            "destinationAccountId",
            destinationAccountId,
            `a second account, different from sourceAccountId ${sourceAccountId}`,
        );
    }
    const kmsKeyArn = r.optionalString("kmsKeyArn");
    const ownAccount = role === "destination" ? destinationAccountId : sourceAccountId;
    // S3 default encryption needs a key in the bucket's own region.
    if (kmsKeyArn !== undefined && !isKmsKeyArnIn(kmsKeyArn, stackRegion)) {
        fail(
            "kmsKeyArn",
            kmsKeyArn,
            `unset (SSE-S3) or a KMS key ARN in ${stackRegion} (arn:aws:kms:${stackRegion}:<account>:key/<key-id>)`,
        );
    }
    // Whether the mesh's keys fit together (an SSE-KMS source needs a key on every bucket it replicates
    // to) depends on the peer stacks' keys, which only the hub sees: it checks them (stacks/primary.ts).
    const sourceKmsKeyArn = r.optionalString("sourceKmsKeyArn");
    if (sourceKmsKeyArn !== undefined) {
        if (role !== "destination")
            fail(
                "sourceKmsKeyArn",
                sourceKmsKeyArn,
                `unset on a ${role} stack (only the destination's batch copy role decrypts with it; set kmsKeyArn here instead)`,
            );
        const allowed = `unset (the hub bucket is SSE-S3) or the hub stack's kmsKeyArn, a KMS key ARN of account ${sourceAccountId} (arn:aws:kms:<hub region>:${sourceAccountId}:key/<key-id>)`;
        // The hub's region is not known here; the key must be account A's (the hub bucket's own key).
        if (parseKmsKeyArn(sourceKmsKeyArn)?.accountId !== sourceAccountId)
            fail("sourceKmsKeyArn", sourceKmsKeyArn, allowed);
    }
    const existingBucketName = r.optionalString("existingBucketName");
    const nameProblem = existingBucketName !== undefined ? bucketNameProblem(existingBucketName) : undefined;
    if (nameProblem)
        fail(
            "existingBucketName",
            existingBucketName,
            `unset, or the name of an existing S3 bucket (this one ${nameProblem})`,
        );
    const common: CommonConfig = {
        stack: raw.stack,
        role,
        region: stackRegion,
        namePrefix: name,
        sourceAccountId,
        destinationAccountId,
        accountId: ownAccount,
        kmsKeyArn,
        noncurrentVersionExpirationDays: r.integer("noncurrentVersionExpirationDays", 1, 36500),
        protectBuckets: r.boolean("protectBuckets"),
        ...(existingBucketName !== undefined ? { existingBucketName } : {}),
        accessLogging: r.boolean("accessLogging"),
    };
    // A regional stack that sets account B's copy is refused rather than silently ignored.
    if (role !== "destination") refuseCopyKeysOffDestination(r, role);
    switch (role) {
        case "primary":
            return primary(r, common);
        case "secondary":
            return {
                ...common,
                role,
                ...batchReplicationSettings(r),
                network: r.boolean("networkEnabled") ? network(r, stackRegion) : undefined,
            };
        case "destination":
            if (r.boolean("networkEnabled"))
                fail(
                    "networkEnabled",
                    "true",
                    "false on a destination stack (the private network belongs to account A)",
                );
            // Account B's copy of existing objects is the batch copy job (batchCopyCommand), not Batch Replication.
            if (r.boolean("batchReplicationJob"))
                fail(
                    "batchReplicationJob",
                    "true",
                    "false on a destination stack (Batch Replication runs in account A, on each regional stack)",
                );
            return {
                ...common,
                role,
                ...(sourceKmsKeyArn !== undefined ? { sourceKmsKeyArn } : {}),
                copy: destinationCopy(r),
            };
    }
}
