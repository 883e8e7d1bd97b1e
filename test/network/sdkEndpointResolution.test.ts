// Pins the connection guide's commands to the installed @aws-sdk/client-s3: the host each command's request really goes to is the host its dig checks.
import * as assert from "node:assert/strict";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { connectionGuide, ConnectionGuideInput } from "../../components/network/connectionGuide";

const S3_NAMES = ["*.vpce-0a1b2c3d4e5f60718-abcd1234.s3.ap-northeast-1.vpce.amazonaws.com"];
const MRAP_ARN = "arn:aws:s3::111111111111:accesspoint/mfzwi23gnjvgw.mrap";
const MRAP_ENDPOINT_URL =
    "https://accesspoint.vpce-0ffee0ffee0ffee00-12345678.accesspoint.s3-global.ap-northeast-1.vpce.amazonaws.com";
const BASE: ConnectionGuideInput = {
    region: "ap-northeast-1",
    endpointDnsMode: "endpoint-specific",
    vpcCidr: "10.0.0.0/16",
    bucketName: "acme-data-111111111111-ap-northeast-1",
    s3DnsNames: S3_NAMES,
    mrapArn: MRAP_ARN,
    clientConfigFile: "acme-tokyo.ovpn",
};

/**
 * The URL the SDK would send a ListObjectsV2 to, resolved by its own endpoint rules and captured in
 * the build step, after endpoint resolution and before signing and sending: no credentials, no network.
 */
async function resolvedUrl(bucket: string, region: string, endpoint?: string): Promise<URL> {
    const client = new S3Client({
        region,
        endpoint,
        credentials: { accessKeyId: "AKIAEXAMPLEEXAMPLE00", secretAccessKey: "not-used" },
        maxAttempts: 1,
    });
    class Captured extends Error {
        constructor(readonly url: URL) {
            super("captured");
        }
    }
    client.middlewareStack.add(
        () => async (args) => {
            const r = args.request as { protocol: string; hostname: string; path: string };
            throw new Captured(new URL(`${r.protocol}//${r.hostname}${r.path}`));
        },
        { step: "build", name: "captureResolvedRequest", priority: "low" },
    );
    try {
        await client.send(new ListObjectsV2Command({ Bucket: bucket }));
    } catch (e) {
        if (e instanceof Captured) return e.url;
        throw e;
    } finally {
        client.destroy();
    }
    throw new Error("the request was not captured");
}

/** What `aws s3 ls "s3://<target>/" [--endpoint-url U] [--region R]` hands the SDK. */
function parseLs(command: string): { bucket: string; endpoint?: string; region?: string } {
    const m = /^aws s3 ls "?s3:\/\/(.+?)\/"?((?: --[a-z-]+ \S+)*)$/.exec(command);
    assert.ok(m, `not an aws s3 ls command: ${command}`);
    const flags = Object.fromEntries([...m[2].matchAll(/--([a-z-]+) (\S+)/g)].map((f) => [f[1], f[2]]));
    assert.deepEqual(
        Object.keys(flags).filter((k) => k !== "endpoint-url" && k !== "region"),
        [],
        "only --endpoint-url and --region",
    );
    return { bucket: m[1], endpoint: flags["endpoint-url"], region: flags.region };
}

/** The host a `dig +short <host> | awk ...` command resolves. */
const dugHost = (dig: string) => /^dig \+short "?([^"\s]+)"? \| awk /.exec(dig)![1];

describe("connection guide against the SDK's endpoint resolution (@aws-sdk/client-s3)", () => {
    it("an MRAP ARN goes to <alias>.accesspoint.s3-global.amazonaws.com with or without a custom endpoint", async () => {
        const plain = await resolvedUrl(MRAP_ARN, "ap-northeast-1");
        const custom = await resolvedUrl(MRAP_ARN, "ap-northeast-1", MRAP_ENDPOINT_URL);
        const otherRegion = await resolvedUrl(MRAP_ARN, "us-east-1", MRAP_ENDPOINT_URL);
        assert.deepEqual(
            [plain.host, custom.host, otherRegion.host],
            Array(3).fill("mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com"),
        );
    });

    for (const mode of ["endpoint-specific", "private-dns"] as const) {
        it(`${mode}: mrapLs carries no --endpoint-url, and mrapDig checks the host the SDK sends it to`, async () => {
            const g = connectionGuide({ ...BASE, endpointDnsMode: mode });
            const ls = parseLs(g.commands.mrapLs);
            assert.deepEqual(ls, { bucket: MRAP_ARN, endpoint: undefined, region: undefined });
            // The CLI's region comes from the profile when --region is absent: any region must give the same host.
            for (const profileRegion of ["ap-northeast-1", "ap-northeast-3", "us-west-2"]) {
                const url = await resolvedUrl(ls.bucket, profileRegion, ls.endpoint);
                assert.equal(url.host, dugHost(g.commands.mrapDig), profileRegion);
            }
        });

        it(`${mode}: s3Ls goes to the host dig checks, in the stack's region`, async () => {
            const g = connectionGuide({ ...BASE, endpointDnsMode: mode });
            const ls = parseLs(g.commands.s3Ls);
            assert.equal(ls.region, "ap-northeast-1");
            const url = await resolvedUrl(ls.bucket, ls.region!, ls.endpoint);
            assert.equal(url.host, dugHost(g.commands.dig));
            assert.equal(
                url.host,
                mode === "endpoint-specific"
                    ? "acme-data-111111111111-ap-northeast-1.bucket.vpce-0a1b2c3d4e5f60718-abcd1234.s3.ap-northeast-1.vpce.amazonaws.com"
                    : "acme-data-111111111111-ap-northeast-1.s3.ap-northeast-1.amazonaws.com",
            );
        });
    }
});
