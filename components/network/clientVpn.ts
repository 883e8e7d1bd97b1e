// Client VPN into the private network: endpoint, its security group, connection logs, subnet associations, VPC access rule.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { cidrsOverlap, isVpnClientCidrSize, parseCidr, vpcResolverAddress } from "../../config/cidr";
import { LOG_RETENTION_DAYS, VpnCertificateAuth, VpnSamlAuth } from "../../config/platformConfig";
import { isAcmCertificateArn, isSamlProviderArn } from "../../config/validators";

export interface ClientVpnArgs {
    vpcId: pulumi.Input<string>;
    /** The VPC's primary CIDR: the authorization target, and (base + 2) the DNS server pushed to clients. */
    vpcCidr: string;
    /** Availability zones of the subnets, in `subnetIds` order: one association each, named after it. */
    availabilityZones: string[];
    /** One subnet per entry of `availabilityZones` (an Output of awsx's `privateSubnetIds`). */
    subnetIds: pulumi.Input<string[]>;
    /** Client address range, /12 to /22, outside the VPC. */
    clientCidr: string;
    /** Mutual TLS (client root CA in ACM) or SAML federation. */
    authentication: VpnCertificateAuth | VpnSamlAuth;
    /** Only VPC-bound traffic through the VPN. @default true */
    splitTunnel?: boolean;
    /** Connection log retention, a CloudWatch Logs retention value. */
    logRetentionDays: number;
    /** Physical name of the connection log group. */
    logGroupName: string;
    /** Hours until a client must re-authenticate; AWS allows 8, 10, 12 or 24. @default 8 (a working day) */
    sessionTimeoutHours?: 8 | 10 | 12 | 24;
}

/** Why ClientVpnArgs would be refused, or undefined; exported so it can be tested directly. */
export function validateClientVpnArgs(args: ClientVpnArgs): string | undefined {
    const vpc = parseCidr(args.vpcCidr);
    if (!vpc) return `vpcCidr ${args.vpcCidr} is not an IPv4 network CIDR`;
    const client = parseCidr(args.clientCidr);
    // Client VPN refuses client ranges outside /12../22 and ranges that overlap the VPC it reaches.
    if (!client || !isVpnClientCidrSize(client))
        return `clientCidr ${args.clientCidr} must be an IPv4 network CIDR from /12 to /22`;
    if (cidrsOverlap(client, vpc)) return `clientCidr ${args.clientCidr} overlaps vpcCidr ${args.vpcCidr}`;
    if (args.availabilityZones.length === 0)
        return "availabilityZones must name at least one subnet's availability zone";
    const auth = args.authentication;
    if (!isAcmCertificateArn(auth.serverCertificateArn))
        return `serverCertificateArn ${JSON.stringify(auth.serverCertificateArn)} must be an ACM certificate ARN`;
    if (auth.type === "certificate" && !isAcmCertificateArn(auth.clientRootCertificateArn)) {
        return `clientRootCertificateArn ${JSON.stringify(auth.clientRootCertificateArn)} must be an ACM certificate ARN (mutual TLS needs the client root CA)`;
    }
    if (auth.type === "saml" && !isSamlProviderArn(auth.samlProviderArn)) {
        return `samlProviderArn ${JSON.stringify(auth.samlProviderArn)} must be an IAM SAML provider ARN`;
    }
    if (!LOG_RETENTION_DAYS.includes(args.logRetentionDays))
        return `logRetentionDays ${args.logRetentionDays} is not a CloudWatch Logs retention value`;
    return undefined;
}

/** The endpoint's authentication option for the chosen method. */
export function authenticationOption(
    auth: VpnCertificateAuth | VpnSamlAuth,
): aws.types.input.ec2clientvpn.EndpointAuthenticationOption {
    return auth.type === "certificate"
        ? { type: "certificate-authentication", rootCertificateChainArn: auth.clientRootCertificateArn }
        : { type: "federated-authentication", samlProviderArn: auth.samlProviderArn };
}

/**
 * The subnet of `zone` in awsx's `privateSubnetIds`, which follow `availabilityZoneNames` order
 * (one private subnet per AZ); a count mismatch means that assumption broke, so it is refused.
 */
export function subnetOfZone(subnetIds: readonly string[], zones: readonly string[], zone: string): string {
    if (subnetIds.length !== zones.length)
        throw new Error(
            `got ${subnetIds.length} subnet ids for ${zones.length} availability zones (${zones.join(", ")})`,
        );
    const i = zones.indexOf(zone);
    if (i < 0) throw new Error(`availability zone ${zone} is not one of ${zones.join(", ")}`);
    return subnetIds[i];
}

export class ClientVpn extends pulumi.ComponentResource {
    readonly endpoint: aws.ec2clientvpn.Endpoint;
    readonly securityGroup: aws.ec2.SecurityGroup;
    readonly logGroup: aws.cloudwatch.LogGroup;
    readonly associations: aws.ec2clientvpn.NetworkAssociation[];
    readonly authorizationRule: aws.ec2clientvpn.AuthorizationRule;
    /** What clients are told to use as DNS server: the VPC resolver, computed from the CIDR. */
    readonly dnsServer: string;

    constructor(name: string, args: ClientVpnArgs, opts?: pulumi.ComponentResourceOptions) {
        // Validated before super(): a refused VPN must not leave even its component registered.
        const problem = validateClientVpnArgs(args);
        if (problem) throw new Error(`${name}: ${problem}`);
        super("s3-multiregion:network:ClientVpn", name, {}, opts);
        const child = { parent: this };
        const vpcCidr = parseCidr(args.vpcCidr)!.text;
        // Endpoint-specific and private DNS names only resolve to the endpoints' private addresses
        // through the VPC's own resolver (the VPN endpoint report, pattern 1): base + 2, never typed by hand.
        this.dnsServer = vpcResolverAddress(vpcCidr);

        this.logGroup = new aws.cloudwatch.LogGroup(
            `${name}-connections`,
            { name: args.logGroupName, retentionInDays: args.logRetentionDays },
            child,
        );
        const logStream = new aws.cloudwatch.LogStream(
            `${name}-connections`,
            { logGroupName: this.logGroup.name, name: "connections" },
            child,
        );

        // Its own group (not the VPC default): client traffic leaves the VPN's ENIs only as HTTPS into
        // the VPC. No ingress rules: replies to client-initiated flows are stateful. No DNS rule: security
        // groups do not filter traffic to the Amazon DNS server (base + 2), so a port-53 rule would only
        // pretend to be what lets DNS through.
        this.securityGroup = new aws.ec2.SecurityGroup(
            `${name}`,
            { vpcId: args.vpcId, description: "Client VPN: HTTPS into the VPC only" },
            child,
        );
        new aws.vpc.SecurityGroupEgressRule(
            `${name}-https-to-vpc`,
            {
                securityGroupId: this.securityGroup.id,
                ipProtocol: "tcp",
                fromPort: 443,
                toPort: 443,
                cidrIpv4: vpcCidr,
                description: "HTTPS to the VPC endpoints",
            },
            child,
        );

        this.endpoint = new aws.ec2clientvpn.Endpoint(
            name,
            {
                description: `${name}: private access to S3 and the MRAP`,
                serverCertificateArn: args.authentication.serverCertificateArn,
                authenticationOptions: [authenticationOption(args.authentication)],
                clientCidrBlock: parseCidr(args.clientCidr)!.text,
                dnsServers: [this.dnsServer],
                splitTunnel: args.splitTunnel ?? true,
                transportProtocol: "udp",
                vpnPort: 443,
                sessionTimeoutHours: args.sessionTimeoutHours ?? 8,
                vpcId: args.vpcId,
                securityGroupIds: [this.securityGroup.id],
                connectionLogOptions: {
                    enabled: true,
                    cloudwatchLogGroup: this.logGroup.name,
                    cloudwatchLogStream: logStream.name,
                },
            },
            child,
        );

        // The number of subnets is known from the AZ list, so each association is declared here and only
        // its subnet id comes from awsx's Output (resources are never created inside apply).
        const subnetIds = pulumi.output(args.subnetIds);
        this.associations = args.availabilityZones.map(
            (az) =>
                new aws.ec2clientvpn.NetworkAssociation(
                    `${name}-${az}`,
                    {
                        clientVpnEndpointId: this.endpoint.id,
                        subnetId: subnetIds.apply((ids) => subnetOfZone(ids, args.availabilityZones, az)),
                    },
                    child,
                ),
        );

        // Every authenticated client may reach the VPC: with mutual TLS there are no groups, and with SAML
        // the IdP's assignment of the Client VPN application already decides who can connect.
        this.authorizationRule = new aws.ec2clientvpn.AuthorizationRule(
            `${name}-vpc`,
            {
                clientVpnEndpointId: this.endpoint.id,
                targetNetworkCidr: vpcCidr,
                authorizeAllGroups: true,
                description: "All authenticated clients to the VPC",
            },
            child,
        );
        this.registerOutputs({ endpointId: this.endpoint.id });
    }
}
