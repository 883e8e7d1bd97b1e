// The private network's config (VPC, endpoints, Client VPN): parsed for primary and secondary stacks.
import { cidrsOverlap, isVpcCidrSize, isVpnClientCidrSize, parseCidr } from "./cidr";
import { fail, Reader } from "./configReader";
import { EndpointDnsMode, LOG_RETENTION_DAYS, NetworkConfig, VpnConfig } from "./configTypes";
import { acmCertificateArn, isAvailabilityZoneIn, isSamlProviderArn } from "./validators";

export function network(r: Reader, stackRegion: string): NetworkConfig {
    const vpcText = r.string("vpcCidr", "an IPv4 CIDR from /16 to /24, e.g. 10.0.0.0/16");
    const vpc = parseCidr(vpcText);
    if (!vpc || !isVpcCidrSize(vpc))
        fail("vpcCidr", vpcText, "an IPv4 network CIDR from /16 to /24 (host bits zero), e.g. 10.0.0.0/16");

    const azs = r.array("availabilityZones", `availability zones of ${stackRegion}, e.g. ${stackRegion}a`);
    const azAllowed = `1 to 6 distinct availability zones of ${stackRegion} (${stackRegion}a, ${stackRegion}c, ...)`;
    if (azs.length === 0 || azs.length > 6 || new Set(azs).size !== azs.length)
        fail("availabilityZones", azs, azAllowed);
    for (const az of azs) {
        if (!isAvailabilityZoneIn(az, stackRegion))
            fail("availabilityZones", azs, `${azAllowed}; ${az} is not in ${stackRegion}`);
    }

    const endpointDnsMode = r.oneOf<EndpointDnsMode>("endpointDnsMode", ["endpoint-specific", "private-dns"]);
    const result: NetworkConfig = { vpcCidr: vpc.text, availabilityZones: azs, endpointDnsMode };
    if (!r.boolean("vpnEnabled")) return result;

    const clientText = r.string("vpnClientCidr", "an IPv4 CIDR from /12 to /22 outside the VPC CIDR");
    const client = parseCidr(clientText);
    // Client VPN requires a client CIDR of /12 to /22 that does not overlap the VPC it reaches.
    if (!client || !isVpnClientCidrSize(client))
        fail(
            "vpnClientCidr",
            clientText,
            "an IPv4 network CIDR from /12 to /22 (Client VPN limits), e.g. 172.16.0.0/22",
        );
    if (cidrsOverlap(client, vpc))
        fail("vpnClientCidr", clientText, `a CIDR that does not overlap vpcCidr ${vpc.text}`);

    const authType = r.oneOf<"certificate" | "saml">("vpnAuthentication", ["certificate", "saml"]);
    const serverCertificateArn = acmCertificateArn(
        r,
        "vpnServerCertificateArn",
        stackRegion,
        "required for Client VPN",
    );
    let authentication: VpnConfig["authentication"];
    if (authType === "certificate") {
        const clientRootCertificateArn = acmCertificateArn(
            r,
            "vpnClientRootCertificateArn",
            stackRegion,
            "required when vpnAuthentication is certificate",
        );
        authentication = { type: "certificate", serverCertificateArn, clientRootCertificateArn };
    } else {
        const allowed =
            "an IAM SAML provider ARN (arn:aws:iam::<account>:saml-provider/<name>), required when vpnAuthentication is saml";
        const samlProviderArn = r.string("vpnSamlProviderArn", allowed);
        if (!isSamlProviderArn(samlProviderArn)) fail("vpnSamlProviderArn", samlProviderArn, allowed);
        authentication = { type: "saml", serverCertificateArn, samlProviderArn };
    }
    const retentionAllowed = `one of CloudWatch Logs' retention periods: ${LOG_RETENTION_DAYS.join(", ")}`;
    const logRetentionDays = r.integer("vpnLogRetentionDays", 1, 3653, retentionAllowed);
    if (!LOG_RETENTION_DAYS.includes(logRetentionDays))
        fail("vpnLogRetentionDays", String(logRetentionDays), retentionAllowed);
    result.vpn = {
        clientCidr: client.text,
        authentication,
        splitTunnel: r.boolean("vpnSplitTunnel"),
        logRetentionDays,
    };
    return result;
}
