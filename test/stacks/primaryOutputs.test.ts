// The hub's regionalBuckets output, which `npm run verify` and the operations commands read: each bucket with its key where it has one.
import * as assert from "node:assert/strict";
import { ACCOUNT_A as A, ACCOUNT_B as B, OSAKA_OUTPUTS } from "../support/peerOutputs";
import { exampleHub } from "../support/exampleHub";

const TOKYO_KEY = `arn:aws:kms:ap-northeast-1:${A}:key/11111111-1111-1111-1111-111111111111`;
const OSAKA_KEY = `arn:aws:kms:ap-northeast-3:${A}:key/33333333-3333-3333-3333-333333333333`;
const REPLICA_KEY = `arn:aws:kms:ap-northeast-1:${B}:key/22222222-2222-2222-2222-222222222222`;
const TOKYO = `example-s3mr-data-${A}-ap-northeast-1`;

describe("the hub's regionalBuckets output", () => {
    it("SSE-KMS buckets: the hub first, then each secondary, each with its own key", async () => {
        const { out } = await exampleHub(
            { "s3-multiregion:kmsKeyArn": TOKYO_KEY },
            { osaka: { kmsKeyArn: OSAKA_KEY }, "dest-account": { kmsKeyArn: REPLICA_KEY, sourceKmsKeyArn: TOKYO_KEY } },
        );
        assert.deepEqual(out.regionalBuckets, [
            {
                stack: "tokyo",
                region: "ap-northeast-1",
                bucketName: TOKYO,
                bucketArn: `arn:aws:s3:::${TOKYO}`,
                kmsKeyArn: TOKYO_KEY,
            },
            {
                stack: "osaka",
                region: "ap-northeast-3",
                bucketName: OSAKA_OUTPUTS.bucketName,
                bucketArn: OSAKA_OUTPUTS.bucketArn,
                kmsKeyArn: OSAKA_KEY,
            },
        ]);
    });

    it("SSE-S3 buckets carry no kmsKeyArn key at all", async () => {
        const { out } = await exampleHub();
        assert.deepEqual(out.regionalBuckets, [
            { stack: "tokyo", region: "ap-northeast-1", bucketName: TOKYO, bucketArn: `arn:aws:s3:::${TOKYO}` },
            {
                stack: "osaka",
                region: "ap-northeast-3",
                bucketName: OSAKA_OUTPUTS.bucketName,
                bucketArn: OSAKA_OUTPUTS.bucketArn,
            },
        ]);
    });
});
