// Values read from the engine: what is not data becomes null, and a boolean property may come as its text.

import * as assert from "node:assert/strict";

import { Plain, PlainObject, UNKNOWN, bool, get, list, plain, plainObject, str, strings } from "../lib/values";

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

    it("follows a path to UNKNOWN through an unknown level, and to undefined through a missing or null one", () => {
        const v: PlainObject = { a: UNKNOWN, b: { c: null, d: "x" }, e: ["y"] };
        assert.equal(get(v, "a", "z"), UNKNOWN);
        assert.equal(get(v, "b", "c"), undefined);
        assert.equal(get(v, "b", "d"), "x");
        assert.equal(get(v, "b", "d", "z"), undefined);
        assert.equal(get(v, "e", "0"), undefined);
        assert.equal(get(null), undefined);
    });

    it("reads a list from an array, a single value or nothing, and only non-empty strings from it", () => {
        assert.deepEqual(
            ([null, undefined, UNKNOWN, "x", ["x"]] as (Plain | undefined)[]).map((x) => list(x)),
            [undefined, undefined, UNKNOWN, ["x"], ["x"]],
        );
        assert.deepEqual([str(""), str("x"), str(1), str(UNKNOWN)], [undefined, "x", undefined, UNKNOWN]);
        assert.deepEqual(strings(["a", "", 1, UNKNOWN, "b"]), { values: ["a", "b"], unknown: true });
        assert.deepEqual(strings(UNKNOWN), { values: [], unknown: true });
        assert.deepEqual(strings(undefined), { values: [], unknown: false });
    });

    it("reads each of the engine's seven unknown sentinels as UNKNOWN", () => {
        const sentinels = [
            "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
            "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
            "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
            "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
            "030794c1-ac77-496b-92df-f27374a8bd58",
            "e48ece36-62e2-4504-bad9-02848725956a",
            "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
        ];
        assert.deepEqual(
            sentinels.map((v) => plain(v)),
            sentinels.map(() => UNKNOWN),
        );
    });

    it("reads a property bag only from an object, and lets an error that is not an unknown value through", () => {
        assert.deepEqual([plainObject("x"), plainObject([1]), plainObject(undefined)], [{}, {}, {}]);
        assert.deepEqual(plainObject({ a: [1, null] }), { a: [1, null] });
        const broken = {
            get a(): string {
                throw new Error("boom");
            },
        };
        assert.throws(() => plain(broken), /^Error: boom$/);
    });
});
