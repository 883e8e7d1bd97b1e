// Builds the private network (and its Client VPN) for a primary or secondary stack and shapes its `network` output.
import * as pulumi from "@pulumi/pulumi";
import { CommonConfig, NetworkConfig } from "../config/platformConfig";
import { ClientVpn } from "../components/network/clientVpn";
import { connectionGuide } from "../components/network/connectionGuide";
import { PrivateNetwork } from "../components/network/privateNetwork";

export interface StackNetworkArgs {
    /** Data bucket of this stack's region: the one the ready-made commands list. */
    bucketName: pulumi.Input<string>;
    /** Buckets the endpoints allow (ARNs or ARN patterns). */
    bucketArns: pulumi.Input<string>[];
    /** MRAPs the endpoints allow. */
    accessPointArns: pulumi.Input<string>[];
    /** The MRAP's ARN for the commands; unknown to a secondary stack (then `$MRAP_ARN`). */
    mrapArn?: pulumi.Input<string>;
}

/** The `network` stack output; the README section "Connecting from on-premises" documents each field. */
export function stackNetwork(cfg: CommonConfig, net: NetworkConfig, args: StackNetworkArgs) {
    const network = new PrivateNetwork("network", {
        region: cfg.region,
        vpcCidr: net.vpcCidr,
        availabilityZones: net.availabilityZones,
        endpointDnsMode: net.endpointDnsMode,
        vpnClientCidr: net.vpn?.clientCidr,
        accountId: cfg.accountId,
        bucketArns: args.bucketArns,
        accessPointArns: args.accessPointArns,
    });
    const vpn = net.vpn
        ? new ClientVpn("client-vpn", {
              vpcId: network.vpcId,
              vpcCidr: network.vpcCidr,
              availabilityZones: net.availabilityZones,
              subnetIds: network.privateSubnetIds,
              clientCidr: net.vpn.clientCidr,
              authentication: net.vpn.authentication,
              splitTunnel: net.vpn.splitTunnel,
              logRetentionDays: net.vpn.logRetentionDays,
              logGroupName: `/${cfg.namePrefix}/client-vpn`,
          })
        : undefined;

    const guide = pulumi
        .all([args.bucketName, network.s3InterfaceDnsNames, args.mrapArn, vpn?.endpoint.id])
        .apply(([bucketName, s3DnsNames, mrapArn, clientVpnEndpointId]) =>
            connectionGuide({
                region: cfg.region,
                endpointDnsMode: net.endpointDnsMode,
                vpcCidr: network.vpcCidr,
                bucketName,
                s3DnsNames,
                mrapArn,
                clientVpnEndpointId,
                clientConfigFile: `${cfg.namePrefix}-${cfg.stack}.ovpn`,
            }),
        );

    return pulumi.output({
        vpcId: network.vpcId,
        vpcCidr: network.vpcCidr,
        privateSubnetIds: network.privateSubnetIds,
        resolverAddress: network.resolverAddress,
        endpointDnsMode: net.endpointDnsMode,
        endpointSecurityGroupId: network.endpointSecurityGroup.id,
        s3GatewayEndpointId: network.s3GatewayEndpoint.id,
        s3InterfaceEndpointId: network.s3InterfaceEndpoint.id,
        s3InterfaceEndpointDnsNames: network.s3InterfaceDnsNames,
        s3EndpointUrl: guide.s3EndpointUrl,
        mrapEndpointId: network.mrapEndpoint.id,
        mrapEndpointDnsNames: network.mrapDnsNames,
        ...(vpn
            ? {
                  clientVpnEndpointId: vpn.endpoint.id,
                  clientVpnDnsName: vpn.endpoint.dnsName,
                  clientVpnSecurityGroupId: vpn.securityGroup.id,
                  clientVpnLogGroupName: vpn.logGroup.name,
              }
            : {}),
        commands: guide.commands,
    });
}
