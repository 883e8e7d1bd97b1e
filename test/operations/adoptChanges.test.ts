// Tests of adopt's setting-by-setting comparison and its report lines, on targets resolved from the example stacks.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { discoverStacks } from "../../config/stackFiles";
import { buildReport, reportLines } from "../../operations/adopt/adoptReport";
import { AdoptTarget, resolveAdoptTarget } from "../../operations/adopt/adoptTarget";
import { nameRules, nameStatements } from "../../operations/adopt/keptSettings";
import type { LiveBucket } from "../../operations/adopt/readLiveBucket";
import { UsageError } from "../../operations/common/cli";
import { SettingChange, settingChanges } from "../../operations/adopt/settingChanges";
import { bare, makeProject, NONE_CHOSEN, removeProjects } from "./adoptWorld";

function changesOf(t: AdoptTarget, live: LiveBucket, chosen = NONE_CHOSEN): Record<string, SettingChange> {
    const rows = settingChanges(t, live, nameStatements(live.policyStatements), nameRules(live.lifecycleRules), chosen);
    return Object.fromEntries(rows.map((r) => [r.setting, r]));
}

describe("adopt: what the deploy would change, setting by setting", () => {
    let osaka: AdoptTarget;
    let replica: AdoptTarget;
    before(() => {
        const project = makeProject({ "dest-account": { "s3-multiregion:existingBucketName": "legacy-replica" } });
        osaka = resolveAdoptTarget(project, discoverStacks(project), "osaka");
        replica = resolveAdoptTarget(project, discoverStacks(project), "dest-account");
    });
    after(removeProjects);

    it("a setting already as the stack wants it is not a change", () => {
        assert.deepStrictEqual(changesOf(osaka, bare({ versioning: "Enabled" })).versioning, {
            setting: "versioning",
            live: "Enabled",
            stack: "Enabled",
            changes: false,
        });
        assert.deepStrictEqual(changesOf(osaka, bare()).versioning.changes, true);
    });

    it("default encryption is described by algorithm, key and bucket key", () => {
        const enc = (rules: LiveBucket["encryption"]) =>
            changesOf(osaka, bare({ encryption: rules }))["default encryption"].live;
        assert.strictEqual(enc(undefined), "none");
        assert.strictEqual(enc([]), "none");
        assert.strictEqual(
            enc([{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }]),
            "SSE-S3 (AES256)",
        );
        const key = "arn:aws:kms:ap-northeast-3:111111111111:key/abcd";
        assert.strictEqual(
            enc([
                {
                    ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: key },
                    BucketKeyEnabled: true,
                },
            ]),
            `SSE-KMS key ${key}, bucket key on`,
        );
        assert.strictEqual(
            enc([{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms" } }]),
            "SSE-KMS (AWS managed key aws/s3), bucket key off",
        );
        assert.strictEqual(
            enc([
                {
                    ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms:dsse", KMSMasterKeyID: key },
                    BucketKeyEnabled: false,
                },
            ]),
            `DSSE-KMS key ${key}, bucket key off`,
        );
    });

    it("the public access block names each flag that is off, or says all four are on", () => {
        const pab = (p: LiveBucket["publicAccessBlock"]) =>
            changesOf(osaka, bare({ publicAccessBlock: p }))["public access block"];
        const on = {
            BlockPublicAcls: true,
            IgnorePublicAcls: true,
            BlockPublicPolicy: true,
            RestrictPublicBuckets: true,
        };
        assert.deepStrictEqual(pab(on), {
            setting: "public access block",
            live: "all four on",
            stack: "all four on",
            changes: false,
        });
        assert.strictEqual(pab(undefined).live, "none");
        assert.deepStrictEqual(pab({ ...on, IgnorePublicAcls: false, RestrictPublicBuckets: undefined }), {
            setting: "public access block",
            live: "off: IgnorePublicAcls, RestrictPublicBuckets",
            stack: "all four on",
            changes: true,
        });
    });

    it("ACL grants change only while ACLs are still on", () => {
        const grants = [{ granteeType: "CanonicalUser" as const, id: "other", permission: "READ" }];
        assert.strictEqual(changesOf(osaka, bare({ grants, ownership: "ObjectWriter" }))["ACL grants"].changes, true);
        assert.strictEqual(
            changesOf(osaka, bare({ grants, ownership: "BucketOwnerEnforced" }))["ACL grants"].changes,
            false,
        );
        assert.strictEqual(changesOf(osaka, bare({ ownership: "ObjectWriter" }))["ACL grants"].changes, false);
    });

    it("the bucket policy is always written whole; lifecycle rules are the stack's own plus the kept", () => {
        const live = bare({ policyStatements: [{ Sid: "Keep", Effect: "Allow" }] });
        assert.deepStrictEqual(changesOf(osaka, live)["bucket policy"], {
            setting: "bucket policy",
            live: "1 statement: Keep",
            stack: "DenyInsecureTransport and the stack's own statements",
            changes: true,
        });
        assert.strictEqual(
            changesOf(osaka, bare()).lifecycle.stack,
            "expire-noncurrent-versions (90 days), abort-incomplete-multipart-uploads (7 days)",
        );
        // A backup replica keeps noncurrent versions forever by default: no expiry rule.
        assert.strictEqual(changesOf(replica, bare()).lifecycle.stack, "abort-incomplete-multipart-uploads (7 days)");
    });

    it("a live replication configuration is listed by role and every rule ID", () => {
        const live = bare({
            replication: {
                Role: "arn:aws:iam::111111111111:role/legacy",
                Rules: [
                    { ID: "a", Status: "Enabled", Destination: { Bucket: "x" } },
                    { Status: "Enabled", Destination: { Bucket: "y" } },
                ],
            },
        });
        assert.strictEqual(
            changesOf(osaka, live).replication.live,
            "role arn:aws:iam::111111111111:role/legacy, rules a, (no ID)",
        );
    });

    it("no inventory configuration reads as none", () => {
        const row = changesOf(osaka, bare()).inventory;
        assert.deepStrictEqual([row.live, row.changes], ["none", false]);
    });
});

describe("adopt: the report", () => {
    let osaka: AdoptTarget;
    before(() => {
        const project = makeProject();
        osaka = resolveAdoptTarget(project, discoverStacks(project), "osaka");
    });
    after(removeProjects);

    const changes: SettingChange[] = [
        { setting: "versioning", live: "Suspended", stack: "Enabled", changes: true },
        { setting: "tags", live: "none", stack: "unchanged", changes: false },
    ];
    const logging = { TargetBucket: "legacy-logs", TargetPrefix: "p/" };

    it("a live logging target is reported kept only when it is chosen to be", () => {
        const kept = buildReport(osaka, "T", {}, changes, [], { ...NONE_CHOSEN, loggingKept: true }, logging);
        assert.strictEqual(kept.keptAccessLogging, "s3://legacy-logs/p/");
        const notKept = buildReport(osaka, "T", {}, changes, [], NONE_CHOSEN, logging);
        assert.strictEqual(notKept.keptAccessLogging, null);
        assert.strictEqual(
            buildReport(osaka, "T", {}, changes, [], { ...NONE_CHOSEN, loggingKept: true }).keptAccessLogging,
            null,
        );
    });

    it("the lines: settings padded to one column, a blank line, then what was written", () => {
        const r = {
            ...buildReport(osaka, "T", {}, changes, [], NONE_CHOSEN),
            file: "adopted/osaka.json",
            written: true,
        };
        assert.deepStrictEqual(reportLines(r, false).slice(2), [
            "",
            "what the deploy would do (~ changes, = leaves as it is):",
            "  ~ versioning  Suspended -> Enabled",
            "  = tags        none; unchanged",
            "",
            "wrote adopted/osaka.json: 0 policy statements and 0 lifecycle rules kept; the stack composes them into the bucket's one policy and one lifecycle configuration",
        ]);
    });
});

describe("adopt: the target's bucket name and replication peers", () => {
    after(removeProjects);

    it("a stack file whose existingBucketName is neither text nor a number sets no bucket to adopt", () => {
        for (const value of [true, ""]) {
            const project = makeProject({ osaka: { "s3-multiregion:existingBucketName": value } });
            assert.throws(
                () => resolveAdoptTarget(project, discoverStacks(project), "osaka"),
                (e: Error) =>
                    e instanceof UsageError &&
                    e.message ===
                        "Pulumi.osaka.yaml does not set s3-multiregion:existingBucketName: set it to the name of the live bucket this stack should adopt",
                String(value),
            );
        }
    });

    it("a peer stack without a stack file is named by its stack", () => {
        const project = makeProject();
        fs.rmSync(path.join(project, "Pulumi.dest-account.yaml"));
        const t = resolveAdoptTarget(project, discoverStacks(project), "osaka");
        assert.deepStrictEqual(t.replicationTargets.slice(1), ["(stack dest-account)"]);
    });
});
