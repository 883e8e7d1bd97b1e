// Typed StackReferences: what the hub reads from its peer stacks, checked against its own config.
import * as pulumi from "@pulumi/pulumi";
import { DESTINATION_MODES, DestinationMode, ObjectLockRetention } from "../config/destinationCopy";
import { ConfigError, PROJECT, SecondaryRef, StackRole } from "../config/platformConfig";

/** A bare stack name is resolved in this project and organisation; `org/project/stack` is used as is. */
export function qualifiedStackName(stack: string): string {
    return stack.includes("/") ? stack : `${pulumi.getOrganization()}/${pulumi.getProject()}/${stack}`;
}

/**
 * Reads a required output and checks the peer's role and region, so a hub pointed at the wrong
 * stack (or a secondary deployed in another region than the hub's config says) fails with a
 * sentence instead of wiring replication to the wrong bucket.
 */
function checkedOutput(
    ref: pulumi.StackReference,
    stack: string,
    role: StackRole,
    region: string | undefined,
    output: string,
): pulumi.Output<string> {
    return pulumi
        .all([ref.requireOutput("role"), ref.requireOutput("region"), ref.requireOutput(output)])
        .apply(([peerRole, peerRegion, value]) => {
            checkPeer(stack, role, region, peerRole, peerRegion);
            return value as string;
        });
}

/** An output the peer exports only when it is set (e.g. `kmsKeyArn`): absent reads as undefined, with the same role/region checks. */
function checkedOptionalOutput(
    ref: pulumi.StackReference,
    stack: string,
    role: StackRole,
    region: string | undefined,
    output: string,
): pulumi.Output<string | undefined> {
    return pulumi
        .all([ref.requireOutput("role"), ref.requireOutput("region"), ref.getOutput(output)])
        .apply(([peerRole, peerRegion, value]) => {
            checkPeer(stack, role, region, peerRole, peerRegion);
            // Absent, null and "" all mean the peer exports no key (its bucket is SSE-S3).
            return (value ?? "") === "" ? undefined : (value as string);
        });
}

function checkPeer(
    stack: string,
    role: StackRole,
    region: string | undefined,
    peerRole: unknown,
    peerRegion: unknown,
): void {
    // ConfigErrors: the hub's config names the wrong stack or region, which the offline plan reports as bad config.
    const key = `${PROJECT}:${role === "destination" ? "destinationStack" : "secondaryStacks"}`;
    if (peerRole !== role) {
        throw new ConfigError(
            key,
            `config ${key} names stack ${stack}, whose role is ${peerRole}; allowed: a ${role} stack`,
        );
    }
    if (region !== undefined && peerRegion !== region) {
        throw new ConfigError(
            key,
            `config ${key} entry "${stack}@${region}": stack ${stack} is in ${peerRegion}; allowed: ${stack}@${peerRegion}`,
        );
    }
}

export interface SecondaryPeer {
    stack: string;
    region: string;
    bucketName: pulumi.Output<string>;
    bucketArn: pulumi.Output<string>;
    /** The bucket's SSE-KMS key; undefined when the stack exports none (SSE-S3). */
    kmsKeyArn: pulumi.Output<string | undefined>;
}

export function secondaryPeer(ref: SecondaryRef, opts?: pulumi.CustomResourceOptions): SecondaryPeer {
    const sr = new pulumi.StackReference(
        `peer-${ref.stack.replace(/\//g, "-")}`,
        { name: qualifiedStackName(ref.stack) },
        opts,
    );
    return {
        stack: ref.stack,
        region: ref.region,
        bucketName: checkedOutput(sr, ref.stack, "secondary", ref.region, "bucketName"),
        bucketArn: checkedOutput(sr, ref.stack, "secondary", ref.region, "bucketArn"),
        kmsKeyArn: checkedOptionalOutput(sr, ref.stack, "secondary", ref.region, "kmsKeyArn"),
    };
}

export interface DestinationPeer {
    stack: string;
    region: pulumi.Output<string>;
    accountId: pulumi.Output<string>;
    replicaBucketName: pulumi.Output<string>;
    replicaBucketArn: pulumi.Output<string>;
    /** The replica bucket's SSE-KMS key; undefined when the stack exports none (SSE-S3). */
    kmsKeyArn: pulumi.Output<string | undefined>;
    /** The hub key the stack's batch copy role may decrypt with (its `sourceKmsKeyArn`); undefined when none. */
    sourceKmsKeyArn: pulumi.Output<string | undefined>;
    /**
     * What the replica bucket is (its `destinationMode`). A destination stack deployed before the choice
     * existed exports none and is a mirror: its lifecycle expires noncurrent versions.
     */
    mode: pulumi.Output<DestinationMode>;
    /** The replica bucket's Object Lock default retention; undefined when it has none. */
    objectLock: pulumi.Output<ObjectLockRetention | undefined>;
    /** Raw reference, for outputs that later components read (e.g. the batch copy role). */
    reference: pulumi.StackReference;
}

/** The peer's destinationMode output as a mode; anything else means the peer is not this program's destination. */
export function peerDestinationMode(stack: string, value: unknown): DestinationMode {
    if (value === undefined || value === null) return "mirror";
    if (!(DESTINATION_MODES as readonly unknown[]).includes(value))
        throw new ConfigError(
            `${PROJECT}:destinationStack`,
            `config ${PROJECT}:destinationStack names stack ${stack}, whose destinationMode output is ${JSON.stringify(value)}; allowed: a destination stack exporting ${DESTINATION_MODES.join(" or ")}`,
        );
    return value as DestinationMode;
}

export function destinationPeer(stack: string, opts?: pulumi.CustomResourceOptions): DestinationPeer {
    const sr = new pulumi.StackReference(
        `peer-${stack.replace(/\//g, "-")}`,
        { name: qualifiedStackName(stack) },
        opts,
    );
    return {
        stack,
        region: checkedOutput(sr, stack, "destination", undefined, "region"),
        accountId: checkedOutput(sr, stack, "destination", undefined, "accountId"),
        replicaBucketName: checkedOutput(sr, stack, "destination", undefined, "replicaBucketName"),
        replicaBucketArn: checkedOutput(sr, stack, "destination", undefined, "replicaBucketArn"),
        kmsKeyArn: checkedOptionalOutput(sr, stack, "destination", undefined, "kmsKeyArn"),
        sourceKmsKeyArn: checkedOptionalOutput(sr, stack, "destination", undefined, "sourceKmsKeyArn"),
        mode: sr.getOutput("destinationMode").apply((v) => peerDestinationMode(stack, v)),
        objectLock: sr.getOutput("objectLock").apply((v) => (v ? (v as ObjectLockRetention) : undefined)),
        reference: sr,
    };
}
