// Proofs that follow account B's mode: on hand-made plans (each broken shape fails), and `npm run plan` in the modes the example files do not use.
import * as assert from "node:assert/strict";
import * as fs from "fs";
import { DestinationCopy } from "../../config/destinationCopy";
import { RecordedResource } from "../../verifier/mockRuntime";
import { PlanDocument } from "../../verifier/planReport";
import { copyProofs, ProofFacts } from "../../verifier/proofs";
import { patchedProject, runPlanCli } from "./planRun";
import { inStack as resource } from "./recorded";

const A = "111111111111";
const B = "222222222222";
const REPLICA = `p-replica-${B}-ap-northeast-1`;

const rules = (intoB: string, between = "Enabled") =>
    resource("tokyo", "aws:s3/bucketReplicationConfig:BucketReplicationConfig", "replication-ap-northeast-1", {
        bucket: `p-data-${A}-ap-northeast-1`,
        rules: [
            {
                id: "to-ap-northeast-3",
                deleteMarkerReplication: { status: between },
                destination: { bucket: `arn:aws:s3:::p-data-${A}-ap-northeast-3` },
            },
            {
                id: `to-account-${B}`,
                deleteMarkerReplication: { status: intoB },
                destination: { bucket: `arn:aws:s3:::${REPLICA}`, account: B },
            },
        ],
    });

const lifecycle = (...rules: Record<string, unknown>[]) =>
    resource("dest-account", "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "replica-lifecycle", {
        bucket: REPLICA,
        rules: rules.map((r) => ({ status: "Enabled", filter: {}, ...r })),
    });
const expireNoncurrent = (days: number) => ({ id: "expire", noncurrentVersionExpiration: { noncurrentDays: days } });
const lock = (mode: string, days: number) =>
    resource("dest-account", "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration", "replica-lock", {
        bucket: REPLICA,
        objectLockEnabled: "Enabled",
        rule: { defaultRetention: { mode, days } },
    });

const facts = (copy: DestinationCopy, replicates = true): ProofFacts => ({
    namePrefix: "p",
    sourceAccountId: A,
    destinationAccountId: B,
    regional: [{ stack: "tokyo", region: "ap-northeast-1" }],
    hub: { stack: "tokyo", region: "ap-northeast-1", replicatesToDestination: replicates },
    destination: { stack: "dest-account", region: "ap-northeast-1", copy },
    manifestKey: "m",
    reportKey: "r",
});

const statuses = (results: ReturnType<typeof copyProofs>) => results.map((r) => [r.stack, r.status, r.actual]);

describe("copy proofs on hand-made plans", () => {
    it("backup: pass when no rule into B replicates delete markers and B keeps what it should", () => {
        const results = copyProofs(facts({ mode: "backup" }), [rules("Disabled"), lifecycle()]);
        assert.deepEqual(statuses(results), [
            ["tokyo", "passed", "ExplicitlyDenied"],
            ["dest-account", "passed", "ExplicitlyDenied"],
        ]);
        assert.equal(
            results[0].reason,
            `delete-marker replication per rule into account B: to-account-${B} from p-data-${A}-ap-northeast-1: Disabled`,
        );
    });

    it("backup: a rule into B that replicates delete markers fails, naming the rule", () => {
        const [markers] = copyProofs(facts({ mode: "backup" }), [rules("Enabled"), lifecycle()]);
        assert.deepEqual([markers.status, markers.actual], ["failed", "Allowed"]);
        assert.match(markers.reason, new RegExp(`to-account-${B} from p-data-${A}-ap-northeast-1: Enabled$`));
    });

    it("backup: a lifecycle that expires noncurrent versions sooner than configured, or any current version, fails", () => {
        const kept = (copy: DestinationCopy, ...r: Record<string, unknown>[]) =>
            copyProofs(facts(copy), [rules("Disabled"), lifecycle(...r)])[1].status;
        assert.equal(kept({ mode: "backup" }, expireNoncurrent(90)), "failed");
        assert.equal(kept({ mode: "backup", noncurrentDays: 365 }, expireNoncurrent(90)), "failed");
        assert.equal(kept({ mode: "backup", noncurrentDays: 365 }, expireNoncurrent(365)), "passed");
        assert.equal(kept({ mode: "backup" }, { id: "expire-current", expiration: { days: 30 } }), "failed");
    });

    it("backup with Object Lock: passes only with the configured mode and days", () => {
        const copy: DestinationCopy = { mode: "backup", objectLock: { mode: "COMPLIANCE", days: 30 } };
        const third = (...extra: RecordedResource[]) =>
            copyProofs(facts(copy), [rules("Disabled"), lifecycle(), ...extra])[2];
        assert.equal(third(lock("COMPLIANCE", 30)).status, "passed");
        assert.equal(third(lock("GOVERNANCE", 30)).status, "failed");
        assert.equal(third(lock("COMPLIANCE", 1)).status, "failed");
        assert.deepEqual(
            [third().status, third().reason],
            ["failed", `no Object Lock configuration on ${REPLICA} in the plan`],
        );
    });

    it("mirror: passes when every rule into B replicates delete markers and B's versions expire; fails otherwise", () => {
        assert.deepEqual(
            statuses(copyProofs(facts({ mode: "mirror" }), [rules("Enabled"), lifecycle(expireNoncurrent(90))])),
            [
                ["tokyo", "passed", "Allowed"],
                ["dest-account", "passed", "Allowed"],
            ],
        );
        assert.deepEqual(statuses(copyProofs(facts({ mode: "mirror" }), [rules("Disabled"), lifecycle()])), [
            ["tokyo", "failed", "ExplicitlyDenied"],
            ["dest-account", "failed", "ExplicitlyDenied"],
        ]);
    });

    it("no proof when the hub does not replicate to B; unproven when the plan has no rule into B", () => {
        assert.deepEqual(copyProofs(facts({ mode: "backup" }, false), [lifecycle()]), []);
        const [none] = copyProofs(facts({ mode: "backup" }), [lifecycle()]);
        assert.deepEqual([none.status, none.reason], ["unproven", `no replication rule into account ${B} in the plan`]);
    });
});

describe("npm run plan in the modes the example files do not use", function () {
    this.timeout(240000);

    const planWith = async (destLines: string): Promise<PlanDocument> => {
        const dir = patchedProject({
            stackFiles: (f, text) => (f === "Pulumi.dest-account.yaml" ? `${text}${destLines}` : text),
        });
        try {
            const run = await runPlanCli(["--project", dir, "--json"]);
            assert.equal(run.code, 0, run.stderr);
            return JSON.parse(run.stdout) as PlanDocument;
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    };
    const copyNames = (doc: PlanDocument) =>
        doc.stacks
            .flatMap((s) => s.proofs.map((p) => ({ stack: s.stack, ...p })))
            .filter((p) => /delete|noncurrent|Object Lock/.test(p.name))
            .map((p) => [p.stack, p.name, p.status]);
    const R = `example-s3mr-replica-${B}-ap-northeast-1`;

    it("mirror: green, and the proofs say deletes reach account B", async () => {
        const doc = await planWith("  s3-multiregion:destinationMode: mirror\n");
        assert.equal(doc.summary.exitCode, 0);
        assert.deepEqual(copyNames(doc), [
            ["dest-account", `the replication role may replicate delete markers into ${R} (a mirror)`, "passed"],
            ["dest-account", `${R}'s noncurrent versions expire, as a mirror's do`, "passed"],
            [
                "tokyo",
                `a delete in account A reaches ${R} (every rule into account B replicates delete markers)`,
                "passed",
            ],
        ]);
    });

    it("backup with Object Lock and a retention window: green, and the lock is proven", async () => {
        const doc = await planWith(
            [
                "  s3-multiregion:backupNoncurrentDays: 365",
                "  s3-multiregion:objectLockMode: COMPLIANCE",
                "  s3-multiregion:objectLockRetentionDays: 30",
                "",
            ].join("\n"),
        );
        assert.equal(doc.summary.exitCode, 0);
        assert.deepEqual(copyNames(doc), [
            ["dest-account", `account B refuses the replication role's delete markers in ${R} (a backup)`, "passed"],
            ["dest-account", `${R} keeps noncurrent versions for 365 days and expires no current version`, "passed"],
            [
                "dest-account",
                `no version of ${R} can be deleted within 30 days of its creation (Object Lock COMPLIANCE)`,
                "passed",
            ],
            [
                "tokyo",
                `a delete in account A leaves ${R}'s copy current (no rule into account B replicates delete markers)`,
                "passed",
            ],
        ]);
    });
});
