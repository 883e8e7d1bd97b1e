// IPv4 CIDR parsing and arithmetic for config validation and the network components (no AWS calls).

export interface Cidr {
    /** Network address as an unsigned 32-bit integer. */
    base: number;
    prefix: number;
    /** Canonical text, e.g. `10.0.0.0/16`. */
    text: string;
}

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

export function ipToInt(ip: string): number | undefined {
    const parts = ip.split(".");
    if (parts.length !== 4 || !parts.every((p) => OCTET.test(p))) return undefined;
    return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

export function intToIp(n: number): string {
    return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".");
}

/** Parses `a.b.c.d/n`; returns undefined for bad syntax or host bits set (AWS rejects `10.0.0.1/16` as a VPC CIDR). */
export function parseCidr(text: string): Cidr | undefined {
    const m = /^([0-9.]+)\/(\d{1,2})$/.exec(text.trim());
    if (!m) return undefined;
    const base = ipToInt(m[1]);
    const prefix = Number(m[2]);
    // Stryker disable next-line ConditionalExpression: an undefined base also fails the host-bits test below (NaN % n is NaN); the check is there for the type
    if (base === undefined || prefix > 32) return undefined;
    if (base % 2 ** (32 - prefix) !== 0) return undefined;
    return { base, prefix, text: `${intToIp(base)}/${prefix}` };
}

/** Amazon VPC takes a primary IPv4 CIDR from /16 to /24. */
export function isVpcCidrSize(c: Cidr): boolean {
    return c.prefix >= 16 && c.prefix <= 24;
}

/** Client VPN takes a client address range from /12 to /22. */
export function isVpnClientCidrSize(c: Cidr): boolean {
    return c.prefix >= 12 && c.prefix <= 22;
}

export function cidrSize(c: Cidr): number {
    return 2 ** (32 - c.prefix);
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
    return a.base < b.base + cidrSize(b) && b.base < a.base + cidrSize(a);
}

/** True when `inner` lies entirely inside `outer`. */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
    return inner.base >= outer.base && inner.base + cidrSize(inner) <= outer.base + cidrSize(outer);
}

/**
 * The Amazon-provided DNS resolver of a VPC: its primary CIDR's base address plus two
 * (10.0.0.0/16 -> 10.0.0.2). Client VPN must use it for endpoint DNS names to resolve (the VPN endpoint report).
 */
export function vpcResolverAddress(vpcCidr: string): string {
    const c = parseCidr(vpcCidr);
    if (!c) throw new Error(`not an IPv4 CIDR: ${vpcCidr}`);
    return intToIp(c.base + 2);
}
