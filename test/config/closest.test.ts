// "Did you mean ...?" for misspelt keys and stack names: the edit distance, the nearest candidate, and how near is near enough.
import * as assert from "node:assert/strict";
import { closest, didYouMean, editDistance } from "../../config/closest";

describe("closest names", () => {
    it("counts inserts, deletes and substitutions, ignoring case", () => {
        const table: [string, string, number][] = [
            ["", "", 0],
            ["", "abc", 3],
            ["abc", "", 3],
            ["abc", "ab", 1],
            ["ab", "abc", 1],
            ["abc", "abd", 1],
            ["vpcCIRD", "vpcCidr", 2],
            ["VPCCIDR", "vpcCidr", 0],
            ["kitten", "sitting", 3],
        ];
        for (const [a, b, d] of table) assert.equal(editDistance(a, b), d, `${a} / ${b}`);
    });

    it("suggests the nearest candidate, the first of equally near ones", () => {
        assert.equal(closest("vpcCidrs", ["vpcClientCidr", "vpcCidr", "vpnClientCidr"]), "vpcCidr");
        assert.equal(closest("roles", ["role", "rules"]), "role");
        assert.equal(closest("roles", ["rules", "role"]), "rules");
    });

    it("near enough is a third of the name's length in edits, and at least 2", () => {
        // 7 letters: 2 edits suggest, 3 do not.
        assert.equal(closest("vpcCIRD", ["vpcCidr"]), "vpcCidr");
        assert.equal(closest("vpcXXXX", ["vpcCidr"]), undefined);
        // 3 letters: still 2 edits.
        assert.equal(closest("rle", ["role"]), "role");
        assert.equal(closest("abc", ["axy"]), "axy");
        assert.equal(closest("abc", ["xyz"]), undefined);
        // 12 letters: 4 edits suggest, 5 do not.
        assert.equal(closest("destinationX", ["destinaXXXXX"]), "destinaXXXXX");
        assert.equal(closest("destinationX", ["destinXXXXXX"]), undefined);
        assert.equal(closest("foo", []), undefined);
    });

    it("says `; did you mean X?` or nothing", () => {
        assert.equal(didYouMean("vpcCIRD", ["vpcCidr", "role"]), "; did you mean vpcCidr?");
        assert.equal(didYouMean("foo", ["vpcCidr", "namePrefix"]), "");
    });
});
