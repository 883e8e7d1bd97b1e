// Private access network: a VPC of private subnets, S3 gateway + interface endpoints and the MRAP interface endpoint.
import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { cidrsOverlap, isVpcCidrSize, parseCidr, vpcResolverAddress } from "../../config/cidr";
import { isAvailabilityZoneIn } from "../../config/validators";
import { EndpointDnsMode } from "../../config/platformConfig";
import { platformEndpointPolicy } from "./endpointPolicy";

/** Service name of the MRAP interface endpoint: the only endpoint type that reaches an MRAP (gateway endpoints cannot). */
export const MRAP_ENDPOINT_SERVICE = "com.amazonaws.s3-global.accesspoint";

export function s3EndpointService(region: string): string {
    return `com.amazonaws.${region}.s3`;
}

export interface PrivateNetworkArgs {
    /** Region of the VPC (the stack's); names the regional S3 endpoint service. */
    region: string;
    /** VPC CIDR, /16 to /24. */
    vpcCidr: string;
    /** Availability zones of `region`; one private subnet (and one endpoint ENI) in each. */
    availabilityZones: string[];
    /**
     * The S3 interface endpoint's DNS. `endpoint-specific`: clients address `bucket.vpce-...` names and
     * regional S3 names keep their public answers. `private-dns`: `s3.<region>.amazonaws.com` and
     * `*.s3.<region>.amazonaws.com` resolve to the endpoint. MRAP names resolve to the MRAP endpoint in both.
     */
    endpointDnsMode: EndpointDnsMode;
    /** Client VPN client CIDR; HTTPS from it reaches the endpoints. @default no VPN rule */
    vpnClientCidr?: string;
    /** Account owning the buckets and the MRAP. */
    accountId: string;
    /** Buckets the endpoints allow (ARNs or ARN patterns). */
    bucketArns: pulumi.Input<string>[];
    /** MRAPs the endpoints allow. @default [] (no MRAP statement) */
    accessPointArns?: pulumi.Input<string>[];
}

/** Why PrivateNetworkArgs would be refused, or undefined; exported so it can be tested directly. */
export function validatePrivateNetworkArgs(args: PrivateNetworkArgs): string | undefined {
    const vpc = parseCidr(args.vpcCidr);
    if (!vpc || !isVpcCidrSize(vpc)) return `vpcCidr ${args.vpcCidr} must be an IPv4 network CIDR from /16 to /24`;
    if (args.availabilityZones.length === 0) return "availabilityZones must name at least one availability zone";
    if (new Set(args.availabilityZones).size !== args.availabilityZones.length)
        return `availabilityZones ${args.availabilityZones.join(", ")} must be distinct`;
    for (const az of args.availabilityZones) {
        if (!isAvailabilityZoneIn(az, args.region)) return `availability zone ${az} is not in ${args.region}`;
    }
    if (!["endpoint-specific", "private-dns"].includes(args.endpointDnsMode))
        return `endpointDnsMode ${args.endpointDnsMode} must be endpoint-specific or private-dns`;
    if (args.vpnClientCidr !== undefined) {
        const client = parseCidr(args.vpnClientCidr);
        if (!client) return `vpnClientCidr ${args.vpnClientCidr} is not an IPv4 network CIDR`;
        if (cidrsOverlap(client, vpc)) return `vpnClientCidr ${args.vpnClientCidr} overlaps vpcCidr ${args.vpcCidr}`;
    }
    if (args.bucketArns.length === 0) return "bucketArns must name at least one bucket the endpoints allow";
    return undefined;
}

export class PrivateNetwork extends pulumi.ComponentResource {
    readonly vpc: awsx.ec2.Vpc;
    readonly vpcId: pulumi.Output<string>;
    readonly vpcCidr: string;
    /** The VPC's Amazon-provided resolver (CIDR base + 2): the Client VPN's DNS server. */
    readonly resolverAddress: string;
    /** One per availability zone, in `availabilityZones` order. */
    readonly privateSubnetIds: pulumi.Output<string[]>;
    readonly endpointSecurityGroup: aws.ec2.SecurityGroup;
    readonly s3GatewayEndpoint: aws.ec2.VpcEndpoint;
    readonly s3InterfaceEndpoint: aws.ec2.VpcEndpoint;
    readonly mrapEndpoint: aws.ec2.VpcEndpoint;
    readonly s3InterfaceDnsNames: pulumi.Output<string[]>;
    readonly mrapDnsNames: pulumi.Output<string[]>;

    constructor(name: string, args: PrivateNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        // Validated before super(): a refused network must not leave even its component registered.
        const problem = validatePrivateNetworkArgs(args);
        if (problem) throw new Error(`${name}: ${problem}`);
        super("s3-multiregion:network:PrivateNetwork", name, {}, opts);
        const child = { parent: this };
        this.vpcCidr = parseCidr(args.vpcCidr)!.text;
        this.resolverAddress = vpcResolverAddress(this.vpcCidr);

        this.vpc = new awsx.ec2.Vpc(
            `${name}-vpc`,
            {
                cidrBlock: this.vpcCidr,
                availabilityZoneNames: args.availabilityZones,
                subnetStrategy: "Auto",
                subnetSpecs: [{ type: "Private", name: "private" }],
                // Nothing here needs the internet: S3 and the MRAP are reached through endpoints.
                natGateways: { strategy: "None" },
                // Interface endpoints' private DNS (and the resolver answering VPN clients) need both.
                enableDnsHostnames: true,
                enableDnsSupport: true,
            },
            child,
        );
        this.vpcId = this.vpc.vpcId;
        this.privateSubnetIds = this.vpc.privateSubnetIds;

        // Never the VPC's default group: it only admits members of itself, so VPN clients are
        // silently dropped (the VPN endpoint report lost hours to it). Rules are separate resources, one per source.
        this.endpointSecurityGroup = new aws.ec2.SecurityGroup(
            `${name}-endpoints`,
            {
                vpcId: this.vpcId,
                description: "S3 and MRAP interface endpoints: HTTPS from the VPC and VPN clients only",
            },
            child,
        );
        const sources: [string, string, string][] = [["vpc", this.vpcCidr, "HTTPS from the VPC"]];
        if (args.vpnClientCidr !== undefined) {
            // Client VPN source-NATs client traffic to its ENIs in the VPC; the client range is admitted
            // as well so the rule still holds for un-NATed paths (Direct Connect, Site-to-Site VPN).
            sources.push(["vpn-clients", parseCidr(args.vpnClientCidr)!.text, "HTTPS from Client VPN clients"]);
        }
        for (const [suffix, cidr, description] of sources) {
            new aws.vpc.SecurityGroupIngressRule(
                `${name}-endpoints-https-from-${suffix}`,
                {
                    securityGroupId: this.endpointSecurityGroup.id,
                    ipProtocol: "tcp",
                    fromPort: 443,
                    toPort: 443,
                    cidrIpv4: cidr,
                    description,
                },
                child,
            );
        }

        const policy = platformEndpointPolicy({
            accountId: args.accountId,
            bucketArns: args.bucketArns,
            accessPointArns: args.accessPointArns ?? [],
        });

        // In-VPC traffic to S3 at no charge. The route tables are awsx's children, read from its output.
        const routeTableIds = this.vpc.routeTables.apply((tables) => pulumi.all(tables.map((t) => t.id)));
        this.s3GatewayEndpoint = new aws.ec2.VpcEndpoint(
            `${name}-s3-gateway`,
            {
                vpcId: this.vpcId,
                serviceName: s3EndpointService(args.region),
                vpcEndpointType: "Gateway",
                routeTableIds,
                policy,
            },
            child,
        );

        const privateDns = args.endpointDnsMode === "private-dns";
        const interfaceArgs = {
            vpcId: this.vpcId,
            vpcEndpointType: "Interface",
            subnetIds: this.privateSubnetIds,
            securityGroupIds: [this.endpointSecurityGroup.id],
            policy,
        };
        this.s3InterfaceEndpoint = new aws.ec2.VpcEndpoint(
            `${name}-s3-interface`,
            {
                ...interfaceArgs,
                serviceName: s3EndpointService(args.region),
                privateDnsEnabled: privateDns,
                // VPN clients query the VPC resolver from inside the VPC, so "private DNS only for inbound
                // resolver endpoints" would hand them S3's public addresses and send them around the VPN.
                // All resolvers therefore get the interface endpoint; the cost is that in-VPC S3 traffic
                // by regional name uses it too (per-GB charge) instead of the gateway endpoint.
                dnsOptions: privateDns ? { privateDnsOnlyForInboundResolverEndpoint: false } : undefined,
            },
            child,
        );
        // Private DNS always on, whatever `endpointDnsMode`: the AWS CLI and SDKs send MRAP requests to
        // `<alias>.accesspoint.s3-global.amazonaws.com` and ignore `--endpoint-url`, so only this name
        // resolving to the endpoint keeps them private. It covers `*.accesspoint.s3-global.amazonaws.com`
        // alone (no regional S3 name), and the MRAP has no gateway endpoint to conflict with.
        this.mrapEndpoint = new aws.ec2.VpcEndpoint(
            `${name}-mrap-interface`,
            { ...interfaceArgs, serviceName: MRAP_ENDPOINT_SERVICE, privateDnsEnabled: true },
            child,
        );

        this.s3InterfaceDnsNames = this.s3InterfaceEndpoint.dnsEntries.apply((entries) =>
            entries.map((e) => e.dnsName),
        );
        this.mrapDnsNames = this.mrapEndpoint.dnsEntries.apply((entries) => entries.map((e) => e.dnsName));
        this.registerOutputs({ vpcId: this.vpcId, privateSubnetIds: this.privateSubnetIds });
    }
}
