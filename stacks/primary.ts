// The `primary` role (the hub, e.g. Tokyo): its data bucket plus everything that spans regions and accounts.
import * as pulumi from "@pulumi/pulumi";
import { mrapName, roleName } from "../config/naming";
import { PrimaryConfig } from "../config/platformConfig";
import { PartnerWriterRole } from "../components/iam/partnerWriterRole";
import { ReplicationRole } from "../components/iam/replicationRole";
import { ReplicationAlarms } from "../components/monitoring/replicationAlarms";
import { MultiRegionAccessPoint } from "../components/storage/multiRegionAccessPoint";
import {
    MeshBucket,
    MeshDestinationAccount,
    ReplicationMesh,
    RTC_THRESHOLD_SECONDS,
} from "../components/storage/replicationMesh";
import { dataBucketStatements } from "./dataBucketPolicy";
import { hubDataBucketBatchStatements, hubExistingObjects } from "./existingObjects";
import { MeshKeys, meshKeysError, replicationKmsKeys } from "./meshKeys";
import { stackNetwork } from "./network";
import { destinationPeer, secondaryPeer } from "./peers";
import { ownBucketName, stackBucket } from "./stackBucket";

export function primaryStack(cfg: PrimaryConfig) {
    const secondaries = cfg.secondaries.map((s) => secondaryPeer(s));
    const destination = destinationPeer(cfg.destinationStack);

    const name = ownBucketName(cfg, "data");
    const data = stackBucket(cfg, "data", {
        useStackKey: true,
        // Plus account B's batch copy role reading every object (seed 004's cross-account copy).
        policyStatements: [...dataBucketStatements(cfg, name), ...hubDataBucketBatchStatements(cfg, name)],
    });

    const regionalBuckets = [
        { stack: cfg.stack, region: cfg.region, bucketName: data.bucketName, bucketArn: data.arn },
        ...secondaries.map((s) => ({
            stack: s.stack,
            region: s.region,
            bucketName: s.bucketName,
            bucketArn: s.bucketArn,
        })),
    ];

    // Every bucket's SSE-KMS key (a peer's from its outputs, absent = SSE-S3), checked together once: the
    // mesh and the role see the keys only through this check, so a mismatch fails with the config key to set.
    const meshKeys = pulumi
        .all([
            data.arn,
            pulumi.all(secondaries.map((s) => pulumi.all([s.bucketArn, s.kmsKeyArn]))),
            pulumi.all([
                destination.region,
                destination.replicaBucketArn,
                destination.kmsKeyArn,
                destination.sourceKmsKeyArn,
            ]),
        ])
        .apply(([hubArn, peers, [destinationRegion, replicaArn, replicaKey, batchCopyKey]]) => {
            const keys: MeshKeys = {
                regional: [
                    { stack: cfg.stack, region: cfg.region, bucketArn: hubArn, kmsKeyArn: cfg.kmsKeyArn },
                    ...secondaries.map((s, i) => ({
                        stack: s.stack,
                        region: s.region,
                        bucketArn: peers[i][0],
                        kmsKeyArn: peers[i][1],
                    })),
                ],
                destination: cfg.replicateToDestination
                    ? {
                          stack: cfg.destinationStack,
                          region: destinationRegion,
                          bucketArn: replicaArn,
                          kmsKeyArn: replicaKey,
                          accountId: cfg.destinationAccountId,
                      }
                    : undefined,
                batchCopy: {
                    destinationStack: cfg.destinationStack,
                    sourceKmsKeyArn: batchCopyKey,
                    hubStack: cfg.stack,
                    hubKmsKeyArn: cfg.kmsKeyArn,
                },
            };
            const error = meshKeysError(keys);
            if (error) throw error;
            return keys;
        });

    // Replication mesh and MRAP are built from the list of regional stacks: a third region is a config change here.
    const meshBuckets: MeshBucket[] = regionalBuckets.map((b, i) => ({
        region: b.region,
        bucketName: b.bucketName,
        bucketArn: b.bucketArn,
        versioning: i === 0 ? data.versioning : undefined,
        kmsKeyArn: meshKeys.apply((k) => k.regional[i].kmsKeyArn),
    }));
    const destinationAccount: MeshDestinationAccount | undefined = cfg.replicateToDestination
        ? {
              accountId: cfg.destinationAccountId,
              bucketName: destination.replicaBucketName,
              bucketArn: destination.replicaBucketArn,
              kmsKeyArn: meshKeys.apply((k) => k.destination?.kmsKeyArn),
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

    const bucketNameOf = (region: string) => meshBuckets.find((b) => b.region === region)!.bucketName;
    const alarms = new ReplicationAlarms("replication-alarms", {
        namePrefix: cfg.namePrefix,
        emails: cfg.alarmEmails,
        thresholdSeconds: RTC_THRESHOLD_SECONDS,
        rules: replication.edges.map((e) => ({
            sourceRegion: e.sourceRegion,
            ruleId: e.ruleId,
            sourceBucketName: bucketNameOf(e.sourceRegion),
            destinationBucketName:
                e.destination.kind === "regional" ? bucketNameOf(e.destination.region) : destinationAccount!.bucketName,
        })),
    });
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
        replicaBucketArn: destination.replicaBucketArn,
        destinationRegion: destination.region,
    });
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
        regionalBuckets: meshKeys.apply((k) =>
            regionalBuckets.map((b, i) => ({
                ...b,
                ...(k.regional[i].kmsKeyArn !== undefined ? { kmsKeyArn: k.regional[i].kmsKeyArn } : {}),
            })),
        ),
        // Only when the hub replicates there: `npm run verify` waits for a copy in every bucket this lists.
        ...(cfg.replicateToDestination
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
        ...(network ? { network } : {}),
        ...existingObjects,
    };
}
