// PrivateNetwork under mocks: the awsx VPC inputs, the three endpoints, their security group and policy, exactly.
import * as assert from "node:assert/strict";
import {
    MRAP_ENDPOINT_SERVICE,
    PrivateNetwork,
    PrivateNetworkArgs,
    validatePrivateNetworkArgs,
} from "../../components/network/privateNetwork";
import { accountMultiRegionAccessPoints } from "../../components/network/endpointPolicy";
import { installMocks, ResourceRecorder, settle, valueOf } from "../../verifier/mockRuntime";

const TOKYO_BUCKET = "arn:aws:s3:::acme-data-111111111111-ap-northeast-1";
const OSAKA_BUCKET = "arn:aws:s3:::acme-data-111111111111-ap-northeast-3";
const MRAP = "arn:aws:s3::111111111111:accesspoint/abcdefghijklm.mrap";
const ACTIONS = [
    "s3:GetObject",
    "s3:GetObjectVersion",
    "s3:GetObjectTagging",
    "s3:PutObject",
    "s3:PutObjectTagging",
    "s3:DeleteObject",
    "s3:DeleteObjectVersion",
    "s3:AbortMultipartUpload",
    "s3:ListMultipartUploadParts",
    "s3:ListBucket",
    "s3:ListBucketVersions",
    "s3:ListBucketMultipartUploads",
    "s3:GetBucketLocation",
];
const EXPECTED_POLICY = {
    Version: "2012-10-17",
    Statement: [
        {
            Sid: "AllowPlatformBuckets",
            Effect: "Allow",
            Principal: "*",
            Action: ACTIONS,
            Resource: [TOKYO_BUCKET, `${TOKYO_BUCKET}/*`, OSAKA_BUCKET, `${OSAKA_BUCKET}/*`],
            Condition: { StringEquals: { "aws:ResourceAccount": "111111111111" } },
        },
        {
            Sid: "AllowPlatformMultiRegionAccessPoint",
            Effect: "Allow",
            Principal: "*",
            Action: ACTIONS,
            Resource: [MRAP, `${MRAP}/object/*`],
            Condition: { StringEquals: { "aws:ResourceAccount": "111111111111" } },
        },
    ],
};

const BASE: PrivateNetworkArgs = {
    region: "ap-northeast-1",
    vpcCidr: "10.20.0.0/16",
    availabilityZones: ["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"],
    endpointDnsMode: "endpoint-specific",
    vpnClientCidr: "172.16.0.0/22",
    accountId: "111111111111",
    bucketArns: [TOKYO_BUCKET, OSAKA_BUCKET],
    accessPointArns: [MRAP],
};

describe("PrivateNetwork", () => {
    let rec: ResourceRecorder;
    beforeEach(async () => {
        rec = await installMocks({ stack: "test", accountId: "111111111111", region: "ap-northeast-1" });
    });

    async function build(args: Partial<PrivateNetworkArgs> = {}) {
        const n = new PrivateNetwork("net", { ...BASE, ...args });
        await valueOf(n.urn);
        await valueOf(n.mrapDnsNames);
        await settle();
        return n;
    }
    const vpcOutputs = () => rec.one("awsx:ec2:Vpc", "net-vpc").outputs;
    const endpoint = (name: string) => rec.one("aws:ec2/vpcEndpoint:VpcEndpoint", name).inputs;

    it("declares exactly the VPC, one security group with two rules and three endpoints, all parented to the component", async () => {
        const n = await build();
        const component = rec.one("s3-multiregion:network:PrivateNetwork", "net");
        assert.deepEqual(rec.registeredOutputs.get(component.urn), {
            vpcId: await valueOf(n.vpcId),
            privateSubnetIds: await valueOf(n.privateSubnetIds),
        });
        assert.deepEqual(
            rec.resources
                .filter((r) => r.parent === component.urn)
                .map((r) => `${r.type}/${r.name}`)
                .sort(),
            [
                "aws:ec2/securityGroup:SecurityGroup/net-endpoints",
                "aws:ec2/vpcEndpoint:VpcEndpoint/net-mrap-interface",
                "aws:ec2/vpcEndpoint:VpcEndpoint/net-s3-gateway",
                "aws:ec2/vpcEndpoint:VpcEndpoint/net-s3-interface",
                "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule/net-endpoints-https-from-vpc",
                "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule/net-endpoints-https-from-vpn-clients",
                "awsx:ec2:Vpc/net-vpc",
            ],
        );
    });

    it("asks awsx for private subnets in the configured AZs, no NAT, DNS support and hostnames on", async () => {
        await build();
        assert.deepEqual(rec.one("awsx:ec2:Vpc", "net-vpc").inputs, {
            cidrBlock: "10.20.0.0/16",
            availabilityZoneNames: ["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"],
            subnetStrategy: "Auto",
            subnetSpecs: [{ type: "Private", name: "private" }],
            natGateways: { strategy: "None" },
            enableDnsHostnames: true,
            enableDnsSupport: true,
        });
    });

    it("admits HTTPS only, only from the VPC CIDR and the VPN client CIDR, on its own group (never the VPC default)", async () => {
        const n = await build();
        const sg = rec.one("aws:ec2/securityGroup:SecurityGroup", "net-endpoints");
        assert.deepEqual(sg.inputs, {
            vpcId: vpcOutputs().vpcId,
            description: "S3 and MRAP interface endpoints: HTTPS from the VPC and VPN clients only",
        });
        const rules = rec.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").map((r) => r.inputs);
        assert.deepEqual(rules, [
            {
                securityGroupId: sg.id,
                ipProtocol: "tcp",
                fromPort: 443,
                toPort: 443,
                cidrIpv4: "10.20.0.0/16",
                description: "HTTPS from the VPC",
            },
            {
                securityGroupId: sg.id,
                ipProtocol: "tcp",
                fromPort: 443,
                toPort: 443,
                cidrIpv4: "172.16.0.0/22",
                description: "HTTPS from Client VPN clients",
            },
        ]);
        assert.deepEqual(rec.ofType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"), []);
        assert.equal(await valueOf(n.endpointSecurityGroup.id), sg.id);
        assert.notEqual(sg.id, vpcOutputs().vpc.defaultSecurityGroupId);
    });

    it("without a VPN, admits HTTPS from the VPC CIDR alone", async () => {
        await build({ vpnClientCidr: undefined });
        assert.deepEqual(
            rec.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").map((r) => r.inputs.cidrIpv4),
            ["10.20.0.0/16"],
        );
    });

    it("endpoint-specific mode: interface endpoints for S3 and the MRAP in every private subnet, S3 private DNS off, MRAP private DNS on, the dedicated SG, the platform policy", async () => {
        await build();
        const vpc = vpcOutputs();
        assert.equal(vpc.privateSubnetIds.length, 3);
        const sgId = rec.one("aws:ec2/securityGroup:SecurityGroup", "net-endpoints").id;
        const { policy: s3Policy, ...s3 } = endpoint("net-s3-interface");
        assert.deepEqual(s3, {
            vpcId: vpc.vpcId,
            vpcEndpointType: "Interface",
            serviceName: "com.amazonaws.ap-northeast-1.s3",
            subnetIds: vpc.privateSubnetIds,
            securityGroupIds: [sgId],
            privateDnsEnabled: false,
        });
        const { policy: mrapPolicy, ...mrap } = endpoint("net-mrap-interface");
        assert.deepEqual(mrap, {
            vpcId: vpc.vpcId,
            vpcEndpointType: "Interface",
            serviceName: "com.amazonaws.s3-global.accesspoint",
            subnetIds: vpc.privateSubnetIds,
            securityGroupIds: [sgId],
            // The SDKs send MRAP requests to the global name whatever --endpoint-url says: only private DNS keeps them private.
            privateDnsEnabled: true,
        });
        assert.equal(MRAP_ENDPOINT_SERVICE, "com.amazonaws.s3-global.accesspoint");
        assert.deepEqual(JSON.parse(s3Policy), EXPECTED_POLICY);
        assert.deepEqual(JSON.parse(mrapPolicy), EXPECTED_POLICY);
        for (const e of [s3, mrap])
            assert.ok(!e.securityGroupIds.includes(vpc.vpc.defaultSecurityGroupId), "never the default security group");
    });

    it("private-dns mode: S3 private DNS for all resolvers (VPN clients use the VPC resolver), MRAP private DNS on", async () => {
        await build({ endpointDnsMode: "private-dns" });
        const s3 = endpoint("net-s3-interface");
        assert.deepEqual(
            { privateDnsEnabled: s3.privateDnsEnabled, dnsOptions: s3.dnsOptions },
            { privateDnsEnabled: true, dnsOptions: { privateDnsOnlyForInboundResolverEndpoint: false } },
        );
        const mrap = endpoint("net-mrap-interface");
        assert.deepEqual(
            { privateDnsEnabled: mrap.privateDnsEnabled, dnsOptions: mrap.dnsOptions },
            { privateDnsEnabled: true, dnsOptions: undefined },
        );
    });

    it("routes in-VPC S3 traffic through a gateway endpoint on every awsx route table, with the same policy", async () => {
        await build();
        const vpc = vpcOutputs();
        const { policy, ...gateway } = endpoint("net-s3-gateway");
        assert.equal(vpc.routeTables.length, 3);
        assert.deepEqual(gateway, {
            vpcId: vpc.vpcId,
            serviceName: "com.amazonaws.ap-northeast-1.s3",
            vpcEndpointType: "Gateway",
            routeTableIds: vpc.routeTables.map((t: { id: string }) => t.id),
        });
        assert.deepEqual(JSON.parse(policy), EXPECTED_POLICY);
    });

    it("omits the MRAP statement when no MRAP is given, and computes the resolver from the CIDR", async () => {
        const n = await build({ accessPointArns: [], vpcCidr: "172.31.128.0/20", vpnClientCidr: "10.100.0.0/22" });
        assert.deepEqual(
            JSON.parse(endpoint("net-s3-interface").policy).Statement.map((s: { Sid: string }) => s.Sid),
            ["AllowPlatformBuckets"],
        );
        assert.equal(n.resolverAddress, "172.31.128.2");
        rec.clear();
        await build({ accessPointArns: undefined });
        assert.deepEqual(
            JSON.parse(endpoint("net-s3-interface").policy).Statement.map((s: { Sid: string }) => s.Sid),
            ["AllowPlatformBuckets"],
        );
    });

    it("a stack that cannot know the MRAP's alias allows every MRAP of the account, and no regional access point", () => {
        assert.equal(accountMultiRegionAccessPoints("222222222222"), "arn:aws:s3::222222222222:accesspoint/*");
    });

    it("exposes the endpoints' DNS names", async () => {
        const n = await build();
        const s3Id = rec.one("aws:ec2/vpcEndpoint:VpcEndpoint", "net-s3-interface").id as string;
        const names = await valueOf(n.s3InterfaceDnsNames);
        assert.equal(names.length, 1);
        assert.match(
            names[0],
            new RegExp(`^\\*\\.${s3Id}-[0-9a-f]{8}\\.s3\\.ap-northeast-1\\.vpce\\.amazonaws\\.com$`),
        );
        const mrapId = rec.one("aws:ec2/vpcEndpoint:VpcEndpoint", "net-mrap-interface").id as string;
        const mrapNames = await valueOf(n.mrapDnsNames);
        assert.equal(mrapNames.length, 1);
        assert.match(
            mrapNames[0],
            new RegExp(
                `^\\*\\.${mrapId}-[0-9a-f]{8}\\.accesspoint\\.s3-global\\.ap-northeast-1\\.vpce\\.amazonaws\\.com$`,
            ),
        );
    });

    it("refuses bad CIDRs, AZs outside the region and an empty bucket list with one sentence each", () => {
        const table: [Partial<PrivateNetworkArgs>, string | undefined][] = [
            [{}, undefined],
            [{ vpcCidr: "10.0.0.0/8" }, "vpcCidr 10.0.0.0/8 must be an IPv4 network CIDR from /16 to /24"],
            [{ vpcCidr: "10.0.0.0/25" }, "vpcCidr 10.0.0.0/25 must be an IPv4 network CIDR from /16 to /24"],
            [{ vpcCidr: "10.0.0.1/16" }, "vpcCidr 10.0.0.1/16 must be an IPv4 network CIDR from /16 to /24"],
            [{ availabilityZones: [] }, "availabilityZones must name at least one availability zone"],
            [
                { availabilityZones: ["ap-northeast-1a", "ap-northeast-1a"] },
                "availabilityZones ap-northeast-1a, ap-northeast-1a must be distinct",
            ],
            [
                { availabilityZones: ["ap-northeast-1a", "ap-northeast-3a"] },
                "availability zone ap-northeast-3a is not in ap-northeast-1",
            ],
            [{ endpointDnsMode: "public" as never }, "endpointDnsMode public must be endpoint-specific or private-dns"],
            [{ vpnClientCidr: "10.20.4.0/22" }, "vpnClientCidr 10.20.4.0/22 overlaps vpcCidr 10.20.0.0/16"],
            [{ vpnClientCidr: "nonsense" }, "vpnClientCidr nonsense is not an IPv4 network CIDR"],
            [{ bucketArns: [] }, "bucketArns must name at least one bucket the endpoints allow"],
        ];
        for (const [args, expected] of table)
            assert.equal(validatePrivateNetworkArgs({ ...BASE, ...args }), expected, JSON.stringify(args));
    });

    it("declares nothing, not even the component, when its arguments are refused", async () => {
        assert.throws(
            () => new PrivateNetwork("bad", { ...BASE, availabilityZones: ["us-east-1a"] }),
            /^Error: bad: availability zone us-east-1a is not in ap-northeast-1$/,
        );
        await settle();
        assert.deepEqual(
            rec.resources.map((r) => r.name),
            [],
        );
    });
});
