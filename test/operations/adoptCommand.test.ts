// Tests of `npm run adopt` on a clean bucket against a real S3, STS and CloudWatch API (moto_server on loopback).
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import {
    PutBucketLifecycleConfigurationCommand,
    PutBucketOwnershipControlsCommand,
    PutBucketPolicyCommand,
    PutBucketTaggingCommand,
    PutObjectCommand,
} from "@aws-sdk/client-s3";
import { parseAdoptedSettings } from "../../config/adoptedSettings";
import { useMotoServer } from "../support/motoServer";
import { ACCOUNT_A } from "./fixtures";
import {
    accountCredentials,
    createBucket,
    Credentials,
    LEGACY,
    makeProject,
    OSAKA,
    readAdopted,
    removeProjects,
    runAdopt,
    TEST_NOW,
} from "./adoptWorld";

const PARTNER_READ = {
    Sid: "AllowPartnerRead",
    Effect: "Allow",
    Principal: { AWS: "arn:aws:iam::333333333333:root" },
    Action: "s3:GetObject",
    Resource: `arn:aws:s3:::${LEGACY}/*`,
};
const NO_SID = {
    Effect: "Deny",
    Principal: "*",
    Action: "s3:DeleteBucket",
    Resource: `arn:aws:s3:::${LEGACY}`,
};
const OLD_LOGS = { ID: "old-logs", Status: "Enabled", Filter: { Prefix: "logs/" }, Expiration: { Days: 30 } };

describe("ops adopt (moto_server)", function () {
    this.timeout(60_000);
    const moto = useMotoServer();
    after(removeProjects);
    /** Account A, the example osaka stack's account. */
    let A: Credentials;
    beforeEach(async () => {
        A = await accountCredentials(moto.endpoint, ACCOUNT_A);
    });

    /** A lived-in bucket: a policy (one statement without Sid), a lifecycle rule, ownership preferred, tags, 3 objects. */
    async function livedInBucket() {
        const s3 = await createBucket(moto.endpoint, LEGACY, OSAKA, A);
        const B = { Bucket: LEGACY };
        await s3.send(
            new PutBucketPolicyCommand({
                ...B,
                Policy: JSON.stringify({ Version: "2012-10-17", Statement: [PARTNER_READ, NO_SID] }),
            }),
        );
        await s3.send(
            new PutBucketLifecycleConfigurationCommand({
                ...B,
                LifecycleConfiguration: { Rules: [OLD_LOGS] as never },
            }),
        );
        await s3.send(
            new PutBucketOwnershipControlsCommand({
                ...B,
                OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerPreferred" }] },
            }),
        );
        await s3.send(new PutBucketTaggingCommand({ ...B, Tagging: { TagSet: [{ Key: "team", Value: "storage" }] } }));
        for (const key of ["a", "b", "c"]) await s3.send(new PutObjectCommand({ ...B, Key: key, Body: "hello" }));
    }

    it("a clean adoption keeping everything: the report, then the kept statements and rules in adopted/osaka.json", async () => {
        await livedInBucket();
        const project = makeProject();
        const r = await runAdopt(
            moto.endpoint,
            project,
            ["--stack", "osaka", "--keep-all-statements", "--keep-all-rules"],
            A,
        );
        assert.strictEqual(r.code, 0, r.err.join("\n"));
        assert.deepStrictEqual(r.err, []);
        assert.strictEqual(
            r.out[0],
            `adopt: stack osaka, bucket ${LEGACY} (${OSAKA}, account ${ACCOUNT_A}), read ${new Date(TEST_NOW).toISOString()}`,
        );
        // moto computes the storage metrics from the bucket, as S3 publishes them daily.
        assert.match(
            r.out[1],
            /^objects: about 3 objects \(all versions\), \d+(\.\d)? (B|KiB) \(CloudWatch storage metrics of \d{4}-\d\d-\d\d\)$/,
        );
        const row = (setting: string) => r.out.find((l) => l.slice(4).startsWith(`${setting} `))?.replace(/\s+/g, " ");
        assert.strictEqual(row("versioning"), " ~ versioning never enabled -> Enabled");
        assert.strictEqual(
            row("object ownership"),
            " ~ object ownership BucketOwnerPreferred -> BucketOwnerEnforced (ACLs off)",
        );
        assert.strictEqual(row("public access block"), " ~ public access block none -> all four on");
        assert.strictEqual(row("tags"), " = tags team=storage; unchanged (the stack declares no bucket tags)");
        assert.match(
            row("replication")!,
            /^ ~ replication none -> written by stack tokyo, role arn:aws:iam::111111111111:role\/example-s3mr-replication, to example-s3mr-data-111111111111-ap-northeast-1, example-s3mr-replica-222222222222-ap-northeast-1$/,
        );
        assert.match(row("lifecycle")!, /; kept: old-logs$/);
        assert.ok(
            r.out.includes(
                "wrote adopted/osaka.json: 2 policy statements and 1 lifecycle rule kept; the stack composes them into the bucket's one policy and one lifecycle configuration",
            ),
        );

        const text = fs.readFileSync(path.join(project, "adopted", "osaka.json"), "utf8");
        const settings = parseAdoptedSettings(text, "adopted/osaka.json");
        const generated = settings.keptPolicyStatements[1].Sid;
        assert.match(generated, /^Adopted[0-9a-f]{8}$/);
        assert.deepStrictEqual(settings, {
            version: 1,
            stack: "osaka",
            bucket: LEGACY,
            region: OSAKA,
            accountId: ACCOUNT_A,
            readAt: new Date(TEST_NOW).toISOString(),
            keptPolicyStatements: [PARTNER_READ, { Sid: generated, ...NO_SID }],
            keptLifecycleRules: [OLD_LOGS],
        });
        assert.ok(
            r.out.includes(
                `policy statement without a name is kept as ${generated} (it had no Sid; the name is derived from its content, so every run gives the same)`,
            ),
        );
        // A second run names the Sid-less statement the same: the file does not churn.
        const again = await runAdopt(
            moto.endpoint,
            project,
            ["--stack", "osaka", "--keep-all-statements", "--keep-all-rules"],
            A,
        );
        assert.strictEqual(again.code, 0);
        assert.deepStrictEqual(readAdopted(project), JSON.parse(text));
    });

    it("writes nothing while a live statement or rule is neither kept nor dropped, and names them", async () => {
        await livedInBucket();
        const project = makeProject();
        const r = await runAdopt(moto.endpoint, project, ["--stack", "osaka", "--keep", "AllowPartnerRead"], A);
        assert.strictEqual(r.code, 2);
        assert.strictEqual(readAdopted(project), undefined);
        assert.strictEqual(r.err.length, 1);
        assert.match(
            r.err[0],
            /^adopt: nothing written: the deploy would remove the live policy statements Adopted[0-9a-f]{8} and lifecycle rules old-logs of bucket legacy-osaka-data; keep them \(--keep SID, --keep-all-statements, --keep-rule ID, --keep-all-rules\) or pass --drop-others \(usage: /,
        );
        // Only statements left over: the sentence names them alone, with no empty second part.
        const rulesKept = await runAdopt(
            moto.endpoint,
            project,
            ["--stack", "osaka", "--keep", "AllowPartnerRead", "--keep-all-rules"],
            A,
        );
        assert.strictEqual(rulesKept.code, 2);
        assert.match(
            rulesKept.err[0],
            /^adopt: nothing written: the deploy would remove the live policy statements Adopted[0-9a-f]{8} of bucket legacy-osaka-data; keep them /,
        );
    });

    it("--stack is required, before anything is read", async () => {
        const r = await runAdopt(moto.endpoint, makeProject(), ["--keep-all-rules"], A);
        assert.strictEqual(r.code, 2);
        assert.deepStrictEqual(r.out, []);
        assert.deepStrictEqual(r.err, [
            "adopt: --stack NAME is required: the stack whose existingBucketName to adopt (usage: npm run adopt -- --stack NAME [--keep SID ... | --keep-all-statements] [--keep-rule ID ... | --keep-all-rules] [--replace-logging] [--drop-others] [--dry-run] [--json]; --help for details)",
        ]);
    });

    it("--keep picks statements by Sid, --drop-others lets the rest go; --dry-run writes nothing", async () => {
        await livedInBucket();
        const project = makeProject();
        const dry = await runAdopt(
            moto.endpoint,
            project,
            ["--stack", "osaka", "--keep", "AllowPartnerRead", "--dry-run"],
            A,
        );
        assert.strictEqual(dry.code, 0, dry.err.join("\n"));
        assert.strictEqual(readAdopted(project), undefined);
        assert.strictEqual(
            dry.out.at(-1),
            "dry run: nothing written (adopted/osaka.json would have 1 policy statement and 0 lifecycle rules kept)",
        );

        const r = await runAdopt(
            moto.endpoint,
            project,
            ["--stack", "osaka", "--keep", "AllowPartnerRead", "--drop-others"],
            A,
        );
        assert.strictEqual(r.code, 0, r.err.join("\n"));
        const written = readAdopted(project)!;
        assert.deepStrictEqual(written.keptPolicyStatements, [PARTNER_READ]);
        assert.deepStrictEqual(written.keptLifecycleRules, []);
    });

    it("--json prints one document with the changes, kept and removed names", async () => {
        await livedInBucket();
        const project = makeProject();
        const r = await runAdopt(
            moto.endpoint,
            project,
            ["--stack", "osaka", "--keep-rule", "old-logs", "--drop-others", "--json"],
            A,
        );
        assert.strictEqual(r.code, 0, r.err.join("\n"));
        const doc = JSON.parse(r.out.join("\n"));
        assert.deepStrictEqual(
            {
                kept: doc.keptPolicyStatements,
                keptRules: doc.keptLifecycleRules,
                removedRules: doc.removedLifecycleRules,
                file: doc.file,
                written: doc.written,
                objects: doc.objects.objects,
            },
            {
                kept: [],
                keptRules: ["old-logs"],
                removedRules: [],
                file: "adopted/osaka.json",
                written: true,
                objects: 3,
            },
        );
        assert.deepStrictEqual(doc.removedPolicyStatements.length, 2);
        assert.deepStrictEqual(
            doc.changes.find((c: { setting: string }) => c.setting === "versioning"),
            { setting: "versioning", live: "never enabled", stack: "Enabled", changes: true },
        );
    });

    it("bad input is exit 2 with one line: an unknown --keep, a bucket that does not exist", async () => {
        await livedInBucket();
        const project = makeProject();
        const unknown = await runAdopt(moto.endpoint, project, ["--stack", "osaka", "--keep", "Nope"], A);
        assert.strictEqual(unknown.code, 2);
        assert.match(
            unknown.err[0],
            /^adopt: --keep Nope: the live bucket has no policy statement Nope; its policy statements: AllowPartnerRead, Adopted[0-9a-f]{8} \(usage:/,
        );
        const missing = await runAdopt(
            moto.endpoint,
            makeProject({ osaka: { "s3-multiregion:existingBucketName": "no-such-bucket-here" } }),
            ["--stack", "osaka"],
            A,
        );
        assert.strictEqual(missing.code, 2);
        assert.deepStrictEqual(missing.err, [
            "adopt: bucket no-such-bucket-here (existingBucketName in Pulumi.osaka.yaml) does not exist",
        ]);
    });
});
