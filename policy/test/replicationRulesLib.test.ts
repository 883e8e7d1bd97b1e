// Each replication rule's scope and prefix, whatever form its filter takes, and rule lists not known yet.

import * as assert from "node:assert/strict";

import { replicationRules } from "../lib/replicationRules";
import { StackView } from "../lib/stack";
import { T } from "../lib/types";
import { UNKNOWN, UNKNOWN_SENTINEL } from "../lib/values";

function view(...resources: { type: string; name: string; props: Record<string, unknown> }[]): StackView {
    return new StackView({
        resources: resources.map((r) => ({ ...r, urn: `urn:pulumi:test::p::${r.type}::${r.name}`, dependencies: [] })),
    } as never);
}
const config = (name: string, rules: unknown) => ({
    type: T.replicationConfig,
    name,
    props: { bucket: "data", role: "arn:aws:iam::111111111111:role/replication", rules },
});
const rule = (extra: Record<string, unknown>) => ({
    id: "r",
    status: "Enabled",
    destination: { bucket: "arn:aws:s3:::replica" },
    ...extra,
});

describe("lib: replication rules, scope and prefix", () => {
    const read = (extra: Record<string, unknown>) => {
        const [r] = replicationRules(view(config("c", [rule(extra)]))).rules;
        return { scope: r.scope, prefix: r.prefix };
    };

    it("reads a filter's prefix and tags, and an and of them", () => {
        assert.deepEqual(read({ filter: { prefix: "logs/" } }), { scope: ["prefix 'logs/'"], prefix: "logs/" });
        assert.deepEqual(read({ filter: { tag: { key: "team", value: "a" } } }), {
            scope: ["tags"],
            prefix: undefined,
        });
        assert.deepEqual(read({ filter: { tag: {} } }), { scope: [], prefix: undefined });
        assert.deepEqual(read({ filter: { and: { prefix: "logs/", tags: { team: "a" } } } }), {
            scope: ["prefix 'logs/'", "tags"],
            prefix: "logs/",
        });
        assert.deepEqual(read({ prefix: "old/" }), { scope: ["prefix 'old/'"], prefix: "old/" });
        assert.deepEqual(read({}), { scope: [], prefix: undefined });
    });

    it("has a scope not known while its legacy prefix or its filter's and is not known", () => {
        assert.equal(read({ prefix: UNKNOWN_SENTINEL }).scope, UNKNOWN);
        assert.equal(read({ filter: { and: UNKNOWN_SENTINEL } }).scope, UNKNOWN);
        assert.equal(read({ filter: UNKNOWN_SENTINEL }).scope, UNKNOWN);
        assert.equal(read({ filter: { prefix: UNKNOWN_SENTINEL } }).scope, UNKNOWN);
        assert.equal(read({ filter: { and: { prefix: UNKNOWN_SENTINEL } } }).scope, UNKNOWN);
    });

    it("says when a configuration's rule list is not known, and reads the others", () => {
        const { rules, unknown } = replicationRules(view(config("later", UNKNOWN_SENTINEL), config("c", [rule({})])));
        assert.deepEqual({ labels: rules.map((r) => r.label), unknown }, { labels: ["rule 'r'"], unknown: true });
    });
});

describe("lib: replication rule details", () => {
    const only = (r: ReturnType<typeof replicationRules>["rules"][number]) => {
        const { resource, ...rest } = r;
        return { resource: resource.name, ...rest };
    };

    it("reads every field of a rule declared by a BucketReplicationConfig", () => {
        const [r] = replicationRules(
            view(
                config("c", [
                    rule({
                        destination: {
                            bucket: "arn:aws:s3:::replica",
                            account: "222222222222",
                            accessControlTranslation: { owner: "Destination" },
                            replicationTime: { status: "Enabled" },
                            metrics: { status: "Enabled" },
                            encryptionConfiguration: {
                                replicaKmsKeyId: "arn:aws:kms:ap-northeast-3:222222222222:key/k",
                            },
                        },
                        deleteMarkerReplication: { status: "Enabled" },
                        sourceSelectionCriteria: {
                            replicaModifications: { status: "Enabled" },
                            sseKmsEncryptedObjects: { status: "Disabled" },
                        },
                    }),
                ]),
            ),
        ).rules;
        assert.deepEqual(only(r), {
            label: "rule 'r'",
            resource: "c",
            source: "data",
            role: "arn:aws:iam::111111111111:role/replication",
            status: "Enabled",
            destinationBucket: "replica",
            account: "222222222222",
            ownerOverride: "Destination",
            replicationTime: "Enabled",
            metrics: "Enabled",
            deleteMarkers: "Enabled",
            replicaModifications: "Enabled",
            sseKmsEncryptedObjects: "Disabled",
            replicaKmsKeyId: "arn:aws:kms:ap-northeast-3:222222222222:key/k",
            scope: [],
            prefix: undefined,
        });
    });

    it("reads the plural block forms of an inline BucketV2 configuration, and numbers a rule without id", () => {
        const bucket = {
            type: T.bucketV2,
            name: "b",
            props: {
                bucket: "data",
                replicationConfigurations: [
                    {
                        role: "arn:aws:iam::111111111111:role/replication",
                        rules: [
                            {
                                status: "Enabled",
                                destinations: [
                                    {
                                        bucket: "arn:aws:s3:::replica",
                                        accountId: "222222222222",
                                        accessControlTranslations: [{ owner: "Destination" }],
                                        replicationTimes: [{ status: "Enabled" }],
                                        encryptionConfigurations: [{ replicaKmsKeyId: "k" }],
                                    },
                                ],
                                deleteMarkerReplications: [{ status: "Disabled" }],
                                sourceSelectionCriterias: [
                                    {
                                        replicaModifications: [{ status: "Enabled" }],
                                        sseKmsEncryptedObjects: [{ status: "Enabled" }],
                                    },
                                ],
                            },
                        ],
                    },
                ],
            },
        };
        const [r] = replicationRules(view(bucket)).rules;
        assert.deepEqual(only(r), {
            label: "rule #1",
            resource: "b",
            source: "data",
            role: "arn:aws:iam::111111111111:role/replication",
            status: "Enabled",
            destinationBucket: "replica",
            account: "222222222222",
            ownerOverride: "Destination",
            replicationTime: "Enabled",
            metrics: undefined,
            deleteMarkers: "Disabled",
            replicaModifications: "Enabled",
            sseKmsEncryptedObjects: "Enabled",
            replicaKmsKeyId: "k",
            scope: [],
            prefix: undefined,
        });
    });

    it("has every destination field not known, its KMS key too, while the destination is not known", () => {
        const [r] = replicationRules(view(config("c", [rule({ destination: UNKNOWN_SENTINEL })]))).rules;
        const { destinationBucket, account, ownerOverride, replicationTime, metrics, replicaKmsKeyId } = r;
        assert.deepEqual(
            { destinationBucket, account, ownerOverride, replicationTime, metrics, replicaKmsKeyId },
            {
                destinationBucket: UNKNOWN,
                account: UNKNOWN,
                ownerOverride: UNKNOWN,
                replicationTime: UNKNOWN,
                metrics: UNKNOWN,
                replicaKmsKeyId: UNKNOWN,
            },
        );
    });

    it("has a status not known while a block on its way is not known, and none when a block is missing", () => {
        const read = (extra: Record<string, unknown>) => {
            const [r] = replicationRules(view(config("c", [rule(extra)]))).rules;
            return [r.replicaModifications, r.sseKmsEncryptedObjects, r.deleteMarkers, r.metrics, r.replicaKmsKeyId];
        };
        assert.deepEqual(
            read({ sourceSelectionCriteria: UNKNOWN_SENTINEL, deleteMarkerReplication: UNKNOWN_SENTINEL }),
            [UNKNOWN, UNKNOWN, UNKNOWN, undefined, undefined],
        );
        assert.deepEqual(
            read({
                sourceSelectionCriteria: { replicaModifications: UNKNOWN_SENTINEL },
                destination: {
                    bucket: "replica",
                    metrics: UNKNOWN_SENTINEL,
                    encryptionConfiguration: UNKNOWN_SENTINEL,
                },
            }),
            [UNKNOWN, undefined, undefined, UNKNOWN, UNKNOWN],
        );
        assert.deepEqual(read({ sourceSelectionCriteria: {}, destination: { bucket: "replica", metrics: {} } }), [
            undefined,
            undefined,
            undefined,
            undefined,
            undefined,
        ]);
    });
});
