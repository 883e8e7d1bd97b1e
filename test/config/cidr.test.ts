// CIDR parsing and the VPC resolver address (base + 2) the Client VPN DNS setting is computed from.
import * as assert from "node:assert/strict";
import { cidrContains, cidrsOverlap, ipToInt, parseCidr, vpcResolverAddress } from "../../config/cidr";

describe("cidr", () => {
    it("parses network CIDRs and refuses bad syntax and host bits", () => {
        assert.deepEqual(parseCidr("10.0.0.0/16"), { base: 0x0a000000, prefix: 16, text: "10.0.0.0/16" });
        for (const bad of [
            "10.0.0.0",
            "10.0.0.0/33",
            "10.0.0/16",
            "256.0.0.0/8",
            "10.0.0.1/16",
            "01.0.0.0/8",
            "a.b.c.d/8",
        ])
            assert.equal(parseCidr(bad), undefined, bad);
    });

    it("takes each octet from 0 to 255 without leading zeros", () => {
        const table: [string, number | undefined][] = [
            ["0.0.0.0", 0],
            ["9.99.199.249", ((9 * 256 + 99) * 256 + 199) * 256 + 249],
            ["200.240.250.255", ((200 * 256 + 240) * 256 + 250) * 256 + 255],
            ["256.0.0.0", undefined],
            ["0.0.0.260", undefined],
            ["00.0.0.0", undefined],
            ["1.2.3", undefined],
            ["1.2.3.4.5", undefined],
        ];
        for (const [ip, n] of table) assert.equal(ipToInt(ip), n, ip);
    });

    it("refuses a CIDR with anything before or after it, and trims surrounding blanks", () => {
        for (const bad of ["x10.0.0.0/16", "10.0.0.0/16x", "10.0.0.0/160", "10.0.0.0/16/16"])
            assert.equal(parseCidr(bad), undefined, bad);
        assert.deepEqual(parseCidr(" 10.0.0.0/16\n"), { base: 0x0a000000, prefix: 16, text: "10.0.0.0/16" });
    });

    it("takes prefixes up to /32, a single address", () => {
        assert.deepEqual(parseCidr("10.0.0.1/32"), { base: 0x0a000001, prefix: 32, text: "10.0.0.1/32" });
        assert.deepEqual(parseCidr("0.0.0.0/0"), { base: 0, prefix: 0, text: "0.0.0.0/0" });
    });

    it("computes the VPC resolver as the base address plus two", () => {
        const table: [string, string][] = [
            ["10.0.0.0/16", "10.0.0.2"],
            ["172.31.128.0/20", "172.31.128.2"],
            ["192.168.10.0/24", "192.168.10.2"],
            ["10.255.255.0/24", "10.255.255.2"],
        ];
        for (const [cidr, resolver] of table) assert.equal(vpcResolverAddress(cidr), resolver, cidr);
        assert.throws(() => vpcResolverAddress("10.0.0.0/40"), /not an IPv4 CIDR/);
    });

    it("detects overlap and containment", () => {
        const vpc = parseCidr("10.0.0.0/16")!;
        assert.equal(cidrsOverlap(vpc, parseCidr("10.0.255.0/24")!), true);
        assert.equal(cidrsOverlap(vpc, parseCidr("10.1.0.0/22")!), false);
        assert.equal(cidrsOverlap(parseCidr("172.16.0.0/22")!, parseCidr("172.16.3.0/24")!), true);
        assert.equal(cidrContains(vpc, parseCidr("10.0.4.0/22")!), true);
        assert.equal(cidrContains(parseCidr("10.0.4.0/22")!, vpc), false);
        // Adjacent ranges touch but do not overlap, whichever comes first.
        const next = parseCidr("10.1.0.0/16")!;
        assert.equal(cidrsOverlap(next, vpc), false);
        assert.equal(cidrsOverlap(vpc, next), false);
    });

    it("containment needs both ends inside: the same start or end counts, a range before, after or around does not", () => {
        const outer = parseCidr("10.0.4.0/22")!;
        const c = (inner: string) => cidrContains(outer, parseCidr(inner)!);
        assert.equal(c("10.0.4.0/22"), true, "itself");
        assert.equal(c("10.0.4.0/24"), true, "the same start");
        assert.equal(c("10.0.7.0/24"), true, "the same end");
        assert.equal(c("10.0.0.0/24"), false, "wholly before it");
        assert.equal(c("10.0.8.0/24"), false, "wholly after it");
        assert.equal(c("10.0.0.0/21"), false, "around it, with the same end");
        assert.equal(c("10.0.0.0/16"), false, "around it");
    });
});
