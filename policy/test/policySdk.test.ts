// Fails loudly, naming the pinned versions, when an upgrade of @pulumi/policy or @pulumi/pulumi changes an internal the runner uses.

import * as assert from "node:assert/strict";

import {
    OUTPUT_VALUE_SIG,
    RESOURCE_SIG,
    SECRET_SIG,
    SIG_KEY,
    WRITTEN_FOR,
    unknownCheckingProxy,
} from "../engine/policySdk";
import { UNKNOWN_SENTINELS } from "../lib/values";

const installed = (pkg: string): string =>
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require(`${pkg}/package.json`) as { version: string }).version.replace(/^v/, "");

function pinned(pkg: keyof typeof WRITTEN_FOR, what: string): string {
    return (
        `${what} changed: engine/policySdk.ts was written for ${pkg} ${WRITTEN_FOR[pkg]}, ` +
        `${installed(pkg)} is installed. Re-check the runner against that version's sources before upgrading.`
    );
}

describe("engine adapter: @pulumi/policy and @pulumi/pulumi internals", () => {
    for (const pkg of Object.keys(WRITTEN_FOR) as (keyof typeof WRITTEN_FOR)[]) {
        it(`the installed ${pkg} is the version the adapter was written for`, () => {
            assert.equal(installed(pkg), WRITTEN_FOR[pkg], pinned(pkg, "the version"));
        });
    }

    it("the unknown-checking proxy throws an UnknownValueError carrying the sentinel, nested values included", () => {
        for (const sentinel of UNKNOWN_SENTINELS) {
            const props = unknownCheckingProxy({ known: "x", a: sentinel, nested: { list: [1, sentinel] } });
            assert.equal(props.known, "x", pinned("@pulumi/policy", "reading a known value"));
            for (const read of [() => props.a, () => props.nested.list[1]]) {
                assert.throws(
                    read,
                    (e: unknown) =>
                        e instanceof Error && (e as { unknownTypeSentinel?: string }).unknownTypeSentinel === sentinel,
                    pinned("@pulumi/policy", "@pulumi/policy/proxy's UnknownValueError"),
                );
            }
        }
    });

    it("the unknown sentinels are @pulumi/policy's own", () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const proxy = require("@pulumi/policy/proxy") as Record<string, unknown>;
        const theirs = Object.entries(proxy)
            .filter(([k]) => /^unknown[A-Z]\w*Value$/.test(k))
            .map(([, v]) => v);
        assert.deepEqual(new Set(theirs), UNKNOWN_SENTINELS, pinned("@pulumi/policy", "the unknown sentinels"));
    });

    it("the property-value signatures are the Pulumi runtime's", () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const rpc = require("@pulumi/pulumi/runtime/rpc") as Record<string, unknown>;
        assert.deepEqual(
            [rpc["specialSigKey"], rpc["specialSecretSig"], rpc["specialResourceSig"], rpc["specialOutputValueSig"]],
            [SIG_KEY, SECRET_SIG, RESOURCE_SIG, OUTPUT_VALUE_SIG],
            pinned("@pulumi/pulumi", "the special value signatures"),
        );
    });

    it("the server still exports the PolicyPack the runner mirrors, and proxy internals keep their names", () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const policy = require("@pulumi/policy") as Record<string, unknown>;
        assert.equal(typeof policy["PolicyPack"], "function", pinned("@pulumi/policy", "the PolicyPack export"));
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const proxy = require("@pulumi/policy/proxy") as Record<string, unknown>;
        assert.equal(typeof proxy["UnknownValueError"], "function", pinned("@pulumi/policy", "UnknownValueError"));
    });
});
