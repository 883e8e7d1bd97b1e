// Where a bucket lives, best evidence first; which buckets an MRAP spans; and which replication rules leave the account.

import * as assert from "node:assert/strict";

import { accountsInName, bucketAccount, bucketRegion, mrapBuckets, regionFromName } from "../lib/regions";
import { RuleDetails, isCrossAccount, regionalBuckets, sourceAccount } from "../lib/replicationRules";
import { StackView } from "../lib/stack";
import { T } from "../lib/types";
import { UNKNOWN, UNKNOWN_SENTINEL } from "../lib/values";

const A = "111111111111";
const B = "222222222222";

function view(...resources: { type: string; name: string; props: Record<string, unknown> }[]): StackView {
    return new StackView({
        resources: resources.map((r) => ({ ...r, urn: `urn:pulumi:test::p::${r.type}::${r.name}`, dependencies: [] })),
    } as never);
}

describe("lib: bucket regions, best evidence first", () => {
    it("reads an MRAP route's region for a bucket the stack does not hold", () => {
        const v = view({
            type: T.mrapRoutes,
            name: "routes",
            props: { routes: [{ bucket: "other" }, { bucket: "data", region: "ap-northeast-3" }] },
        });
        assert.equal(bucketRegion(v, "data"), "ap-northeast-3");
        assert.equal(bucketRegion(v, "other"), undefined);
        const noRegion = view({
            type: T.mrapRoutes,
            name: "r",
            props: { routes: [{ bucket: "logs-ap-northeast-1" }] },
        });
        assert.equal(
            bucketRegion(noRegion, "logs-ap-northeast-1"),
            "ap-northeast-1",
            "a route without a region tells nothing",
        );
    });

    it("reads the replication configuration's region before the region a name ends with", () => {
        const conf = (bucket: string, region?: string) => ({
            type: T.replicationConfig,
            name: `repl-${bucket}`,
            props: { bucket, ...(region ? { region } : {}) },
        });
        const v = view(conf("data-ap-northeast-3", "ap-northeast-1"), conf("logs-ap-northeast-3"));
        assert.equal(bucketRegion(v, "data-ap-northeast-3"), "ap-northeast-1");
        assert.equal(bucketRegion(v, "logs-ap-northeast-3"), "ap-northeast-3");
        assert.equal(bucketRegion(v, "elsewhere"), undefined);
    });

    it("lists the buckets an MRAP spans, leaving out regions that name none", () => {
        const v = view({
            type: T.mrap,
            name: "mrap",
            props: { details: { regions: [{ bucket: "data" }, {}, { bucket: `arn:aws:s3:::replica` }] } },
        });
        assert.deepEqual(
            mrapBuckets(v).map((m) => ({ buckets: m.buckets, unknown: m.unknown })),
            [{ buckets: ["data", "replica"], unknown: false }],
        );
    });

    it("reads the whole 12-digit account ids a name carries, and none from a name without", () => {
        assert.deepEqual(accountsInName("data"), []);
        assert.deepEqual(accountsInName(`a-${A}-b-${B}`), [A, B]);
        assert.deepEqual(accountsInName("a-1111111111111"), []);
        assert.equal(bucketAccount(`data-${A}`), A);
        assert.equal(bucketAccount(`a-${A}-b-${B}`), undefined);
        assert.equal(bucketAccount("data"), undefined);
    });

    it("reads the bucket's own region first, then its provider's, and skips a route list not known", () => {
        const v = new StackView({
            resources: [
                { type: T.bucket, name: "own", props: { bucket: "own-ap-northeast-1", region: "ap-northeast-3" } },
                {
                    type: T.bucket,
                    name: "prov",
                    props: { bucket: "prov" },
                    provider: { props: { region: "eu-west-1" } },
                },
                {
                    type: T.bucket,
                    name: "both",
                    props: { bucket: "both", region: "us-east-1" },
                    provider: { props: { region: "eu-west-1" } },
                },
                { type: T.mrapRoutes, name: "later", props: { routes: UNKNOWN_SENTINEL } },
            ].map((r) => ({ ...r, urn: `urn:pulumi:test::p::${r.type}::${r.name}`, dependencies: [] })),
        } as never);
        assert.equal(bucketRegion(v, "own-ap-northeast-1"), "ap-northeast-3");
        assert.equal(bucketRegion(v, "prov"), "eu-west-1");
        assert.equal(bucketRegion(v, "both"), "us-east-1");
        assert.equal(bucketRegion(v, "logs-ap-northeast-3"), "ap-northeast-3");
    });

    it("reads a region only from the very end of a name, after a dash or a dot", () => {
        assert.equal(regionFromName("data-111111111111-ap-northeast-1"), "ap-northeast-1");
        assert.equal(regionFromName("logs.us-gov-west-1"), "us-gov-west-1");
        assert.equal(regionFromName("eu-central-1"), "eu-central-1");
        assert.equal(regionFromName("dataap-northeast-1"), undefined);
        assert.equal(regionFromName("data-ap-northeast-1-old"), undefined);
        assert.equal(regionFromName("data-ap-northeast-12"), undefined);
        assert.equal(regionFromName("data-ap-middle-1"), undefined);
    });

    it("has an MRAP's buckets not known while its region list or one of its buckets is not known", () => {
        const mrap = (regions: unknown) => ({ type: T.mrap, name: "m", props: { details: { regions } } });
        const read = (regions: unknown) =>
            mrapBuckets(view(mrap(regions))).map((m) => ({ buckets: m.buckets, unknown: m.unknown }));
        assert.deepEqual(read(UNKNOWN_SENTINEL), [{ buckets: [], unknown: true }]);
        assert.deepEqual(read([{ bucket: UNKNOWN_SENTINEL }, { bucket: "data" }]), [
            { buckets: ["data"], unknown: true },
        ]);
    });
});

describe("lib: cross-account replication rules", () => {
    const rule = (extra: Partial<RuleDetails>): RuleDetails =>
        ({ role: `arn:aws:iam::${A}:role/replication`, ...extra }) as RuleDetails;
    const regional = new Set(["data-tokyo"]);

    it("a rule that names another account leaves the account, even towards a regional bucket", () => {
        assert.equal(isCrossAccount(rule({ account: B, destinationBucket: "data-tokyo" }), regional), true);
        assert.equal(isCrossAccount(rule({ account: A, destinationBucket: "data-tokyo" }), regional), false);
    });

    it("a destination's name tells only when it carries ids, none of them the source's, and the source is known", () => {
        assert.equal(isCrossAccount(rule({ destinationBucket: `replica-${B}` }), regional), true);
        assert.equal(isCrossAccount(rule({ destinationBucket: `replica-${A}` }), regional), false);
        assert.equal(isCrossAccount(rule({ destinationBucket: "replica" }), regional), false);
        assert.equal(isCrossAccount(rule({ role: undefined, destinationBucket: `replica-${B}` }), regional), false);
        assert.equal(isCrossAccount(rule({ destinationBucket: `data-${A}-replica-${B}` }), regional), false);
    });

    it("a rule that names another account leaves it whatever its destination; an owner override always does", () => {
        assert.equal(isCrossAccount(rule({ account: B }), regional), true);
        assert.equal(isCrossAccount(rule({ account: B, destinationBucket: `replica-${A}` }), regional), true);
        assert.equal(
            isCrossAccount(rule({ ownerOverride: "Destination", destinationBucket: "data-tokyo" }), regional),
            true,
        );
        assert.equal(
            isCrossAccount(rule({ ownerOverride: UNKNOWN, destinationBucket: "data-tokyo" }), regional),
            false,
        );
    });

    it("reads the source account from the role's ARN only when the role is known", () => {
        assert.equal(sourceAccount(rule({})), A);
        assert.equal(sourceAccount(rule({ role: UNKNOWN })), undefined);
        assert.equal(isCrossAccount(rule({ role: UNKNOWN, destinationBucket: `replica-${B}` }), regional), false);
    });

    it("counts as regional the buckets an MRAP spans and the sources of replication, not their destinations", () => {
        const v = view(
            { type: T.mrap, name: "m", props: { details: { regions: [{ bucket: "tokyo" }, { bucket: "osaka" }] } } },
            {
                type: T.replicationConfig,
                name: "r",
                props: { bucket: "logs", rules: [{ status: "Enabled", destination: { bucket: "arn:aws:s3:::copy" } }] },
            },
        );
        assert.deepEqual([...regionalBuckets(v)].sort(), ["logs", "osaka", "tokyo"]);
    });
});
