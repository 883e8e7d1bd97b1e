// Tests of verify's polling loop on its own: a request that never answers, concurrency, error labels.
import * as assert from "assert";
import { HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { AwsClientStub, mockClient } from "aws-sdk-client-mock";
import {
    describeHeadError,
    Location,
    mapLimit,
    probeReplication,
    realClock,
} from "../../operations/verify/replicationProbe";
import { awsError, DEST_BUCKET, TOKYO_BUCKET } from "./fixtures";

describe("ops replicationProbe", () => {
    let s3: AwsClientStub<S3Client>;
    before(() => {
        s3 = mockClient(S3Client);
    });
    afterEach(() => s3.reset());
    after(() => s3.restore());

    function locations(): Location[] {
        const client = new S3Client({ region: "ap-northeast-1" });
        return [
            {
                id: "tokyo",
                label: "ap-northeast-1 (tokyo)",
                kind: "regional",
                region: "ap-northeast-1",
                bucket: TOKYO_BUCKET,
                client,
            },
            {
                id: "destination",
                label: "destination",
                kind: "destination",
                region: "ap-northeast-1",
                bucket: DEST_BUCKET,
                client,
            },
        ];
    }

    it("a request that never answers is cut off at the deadline in real time", async () => {
        s3.on(HeadObjectCommand, { Bucket: TOKYO_BUCKET }).resolves({ ReplicationStatus: "COMPLETED" });
        // A region that accepts the connection and then says nothing.
        s3.on(HeadObjectCommand, { Bucket: DEST_BUCKET }).callsFake(() => new Promise(() => undefined));
        const started = Date.now();
        const [result] = await probeReplication(
            [{ key: "verify/x/obj-1", versionId: "v1", putDoneAt: started }],
            locations(),
            {
                clock: realClock,
                intervalMs: 50,
                deadline: started + 150,
                concurrency: 4,
                minRoundMs: 100,
                progress: () => undefined,
            },
        );
        const took = Date.now() - started;
        assert.ok(took < 2000, `returned after ${took}ms`);
        assert.strictEqual(result.landedIn, "tokyo");
        assert.strictEqual(result.copies.destination.seenAt, undefined);
        assert.strictEqual(result.copies.destination.lastError, "DeadlineExceeded: no answer before the deadline");
    });

    it("does nothing for uploads that failed and returns at once", async () => {
        const results = await probeReplication([{ key: "k", putDoneAt: 0, putError: "AccessDenied" }], locations(), {
            clock: realClock,
            intervalMs: 60_000,
            deadline: Date.now() + 60_000,
            concurrency: 4,
            progress: () => undefined,
        });
        assert.strictEqual(results[0].putError, "AccessDenied");
        assert.strictEqual(s3.calls().length, 0);
    });

    it("mapLimit keeps at most `limit` calls in flight and visits every item once", async () => {
        let inFlight = 0;
        let peak = 0;
        const seen: number[] = [];
        await mapLimit([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
            inFlight++;
            peak = Math.max(peak, inFlight);
            await new Promise((r) => setImmediate(r));
            seen.push(n);
            inFlight--;
        });
        assert.strictEqual(peak, 3);
        assert.deepStrictEqual(seen.sort(), [1, 2, 3, 4, 5, 6, 7]);
    });

    it("labels HeadObject errors by name and status", () => {
        assert.strictEqual(describeHeadError(awsError("NotFound", 404)), "NotFound (HTTP 404)");
        assert.strictEqual(describeHeadError(awsError("Forbidden", 403)), "Forbidden (HTTP 403)");
        assert.strictEqual(describeHeadError(new Error("socket hang up\nmore")), "Error: socket hang up");
    });
});
