// The Mermaid diagram's exact lines from hand-made plans: subgraphs, node shapes and labels, and each kind of edge.
import * as assert from "node:assert/strict";
import { A, B, bucket, diagram, edges, r, stack } from "./diagramPlans";

const open = (stackName = "s", role = "primary", region = "ap-northeast-1", account = A, roles = "source") => [
    `    subgraph account_${account}["account ${account} (${roles})"]`,
    `        subgraph stack_${stackName}["stack ${stackName}: ${role}, ${region}"]`,
];
const close = ["        end", "    end"];

describe("plan diagram: nodes", () => {
    it("draws each key type with its shape and label, and leaves the rest out", () => {
        const lines = diagram(
            stack("s", [
                r("aws:s3/bucket:Bucket", "data", { bucket: "data-a" }),
                r("aws:s3/bucket:Bucket", "logs"),
                r("aws:iam/role:Role", "replication", { name: "p-replication" }),
                r("aws:iam/role:Role", "plain"),
                r(
                    "aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint",
                    "mrap",
                    { details: { name: "m" } },
                    {
                        alias: "abc.mrap",
                    },
                ),
                r("aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint", "mrap2"),
                r("aws:ec2/vpcEndpoint:VpcEndpoint", "ep", { vpcEndpointType: "Interface", serviceName: "com.x" }),
                r("aws:ec2/vpcEndpoint:VpcEndpoint", "ep2"),
                r("aws:ec2clientvpn/endpoint:Endpoint", "vpn", { clientCidrBlock: "10.100.0.0/22" }),
                r("aws:ec2clientvpn/endpoint:Endpoint", "vpn2"),
                r("awsx:ec2:Vpc", "vpc", { cidrBlock: "10.0.0.0/16" }),
                r("aws:ec2/vpc:Vpc", "raw-vpc"),
                r("aws:sns/topic:Topic", "alerts"),
                r("pulumi-nodejs:dynamic:Resource", 'job "1"'),
                r("aws:s3/bucketVersioning:BucketVersioning", "detail", { bucket: "data-a" }),
            ]),
        );
        assert.deepEqual(lines, [
            ...open(),
            '            s__data[("bucket data-a")]',
            '            s__logs[("bucket logs")]',
            '            s__replication{{"role p-replication"}}',
            '            s__plain{{"role plain"}}',
            '            s__mrap(("MRAP m<br/>abc.mrap"))',
            '            s__mrap2(("MRAP mrap2"))',
            '            s__ep[/"Interface endpoint<br/>com.x"/]',
            '            s__ep2[/" endpoint<br/>ep2"/]',
            '            s__vpn[/"Client VPN 10.100.0.0/22"/]',
            '            s__vpn2[/"Client VPN "/]',
            '            s__vpc[/"VPC 10.0.0.0/16"/]',
            '            s__raw_vpc[/"VPC raw-vpc"/]',
            '            s__alerts["SNS topic alerts"]',
            '            s__job__1_["job #quot;1#quot;"]',
            ...close,
            "    s__vpc --- s__ep",
            "    s__vpc --- s__ep2",
            '    s__vpn -- "clients reach" --> s__vpc',
            '    s__vpn2 -- "clients reach" --> s__vpc',
        ]);
    });

    it("one subgraph per account naming its stacks' roles, one per stack inside it", () => {
        const lines = diagram(
            stack("tokyo", []),
            stack("dest-account", [], { accountId: B, role: "destination" }),
            stack("osaka", [], { role: "secondary", region: "ap-northeast-3" }),
            stack("mixed", [], { accountId: B, role: "secondary" }),
        );
        assert.deepEqual(lines, [
            ...open("tokyo").slice(0, 2),
            "        end",
            '        subgraph stack_osaka["stack osaka: secondary, ap-northeast-3"]',
            ...close,
            `    subgraph account_${B}["account ${B} (destination/source)"]`,
            '        subgraph stack_dest_account["stack dest-account: destination, ap-northeast-1"]',
            "        end",
            '        subgraph stack_mixed["stack mixed: secondary, ap-northeast-1"]',
            ...close,
        ]);
    });
});

describe("plan diagram: edges", () => {
    it("replication: within the account, to another account, and to a bucket outside the plan, each once", () => {
        const rule = (bucket: string, account?: string) => ({
            destination: { bucket: `arn:aws:s3:::${bucket}`, account },
        });
        const replication = r("aws:s3/bucketReplicationConfig:BucketReplicationConfig", "repl", {
            bucket: "a1",
            rules: [rule("a2"), rule("a2", A), rule("b1", B), rule("archive"), rule("a2"), rule("archive")],
        });
        // A non-bucket node named like the outside bucket must not be taken for it.
        const archive = r("aws:sns/topic:Topic", "archive", { bucket: "archive" });
        const noSource = r("aws:s3/bucketReplicationConfig:BucketReplicationConfig", "repl2", {
            bucket: "arn:aws:iam::1:role/x",
            rules: [rule("a2")],
        });
        assert.deepEqual(
            edges(
                stack("s", [bucket("a1"), bucket("a2"), archive, replication, noSource]),
                stack("d", [bucket("b1")], { accountId: B }),
            ),
            [
                '    external_bucket_archive["bucket archive (not in this plan)"]',
                '    s__a1 -- "replicates" --> s__a2',
                `    s__a1 -- "replicates to account ${B}" --> d__b1`,
                '    s__a1 -- "replicates" --> external_bucket_archive',
            ],
        );
    });

    it("the MRAP routes to its regions' buckets; a StackReference to a stack of the plan reads its outputs", () => {
        const mrap = r("aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint", "mrap", {
            details: { name: "m", regions: [{ bucket: "a1" }, { bucket: "o1" }, {}] },
        });
        const refs = [
            r("pulumi:pulumi:StackReference", "ref", { name: "org/s3-multiregion/osaka" }),
            r("pulumi:pulumi:StackReference", "gone", { name: "org/s3-multiregion/elsewhere" }),
        ];
        assert.deepEqual(edges(stack("tokyo", [bucket("a1"), mrap, ...refs]), stack("osaka", [bucket("o1")])), [
            "    tokyo__mrap -- routes --> tokyo__a1",
            "    tokyo__mrap -- routes --> osaka__o1",
            '    stack_tokyo -. "StackReference reads outputs" .-> stack_osaka',
        ]);
    });
});
