// Which regional copy verify calls the original: a replica reporting PENDING or FAILED (replica modification sync) is never taken for it.
import * as assert from "assert";
import { HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { AwsClientStub, mockClient } from "aws-sdk-client-mock";
import { identifyOriginal, RegionalCopy } from "../../operations/verify/originalCopy";
import { Location, probeReplication, realClock } from "../../operations/verify/replicationProbe";
import { buildReport } from "../../operations/verify/verifyReport";
import { awsError, DEST_BUCKET, OSAKA_BUCKET, TOKYO_BUCKET } from "./fixtures";

const seen = (id: string, replicationStatus?: string): RegionalCopy => ({ id, seen: true, replicationStatus });
const absent = (id: string): RegionalCopy => ({ id, seen: false, absentAfterPut: true });
const unanswered = (id: string): RegionalCopy => ({ id, seen: false });

describe("ops identifyOriginal", () => {
    const cases: Array<[string, RegionalCopy[], ReturnType<typeof identifyOriginal>]> = [
        [
            "COMPLETED beside a replica reporting PENDING",
            [seen("osaka", "PENDING"), seen("tokyo", "COMPLETED")],
            { original: "tokyo", candidates: ["osaka", "tokyo"] },
        ],
        [
            "COMPLETED beside a replica reporting FAILED",
            [seen("osaka", "FAILED"), seen("tokyo", "COMPLETED")],
            { original: "tokyo", candidates: ["osaka", "tokyo"] },
        ],
        [
            "the only non-REPLICA copy once every bucket answered",
            [seen("osaka", "REPLICA"), seen("tokyo", "FAILED")],
            { original: "tokyo", candidates: ["tokyo"] },
        ],
        [
            "a bucket that answered 404 after the upload cannot hold it",
            [absent("osaka"), seen("tokyo", "PENDING")],
            { original: "tokyo", candidates: ["tokyo"] },
        ],
        [
            "no ReplicationStatus at all is a source, not a replica",
            [seen("osaka", "REPLICA"), seen("tokyo")],
            { original: "tokyo", candidates: ["tokyo"] },
        ],
        [
            "undecided while a bucket has not answered",
            [unanswered("osaka"), seen("tokyo", "PENDING")],
            { candidates: ["tokyo"] },
        ],
        [
            "undecided when two copies report PENDING",
            [seen("osaka", "PENDING"), seen("tokyo", "PENDING")],
            { candidates: ["osaka", "tokyo"] },
        ],
        [
            "undecided when two copies report PENDING and FAILED",
            [seen("osaka", "FAILED"), seen("tokyo", "PENDING")],
            { candidates: ["osaka", "tokyo"] },
        ],
        [
            "undecided when two copies say COMPLETED",
            [seen("osaka", "COMPLETED"), seen("tokyo", "COMPLETED")],
            { candidates: ["osaka", "tokyo"] },
        ],
        ["nothing seen", [unanswered("osaka"), unanswered("tokyo")], { candidates: [] }],
    ];
    for (const [name, copies, expected] of cases) {
        it(name, () => assert.deepStrictEqual(identifyOriginal(copies), expected));
    }
});

describe("ops replicationProbe: the original under replica modification sync", () => {
    let s3: AwsClientStub<S3Client>;
    before(() => {
        s3 = mockClient(S3Client);
    });
    afterEach(() => s3.reset());
    after(() => s3.restore());

    // Osaka first: the order in which a naive "first copy that is not REPLICA" would pick the replica.
    function locations(): Location[] {
        const client = new S3Client({ region: "ap-northeast-1" });
        const at = (id: string, label: string, kind: Location["kind"], bucket: string): Location => ({
            id,
            label,
            kind,
            region: "ap-northeast-1",
            bucket,
            client,
        });
        return [
            at("osaka", "ap-northeast-3 (osaka)", "regional", OSAKA_BUCKET),
            at("tokyo", "ap-northeast-1 (tokyo)", "regional", TOKYO_BUCKET),
            at("destination", "destination", "destination", DEST_BUCKET),
        ];
    }

    function statuses(byBucket: Record<string, string | "missing">) {
        for (const [bucket, status] of Object.entries(byBucket)) {
            const stub = s3.on(HeadObjectCommand, { Bucket: bucket });
            if (status === "missing") stub.rejects(awsError("NotFound", 404));
            else stub.resolves({ ReplicationStatus: status as "REPLICA" });
        }
    }

    async function probe(deadlineMs = 300) {
        const started = Date.now();
        const [result] = await probeReplication(
            [{ key: "verify/x/obj-1", versionId: "v1", putDoneAt: started }],
            locations(),
            {
                clock: realClock,
                intervalMs: 20,
                deadline: started + deadlineMs,
                concurrency: 4,
                minRoundMs: 100,
                progress: () => undefined,
            },
        );
        return { result, took: Date.now() - started };
    }

    it("a replica reporting PENDING is not the original; the COMPLETED copy is", async () => {
        statuses({ [OSAKA_BUCKET]: "PENDING", [TOKYO_BUCKET]: "COMPLETED", [DEST_BUCKET]: "REPLICA" });
        const { result } = await probe();
        assert.strictEqual(result.landedIn, "tokyo");
        assert.strictEqual(result.failure, undefined);
    });

    it("a replica reporting FAILED is not the original and does not end the wait as a source failure", async () => {
        statuses({ [OSAKA_BUCKET]: "FAILED", [TOKYO_BUCKET]: "COMPLETED", [DEST_BUCKET]: "REPLICA" });
        const { result } = await probe();
        assert.strictEqual(result.landedIn, "tokyo");
        assert.strictEqual(result.failure, undefined);
    });

    it("an original reporting FAILED is named and ends the wait before the deadline", async () => {
        statuses({ [OSAKA_BUCKET]: "missing", [TOKYO_BUCKET]: "FAILED", [DEST_BUCKET]: "missing" });
        const { result, took } = await probe(5000);
        assert.strictEqual(result.landedIn, "tokyo");
        assert.strictEqual(
            result.failure,
            "the source copy in ap-northeast-1 (tokyo) reports ReplicationStatus FAILED",
        );
        assert.ok(took < 2000, `stopped after ${took}ms, not at the 5s deadline`);
    });

    it("two copies reporting source statuses stay undecided, and the report says so instead of guessing", async () => {
        statuses({ [OSAKA_BUCKET]: "FAILED", [TOKYO_BUCKET]: "PENDING", [DEST_BUCKET]: "REPLICA" });
        const { result } = await probe();
        assert.strictEqual(result.landedIn, undefined);
        assert.deepStrictEqual(result.sourceCandidates, ["osaka", "tokyo"]);
        assert.strictEqual(result.failure, undefined);
        // Both candidates were read again while undecided, not once each.
        const osakaReads = s3.commandCalls(HeadObjectCommand, { Bucket: OSAKA_BUCKET }).length;
        assert.ok(osakaReads > 1, `osaka read ${osakaReads} times`);

        const report = buildReport([result], locations(), {
            rtcThresholdSeconds: 900,
            timeoutSeconds: 1,
            intervalSeconds: 1,
        });
        assert.strictEqual(report.pass, false);
        assert.deepStrictEqual(report.failures, [
            "obj-1: cannot tell which copy the MRAP wrote: ap-northeast-3 (osaka) reports FAILED, ap-northeast-1 (tokyo) " +
                "reports PENDING; with replica modification sync a replica reports PENDING or FAILED too, so none of them " +
                "is counted as a replica",
        ]);
        assert.strictEqual(report.lines[1].split(/\s{2,}/)[1], "(undecided)");
        // Neither candidate's latency is taken for replication latency; the destination's is.
        assert.strictEqual(report.stats.osaka, undefined);
        assert.strictEqual(report.stats.tokyo, undefined);
        assert.strictEqual(report.stats.destination?.count, 1);
    });

    it("an undecided object is read again until one copy settles on COMPLETED", async () => {
        let reads = 0;
        s3.on(HeadObjectCommand, { Bucket: OSAKA_BUCKET }).resolves({ ReplicationStatus: "PENDING" });
        s3.on(HeadObjectCommand, { Bucket: TOKYO_BUCKET }).callsFake(() => ({
            ReplicationStatus: ++reads >= 3 ? "COMPLETED" : "PENDING",
        }));
        s3.on(HeadObjectCommand, { Bucket: DEST_BUCKET }).resolves({ ReplicationStatus: "REPLICA" });
        const { result } = await probe(3000);
        assert.strictEqual(result.landedIn, "tokyo");
        assert.strictEqual(result.sourceCandidates, undefined);
        assert.strictEqual(result.copies.tokyo.replicationStatus, "COMPLETED");
    });
});
