// Values read from the engine: what is not data becomes null, and a boolean property may come as its text.

import * as assert from "node:assert/strict";

import { bool, plain } from "../lib/values";

describe("lib: values read from the engine", () => {
    it("reads functions, symbols and big integers as no value, never as an object", () => {
        assert.equal(
            plain(() => 1),
            null,
        );
        assert.equal(plain(Symbol("x")), null);
        assert.equal(plain(BigInt(10)), null);
        // A property that holds no value is left out, as the engine leaves out undefined ones.
        assert.deepEqual(plain({ a: 1, f: () => 1 }), { a: 1 });
    });

    it("reads a boolean from true/false or their exact text only", () => {
        assert.deepEqual(
            [true, false, "true", "false", "TRUE", "1", undefined].map((v) => bool(v)),
            [true, false, true, false, undefined, undefined, undefined],
        );
    });
});
