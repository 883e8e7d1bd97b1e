// Where a bucket lives, best evidence first; which buckets an MRAP spans; and which replication rules leave the account.

import * as assert from "node:assert/strict";

import { accountsInName, bucketRegion, mrapBuckets } from "../lib/regions";
import { RuleDetails, isCrossAccount } from "../lib/replicationRules";
import { StackView } from "../lib/stack";
import { T } from "../lib/types";

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
    });
});
