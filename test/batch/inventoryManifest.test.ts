// The inventory manifest: one bucket policy that keeps S3's delivery AND the manifest read grants (the cross-account
// batch copy report), owner-enforced files, the inventory and its ordering.
import * as assert from "node:assert/strict";
import {
    INVENTORY_ID,
    InventoryManifest,
    InventoryManifestArgs,
    inventoryDeliveryStatement,
    inventoryManifestFolder,
    manifestReadStatements,
    validateInventoryManifestArgs,
} from "../../components/batch/inventoryManifest";
import { installMocks, ResourceRecorder, settle, valueOf } from "../../verifier/mockRuntime";

const SOURCE_NAME = "acme-data-111111111111-ap-northeast-1";
const SOURCE = `arn:aws:s3:::${SOURCE_NAME}`;
const MANIFEST_NAME = "acme-manifest-111111111111-ap-northeast-1";
const MANIFEST = `arn:aws:s3:::${MANIFEST_NAME}`;
const COPY_ROLE = "arn:aws:iam::222222222222:role/acme-batch-copy";
const OPERATOR = "arn:aws:iam::222222222222:role/batch-operator";

const DELIVERY = {
    Sid: "AllowInventoryDelivery",
    Effect: "Allow",
    Principal: { Service: "s3.amazonaws.com" },
    Action: "s3:PutObject",
    Resource: `${MANIFEST}/*`,
    Condition: {
        StringEquals: { "aws:SourceAccount": "111111111111", "s3:x-amz-acl": "bucket-owner-full-control" },
        ArnLike: { "aws:SourceArn": SOURCE },
    },
};
const COPY_ROLE_READ = {
    Sid: "AllowManifestRead",
    Effect: "Allow",
    Principal: { AWS: "arn:aws:iam::222222222222:root" },
    Action: ["s3:GetObject", "s3:GetObjectVersion"],
    Resource: [`${MANIFEST}/*`],
    Condition: { ArnEquals: { "aws:PrincipalArn": [COPY_ROLE] } },
};
const OPERATOR_READ = {
    Sid: "AllowOperatorManifestRead",
    Effect: "Allow",
    Principal: { AWS: ["arn:aws:iam::222222222222:root"] },
    Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket"],
    Resource: [MANIFEST, `${MANIFEST}/*`],
    Condition: { ArnEquals: { "aws:PrincipalArn": [OPERATOR] } },
};
const DENY_HTTP = {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [MANIFEST, `${MANIFEST}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
};

const ARGS: InventoryManifestArgs = {
    sourceBucketName: SOURCE_NAME,
    sourceBucketArn: SOURCE,
    sourceAccountId: "111111111111",
    manifestBucketName: MANIFEST_NAME,
    destinationAccountId: "222222222222",
    batchCopyRoleArn: COPY_ROLE,
    operatorPrincipals: [OPERATOR],
};

describe("inventory manifest: statements", () => {
    it("delivery statement is AWS's inventory statement: S3 service, PutObject, source account and source bucket", () => {
        assert.deepEqual(
            inventoryDeliveryStatement({
                manifestBucketArn: MANIFEST,
                sourceAccountId: "111111111111",
                sourceBucketArn: SOURCE,
            }),
            DELIVERY,
        );
    });

    it("read grants: the batch copy role reads objects; operators read and list, pinned by PrincipalArn", () => {
        assert.deepEqual(
            manifestReadStatements({
                manifestBucketArn: MANIFEST,
                destinationAccountId: "222222222222",
                batchCopyRoleArn: COPY_ROLE,
                operatorPrincipals: [],
            }),
            [COPY_ROLE_READ],
        );
        assert.deepEqual(
            manifestReadStatements({
                manifestBucketArn: MANIFEST,
                destinationAccountId: "222222222222",
                batchCopyRoleArn: COPY_ROLE,
                operatorPrincipals: [OPERATOR],
            }),
            [COPY_ROLE_READ, OPERATOR_READ],
        );
    });

    it("operators of several accounts and whole accounts: one pinned statement over their roots, one account statement", () => {
        const user = "arn:aws:iam::333333333333:user/ops";
        assert.deepEqual(
            manifestReadStatements({
                manifestBucketArn: MANIFEST,
                destinationAccountId: "222222222222",
                batchCopyRoleArn: COPY_ROLE,
                operatorPrincipals: [OPERATOR, user, "444444444444", "arn:aws:iam::555555555555:root", "444444444444"],
            }),
            [
                COPY_ROLE_READ,
                {
                    ...OPERATOR_READ,
                    Principal: { AWS: ["arn:aws:iam::222222222222:root", "arn:aws:iam::333333333333:root"] },
                    Condition: { ArnEquals: { "aws:PrincipalArn": [OPERATOR, user] } },
                },
                {
                    Sid: "AllowOperatorAccountManifestRead",
                    Effect: "Allow",
                    Principal: { AWS: ["arn:aws:iam::444444444444:root", "arn:aws:iam::555555555555:root"] },
                    Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket"],
                    Resource: [MANIFEST, `${MANIFEST}/*`],
                },
            ],
        );
    });

    it("manifest folder is where S3 writes the dated reports", () => {
        assert.equal(
            inventoryManifestFolder(MANIFEST_NAME, SOURCE_NAME),
            `s3://${MANIFEST_NAME}/inventory/${SOURCE_NAME}/existing-objects/`,
        );
    });

    it("refuses bad accounts, a role of the wrong account and unknown operator principals", () => {
        assert.equal(validateInventoryManifestArgs(ARGS), undefined);
        assert.equal(
            validateInventoryManifestArgs({ ...ARGS, sourceAccountId: "1111" }),
            "sourceAccountId must be a 12-digit account id, got 1111",
        );
        assert.equal(
            validateInventoryManifestArgs({ ...ARGS, destinationAccountId: "111111111111" }),
            "destinationAccountId must differ from sourceAccountId: the manifest grants exist for a second account",
        );
        assert.equal(
            validateInventoryManifestArgs({
                ...ARGS,
                batchCopyRoleArn: "arn:aws:iam::333333333333:role/acme-batch-copy",
            }),
            "batchCopyRoleArn must be a role ARN of account 222222222222, got arn:aws:iam::333333333333:role/acme-batch-copy",
        );
        assert.equal(
            validateInventoryManifestArgs({ ...ARGS, operatorPrincipals: ["arn:aws:iam::222222222222:group/ops"] }),
            "operator principal arn:aws:iam::222222222222:group/ops is neither an account id nor an IAM root, role or user ARN",
        );
        const { destinationAccountId: _d, batchCopyRoleArn: _r, ...noCopy } = ARGS;
        assert.equal(validateInventoryManifestArgs(noCopy), undefined);
        assert.equal(
            validateInventoryManifestArgs({ ...noCopy, operatorPrincipals: ["arn:aws:iam::222222222222:group/ops"] }),
            "operator principal arn:aws:iam::222222222222:group/ops is neither an account id nor an IAM root, role or user ARN",
        );
        assert.equal(
            validateInventoryManifestArgs({ ...noCopy, batchCopyRoleArn: COPY_ROLE }),
            "destinationAccountId and batchCopyRoleArn go together: both for the hub's batch copy grant, or neither",
        );
        assert.equal(
            validateInventoryManifestArgs({ ...noCopy, destinationAccountId: "222222222222" }),
            "destinationAccountId and batchCopyRoleArn go together: both for the hub's batch copy grant, or neither",
        );
        assert.equal(validateInventoryManifestArgs({ ...noCopy, operatorPrincipals: undefined }), undefined);
    });

    it("refuses a destination that is no account id, and a copy principal of the right account that is no role", () => {
        assert.equal(
            validateInventoryManifestArgs({ ...ARGS, destinationAccountId: "2222", batchCopyRoleArn: COPY_ROLE }),
            "destinationAccountId must be a 12-digit account id, got 2222",
        );
        for (const principal of ["arn:aws:iam::222222222222:group/ops", "arn:aws:iam::222222222222:root"]) {
            assert.equal(
                validateInventoryManifestArgs({ ...ARGS, batchCopyRoleArn: principal }),
                `batchCopyRoleArn must be a role ARN of account 222222222222, got ${principal}`,
            );
        }
    });
});

describe("InventoryManifest", () => {
    let rec: ResourceRecorder;
    beforeEach(async () => {
        rec = await installMocks({ stack: "test", accountId: "111111111111", region: "ap-northeast-1" });
    });

    async function build(args: InventoryManifestArgs = ARGS) {
        const m = new InventoryManifest("manifest", args);
        await valueOf(m.urn);
        await valueOf(m.inventory.urn);
        await settle();
        return m;
    }

    it("ONE bucket policy on the manifest bucket, holding the delivery statement AND the read grants (batch copy report)", async () => {
        const m = await build();
        const policies = rec.ofType("aws:s3/bucketPolicy:BucketPolicy");
        assert.equal(policies.length, 1, "a second BucketPolicy would overwrite the first");
        assert.equal(policies[0].inputs.bucket, MANIFEST_NAME);
        assert.deepEqual(JSON.parse(policies[0].inputs.policy), {
            Version: "2012-10-17",
            Statement: [DENY_HTTP, DELIVERY, COPY_ROLE_READ, OPERATOR_READ],
        });
        assert.equal(await valueOf(m.bucketArn), MANIFEST);
        const component = rec.one("s3-multiregion:batch:InventoryManifest", "manifest").urn;
        assert.equal(rec.one("s3-multiregion:storage:HardenedBucket", "manifest").parent, component);
    });

    it("without the batch copy pair, or without operators, the policy holds only the grants asked for", async () => {
        const { destinationAccountId: _d, batchCopyRoleArn: _r, ...noCopy } = ARGS;
        const cases: Array<[InventoryManifestArgs, object[]]> = [
            [noCopy, [DENY_HTTP, DELIVERY, OPERATOR_READ]],
            [{ ...noCopy, operatorPrincipals: undefined }, [DENY_HTTP, DELIVERY]],
            [{ ...ARGS, operatorPrincipals: undefined }, [DENY_HTTP, DELIVERY, COPY_ROLE_READ]],
        ];
        for (const [args, statements] of cases) {
            rec = await installMocks({ stack: "test", accountId: "111111111111", region: "ap-northeast-1" });
            await build(args);
            const policy = rec.one("aws:s3/bucketPolicy:BucketPolicy", "manifest-policy");
            assert.deepEqual(JSON.parse(policy.inputs.policy).Statement, statements);
        }
    });

    it("manifest bucket enforces bucket-owner ownership: inventory files belong to account A", async () => {
        await build();
        assert.deepEqual(
            rec.one("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "manifest-ownership").inputs,
            {
                bucket: MANIFEST_NAME,
                rule: { objectOwnership: "BucketOwnerEnforced" },
            },
        );
    });

    it("daily CSV inventory of the current versions into the manifest bucket, created after the bucket policy", async () => {
        await build();
        const inventory = rec.one("aws:s3/inventory:Inventory", "manifest-inventory");
        assert.deepEqual(inventory.inputs, {
            bucket: SOURCE_NAME,
            name: INVENTORY_ID,
            enabled: true,
            includedObjectVersions: "Current",
            schedule: { frequency: "Daily" },
            optionalFields: [
                "Size",
                "LastModifiedDate",
                "ETag",
                "StorageClass",
                "ReplicationStatus",
                "EncryptionStatus",
            ],
            destination: {
                bucket: { bucketArn: MANIFEST, format: "CSV", accountId: "111111111111", prefix: "inventory" },
            },
        });
        const policy = rec.one("aws:s3/bucketPolicy:BucketPolicy", "manifest-policy");
        assert.ok(inventory.dependencies.includes(policy.urn), "the inventory must wait for the delivery statement");
        assert.equal(inventory.parent, rec.one("s3-multiregion:batch:InventoryManifest", "manifest").urn);
    });

    it("a refused manifest declares nothing", async () => {
        assert.throws(
            () => new InventoryManifest("manifest", { ...ARGS, operatorPrincipals: ["ops"] }),
            /^Error: manifest: operator principal ops is neither/,
        );
        await settle();
        assert.deepEqual(rec.resources, []);
    });
});
