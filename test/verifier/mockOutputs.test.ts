// The mocks' outputs: the ARNs, names and DNS entries AWS would give each resource type, the same on every run.
import * as assert from "node:assert/strict";
import { createHash } from "crypto";
import { MockContext, mockOutput, stableHex } from "../../verifier/mockOutputs";

const A = "111111111111";
const REGION = "ap-northeast-3";

const ctx = (type: string, name: string, inputs: Record<string, unknown> = {}, more: Partial<MockContext> = {}) =>
    ({ type, name, inputs, accountId: A, region: REGION, peers: {}, ...more }) as MockContext;
const hex = (type: string, name: string, length: number) =>
    createHash("sha256").update(`${type}|${name}|${A}|${REGION}`).digest("hex").slice(0, length);

describe("verifier mock outputs", () => {
    it("stableHex is the resource identity's SHA-256, cut to length: another name, account or region gives another", () => {
        const base = { type: "t", name: "n", accountId: A, region: REGION };
        assert.equal(stableHex(base, 12), hex("t", "n", 12));
        assert.equal(stableHex(base, 12).length, 12);
        const others = [{ type: "u" }, { name: "m" }, { accountId: "222222222222" }, { region: "ap-northeast-1" }];
        for (const o of others) assert.notEqual(stableHex({ ...base, ...o }, 12), stableHex(base, 12));
    });

    it("a bucket is its name (asked for by id when read), with its ARN, region and domain names", () => {
        const T = "aws:s3/bucket:Bucket";
        const state = (bucket: string) => ({
            bucket,
            arn: `arn:aws:s3:::${bucket}`,
            region: REGION,
            bucketDomainName: `${bucket}.s3.amazonaws.com`,
            bucketRegionalDomainName: `${bucket}.s3.${REGION}.amazonaws.com`,
        });
        assert.deepEqual(mockOutput(ctx(T, "data", { bucket: "b", tags: { a: "1" } })), {
            id: "b",
            state: { tags: { a: "1" }, ...state("b") },
        });
        assert.deepEqual(mockOutput(ctx(T, "legacy", {}, { id: "live" })), { id: "live", state: state("live") });
    });

    it("a role, a managed policy, a topic and a log group: their given name or a stable one, and their ARNs", () => {
        const role = "aws:iam/role:Role";
        assert.deepEqual(mockOutput(ctx(role, "r", { name: "writer" })), {
            id: "writer",
            state: {
                name: "writer",
                arn: `arn:aws:iam::${A}:role/writer`,
                uniqueId: `AROA${hex(role, "r", 17).toUpperCase()}`,
            },
        });
        assert.equal(mockOutput(ctx(role, "r")).id, `r-${hex(role, "r", 7)}`);
        const policy = "aws:iam/policy:Policy";
        const arn = (name: string) => `arn:aws:iam::${A}:policy/${name}`;
        assert.deepEqual(mockOutput(ctx(policy, "p", { name: "named" })), {
            id: arn("named"),
            state: { name: "named", arn: arn("named") },
        });
        assert.deepEqual(mockOutput(ctx(policy, "p")), { id: arn("p"), state: { arn: arn("p") } });
        const topic = "aws:sns/topic:Topic";
        const topicName = `alarms-${hex(topic, "alarms", 7)}`;
        const topicArn = `arn:aws:sns:${REGION}:${A}:${topicName}`;
        assert.deepEqual(mockOutput(ctx(topic, "alarms")), { id: topicArn, state: { name: topicName, arn: topicArn } });
        assert.equal(mockOutput(ctx(topic, "alarms", { name: "t" })).id, `arn:aws:sns:${REGION}:${A}:t`);
        const group = "aws:cloudwatch/logGroup:LogGroup";
        assert.deepEqual(mockOutput(ctx(group, "g", { name: "/vpn" })), {
            id: "/vpn",
            state: { name: "/vpn", arn: `arn:aws:logs:${REGION}:${A}:log-group:/vpn` },
        });
        assert.equal(mockOutput(ctx(group, "g")).id, `g-${hex(group, "g", 7)}`);
    });

    it("an MRAP has a 13-character alias ending in .mrap, and its ARN and global domain name are built from it", () => {
        const T = "aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint";
        const alias = `${hex(T, "mrap", 13)}.mrap`;
        const details = { name: "platform" };
        assert.deepEqual(mockOutput(ctx(T, "mrap", { details })), {
            id: `${A}:platform`,
            state: {
                details,
                accountId: A,
                alias,
                arn: `arn:aws:s3::${A}:accesspoint/${alias}`,
                domainName: `${alias}.accesspoint.s3-global.amazonaws.com`,
                status: "READY",
            },
        });
        assert.equal(mockOutput(ctx(T, "mrap")).id, `${A}:mrap`);
    });

    it("interface endpoints publish a wildcard DNS name in their service's zone; a gateway endpoint a prefix list", () => {
        const T = "aws:ec2/vpcEndpoint:VpcEndpoint";
        const endpoint = (name: string, serviceName: string, vpcEndpointType: string) =>
            mockOutput(ctx(T, name, { serviceName, vpcEndpointType }));
        const id = (name: string) => `vpce-${hex(T, name, 17)}`;
        const dns = (name: string, zone: string) =>
            `*.${id(name)}-${hex(T, `${name}-dns`, 8)}.${zone}.vpce.amazonaws.com`;
        assert.deepEqual(endpoint("s3", `com.amazonaws.${REGION}.s3`, "Interface"), {
            id: id("s3"),
            state: {
                serviceName: `com.amazonaws.${REGION}.s3`,
                vpcEndpointType: "Interface",
                arn: `arn:aws:ec2:${REGION}:${A}:vpc-endpoint/${id("s3")}`,
                dnsEntries: [{ dnsName: dns("s3", `s3.${REGION}`), hostedZoneId: "Z2E726K9Y6RL4W" }],
                networkInterfaceIds: [],
                prefixListId: undefined,
            },
        });
        const mrap = endpoint("mrap", "com.amazonaws.s3-global.accesspoint", "Interface");
        assert.deepEqual(mrap.state.dnsEntries, [
            { dnsName: dns("mrap", `accesspoint.s3-global.${REGION}`), hostedZoneId: "Z2E726K9Y6RL4W" },
        ]);
        const gateway = endpoint("gw", `com.amazonaws.${REGION}.s3`, "Gateway");
        assert.deepEqual([gateway.state.dnsEntries, gateway.state.prefixListId], [[], "pl-61a54008"]);
    });

    it("a security group, a Client VPN endpoint and an awsx VPC get AWS-shaped ids, one subnet and route table per AZ", () => {
        const sg = "aws:ec2/securityGroup:SecurityGroup";
        const sgId = `sg-${hex(sg, "endpoints", 17)}`;
        assert.deepEqual(mockOutput(ctx(sg, "endpoints")), {
            id: sgId,
            state: { arn: `arn:aws:ec2:${REGION}:${A}:security-group/${sgId}` },
        });
        const vpn = "aws:ec2clientvpn/endpoint:Endpoint";
        const vpnId = `cvpn-endpoint-${hex(vpn, "vpn", 17)}`;
        assert.deepEqual(mockOutput(ctx(vpn, "vpn")), {
            id: vpnId,
            state: {
                arn: `arn:aws:ec2:${REGION}:${A}:client-vpn-endpoint/${vpnId}`,
                dnsName: `*.${vpnId}.prod.clientvpn.${REGION}.amazonaws.com`,
                status: "pending-associate",
            },
        });
        const T = "awsx:ec2:Vpc";
        const vpcId = `vpc-${hex(T, "net", 17)}`;
        const azs = ["ap-northeast-3a", "ap-northeast-3b"];
        assert.deepEqual(mockOutput(ctx(T, "net", { availabilityZoneNames: azs, cidrBlock: "10.0.0.0/16" })), {
            id: vpcId,
            state: {
                availabilityZoneNames: azs,
                cidrBlock: "10.0.0.0/16",
                vpcId,
                privateSubnetIds: azs.map((az) => `subnet-${hex(T, `net-private-${az}`, 17)}`),
                publicSubnetIds: [],
                isolatedSubnetIds: [],
                routeTables: azs.map((az) => ({ id: `rtb-${hex(T, `net-private-${az}-rt`, 17)}`, vpcId })),
                vpc: {
                    id: vpcId,
                    cidrBlock: "10.0.0.0/16",
                    defaultSecurityGroupId: `sg-${hex(T, "net-default-sg", 17)}`,
                },
            },
        });
        assert.deepEqual(mockOutput(ctx(T, "bare")).state.privateSubnetIds, []);
    });

    it("a StackReference answers its peer's outputs, and fails as a real one would for a stack never deployed", () => {
        const T = "pulumi:pulumi:StackReference";
        const peers = { osaka: { bucketName: "b" } };
        assert.deepEqual(mockOutput(ctx(T, "peer-osaka", { name: "org/p/osaka" }, { peers })), {
            id: "org/p/osaka",
            state: { name: "org/p/osaka", outputs: { bucketName: "b" }, secretOutputNames: [] },
        });
        assert.throws(
            () => mockOutput(ctx(T, "peer-x", { name: "org/p/singapore" }, { peers })),
            new Error(
                "stack reference org/p/singapore: stack singapore has not been deployed (no outputs); deploy it first",
            ),
        );
    });

    it("any other type echoes its inputs with a stable id", () => {
        const T = "aws:s3/bucketVersioning:BucketVersioning";
        assert.deepEqual(mockOutput(ctx(T, "v", { bucket: "b" })), {
            id: `v-${hex(T, "v", 8)}`,
            state: { bucket: "b" },
        });
    });
});
