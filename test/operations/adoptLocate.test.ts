// Tests of how adopt finds a bucket (exists, owned, region) and reads a bucket whose every setting is absent.
import * as assert from "assert";
import {
    GetBucketLocationCommand,
    GetBucketTaggingCommand,
    HeadBucketCommand,
    ListBucketInventoryConfigurationsCommand,
    ListBucketsCommand,
    S3Client,
} from "@aws-sdk/client-s3";
import { locateBucket, locationToRegion, readLiveBucket } from "../../operations/adopt/readLiveBucket";
import { OpsFailure, PreflightError } from "../../operations/common/cli";
import { awsError } from "./fixtures";

type Send = Pick<S3Client, "send">;

/** A client whose HeadBucket fails with `head` (or succeeds), listing `owned` and answering `location`. */
function client(head: Error | undefined, owned: string[], location?: string): Send & { calls: string[] } {
    const calls: string[] = [];
    const send = async (cmd: unknown) => {
        calls.push((cmd as object).constructor.name);
        if (cmd instanceof HeadBucketCommand) {
            if (head) throw head;
            return {};
        }
        if (cmd instanceof ListBucketsCommand) return { Buckets: owned.map((Name) => ({ Name })) };
        if (cmd instanceof GetBucketLocationCommand) return { LocationConstraint: location };
        throw new Error(`unexpected ${(cmd as object).constructor.name}`);
    };
    return { send: send as unknown as Send["send"], calls };
}

const GONE = "bucket legacy (existingBucketName in Pulumi.osaka.yaml) does not exist";

describe("adopt: locating the bucket", () => {
    it("a missing bucket is bad input, whichever of status 404, NotFound or NoSuchBucket says so", async () => {
        for (const e of [
            awsError("Unknown", 404),
            awsError("NotFound"),
            awsError("NoSuchBucket"),
            awsError("NotFound", 404),
        ]) {
            const c = client(e, []);
            await assert.rejects(
                locateBucket(c, "legacy", "Pulumi.osaka.yaml"),
                (err: Error) => err instanceof PreflightError && err.message === GONE,
                `${e.name} ${JSON.stringify((e as { $metadata?: unknown }).$metadata)}`,
            );
            assert.deepStrictEqual(c.calls, ["HeadBucketCommand"]);
        }
    });

    it("403 and 301 are answered by the account's bucket list; another failure is one line naming the bucket", async () => {
        for (const status of [403, 301]) {
            const other = client(awsError("Forbidden", status), ["someone-else"]);
            assert.deepStrictEqual(await locateBucket(other, "legacy", "f"), { owned: false });
            const mine = client(awsError("PermanentRedirect", status), ["legacy"], "ap-northeast-3");
            assert.deepStrictEqual(await locateBucket(mine, "legacy", "f"), {
                owned: true,
                region: "ap-northeast-3",
            });
        }
        await assert.rejects(
            locateBucket(client(awsError("InternalError", 500, "We encountered an internal error"), []), "legacy", "f"),
            (err: Error) =>
                err instanceof OpsFailure &&
                err.message === "could not find bucket legacy: InternalError: We encountered an internal error",
        );
    });

    it("a bucket of another account is { owned: false } and its location is never asked", async () => {
        const c = client(undefined, ["legacy-other"]);
        assert.deepStrictEqual(await locateBucket(c, "legacy", "f"), { owned: false });
        assert.deepStrictEqual(c.calls, ["HeadBucketCommand", "ListBucketsCommand"]);
    });

    it("GetBucketLocation's constraint as a region: none is us-east-1, EU is eu-west-1, others as they are", () => {
        assert.strictEqual(locationToRegion(undefined), "us-east-1");
        assert.strictEqual(locationToRegion(null), "us-east-1");
        assert.strictEqual(locationToRegion(""), "us-east-1");
        assert.strictEqual(locationToRegion("EU"), "eu-west-1");
        assert.strictEqual(locationToRegion("eu-west-1"), "eu-west-1");
        assert.strictEqual(locationToRegion("ap-northeast-3"), "ap-northeast-3");
    });
});

describe("adopt: reading a bucket with nothing configured", () => {
    it("every setting answered with nothing is absent; a tag without a value reads as empty", async () => {
        const send = async (cmd: unknown) => {
            if (cmd instanceof ListBucketInventoryConfigurationsCommand) return {};
            if (cmd instanceof GetBucketTaggingCommand) return { TagSet: [{ Key: "team" }] };
            return undefined;
        };
        const live = await readLiveBucket({ send: send as unknown as Send["send"] }, "legacy");
        assert.deepStrictEqual(live, {
            ownership: undefined,
            ownerCanonicalId: "",
            grants: [],
            encryption: undefined,
            versioning: undefined,
            mfaDelete: undefined,
            publicAccessBlock: undefined,
            policyStatements: [],
            lifecycleRules: [],
            replication: undefined,
            inventories: [],
            objectLock: undefined,
            tags: { team: "" },
        });
    });
});
