// Access proofs on hand-made plans: a correct policy passes, a deliberately broken one fails, a missing one is unproven.
import * as assert from "node:assert/strict";
import { buildAccessModel } from "../../verifier/accessModel";
import { RecordedResource } from "../../verifier/mockRuntime";
import { accessProofs, ProofDefinition, ProofFacts, ProofResult, runProof, runProofs } from "../../verifier/proofs";
import { inStack as resource } from "./recorded";

const A = "111111111111";
const B = "222222222222";
const REPLICA = "p-replica-222222222222-ap-northeast-1";
const DATA = "p-data-111111111111-ap-northeast-1";

const doc = (...Statement: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement });

const denyInsecure = (bucket: string) => ({
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
});

const replicaGrant = {
    Sid: "AllowSourceReplicationObjects",
    Effect: "Allow",
    Principal: { AWS: `arn:aws:iam::${A}:root` },
    Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags", "s3:ObjectOwnerOverrideToBucketOwner"],
    Resource: [`arn:aws:s3:::${REPLICA}/*`],
    Condition: { ArnEquals: { "aws:PrincipalArn": [`arn:aws:iam::${A}:role/p-replication`] } },
};

const trust = (service: string, account: string) =>
    doc({
        Sid: "TrustService",
        Effect: "Allow",
        Principal: { Service: service },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": account } },
    });

function bucket(stack: string, name: string, policy: string | undefined): RecordedResource[] {
    const out = [resource(stack, "aws:s3/bucket:Bucket", name, { bucket: name }, { arn: `arn:aws:s3:::${name}` })];
    if (policy !== undefined)
        out.push(resource(stack, "aws:s3/bucketPolicy:BucketPolicy", `${name}-policy`, { bucket: name, policy }));
    return out;
}

function role(
    stack: string,
    account: string,
    name: string,
    trustPolicy: string,
    permissions?: string,
): RecordedResource[] {
    const out = [
        resource(
            stack,
            "aws:iam/role:Role",
            name,
            { name, assumeRolePolicy: trustPolicy },
            { name, arn: `arn:aws:iam::${account}:role/${name}` },
        ),
    ];
    if (permissions)
        out.push(
            resource(stack, "aws:iam/rolePolicy:RolePolicy", `${name}-permissions`, {
                role: name,
                policy: permissions,
            }),
        );
    return out;
}

const replicationPermissions = doc({
    Sid: "ReplicateToDestination",
    Effect: "Allow",
    Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags", "s3:ObjectOwnerOverrideToBucketOwner"],
    Resource: [`arn:aws:s3:::${REPLICA}/*`],
});

const batchPermissions = doc(
    { Sid: "Initiate", Effect: "Allow", Action: "s3:InitiateReplication", Resource: `arn:aws:s3:::${DATA}/*` },
    {
        Sid: "Report",
        Effect: "Allow",
        Action: "s3:PutObject",
        Resource: `arn:aws:s3:::p-reports-${A}-ap-northeast-1/*`,
    },
);

/** A plan with the hub's replication role, the destination's replica, and batch roles as `trustBatch` says. */
function plan(opts: { replicaPolicy?: string; batchService?: string; withBatchRoles?: boolean }) {
    const tokyo = [
        ...bucket("tokyo", DATA, doc(denyInsecure(DATA))),
        ...role("tokyo", A, "p-replication", trust("s3.amazonaws.com", A), replicationPermissions),
        ...(opts.withBatchRoles === false
            ? []
            : role(
                  "tokyo",
                  A,
                  "p-batch-replication",
                  trust(opts.batchService ?? "batchoperations.s3.amazonaws.com", A),
                  batchPermissions,
              )),
    ];
    const dest = bucket("dest-account", REPLICA, opts.replicaPolicy ?? doc(denyInsecure(REPLICA), replicaGrant));
    return buildAccessModel([
        { stack: "dest-account", accountId: B, region: "ap-northeast-1", resources: dest },
        { stack: "tokyo", accountId: A, region: "ap-northeast-1", resources: tokyo },
    ]);
}

const FACTS: ProofFacts = {
    namePrefix: "p",
    sourceAccountId: A,
    destinationAccountId: B,
    regional: [{ stack: "tokyo", region: "ap-northeast-1" }],
    hub: { stack: "tokyo", region: "ap-northeast-1" },
    destination: { stack: "dest-account", region: "ap-northeast-1" },
    manifestKey: "inventory/manifest.json",
    reportKey: "batch-replication/report.csv",
};

function find(defs: ProofDefinition[], name: string): ProofDefinition {
    const d = defs.find((x) => x.name === name);
    assert.ok(d, `no proof named ${name}; have ${defs.map((x) => x.name).join(" | ")}`);
    return d;
}

const brief = (r: ProofResult) => ({ status: r.status, actual: r.actual });

describe("access proofs", function () {
    this.timeout(30000);
    const defs = accessProofs(FACTS);

    it("proves the replica's paths on correct policies: replication role allowed, others and plain HTTP denied", async () => {
        const model = plan({});
        const names = [
            `the replication role may s3:ReplicateObject into ${REPLICA}`,
            `the replication role may s3:ObjectOwnerOverrideToBucketOwner into ${REPLICA}`,
            `an unrelated role of account A may not replicate into ${REPLICA}`,
            `the replication role without TLS is denied on ${REPLICA}`,
            `anonymous read of ${REPLICA} is denied`,
        ];
        const results = await Promise.all(names.map((n) => runProof(find(defs, n), model)));
        assert.deepEqual(results.map(brief), [
            { status: "passed", actual: "Allowed" },
            { status: "passed", actual: "Allowed" },
            { status: "passed", actual: "ImplicitlyDenied" },
            { status: "passed", actual: "ExplicitlyDenied" },
            { status: "passed", actual: "ImplicitlyDenied" },
        ]);
        assert.match(results[3].reason, /explicit deny in resource policy DenyInsecureTransport/);
    });

    it('fails the anonymous and unrelated-role proofs when the replica policy grants Principal "*"', async () => {
        const broken = doc(denyInsecure(REPLICA), {
            Sid: "Oops",
            Effect: "Allow",
            Principal: "*",
            Action: "s3:*",
            Resource: [`arn:aws:s3:::${REPLICA}/*`],
        });
        const model = plan({ replicaPolicy: broken });
        const anonymous = await runProof(find(defs, `anonymous read of ${REPLICA} is denied`), model);
        assert.deepEqual(brief(anonymous), { status: "failed", actual: "Allowed" });
        assert.match(anonymous.reason, /^expected Denied, allowed by resource policy Oops$/);
        const unrelated = await runProof(
            find(defs, `an unrelated role of account A may not replicate into ${REPLICA}`),
            model,
        );
        assert.deepEqual(brief(unrelated), { status: "failed", actual: "Allowed" });
    });

    it("fails the batch role proofs when the role trusts s3.amazonaws.com instead of batchoperations (batch copy report)", async () => {
        const model = plan({ batchService: "s3.amazonaws.com" });
        const results = await Promise.all(
            [
                "batchoperations.s3.amazonaws.com may assume p-batch-replication",
                "s3.amazonaws.com may not assume p-batch-replication",
            ].map((n) => runProof(find(defs, n), model)),
        );
        assert.deepEqual(results.map(brief), [
            { status: "failed", actual: "ImplicitlyDenied" },
            { status: "failed", actual: "Allowed" },
        ]);
        const good = await runProof(
            find(defs, "batchoperations.s3.amazonaws.com may assume p-batch-replication"),
            plan({}),
        );
        assert.deepEqual(brief(good), { status: "passed", actual: "Allowed" });
    });

    it("reports a proof whose policies are not in the plan as unproven, naming what is missing", async () => {
        const model = plan({ withBatchRoles: false });
        const r = await runProof(find(defs, "s3.amazonaws.com may not assume p-batch-replication"), model);
        assert.deepEqual(r, {
            name: "s3.amazonaws.com may not assume p-batch-replication",
            stack: "tokyo",
            expected: "Denied",
            actual: null,
            status: "unproven",
            reason: `no batch-replication role (arn:aws:iam::${A}:role/p-batch-replication) in the plan`,
        });
        const copy = await runProof(
            find(defs, `the destination's batch copy role may write the job report to p-reports-${B}-ap-northeast-1`),
            model,
        );
        assert.equal(copy.status, "unproven");
        assert.equal(copy.reason, `no batch copy role (arn:aws:iam::${B}:role/p-batch-copy) in the plan`);
    });

    it("never passes what the simulator cannot see: MRAP ARNs, s3:DataAccessPointArn, ignored context keys", async () => {
        const model = plan({});
        const base: ProofDefinition = {
            name: "probe",
            stack: "tokyo",
            principal: { kind: "arn", arn: `arn:aws:iam::${A}:role/app` },
            identity: {
                kind: "assumed",
                statements: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }],
                why: "test",
            },
            action: "s3:PutObject",
            resource: { arn: `arn:aws:s3:::${DATA}/k`, accountId: A },
            resourcePolicy: { kind: "bucket", bucket: DATA, what: "data bucket policy" },
            context: { "aws:SecureTransport": "true" },
            expected: "Allowed",
        };
        assert.deepEqual(brief(await runProof(base, model)), { status: "passed", actual: "Allowed" });
        const mrap = await runProof(
            { ...base, resource: { arn: `arn:aws:s3::${A}:accesspoint/abc.mrap/object/k`, accountId: A } },
            model,
        );
        assert.equal(mrap.status, "unproven");
        assert.match(mrap.reason, /does not model Multi-Region Access Point ARNs/);
        const dap = await runProof(
            { ...base, context: { ...base.context, "s3:DataAccessPointArn": `arn:aws:s3::${A}:accesspoint/abc.mrap` } },
            model,
        );
        assert.equal(dap.status, "unproven");
        assert.match(dap.reason, /s3:DataAccessPointArn/);
        // sts:ExternalId means nothing to s3:PutObject: the simulator drops it, so a proof relying on it proves nothing.
        const ignored = await runProof({ ...base, context: { ...base.context, "sts:ExternalId": "x" } }, model);
        assert.deepEqual(brief(ignored), { status: "unproven", actual: null });
        assert.match(ignored.reason, /^the simulator ignored context key sts:ExternalId for s3:PutObject/);
    });

    it("fails a proof whose generated policy is not a policy document", async () => {
        const model = plan({ replicaPolicy: "{not json" });
        const r = await runProof(find(defs, `anonymous read of ${REPLICA} is denied`), model);
        assert.equal(r.status, "failed");
        assert.match(r.reason, /^a generated policy is unreadable: policy is not JSON/);
    });

    it("defines the field reports' access paths for every stack, as data", async () => {
        const results = await runProofs(defs, plan({}));
        assert.deepEqual(
            results.map((r) => [r.stack, r.name, r.expected]),
            [
                ["tokyo", `a principal of account A with S3 rights may write to ${DATA}`, "Allowed"],
                ["tokyo", `a request without TLS to ${DATA} is denied`, "Denied"],
                ["tokyo", `anonymous read of ${DATA} is denied`, "Denied"],
                ["tokyo", "s3.amazonaws.com may assume p-replication", "Allowed"],
                ["dest-account", `the replication role may s3:ReplicateObject into ${REPLICA}`, "Allowed"],
                [
                    "dest-account",
                    `the replication role may s3:ObjectOwnerOverrideToBucketOwner into ${REPLICA}`,
                    "Allowed",
                ],
                ["dest-account", `an unrelated role of account A may not replicate into ${REPLICA}`, "Denied"],
                ["dest-account", `the replication role without TLS is denied on ${REPLICA}`, "Denied"],
                ["dest-account", `anonymous read of ${REPLICA} is denied`, "Denied"],
                ["tokyo", "batchoperations.s3.amazonaws.com may assume p-batch-replication", "Allowed"],
                ["tokyo", "s3.amazonaws.com may not assume p-batch-replication", "Denied"],
                ["tokyo", "a role of the same account may not assume p-batch-replication", "Denied"],
                ["dest-account", "batchoperations.s3.amazonaws.com may assume p-batch-copy", "Allowed"],
                ["dest-account", "s3.amazonaws.com may not assume p-batch-copy", "Denied"],
                ["dest-account", "a role of the same account may not assume p-batch-copy", "Denied"],
                ["tokyo", `the batch replication role may initiate replication of objects in ${DATA}`, "Allowed"],
                [
                    "tokyo",
                    `the batch replication role may write the job report to p-reports-${A}-ap-northeast-1`,
                    "Allowed",
                ],
                ["tokyo", `the destination's batch copy role may read objects in ${DATA}`, "Allowed"],
                [
                    "tokyo",
                    `the destination's batch copy role may read the manifest in p-manifest-${A}-ap-northeast-1`,
                    "Allowed",
                ],
                [
                    "dest-account",
                    `the destination's batch copy role may write the job report to p-reports-${B}-ap-northeast-1`,
                    "Allowed",
                ],
            ],
        );
        // Nothing in this hand-made plan is wrong; what it lacks is unproven, never failed.
        assert.deepEqual(
            results.filter((r) => r.status === "failed"),
            [],
        );
    });
});
