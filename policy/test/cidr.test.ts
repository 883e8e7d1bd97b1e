// The pack's own CIDR arithmetic at its edges: octet and prefix bounds, and what counts as a world-wide block.

import * as assert from "node:assert/strict";

import { isWorldCidr, vpcResolverAddress } from "../lib/cidr";

describe("lib: CIDR edges", () => {
    it("reads octets up to 255 and refuses 256, and prefixes up to /30", () => {
        const table: [string, string | undefined][] = [
            ["10.255.0.0/16", "10.255.0.2"],
            ["10.256.0.0/16", undefined],
            ["255.255.255.0/24", "255.255.255.2"],
            ["10.0.0.0/30", "10.0.0.2"],
            ["10.0.0.0/31", undefined],
            ["10.0.0/16", undefined],
            ["10.0.0.0.0/16", undefined],
            ["10.0.0.1000/16", undefined],
            [" 10.1.0.0/16 ", "10.1.0.2"],
        ];
        for (const [cidr, expected] of table) assert.equal(vpcResolverAddress(cidr), expected, cidr);
    });

    it("counts a block as world-wide only when all of it is zero and its prefix is /0", () => {
        const table: [string, boolean][] = [
            ["0.0.0.0/0", true],
            // Leading zeros write the same address.
            ["000.000.000.000/0", true],
            [" 0.0.0.0/0 ", true],
            ["10.0.0.0/0", false],
            ["0.0.0.0/08", false],
            ["0.0.0.0/8", false],
            ["::/0", true],
            ["0:0:0:0:0:0:0:0/0", true],
            ["0000:0000:0000:0000:0000:0000:0000:0000/0", true],
            ["1:0:0:0:0:0:0:0/0", false],
            ["0:0:0:0:0:0:0:0/08", false],
            ["::1/128", false],
        ];
        for (const [cidr, expected] of table) assert.equal(isWorldCidr(cidr), expected, cidr);
    });
});
