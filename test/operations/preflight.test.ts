// Tests of the preflight checks: a missing Pulumi CLI or missing AWS credentials is one clear line, never a trace.
import * as assert from "assert";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { AwsClientStub, mockClient } from "aws-sdk-client-mock";
import { PreflightError } from "../../operations/common/cli";
import {
    backendUrl,
    checkAwsCredentials,
    checkPassphrase,
    checkPulumiCli,
    credentialsLabel,
    stackProfile,
} from "../../operations/common/preflight";
import { ACCOUNT_A, awsError } from "./fixtures";

describe("ops preflight", () => {
    let sts: AwsClientStub<STSClient>;
    before(() => {
        // Stubbed per suite, not at load time, so other suites in the same run see the real client.
        sts = mockClient(STSClient);
    });
    afterEach(() => sts.reset());
    after(() => sts.restore());

    it("a pulumi binary missing from PATH is one line pointing at the installer", async () => {
        const enoent = Object.assign(new Error("spawn pulumi ENOENT"), { code: "ENOENT" });
        await assert.rejects(
            checkPulumiCli(async () => Promise.reject(enoent)),
            (e: Error) =>
                e instanceof PreflightError &&
                e.message ===
                    'the Pulumi CLI is not installed (no "pulumi" on PATH): install it from https://www.pulumi.com/docs/install/ and open a new shell',
        );
    });

    it("another pulumi failure keeps only its first line", async () => {
        await assert.rejects(
            checkPulumiCli(async () => Promise.reject(new Error("exit 1\nlong output"))),
            /^PreflightError: "pulumi version" failed: exit 1$/,
        );
        assert.strictEqual(await checkPulumiCli(async () => "v3.248.0"), "v3.248.0");
    });

    it("returns the caller's account when the credentials work", async () => {
        sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT_A, Arn: `arn:aws:iam::${ACCOUNT_A}:user/ops` });
        assert.deepStrictEqual(await checkAwsCredentials(new STSClient({ region: "ap-northeast-1" }), "x"), {
            account: ACCOUNT_A,
            arn: `arn:aws:iam::${ACCOUNT_A}:user/ops`,
        });
    });

    const failures: Array<[string, Error, RegExp]> = [
        [
            "no credentials at all",
            awsError("CredentialsProviderError", undefined, "Could not load credentials from any providers"),
            /^no AWS credentials for the default credential chain: set AWS_PROFILE .*aws configure sso/,
        ],
        [
            "an expired SSO session",
            awsError("ExpiredTokenException", 400, "The security token included in the request is expired"),
            /have expired: run aws sso login/,
        ],
        [
            "an expired token whose message does not say so",
            awsError("ExpiredTokenException", 400, "The security token included in the request is invalid"),
            /^the AWS credentials for the default credential chain have expired: run aws sso login/,
        ],
        [
            "a message alone saying the session expired",
            awsError("Error", undefined, "The SSO session associated with this profile has expired"),
            /^the AWS credentials for the default credential chain have expired: run aws sso login/,
        ],
        [
            "a credentials provider failing with a message of its own",
            awsError("CredentialsProviderError", undefined, "Profile ops-a was not found"),
            /^no AWS credentials for the default credential chain: set AWS_PROFILE /,
        ],
        [
            "a message alone saying no credentials resolved",
            awsError("Error", undefined, "Could not resolve credentials using profile: [ops-a]"),
            /^no AWS credentials for the default credential chain: set AWS_PROFILE /,
        ],
        [
            "an unknown access key",
            awsError("UnrecognizedClientException", 400),
            /^AWS rejected the credentials for the default credential chain \(UnrecognizedClientException\): check AWS_PROFILE/,
        ],
        [
            "a bad signature",
            awsError("SignatureDoesNotMatch", 403),
            /^AWS rejected the credentials for the default credential chain \(SignatureDoesNotMatch\): check AWS_PROFILE/,
        ],
        [
            "rejected keys",
            awsError("InvalidClientTokenId", 403),
            /AWS rejected the credentials .*\(InvalidClientTokenId\)/,
        ],
        [
            "an unreachable endpoint",
            awsError("TimeoutError", undefined, "connect ETIMEDOUT\nmore"),
            /could not check the AWS credentials .*TimeoutError: connect ETIMEDOUT$/,
        ],
    ];
    for (const [what, error, message] of failures) {
        it(`explains ${what} in one line`, async () => {
            sts.on(GetCallerIdentityCommand).rejects(error);
            await assert.rejects(
                checkAwsCredentials(new STSClient({ region: "us-west-2" }), "the default credential chain"),
                (e: Error) => {
                    assert.ok(e instanceof PreflightError);
                    assert.match(e.message, message);
                    assert.ok(!e.message.includes("\n"));
                    return true;
                },
            );
        });
    }

    it("labels credentials by profile, then AWS_PROFILE, then the default chain", () => {
        assert.strictEqual(credentialsLabel("account-b", { AWS_PROFILE: "a" }), 'profile "account-b"');
        assert.strictEqual(credentialsLabel(undefined, { AWS_PROFILE: "a" }), 'AWS_PROFILE "a"');
        assert.strictEqual(credentialsLabel(undefined, {}), "the default credential chain");
    });

    it("reads a stack's aws:profile as text, an all-digit name included; none or empty is the default chain", () => {
        assert.strictEqual(stackProfile({ "aws:profile": "account-b" }), "account-b");
        // YAML reads `aws:profile: 123` as a number; Pulumi passes it on as the profile "123".
        assert.strictEqual(stackProfile({ "aws:profile": 123 }), "123");
        assert.strictEqual(stackProfile({ "aws:profile": "" }), undefined);
        assert.strictEqual(stackProfile({}), undefined);
        assert.strictEqual(stackProfile({ "aws:profile": true }), undefined);
    });

    it("uses a project-local file backend unless PULUMI_BACKEND_URL is set", () => {
        assert.strictEqual(backendUrl("/repo", {}), "file:///repo/.pulumi-state");
        assert.strictEqual(backendUrl("/repo", { PULUMI_BACKEND_URL: "s3://state-bucket" }), "s3://state-bucket");
        assert.strictEqual(backendUrl("/repo", { PULUMI_BACKEND_URL: " " }), "file:///repo/.pulumi-state");
    });

    it("asks for a passphrase on self-managed backends only", () => {
        assert.throws(
            () => checkPassphrase("file:///repo/.pulumi-state", {}, false),
            /export PULUMI_CONFIG_PASSPHRASE \(or PULUMI_CONFIG_PASSPHRASE_FILE\)/,
        );
        assert.throws(() => checkPassphrase("s3://state", {}, false), PreflightError);
        checkPassphrase("file:///repo/.pulumi-state", { PULUMI_CONFIG_PASSPHRASE: "" }, false);
        checkPassphrase("file:///repo/.pulumi-state", { PULUMI_CONFIG_PASSPHRASE_FILE: "/p" }, false);
        checkPassphrase("https://api.pulumi.com", {}, false);
        checkPassphrase("file:///repo/.pulumi-state", {}, true);
    });
});
