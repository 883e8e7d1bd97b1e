// Realistic, deterministic outputs for resources under Pulumi mocks: ARNs, aliases and DNS names computed from inputs.
import type * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";

export interface MockContext {
    type: string;
    name: string;
    /** The resource's inputs as the SDK types them (any value a program may pass). */
    inputs: pulumi.Inputs;
    /** Account the stack deploys into. */
    accountId: string;
    /** The resource's region: its `region` input, else the stack's. */
    region: string;
    /** Stack outputs of peer stacks, by bare stack name (StackReference answers). */
    peers: Readonly<Record<string, Record<string, unknown>>>;
    /** The id a read resource (`Resource.get`) asks for; undefined for a resource the program creates. */
    id?: string;
}

export interface MockOutput {
    id: string;
    state: pulumi.runtime.MockResourceResult["state"];
}

/** Hex digest of the resource's identity: the same program gives the same ids and aliases every run. */
export function stableHex(ctx: Pick<MockContext, "type" | "name" | "accountId" | "region">, length: number): string {
    return createHash("sha256")
        .update(`${ctx.type}|${ctx.name}|${ctx.accountId}|${ctx.region}`)
        .digest("hex")
        .slice(0, length);
}

type MockRule = (ctx: MockContext) => MockOutput;

const withArn = (ctx: MockContext, id: string, arn: string): MockOutput => ({ id, state: { ...ctx.inputs, arn } });

/** Outputs by resource type; anything not listed echoes its inputs with a stable id. */
export const MOCK_RULES: Record<string, MockRule> = {
    "pulumi:pulumi:StackReference": (ctx) => {
        const full = String(ctx.inputs.name);
        const bare = full.split("/").pop() as string;
        const outputs = ctx.peers[bare];
        // A real StackReference to a stack that was never deployed fails; so does this one.
        if (!outputs)
            throw new Error(
                `stack reference ${full}: stack ${bare} has not been deployed (no outputs); deploy it first`,
            );
        return { id: full, state: { name: full, outputs, secretOutputNames: [] } };
    },
    "aws:s3/bucket:Bucket": (ctx) => {
        // A read bucket (an adopted one) is asked for by id, its name.
        const bucket = (ctx.inputs.bucket as string | undefined) ?? (ctx.id as string);
        return {
            id: bucket,
            state: {
                ...ctx.inputs,
                bucket,
                arn: `arn:aws:s3:::${bucket}`,
                region: ctx.region,
                bucketDomainName: `${bucket}.s3.amazonaws.com`,
                bucketRegionalDomainName: `${bucket}.s3.${ctx.region}.amazonaws.com`,
            },
        };
    },
    "aws:iam/role:Role": (ctx) => {
        const roleName = (ctx.inputs.name as string | undefined) ?? `${ctx.name}-${stableHex(ctx, 7)}`;
        return {
            id: roleName,
            state: {
                ...ctx.inputs,
                name: roleName,
                arn: `arn:aws:iam::${ctx.accountId}:role/${roleName}`,
                uniqueId: `AROA${stableHex(ctx, 17).toUpperCase()}`,
            },
        };
    },
    "aws:iam/policy:Policy": (ctx) => {
        const policyName = (ctx.inputs.name as string | undefined) ?? ctx.name;
        return withArn(
            ctx,
            `arn:aws:iam::${ctx.accountId}:policy/${policyName}`,
            `arn:aws:iam::${ctx.accountId}:policy/${policyName}`,
        );
    },
    "aws:sns/topic:Topic": (ctx) => {
        const topicName = (ctx.inputs.name as string | undefined) ?? `${ctx.name}-${stableHex(ctx, 7)}`;
        const arn = `arn:aws:sns:${ctx.region}:${ctx.accountId}:${topicName}`;
        return { id: arn, state: { ...ctx.inputs, name: topicName, arn } };
    },
    "aws:cloudwatch/logGroup:LogGroup": (ctx) => {
        const groupName = (ctx.inputs.name as string | undefined) ?? `${ctx.name}-${stableHex(ctx, 7)}`;
        return {
            id: groupName,
            state: {
                ...ctx.inputs,
                name: groupName,
                arn: `arn:aws:logs:${ctx.region}:${ctx.accountId}:log-group:${groupName}`,
            },
        };
    },
    "aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint": (ctx) => {
        // Real aliases are 13 random base32-ish characters followed by `.mrap`.
        const alias = `${stableHex(ctx, 13)}.mrap`;
        const mrapName = ctx.inputs.details?.name ?? ctx.name;
        return {
            id: `${ctx.accountId}:${mrapName}`,
            state: {
                ...ctx.inputs,
                accountId: ctx.accountId,
                alias,
                arn: `arn:aws:s3::${ctx.accountId}:accesspoint/${alias}`,
                domainName: `${alias}.accesspoint.s3-global.amazonaws.com`,
                status: "READY",
            },
        };
    },
    "aws:ec2/securityGroup:SecurityGroup": (ctx) => {
        const id = `sg-${stableHex(ctx, 17)}`;
        return withArn(ctx, id, `arn:aws:ec2:${ctx.region}:${ctx.accountId}:security-group/${id}`);
    },
    "aws:ec2/vpcEndpoint:VpcEndpoint": (ctx) => {
        const id = `vpce-${stableHex(ctx, 17)}`;
        const service = String(ctx.inputs.serviceName ?? "");
        const suffix = stableHex({ ...ctx, name: `${ctx.name}-dns` }, 8);
        // Interface endpoints publish a regional name and one per AZ; S3's are wildcard names (bucket.vpce-...).
        const zone = service.endsWith("s3-global.accesspoint")
            ? `accesspoint.s3-global.${ctx.region}`
            : service.split(".").slice(-1)[0] + `.${ctx.region}`;
        const dnsEntries =
            ctx.inputs.vpcEndpointType === "Interface"
                ? [{ dnsName: `*.${id}-${suffix}.${zone}.vpce.amazonaws.com`, hostedZoneId: "Z2E726K9Y6RL4W" }]
                : [];
        return {
            id,
            state: {
                ...ctx.inputs,
                arn: `arn:aws:ec2:${ctx.region}:${ctx.accountId}:vpc-endpoint/${id}`,
                dnsEntries,
                networkInterfaceIds: [],
                prefixListId: ctx.inputs.vpcEndpointType === "Gateway" ? "pl-61a54008" : undefined,
            },
        };
    },
    "aws:ec2clientvpn/endpoint:Endpoint": (ctx) => {
        const id = `cvpn-endpoint-${stableHex(ctx, 17)}`;
        return {
            id,
            state: {
                ...ctx.inputs,
                arn: `arn:aws:ec2:${ctx.region}:${ctx.accountId}:client-vpn-endpoint/${id}`,
                dnsName: `*.${id}.prod.clientvpn.${ctx.region}.amazonaws.com`,
                status: "pending-associate",
            },
        };
    },
    "awsx:ec2:Vpc": (ctx) => {
        // awsx.ec2.Vpc is a remote component: under mocks its children do not exist, so the mock supplies its ids.
        const vpcId = `vpc-${stableHex(ctx, 17)}`;
        const azs: string[] = ctx.inputs.availabilityZoneNames ?? [];
        const privateSubnetIds = azs.map(
            (az) => `subnet-${stableHex({ ...ctx, name: `${ctx.name}-private-${az}` }, 17)}`,
        );
        // awsx gives each subnet its own route table; the gateway endpoint reads their ids from this output.
        const routeTables = azs.map((az) => ({
            id: `rtb-${stableHex({ ...ctx, name: `${ctx.name}-private-${az}-rt` }, 17)}`,
            vpcId,
        }));
        return {
            id: vpcId,
            state: {
                ...ctx.inputs,
                vpcId,
                privateSubnetIds,
                publicSubnetIds: [],
                isolatedSubnetIds: [],
                routeTables,
                vpc: {
                    id: vpcId,
                    cidrBlock: ctx.inputs.cidrBlock,
                    defaultSecurityGroupId: `sg-${stableHex({ ...ctx, name: `${ctx.name}-default-sg` }, 17)}`,
                },
            },
        };
    },
};

export function mockOutput(ctx: MockContext): MockOutput {
    const rule = MOCK_RULES[ctx.type];
    if (rule) return rule(ctx);
    return { id: `${ctx.name}-${stableHex(ctx, 8)}`, state: { ...ctx.inputs } };
}
