// PartnerWriterRole under mocks: only the listed partners with the external id, only Get/Put/List through the MRAP.
import * as assert from "node:assert/strict";
import {
    assumeRoleCommand,
    PartnerWriterRole,
    partnerPrincipalArns,
    validatePartnerWriterRoleArgs,
} from "../../components/iam/partnerWriterRole";
import { installMocks, ResourceRecorder, settle, valueOf } from "../../verifier/mockRuntime";

const MRAP = "arn:aws:s3::111111111111:accesspoint/abcdefghijklm.mrap";

describe("PartnerWriterRole", () => {
    let rec: ResourceRecorder;
    beforeEach(async () => {
        rec = await installMocks({ stack: "test", accountId: "111111111111", region: "ap-northeast-1" });
    });

    async function build() {
        const role = new PartnerWriterRole("partner-writer", {
            roleName: "acme-partner-writer",
            principals: ["333333333333", "arn:aws:iam::444444444444:role/uploader"],
            externalId: "partner-ext-1",
            mrapArn: MRAP,
        });
        await valueOf(role.urn);
        await settle();
        return role;
    }

    it("trusts exactly the configured partners (account ids as their root) and only with the external id", async () => {
        await build();
        const role = rec.one("aws:iam/role:Role", "partner-writer");
        // Both children under the component, so they move and are destroyed with it.
        const component = rec.one("s3-multiregion:iam:PartnerWriterRole", "partner-writer");
        assert.deepEqual(
            rec.resources.filter((c) => c.parent === component.urn).map((c) => `${c.type}/${c.name}`),
            ["aws:iam/role:Role/partner-writer", "aws:iam/rolePolicy:RolePolicy/partner-writer-permissions"],
        );
        assert.equal(role.inputs.name, "acme-partner-writer");
        assert.equal(
            role.inputs.description,
            "Assumed by partner accounts (with the external id) to read and upload through the Multi-Region Access Point.",
        );
        assert.deepEqual(JSON.parse(role.inputs.assumeRolePolicy), {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "TrustPartnersWithExternalId",
                    Effect: "Allow",
                    Principal: { AWS: ["arn:aws:iam::333333333333:root", "arn:aws:iam::444444444444:role/uploader"] },
                    Action: "sts:AssumeRole",
                    Condition: { StringEquals: { "sts:ExternalId": "partner-ext-1" } },
                },
            ],
        });
    });

    it("may Get/Put objects, abort and list multipart uploads' parts, and List, through the MRAP only (no bucket ARN, no delete)", async () => {
        await build();
        const policy = rec.one("aws:iam/rolePolicy:RolePolicy", "partner-writer-permissions");
        assert.equal(policy.inputs.role, "acme-partner-writer");
        assert.deepEqual(JSON.parse(policy.inputs.policy), {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "ReadWriteObjectsThroughMrap",
                    Effect: "Allow",
                    Action: ["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
                    Resource: [`${MRAP}/object/*`],
                },
                { Sid: "ListThroughMrap", Effect: "Allow", Action: ["s3:ListBucket"], Resource: [MRAP] },
            ],
        });
    });

    it("outputs its ARN and the assume-role command a partner runs", async () => {
        const role = await build();
        assert.equal(await valueOf(role.arn), "arn:aws:iam::111111111111:role/acme-partner-writer");
        assert.equal(
            await valueOf(role.assumeRoleCommand),
            "aws sts assume-role --role-arn arn:aws:iam::111111111111:role/acme-partner-writer --role-session-name partner-upload --external-id partner-ext-1",
        );
        assert.equal(
            assumeRoleCommand("arn:aws:iam::1:role/r", "x1"),
            "aws sts assume-role --role-arn arn:aws:iam::1:role/r --role-session-name partner-upload --external-id x1",
        );
        assert.deepEqual(partnerPrincipalArns(["333333333333", "arn:aws:iam::333333333333:user/u"]), [
            "arn:aws:iam::333333333333:root",
            "arn:aws:iam::333333333333:user/u",
        ]);
    });

    it("refuses no partners, malformed principals or a bad external id, and declares nothing then", async () => {
        const table: [Parameters<typeof validatePartnerWriterRoleArgs>[0], string | undefined][] = [
            [{ principals: ["333333333333"], externalId: "ok-id" }, undefined],
            [{ principals: [], externalId: "ok-id" }, "a partner writer role needs at least one partner principal"],
            [
                { principals: ["partner-co"], externalId: "ok-id" },
                "partner principal partner-co is neither an account id nor an IAM ARN",
            ],
            [
                { principals: ["333333333333"], externalId: "x" },
                "the external id must be 2 to 1224 characters of letters, digits and +=,.@:/-_",
            ],
        ];
        for (const [args, expected] of table) assert.equal(validatePartnerWriterRoleArgs(args), expected);
        assert.throws(
            () => new PartnerWriterRole("bad", { roleName: "r", principals: [], externalId: "ok-id", mrapArn: MRAP }),
            /^Error: bad: a partner writer role needs at least one partner principal$/,
        );
        await settle();
        assert.deepEqual(rec.resources, []);
    });
});
