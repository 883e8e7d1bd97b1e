// IPv4 CIDR arithmetic the pack needs on its own (it does not import the program): the VPC resolver address and /0 checks.

function ipToInt(ip: string): number | undefined {
    const parts = ip.split(".");
    if (parts.length !== 4) return undefined;
    let n = 0;
    for (const p of parts) {
        if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
        n = n * 256 + Number(p);
    }
    return n;
}

function intToIp(n: number): string {
    return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".");
}

/**
 * The Amazon-provided DNS resolver of a VPC: the network address of its primary CIDR plus two
 * (10.20.0.0/16 -> 10.20.0.2). Undefined when the text is not an IPv4 CIDR.
 */
export function vpcResolverAddress(cidr: string): string | undefined {
    const m = /^([0-9.]+)\/(\d{1,2})$/.exec(cidr.trim());
    if (!m) return undefined;
    const ip = ipToInt(m[1]);
    const prefix = Number(m[2]);
    if (ip === undefined || prefix > 30) return undefined;
    const size = 2 ** (32 - prefix);
    const base = ip - (ip % size);
    return intToIp(base + 2);
}

/** Whether a CIDR admits every address of its family (0.0.0.0/0, ::/0). */
export function isWorldCidr(cidr: string): boolean {
    const c = cidr.trim();
    return /^0+\.0+\.0+\.0+\/0$/.test(c) || /^::\/0$/.test(c) || /^0*:0*:0*:0*:0*:0*:0*:0*\/0$/.test(c);
}
