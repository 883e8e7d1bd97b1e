// Replication between every pair of regional buckets (a full mesh) plus each one to the destination account, owned by one stack.
//
// A bidirectional mesh does not loop: S3 never replicates a replica again (replica-modification
// sync only carries metadata changes made on a replica back). For the same reason every regional
// bucket, not only the hub, has its own rule to account B: an object the MRAP wrote into Osaka
// reaches Tokyo as a replica, and Tokyo's rule to account B would never pick it up.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type * as inputs from "@pulumi/aws/types/input";

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
}

export interface MeshDestinationAccount {
    accountId: string;
    bucketName: pulumi.Input<string>;
    bucketArn: pulumi.Input<string>;
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
export function validateReplicationMeshArgs(args: Pick<ReplicationMeshArgs, "buckets" | "destinationAccount">): string | undefined {
    if (args.buckets.length < 2) return `a replication mesh needs at least two regional buckets, got ${args.buckets.length}`;
    const regions = args.buckets.map((b) => b.region);
    for (const r of regions) if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(r)) return `${JSON.stringify(r)} is not an AWS region code`;
    if (new Set(regions).size !== regions.length) return `one bucket per region, got ${regions.join(", ")}`;
    const account = args.destinationAccount?.accountId;
    if (account !== undefined && !/^\d{12}$/.test(account)) return `destination account must be a 12-digit account id, got ${account}`;
    return undefined;
}

/**
 * Every rule of the mesh, in a fixed order: per source, the other regions in list order, then the
 * destination account. Priorities are distinct within a configuration, as S3 requires of V2 rules.
 */
export function meshEdges(regions: readonly string[], destinationAccountId?: string): ReplicationEdge[] {
    return regions.flatMap((sourceRegion) => {
        const edges: ReplicationEdge[] = regions
            .filter((r) => r !== sourceRegion)
            .map((region, i) => ({ sourceRegion, ruleId: `to-${region}`, priority: i + 1, destination: { kind: "regional", region } }));
        if (destinationAccountId !== undefined) {
            edges.push({ sourceRegion, ruleId: `to-account-${destinationAccountId}`, priority: edges.length + 1, destination: { kind: "account", accountId: destinationAccountId } });
        }
        return edges;
    });
}

/**
 * One V2 rule (filter present): all objects, RTC 15 minutes with its required metrics, delete
 * markers and replica modifications replicated; to another account, replicas owned by that account.
 */
export function replicationRule(edge: ReplicationEdge, destinationBucketArn: pulumi.Input<string>): inputs.s3.BucketReplicationConfigRule {
    const crossAccount = edge.destination.kind === "account" ? { account: edge.destination.accountId, accessControlTranslation: { owner: "Destination" } } : {};
    return {
        id: edge.ruleId,
        priority: edge.priority,
        status: "Enabled",
        filter: {},
        deleteMarkerReplication: { status: "Enabled" },
        sourceSelectionCriteria: { replicaModifications: { status: "Enabled" } },
        destination: {
            bucket: destinationBucketArn,
            ...crossAccount,
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
    readonly edges: ReplicationEdge[];

    constructor(name: string, args: ReplicationMeshArgs, opts?: pulumi.ComponentResourceOptions) {
        const problem = validateReplicationMeshArgs(args);
        if (problem) throw new Error(`${name}: ${problem}`);
        super("s3-multiregion:storage:ReplicationMesh", name, {}, opts);

        const byRegion = new Map(args.buckets.map((b) => [b.region, b]));
        this.edges = meshEdges(
            args.buckets.map((b) => b.region),
            args.destinationAccount?.accountId,
        );
        const versionings = args.buckets.flatMap((b) => (b.versioning ? [b.versioning] : []));

        this.configurations = args.buckets.map((source) => {
            const rules = this.edges
                .filter((e) => e.sourceRegion === source.region)
                .map((e) => replicationRule(e, e.destination.kind === "regional" ? byRegion.get(e.destination.region)!.bucketArn : args.destinationAccount!.bucketArn));
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
