// A secondary stack's own Batch Replication under mocks: its job in its own region (NONE and FAILED, manifest and
// report beside the bucket, its own role), and the switch's config errors.
import * as assert from "node:assert/strict";
import { ConfigError } from "../../config/configReader";
import { SecondaryConfig } from "../../config/platformConfig";
import { secondaryStack } from "../../stacks/secondary";
import { installMocks, ResourceRecorder, settle, valueOf } from "../../verifier/mockRuntime";
import { BATCH_TRUST } from "../support/expectedDocuments";
import { OSAKA_OUTPUTS } from "../support/peerOutputs";
import { stackConfig } from "../support/stackConfigs";

const A = "111111111111";
const REGION = "ap-northeast-3";
const DATA = `arn:aws:s3:::example-s3mr-data-${A}-${REGION}`;
const MANIFEST = `arn:aws:s3:::example-s3mr-manifest-${A}-${REGION}`;
const REPORTS = `arn:aws:s3:::example-s3mr-reports-${A}-${REGION}`;
const ROLE = `arn:aws:iam::${A}:role/example-s3mr-batch-replication-${REGION}`;
const DYNAMIC = "pulumi-nodejs:dynamic:Resource";
const ON = { "s3-multiregion:batchReplicationJob": "true" };

async function osaka(
    overrides: Record<string, string> = {},
    edit: (cfg: SecondaryConfig) => SecondaryConfig = (c) => c,
): Promise<{ rec: ResourceRecorder; outputs: Record<string, unknown> }> {
    const rec = await installMocks({ stack: "osaka", accountId: A, region: REGION });
    const outputs = (await valueOf(secondaryStack(edit(stackConfig<SecondaryConfig>("osaka", overrides))))) as Record<
        string,
        unknown
    >;
    await settle();
    return { rec, outputs };
}

describe("regional Batch Replication: a secondary stack's own job", () => {
    it("no job by default, but the role and report bucket exist, so the switch alone starts it", async () => {
        const { rec, outputs } = await osaka();
        assert.deepEqual(rec.ofType(DYNAMIC), []);
        assert.equal(outputs.batchReplicationJob, undefined);
        assert.deepEqual(
            {
                reportBucketArn: outputs.reportBucketArn,
                batchReplicationRoleArn: outputs.batchReplicationRoleArn,
            },
            { reportBucketArn: REPORTS, batchReplicationRoleArn: ROLE },
        );
    });

    it("batchReplicationJob: true creates the job in the bucket's own region: NONE and FAILED, manifest and report beside it, its own role", async () => {
        const { rec, outputs } = await osaka(ON);
        const jobs = rec.ofType(DYNAMIC);
        assert.equal(jobs.length, 1);
        const job = jobs[0];
        assert.equal(job.name, "batch-replication");
        assert.deepEqual(
            {
                accountId: job.inputs.accountId,
                region: job.inputs.region,
                sourceBucketArn: job.inputs.sourceBucketArn,
                roleArn: job.inputs.roleArn,
                reportBucketArn: job.inputs.reportBucketArn,
                reportPrefix: job.inputs.reportPrefix,
                manifestOutputBucketArn: job.inputs.manifestOutputBucketArn,
                manifestOutputPrefix: job.inputs.manifestOutputPrefix,
                objectReplicationStatuses: job.inputs.objectReplicationStatuses,
                runNumber: job.inputs.runNumber,
            },
            {
                accountId: A,
                region: REGION,
                sourceBucketArn: DATA,
                roleArn: ROLE,
                reportBucketArn: REPORTS,
                reportPrefix: "batch-replication",
                manifestOutputBucketArn: MANIFEST,
                manifestOutputPrefix: "batch-replication-manifests",
                objectReplicationStatuses: ["NONE", "FAILED"],
                runNumber: 1,
            },
        );
        // Report and manifest buckets are this stack's own, hence in the job's region (their names end in it).
        const buckets = rec.ofType("aws:s3/bucket:Bucket").map((b) => `arn:aws:s3:::${b.inputs.bucket}`);
        assert.ok(buckets.includes(REPORTS) && buckets.includes(MANIFEST));
        // The role's policy first: a role without it fails while S3 prepares the manifest.
        const policy = rec.one("aws:iam/rolePolicy:RolePolicy", "batch-replication-role-permissions");
        assert.ok(job.dependencies.includes(policy.urn));
        // The replication configuration is the hub's resource, not this stack's: the provider checks for it.
        assert.deepEqual(rec.ofType("aws:s3/bucketReplicationConfig:BucketReplicationConfig"), []);
        assert.deepEqual(outputs.batchReplicationJob !== undefined, true);
    });

    it("the role trusts only Batch Operations and reaches exactly this region's data, report and manifest-prefix locations", async () => {
        const { rec } = await osaka(ON);
        const role = rec.one("aws:iam/role:Role", "batch-replication-role");
        assert.equal(role.inputs.name, "example-s3mr-batch-replication-ap-northeast-3");
        assert.deepEqual(JSON.parse(role.inputs.assumeRolePolicy), BATCH_TRUST);
        assert.deepEqual(
            JSON.parse(rec.one("aws:iam/rolePolicy:RolePolicy", "batch-replication-role-permissions").inputs.policy)
                .Statement,
            [
                {
                    Sid: "InitiateReplicationOfSourceObjects",
                    Effect: "Allow",
                    Action: ["s3:InitiateReplication"],
                    Resource: [`${DATA}/*`],
                },
                {
                    Sid: "ReadSourceReplicationConfiguration",
                    Effect: "Allow",
                    Action: ["s3:GetReplicationConfiguration", "s3:PutInventoryConfiguration"],
                    Resource: [DATA],
                },
                {
                    Sid: "WriteCompletionReports",
                    Effect: "Allow",
                    Action: ["s3:PutObject"],
                    Resource: [`${REPORTS}/*`],
                },
                {
                    Sid: "WriteGeneratedManifest",
                    Effect: "Allow",
                    Action: ["s3:PutObject"],
                    Resource: [`${MANIFEST}/batch-replication-manifests/*`],
                },
            ],
        );
        // The report bucket's one policy adds nothing: the writer is of the same account.
        assert.deepEqual(
            JSON.parse(rec.one("aws:s3/bucketPolicy:BucketPolicy", "reports-policy").inputs.policy).Statement.map(
                (s: { Sid: string }) => s.Sid,
            ),
            ["DenyInsecureTransport"],
        );
    });

    it("an adopted data bucket is the job's source, and its run number is the stack's", async () => {
        const legacy = LEGACY;
        const { rec } = await osaka(
            { ...ON, "s3-multiregion:existingBucketName": legacy, "s3-multiregion:batchReplicationRunNumber": "2" },
            (cfg) => ({
                ...cfg,
                adopted: {
                    version: 1,
                    stack: "osaka",
                    bucket: legacy,
                    region: REGION,
                    accountId: A,
                    readAt: "2026-12-01T00:00:00Z",
                    keptPolicyStatements: [],
                    keptLifecycleRules: [],
                },
            }),
        );
        const job = rec.ofType(DYNAMIC)[0];
        assert.equal(job.inputs.sourceBucketArn, `arn:aws:s3:::${legacy}`);
        assert.equal(job.inputs.runNumber, 2);
        assert.equal(job.inputs.region, REGION);
    });

    it("secondary outputs name this region's report bucket and role, as the example peer outputs say", async () => {
        const { outputs } = await osaka();
        assert.equal(outputs.reportBucketName, OSAKA_OUTPUTS.reportBucketName);
        assert.equal(outputs.batchReplicationRoleArn, OSAKA_OUTPUTS.batchReplicationRoleArn);
    });
});

const LEGACY = "legacy-osaka-data";
const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
/** An adopted bucket's kept rules: one that expires objects, one that only archives. */
const KEPT_RULES = [
    { ID: "expire-tmp", Status: "Enabled" as const, Filter: { Prefix: "tmp/" }, Expiration: { Days: 7 } },
    { ID: "archive", Status: "Enabled" as const, Filter: {}, Transitions: [{ Days: 30, StorageClass: "GLACIER" }] },
];

/** Osaka adopting LEGACY with the kept rules, the job switched as `on` says. */
function adoptedOsaka(on: boolean) {
    return osaka(
        {
            "s3-multiregion:existingBucketName": LEGACY,
            "s3-multiregion:batchReplicationJob": String(on),
        },
        (cfg) => ({
            ...cfg,
            adopted: {
                version: 1,
                stack: "osaka",
                bucket: LEGACY,
                region: REGION,
                accountId: A,
                readAt: "2026-12-01T00:00:00Z",
                keptPolicyStatements: [],
                keptLifecycleRules: KEPT_RULES,
            },
        }),
    );
}

/** The data bucket's whole lifecycle configuration, as declared. */
const rulesOf = (rec: ResourceRecorder, bucket: string) =>
    rec.ofType(LIFECYCLE).find((l) => l.inputs.bucket === bucket)!.inputs.rules;

const ownRules = (status: string) => [
    {
        id: "expire-noncurrent-versions",
        status,
        filter: {},
        noncurrentVersionExpiration: { noncurrentDays: 90 },
    },
    {
        id: "abort-incomplete-multipart-uploads",
        status: "Enabled",
        filter: {},
        abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
    },
];

describe("regional Batch Replication: lifecycle paused while the switch is on", () => {
    it("on: the data bucket's expiring rules, the kept one included, are Disabled; multipart clean-up and transitions stay", async () => {
        const { rec, outputs } = await adoptedOsaka(true);
        assert.deepEqual(rulesOf(rec, LEGACY), [
            ...ownRules("Disabled"),
            { id: "expire-tmp", status: "Disabled", filter: { prefix: "tmp/" }, expiration: { days: 7 } },
            { id: "archive", status: "Enabled", filter: {}, transitions: [{ days: 30, storageClass: "GLACIER" }] },
        ]);
        assert.deepEqual(outputs.lifecyclePausedRules, ["expire-noncurrent-versions", "expire-tmp"]);
        // Only the bucket the job replicates: the manifest and report buckets keep expiring their old versions.
        for (const purpose of ["manifest", "reports"])
            assert.deepEqual(rulesOf(rec, `example-s3mr-${purpose}-${A}-${REGION}`), [...ownRules("Enabled")]);
    });

    it("off: the same configuration with every rule as declared (Enabled), and no paused-rules output", async () => {
        const { rec, outputs } = await adoptedOsaka(false);
        assert.deepEqual(rulesOf(rec, LEGACY), [
            ...ownRules("Enabled"),
            { id: "expire-tmp", status: "Enabled", filter: { prefix: "tmp/" }, expiration: { days: 7 } },
            { id: "archive", status: "Enabled", filter: {}, transitions: [{ days: 30, storageClass: "GLACIER" }] },
        ]);
        assert.equal(outputs.lifecyclePausedRules, undefined);
    });

    it("a created (not adopted) data bucket pauses its own noncurrent-version expiry", async () => {
        const { rec, outputs } = await osaka(ON);
        assert.deepEqual(rulesOf(rec, `example-s3mr-data-${A}-${REGION}`), ownRules("Disabled"));
        assert.deepEqual(outputs.lifecyclePausedRules, ["expire-noncurrent-versions"]);
    });
});

describe("regional Batch Replication: config errors are one line naming the key", () => {
    const error = (stack: string, overrides: Record<string, string>): ConfigError => {
        try {
            stackConfig(stack, overrides);
        } catch (e) {
            assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${e}`);
            assert.equal(e.message.split("\n").length, 1);
            return e;
        }
        assert.fail("expected a ConfigError");
    };

    it("a secondary's switch must be true or false", () => {
        assert.equal(
            error("osaka", { "s3-multiregion:batchReplicationJob": "yes" }).message,
            'config s3-multiregion:batchReplicationJob = "yes"; allowed: true or false',
        );
    });

    it("a secondary's run number must be a positive integer", () => {
        assert.equal(
            error("osaka", { "s3-multiregion:batchReplicationRunNumber": "0" }).message,
            'config s3-multiregion:batchReplicationRunNumber = "0"; allowed: an integer from 1 to 1000000',
        );
    });

    it("a destination stack refuses the switch: account B's copy is the batch copy job", () => {
        const e = error("dest-account", { "s3-multiregion:batchReplicationJob": "true" });
        assert.equal(e.key, "s3-multiregion:batchReplicationJob");
        assert.equal(
            e.message,
            'config s3-multiregion:batchReplicationJob = "true"; allowed: false on a destination stack (Batch Replication runs in account A, on each regional stack)',
        );
    });

    it("the switch parses on a secondary stack", () => {
        assert.equal(stackConfig<SecondaryConfig>("osaka", ON).batchReplicationJob, true);
        assert.equal(stackConfig<SecondaryConfig>("osaka").batchReplicationJob, false);
    });
});
