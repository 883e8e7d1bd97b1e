// A simulated S3 for verify tests: objects put through the MRAP land in one bucket and appear in others on a schedule.
import { createHash } from "crypto";
import { HeadObjectCommandInput, NotFound, PutObjectCommandInput } from "@aws-sdk/client-s3";
import { DEST_BUCKET, OSAKA_BUCKET, TOKYO_BUCKET } from "./fixtures";

/** Where the n-th upload lands and how many ms after its upload each other bucket gets its replica. */
export interface ObjectPlan {
    landed: "tokyo" | "osaka";
    /** Replica delay per bucket name; "never" for a copy that never arrives. */
    delays: Record<string, number | "never">;
    /** ms after upload at which the source starts reporting ReplicationStatus FAILED. */
    failsAfter?: number;
}

export const BUCKET_OF = { tokyo: TOKYO_BUCKET, osaka: OSAKA_BUCKET } as const;

interface Stored {
    versionId: string;
    putDoneAt: number;
    plan: ObjectPlan;
}

export class ReplicationWorld {
    readonly objects = new Map<string, Stored>();
    private puts = 0;

    /**
     * @param now the fake clock
     * @param advance moves the fake clock: each upload takes `putMs`
     * @param destProfile when set, the destination bucket answers only clients configured with this profile
     */
    constructor(
        private readonly plans: ObjectPlan[],
        private readonly now: () => number,
        private readonly advance: (ms: number) => void,
        private readonly putMs = 1000,
        private readonly destProfile?: string,
    ) {}

    put(input: PutObjectCommandInput): { VersionId: string; ETag: string } {
        const plan = this.plans[this.puts++];
        this.advance(this.putMs);
        // Shaped like S3's opaque version ids; unique per key so a HeadObject for the wrong version misses.
        const versionId = createHash("sha1")
            .update(`${this.puts}:${String(input.Key)}`)
            .digest("base64url");
        this.objects.set(String(input.Key), { versionId, putDoneAt: this.now(), plan });
        return { VersionId: versionId, ETag: '"etag"' };
    }

    head(input: HeadObjectCommandInput, profile: string | undefined): { ReplicationStatus: string; VersionId: string } {
        if (input.Bucket === DEST_BUCKET && this.destProfile !== undefined && profile !== this.destProfile) {
            throw Object.assign(new Error("Forbidden"), { name: "Forbidden", $metadata: { httpStatusCode: 403 } });
        }
        const o = this.objects.get(String(input.Key));
        if (!o || o.versionId !== input.VersionId) {
            throw notFound();
        }
        const elapsed = this.now() - o.putDoneAt;
        if (input.Bucket === BUCKET_OF[o.plan.landed]) {
            const failed = o.plan.failsAfter !== undefined && elapsed >= o.plan.failsAfter;
            const done = Object.values(o.plan.delays).every((d) => d !== "never" && elapsed >= d);
            return { ReplicationStatus: failed ? "FAILED" : done ? "COMPLETED" : "PENDING", VersionId: o.versionId };
        }
        const delay = o.plan.delays[String(input.Bucket)];
        if (delay === undefined || delay === "never" || elapsed < delay) {
            throw notFound();
        }
        return { ReplicationStatus: "REPLICA", VersionId: o.versionId };
    }
}

/** What the SDK throws for a HEAD of a missing key or version: no body, so the name comes from the status. */
function notFound(): NotFound {
    return new NotFound({ message: "NotFound", $metadata: { httpStatusCode: 404 } });
}

/** Tokyo lands, Osaka and the destination get replicas after the given delays (seconds). */
export function tokyoPlan(osakaS: number | "never", destS: number | "never", failsAfterS?: number): ObjectPlan {
    const ms = (s: number | "never") => (s === "never" ? s : s * 1000);
    return {
        landed: "tokyo",
        delays: { [OSAKA_BUCKET]: ms(osakaS), [DEST_BUCKET]: ms(destS) },
        failsAfter: failsAfterS === undefined ? undefined : failsAfterS * 1000,
    };
}

export function osakaPlan(tokyoS: number | "never", destS: number | "never"): ObjectPlan {
    const ms = (s: number | "never") => (s === "never" ? s : s * 1000);
    return { landed: "osaka", delays: { [TOKYO_BUCKET]: ms(tokyoS), [DEST_BUCKET]: ms(destS) } };
}
