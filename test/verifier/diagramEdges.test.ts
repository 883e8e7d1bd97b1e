// The diagram's cross-account grants, trust, network and batch edges, exactly, from hand-made plans.
import * as assert from "node:assert/strict";
import { A, B, bucket, edges, r, stack } from "./diagramPlans";

const doc = (...Statement: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const PARTNER = "arn:aws:iam::333333333333:root";
const PARTNER_NODE = "external_arn_aws_iam__333333333333_root";

describe("plan diagram: grants and trust", () => {
    it("a bucket policy grant to another account: from the pinned role when in the plan, else from the principal", () => {
        const pinned = (op: string) => ({ [op]: { "aws:PrincipalArn": `arn:aws:iam::${B}:role/p-replication` } });
        const policy = doc(
            { Sid: "AllowPartner", Effect: "Allow", Principal: { AWS: PARTNER } },
            {
                Sid: "AllowReplication",
                Effect: "Allow",
                Principal: { AWS: `arn:aws:iam::${B}:root` },
                Condition: pinned("ArnEquals"),
            },
            { Effect: "Allow", Principal: { AWS: [`arn:aws:iam::${B}:root`] }, Condition: pinned("ArnLike") },
            { Sid: "DenyPartner", Effect: "Deny", Principal: { AWS: "arn:aws:iam::444444444444:root" } },
            { Sid: "Own", Effect: "Allow", Principal: { AWS: [`arn:aws:iam::${A}:root`, A] } },
            { Sid: "Anyone", Effect: "Allow", Principal: "*" },
            { Sid: "NoPrincipal", Effect: "Allow" },
        );
        const role = r(
            "aws:iam/role:Role",
            "replication",
            { name: "p-replication" },
            {
                arn: `arn:aws:iam::${B}:role/p-replication`,
            },
        );
        // A policy on something that is not a bucket draws nothing, not even the principal.
        const stray = r("aws:s3/bucketPolicy:BucketPolicy", "stray", {
            bucket: "arn:aws:iam::1:role/x",
            policy: doc({ Sid: "X", Effect: "Allow", Principal: { AWS: "arn:aws:iam::555555555555:root" } }),
        });
        const plans = [
            stack("s", [
                bucket("a1"),
                r("aws:s3/bucketPolicy:BucketPolicy", "a1-policy", { bucket: "a1", policy }),
                stray,
            ]),
            stack("d", [role], { accountId: B, role: "destination" }),
        ];
        assert.deepEqual(edges(...plans), [
            `    ${PARTNER_NODE}["${PARTNER}"]`,
            `    ${PARTNER_NODE} == "granted by bucket policy: AllowPartner" ==> s__a1`,
            '    d__replication == "granted by bucket policy: AllowReplication, statement" ==> s__a1',
        ]);
    });

    it("a role's trust: principals of other accounts (with or without an external id) and services assume it", () => {
        const trust = doc(
            { Effect: "Allow", Principal: { AWS: [PARTNER] }, Condition: { StringEquals: { "sts:ExternalId": "x" } } },
            { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:role/admin` } },
            { Effect: "Allow", Principal: { Service: "batchoperations.s3.amazonaws.com" } },
            { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${B}:root` } },
            { Effect: "Deny", Principal: { AWS: "arn:aws:iam::444444444444:root" } },
            { Effect: "Allow", Principal: "*" },
        );
        const roles = [
            r("aws:iam/role:Role", "writer", { name: "p-writer", assumeRolePolicy: trust }),
            r("aws:iam/role:Role", "untrusting", { name: "p-untrusting" }),
        ];
        assert.deepEqual(edges(stack("s", roles)), [
            `    ${PARTNER_NODE}["${PARTNER}"]`,
            '    external_service_batchoperations_s3_amazonaws_com["batchoperations.s3.amazonaws.com"]',
            `    external_arn_aws_iam__${B}_root["arn:aws:iam::${B}:root"]`,
            `    ${PARTNER_NODE} -- "assumes (external id)" --> s__writer`,
            "    external_service_batchoperations_s3_amazonaws_com -- assumes --> s__writer",
            `    external_arn_aws_iam__${B}_root -- "assumes" --> s__writer`,
        ]);
    });
});

describe("plan diagram: network, inventory and batch edges", () => {
    it("endpoints hang off the stack's VPC; the S3 global endpoint reaches the MRAP privately", () => {
        const endpoint = (name: string, serviceName: string) =>
            r("aws:ec2/vpcEndpoint:VpcEndpoint", name, { vpcEndpointType: "Interface", serviceName });
        const mrap = r("aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint", "mrap", {
            details: { name: "m" },
        });
        const global = endpoint("global", "com.amazonaws.s3-global.accesspoint");
        const regional = endpoint("regional", "com.amazonaws.ap-northeast-1.s3");
        const lookalike = endpoint("lookalike", "com.amazonaws.s3-global.accesspoint.other");
        const vpn = r("aws:ec2clientvpn/endpoint:Endpoint", "vpn", { clientCidrBlock: "10.100.0.0/22" });
        assert.deepEqual(edges(stack("s", [global, regional, lookalike, vpn, mrap, r("aws:ec2/vpc:Vpc", "vpc")])), [
            "    s__vpc --- s__global",
            '    s__global -- "private MRAP access" --> s__mrap',
            "    s__vpc --- s__regional",
            "    s__vpc --- s__lookalike",
            '    s__vpn -- "clients reach" --> s__vpc',
        ]);
        // Without a VPC in the stack no endpoint is linked to one; without an MRAP there is no private path.
        assert.deepEqual(edges(stack("s", [global, vpn])), []);
        assert.deepEqual(edges(stack("s", [global, r("awsx:ec2:Vpc", "net")])), ["    s__net --- s__global"]);
    });

    it("the inventory to its report bucket; the batch job's source, role and report bucket", () => {
        const inventory = (name: string, destination: unknown) =>
            r("aws:s3/inventory:Inventory", name, { bucket: "a1", destination });
        const job = (name: string, inputs: Record<string, unknown>) =>
            r("pulumi-nodejs:dynamic:Resource", name, { sourceBucketArn: "arn:aws:s3:::a1", ...inputs });
        const resources = [
            bucket("a1"),
            bucket("reports"),
            // The role has no ARN output: it is found by the plan's account and its name.
            r("aws:iam/role:Role", "batch", { name: "p-batch" }),
            inventory("daily", { bucket: { bucketArn: "arn:aws:s3:::reports" } }),
            inventory("none", {}),
            job("job", { roleArn: `arn:aws:iam::${A}:role/p-batch`, reportBucketArn: "arn:aws:s3:::reports" }),
            job("other", { roleArn: `arn:aws:iam::${B}:role/p-batch`, reportBucketArn: 5 }),
            job("no-role", { roleArn: 5 }),
            job("no-source", { sourceBucketArn: "arn:aws:kms:ap-northeast-1:1:key/k", roleArn: "p-batch" }),
        ];
        assert.deepEqual(edges(stack("s", resources)), [
            `    external_arn_aws_iam__${B}_role_p_batch["arn:aws:iam::${B}:role/p-batch"]`,
            "    s__a1 -- inventory --> s__reports",
            '    s__job -- "batch replication of" --> s__a1',
            '    s__job -. "runs as" .-> s__batch',
            '    s__job -- "writes report" --> s__reports',
            '    s__other -- "batch replication of" --> s__a1',
            `    s__other -. "runs as" .-> external_arn_aws_iam__${B}_role_p_batch`,
            '    s__no_source -. "runs as" .-> s__batch',
        ]);
    });
});
