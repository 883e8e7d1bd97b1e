// The connection guide's pure functions: endpoint-specific URLs from DNS entries, the DNS checks and the ready-to-paste commands.
import * as assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import {
    connectionGuide,
    ConnectionGuideInput,
    endpointSpecificHost,
    inVpcCheck,
    mrapRequestHost,
    s3EndpointUrl,
} from "../../components/network/connectionGuide";

const S3_NAMES = [
    "*.vpce-0a1b2c3d4e5f60718-abcd1234-ap-northeast-1a.s3.ap-northeast-1.vpce.amazonaws.com",
    "*.vpce-0a1b2c3d4e5f60718-abcd1234.s3.ap-northeast-1.vpce.amazonaws.com",
    "s3.ap-northeast-1.amazonaws.com",
];
const S3_HOST = "vpce-0a1b2c3d4e5f60718-abcd1234.s3.ap-northeast-1.vpce.amazonaws.com";
const MRAP_ARN = "arn:aws:s3::111111111111:accesspoint/mfzwi23gnjvgw.mrap";
const MRAP_GLOBAL = "mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com";
const BUCKET = "acme-data-111111111111-ap-northeast-1";
const CHECK = inVpcCheck("10.0.0.0/16");

const BASE: ConnectionGuideInput = {
    region: "ap-northeast-1",
    endpointDnsMode: "endpoint-specific",
    vpcCidr: "10.0.0.0/16",
    bucketName: BUCKET,
    s3DnsNames: S3_NAMES,
    mrapArn: MRAP_ARN,
    clientVpnEndpointId: "cvpn-endpoint-0123456789abcdef0",
    clientConfigFile: "acme-tokyo.ovpn",
};

/** Runs a shell pipeline with `dig` replaced by a function that prints `answers`, as `dig +short` would. */
function runWithDig(command: string, answers: string[]): string {
    const fakeDig = `dig() { printf '%s\\n' ${answers.map((a) => `'${a}'`).join(" ")}; }`;
    return execFileSync("sh", ["-c", `${fakeDig}\n${command}`], { encoding: "utf8", env: { MRAP_ARN } });
}

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
        // The regional shape counts only from the start of a name; else the first endpoint-specific name is taken.
        assert.equal(
            endpointSpecificHost([
                "x*.vpce-0a1b2c3d4e5f60718-abcd1234.s3.ap-northeast-1.vpce.amazonaws.com",
                "*.vpce-0a1b2c3d4e5f60718-abcd1234-ap-northeast-1a.s3.ap-northeast-1.vpce.amazonaws.com",
            ]),
            "vpce-0a1b2c3d4e5f60718-abcd1234-ap-northeast-1a.s3.ap-northeast-1.vpce.amazonaws.com",
        );
        assert.throws(
            () => endpointSpecificHost(["s3.ap-northeast-1.amazonaws.com", "*.s3.ap-northeast-1.amazonaws.com"]),
            /^Error: no endpoint-specific DNS name among \[s3\.ap-northeast-1\.amazonaws\.com, \*\.s3\.ap-northeast-1\.amazonaws\.com\]$/,
        );
    });

    it("builds the bucket. URL (the VPN endpoint report)", () => {
        assert.equal(s3EndpointUrl(S3_NAMES), `https://bucket.${S3_HOST}`);
    });

    it("an MRAP request goes to <alias>.accesspoint.s3-global.amazonaws.com; a shell variable is cut by the shell", () => {
        assert.equal(mrapRequestHost(MRAP_ARN), MRAP_GLOBAL);
        assert.equal(mrapRequestHost("$MRAP_ARN"), "${MRAP_ARN##*/}.accesspoint.s3-global.amazonaws.com");
        assert.throws(
            () => mrapRequestHost("arn:aws:s3:ap-northeast-1:111111111111:accesspoint/ap1"),
            /^Error: arn:aws:s3:ap-northeast-1:111111111111:accesspoint\/ap1 is not an MRAP ARN/,
        );
    });

    it("the DNS check says, per address, whether it lies in the VPC CIDR, and says so when nothing answers", () => {
        const out = runWithDig(`dig +short x | ${inVpcCheck("10.0.0.0/16")}`, [
            "s3-r-w.ap-northeast-1.amazonaws.com.",
            "10.0.12.179",
            "10.0.255.255",
            "10.1.0.0",
            "9.255.255.255",
            "52.219.1.10",
        ]);
        assert.equal(
            out,
            [
                "10.0.12.179 is in the VPC CIDR 10.0.0.0/16",
                "10.0.255.255 is in the VPC CIDR 10.0.0.0/16",
                "10.1.0.0 is NOT in the VPC CIDR 10.0.0.0/16",
                "9.255.255.255 is NOT in the VPC CIDR 10.0.0.0/16",
                "52.219.1.10 is NOT in the VPC CIDR 10.0.0.0/16",
                "",
            ].join("\n"),
        );
        assert.equal(
            runWithDig(`dig +short x | ${inVpcCheck("172.16.4.0/24")}`, ["172.16.4.2", "172.16.5.1"]),
            "172.16.4.2 is in the VPC CIDR 172.16.4.0/24\n172.16.5.1 is NOT in the VPC CIDR 172.16.4.0/24\n",
        );
        assert.equal(
            runWithDig(`dig +short x | ${CHECK}`, []),
            "no address: the VPN DNS server did not answer for this name\n",
        );
        assert.throws(() => inVpcCheck("10.0.0.1/16"), /^Error: not an IPv4 CIDR: 10\.0\.0\.1\/16$/);
    });

    it("endpoint-specific: S3 commands carry --endpoint-url and --region; MRAP ones neither, and dig checks the hosts they use", () => {
        assert.deepEqual(connectionGuide(BASE), {
            s3EndpointUrl: `https://bucket.${S3_HOST}`,
            commands: {
                exportClientConfig:
                    "aws ec2 export-client-vpn-client-configuration --client-vpn-endpoint-id cvpn-endpoint-0123456789abcdef0 --region ap-northeast-1 --output text > acme-tokyo.ovpn",
                dig: `dig +short ${BUCKET}.bucket.${S3_HOST} | ${CHECK}`,
                mrapDig: `dig +short "${MRAP_GLOBAL}" | ${CHECK}`,
                s3Ls: `aws s3 ls s3://${BUCKET}/ --endpoint-url https://bucket.${S3_HOST} --region ap-northeast-1`,
                mrapLs: `aws s3 ls "s3://${MRAP_ARN}/"`,
            },
        });
    });

    it("private-dns: regional names resolve to the endpoint, --region still pins the regional name", () => {
        const g = connectionGuide({ ...BASE, endpointDnsMode: "private-dns" });
        assert.deepEqual(g.commands, {
            exportClientConfig:
                "aws ec2 export-client-vpn-client-configuration --client-vpn-endpoint-id cvpn-endpoint-0123456789abcdef0 --region ap-northeast-1 --output text > acme-tokyo.ovpn",
            dig: `dig +short ${BUCKET}.s3.ap-northeast-1.amazonaws.com | ${CHECK}`,
            mrapDig: `dig +short "${MRAP_GLOBAL}" | ${CHECK}`,
            s3Ls: `aws s3 ls s3://${BUCKET}/ --region ap-northeast-1`,
            mrapLs: `aws s3 ls "s3://${MRAP_ARN}/"`,
        });
        assert.equal(g.s3EndpointUrl, `https://bucket.${S3_HOST}`);
    });

    it("without a VPN there is no export command, and an unknown MRAP is left to $MRAP_ARN, which the shell expands", () => {
        const g = connectionGuide({ ...BASE, clientVpnEndpointId: undefined, mrapArn: undefined });
        assert.equal("exportClientConfig" in g.commands, false);
        assert.equal(g.commands.mrapLs, `aws s3 ls "s3://$MRAP_ARN/"`);
        // The shell turns "${MRAP_ARN##*/}" into the alias: dig receives the real global name.
        const run = spawnSync("sh", ["-c", `dig() { echo "$2" >&2; echo 10.0.3.4; }\n${g.commands.mrapDig}`], {
            encoding: "utf8",
            env: { MRAP_ARN },
        });
        assert.deepEqual([run.stderr, run.stdout], [`${MRAP_GLOBAL}\n`, "10.0.3.4 is in the VPC CIDR 10.0.0.0/16\n"]);
    });
});
