// The Mermaid diagram of the real plan: accounts and stacks as subgraphs, key resources, replication, StackReference and cross-account edges.
import * as assert from "node:assert/strict";
import { renderDiagram } from "../../verifier/diagram";
import { StackPlan } from "../../verifier/evaluate";
import { realPlanRun } from "./planRun";
import { recorded as r } from "./recorded";

const A = "111111111111";
const B = "222222222222";

describe("plan diagram", function () {
    this.timeout(180000);

    it("draws the example plan's accounts, stacks, key resources and links", async () => {
        const run = await realPlanRun();
        assert.equal(run.code, 0, run.stderr);
        const lines = run.diagram.split("\n").map((l) => l.trim());
        assert.equal(lines[0], "flowchart LR");
        const expected = [
            `subgraph account_${A}["account ${A} (source)"]`,
            `subgraph account_${B}["account ${B} (destination)"]`,
            'subgraph stack_osaka["stack osaka: secondary, ap-northeast-3"]',
            'subgraph stack_dest_account["stack dest-account: destination, ap-northeast-1"]',
            'subgraph stack_tokyo["stack tokyo: primary, ap-northeast-1"]',
            `osaka__data[("bucket example-s3mr-data-${A}-ap-northeast-3")]`,
            `tokyo__data[("bucket example-s3mr-data-${A}-ap-northeast-1")]`,
            `dest_account__replica[("bucket example-s3mr-replica-${B}-ap-northeast-1")]`,
            'tokyo__replication_role{{"role example-s3mr-replication"}}',
            'tokyo__partner_writer{{"role example-s3mr-partner-writer"}}',
            // Replication mesh (both directions) and the rule to account B from each regional bucket.
            'tokyo__data -- "replicates" --> osaka__data',
            'osaka__data -- "replicates" --> tokyo__data',
            `tokyo__data -- "replicates to account ${B}" --> dest_account__replica`,
            `osaka__data -- "replicates to account ${B}" --> dest_account__replica`,
            "tokyo__mrap -- routes --> tokyo__data",
            "tokyo__mrap -- routes --> osaka__data",
            'stack_tokyo -. "StackReference reads outputs" .-> stack_osaka',
            'stack_tokyo -. "StackReference reads outputs" .-> stack_dest_account',
            // Cross-account: B's replica policy grants A's replication role; the partner account assumes the writer role.
            'tokyo__replication_role == "granted by bucket policy: AllowSourceReplicationObjects, AllowSourceReplicationBucket" ==> dest_account__replica',
            'external_arn_aws_iam__333333333333_root -- "assumes (external id)" --> tokyo__partner_writer',
            'tokyo__client_vpn -- "clients reach" --> tokyo__network_vpc',
            'tokyo__network_mrap_interface -- "private MRAP access" --> tokyo__mrap',
        ];
        for (const line of expected) assert.ok(lines.includes(line), `missing: ${line}\n${run.diagram}`);
        assert.ok(
            lines.some((l) => /^tokyo__mrap\(\("MRAP example-s3mr-mrap<br\/>[0-9a-f]{13}\.mrap"\)\)$/.test(l)),
            run.diagram,
        );
    });

    it("draws a grant to a principal outside the plan as an external node", () => {
        const policy = JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "AllowPartnerRead",
                    Effect: "Allow",
                    Principal: { AWS: "arn:aws:iam::333333333333:root" },
                    Action: "s3:GetObject",
                    Resource: "arn:aws:s3:::b/*",
                },
            ],
        });
        const plan = {
            stack: "s",
            role: "secondary",
            accountId: A,
            region: "ap-northeast-3",
            ok: true,
            outputs: {},
            config: {},
            wiring: [],
            elapsedMs: 0,
            resources: [
                r("aws:s3/bucket:Bucket", "b", { bucket: "b" }),
                r("aws:s3/bucketPolicy:BucketPolicy", "b-policy", { bucket: "b", policy }),
            ],
        } as StackPlan;
        const lines = renderDiagram([plan])
            .split("\n")
            .map((l) => l.trim());
        assert.ok(lines.includes('external_arn_aws_iam__333333333333_root["arn:aws:iam::333333333333:root"]'));
        assert.ok(
            lines.includes(
                'external_arn_aws_iam__333333333333_root == "granted by bucket policy: AllowPartnerRead" ==> s__b',
            ),
        );
    });
});
