// Copies of a rule kept on purpose agree with the product's one function: the pack (its own package) and
// the Batch Operations provider (serialized, so it cannot import) get the same table and give the same verdicts.
import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import {
    checkBatchReplicationJobInputs,
    normalizeBatchReplicationJobInputs,
} from "../../components/batch/batchJobInputs";
import { ALL_PUBLIC_ACCESS_BLOCKED } from "../../components/storage/publicAccessBlock";
import { parseCidr, vpcResolverAddress } from "../../config/cidr";
import { COMMERCIAL_REGIONS, MRAP_REGIONS } from "../../config/configTypes";
import {
    isAccountId,
    isAccountPrincipal,
    isBucketArn,
    isMrapRoutesRegion,
    isRegionCode,
    isRoleArn,
    parseKmsKeyArn,
} from "../../config/validators";
import * as packCidr from "../../policy/lib/cidr";
import * as packIam from "../../policy/lib/iamDocument";
import { PAB_FLAGS } from "../../policy/lib/system";
import { MRAP_ROUTES_REGIONS as PACK_ROUTES_REGIONS, mrapPublicAccessBlock } from "../../policy/policies/mrap";
import { keyRegion as packKeyRegion } from "../../policy/policies/replicationMesh";
import { res, runOne } from "../../policy/test/fixtures";

/** Every value of `values` on which `a` and `b` disagree, with both verdicts. */
function disagreements<T>(values: readonly string[], a: (v: string) => T, b: (v: string) => T): string[] {
    return values.filter((v) => a(v) !== b(v)).map((v) => `${JSON.stringify(v)}: ${String(a(v))} vs ${String(b(v))}`);
}

const ACCOUNT_IDS = [
    "111111111111",
    "000000000000",
    "11111111111",
    "1111111111111",
    "11111111111a",
    "",
    " 111111111111",
];
const UUID = "0b7f1c2e-1111-2222-3333-444455556666";
const MRK = "mrk-1234abcd12ab34cd56ef1234567890ab";
const REGIONS = [...COMMERCIAL_REGIONS, "us-gov-west-1", "cn-north-1", "ap-northeast", "xx-east-1", ""];

describe("layout: kept copies of a rule agree with the product's function", () => {
    it("account id: the pack's isAccountId and accountOf", () => {
        assert.deepEqual(disagreements(ACCOUNT_IDS, isAccountId, packIam.isAccountId), []);
        assert.deepEqual(
            disagreements(ACCOUNT_IDS, isAccountId, (v) => packIam.accountOf(v) === v),
            [],
        );
    });

    it("account principal: the pack's isAccountPrincipal on the commercial partition", () => {
        // The pack also reads arn:aws-cn:/arn:aws-us-gov: roots (it judges any program's stack); the product is arn:aws: only.
        const values = [
            ...ACCOUNT_IDS,
            "arn:aws:iam::111111111111:root",
            "arn:aws:iam::11111111111:root",
            "arn:aws:iam::111111111111:role/root",
            "arn:aws:iam::111111111111:user/alice",
            "arn:aws:iam::111111111111:root/x",
        ];
        assert.deepEqual(disagreements(values, isAccountPrincipal, packIam.isAccountPrincipal), []);
    });

    it("MRAP routes regions: the pack's default list, over every region", () => {
        assert.deepEqual(
            disagreements(REGIONS, isMrapRoutesRegion, (r) => PACK_ROUTES_REGIONS.includes(r)),
            [],
        );
        // A routes region the MRAP's buckets could not use would be a list out of date.
        assert.deepEqual(
            PACK_ROUTES_REGIONS.filter((r) => !MRAP_REGIONS.includes(r)),
            [],
        );
    });

    it("KMS key region: the pack reads the same region from every key ARN the product accepts", () => {
        const keys = COMMERCIAL_REGIONS.flatMap((r) =>
            [UUID, MRK].map((id) => `arn:aws:kms:${r}:111111111111:key/${id}`),
        );
        assert.ok(keys.every((k) => parseKmsKeyArn(k) !== undefined));
        assert.deepEqual(
            disagreements(keys, (k) => parseKmsKeyArn(k)?.region, packKeyRegion),
            [],
        );
        // An alias ARN names a replica key's region too (replicaKmsKeyId takes one): the pack reads it on purpose.
        assert.equal(packKeyRegion("arn:aws:kms:ap-northeast-3:111111111111:alias/replicas"), "ap-northeast-3");
        assert.equal(parseKmsKeyArn("arn:aws:kms:ap-northeast-3:111111111111:alias/replicas"), undefined);
    });

    it("public access block: the pack checks exactly the flags the product sets, and refuses each one off", async () => {
        assert.deepEqual([...PAB_FLAGS].sort(), Object.keys(ALL_PUBLIC_ACCESS_BLOCKED).sort());
        const mrap = (publicAccessBlock: Record<string, boolean>) =>
            res(aws.s3control.MultiRegionAccessPoint, "mrap", {
                accountId: "111111111111",
                details: {
                    name: "acme-mrap",
                    regions: [{ bucket: "a-data" }, { bucket: "b-data" }],
                    publicAccessBlock,
                },
            });
        assert.deepEqual(await runOne(mrapPublicAccessBlock, [mrap({ ...ALL_PUBLIC_ACCESS_BLOCKED })]), []);
        for (const flag of Object.keys(ALL_PUBLIC_ACCESS_BLOCKED)) {
            const violations = await runOne(mrapPublicAccessBlock, [
                mrap({ ...ALL_PUBLIC_ACCESS_BLOCKED, [flag]: false }),
            ]);
            assert.deepEqual(
                violations.map((v) => v.message),
                [`MRAP public access block turns off ${flag}.`],
            );
        }
    });

    it("VPC resolver address: the pack computes the product's base + 2 for every VPC CIDR", () => {
        const cidrs = ["10.0.0.0/16", "10.20.0.0/16", "172.16.8.0/21", "192.168.1.0/24", "10.255.255.0/24"];
        for (const c of cidrs) assert.equal(packCidr.vpcResolverAddress(c), vpcResolverAddress(c), c);
        for (const bad of ["10.0.0.0", "10.0.0.256/16", "ten/16", "10.0.0.0/33"]) {
            assert.equal(parseCidr(bad), undefined, bad);
            assert.equal(packCidr.vpcResolverAddress(bad), undefined, bad);
        }
    });

    describe("the Batch Operations provider's serialized checks", () => {
        const base = {
            accountId: "111111111111",
            region: "ap-northeast-1",
            sourceBucketArn: "arn:aws:s3:::acme-data-111111111111-ap-northeast-1",
            roleArn: "arn:aws:iam::111111111111:role/acme-batch-replication",
            reportBucketArn: "arn:aws:s3:::acme-reports-111111111111-ap-northeast-1",
        };
        /** Whether the provider accepts `value` as `property` (no failure names that property). */
        const provider =
            (property: keyof typeof base) =>
            (value: string): boolean =>
                !checkBatchReplicationJobInputs(
                    normalizeBatchReplicationJobInputs({ ...base, [property]: value }),
                ).some((f) => f.property === property);

        it("account id, region code, bucket ARN (any partition) and role ARN", () => {
            assert.deepEqual(
                disagreements(
                    ACCOUNT_IDS.filter((v) => v !== ""),
                    isAccountId,
                    provider("accountId"),
                ),
                [],
            );
            assert.deepEqual(
                disagreements(
                    REGIONS.filter((v) => v !== ""),
                    isRegionCode,
                    provider("region"),
                ),
                [],
            );
            const buckets = [
                "arn:aws:s3:::abc",
                "arn:aws-cn:s3:::a.b-c",
                "arn:aws:s3:::ab",
                "arn:aws:s3:::abc/*",
                "arn:aws:s3:::Abc",
                "arn:azure:s3:::abc",
            ];
            assert.deepEqual(
                disagreements(buckets, (v) => isBucketArn(v, true), provider("sourceBucketArn")),
                [],
            );
            const roles = [
                "arn:aws:iam::111111111111:role/r",
                "arn:aws-cn:iam::111111111111:role/p/r",
                "arn:aws:iam::111111111111:user/r",
                "arn:aws:iam::1:role/r",
            ];
            assert.deepEqual(disagreements(roles, isRoleArn, provider("roleArn")), []);
        });
    });
});
