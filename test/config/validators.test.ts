// The shared value rules, table by table: each accepts what AWS accepts and refuses the near misses.
import * as assert from "node:assert/strict";
import { isVpcCidrSize, isVpnClientCidrSize, parseCidr } from "../../config/cidr";
import {
    isAccountId,
    isAccountPrincipal,
    isAcmCertificateArn,
    isAvailabilityZoneIn,
    isBucketArn,
    isCommercialRegion,
    isEmail,
    isExternalId,
    isKmsKeyArnIn,
    isMrapRegion,
    isMrapRoutesRegion,
    isPrincipalArn,
    isPrincipalOrAccountId,
    isRegionCode,
    isRoleArn,
    isSamlProviderArn,
    isStackName,
    parseKmsKeyArn,
    parseMrapArn,
} from "../../config/validators";

/** Asserts `rule` accepts every `good` value and refuses every `bad` one, naming the value that broke it. */
function table(rule: (v: string) => boolean, good: string[], bad: string[]): void {
    for (const v of good) assert.equal(rule(v), true, `should accept ${JSON.stringify(v)}`);
    for (const v of bad) assert.equal(rule(v), false, `should refuse ${JSON.stringify(v)}`);
}

const UUID = "0b7f1c2e-1111-2222-3333-444455556666";
const MRK = "mrk-1234abcd12ab34cd56ef1234567890ab";
const key = (region: string, id = UUID, account = "111111111111") => `arn:aws:kms:${region}:${account}:key/${id}`;

describe("config/validators: one rule, one function", () => {
    it("isAccountId: exactly twelve digits", () => {
        table(
            isAccountId,
            ["111111111111", "000000000000"],
            ["11111111111", "1111111111111", "11111111111a", " 111111111111", ""],
        );
    });

    it("isPrincipalArn, isAccountPrincipal, isPrincipalOrAccountId: IAM's principal forms", () => {
        const good = [
            "arn:aws:iam::111111111111:root",
            "arn:aws:iam::111111111111:role/uploader",
            "arn:aws:iam::111111111111:role/team/uploader+x=y,z.@-_",
            "arn:aws:iam::111111111111:user/alice",
        ];
        const bad = [
            "arn:aws:iam::111111111111:group/admins",
            "arn:aws:iam::11111111111:root",
            "arn:aws-cn:iam::111111111111:root",
            "arn:aws:iam::111111111111:role/",
            "arn:aws:iam::111111111111:role/a b",
            "arn:aws:sts::111111111111:assumed-role/r/s",
            "*",
        ];
        table(isPrincipalArn, good, [...bad, "111111111111"]);
        table(isPrincipalOrAccountId, [...good, "111111111111"], bad);
        table(
            isAccountPrincipal,
            ["111111111111", "arn:aws:iam::111111111111:root"],
            ["arn:aws:iam::111111111111:role/root", "arn:aws:iam::111111111111:user/alice", "1111111111"],
        );
    });

    it("isRoleArn: a role of any partition, as Batch Operations takes it", () => {
        table(
            isRoleArn,
            ["arn:aws:iam::111111111111:role/r", "arn:aws-cn:iam::111111111111:role/path/r"],
            ["arn:aws:iam::111111111111:user/r", "arn:aws:iam::111111111111:role/", "arn:aws:iam::1:role/r"],
        );
    });

    it("isExternalId: 2 to 1224 characters of STS's set", () => {
        table(
            isExternalId,
            ["ab", "partner-2026+x=y,z.@:/_", "x".repeat(1224)],
            ["a", "x".repeat(1225), "has space", "semi;colon", ""],
        );
    });

    it("isEmail: one @, a dotted domain, no white space", () => {
        table(
            isEmail,
            ["ops@example.com", "a.b+c@d.example.org"],
            ["ops@example", "ops example.com", "a@@b.com", "@b.com"],
        );
    });

    it("isStackName: a name or org/project/stack", () => {
        table(
            isStackName,
            ["osaka", "dest-account", "org/s3-multiregion/osaka", "a_b.c"],
            ["org/osaka", "a b", "a/b/c/d", ""],
        );
    });

    it("regions: the code's shape, the commercial partition, MRAP buckets and the routes API", () => {
        table(
            isRegionCode,
            ["ap-northeast-1", "us-gov-west-1", "ap-southeast-10"],
            ["ap-northeast", "AP-northeast-1", "x-1"],
        );
        table(
            isCommercialRegion,
            ["ap-northeast-1", "ap-northeast-3", "il-central-1"],
            ["us-gov-west-1", "cn-north-1", "xx-east-1"],
        );
        table(
            isMrapRegion,
            ["ap-northeast-1", "ap-northeast-3", "me-central-1"],
            ["mx-central-1", "us-gov-west-1", ""],
        );
        assert.deepEqual(
            [
                "us-east-1",
                "us-west-2",
                "ap-southeast-2",
                "ap-northeast-1",
                "eu-west-1",
                "ap-northeast-3",
                "us-east-2",
            ].map(isMrapRoutesRegion),
            [true, true, true, true, true, false, false],
        );
    });

    it("isAvailabilityZoneIn: the region code and one letter", () => {
        assert.equal(isAvailabilityZoneIn("ap-northeast-1a", "ap-northeast-1"), true);
        for (const zone of [
            "ap-northeast-3a",
            "ap-northeast-1",
            "ap-northeast-1ab",
            "ap-northeast-11",
            "ap-northeast-1A",
        ])
            assert.equal(isAvailabilityZoneIn(zone, "ap-northeast-1"), false, zone);
    });

    it("parseKmsKeyArn: an exact key ARN (UUID or multi-Region mrk- id) in a commercial region", () => {
        assert.deepEqual(parseKmsKeyArn(key("ap-northeast-1")), {
            region: "ap-northeast-1",
            accountId: "111111111111",
            keyId: UUID,
            multiRegion: false,
        });
        assert.deepEqual(parseKmsKeyArn(key("ap-northeast-3", MRK, "222222222222")), {
            region: "ap-northeast-3",
            accountId: "222222222222",
            keyId: MRK,
            multiRegion: true,
        });
        for (const bad of [
            "arn:aws:kms:ap-northeast-1:111111111111:alias/data",
            key("ap-northeast-1", "mrk-1234"),
            key("ap-northeast-1", MRK.toUpperCase()),
            key("ap-northeast-1", UUID.toUpperCase()),
            key("ap-northeast-1", "------------------------------------"),
            key("ap-northeast-1", UUID, "11111111111"),
            key("us-gov-west-1"),
            key("xx-east-1"),
            `arn:aws-cn:kms:cn-north-1:111111111111:key/${UUID}`,
            `${key("ap-northeast-1")}/extra`,
        ])
            assert.equal(parseKmsKeyArn(bad), undefined, bad);
    });

    it("isKmsKeyArnIn: a bucket's key lies in the bucket's region, multi-Region keys included", () => {
        assert.equal(isKmsKeyArnIn(key("ap-northeast-1"), "ap-northeast-1"), true);
        assert.equal(isKmsKeyArnIn(key("ap-northeast-1", MRK), "ap-northeast-1"), true);
        // The replica of a multi-Region key in another region has its own ARN: the primary's ARN is refused.
        assert.equal(isKmsKeyArnIn(key("ap-northeast-1", MRK), "ap-northeast-3"), false);
        assert.equal(isKmsKeyArnIn(key("ap-northeast-3"), "ap-northeast-1"), false);
    });

    it("isAcmCertificateArn: any region code, or exactly the given one", () => {
        const cert = (region: string) => `arn:aws:acm:${region}:111111111111:certificate/${UUID}`;
        assert.equal(isAcmCertificateArn(cert("ap-northeast-1")), true);
        assert.equal(isAcmCertificateArn(cert("ap-northeast-1"), "ap-northeast-1"), true);
        assert.equal(isAcmCertificateArn(cert("ap-northeast-3"), "ap-northeast-1"), false);
        assert.equal(isAcmCertificateArn(cert("nowhere")), false);
        assert.equal(isAcmCertificateArn("arn:aws:acm:ap-northeast-1:111111111111:certificate/short"), false);
    });

    it("isSamlProviderArn: arn:aws:iam::<account>:saml-provider/<name>", () => {
        table(
            isSamlProviderArn,
            ["arn:aws:iam::111111111111:saml-provider/corp-idp", "arn:aws:iam::111111111111:saml-provider/a.b_c"],
            [
                "arn:aws:iam::111111111111:oidc-provider/x",
                "arn:aws:iam::111111111111:saml-provider/",
                "arn:aws:iam::1:saml-provider/x",
            ],
        );
    });

    it("isBucketArn: an exact bucket, commercial partition unless any partition is allowed", () => {
        table(
            (v) => isBucketArn(v),
            ["arn:aws:s3:::abc", "arn:aws:s3:::a.b-c1"],
            ["arn:aws:s3:::ab", "arn:aws:s3:::abc/*", "arn:aws:s3:::Abc", "arn:aws:s3:::-abc", "arn:aws-cn:s3:::abc"],
        );
        table(
            (v) => isBucketArn(v, true),
            ["arn:aws-cn:s3:::abc", "arn:aws:s3:::abc"],
            ["arn:aws-cn:s3:::abc/*", "arn:azure:s3:::abc"],
        );
    });

    it("parseMrapArn: account and alias of arn:aws:s3::<account>:accesspoint/<alias>.mrap", () => {
        assert.deepEqual(parseMrapArn("arn:aws:s3::111111111111:accesspoint/mfzwi23gnjvgw.mrap"), {
            accountId: "111111111111",
            alias: "mfzwi23gnjvgw.mrap",
        });
        for (const bad of [
            "arn:aws:s3::111111111111:accesspoint/mfzwi23gnjvgw",
            "arn:aws:s3:ap-northeast-1:111111111111:accesspoint/ap",
            "arn:aws:s3::11111111111:accesspoint/x.mrap",
        ])
            assert.equal(parseMrapArn(bad), undefined, bad);
    });

    it("CIDR sizes: a VPC takes /16 to /24, Client VPN clients /12 to /22", () => {
        const sizes = (rule: (c: NonNullable<ReturnType<typeof parseCidr>>) => boolean) =>
            [11, 12, 16, 22, 23, 24, 25].map((p) => rule({ base: 0, prefix: p, text: `0.0.0.0/${p}` }));
        assert.deepEqual(sizes(isVpcCidrSize), [false, false, true, true, true, true, false]);
        assert.deepEqual(sizes(isVpnClientCidrSize), [false, true, true, true, false, false, false]);
    });
});
