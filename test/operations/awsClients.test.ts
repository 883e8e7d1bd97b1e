// Tests that the real client factory signs MRAP requests with SigV4A and sends them to the global MRAP endpoint.
import * as assert from "assert";
import { Readable } from "stream";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { makeAwsClients, quietSdkNodeVersionNotice } from "../../operations/common/awsClients";
import { MRAP_ARN } from "./fixtures";

interface SeenRequest {
    hostname: string;
    path: string;
    headers: Record<string, string>;
}

describe("ops AWS clients", () => {
    it("PutObject to an MRAP ARN goes to <alias>.accesspoint.s3-global.amazonaws.com, signed SigV4A for region set *", async () => {
        const seen: SeenRequest[] = [];
        // A request handler that answers like S3 without a network: the request is fully built and signed by then.
        const requestHandler = {
            handle: async (request: SeenRequest) => {
                seen.push(request);
                return {
                    response: {
                        statusCode: 200,
                        headers: { "x-amz-version-id": "3HL4kqtJlcpXroDTDmJ" },
                        body: Readable.from([]),
                    },
                };
            },
        };
        const aws = makeAwsClients({
            requestHandler: requestHandler as never,
            credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" },
        });
        const res = await aws
            .s3("ap-northeast-1")
            .send(new PutObjectCommand({ Bucket: MRAP_ARN, Key: "verify/x/obj-1", Body: "hello" }));
        assert.strictEqual(res.VersionId, "3HL4kqtJlcpXroDTDmJ");
        assert.strictEqual(seen.length, 1);
        assert.strictEqual(seen[0].hostname, "abcd1234.mrap.accesspoint.s3-global.amazonaws.com");
        assert.strictEqual(seen[0].path, "/verify/x/obj-1");
        assert.match(
            seen[0].headers.authorization,
            /^AWS4-ECDSA-P256-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/s3\/aws4_request,/,
        );
        assert.strictEqual(seen[0].headers["x-amz-region-set"], "*");
    });

    it("every client takes the stack's profile when one is given, and the default chain otherwise", () => {
        const aws = makeAwsClients();
        const clients = (profile?: string) => [
            aws.s3("ap-northeast-3", profile),
            aws.sts("ap-northeast-3", profile),
            aws.s3Control("us-west-2", profile),
            aws.cloudWatch("ap-northeast-3", profile),
        ];
        for (const c of clients("account-b")) {
            assert.strictEqual((c.config as { profile?: string }).profile, "account-b");
        }
        for (const c of clients(undefined)) {
            assert.ok(!("profile" in c.config), "no profile key for the default chain");
        }
    });

    it("keeps a user's explicit choice about the SDK's Node version notice", () => {
        const env: NodeJS.ProcessEnv = {};
        quietSdkNodeVersionNotice(env);
        assert.strictEqual(env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED, "true");
        const explicit: NodeJS.ProcessEnv = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "false" };
        quietSdkNodeVersionNotice(explicit);
        assert.strictEqual(explicit.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED, "false");
    });
});
