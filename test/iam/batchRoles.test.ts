// Batch Operations roles: the trust (batchoperations, never s3.amazonaws.com), the exact permissions of each role, and the source bucket's grant.
import * as assert from "node:assert/strict";
import {
    BatchOperationsRole,
    batchCopyPermissionStatements,
    batchCopySourceReadStatement,
    batchOperationsTrustPolicy,
    batchReplicationPermissionStatements,
    validateBatchOperationsRoleArgs,
} from "../../components/iam/batchRoles";
import { installMocks, ResourceRecorder, settle, valueOf } from "../../verifier/mockRuntime";
import { BATCH_TRUST } from "../support/expectedDocuments";

const DATA = "arn:aws:s3:::acme-data-111111111111-ap-northeast-1";
const REPORTS_A = "arn:aws:s3:::acme-reports-111111111111-ap-northeast-1";
const MANIFEST = "arn:aws:s3:::acme-manifest-111111111111-ap-northeast-1";
const REPLICA = "arn:aws:s3:::acme-replica-222222222222-ap-northeast-1";
const REPORTS_B = "arn:aws:s3:::acme-reports-222222222222-ap-northeast-1";
const COPY_ROLE = "arn:aws:iam::222222222222:role/acme-batch-copy";
const KEY = "arn:aws:kms:ap-northeast-1:222222222222:key/0b7f1c2e-1111-2222-3333-444455556666";

const REPLICATION_STATEMENTS = [
    {
        Sid: "InitiateReplicationOfSourceObjects",
        Effect: "Allow",
        Action: ["s3:InitiateReplication"],
        Resource: [`${DATA}/*`],
    },
    {
        Sid: "ReadSourceReplicationConfiguration",
        Effect: "Allow",
        Action: ["s3:GetReplicationConfiguration", "s3:PutInventoryConfiguration"],
        Resource: [DATA],
    },
    { Sid: "WriteCompletionReports", Effect: "Allow", Action: ["s3:PutObject"], Resource: [`${REPORTS_A}/*`] },
];

const COPY_STATEMENTS = [
    {
        Sid: "ReadSourceObjects",
        Effect: "Allow",
        Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectTagging", "s3:GetObjectVersionTagging"],
        Resource: [`${DATA}/*`],
    },
    {
        Sid: "ReadInventoryManifests",
        Effect: "Allow",
        Action: ["s3:GetObject", "s3:GetObjectVersion"],
        Resource: [`${MANIFEST}/*`],
    },
    {
        Sid: "WriteTargetObjects",
        Effect: "Allow",
        Action: ["s3:PutObject", "s3:PutObjectTagging", "s3:PutObjectVersionTagging"],
        Resource: [`${REPLICA}/*`],
    },
    { Sid: "WriteCompletionReports", Effect: "Allow", Action: ["s3:PutObject"], Resource: [`${REPORTS_B}/*`] },
];

const copyArgs = {
    sourceBucketArn: DATA,
    manifestBucketArn: MANIFEST,
    targetBucketArn: REPLICA,
    reportBucketArn: REPORTS_B,
};

describe("batch roles: statements", () => {
    it("trusts S3 Batch Operations only, never s3.amazonaws.com ('Failed to assume role')", async () => {
        const trust = JSON.parse(await valueOf(batchOperationsTrustPolicy()));
        assert.deepEqual(trust, BATCH_TRUST);
        assert.ok(!JSON.stringify(trust).includes('"s3.amazonaws.com"'));
    });

    it("Batch Replication role: InitiateReplication on objects, replication config + inventory on the bucket, report writes; nothing else", async () => {
        const statements = await valueOf(
            batchReplicationPermissionStatements({ sourceBucketArn: DATA, reportBucketArn: REPORTS_A }),
        );
        assert.deepEqual(statements, REPLICATION_STATEMENTS);
    });

    it("Batch Replication role: writes a saved generated manifest only below its prefix, never the inventory beside it", async () => {
        const statements = await valueOf(
            batchReplicationPermissionStatements({
                sourceBucketArn: DATA,
                reportBucketArn: REPORTS_A,
                manifestOutput: { bucketArn: MANIFEST, prefix: "batch-replication/manifests" },
            }),
        );
        assert.deepEqual(statements, [
            ...REPLICATION_STATEMENTS,
            {
                Sid: "WriteGeneratedManifest",
                Effect: "Allow",
                Action: ["s3:PutObject"],
                Resource: [`${MANIFEST}/batch-replication/manifests/*`],
            },
        ]);
    });

    it("batch copy role: the batch copy report's reads and writes without ACL actions, plus the report bucket", async () => {
        const statements = await valueOf(batchCopyPermissionStatements(copyArgs));
        assert.deepEqual(statements, COPY_STATEMENTS);
        const actions = statements.flatMap((s) => s.Action as string[]);
        for (const acl of [
            "s3:PutObjectAcl",
            "s3:PutObjectVersionAcl",
            "s3:GetObjectAcl",
            "s3:GetObjectVersionAcl",
            "s3:ListBucket",
        ])
            assert.ok(!actions.includes(acl), acl);
    });

    it("batch copy role: with an SSE-KMS target, may encrypt with exactly that key", async () => {
        const statements = await valueOf(batchCopyPermissionStatements({ ...copyArgs, targetKmsKeyArn: KEY }));
        assert.deepEqual(statements, [
            ...COPY_STATEMENTS,
            {
                Sid: "EncryptTargetObjects",
                Effect: "Allow",
                Action: ["kms:GenerateDataKey", "kms:Decrypt"],
                Resource: [KEY],
            },
        ]);
    });

    it("batch copy role: with an SSE-KMS source, may decrypt with exactly that key, through S3 in its region, for that bucket", async () => {
        const SOURCE_KEY = "arn:aws:kms:ap-northeast-1:111111111111:key/11111111-1111-1111-1111-111111111111";
        const bucket = "arn:aws:s3:::acme-data-111111111111-ap-northeast-1";
        const statements = await valueOf(
            batchCopyPermissionStatements({
                ...copyArgs,
                sourceKms: { keyArn: SOURCE_KEY, region: "ap-northeast-1", bucketArn: bucket },
            }),
        );
        assert.deepEqual(statements, [
            ...COPY_STATEMENTS,
            {
                Sid: "DecryptSourceObjects",
                Effect: "Allow",
                Action: ["kms:Decrypt"],
                Resource: [SOURCE_KEY],
                Condition: {
                    StringEquals: { "kms:ViaService": "s3.ap-northeast-1.amazonaws.com" },
                    StringLike: { "kms:EncryptionContext:aws:s3:arn": [bucket, `${bucket}/*`] },
                },
            },
        ]);
    });

    it("source bucket grant: account B's root pinned to the batch copy role, object reads only", async () => {
        const statement = await valueOf(
            batchCopySourceReadStatement({
                destinationAccountId: "222222222222",
                batchCopyRoleArn: COPY_ROLE,
                sourceBucketArn: DATA,
            }),
        );
        assert.deepEqual(statement, {
            Sid: "AllowBatchCopyRead",
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::222222222222:root" },
            Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectTagging", "s3:GetObjectVersionTagging"],
            Resource: [`${DATA}/*`],
            Condition: { ArnEquals: { "aws:PrincipalArn": [COPY_ROLE] } },
        });
    });

    it("refuses bad role names, empty permissions and Resource '*'", () => {
        const statements = batchReplicationPermissionStatements({ sourceBucketArn: DATA, reportBucketArn: REPORTS_A });
        assert.equal(
            validateBatchOperationsRoleArgs({ roleName: "acme-batch-copy", description: "d", statements }),
            undefined,
        );
        assert.equal(
            validateBatchOperationsRoleArgs({ roleName: "a".repeat(65), description: "d", statements }),
            `role name "${"a".repeat(65)}" must be 1 to 64 characters of letters, digits and +=,.@_-`,
        );
        assert.equal(
            validateBatchOperationsRoleArgs({ roleName: "acme", description: "d", statements: [] }),
            "a Batch Operations role needs at least one permission statement",
        );
        assert.equal(
            validateBatchOperationsRoleArgs({
                roleName: "acme",
                description: "d",
                statements: [{ Sid: "Wide", Effect: "Allow", Action: ["s3:GetObject"], Resource: "*" }],
            }),
            'statement Wide grants Resource "*"; Batch Operations roles name exact bucket ARNs',
        );
        // One "*" among exact ARNs widens the statement all the same.
        assert.equal(
            validateBatchOperationsRoleArgs({
                roleName: "acme",
                description: "d",
                statements: [{ Sid: "Mixed", Effect: "Allow", Action: ["s3:GetObject"], Resource: [`${DATA}/*`, "*"] }],
            }),
            'statement Mixed grants Resource "*"; Batch Operations roles name exact bucket ARNs',
        );
    });
});

describe("BatchOperationsRole", () => {
    let rec: ResourceRecorder;
    beforeEach(async () => {
        rec = await installMocks({ stack: "test", accountId: "222222222222", region: "ap-northeast-1" });
    });

    it("creates the named role with the batch trust and one inline policy, both children of the component", async () => {
        const role = new BatchOperationsRole("copy", {
            roleName: "acme-batch-copy",
            description: "copies",
            statements: batchCopyPermissionStatements(copyArgs),
        });
        assert.equal(await valueOf(role.arn), COPY_ROLE);
        await settle();
        const component = rec.one("s3-multiregion:iam:BatchOperationsRole", "copy");
        assert.deepEqual(
            rec.resources
                .filter((r) => r.parent === component.urn)
                .map((r) => `${r.type}/${r.name}`)
                .sort(),
            ["aws:iam/role:Role/copy", "aws:iam/rolePolicy:RolePolicy/copy-permissions"],
        );
        const iamRole = rec.one("aws:iam/role:Role", "copy").inputs;
        assert.equal(iamRole.name, "acme-batch-copy");
        assert.deepEqual(JSON.parse(iamRole.assumeRolePolicy), BATCH_TRUST);
        const policy = rec.one("aws:iam/rolePolicy:RolePolicy", "copy-permissions").inputs;
        assert.equal(policy.role, "acme-batch-copy");
        assert.deepEqual(JSON.parse(policy.policy), { Version: "2012-10-17", Statement: COPY_STATEMENTS });
    });

    it("a refused role declares nothing", async () => {
        assert.throws(
            () => new BatchOperationsRole("bad", { roleName: "acme", description: "d", statements: [] }),
            /^Error: bad: a Batch Operations role needs at least one permission statement$/,
        );
        await settle();
        assert.deepEqual(rec.resources, []);
    });
});
