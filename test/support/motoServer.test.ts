// The moto harness itself: a real S3 API answers on loopback, and reset empties it between tests.
import * as assert from "node:assert/strict";
import { CreateBucketCommand, ListBucketsCommand, S3Client } from "@aws-sdk/client-s3";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { MOTO_DEFAULT_ACCOUNT, motoClientConfig, useMotoServer } from "./motoServer";

describe("moto_server harness", () => {
    const moto = useMotoServer();

    it("serves S3 with AWS's own error codes", async () => {
        const s3 = new S3Client(motoClientConfig(moto.endpoint));
        await s3.send(
            new CreateBucketCommand({
                Bucket: "harness-check",
                CreateBucketConfiguration: { LocationConstraint: "ap-northeast-1" },
            }),
        );
        const err = await s3
            .send(
                new CreateBucketCommand({
                    Bucket: "harness-check",
                    CreateBucketConfiguration: { LocationConstraint: "ap-northeast-1" },
                }),
            )
            .catch((e: Error) => e);
        assert.equal((err as Error).name, "BucketAlreadyOwnedByYou");
    });

    it("starts each test from an empty account", async () => {
        const s3 = new S3Client(motoClientConfig(moto.endpoint));
        const { Buckets } = await s3.send(new ListBucketsCommand({}));
        assert.deepEqual(Buckets ?? [], []);
    });

    it("answers STS as the default account", async () => {
        const sts = new STSClient(motoClientConfig(moto.endpoint));
        const { Account } = await sts.send(new GetCallerIdentityCommand({}));
        assert.equal(Account, MOTO_DEFAULT_ACCOUNT);
    });
});

describe("moto_server harness, a second describe block", () => {
    const first = useMotoServer();
    const second = useMotoServer();

    it("reuses the process's server for the same environment, and still starts each test from an empty account", async () => {
        assert.equal(second.endpoint, first.endpoint);
        const s3 = new S3Client(motoClientConfig(second.endpoint));
        await s3.send(new CreateBucketCommand({ Bucket: "left-behind" }));
        const { Buckets } = await s3.send(new ListBucketsCommand({}));
        assert.deepEqual(
            (Buckets ?? []).map((b) => b.Name),
            ["left-behind"],
        );
    });

    it("a test after it sees no bucket of the test before", async () => {
        const s3 = new S3Client(motoClientConfig(first.endpoint));
        const { Buckets } = await s3.send(new ListBucketsCommand({}));
        assert.deepEqual(Buckets ?? [], []);
    });
});
