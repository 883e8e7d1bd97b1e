// Every valid variant of the corpus passes the pack; every mutant is refused by the policy its one change targets, naming the resource.

import * as assert from "node:assert/strict";

import { packArgs } from "../../pack";
import { evaluatePolicyPack } from "../../runner";
import { validVariants, resourcesOf } from "./generator";
import { mutantsOf } from "./mutants";
import { reasoningPairsOf } from "./reasoningMutants";

const variants = validVariants();
const descriptions = new Map(packArgs.policies.map((p) => [p.name, p.description]));
const levels = new Map(packArgs.policies.map((p) => [p.name, p.enforcementLevel]));

describe("corpus: valid variants pass the pack", () => {
    it("covers every value of every shape dimension", () => {
        const seen = (k: keyof (typeof variants)[number]["shape"]) =>
            new Set(variants.map((v) => JSON.stringify(v.shape[k])));
        assert.deepEqual(seen("bucket"), new Set(['"Bucket"', '"BucketV2"']));
        assert.deepEqual(seen("documents"), new Set(['"string"', '"object"']));
        assert.deepEqual(seen("permissions").size, 4);
        for (const k of ["singleStatement", "components", "kms", "vpn"] as const) assert.equal(seen(k).size, 2, k);
        assert.deepEqual(
            new Set(variants.filter((v) => v.shape.vpn).map((v) => v.shape.endpoints)),
            new Set(["resources", "awsxSpecs"]),
        );
        assert.deepEqual(new Set(variants.map((v) => v.shape.regions.length)), new Set([2, 3]));
    });

    for (const v of variants) {
        it(`passes with no mandatory violation: ${v.id}`, async () => {
            const { violations } = await evaluatePolicyPack(resourcesOf(v.exports));
            assert.deepStrictEqual(
                violations.filter((x) => x.enforcementLevel === "mandatory"),
                [],
            );
        });
    }
});

describe("corpus: the valid twin of each sound-reasoning mutant passes (the catch comes from the one value)", () => {
    for (const v of variants) {
        for (const { twin } of reasoningPairsOf(v)) {
            it(`passes: ${twin.id}`, async () => {
                const { violations } = await evaluatePolicyPack(resourcesOf(twin.exports));
                assert.deepStrictEqual(
                    violations.filter((x) => x.enforcementLevel === "mandatory"),
                    [],
                );
            });
        }
    }
});

describe("corpus: each mutant is refused by the policy its one change targets", () => {
    for (const v of variants) {
        for (const m of mutantsOf(v)) {
            it(`${m.policy} refuses ${m.id}`, async () => {
                assert.ok(
                    descriptions.get(m.policy)?.includes("Fix: "),
                    `${m.policy} is in the pack and says how to fix`,
                );
                // Only the targeted policy runs: the assertion reads no other, and a mutation run then reaches a
                // policy's code from the mutants aimed at it (and the valid variants), not from every mutant.
                const { violations } = await evaluatePolicyPack(resourcesOf(m.exports), {
                    policies: packArgs.policies.filter((p) => p.name === m.policy),
                });
                // At the policy's own level: an advisory policy's mutant is proven by its advisory finding.
                const level = levels.get(m.policy);
                const mine = violations.filter((x) => x.policy === m.policy && x.enforcementLevel === level);
                assert.ok(
                    mine.some((x) => x.urn.endsWith(`::${m.subject}`)),
                    `expected a ${level} ${m.policy} violation on ${m.subject}; got ${JSON.stringify(violations, null, 1)}`,
                );
            });
        }
    }
});
