// The three role components share one shape: a role named after the component, its one inline policy, both children of it.
import * as assert from "node:assert/strict";
import { BatchOperationsRole } from "../../components/iam/batchRoles";
import { PartnerWriterRole } from "../../components/iam/partnerWriterRole";
import { ReplicationRole } from "../../components/iam/replicationRole";
import { RoleWithPolicy } from "../../components/iam/roleWithPolicy";
import { installMocks, ResourceRecorder, settle, valueOf } from "../../verifier/mockRuntime";

const A = "111111111111";
const bucket = (region: string) => `arn:aws:s3:::acme-data-${A}-${region}`;

const builds: [string, string, (name: string) => RoleWithPolicy][] = [
    [
        "ReplicationRole",
        "replicate",
        (name) =>
            new ReplicationRole(name, {
                roleName: "acme-replication",
                sourceAccountId: A,
                sourceBucketArns: [bucket("ap-northeast-1")],
                sameAccountDestinationArns: [bucket("ap-northeast-3")],
            }),
    ],
    [
        "BatchOperationsRole",
        "batch-operations",
        (name) =>
            new BatchOperationsRole(name, {
                roleName: "acme-batch-replication",
                description: "Batch Replication",
                statements: [
                    { Sid: "Read", Effect: "Allow", Action: ["s3:GetObject"], Resource: [`${bucket("x")}/*`] },
                ],
            }),
    ],
    [
        "PartnerWriterRole",
        "mrap-read-write",
        (name) =>
            new PartnerWriterRole(name, {
                roleName: "acme-partner-writer",
                principals: ["333333333333"],
                externalId: "partner-ext-1",
                mrapArn: `arn:aws:s3::${A}:accesspoint/abcdefghijklm.mrap`,
            }),
    ],
];

describe("RoleWithPolicy: the role components' shared shape", () => {
    let rec: ResourceRecorder;
    beforeEach(async () => {
        rec = await installMocks({ stack: "test", accountId: A, region: "ap-northeast-1" });
    });

    for (const [type, policyName, build] of builds) {
        it(`${type}: exactly a role and its policy, children of the component, the policy on that role`, async () => {
            const component = build("r");
            await valueOf(component.urn);
            await settle();
            // The recorder's URN of the component (the engine's form), which its children name as parent.
            const urn = rec.one(`s3-multiregion:iam:${type}`, "r").urn;
            assert.deepEqual(rec.registeredOutputs.get(urn), { arn: await valueOf(component.arn) });
            const children = rec.resources.filter((r) => r.parent === urn).map((r) => [r.type, r.name]);
            assert.deepEqual(children.sort(), [
                ["aws:iam/role:Role", "r"],
                ["aws:iam/rolePolicy:RolePolicy", "r-permissions"],
            ]);
            assert.equal(await valueOf(component.role.name), rec.one("aws:iam/role:Role", "r").inputs.name);
            const policy = rec.one("aws:iam/rolePolicy:RolePolicy", "r-permissions");
            assert.equal(await valueOf(component.policy.name), policyName);
            assert.equal(policy.inputs.name, policyName);
            assert.equal(policy.inputs.role, rec.one("aws:iam/role:Role", "r").inputs.name);
            assert.equal(await valueOf(component.arn), await valueOf(component.role.arn));
        });
    }
});
