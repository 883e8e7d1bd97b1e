// Tests of adopt's comparison rows one by one: the exact live and stack text a user reads, and whether the deploy changes it.
import * as assert from "assert";
import { discoverStacks } from "../../config/stackFiles";
import { AdoptTarget, resolveAdoptTarget } from "../../operations/adopt/adoptTarget";
import { nameRules, nameStatements } from "../../operations/adopt/keptSettings";
import type { LiveBucket } from "../../operations/adopt/readLiveBucket";
import { KeptAndDropped, SettingChange, settingChanges } from "../../operations/adopt/settingChanges";
import { bare, LEGACY, makeProject, NONE_CHOSEN, removeProjects } from "./adoptWorld";

function rows(t: AdoptTarget, live: LiveBucket, chosen = NONE_CHOSEN): SettingChange[] {
    return settingChanges(t, live, nameStatements(live.policyStatements), nameRules(live.lifecycleRules), chosen);
}
function changesOf(t: AdoptTarget, live: LiveBucket, chosen = NONE_CHOSEN): Record<string, SettingChange> {
    return Object.fromEntries(rows(t, live, chosen).map((r) => [r.setting, r]));
}
const rowOf = (setting: string, live: string, stack: string, changes: boolean): SettingChange => ({
    setting,
    live,
    stack,
    changes,
});

const KEY = "arn:aws:kms:ap-northeast-3:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const OSAKA_LOGS = "example-s3mr-logs-111111111111-ap-northeast-3";

describe("adopt: each comparison row as the user reads it", () => {
    const targets: Record<string, AdoptTarget> = {};
    before(() => {
        const target = (stacks: Record<string, Record<string, unknown>>, name: string) => {
            const project = makeProject(stacks);
            return resolveAdoptTarget(project, discoverStacks(project), name);
        };
        targets.osaka = target({}, "osaka");
        targets.kms = target(
            { osaka: { "s3-multiregion:existingBucketName": LEGACY, "s3-multiregion:kmsKeyArn": KEY } },
            "osaka",
        );
        targets.noLogging = target(
            { osaka: { "s3-multiregion:existingBucketName": LEGACY, "s3-multiregion:accessLogging": false } },
            "osaka",
        );
        targets.replica = target(
            { "dest-account": { "s3-multiregion:existingBucketName": "legacy-replica" } },
            "dest-account",
        );
    });
    after(removeProjects);

    it("lists every setting in the order the deploy applies them; MFA delete only when it is on", () => {
        const settings = (live: LiveBucket) => rows(targets.osaka, live).map((r) => r.setting);
        const order = [
            "versioning",
            "object ownership",
            "ACL grants",
            "default encryption",
            "public access block",
            "bucket policy",
            "lifecycle",
            "replication",
            "inventory",
            "Object Lock",
            "tags",
            "server access logging",
        ];
        assert.deepStrictEqual(settings(bare()), order);
        assert.deepStrictEqual(settings(bare({ mfaDelete: "Disabled" })), order);
        assert.deepStrictEqual(settings(bare({ mfaDelete: "Enabled" })), [order[0], "MFA delete", ...order.slice(1)]);
        assert.deepStrictEqual(
            changesOf(targets.osaka, bare({ mfaDelete: "Enabled" }))["MFA delete"],
            rowOf("MFA delete", "Enabled", "Enabled (unchanged)", false),
        );
    });

    it("object ownership: no controls read as ObjectWriter; only BucketOwnerEnforced is no change", () => {
        const own = (ownership?: string) => changesOf(targets.osaka, bare({ ownership }))["object ownership"];
        assert.deepStrictEqual(
            own(undefined),
            rowOf("object ownership", "ObjectWriter (no ownership controls)", "BucketOwnerEnforced (ACLs off)", true),
        );
        assert.strictEqual(own("BucketOwnerPreferred").changes, true);
        assert.strictEqual(own("BucketOwnerEnforced").changes, false);
    });

    it("default encryption: the stack's KMS key when it names one, SSE-S3 otherwise; the same live value is no change", () => {
        const kms: LiveBucket["encryption"] = [
            {
                ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: KEY },
                BucketKeyEnabled: true,
            },
        ];
        assert.deepStrictEqual(
            changesOf(targets.kms, bare({ encryption: kms }))["default encryption"],
            rowOf(
                "default encryption",
                `SSE-KMS key ${KEY}, bucket key on`,
                `SSE-KMS key ${KEY}, bucket key on`,
                false,
            ),
        );
        assert.deepStrictEqual(
            changesOf(targets.osaka, bare({ encryption: kms }))["default encryption"],
            rowOf("default encryption", `SSE-KMS key ${KEY}, bucket key on`, "SSE-S3 (AES256)", true),
        );
    });

    it("policy and lifecycle: none live, unnamed items, one or more, and what is kept or removed", () => {
        const empty = changesOf(targets.osaka, bare());
        assert.deepStrictEqual([empty["bucket policy"].live, empty.lifecycle.live], ["no statements", "no rules"]);
        const live = bare({
            policyStatements: [{ Sid: "Keep", Effect: "Allow" }, { Effect: "Deny" }],
            lifecycleRules: [{ ID: "old", Status: "Enabled" }],
        });
        const statements = nameStatements(live.policyStatements);
        const lifecycle = nameRules(live.lifecycleRules);
        const chosen: KeptAndDropped = {
            statements: { kept: [statements[0]], dropped: [statements[1]] },
            rules: { kept: [], dropped: lifecycle },
            loggingKept: false,
        };
        const c = changesOf(targets.osaka, live, chosen);
        assert.deepStrictEqual(
            c["bucket policy"],
            rowOf(
                "bucket policy",
                `2 statements: Keep, ${statements[1].name} (unnamed)`,
                `DenyInsecureTransport and the stack's own statements; kept: Keep; removed: ${statements[1].name}`,
                true,
            ),
        );
        assert.deepStrictEqual(
            c.lifecycle,
            rowOf(
                "lifecycle",
                "1 rule: old",
                "expire-noncurrent-versions (90 days), abort-incomplete-multipart-uploads (7 days); removed: old",
                true,
            ),
        );
    });

    it("replication: the hub writes a regional bucket's, a change unless the live one is already the platform role's", () => {
        const role = targets.osaka.replicationRoleArn;
        const stack = `written by stack tokyo, role ${role}, to example-s3mr-data-111111111111-ap-northeast-1, example-s3mr-replica-222222222222-ap-northeast-1`;
        assert.deepStrictEqual(changesOf(targets.osaka, bare()).replication, rowOf("replication", "none", stack, true));
        const platform = bare({
            replication: { Role: role, Rules: [{ ID: "r", Status: "Enabled", Destination: { Bucket: "x" } }] },
        });
        assert.deepStrictEqual(
            changesOf(targets.osaka, platform).replication,
            rowOf("replication", `role ${role}, rules r`, stack, false),
        );
        const other = bare({ replication: { Role: "arn:aws:iam::111111111111:role/legacy", Rules: [] } });
        assert.strictEqual(changesOf(targets.osaka, other).replication.changes, true);
        const alone = { ...targets.osaka, replicationTargets: [] };
        assert.strictEqual(
            changesOf(alone, bare()).replication.stack,
            `written by stack tokyo, role ${role}, to (no other bucket)`,
        );
    });

    it("replication: no stack writes the replica's, so the live one stays as it is", () => {
        const live = bare({
            replication: {
                Role: "arn:aws:iam::222222222222:role/legacy",
                Rules: [{ ID: "back", Status: "Enabled", Destination: { Bucket: "y" } }],
            },
        });
        const text = "role arn:aws:iam::222222222222:role/legacy, rules back";
        assert.deepStrictEqual(changesOf(targets.replica, live).replication, rowOf("replication", text, text, false));
    });

    it("inventory: the platform's Id delivering elsewhere is replaced; delivering to the manifest bucket, kept", () => {
        const inv = (bucket: string) =>
            changesOf(
                targets.osaka,
                bare({
                    inventories: [
                        { Id: "existing-objects", Destination: { S3BucketDestination: { Bucket: bucket } } },
                        { Id: "mine" },
                    ] as LiveBucket["inventories"],
                }),
            ).inventory;
        assert.deepStrictEqual(
            inv("arn:aws:s3:::elsewhere"),
            rowOf(
                "inventory",
                "existing-objects, mine",
                `existing-objects (to arn:aws:s3:::elsewhere) replaced by the platform's existing-objects, to ${targets.osaka.manifestBucket}; the others kept as they are`,
                true,
            ),
        );
        assert.deepStrictEqual(
            inv(`arn:aws:s3:::${targets.osaka.manifestBucket}`),
            rowOf(
                "inventory",
                "existing-objects, mine",
                "kept as they are (each configuration has its own Id; the platform adds its own beside them)",
                false,
            ),
        );
    });

    it("Object Lock: off, on without a default retention, or with one in days or years; left alone on a regional bucket", () => {
        const lock = (objectLock: LiveBucket["objectLock"]) =>
            changesOf(targets.osaka, bare({ objectLock }))["Object Lock"];
        const stack = "unchanged (the stack does not manage it here)";
        assert.deepStrictEqual(lock(undefined), rowOf("Object Lock", "off", stack, false));
        assert.strictEqual(lock({ ObjectLockEnabled: "Enabled" }).live, "enabled, no default retention");
        assert.strictEqual(
            lock({ ObjectLockEnabled: "Enabled", Rule: { DefaultRetention: { Mode: "GOVERNANCE", Days: 30 } } }).live,
            "enabled, default retention GOVERNANCE 30 days",
        );
        assert.strictEqual(
            lock({ ObjectLockEnabled: "Enabled", Rule: { DefaultRetention: { Mode: "COMPLIANCE", Years: 1 } } }).live,
            "enabled, default retention COMPLIANCE 1 years",
        );
    });

    it("tags are listed key=value and left alone", () => {
        assert.deepStrictEqual(
            changesOf(targets.osaka, bare()).tags,
            rowOf("tags", "none", "unchanged (the stack declares no bucket tags)", false),
        );
        assert.strictEqual(
            changesOf(targets.osaka, bare({ tags: { team: "data", env: "prod" } })).tags.live,
            "team=data, env=prod",
        );
    });

    it("server access logging: replaced by the stack's log bucket, kept, or left alone when accessLogging is false", () => {
        const logging = { TargetBucket: "legacy-logs", TargetPrefix: "p/" };
        const log = (t: AdoptTarget, live: LiveBucket, kept: boolean) =>
            changesOf(t, live, { ...NONE_CHOSEN, loggingKept: kept })["server access logging"];
        assert.deepStrictEqual(
            log(targets.osaka, bare({ logging }), false),
            rowOf("server access logging", "to s3://legacy-logs/p/", `to the stack's log bucket ${OSAKA_LOGS}`, true),
        );
        assert.deepStrictEqual(
            log(targets.osaka, bare({ logging }), true),
            rowOf("server access logging", "to s3://legacy-logs/p/", "kept (the stack writes the same target)", false),
        );
        assert.deepStrictEqual(
            log(targets.osaka, bare(), false),
            rowOf("server access logging", "off", `to the stack's log bucket ${OSAKA_LOGS}`, true),
        );
        assert.deepStrictEqual(
            log(targets.noLogging, bare({ logging }), false),
            rowOf(
                "server access logging",
                "to s3://legacy-logs/p/",
                "unchanged (accessLogging is false: the stack leaves it)",
                false,
            ),
        );
    });
});
