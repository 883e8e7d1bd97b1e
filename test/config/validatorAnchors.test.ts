// The shared value rules match whole values: a valid value inside a longer string is refused, and the config helpers' messages.
import * as assert from "node:assert/strict";
import { ConfigError, Reader } from "../../config/configReader";
import {
    accountId,
    isAccountPrincipal,
    isAcmCertificateArn,
    isEmail,
    isPrincipalArn,
    isRegionCode,
    isRoleArn,
    isSamlProviderArn,
    parseKmsKeyArn,
    parseMrapArn,
    region,
} from "../../config/validators";

/** `valid` is accepted, and refused with anything before it or after it (an unanchored pattern would take both). */
function anchored(rule: (v: string) => boolean, valid: string, before = "x", after = "x"): void {
    assert.equal(rule(valid), true, `should accept ${JSON.stringify(valid)}`);
    assert.equal(rule(`${before}${valid}`), false, `should refuse ${JSON.stringify(`${before}${valid}`)}`);
    assert.equal(rule(`${valid}${after}`), false, `should refuse ${JSON.stringify(`${valid}${after}`)}`);
}

const UUID = "0b7f1c2e-1111-2222-3333-444455556666";

/** The one line a config helper throws. */
function messageOf(f: () => unknown): string {
    try {
        f();
    } catch (e) {
        assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${String(e)}`);
        return e.message;
    }
    assert.fail("the value was accepted");
}

const reader = (values: Record<string, string>) => new Reader({ stack: "s", awsRegion: undefined, values });

describe("config/validators: whole values only", () => {
    it("principal ARNs: isPrincipalArn and the account root of isAccountPrincipal", () => {
        // A root ARN inside a longer string is not a principal: `*arn:...:root` would widen a grant.
        anchored(isPrincipalArn, "arn:aws:iam::111111111111:root", "*");
        anchored(isPrincipalArn, "arn:aws:iam::111111111111:role/uploader", " ", " ");
        anchored(isAccountPrincipal, "arn:aws:iam::111111111111:root", "x", "/x");
    });

    it("isRoleArn: a role ARN and nothing around it (a new line ends `.+`)", () => {
        anchored(isRoleArn, "arn:aws:iam::111111111111:role/batch", "x", "\nx");
    });

    it("isRegionCode: a region code and nothing around it", () => {
        anchored(isRegionCode, "ap-northeast-1", "x", "x");
    });

    it("isEmail: an address and nothing around it", () => {
        anchored(isEmail, "ops@example.com", "on call ", " tonight");
    });

    it("parseKmsKeyArn, parseMrapArn: a key or MRAP ARN and nothing around it", () => {
        anchored((v) => parseKmsKeyArn(v) !== undefined, `arn:aws:kms:ap-northeast-1:111111111111:key/${UUID}`);
        anchored((v) => parseMrapArn(v) !== undefined, "arn:aws:s3::111111111111:accesspoint/mfzwi23gnjvgw.mrap");
    });

    it("isAcmCertificateArn, isSamlProviderArn: the ARN and nothing around it", () => {
        const cert = `arn:aws:acm:ap-northeast-1:111111111111:certificate/${UUID}`;
        anchored((v) => isAcmCertificateArn(v), cert);
        anchored((v) => isAcmCertificateArn(v, "ap-northeast-1"), cert);
        anchored(isSamlProviderArn, "arn:aws:iam::111111111111:saml-provider/corp-idp", "x", "/x");
    });

    it("region(): a commercial region, else one line naming the key", () => {
        assert.equal(region("aws:region", "ap-northeast-3"), "ap-northeast-3");
        const allowed = /; allowed: a commercial AWS region code such as ap-northeast-1 \(\d+ known\)$/;
        assert.match(
            messageOf(() => region("aws:region", undefined)),
            new RegExp(`^config aws:region is not set${allowed.source}`),
        );
        assert.match(
            messageOf(() => region("aws:region", "mars-1")),
            new RegExp(`^config aws:region = "mars-1"${allowed.source}`),
        );
    });

    it("accountId(): a 12-digit id, and the same allowed text when the key is unset or wrong", () => {
        assert.equal(accountId(reader({ sourceAccountId: "111111111111" }), "sourceAccountId"), "111111111111");
        assert.equal(
            messageOf(() => accountId(reader({}), "sourceAccountId")),
            "config s3-multiregion:sourceAccountId is not set; allowed: a 12-digit AWS account id",
        );
        assert.equal(
            messageOf(() => accountId(reader({ sourceAccountId: "1111" }), "sourceAccountId")),
            'config s3-multiregion:sourceAccountId = "1111"; allowed: a 12-digit AWS account id',
        );
    });
});
