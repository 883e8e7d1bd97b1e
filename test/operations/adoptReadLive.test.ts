// Tests of reading a live bucket's settings through a scripted S3 client: failures named per setting, and the answers S3 shapes oddly.
import * as assert from "assert";
import {
    GetBucketAclCommand,
    GetBucketEncryptionCommand,
    GetBucketLifecycleConfigurationCommand,
    GetBucketLoggingCommand,
    GetBucketOwnershipControlsCommand,
    GetBucketPolicyCommand,
    GetBucketReplicationCommand,
    GetBucketTaggingCommand,
    GetBucketVersioningCommand,
    GetObjectLockConfigurationCommand,
    GetPublicAccessBlockCommand,
    HeadBucketCommand,
    ListBucketInventoryConfigurationsCommand,
    ListBucketsCommand,
    GetBucketLocationCommand,
    S3Client,
} from "@aws-sdk/client-s3";
import { locateBucket, readLiveBucket } from "../../operations/adopt/readLiveBucket";
import { OpsFailure } from "../../operations/common/cli";
import { awsError } from "./fixtures";

type Send = Pick<S3Client, "send">;
type Answer = (cmd: { input: Record<string, unknown> }) => unknown;

/** A client answering each command class with `answers` (a value, or a function of the command); anything else resolves {}. */
function client(answers: Array<[new (...a: never[]) => unknown, unknown]>): Send & { inputs: unknown[] } {
    const inputs: unknown[] = [];
    const send = async (cmd: { input: Record<string, unknown> }) => {
        inputs.push({ [cmd.constructor.name]: cmd.input });
        const hit = answers.find(([C]) => cmd instanceof C);
        if (!hit) return {};
        const a = hit[1];
        return typeof a === "function" ? (a as Answer)(cmd) : a;
    };
    return { send: send as unknown as Send["send"], inputs };
}

const fails = (e: Error) => () => Promise.reject(e);

describe("adopt: reading the live bucket, failure by failure", () => {
    const SETTINGS: Array<[new (...a: never[]) => unknown, string, string]> = [
        [GetBucketOwnershipControlsCommand, "ownership controls", "OwnershipControlsNotFoundError"],
        [GetBucketAclCommand, "ACL", ""],
        [GetBucketEncryptionCommand, "default encryption", "ServerSideEncryptionConfigurationNotFoundError"],
        [GetBucketVersioningCommand, "versioning", ""],
        [GetPublicAccessBlockCommand, "public access block", "NoSuchPublicAccessBlockConfiguration"],
        [GetBucketPolicyCommand, "policy", "NoSuchBucketPolicy"],
        [GetBucketLifecycleConfigurationCommand, "lifecycle configuration", "NoSuchLifecycleConfiguration"],
        [GetBucketReplicationCommand, "replication configuration", "ReplicationConfigurationNotFoundError"],
        [GetObjectLockConfigurationCommand, "Object Lock configuration", "ObjectLockConfigurationNotFoundError"],
        [GetBucketTaggingCommand, "tags", "NoSuchTagSet"],
        [GetBucketLoggingCommand, "server access logging", ""],
        [ListBucketInventoryConfigurationsCommand, "inventory configurations", ""],
    ];

    for (const [command, setting, absent] of SETTINGS) {
        it(`a denied read of the ${setting} is one line naming it${absent ? `; ${absent} is no setting` : ""}`, async () => {
            const denied = client([[command, fails(awsError("AccessDenied", 403, "Access Denied\nrequest id x"))]]);
            await assert.rejects(
                readLiveBucket(denied, "legacy"),
                (e: Error) =>
                    e instanceof OpsFailure &&
                    e.message === `could not read the ${setting} of bucket legacy: AccessDenied: Access Denied`,
            );
            if (absent) await readLiveBucket(client([[command, fails(awsError(absent, 404))]]), "legacy");
        });
    }
});

describe("adopt: answers S3 shapes oddly", () => {
    it("ownership controls without a rule, an ACL without an owner, grants by URI and e-mail", async () => {
        const live = await readLiveBucket(
            client([
                [GetBucketOwnershipControlsCommand, { OwnershipControls: { Rules: [] } }],
                [
                    GetBucketAclCommand,
                    {
                        Grants: [
                            {
                                Grantee: { Type: "Group", URI: "http://acs.amazonaws.com/groups/global/AllUsers" },
                                Permission: "READ",
                            },
                            {
                                Grantee: { Type: "AmazonCustomerByEmail", EmailAddress: "a@example.com" },
                                Permission: "WRITE",
                            },
                            { Grantee: { ID: "abc" } },
                        ],
                    },
                ],
            ]),
            "legacy",
        );
        assert.deepStrictEqual([live.ownership, live.ownerCanonicalId], [undefined, ""]);
        assert.deepStrictEqual(live.grants, [
            { granteeType: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers", permission: "READ" },
            { granteeType: "AmazonCustomerByEmail", email: "a@example.com", permission: "WRITE" },
            { granteeType: "CanonicalUser", id: "abc", permission: "" },
        ]);
    });

    it("a policy with one statement as an object, one without statements, and one that is not JSON", async () => {
        const policy = (Policy: string) => client([[GetBucketPolicyCommand, { Policy }]]);
        const one = { Sid: "A", Effect: "Allow" };
        assert.deepStrictEqual(
            (await readLiveBucket(policy(JSON.stringify({ Statement: one })), "b")).policyStatements,
            [one],
        );
        assert.deepStrictEqual(
            (await readLiveBucket(policy(JSON.stringify({ Version: "2012-10-17" })), "b")).policyStatements,
            [],
        );
        await assert.rejects(
            readLiveBucket(policy("{not json"), "b"),
            (e: Error) => e instanceof OpsFailure && /^the policy of bucket b is not JSON: \S/.test(e.message),
        );
    });

    it("inventory configurations are read page by page while S3 says the list is truncated", async () => {
        const pages: Record<string, unknown> = {
            first: { InventoryConfigurationList: [{ Id: "a" }], IsTruncated: true, NextContinuationToken: "t2" },
            t2: { InventoryConfigurationList: [{ Id: "b" }], IsTruncated: false, NextContinuationToken: "ignored" },
        };
        const c = client([
            [
                ListBucketInventoryConfigurationsCommand,
                (cmd: { input: Record<string, unknown> }) => pages[(cmd.input.ContinuationToken as string) ?? "first"],
            ],
        ]);
        const live = await readLiveBucket(c, "legacy");
        assert.deepStrictEqual(
            live.inventories.map((i) => i.Id),
            ["a", "b"],
        );
        assert.deepStrictEqual(
            c.inputs.filter((i) => "ListBucketInventoryConfigurationsCommand" in (i as object)),
            [
                { ListBucketInventoryConfigurationsCommand: { Bucket: "legacy", ContinuationToken: undefined } },
                { ListBucketInventoryConfigurationsCommand: { Bucket: "legacy", ContinuationToken: "t2" } },
            ],
        );
    });

    it("a logging answer without a target bucket is no logging", async () => {
        const live = await readLiveBucket(
            client([[GetBucketLoggingCommand, { LoggingEnabled: { TargetPrefix: "p/" } }]]),
            "b",
        );
        assert.strictEqual("logging" in live, false);
    });
});

describe("adopt: the account's bucket list, page by page", () => {
    it("looks past a page without the bucket, stops at the page that lists it, then asks its region", async () => {
        const pages: Record<string, unknown> = {
            first: { Buckets: [{ Name: "legacy-other" }], ContinuationToken: "p2" },
            p2: { Buckets: [{ Name: "legacy" }], ContinuationToken: "p3" },
        };
        const c = client([
            [HeadBucketCommand, {}],
            [
                ListBucketsCommand,
                (cmd: { input: Record<string, unknown> }) => pages[(cmd.input.ContinuationToken as string) ?? "first"],
            ],
            [GetBucketLocationCommand, { LocationConstraint: "ap-northeast-3" }],
        ]);
        assert.deepStrictEqual(await locateBucket(c, "legacy", "Pulumi.osaka.yaml"), {
            owned: true,
            region: "ap-northeast-3",
        });
        assert.deepStrictEqual(c.inputs.slice(1), [
            { ListBucketsCommand: { Prefix: "legacy", ContinuationToken: undefined } },
            { ListBucketsCommand: { Prefix: "legacy", ContinuationToken: "p2" } },
            { GetBucketLocationCommand: { Bucket: "legacy" } },
        ]);
    });

    it("an account with no bucket under the prefix does not own it", async () => {
        const c = client([
            [HeadBucketCommand, fails(awsError("Forbidden", 403))],
            [ListBucketsCommand, {}],
        ]);
        assert.deepStrictEqual(await locateBucket(c, "legacy", "Pulumi.osaka.yaml"), { owned: false });
    });
});
