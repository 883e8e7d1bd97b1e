// Tests of what adopt keeps and how it names it, of how it resolves --stack, and that its list of the
// platform's own Sids and rule IDs matches what the stacks really write on a data or replica bucket.
import * as assert from "assert";
import { DestinationConfig, PrimaryConfig, SecondaryConfig } from "../../config/platformConfig";
import { discoverStacks } from "../../config/stackFiles";
import { resolveAdoptTarget } from "../../operations/adopt/adoptTarget";
import {
    canonicalJson,
    chooseKept,
    describeLogging,
    keptAccessLogging,
    keptRule,
    keptStatement,
    nameRules,
    nameStatements,
    PLATFORM_LIFECYCLE_RULE_IDS,
    PLATFORM_STATEMENT_SIDS,
} from "../../operations/adopt/keptSettings";
import { UsageError } from "../../operations/common/cli";
import { destinationStack } from "../../stacks/destination";
import { primaryStack } from "../../stacks/primary";
import { secondaryStack } from "../../stacks/secondary";
import { installMocks, ResourceRecorder, settle, valueOf } from "../../verifier/mockRuntime";
import { DEST_OUTPUTS, OSAKA_OUTPUTS } from "../support/peerOutputs";
import { stackConfig } from "../support/stackConfigs";
import { makeProject, removeProjects } from "./adoptWorld";

const READ = { Sid: "AllowPartnerRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "x" };
const NO_SID = { Effect: "Deny", Principal: "*", Action: "s3:DeleteBucket", Resource: "y" };

describe("adopt: kept settings", () => {
    it("canonical JSON ignores key order and undefined fields", () => {
        assert.strictEqual(
            canonicalJson({ b: [1, { d: 1, c: 2 }], a: undefined, e: "x" }),
            '{"b":[1,{"c":2,"d":1}],"e":"x"}',
        );
        // Every order of the same keys gives the same text, sorted by code unit (upper case first).
        const keys = ["b", "a", "D", "c", "aa"];
        for (let i = 0; i < keys.length; i++) {
            const order = [...keys.slice(i), ...keys.slice(0, i)];
            const obj = Object.fromEntries(order.map((k) => [k, 1]));
            assert.strictEqual(canonicalJson(obj), '{"D":1,"a":1,"aa":1,"b":1,"c":1}', order.join());
            assert.strictEqual(
                canonicalJson(Object.fromEntries([...order].reverse().map((k) => [k, 1]))),
                canonicalJson(obj),
            );
        }
    });

    it("names Sid-less, unusable and repeated Sids by content; the platform's own are marked", () => {
        const named = nameStatements([
            READ,
            NO_SID,
            { ...NO_SID, Sid: "Allow-Logs" },
            { ...READ, Resource: "z" },
            { Sid: "DenyInsecureTransport", Effect: "Deny" },
        ]);
        assert.deepStrictEqual(
            named.map((n) => [n.liveName, n.renamed, n.platform]),
            [
                ["AllowPartnerRead", undefined, false],
                [undefined, "it had no Sid", false],
                ["Allow-Logs", 'its Sid "Allow-Logs" is not only letters and digits', false],
                ["AllowPartnerRead", "its Sid AllowPartnerRead appears twice", false],
                ["DenyInsecureTransport", undefined, true],
            ],
        );
        // The Sid comes from the statement's content: same content, same name; key order does not matter.
        assert.match(named[1].name, /^Adopted[0-9a-f]{8}$/);
        assert.strictEqual(named[2].name, named[1].name);
        const reordered = nameStatements([
            { Resource: "y", Action: "s3:DeleteBucket", Principal: "*", Effect: "Deny" },
        ]);
        assert.strictEqual(reordered[0].name, named[1].name);
        assert.notStrictEqual(named[3].name, named[1].name);
        assert.deepStrictEqual(keptStatement(named[1]), { Sid: named[1].name, ...NO_SID });
        // An empty Sid is no Sid: named by content, and no live name to match --keep against.
        const empty = nameStatements([{ ...NO_SID, Sid: "" }])[0];
        assert.deepStrictEqual(
            [empty.liveName, empty.name, empty.renamed],
            [undefined, named[1].name, "it had no Sid"],
        );
    });

    it("rules keep their ID; the platform's own rules are marked; kept rules drop the SDK's undefined fields", () => {
        const named = nameRules([
            {
                ID: "old-logs",
                Status: "Enabled",
                Filter: { Prefix: "logs/" },
                Expiration: { Days: 30 },
                Transitions: undefined,
            },
            { ID: "expire-noncurrent-versions", Status: "Enabled" },
        ]);
        assert.deepStrictEqual(
            named.map((n) => [n.name, n.platform]),
            [
                ["old-logs", false],
                ["expire-noncurrent-versions", true],
            ],
        );
        assert.deepStrictEqual(keptRule(named[0]), {
            ID: "old-logs",
            Status: "Enabled",
            Filter: { Prefix: "logs/" },
            Expiration: { Days: 30 },
        });
    });

    it("a kept logging target drops the SDK's undefined fields and empty grants, and keeps its key format", () => {
        assert.deepStrictEqual(
            keptAccessLogging({
                TargetBucket: "legacy-logs",
                TargetPrefix: undefined,
                TargetGrants: [],
                TargetObjectKeyFormat: {
                    PartitionedPrefix: { PartitionDateSource: "EventTime" },
                    SimplePrefix: undefined,
                },
            }),
            {
                TargetBucket: "legacy-logs",
                TargetPrefix: "",
                TargetObjectKeyFormat: { PartitionedPrefix: { PartitionDateSource: "EventTime" } },
            },
        );
        // Grants that are there stay: only the SDK's empty list is dropped.
        const grant = { Grantee: { Type: "CanonicalUser" as const, ID: "abc123" }, Permission: "READ" as const };
        assert.deepStrictEqual(
            keptAccessLogging({ TargetBucket: "legacy-logs", TargetPrefix: "p/", TargetGrants: [grant] }),
            { TargetBucket: "legacy-logs", TargetPrefix: "p/", TargetGrants: [grant] },
        );
        assert.strictEqual(describeLogging({ TargetBucket: "legacy-logs", TargetPrefix: "a/" }), "s3://legacy-logs/a/");
    });

    it("chooses by live or given name, never keeps the platform's own, and refuses names that match nothing", () => {
        const named = nameStatements([READ, NO_SID, { Sid: "DenyInsecureTransport", Effect: "Deny" }]);
        const pick = (all: boolean, names: string[]) => {
            const c = chooseKept(named, { all, names }, "--keep", "policy statement");
            return [c.kept.map((i) => i.name), c.dropped.map((i) => i.name)];
        };
        assert.deepStrictEqual(pick(true, []), [["AllowPartnerRead", named[1].name], []]);
        assert.deepStrictEqual(pick(false, [named[1].name]), [[named[1].name], ["AllowPartnerRead"]]);
        assert.deepStrictEqual(pick(false, []), [[], ["AllowPartnerRead", named[1].name]]);
        // A renamed statement is found by its live Sid as well as by the name adopt gave it.
        const renamed = nameStatements([READ, { ...NO_SID, Sid: "Allow-Logs" }]);
        const byLive = chooseKept(renamed, { all: false, names: ["Allow-Logs"] }, "--keep", "policy statement");
        assert.deepStrictEqual(
            [byLive.kept.map((i) => i.name), byLive.dropped.map((i) => i.name)],
            [[renamed[1].name], ["AllowPartnerRead"]],
        );
        assert.throws(
            () => pick(false, ["Nope"]),
            (e: Error) =>
                e instanceof UsageError &&
                e.message ===
                    `--keep Nope: the live bucket has no policy statement Nope; its policy statements: AllowPartnerRead, ${named[1].name}`,
        );
        assert.throws(
            () => pick(false, ["DenyInsecureTransport"]),
            /^UsageError: --keep DenyInsecureTransport: DenyInsecureTransport is the platform's own policy statement; the stack writes it again$/,
        );
    });
});

describe("adopt: the platform's own Sids and rule IDs match the stacks", () => {
    /** Sids and rule IDs the stacks write on their data or replica bucket (the buckets a stack can adopt). */
    function written(rec: ResourceRecorder, bucket: "data" | "replica") {
        const policy = JSON.parse(rec.one("aws:s3/bucketPolicy:BucketPolicy", `${bucket}-policy`).inputs.policy);
        const rules = rec.one("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", `${bucket}-lifecycle`)
            .inputs.rules as { id: string }[];
        return { sids: policy.Statement.map((s: { Sid: string }) => s.Sid), ids: rules.map((r) => r.id) };
    }

    it("every Sid and rule ID of the three roles is on adopt's list, and nothing else is", async () => {
        const sids = new Set<string>();
        const ids = new Set<string>();
        const add = (w: { sids: string[]; ids: string[] }) => {
            w.sids.forEach((s) => sids.add(s));
            w.ids.forEach((i) => ids.add(i));
        };
        let rec = await installMocks({ stack: "osaka", accountId: "111111111111", region: "ap-northeast-3" });
        await valueOf(secondaryStack(stackConfig<SecondaryConfig>("osaka")));
        await settle();
        add(written(rec, "data"));
        rec = await installMocks({ stack: "dest-account", accountId: "222222222222", region: "ap-northeast-1" });
        await valueOf(destinationStack(stackConfig<DestinationConfig>("dest-account")));
        await settle();
        add(written(rec, "replica"));
        rec = await installMocks({
            stack: "tokyo",
            accountId: "111111111111",
            region: "ap-northeast-1",
            peers: { osaka: OSAKA_OUTPUTS, "dest-account": DEST_OUTPUTS },
        });
        await valueOf(primaryStack(stackConfig<PrimaryConfig>("tokyo")));
        await settle();
        add(written(rec, "data"));
        assert.deepStrictEqual([...sids].sort(), [...PLATFORM_STATEMENT_SIDS].sort());
        assert.deepStrictEqual([...ids].sort(), [...PLATFORM_LIFECYCLE_RULE_IDS].sort());
    });
});

describe("adopt: --stack resolution (exit 2, nothing read)", () => {
    after(removeProjects);
    const resolve = (project: string, stack: string) => resolveAdoptTarget(project, discoverStacks(project), stack);
    const refused = (project: string, stack: string, message: string) =>
        assert.throws(
            () => resolve(project, stack),
            (e: Error) => e instanceof UsageError && e.message === message,
        );

    it("an unknown stack, a stack without existingBucketName, a name S3 refuses, one bucket on two stacks", () => {
        const project = makeProject();
        refused(
            project,
            "singapore",
            `no stack file Pulumi.singapore.yaml in ${project}; stacks: dest-account, osaka, tokyo`,
        );
        refused(
            project,
            "tokyo",
            "Pulumi.tokyo.yaml does not set s3-multiregion:existingBucketName: set it to the name of the live bucket this stack should adopt",
        );
        const dotted = makeProject({ osaka: { "s3-multiregion:existingBucketName": "Legacy.Bucket" } });
        refused(
            dotted,
            "osaka",
            'Pulumi.osaka.yaml: config s3-multiregion:existingBucketName = "Legacy.Bucket" may contain only lowercase letters, digits and hyphens',
        );
        const twice = makeProject({ tokyo: { "s3-multiregion:existingBucketName": "legacy-osaka-data" } });
        refused(
            twice,
            "osaka",
            "Pulumi.osaka.yaml and Pulumi.tokyo.yaml both set s3-multiregion:existingBucketName to legacy-osaka-data: a bucket belongs to one stack",
        );
    });

    it("a regional stack: account, region, profile, the hub as replication writer and its targets", () => {
        const project = makeProject({
            osaka: { "s3-multiregion:existingBucketName": "legacy-osaka-data", "aws:profile": "account-a" },
        });
        const t = resolve(project, "osaka");
        assert.deepStrictEqual(
            {
                bucket: t.bucket,
                region: t.region,
                accountId: t.accountId,
                profile: t.profile,
                role: t.replicationRoleArn,
                writer: t.replicationWriter,
                targets: t.replicationTargets,
                logs: t.accessLogBucket,
            },
            {
                bucket: "legacy-osaka-data",
                region: "ap-northeast-3",
                accountId: "111111111111",
                profile: "account-a",
                role: "arn:aws:iam::111111111111:role/example-s3mr-replication",
                writer: "tokyo",
                targets: [
                    "example-s3mr-data-111111111111-ap-northeast-1",
                    "example-s3mr-replica-222222222222-ap-northeast-1",
                ],
                logs: "example-s3mr-logs-111111111111-ap-northeast-3",
            },
        );
    });

    it("a destination stack: account B, and no stack writes its replication", () => {
        const project = makeProject({ "dest-account": { "s3-multiregion:existingBucketName": "legacy-replica" } });
        const t = resolve(project, "dest-account");
        assert.deepStrictEqual(
            [t.accountId, t.region, t.replicationWriter, t.replicationTargets],
            ["222222222222", "ap-northeast-1", undefined, []],
        );
    });
});
