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
    });

    it("says when a configuration's rule list is not known, and reads the others", () => {
        const { rules, unknown } = replicationRules(view(config("later", UNKNOWN_SENTINEL), config("c", [rule({})])));
        assert.deepEqual({ labels: rules.map((r) => r.label), unknown }, { labels: ["rule 'r'"], unknown: true });
    });
});
