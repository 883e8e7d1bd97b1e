// Pure functions that turn endpoint DNS entries into the URLs and ready-to-paste commands a VPN-connected laptop needs.
import { parseCidr } from "../../config/cidr";
import { parseMrapArn } from "../../config/validators";
import { EndpointDnsMode } from "../../config/platformConfig";
import { mrapHost } from "../storage/multiRegionAccessPoint";

/**
 * The endpoint-specific regional name of an interface endpoint, without the leading `*.`.
 *
 * AWS lists a regional wildcard name (`*.vpce-<id>-<suffix>.s3.<region>.vpce.amazonaws.com`), one per
 * AZ (`*.vpce-<id>-<suffix>-<az>.s3...`) and, with private DNS, the service's own names; the order
 * is not documented, so the regional one is picked by shape, not by index.
 */
export function endpointSpecificHost(dnsNames: readonly string[]): string {
    const regional = dnsNames.find((n) => /^\*\.vpce-[0-9a-z]+-[0-9a-z]+\./.test(n));
    const chosen = regional ?? dnsNames.find((n) => n.startsWith("*.vpce-"));
    if (!chosen) throw new Error(`no endpoint-specific DNS name among [${dnsNames.join(", ")}]`);
    return chosen.slice(2);
}

/**
 * `https://bucket.vpce-...`: the form S3 accepts for bucket requests through an interface endpoint (the VPN endpoint
 * report).
 */
export function s3EndpointUrl(dnsNames: readonly string[]): string {
    return `https://bucket.${endpointSpecificHost(dnsNames)}`;
}

/**
 * The host an MRAP request goes to: `<alias>.accesspoint.s3-global.amazonaws.com`, whatever
 * `--endpoint-url` says. The AWS CLI (botocore 1.43) and `@aws-sdk/client-s3` (3.1112) ignore a custom
 * endpoint for an MRAP ARN, so the only private path is this name resolving to the MRAP interface
 * endpoint, which private DNS on that endpoint does. For a shell variable (`$MRAP_ARN`) the alias is
 * cut off the ARN by the shell.
 */
export function mrapRequestHost(mrapArn: string): string {
    if (mrapArn.startsWith("$")) return mrapHost(`\${${mrapArn.slice(1)}##*/}`);
    const alias = parseMrapArn(mrapArn)?.alias;
    if (!alias) throw new Error(`${mrapArn} is not an MRAP ARN (arn:aws:s3::<account>:accesspoint/<alias>.mrap)`);
    return mrapHost(alias);
}

/**
 * An `awk` filter for `dig +short` output that says, per address, whether it lies in `vpcCidr`.
 * An address outside it means the name resolved to AWS's public addresses: with split tunnel the
 * request would leave through the laptop's own internet connection instead of the VPN.
 */
export function inVpcCheck(vpcCidr: string): string {
    const cidr = parseCidr(vpcCidr);
    if (!cidr) throw new Error(`not an IPv4 CIDR: ${vpcCidr}`);
    const last = cidr.base + 2 ** (32 - cidr.prefix) - 1;
    return (
        `awk -F. -v lo=${cidr.base} -v hi=${last} '/^[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+$/ ` +
        `{ n = (($1 * 256 + $2) * 256 + $3) * 256 + $4; seen = 1; ` +
        `print $0 (n >= lo && n <= hi ? " is in" : " is NOT in") " the VPC CIDR ${cidr.text}" } ` +
        `END { if (!seen) print "no address: the VPN DNS server did not answer for this name" }'`
    );
}

export interface ConnectionGuideInput {
    region: string;
    endpointDnsMode: EndpointDnsMode;
    /** The VPC's CIDR: private answers lie inside it. */
    vpcCidr: string;
    /** A data bucket in `region` to list. */
    bucketName: string;
    s3DnsNames: readonly string[];
    /** The MRAP ARN; when unknown to this stack, commands use `$MRAP_ARN` for the user to set. */
    mrapArn?: string;
    /** Absent when the stack builds no Client VPN. */
    clientVpnEndpointId?: string;
    /** Where the exported client configuration is written. */
    clientConfigFile: string;
}

export interface ConnectionCommands {
    /** Downloads the Client VPN client configuration (absent without a Client VPN). */
    exportClientConfig?: string;
    /** Resolves the host `s3Ls` sends to and says whether the answers lie in the VPC CIDR. */
    dig: string;
    /** Resolves `<alias>.accesspoint.s3-global.amazonaws.com` and says whether the answers lie in the VPC CIDR. */
    mrapDig: string;
    /** Lists the regional data bucket through the S3 interface endpoint. */
    s3Ls: string;
    /** Lists the MRAP; private because its global name resolves to the MRAP interface endpoint. */
    mrapLs: string;
}

export interface ConnectionGuide {
    s3EndpointUrl: string;
    commands: ConnectionCommands;
}

/**
 * URLs and commands for a laptop connected through the Client VPN.
 *
 * `--region` is always given for S3: without it the CLI signs for (and, with private DNS, resolves)
 * the wrong region and the request fails or leaves the VPN (the VPN endpoint report's region pitfall). MRAP requests
 * are signed with SigV4A for every region, so they take no `--region`, and no `--endpoint-url`: the
 * SDKs send them to the MRAP's global name regardless (see `mrapRequestHost`).
 */
export function connectionGuide(i: ConnectionGuideInput): ConnectionGuide {
    const s3Url = s3EndpointUrl(i.s3DnsNames);
    const mrap = i.mrapArn ?? "$MRAP_ARN";
    const endpointSpecific = i.endpointDnsMode === "endpoint-specific";
    // The exact host the SDK sends a bucket request to: virtual-hosted under the endpoint URL, or the regional name.
    const s3Host = endpointSpecific
        ? `${i.bucketName}.${new URL(s3Url).host}`
        : `${i.bucketName}.s3.${i.region}.amazonaws.com`;
    const check = inVpcCheck(i.vpcCidr);
    const commands: ConnectionCommands = {
        dig: `dig +short ${s3Host} | ${check}`,
        mrapDig: `dig +short "${mrapRequestHost(mrap)}" | ${check}`,
        s3Ls: endpointSpecific
            ? `aws s3 ls s3://${i.bucketName}/ --endpoint-url ${s3Url} --region ${i.region}`
            : `aws s3 ls s3://${i.bucketName}/ --region ${i.region}`,
        mrapLs: `aws s3 ls "s3://${mrap}/"`,
    };
    if (i.clientVpnEndpointId) {
        commands.exportClientConfig = `aws ec2 export-client-vpn-client-configuration --client-vpn-endpoint-id ${i.clientVpnEndpointId} --region ${i.region} --output text > ${i.clientConfigFile}`;
    }
    return { s3EndpointUrl: s3Url, commands };
}
