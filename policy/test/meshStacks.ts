// Hub stacks of the architecture in other shapes than ours: any prefix, any regions (two or three), KMS, inline BucketV2 rules.

import * as aws from "@pulumi/aws";

import { PolicyInputResource } from "../runner";
import { T } from "../lib/types";
import { alter, json, res } from "./fixtures";
import { A, B, arn, denyInsecureTransport, roleArn } from "./stacks";

export interface MeshOptions {
    prefix: string;
    account: string;
    regions: string[];
    /** The account B copy, if any. */
    destination?: { account: string; region: string };
    /** SSE-KMS on every bucket, keys per region. */
    kms?: boolean;
    /** Replication rules inline on deprecated BucketV2 resources, with legacy `prefix: ""` instead of `filter {}`. */
    inlineV2?: boolean;
}

export const dataBucket = (o: MeshOptions, region: string): string => `${o.prefix}-data-${o.account}-${region}`;
export const replicaBucket = (o: MeshOptions): string =>
    `${o.prefix}-replica-${o.destination?.account}-${o.destination?.region}`;
export const keyArn = (account: string, region: string): string =>
    `arn:aws:kms:${region}:${account}:key/00000000-0000-0000-0000-${region.replace(/-/g, "").slice(-12).padStart(12, "0")}`;

function rule(o: MeshOptions, source: string, dest: string, destRegion: string, crossAccount: boolean): object {
    const destination: Record<string, unknown> = {
        bucket: arn(dest),
        replicationTime: { status: "Enabled", time: { minutes: 15 } },
        metrics: { status: "Enabled", eventThreshold: { minutes: 15 } },
    };
    if (crossAccount) {
        destination["account"] = o.destination?.account;
        destination["accessControlTranslation"] = { owner: "Destination" };
    }
    if (o.kms)
        destination["encryptionConfiguration"] = {
            replicaKmsKeyId: keyArn(crossAccount ? (o.destination?.account ?? "") : o.account, destRegion),
        };
    const criteria: Record<string, unknown> = { replicaModifications: { status: "Enabled" } };
    if (o.kms) criteria["sseKmsEncryptedObjects"] = { status: "Enabled" };
    const id = crossAccount ? `copy-to-${o.destination?.account}` : `mesh-to-${destRegion}`;
    return {
        id,
        status: "Enabled",
        priority: crossAccount ? 100 : 1 + o.regions.indexOf(destRegion),
        ...(o.inlineV2 ? { prefix: "" } : { filter: {} }),
        deleteMarkerReplication: { status: crossAccount ? "Disabled" : "Enabled" },
        sourceSelectionCriteria: criteria,
        destination,
        source,
    };
}

/** The rules of one regional bucket: to every other regional bucket, and to account B when there is one. */
export function rulesOf(o: MeshOptions, region: string): Record<string, unknown>[] {
    const source = dataBucket(o, region);
    const out = o.regions
        .filter((r) => r !== region)
        .map((r) => rule(o, source, dataBucket(o, r), r, false) as Record<string, unknown>);
    if (o.destination)
        out.push(rule(o, source, replicaBucket(o), o.destination.region, true) as Record<string, unknown>);
    return out.map(({ source: _source, ...r }) => r);
}

/** A hub stack: regional buckets (each with versioning, encryption, one policy), one replication role, the MRAP. */
export function meshStack(o: MeshOptions): PolicyInputResource[] {
    const role = `${o.prefix}-replication`;
    const out: PolicyInputResource[] = [];
    for (const region of o.regions) {
        const bucket = dataBucket(o, region);
        const sse = o.kms
            ? { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn(o.account, region) }
            : { sseAlgorithm: "AES256" };
        if (o.inlineV2) {
            out.push(
                res(aws.s3.BucketV2, `data-${region}`, {
                    bucket,
                    region,
                    versionings: [{ enabled: true }],
                    serverSideEncryptionConfigurations: [{ rules: [{ applyServerSideEncryptionByDefaults: [sse] }] }],
                    replicationConfigurations: [{ role: roleArn(o.account, role), rules: rulesOf(o, region) as never }],
                }),
            );
        } else {
            out.push(
                res(aws.s3.Bucket, `data-${region}`, { bucket, region }, { id: bucket }),
                res(aws.s3.BucketVersioning, `data-${region}-versioning`, {
                    bucket,
                    region,
                    versioningConfiguration: { status: "Enabled" },
                }),
                res(aws.s3.BucketServerSideEncryptionConfiguration, `data-${region}-encryption`, {
                    bucket,
                    region,
                    rules: [{ applyServerSideEncryptionByDefault: sse }],
                }),
                res(aws.s3.BucketReplicationConfig, `replication-${region}`, {
                    bucket,
                    region,
                    role: roleArn(o.account, role),
                    rules: rulesOf(o, region) as never,
                }),
            );
        }
        out.push(
            res(aws.s3.BucketPolicy, `data-${region}-policy`, {
                bucket,
                region,
                policy: json({ Version: "2012-10-17", Statement: [denyInsecureTransport(bucket)] }),
            }),
        );
    }
    const buckets = o.regions.map((r) => dataBucket(o, r));
    const destinations = [...buckets, ...(o.destination ? [replicaBucket(o)] : [])];
    const statements: Record<string, unknown>[] = [
        {
            Effect: "Allow",
            Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"],
            Resource: buckets.map(arn),
        },
        {
            Effect: "Allow",
            Action: ["s3:GetObjectVersion*"],
            Resource: buckets.map((b) => `${arn(b)}/*`),
        },
        {
            Effect: "Allow",
            Action: ["s3:Replicate*", "s3:ObjectOwnerOverrideToBucketOwner"],
            Resource: destinations.map((b) => `${arn(b)}/*`),
        },
    ];
    if (o.kms)
        statements.push({
            Effect: "Allow",
            Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
            Resource: `arn:aws:kms:*:*:key/*`,
        });
    out.push(
        res(aws.iam.Role, "replication-role", {
            name: role,
            assumeRolePolicy: json({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole" }],
            }),
            inlinePolicies: [{ name: "replicate", policy: json({ Version: "2012-10-17", Statement: statements }) }],
        }),
        res(aws.s3control.MultiRegionAccessPoint, "mrap", {
            details: { name: `${o.prefix}-mrap`, regions: buckets.map((bucket) => ({ bucket })) },
        }),
    );
    return out;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Mutable = Record<string, any>;

/** A three-region mesh in Europe with a copy to account B, in another prefix than ours. */
export const EU: MeshOptions = {
    prefix: "acme-files",
    account: A,
    regions: ["eu-west-1", "eu-central-1", "eu-west-3"],
    destination: { account: B, region: "eu-west-1" },
};
/** The id of the rules that copy into account B. */
export const COPY = `copy-to-${B}`;

export const find = (stack: PolicyInputResource[], name: string): PolicyInputResource =>
    stack.find((r) => r.name === name) as PolicyInputResource;

/** A copy of `stack` with the rule `ruleId` of each listed region's configuration changed. */
export function mutateRules(
    stack: PolicyInputResource[],
    regions: string[],
    ruleId: string,
    change: (rule: Mutable) => void,
): PolicyInputResource[] {
    return regions.reduce(
        (s, region) =>
            alter(s, `replication-${region}`, T.replicationConfig, (i) =>
                change(i.rules.find((r: { id: string }) => r.id === ruleId)),
            ),
        stack,
    );
}
