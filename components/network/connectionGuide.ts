// Pure functions that turn endpoint DNS entries into the URLs and ready-to-paste commands a VPN-connected laptop needs.
import { EndpointDnsMode } from "../../config/platformConfig";

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

/** `https://bucket.vpce-...`: the form S3 accepts for bucket requests through an interface endpoint (seed 002). */
export function s3EndpointUrl(dnsNames: readonly string[]): string {
    return `https://bucket.${endpointSpecificHost(dnsNames)}`;
}

/** `https://accesspoint.vpce-....accesspoint.s3-global...`: the MRAP interface endpoint's URL (seed 000, step 7). */
export function mrapEndpointUrl(dnsNames: readonly string[]): string {
    return `https://accesspoint.${endpointSpecificHost(dnsNames)}`;
}

export interface ConnectionGuideInput {
    region: string;
    endpointDnsMode: EndpointDnsMode;
    /** A data bucket in `region` to list. */
    bucketName: string;
    s3DnsNames: readonly string[];
    mrapDnsNames: readonly string[];
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
    /** Checks that the name the CLI will use resolves to a private address of the VPC. */
    dig: string;
    /** Lists the regional data bucket through the S3 interface endpoint. */
    s3Ls: string;
    /** Lists the MRAP through the `s3-global.accesspoint` interface endpoint. */
    mrapLs: string;
}

export interface ConnectionGuide {
    s3EndpointUrl: string;
    mrapEndpointUrl: string;
    commands: ConnectionCommands;
}

/**
 * URLs and commands for a laptop connected through the Client VPN.
 *
 * `--region` is always given for S3: without it the CLI signs for (and, with private DNS, resolves)
 * the wrong region and the request fails or leaves the VPN (seed 002's region pitfall). MRAP requests
 * are signed with SigV4A for every region, so they take no `--region`.
 */
export function connectionGuide(i: ConnectionGuideInput): ConnectionGuide {
    const s3Url = s3EndpointUrl(i.s3DnsNames);
    const mrapUrl = mrapEndpointUrl(i.mrapDnsNames);
    const mrap = i.mrapArn ?? "$MRAP_ARN";
    const endpointSpecific = i.endpointDnsMode === "endpoint-specific";
    const commands: ConnectionCommands = {
        dig: endpointSpecific
            ? `dig +short ${new URL(s3Url).host}`
            : `dig +short ${i.bucketName}.s3.${i.region}.amazonaws.com`,
        s3Ls: endpointSpecific
            ? `aws s3 ls s3://${i.bucketName}/ --endpoint-url ${s3Url} --region ${i.region}`
            : `aws s3 ls s3://${i.bucketName}/ --region ${i.region}`,
        mrapLs: endpointSpecific ? `aws s3 ls "s3://${mrap}/" --endpoint-url ${mrapUrl}` : `aws s3 ls "s3://${mrap}/"`,
    };
    if (i.clientVpnEndpointId) {
        commands.exportClientConfig = `aws ec2 export-client-vpn-client-configuration --client-vpn-endpoint-id ${i.clientVpnEndpointId} --region ${i.region} --output text > ${i.clientConfigFile}`;
    }
    return { s3EndpointUrl: s3Url, mrapEndpointUrl: mrapUrl, commands };
}
