// The `primary` role (the hub, e.g. Tokyo): its data bucket plus everything that spans regions and accounts.
import * as pulumi from "@pulumi/pulumi";
import { mrapName, roleName } from "../config/naming";
import { PrimaryConfig } from "../config/platformConfig";
import { PartnerWriterRole } from "../components/iam/partnerWriterRole";
import { ReplicationRole } from "../components/iam/replicationRole";
import { ReplicationAlarms } from "../components/monitoring/replicationAlarms";
import { replicationDashboard } from "./dashboard";
import { MultiRegionAccessPoint } from "../components/storage/multiRegionAccessPoint";
import {
    MeshBucket,
    MeshDestinationAccount,
    ReplicationMesh,
    RTC_THRESHOLD_SECONDS,
} from "../components/storage/replicationMesh";
import { stackAccessLogging } from "./accessLogging";
import { dataBucketStatements } from "./dataBucketPolicy";
import { hubDataBucketBatchStatements, hubExistingObjects } from "./existingObjects";
import { inventoryQueries } from "./inventoryQueries";
import { checkedMeshKeys, MeshMember, replicationKmsKeys } from "./meshKeys";
import { stackNetwork } from "./network";
import { destinationPeer, secondaryPeer } from "./peers";
import { mainBucketName, stackBucket } from "./stackBucket";

export function primaryStack(cfg: PrimaryConfig) {
    const secondaries = cfg.secondaries.map((s) => secondaryPeer(s));
    // `replicateToDestination: false` switches account B off completely: no StackReference to its stack
    // (it need not exist), no replication rule to it and no grant to its batch copy role.
    const destination = cfg.replicateToDestination ? destinationPeer(cfg.destinationStack) : undefined;

    const name = mainBucketName(cfg);
    const data = stackBucket(cfg, "data", {
        useStackKey: true,
        // Plus account B's batch copy role reading every object (the cross-account batch copy report).
        policyStatements: [
            ...dataBucketStatements(cfg, name),
            ...(destination ? hubDataBucketBatchStatements(cfg, name) : []),
        ],
        // Lifecycle expiry waits while this bucket's Batch Replication job runs (lifecyclePause.ts).
        pauseExpiringLifecycleRules: cfg.batchReplicationJob,
    });

    // One record per regional bucket of the mesh, hub first, built once: the key check, the mesh, the MRAP,
    // the role and the alarms all read these records, so no two lists are ever joined by position.
    const members: MeshMember[] = [
        {
            stack: cfg.stack,
            region: cfg.region,
            bucketName: data.bucketName,
            bucketArn: data.arn,
            kmsKeyArn: pulumi.output(cfg.kmsKeyArn),
            versioning: data.versioning,
        },
        ...secondaries.map((s) => ({
            stack: s.stack,
            region: s.region,
            bucketName: s.bucketName,
            bucketArn: s.bucketArn,
            kmsKeyArn: s.kmsKeyArn,
        })),
    ];

    // Every bucket's SSE-KMS key (a peer's from its outputs, absent = SSE-S3), checked together once: the
    // mesh and the role see the keys only through this check, so a mismatch fails with the config key to set.
    const meshKeys = checkedMeshKeys(cfg, members, destination);
    /** A value released only once the keys passed the check. */
    const afterKeyCheck = <T>(value: pulumi.Output<T>) => pulumi.all([meshKeys, value]).apply(([, v]) => v);

    // Replication mesh and MRAP are built from the list of regional stacks: a third region is a config change here.
    const meshBuckets: MeshBucket[] = members.map((m) => ({
        region: m.region,
        bucketName: m.bucketName,
        bucketArn: m.bucketArn,
        versioning: m.versioning,
        kmsKeyArn: afterKeyCheck(m.kmsKeyArn),
    }));
    const destinationAccount: MeshDestinationAccount | undefined = destination
        ? {
              accountId: cfg.destinationAccountId,
              bucketName: destination.replicaBucketName,
              bucketArn: destination.replicaBucketArn,
              kmsKeyArn: meshKeys.apply((k) => k.destination?.kmsKeyArn),
              // Account B's stack says what its copy is: a backup receives no delete markers.
              replicateDeleteMarkers: destination.mode.apply((m) => m === "mirror"),
          }
        : undefined;
    // Named deterministically: the dest-account stack already grants exactly this role ARN.
    const replicationRole = new ReplicationRole("replication-role", {
        roleName: roleName(cfg.namePrefix, "replication"),
        sourceAccountId: cfg.sourceAccountId,
        sourceBucketArns: meshBuckets.map((b) => b.bucketArn),
        sameAccountDestinationArns: meshBuckets.map((b) => b.bucketArn),
        crossAccountDestinationArns: destinationAccount ? [destinationAccount.bucketArn] : [],
        sourceKmsKeys: meshKeys.apply((k) => replicationKmsKeys(k).sourceKmsKeys),
        replicaKmsKeys: meshKeys.apply((k) => replicationKmsKeys(k).replicaKmsKeys),
        objectLockDestination: destination ? destination.objectLock.apply((l) => l !== undefined) : false,
    });
    // The hub owns every regional bucket's replication configuration (per-resource region).
    const replication = new ReplicationMesh("replication", {
        roleArn: replicationRole.arn,
        buckets: meshBuckets,
        destinationAccount,
        dependsOn: [replicationRole.policy],
    });

    // Declared before any network code: VPC endpoint policies take this MRAP's ARN.
    const mrap = new MultiRegionAccessPoint("mrap", {
        mrapName: mrapName(cfg.namePrefix),
        accountId: cfg.sourceAccountId,
        buckets: meshBuckets,
        failover: cfg.failover,
        routesRegion: cfg.routesRegion,
    });

    const partnerWriter = cfg.partners
        ? new PartnerWriterRole("partner-writer", {
              roleName: roleName(cfg.namePrefix, "partner-writer"),
              principals: cfg.partners.principals,
              externalId: cfg.partners.externalId,
              mrapArn: mrap.arn,
          })
        : undefined;

    // Each alarm watches the buckets of the very rule it names: both names come from that rule's records.
    const alarms = new ReplicationAlarms("replication-alarms", {
        namePrefix: cfg.namePrefix,
        emails: cfg.alarmEmails,
        thresholdSeconds: RTC_THRESHOLD_SECONDS,
        rules: replication.rules.map((r) => ({
            sourceRegion: r.edge.sourceRegion,
            ruleId: r.edge.ruleId,
            sourceBucketName: r.source.bucketName,
            destinationBucketName: r.target.bucketName,
        })),
    });
    const dashboard = replicationDashboard(cfg, replication.rules, members, alarms);
    // Private access from on-premises: the endpoints allow exactly the regional buckets and this MRAP.
    const network = cfg.network
        ? stackNetwork(cfg, cfg.network, {
              bucketName: data.bucketName,
              bucketArns: meshBuckets.map((b) => b.bucketArn),
              accessPointArns: [mrap.arn],
              mrapArn: mrap.arn,
          })
        : undefined;
    // Existing objects: inventory manifests, batch reports, the Batch Replication role and (switch) job.
    const existingObjects = hubExistingObjects(cfg, {
        dataBucket: data,
        dataBucketName: name,
        replicationConfiguration: replication.hubConfiguration,
        destination: destination && {
            replicaBucketArn: destination.replicaBucketArn,
            destinationRegion: destination.region,
        },
    });
    // Reconciling inventories on Athena, for buckets that outgrow one machine.
    const queries = inventoryQueries(cfg);
    const logging = stackAccessLogging(cfg, "data", data);
    return {
        role: cfg.role,
        region: cfg.region,
        accountId: cfg.accountId,
        sourceAccountId: cfg.sourceAccountId,
        bucketName: data.bucketName,
        bucketArn: data.arn,
        ...(cfg.kmsKeyArn !== undefined ? { kmsKeyArn: cfg.kmsKeyArn } : {}),
        // Each bucket's key where it has one. Read through the key check, so keys that cannot replicate
        // fail the stack's outputs too, not only the resources that use them.
        regionalBuckets: pulumi.all(
            members.map((m) =>
                pulumi
                    .all([m.bucketName, m.bucketArn, afterKeyCheck(m.kmsKeyArn)])
                    .apply(([bucketName, bucketArn, kmsKeyArn]) => ({
                        stack: m.stack,
                        region: m.region,
                        bucketName,
                        bucketArn,
                        ...(kmsKeyArn !== undefined ? { kmsKeyArn } : {}),
                    })),
            ),
        ),
        // Only when the hub replicates there: `npm run verify` waits for a copy in every bucket this lists.
        ...(destination
            ? {
                  destinationBucket: pulumi.output({
                      accountId: destination.accountId,
                      region: destination.region,
                      bucketName: destination.replicaBucketName,
                      bucketArn: destination.replicaBucketArn,
                  }),
              }
            : {}),
        mrapName: mrapName(cfg.namePrefix),
        mrapArn: mrap.arn,
        mrapAlias: mrap.alias,
        mrapHost: mrap.host,
        mrapCommands: mrap.commands,
        routesRegion: cfg.routesRegion,
        failoverMode: cfg.failover.mode,
        ...(cfg.failover.mode === "active-passive" ? { activeRegion: cfg.failover.activeRegion } : {}),
        rtcThresholdSeconds: RTC_THRESHOLD_SECONDS,
        replicationRoleArn: replicationRole.arn,
        ...(partnerWriter
            ? { partnerWriterRoleArn: partnerWriter.arn, partnerAssumeRoleCommand: partnerWriter.assumeRoleCommand }
            : {}),
        alarmTopicArns: alarms.topicArns,
        dashboardUrl: dashboard.url,
        ...(network ? { network } : {}),
        ...existingObjects,
        ...queries,
        ...logging,
    };
}
