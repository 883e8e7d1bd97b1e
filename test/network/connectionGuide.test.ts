// The connection guide's pure functions: endpoint-specific URLs from DNS entries and the ready-to-paste commands.
import * as assert from "node:assert/strict";
import {
    connectionGuide,
    ConnectionGuideInput,
    endpointSpecificHost,
    mrapEndpointUrl,
    s3EndpointUrl,
} from "../../components/network/connectionGuide";

const S3_NAMES = [
    "*.vpce-0a1b2c3d4e5f60718-abcd1234-ap-northeast-1a.s3.ap-northeast-1.vpce.amazonaws.com",
    "*.vpce-0a1b2c3d4e5f60718-abcd1234.s3.ap-northeast-1.vpce.amazonaws.com",
    "s3.ap-northeast-1.amazonaws.com",
];
const MRAP_NAMES = ["*.vpce-0ffee0ffee0ffee00-12345678.accesspoint.s3-global.ap-northeast-1.vpce.amazonaws.com"];
const S3_HOST = "vpce-0a1b2c3d4e5f60718-abcd1234.s3.ap-northeast-1.vpce.amazonaws.com";
const MRAP_HOST = "vpce-0ffee0ffee0ffee00-12345678.accesspoint.s3-global.ap-northeast-1.vpce.amazonaws.com";
const MRAP_ARN = "arn:aws:s3::111111111111:accesspoint/mfzwi23gnjvgw.mrap";

const BASE: ConnectionGuideInput = {
    region: "ap-northeast-1",
    endpointDnsMode: "endpoint-specific",
    bucketName: "acme-data-111111111111-ap-northeast-1",
    s3DnsNames: S3_NAMES,
    mrapDnsNames: MRAP_NAMES,
    mrapArn: MRAP_ARN,
    clientVpnEndpointId: "cvpn-endpoint-0123456789abcdef0",
    clientConfigFile: "acme-tokyo.ovpn",
};

describe("connection guide", () => {
    it("picks the regional endpoint-specific name whatever the order, without the wildcard", () => {
        assert.equal(endpointSpecificHost(S3_NAMES), S3_HOST);
        assert.equal(endpointSpecificHost([...S3_NAMES].reverse()), S3_HOST);
        assert.equal(
            endpointSpecificHost([
                "*.vpce-0a1b2c3d4e5f60718-abcd1234-ap-northeast-1a.s3.ap-northeast-1.vpce.amazonaws.com",
            ]),
            "vpce-0a1b2c3d4e5f60718-abcd1234-ap-northeast-1a.s3.ap-northeast-1.vpce.amazonaws.com",
        );
        assert.throws(
            () => endpointSpecificHost(["s3.ap-northeast-1.amazonaws.com"]),
            /^Error: no endpoint-specific DNS name among \[s3\.ap-northeast-1\.amazonaws\.com\]$/,
        );
    });

    it("builds the bucket. and accesspoint. URLs (seeds 002 and 000)", () => {
        assert.equal(s3EndpointUrl(S3_NAMES), `https://bucket.${S3_HOST}`);
        assert.equal(mrapEndpointUrl(MRAP_NAMES), `https://accesspoint.${MRAP_HOST}`);
    });

    it("endpoint-specific: every S3 command carries --endpoint-url and --region; the MRAP one its endpoint", () => {
        assert.deepEqual(connectionGuide(BASE), {
            s3EndpointUrl: `https://bucket.${S3_HOST}`,
            mrapEndpointUrl: `https://accesspoint.${MRAP_HOST}`,
            commands: {
                exportClientConfig:
                    "aws ec2 export-client-vpn-client-configuration --client-vpn-endpoint-id cvpn-endpoint-0123456789abcdef0 --region ap-northeast-1 --output text > acme-tokyo.ovpn",
                dig: `dig +short bucket.${S3_HOST}`,
                s3Ls: `aws s3 ls s3://acme-data-111111111111-ap-northeast-1/ --endpoint-url https://bucket.${S3_HOST} --region ap-northeast-1`,
                mrapLs: `aws s3 ls "s3://${MRAP_ARN}/" --endpoint-url https://accesspoint.${MRAP_HOST}`,
            },
        });
    });

    it("private-dns: regional names resolve to the endpoint, --region still pins the regional name", () => {
        const g = connectionGuide({ ...BASE, endpointDnsMode: "private-dns" });
        assert.deepEqual(g.commands, {
            exportClientConfig:
                "aws ec2 export-client-vpn-client-configuration --client-vpn-endpoint-id cvpn-endpoint-0123456789abcdef0 --region ap-northeast-1 --output text > acme-tokyo.ovpn",
            dig: "dig +short acme-data-111111111111-ap-northeast-1.s3.ap-northeast-1.amazonaws.com",
            s3Ls: "aws s3 ls s3://acme-data-111111111111-ap-northeast-1/ --region ap-northeast-1",
            mrapLs: `aws s3 ls "s3://${MRAP_ARN}/"`,
        });
        assert.equal(g.s3EndpointUrl, `https://bucket.${S3_HOST}`);
    });

    it("without a VPN there is no export command, and an unknown MRAP is left to $MRAP_ARN", () => {
        const g = connectionGuide({ ...BASE, clientVpnEndpointId: undefined, mrapArn: undefined });
        assert.equal("exportClientConfig" in g.commands, false);
        assert.equal(g.commands.mrapLs, `aws s3 ls "s3://$MRAP_ARN/" --endpoint-url https://accesspoint.${MRAP_HOST}`);
    });
});
