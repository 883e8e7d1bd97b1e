// verify's polling loop round by round on a fake clock: what a re-read keeps, which buckets decide the
// original, and the progress line's list of copies still awaited.
import * as assert from "assert";
import { HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { AwsClientStub, mockClient } from "aws-sdk-client-mock";
import { Clock, Location, probeReplication } from "../../operations/verify/replicationProbe";
import { awsError, DEST_BUCKET, OSAKA_BUCKET, TOKYO_BUCKET } from "./fixtures";

describe("ops replicationProbe rounds", () => {
    let s3: AwsClientStub<S3Client>;
    before(() => (s3 = mockClient(S3Client)));
    afterEach(() => s3.reset());
    after(() => s3.restore());

    const client = new S3Client({ region: "ap-northeast-1" });
    const location = (id: string, kind: Location["kind"], bucket: string): Location => ({
        id,
        label: id,
        kind,
        region: "ap-northeast-1",
        bucket,
        client,
    });
    const TOKYO = location("tokyo", "regional", TOKYO_BUCKET);
    const OSAKA = location("osaka", "regional", OSAKA_BUCKET);
    const DEST = location("destination", "destination", DEST_BUCKET);

    /** Starts at 0; sleeping moves the time on, so each round happens one interval after the last. */
    function fakeClock(): Clock {
        let t = 0;
        return { now: () => t, sleep: async (ms) => void (t += ms) };
    }
    async function probe(count: number, locations: Location[], deadline: number) {
        const progress: string[] = [];
        const objects = Array.from({ length: count }, (_, i) => ({
            key: `verify/x/obj-${i + 1}`,
            versionId: `v${i + 1}`,
            putDoneAt: 0,
        }));
        const results = await probeReplication(objects, locations, {
            clock: fakeClock(),
            intervalMs: 1000,
            deadline,
            concurrency: 4,
            progress: (line) => progress.push(line),
        });
        return { results, progress };
    }

    it("keeps when a copy was first seen while the source is read again for its status", async () => {
        s3.on(HeadObjectCommand, { Bucket: TOKYO_BUCKET })
            .resolvesOnce({ ReplicationStatus: "PENDING" })
            .resolves({ ReplicationStatus: "COMPLETED" });
        s3.on(HeadObjectCommand, { Bucket: DEST_BUCKET })
            .rejectsOnce(awsError("NotFound", 404))
            .resolves({ ReplicationStatus: "REPLICA" });
        const { results, progress } = await probe(1, [TOKYO, DEST], 10_000);
        assert.strictEqual(results[0].landedIn, "tokyo");
        assert.deepStrictEqual(results[0].copies, {
            tokyo: { seenAt: 0, latencyMs: 0, replicationStatus: "COMPLETED" },
            destination: {
                seenAt: 1000,
                latencyMs: 1000,
                replicationStatus: "REPLICA",
                lastError: "NotFound (HTTP 404)",
                absentAfterPut: true,
            },
        });
        assert.deepStrictEqual(progress, [
            "[   0.0s] 1/2 copies present; waiting for obj-1 -> destination",
            "[   1.0s] 2/2 copies present",
        ]);
    });

    it("reads the source again only while it is PENDING, and once more after the last copy arrived", async () => {
        s3.on(HeadObjectCommand, { Bucket: TOKYO_BUCKET })
            .resolvesOnce({ ReplicationStatus: "PENDING" })
            .resolvesOnce({ ReplicationStatus: "PENDING" })
            .resolves({ ReplicationStatus: "COMPLETED" });
        s3.on(HeadObjectCommand, { Bucket: DEST_BUCKET })
            .rejectsOnce(awsError("NotFound", 404))
            .resolves({ ReplicationStatus: "REPLICA" });
        const { results } = await probe(1, [TOKYO, DEST], 10_000);
        // Rounds at 0 s and 1 s, then the settling look at the source that was still PENDING.
        assert.strictEqual(results[0].copies.tokyo.replicationStatus, "COMPLETED");
        const heads = (bucket: string) =>
            s3.commandCalls(HeadObjectCommand).filter((c) => c.args[0].input.Bucket === bucket).length;
        assert.deepStrictEqual([heads(TOKYO_BUCKET), heads(DEST_BUCKET)], [3, 2]);
    });

    it("a source already COMPLETED is not read again while the other copies are awaited", async () => {
        s3.on(HeadObjectCommand, { Bucket: TOKYO_BUCKET }).resolves({ ReplicationStatus: "COMPLETED" });
        s3.on(HeadObjectCommand, { Bucket: DEST_BUCKET })
            .rejectsOnce(awsError("NotFound", 404))
            .rejectsOnce(awsError("NotFound", 404))
            .resolves({ ReplicationStatus: "REPLICA" });
        await probe(1, [TOKYO, DEST], 10_000);
        const heads = (bucket: string) =>
            s3.commandCalls(HeadObjectCommand).filter((c) => c.args[0].input.Bucket === bucket).length;
        assert.deepStrictEqual([heads(TOKYO_BUCKET), heads(DEST_BUCKET)], [1, 3]);
    });

    it("decides the original among the regional buckets only: a destination that refuses reads does not hold it up", async () => {
        s3.on(HeadObjectCommand, { Bucket: TOKYO_BUCKET }).resolves({ ReplicationStatus: "PENDING" });
        s3.on(HeadObjectCommand, { Bucket: DEST_BUCKET }).rejects(awsError("Forbidden", 403));
        const { results } = await probe(1, [TOKYO, DEST], 1500);
        assert.strictEqual(results[0].landedIn, "tokyo");
        assert.strictEqual(results[0].sourceCandidates, undefined);
    });

    it("never changes the original once named, whatever a later read of it says", async () => {
        s3.on(HeadObjectCommand, { Bucket: TOKYO_BUCKET })
            .resolvesOnce({ ReplicationStatus: "PENDING" })
            .resolves({ ReplicationStatus: "REPLICA" });
        s3.on(HeadObjectCommand, { Bucket: OSAKA_BUCKET }).rejects(awsError("NotFound", 404));
        const { results } = await probe(1, [TOKYO, OSAKA], 2500);
        assert.strictEqual(results[0].landedIn, "tokyo");
        assert.strictEqual(results[0].copies.tokyo.replicationStatus, "REPLICA", "tokyo was read again");
    });

    it("names the first three copies awaited, and how many more there are only when there are more", async () => {
        s3.on(HeadObjectCommand, { Bucket: TOKYO_BUCKET }).resolves({ ReplicationStatus: "COMPLETED" });
        s3.on(HeadObjectCommand, { Bucket: DEST_BUCKET }).rejects(awsError("NotFound", 404));
        const three = await probe(3, [TOKYO, DEST], 500);
        assert.deepStrictEqual(three.progress, [
            "[   0.0s] 3/6 copies present; waiting for obj-1 -> destination, obj-2 -> destination, obj-3 -> destination",
        ]);
        const four = await probe(4, [TOKYO, DEST], 500);
        assert.deepStrictEqual(four.progress, [
            "[   0.0s] 4/8 copies present; waiting for obj-1 -> destination, obj-2 -> destination, obj-3 -> destination, +1 more",
        ]);
    });
});
