// The hub end to end under mocks: replication mesh, MRAP, routes, partner role and alarms wired from config, incl. three regions.
import * as assert from "node:assert/strict";
import { parseConfig, PrimaryConfig, SecondaryConfig } from "../../config/platformConfig";
import { primaryStack } from "../../stacks/primary";
import { secondaryStack } from "../../stacks/secondary";
import { installMocks, ResourceRecorder, settle, valueOf } from "../../verifier/mockRuntime";
import { DEST_OUTPUTS, secondaryOutputs } from "../support/peerOutputs";
import { rawStackConfig, stackConfig } from "../support/stackConfigs";
import { SECRET_STAND_IN } from "../../config/stackFiles";

const P = "s3-multiregion:";
const A = "111111111111";
const data = (region: string) => ({
    name: `example-s3mr-data-${A}-${region}`,
    arn: `arn:aws:s3:::example-s3mr-data-${A}-${region}`,
});
const REPLICA = {
    name: "example-s3mr-replica-222222222222-ap-northeast-1",
    arn: "arn:aws:s3:::example-s3mr-replica-222222222222-ap-northeast-1",
};
const REPLICATION = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";
const ROUTES = "aws:s3control/multiRegionAccessPointRoutes:MultiRegionAccessPointRoutes";

/** Builds the tokyo example with overrides; the network is off unless asked for (it is another component's concern). */
async function hub(
    overrides: Record<string, string | undefined> = {},
    peers: Record<string, Record<string, unknown>> = {},
) {
    const rec = await installMocks({
        stack: "tokyo",
        accountId: A,
        region: "ap-northeast-1",
        peers: { osaka: secondaryOutputs("ap-northeast-3"), "dest-account": DEST_OUTPUTS, ...peers },
    });
    const outputs = primaryStack(
        stackConfig<PrimaryConfig>("tokyo", { [`${P}networkEnabled`]: "false", ...overrides }),
    );
    const resolved = await valueOf(outputs);
    await settle();
    return { rec, outputs: resolved as HubOutputs };
}

/** The hub's outputs as these tests read them (resolved). */
type HubOutputs = Record<string, unknown> & {
    mrapArn: string;
    mrapAlias: string;
    alarmTopicArns: Record<string, string>;
    regionalBuckets: { stack: string }[];
};

/** An MRAP route as recorded. */
interface RecordedRoute {
    region: string;
    trafficDialPercentage: number;
}

/** A replication rule as recorded (resolved inputs), the fields these tests compare. */
interface RecordedRule {
    id: string;
    priority: number;
    destination: { bucket: string; account?: string };
}

function rulesOf(rec: ResourceRecorder, region: string) {
    const rules = rec.one(REPLICATION, `replication-${region}`).inputs.rules as RecordedRule[];
    return rules.map((r) => ({
        id: r.id,
        priority: r.priority,
        to: r.destination.bucket,
        account: r.destination.account,
    }));
}

describe("primary stack: replication, MRAP, partner role, alarms", () => {
    it("the hub owns both regional buckets' replication configurations, each in its bucket's region, after the hub's versioning", async () => {
        const { rec } = await hub();
        const role = "arn:aws:iam::111111111111:role/example-s3mr-replication";
        const configs = rec
            .ofType(REPLICATION)
            .map((c) => ({ bucket: c.inputs.bucket, region: c.inputs.region, role: c.inputs.role }));
        assert.deepEqual(configs, [
            { bucket: data("ap-northeast-1").name, region: "ap-northeast-1", role },
            { bucket: data("ap-northeast-3").name, region: "ap-northeast-3", role },
        ]);
        assert.deepEqual(rulesOf(rec, "ap-northeast-1"), [
            { id: "to-ap-northeast-3", priority: 1, to: data("ap-northeast-3").arn, account: undefined },
            { id: "to-account-222222222222", priority: 2, to: REPLICA.arn, account: "222222222222" },
        ]);
        assert.deepEqual(rulesOf(rec, "ap-northeast-3"), [
            { id: "to-ap-northeast-1", priority: 1, to: data("ap-northeast-1").arn, account: undefined },
            { id: "to-account-222222222222", priority: 2, to: REPLICA.arn, account: "222222222222" },
        ]);
        const versioning = rec.one("aws:s3/bucketVersioning:BucketVersioning", "data-versioning").urn;
        const rolePolicy = rec.one("aws:iam/rolePolicy:RolePolicy", "replication-role-permissions").urn;
        for (const c of rec.ofType(REPLICATION)) {
            assert.ok(c.dependencies.includes(versioning), `${c.name} depends on the hub bucket's versioning`);
            assert.ok(c.dependencies.includes(rolePolicy), `${c.name} depends on the replication role's policy`);
        }
        // The role is the deterministic one the dest-account stack grants.
        assert.equal(rec.one("aws:iam/role:Role", "replication-role").inputs.name, "example-s3mr-replication");
    });

    it("exports the MRAP, its host and commands, the routes region, the roles and the alarm topics", async () => {
        const { outputs } = await hub();
        const alias: string = outputs.mrapAlias;
        const arn = `arn:aws:s3::${A}:accesspoint/${alias}`;
        assert.match(alias, /^[0-9a-f]{13}\.mrap$/);
        assert.deepEqual(
            {
                mrapName: outputs.mrapName,
                mrapArn: outputs.mrapArn,
                mrapHost: outputs.mrapHost,
                mrapCommands: outputs.mrapCommands,
                sourceAccountId: outputs.sourceAccountId,
                routesRegion: outputs.routesRegion,
                failoverMode: outputs.failoverMode,
                rtcThresholdSeconds: outputs.rtcThresholdSeconds,
                replicationRoleArn: outputs.replicationRoleArn,
                partnerWriterRoleArn: outputs.partnerWriterRoleArn,
                partnerAssumeRoleCommand: outputs.partnerAssumeRoleCommand,
                alarmTopicArns: outputs.alarmTopicArns,
            },
            {
                mrapName: "example-s3mr-mrap",
                mrapArn: arn,
                mrapHost: `${alias}.accesspoint.s3-global.amazonaws.com`,
                mrapCommands: {
                    list: `aws s3 ls s3://${arn}/`,
                    upload: `aws s3 cp file.txt s3://${arn}/file.txt`,
                    putObject: `aws s3api put-object --bucket ${arn} --key file.txt --body file.txt`,
                    headObject: `aws s3api head-object --bucket ${arn} --key file.txt`,
                },
                sourceAccountId: A,
                routesRegion: "us-west-2",
                failoverMode: "active-active",
                rtcThresholdSeconds: 900,
                replicationRoleArn: "arn:aws:iam::111111111111:role/example-s3mr-replication",
                partnerWriterRoleArn: "arn:aws:iam::111111111111:role/example-s3mr-partner-writer",
                partnerAssumeRoleCommand: `aws sts assume-role --role-arn arn:aws:iam::111111111111:role/example-s3mr-partner-writer --role-session-name partner-upload --external-id ${SECRET_STAND_IN}`,
                alarmTopicArns: {
                    "ap-northeast-1": "arn:aws:sns:ap-northeast-1:111111111111:example-s3mr-replication-alarms",
                    "ap-northeast-3": "arn:aws:sns:ap-northeast-3:111111111111:example-s3mr-replication-alarms",
                },
            },
        );
        assert.equal("activeRegion" in outputs, false);
    });

    it("MRAP over both regional buckets, active-active routes pinned to routesRegion, partner role scoped to that MRAP", async () => {
        const { rec, outputs } = await hub();
        const mrap = rec.one("aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint", "mrap");
        assert.deepEqual(mrap.inputs.details.regions, [
            { bucket: data("ap-northeast-1").name },
            { bucket: data("ap-northeast-3").name },
        ]);
        assert.deepEqual(mrap.inputs.details.publicAccessBlock, {
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        });
        const routes = rec.one(ROUTES, "mrap-routes");
        assert.deepEqual(
            { region: routes.inputs.region, mrap: routes.inputs.mrap, routes: routes.inputs.routes },
            {
                region: "us-west-2",
                mrap: outputs.mrapArn,
                routes: [
                    { bucket: data("ap-northeast-1").name, region: "ap-northeast-1", trafficDialPercentage: 100 },
                    { bucket: data("ap-northeast-3").name, region: "ap-northeast-3", trafficDialPercentage: 100 },
                ],
            },
        );
        const trust = JSON.parse(rec.one("aws:iam/role:Role", "partner-writer").inputs.assumeRolePolicy).Statement[0];
        assert.deepEqual(
            { principal: trust.Principal, condition: trust.Condition },
            {
                principal: { AWS: ["arn:aws:iam::333333333333:root"] },
                condition: { StringEquals: { "sts:ExternalId": SECRET_STAND_IN } },
            },
        );
        const perms = JSON.parse(
            rec.one("aws:iam/rolePolicy:RolePolicy", "partner-writer-permissions").inputs.policy,
        ).Statement;
        assert.deepEqual(
            perms.map((s: { Resource: unknown }) => s.Resource),
            [[`${outputs.mrapArn}/object/*`], [outputs.mrapArn]],
        );
    });

    it("active-passive: the configured active region takes all traffic and the output says so", async () => {
        const { rec, outputs } = await hub({
            [`${P}failoverMode`]: "active-passive",
            [`${P}activeRegion`]: "ap-northeast-3",
        });
        assert.deepEqual(
            (rec.one(ROUTES, "mrap-routes").inputs.routes as RecordedRoute[]).map((r) => [
                r.region,
                r.trafficDialPercentage,
            ]),
            [
                ["ap-northeast-1", 0],
                ["ap-northeast-3", 100],
            ],
        );
        assert.deepEqual(
            { mode: outputs.failoverMode, active: outputs.activeRegion },
            { mode: "active-passive", active: "ap-northeast-3" },
        );
    });

    it("without partners: no writer role and no partner outputs; without destination replication: no cross-account rule or grant", async () => {
        const { rec, outputs } = await hub({
            [`${P}partnerPrincipals`]: "[]",
            [`${P}partnerExternalId`]: undefined,
            [`${P}replicateToDestination`]: "false",
        });
        assert.deepEqual(rec.ofType("s3-multiregion:iam:PartnerWriterRole"), []);
        // No destinationBucket output either: `npm run verify` would wait for copies that never come.
        assert.deepEqual(
            ["partnerWriterRoleArn", "partnerAssumeRoleCommand", "destinationBucket"].filter((k) => k in outputs),
            [],
        );
        assert.deepEqual(
            rulesOf(rec, "ap-northeast-1").map((r) => r.id),
            ["to-ap-northeast-3"],
        );
        assert.deepEqual(
            rulesOf(rec, "ap-northeast-3").map((r) => r.id),
            ["to-ap-northeast-1"],
        );
        const sids = JSON.parse(
            rec.one("aws:iam/rolePolicy:RolePolicy", "replication-role-permissions").inputs.policy,
        ).Statement.map((s: { Sid: string }) => s.Sid);
        assert.ok(!sids.includes("ReplicateToDestinationAccount"));
        assert.equal(rec.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").length, 4);
    });

    it("a third region is a config change on the hub: full mesh of three, MRAP over three, alarms for every rule", async () => {
        const SG = "ap-southeast-1";
        const { rec, outputs } = await hub(
            { [`${P}secondaryStacks`]: JSON.stringify(["osaka@ap-northeast-3", `singapore@${SG}`]) },
            { singapore: secondaryOutputs(SG) },
        );
        const regions = ["ap-northeast-1", "ap-northeast-3", SG];
        assert.deepEqual(
            rec.ofType(REPLICATION).map((c) => [c.inputs.region, c.inputs.bucket]),
            regions.map((r) => [r, data(r).name]),
        );
        for (const source of regions) {
            const others = regions.filter((r) => r !== source);
            assert.deepEqual(rulesOf(rec, source), [
                ...others.map((r, i) => ({ id: `to-${r}`, priority: i + 1, to: data(r).arn, account: undefined })),
                { id: "to-account-222222222222", priority: 3, to: REPLICA.arn, account: "222222222222" },
            ]);
        }
        const mrap = rec.one("aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint", "mrap");
        assert.deepEqual(
            mrap.inputs.details.regions,
            regions.map((r) => ({ bucket: data(r).name })),
        );
        assert.deepEqual(
            (rec.one(ROUTES, "mrap-routes").inputs.routes as RecordedRoute[]).map((r) => r.region),
            regions,
        );
        const statements = JSON.parse(
            rec.one("aws:iam/rolePolicy:RolePolicy", "replication-role-permissions").inputs.policy,
        ).Statement;
        assert.deepEqual(
            statements[0].Resource,
            regions.map((r) => data(r).arn),
        );
        assert.deepEqual(
            statements[2].Resource,
            regions.map((r) => `${data(r).arn}/*`),
        );
        assert.equal(rec.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").length, 3 * 3 * 2);
        assert.deepEqual(Object.keys(outputs.alarmTopicArns), regions);
        assert.deepEqual(
            outputs.regionalBuckets.map((b) => b.stack),
            ["tokyo", "osaka", "singapore"],
        );
    });

    it("every regional data bucket delegates access control to access points of account A (hub and secondary)", async () => {
        const delegation = (bucket: { arn: string }) => ({
            Sid: "DelegateToOwnAccessPoints",
            Effect: "Allow",
            Principal: "*",
            Action: "s3:*",
            Resource: [bucket.arn, `${bucket.arn}/*`],
            Condition: { StringEquals: { "s3:DataAccessPointAccount": A } },
        });
        const { rec } = await hub();
        const hubPolicy = JSON.parse(
            rec.one("aws:s3/bucketPolicy:BucketPolicy", "data-policy").inputs.policy,
        ).Statement;
        const delegating = (statements: { Sid?: string }[]) =>
            statements.filter((s) => s.Sid === "DelegateToOwnAccessPoints");
        assert.deepEqual(delegating(hubPolicy), [delegation(data("ap-northeast-1"))]);

        const rec2 = await installMocks({ stack: "osaka", accountId: A, region: "ap-northeast-3" });
        await valueOf(secondaryStack(stackConfig<SecondaryConfig>("osaka")));
        await settle();
        const osakaPolicy = JSON.parse(
            rec2.one("aws:s3/bucketPolicy:BucketPolicy", "data-policy").inputs.policy,
        ).Statement;
        assert.deepEqual(delegating(osakaPolicy), [delegation(data("ap-northeast-3"))]);
    });

    it("accepts an SSE-KMS key in the stack's own region on every role (the hub checks that the mesh's keys fit together)", () => {
        const key = (region: string, account: string) =>
            `arn:aws:kms:${region}:${account}:key/0b7f1c2e-1111-2222-3333-444455556666`;
        assert.equal(
            parseConfig(rawStackConfig("osaka", { [`${P}kmsKeyArn`]: key("ap-northeast-3", A) })).kmsKeyArn,
            key("ap-northeast-3", A),
        );
        assert.equal(
            parseConfig(rawStackConfig("tokyo", { [`${P}kmsKeyArn`]: key("ap-northeast-1", A) })).kmsKeyArn,
            key("ap-northeast-1", A),
        );
        const dest = parseConfig(
            rawStackConfig("dest-account", {
                [`${P}kmsKeyArn`]: key("ap-northeast-1", "222222222222"),
                [`${P}sourceKmsKeyArn`]: key("ap-northeast-1", A),
            }),
        );
        assert.deepEqual(
            { kms: dest.kmsKeyArn, source: dest.role === "destination" ? dest.sourceKmsKeyArn : undefined },
            { kms: key("ap-northeast-1", "222222222222"), source: key("ap-northeast-1", A) },
        );
        // Still one line when the key is in another region than the bucket: S3 default encryption needs a same-region key.
        assert.throws(() => parseConfig(rawStackConfig("osaka", { [`${P}kmsKeyArn`]: key("ap-northeast-1", A) })), {
            name: "ConfigError",
            message: `config s3-multiregion:kmsKeyArn = "${key("ap-northeast-1", A)}"; allowed: unset (SSE-S3) or a KMS key ARN in ap-northeast-3 (arn:aws:kms:ap-northeast-3:<account>:key/<key-id>)`,
        });
    });
});
