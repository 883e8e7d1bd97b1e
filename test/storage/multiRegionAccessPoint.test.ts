// MultiRegionAccessPoint under mocks: its regions and public access block, its policy, and the routes in both failover modes.
import * as assert from "node:assert/strict";
import {
    MultiRegionAccessPoint,
    MultiRegionAccessPointArgs,
    mrapCommands,
    mrapHost,
    trafficDials,
    validateMultiRegionAccessPointArgs,
} from "../../components/storage/multiRegionAccessPoint";
import { installMocks, ResourceRecorder, settle, valueOf } from "../../verifier/mockRuntime";

const TOKYO = "acme-data-111111111111-ap-northeast-1";
const OSAKA = "acme-data-111111111111-ap-northeast-3";
const ARGS: MultiRegionAccessPointArgs = {
    mrapName: "acme-mrap",
    accountId: "111111111111",
    buckets: [
        { region: "ap-northeast-1", bucketName: TOKYO },
        { region: "ap-northeast-3", bucketName: OSAKA },
    ],
    routesRegion: "us-west-2",
};

describe("MultiRegionAccessPoint", () => {
    let rec: ResourceRecorder;
    beforeEach(async () => {
        rec = await installMocks({ stack: "test", accountId: "111111111111", region: "ap-northeast-1" });
    });

    async function build(overrides: Partial<MultiRegionAccessPointArgs> = {}) {
        const m = new MultiRegionAccessPoint("mrap", { ...ARGS, ...overrides });
        await valueOf(m.urn);
        await settle();
        return m;
    }

    it("spans the regional buckets with every public access block flag on, owned by account A", async () => {
        const m = await build();
        const component = rec.one("s3-multiregion:storage:MultiRegionAccessPoint", "mrap");
        assert.deepEqual(rec.registeredOutputs.get(component.urn), {
            arn: await valueOf(m.arn),
            alias: await valueOf(m.alias),
            host: await valueOf(m.host),
        });
        assert.deepEqual(
            rec.resources
                .filter((r) => r.parent === component.urn)
                .map((r) => `${r.type}/${r.name}`)
                .sort(),
            [
                "aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint/mrap",
                "aws:s3control/multiRegionAccessPointPolicy:MultiRegionAccessPointPolicy/mrap-policy",
                "aws:s3control/multiRegionAccessPointRoutes:MultiRegionAccessPointRoutes/mrap-routes",
            ],
        );
        const mrap = rec.one("aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint", "mrap");
        // A region change replaces the MRAP under the same name, which only works delete-first.
        assert.deepEqual(mrap.options, { parent: component.urn, deleteBeforeReplace: true });
        assert.deepEqual(mrap.inputs, {
            accountId: "111111111111",
            details: {
                name: "acme-mrap",
                publicAccessBlock: {
                    blockPublicAcls: true,
                    blockPublicPolicy: true,
                    ignorePublicAcls: true,
                    restrictPublicBuckets: true,
                },
                regions: [{ bucket: TOKYO }, { bucket: OSAKA }],
            },
        });
        const alias = await valueOf(m.alias);
        assert.match(alias, /^[0-9a-f]{13}\.mrap$/);
        assert.equal(await valueOf(m.arn), `arn:aws:s3::111111111111:accesspoint/${alias}`);
        assert.equal(await valueOf(m.host), `${alias}.accesspoint.s3-global.amazonaws.com`);
    });

    it("has a policy that admits account A's principals only, on the MRAP and its objects", async () => {
        const m = await build();
        const arn = await valueOf(m.arn);
        const policy = rec.one(
            "aws:s3control/multiRegionAccessPointPolicy:MultiRegionAccessPointPolicy",
            "mrap-policy",
        );
        assert.equal(policy.inputs.accountId, "111111111111");
        assert.equal(policy.inputs.details.name, "acme-mrap");
        assert.deepEqual(JSON.parse(policy.inputs.details.policy), {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "AllowOwnAccountPrincipals",
                    Effect: "Allow",
                    Principal: { AWS: "arn:aws:iam::111111111111:root" },
                    Action: [
                        "s3:GetObject",
                        "s3:GetObjectVersion",
                        "s3:GetObjectTagging",
                        "s3:PutObject",
                        "s3:PutObjectTagging",
                        "s3:DeleteObject",
                        "s3:DeleteObjectVersion",
                        "s3:AbortMultipartUpload",
                        "s3:ListMultipartUploadParts",
                        "s3:ListBucket",
                        "s3:ListBucketVersions",
                        "s3:ListBucketMultipartUploads",
                    ],
                    Resource: [arn, `${arn}/object/*`],
                },
            ],
        });
    });

    it("active-active (the default): every region dialled to 100, routes pinned to the configured routes region", async () => {
        const m = await build();
        const routes = rec.one(
            "aws:s3control/multiRegionAccessPointRoutes:MultiRegionAccessPointRoutes",
            "mrap-routes",
        );
        assert.deepEqual(routes.inputs, {
            accountId: "111111111111",
            mrap: await valueOf(m.arn),
            region: "us-west-2",
            routes: [
                { bucket: TOKYO, region: "ap-northeast-1", trafficDialPercentage: 100 },
                { bucket: OSAKA, region: "ap-northeast-3", trafficDialPercentage: 100 },
            ],
        });
    });

    it("active-passive: the active region at 100, every other at 0", async () => {
        await build({
            failover: { mode: "active-passive", activeRegion: "ap-northeast-3" },
            routesRegion: "ap-southeast-2",
        });
        const routes = rec.one(
            "aws:s3control/multiRegionAccessPointRoutes:MultiRegionAccessPointRoutes",
            "mrap-routes",
        );
        assert.equal(routes.inputs.region, "ap-southeast-2");
        assert.deepEqual(routes.inputs.routes, [
            { bucket: TOKYO, region: "ap-northeast-1", trafficDialPercentage: 0 },
            { bucket: OSAKA, region: "ap-northeast-3", trafficDialPercentage: 100 },
        ]);
        assert.deepEqual(trafficDials(["a-1", "b-1", "c-1"], { mode: "active-passive", activeRegion: "b-1" }), {
            "a-1": 0,
            "b-1": 100,
            "c-1": 0,
        });
        assert.deepEqual(trafficDials(["a-1", "b-1", "c-1"], { mode: "active-active" }), {
            "a-1": 100,
            "b-1": 100,
            "c-1": 100,
        });
    });

    it("gives ready-to-paste CLI commands with the s3:// prefix where `aws s3` needs it (MRAP field report)", () => {
        const arn = "arn:aws:s3::111111111111:accesspoint/abcdefghijklm.mrap";
        assert.deepEqual(mrapCommands(arn), {
            list: `aws s3 ls s3://${arn}/`,
            upload: `aws s3 cp file.txt s3://${arn}/file.txt`,
            putObject: `aws s3api put-object --bucket ${arn} --key file.txt --body file.txt`,
            headObject: `aws s3api head-object --bucket ${arn} --key file.txt`,
        });
        assert.equal(mrapHost("abcdefghijklm.mrap"), "abcdefghijklm.mrap.accesspoint.s3-global.amazonaws.com");
    });

    it("refuses arguments AWS would refuse or that defeat failover, and declares nothing then", async () => {
        const table: [Partial<MultiRegionAccessPointArgs>, string | undefined][] = [
            [{}, undefined],
            [{ mrapName: "Acme_MRAP" }, "MRAP name Acme_MRAP must be 3-50 lowercase letters, digits and hyphens"],
            // The whole name is checked, not a valid run inside it: a bad first or last character, or 51 characters.
            [{ mrapName: "-acme-mrap" }, "MRAP name -acme-mrap must be 3-50 lowercase letters, digits and hyphens"],
            [{ mrapName: "acme-mrap-" }, "MRAP name acme-mrap- must be 3-50 lowercase letters, digits and hyphens"],
            [{ mrapName: "a".repeat(50) }, undefined],
            [
                { mrapName: "a".repeat(51) },
                `MRAP name ${"a".repeat(51)} must be 3-50 lowercase letters, digits and hyphens`,
            ],
            [{ accountId: "42" }, "accountId must be a 12-digit account id, got 42"],
            [{ accountId: "x111111111111" }, "accountId must be a 12-digit account id, got x111111111111"],
            [{ accountId: "1111111111112" }, "accountId must be a 12-digit account id, got 1111111111112"],
            // 17 buckets is the most an MRAP takes.
            [
                {
                    buckets: Array.from({ length: 17 }, (_, i) => ({
                        region: `region-${i}`,
                        bucketName: `acme-data-${i}`,
                    })),
                },
                undefined,
            ],
            [
                {
                    buckets: Array.from({ length: 18 }, (_, i) => ({
                        region: `region-${i}`,
                        bucketName: `acme-data-${i}`,
                    })),
                },
                "an MRAP here needs 2 to 17 regional buckets, got 18",
            ],
            [
                { buckets: [{ region: "ap-northeast-1", bucketName: TOKYO }] },
                "an MRAP here needs 2 to 17 regional buckets, got 1",
            ],
            [
                {
                    buckets: [
                        { region: "ap-northeast-1", bucketName: TOKYO },
                        { region: "ap-northeast-1", bucketName: OSAKA },
                    ],
                },
                "an MRAP takes one bucket per region, got ap-northeast-1, ap-northeast-1",
            ],
            [
                { routesRegion: "ap-northeast-3" },
                "routesRegion ap-northeast-3 is not one where the MRAP routes API answers (us-east-1, us-west-2, ap-southeast-2, ap-northeast-1, eu-west-1)",
            ],
            [
                { failover: { mode: "active-passive", activeRegion: "us-east-1" } },
                "active region us-east-1 is not one of the MRAP's regions (ap-northeast-1, ap-northeast-3)",
            ],
        ];
        for (const [overrides, expected] of table)
            assert.equal(validateMultiRegionAccessPointArgs({ ...ARGS, ...overrides }), expected);
        assert.throws(
            () => new MultiRegionAccessPoint("bad", { ...ARGS, routesRegion: "ap-northeast-3" }),
            /^Error: bad: routesRegion ap-northeast-3 is not one/,
        );
        await settle();
        assert.deepEqual(rec.resources, []);
    });
});
