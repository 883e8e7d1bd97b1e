// CIDR parsing and the VPC resolver address (base + 2) the Client VPN DNS setting is computed from.
import * as assert from "node:assert/strict";
import { cidrContains, cidrsOverlap, parseCidr, vpcResolverAddress } from "../../config/cidr";

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
    });
});
