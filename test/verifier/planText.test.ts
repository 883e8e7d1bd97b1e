// The plan's text, line by line, from hand-made resources: the tree, each type's key inputs and the adopted mark.
import * as assert from "node:assert/strict";
import { RecordedResource } from "../../verifier/mockRuntime";
import { ResourceEntry } from "../../verifier/planReport";
import { renderTree } from "../../verifier/planText";

const entry = (type: string, name: string, inputs: Record<string, unknown>, more: Partial<ResourceEntry> = {}) =>
    ({
        urn: `urn:pulumi:s::p::${type}::${name}`,
        type,
        name,
        parent: null,
        dependencies: [],
        inputs,
        ...more,
    }) as ResourceEntry;

/** The one line renderTree prints for a lone resource of `type` with `inputs`. */
const line = (type: string, inputs: Record<string, unknown>): string => {
    const lines = renderTree([entry(type, "r", inputs)], "");
    assert.equal(lines.length, 1);
    return lines[0];
};

const policy = (...Statement: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement });

describe("plan text: resource tree", () => {
    it("nests children under their parent and indents each level by two spaces", () => {
        const bucket = entry("aws:s3/bucket:Bucket", "data", { bucket: "b1", region: "ap-northeast-1" });
        const child = entry(
            "aws:s3/bucketVersioning:BucketVersioning",
            "data-versioning",
            { bucket: "b1" },
            {
                parent: bucket.urn,
            },
        );
        const grandchild = entry("x:y:Z", "deep", {}, { parent: child.urn });
        // A parent outside the listed resources (the stack itself) puts the resource at the top.
        const orphan = entry(
            "x:y:Z",
            "orphan",
            { region: "ap-northeast-3" },
            { parent: "urn:pulumi:s::p::pulumi:pulumi:Stack::p-s" },
        );
        assert.deepEqual(renderTree([bucket, child, grandchild, orphan]), [
            "    data  [aws:s3/bucket:Bucket]  (bucket=b1, region=ap-northeast-1)",
            "      data-versioning  [aws:s3/bucketVersioning:BucketVersioning]  (bucket=b1)",
            "        deep  [x:y:Z]",
            "    orphan  [x:y:Z]  (region=ap-northeast-3)",
        ]);
        assert.deepEqual(renderTree([orphan], "  "), ["  orphan  [x:y:Z]  (region=ap-northeast-3)"]);
        assert.deepEqual(renderTree([]), []);
    });

    it("marks a bucket read from the account, or an entry marked adopted, and nothing else", () => {
        const adopted = "  (adopted: read, never created or deleted)";
        const recorded = (type: string, read: boolean): RecordedResource => ({
            urn: `urn:pulumi:s::p::${type}::r`,
            type,
            name: "r",
            custom: true,
            read,
            dependencies: [],
            protect: false,
            retainOnDelete: false,
            inputs: {},
            outputs: {},
        });
        assert.deepEqual(renderTree([recorded("x:y:Z", true)], ""), [`r  [x:y:Z]${adopted}`]);
        assert.deepEqual(renderTree([recorded("x:y:Z", false)], ""), ["r  [x:y:Z]"]);
        // A StackReference is read too, but it is a peer's outputs, not an adopted resource.
        assert.deepEqual(renderTree([recorded("pulumi:pulumi:StackReference", true)], ""), [
            "r  [pulumi:pulumi:StackReference]",
        ]);
        assert.deepEqual(renderTree([entry("x:y:Z", "r", {}, { adopted: true })], ""), [`r  [x:y:Z]${adopted}`]);
        assert.deepEqual(renderTree([entry("x:y:Z", "r", {}, { adopted: false as unknown as true })], ""), [
            "r  [x:y:Z]",
        ]);
    });
});

describe("plan text: key inputs per resource type", () => {
    it("shows a string as it is and anything else as JSON; drops undefined and empty values, keeps 0 and false", () => {
        assert.equal(
            line("aws:cloudwatch/metricAlarm:MetricAlarm", { metricName: "ReplicationLatency", threshold: 0 }),
            "r  [aws:cloudwatch/metricAlarm:MetricAlarm]  (metric=ReplicationLatency, threshold=0)",
        );
        assert.equal(
            line("aws:ec2clientvpn/endpoint:Endpoint", {
                clientCidrBlock: "10.100.0.0/22",
                dnsServers: ["10.0.0.2"],
                splitTunnel: false,
            }),
            'r  [aws:ec2clientvpn/endpoint:Endpoint]  (clientCidr=10.100.0.0/22, dnsServers=["10.0.0.2"], splitTunnel=false)',
        );
        assert.equal(
            line("aws:s3/bucket:Bucket", { bucket: "", region: "ap-northeast-1" }),
            "r  [aws:s3/bucket:Bucket]  (region=ap-northeast-1)",
        );
        assert.equal(
            line("aws:s3/bucket:Bucket", { region: "ap-northeast-1" }),
            "r  [aws:s3/bucket:Bucket]  (region=ap-northeast-1)",
        );
        assert.equal(line("aws:s3/bucket:Bucket", {}), "r  [aws:s3/bucket:Bucket]");
        // Types without their own rule show bucket and region, when they have them.
        assert.equal(
            line("aws:s3/bucketVersioning:BucketVersioning", { bucket: "b1", region: "ap-northeast-3", other: "x" }),
            "r  [aws:s3/bucketVersioning:BucketVersioning]  (bucket=b1, region=ap-northeast-3)",
        );
    });

    it("bucket policies and role policies: the statements' Sids, #n for a statement without one", () => {
        const doc = policy({ Sid: "DenyInsecureTransport", Effect: "Deny" }, { Effect: "Allow" }, { Sid: 7 });
        assert.equal(
            line("aws:s3/bucketPolicy:BucketPolicy", { bucket: "b1", policy: doc }),
            "r  [aws:s3/bucketPolicy:BucketPolicy]  (bucket=b1, statements=DenyInsecureTransport,#2,#3)",
        );
        assert.equal(
            line("aws:iam/rolePolicy:RolePolicy", { role: "replication", policy: { Statement: { Sid: "One" } } }),
            "r  [aws:iam/rolePolicy:RolePolicy]  (role=replication, statements=One)",
        );
        assert.equal(
            line("aws:iam/rolePolicy:RolePolicy", { role: "replication", policy: "not json" }),
            "r  [aws:iam/rolePolicy:RolePolicy]  (role=replication, statements=unreadable)",
        );
    });

    it("roles: the name and every principal the trust policy names", () => {
        const trust = policy(
            {
                Effect: "Allow",
                Principal: { Service: "s3.amazonaws.com", AWS: ["arn:aws:iam::333333333333:root", "x"] },
            },
            { Effect: "Allow", Principal: "*" },
            { Effect: "Deny" },
        );
        assert.equal(
            line("aws:iam/role:Role", { name: "writer", assumeRolePolicy: trust }),
            "r  [aws:iam/role:Role]  (name=writer, trusts=s3.amazonaws.com,arn:aws:iam::333333333333:root,x,*)",
        );
        assert.equal(line("aws:iam/role:Role", { name: "writer" }), "r  [aws:iam/role:Role]  (name=writer)");
        assert.equal(
            line("aws:iam/role:Role", { name: "writer", assumeRolePolicy: 5 }),
            "r  [aws:iam/role:Role]  (name=writer, trusts=unreadable)",
        );
    });

    it("replication: each rule's destination bucket without its ARN prefix, and its account when set", () => {
        const rules = [
            { destination: { bucket: "arn:aws:s3:::replica-b", account: "222222222222" } },
            { destination: { bucket: "arn:aws:s3:::data-osaka" } },
            { destination: { account: "333333333333" } },
            {},
        ];
        assert.equal(
            line("aws:s3/bucketReplicationConfig:BucketReplicationConfig", { bucket: "b1", region: "r1", rules }),
            "r  [aws:s3/bucketReplicationConfig:BucketReplicationConfig]  (bucket=b1, region=r1, rules=replica-b@222222222222 data-osaka @333333333333 )",
        );
        assert.equal(
            line("aws:s3/bucketReplicationConfig:BucketReplicationConfig", { bucket: "b1", rules: "x" }),
            "r  [aws:s3/bucketReplicationConfig:BucketReplicationConfig]  (bucket=b1)",
        );
    });

    it("the MRAP, its policy, endpoints, the VPC, StackReferences and the inventory", () => {
        const details = { name: "mrap", regions: [{ bucket: "b-tokyo" }, { bucket: "b-osaka" }] };
        assert.equal(
            line("aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint", { details }),
            "r  [aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint]  (name=mrap, buckets=b-tokyo,b-osaka)",
        );
        for (const type of [
            "aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint",
            "aws:s3control/multiRegionAccessPointPolicy:MultiRegionAccessPointPolicy",
        ])
            assert.equal(line(type, {}), `r  [${type}]`);
        assert.equal(
            line("aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint", { details: { name: "mrap" } }),
            "r  [aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint]  (name=mrap)",
        );
        assert.equal(
            line("aws:s3control/multiRegionAccessPointPolicy:MultiRegionAccessPointPolicy", {
                details: { name: "mrap", policy: policy({ Sid: "AllowVpc" }) },
            }),
            "r  [aws:s3control/multiRegionAccessPointPolicy:MultiRegionAccessPointPolicy]  (name=mrap, statements=AllowVpc)",
        );
        assert.equal(
            line("aws:s3control/multiRegionAccessPointPolicy:MultiRegionAccessPointPolicy", { details: { name: "m" } }),
            "r  [aws:s3control/multiRegionAccessPointPolicy:MultiRegionAccessPointPolicy]  (name=m)",
        );
        assert.equal(
            line("aws:ec2/vpcEndpoint:VpcEndpoint", {
                serviceName: "com.amazonaws.s3-global.accesspoint",
                vpcEndpointType: "Interface",
            }),
            "r  [aws:ec2/vpcEndpoint:VpcEndpoint]  (service=com.amazonaws.s3-global.accesspoint, type=Interface)",
        );
        assert.equal(
            line("awsx:ec2:Vpc", { cidrBlock: "10.0.0.0/16", availabilityZoneNames: ["a", "c"] }),
            'r  [awsx:ec2:Vpc]  (cidr=10.0.0.0/16, azs=["a","c"])',
        );
        assert.equal(
            line("pulumi:pulumi:StackReference", { name: "org/s3-multiregion/osaka" }),
            "r  [pulumi:pulumi:StackReference]  (name=org/s3-multiregion/osaka)",
        );
        assert.equal(
            line("aws:s3/inventory:Inventory", {
                bucket: "b1",
                destination: { bucket: { bucketArn: "arn:aws:s3:::reports" } },
            }),
            "r  [aws:s3/inventory:Inventory]  (bucket=b1, to=arn:aws:s3:::reports)",
        );
        assert.equal(
            line("aws:s3/inventory:Inventory", { bucket: "b1" }),
            "r  [aws:s3/inventory:Inventory]  (bucket=b1)",
        );
        assert.equal(
            line("aws:s3/inventory:Inventory", { bucket: "b1", destination: {} }),
            "r  [aws:s3/inventory:Inventory]  (bucket=b1)",
        );
    });
});
