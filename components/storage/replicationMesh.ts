// Replication between every pair of regional buckets (a full mesh) plus each one to the destination account, owned by one stack.
//
// A bidirectional mesh does not loop: S3 never replicates a replica again (replica-modification
// sync only carries metadata changes made on a replica back). For the same reason every regional
// bucket, not only the hub, has its own rule to account B: an object the MRAP wrote into Osaka
// reaches Tokyo as a replica, and Tokyo's rule to account B would never pick it up.
//
// SSE-KMS: S3 skips SSE-KMS objects unless a rule opts in (sseKmsEncryptedObjects) and names the key
// replicas are encrypted with (replicaKmsKeyId, in the destination's region). S3 refuses either one
// without the other ("ReplicaKmsKeyID must be specified if SseKmsEncryptedObjects tag is present" and
// "SseKmsEncryptedObjects must be specified if EncryptionConfiguration is present"), so a rule carries
// both exactly when its SOURCE bucket is SSE-KMS, and then its destination must have a key too.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type * as inputs from "@pulumi/aws/types/input";
import { isAccountId, isRegionCode } from "../../config/validators";
import { MeshEncryption, meshEncryptionProblem } from "./meshEncryption";

/** Replication Time Control's one allowed value: 99.99% of objects within 15 minutes. */
export const RTC_MINUTES = 15;
/** The RTC threshold in seconds: the latency alarms fire above it and the ops tools read it. */
export const RTC_THRESHOLD_SECONDS = RTC_MINUTES * 60;

export interface MeshBucket {
    region: string;
    bucketName: pulumi.Input<string>;
    bucketArn: pulumi.Input<string>;
    /**
     * The bucket's versioning resource when this program declares it. S3 refuses a replication
     * configuration while the source or a destination is unversioned. A peer stack's bucket has none
     * here: its StackReference (which this bucket's name comes through) proves that stack is deployed.
     */
    versioning?: pulumi.Resource;
    /** The bucket's SSE-KMS key, undefined for SSE-S3 (a peer's arrives through its StackReference). @default SSE-S3 */
    kmsKeyArn?: pulumi.Input<string | undefined>;
}

export interface MeshDestinationAccount {
    accountId: string;
    bucketName: pulumi.Input<string>;
    bucketArn: pulumi.Input<string>;
    /** The replica bucket's SSE-KMS key, undefined for SSE-S3. @default SSE-S3 */
    kmsKeyArn?: pulumi.Input<string | undefined>;
    /**
     * Whether the rules into this account replicate delete markers: true for a mirror, false for a
     * backup, which keeps what account A deletes. @default true
     */
    replicateDeleteMarkers?: pulumi.Input<boolean>;
}

export interface ReplicationMeshArgs {
    /** Role S3 assumes for every rule (ReplicationRole). */
    roleArn: pulumi.Input<string>;
    /** Every regional bucket of the MRAP, hub first; each replicates to all the others. */
    buckets: MeshBucket[];
    /** Account B's replica bucket, which every regional bucket also replicates to. @default none */
    destinationAccount?: MeshDestinationAccount;
    /** What every configuration waits for besides versioning, e.g. the role's permission policy. @default [] */
    dependsOn?: pulumi.Resource[];
}

/** One replication rule: from a source region to another regional bucket or to the destination account. */
export interface ReplicationEdge {
    sourceRegion: string;
    ruleId: string;
    priority: number;
    destination: { kind: "regional"; region: string } | { kind: "account"; accountId: string };
}

/** Why ReplicationMeshArgs would be refused, or undefined; exported so it can be tested directly. */
export function validateReplicationMeshArgs(
    args: Pick<ReplicationMeshArgs, "buckets" | "destinationAccount">,
): string | undefined {
    if (args.buckets.length < 2)
        return `a replication mesh needs at least two regional buckets, got ${args.buckets.length}`;
    const regions = args.buckets.map((b) => b.region);
    for (const r of regions) if (!isRegionCode(r)) return `${JSON.stringify(r)} is not an AWS region code`;
    if (new Set(regions).size !== regions.length) return `one bucket per region, got ${regions.join(", ")}`;
    const account = args.destinationAccount?.accountId;
    if (account !== undefined && !isAccountId(account))
        return `destination account must be a 12-digit account id, got ${account}`;
    // Keys given as plain values are checked here; a key that comes through an Output is checked when it resolves.
    const keys = [...args.buckets.map((b) => b.kmsKeyArn), args.destinationAccount?.kmsKeyArn];
    if (keys.every((k) => k === undefined || typeof k === "string")) {
        return meshEncryptionProblem(
            ...meshEncryption(
                args,
                keys.slice(0, -1) as (string | undefined)[],
                keys[keys.length - 1] as string | undefined,
            ),
        );
    }
    return undefined;
}

/** The mesh's buckets with resolved keys, named as a refusal names them. */
function meshEncryption(
    args: Pick<ReplicationMeshArgs, "buckets" | "destinationAccount">,
    regional: readonly (string | undefined)[],
    destination: string | undefined,
): [MeshEncryption[], MeshEncryption?] {
    return [
        args.buckets.map((b, i) => ({ name: `the bucket in ${b.region}`, region: b.region, kmsKeyArn: regional[i] })),
        args.destinationAccount
            ? { name: `account ${args.destinationAccount.accountId}'s replica bucket`, kmsKeyArn: destination }
            : undefined,
    ];
}

/** One rule of the mesh with the records it joins: the bucket it replicates from and the one it writes to. */
export interface MeshRule<B extends { region: string }, D extends { accountId: string }> {
    edge: ReplicationEdge;
    source: B;
    /** Another regional bucket, or account B's replica bucket. */
    target: B | D;
}

/**
 * Every rule of the mesh, in a fixed order: per source, the other buckets in list order, then the
 * destination account. Priorities are distinct within a configuration, as S3 requires of V2 rules.
 * Each rule carries the source and target records themselves, so nothing downstream (rules, alarms)
 * has to find a bucket again by region.
 */
export function meshRules<B extends { region: string }, D extends { accountId: string }>(
    buckets: readonly B[],
    destinationAccount?: D,
): MeshRule<B, D>[] {
    return buckets.flatMap((source) => {
        const rules: MeshRule<B, D>[] = buckets
            .filter((target) => target !== source)
            .map((target, i) => ({
                source,
                target,
                edge: {
                    sourceRegion: source.region,
                    ruleId: `to-${target.region}`,
                    priority: i + 1,
                    destination: { kind: "regional", region: target.region },
                },
            }));
        if (destinationAccount !== undefined) {
            const accountId = destinationAccount.accountId;
            rules.push({
                source,
                target: destinationAccount,
                edge: {
                    sourceRegion: source.region,
                    ruleId: `to-account-${accountId}`,
                    priority: rules.length + 1,
                    destination: { kind: "account", accountId },
                },
            });
        }
        return rules;
    });
}

/** The edges of meshRules over bare regions (what the rule ids and priorities depend on). */
export function meshEdges(regions: readonly string[], destinationAccountId?: string): ReplicationEdge[] {
    return meshRules(
        regions.map((region) => ({ region })),
        destinationAccountId === undefined ? undefined : { accountId: destinationAccountId },
    ).map((r) => r.edge);
}

/**
 * One V2 rule (filter present): all objects, RTC 15 minutes with its required metrics, delete
 * markers and replica modifications replicated; to another account, replicas owned by that account.
 * With `replicaKmsKeyArn` (an SSE-KMS source): SSE-KMS objects too, their replicas encrypted with that key.
 * `deleteMarkers: false` (a rule into a backup account only): a delete in A leaves B's copy current.
 */
export function replicationRule(
    edge: ReplicationEdge,
    destinationBucketArn: pulumi.Input<string>,
    replicaKmsKeyArn?: pulumi.Input<string>,
    deleteMarkers = true,
): inputs.s3.BucketReplicationConfigRule {
    // Between regional buckets delete markers always replicate: the MRAP sends a delete to one region
    // only, and without them the object reappears after a failover.
    if (!deleteMarkers && edge.destination.kind !== "account")
        throw new Error(`rule ${edge.ruleId}: only a rule into another account may leave delete markers behind`);
    const crossAccount =
        edge.destination.kind === "account"
            ? { account: edge.destination.accountId, accessControlTranslation: { owner: "Destination" } }
            : {};
    return {
        id: edge.ruleId,
        priority: edge.priority,
        status: "Enabled",
        filter: {},
        deleteMarkerReplication: { status: deleteMarkers ? "Enabled" : "Disabled" },
        sourceSelectionCriteria: {
            replicaModifications: { status: "Enabled" },
            ...(replicaKmsKeyArn !== undefined ? { sseKmsEncryptedObjects: { status: "Enabled" } } : {}),
        },
        destination: {
            bucket: destinationBucketArn,
            ...crossAccount,
            // A full key ARN, never an alias: S3 would resolve an alias in the role's account (AWS).
            ...(replicaKmsKeyArn !== undefined
                ? { encryptionConfiguration: { replicaKmsKeyId: replicaKmsKeyArn } }
                : {}),
            // RTC must come with metrics; both take 15 minutes, the only value S3 accepts.
            replicationTime: { status: "Enabled", time: { minutes: RTC_MINUTES } },
            metrics: { status: "Enabled", eventThreshold: { minutes: RTC_MINUTES } },
        },
    };
}

export class ReplicationMesh extends pulumi.ComponentResource {
    /** One configuration per regional bucket, in the order of `args.buckets`. */
    readonly configurations: aws.s3.BucketReplicationConfig[];
    /** The hub bucket's configuration: S3 Batch Replication of the hub's existing objects must depend on it. */
    readonly hubConfiguration: aws.s3.BucketReplicationConfig;
    /** Every rule with the bucket records it joins (what the alarms watch). */
    readonly rules: MeshRule<MeshBucket, MeshDestinationAccount>[];
    readonly edges: ReplicationEdge[];

    constructor(name: string, args: ReplicationMeshArgs, opts?: pulumi.ComponentResourceOptions) {
        const problem = validateReplicationMeshArgs(args);
        if (problem) throw new Error(`${name}: ${problem}`);
        super("s3-multiregion:storage:ReplicationMesh", name, {}, opts);

        this.rules = meshRules(args.buckets, args.destinationAccount);
        this.edges = this.rules.map((r) => r.edge);
        const versionings = args.buckets.flatMap((b) => (b.versioning ? [b.versioning] : []));

        // The rules wait for every bucket's key (a peer's comes through its StackReference), and a mesh
        // whose keys cannot replicate fails here instead of leaving SSE-KMS objects behind unreplicated.
        const keysChecked = pulumi
            .all([pulumi.all(args.buckets.map((b) => b.kmsKeyArn)), pulumi.output(args.destinationAccount?.kmsKeyArn)])
            .apply(([regional, destination]) => {
                const keyProblem = meshEncryptionProblem(...meshEncryption(args, regional, destination));
                if (keyProblem) throw new Error(`${name}: ${keyProblem}`);
                // Stryker disable next-line BooleanLiteral: the rules wait for this value and never read it
                return true;
            });

        this.configurations = args.buckets.map((source) => {
            const rules = pulumi.all(
                this.rules
                    .filter((r) => r.source === source)
                    .map((r) =>
                        pulumi
                            .all([
                                keysChecked,
                                source.kmsKeyArn,
                                r.target.kmsKeyArn,
                                r.edge.destination.kind === "account"
                                    ? // Stryker disable next-line OptionalChaining: a rule into an account exists only with that account
                                      (args.destinationAccount?.replicateDeleteMarkers ?? true)
                                    : true,
                            ])
                            // Only an SSE-KMS source opts in; meshEncryptionProblem made sure its target has a key.
                            .apply(([, sourceKey, targetKey, deleteMarkers]) =>
                                replicationRule(
                                    r.edge,
                                    r.target.bucketArn,
                                    sourceKey !== undefined ? targetKey : undefined,
                                    deleteMarkers,
                                ),
                            ),
                    ),
            );
            return new aws.s3.BucketReplicationConfig(
                `${name}-${source.region}`,
                // The per-resource region lets one stack own every bucket's configuration (@pulumi/aws v7),
                // so no regional stack needs a second `pulumi up` once the hub exists.
                { bucket: source.bucketName, region: source.region, role: args.roleArn, rules },
                // Versioning of the source and of every regional destination first (S3 refuses otherwise);
                // the role's permissions first, because replication starts as soon as the rules exist.
                { parent: this, dependsOn: [...versionings, ...(args.dependsOn ?? [])] },
            );
        });
        this.hubConfiguration = this.configurations[0];
        this.registerOutputs({});
    }
}
