// The proof engine on its own: each way a proof is passed, failed or left unproven, with the exact reason it gives.
import * as assert from "node:assert/strict";
import { AccessModel, buildAccessModel, TYPES } from "../../verifier/accessModel";
import { RecordedResource } from "../../verifier/mockRuntime";
import { recorded as res } from "./recorded";
import { ProofDefinition, runProof } from "../../verifier/proofs";

const A = "111111111111";
const BUCKET = "p-data";
const OBJECT = `arn:aws:s3:::${BUCKET}/k`;
const CALLER = `arn:aws:iam::${A}:role/caller`;

const doc = (...Statement: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const allowCaller = {
    Sid: "AllowCaller",
    Effect: "Allow",
    Principal: { AWS: CALLER },
    Action: "s3:GetObject",
    Resource: OBJECT,
};
const denyCaller = { ...allowCaller, Sid: "DenyCaller", Effect: "Deny" };
const allowOther = { ...allowCaller, Sid: "AllowOther", Principal: { AWS: `arn:aws:iam::${A}:role/other` } };

const model = (...resources: RecordedResource[]): AccessModel =>
    buildAccessModel([{ stack: "s", accountId: A, region: "ap-northeast-1", resources }]);
const bucketWith = (...policies: string[]) => [
    res(TYPES.bucket, BUCKET, { bucket: BUCKET }),
    ...policies.map((policy, i) => res(TYPES.bucketPolicy, `policy-${i + 1}`, { bucket: BUCKET, policy })),
];
const callerRole = (inputs: Record<string, unknown> = {}) =>
    res(TYPES.role, "caller", { name: "caller", ...inputs }, { name: "caller", arn: CALLER });

const proof = (over: Partial<ProofDefinition> = {}): ProofDefinition => ({
    name: "caller reads",
    stack: "s",
    principal: { kind: "arn", arn: CALLER },
    identity: { kind: "none" },
    action: "s3:GetObject",
    resource: { arn: OBJECT, accountId: A },
    resourcePolicy: { kind: "bucket", bucket: BUCKET, what: "data bucket policy" },
    context: {},
    expected: "Allowed",
    ...over,
});

async function outcome(def: ProofDefinition, m: AccessModel): Promise<[string, string | null, string]> {
    const r = await runProof(def, m);
    assert.deepEqual([r.name, r.stack, r.expected], [def.name, def.stack, def.expected]);
    return [r.status, r.actual, r.reason];
}

describe("proof engine", function () {
    this.timeout(60000);

    it("names the statements that decided: the resource policy's or the role's own, by Sid or by position", async () => {
        assert.deepEqual(await outcome(proof(), model(...bucketWith(doc(allowCaller)))), [
            "passed",
            "Allowed",
            "allowed by resource policy AllowCaller",
        ]);
        const { Sid: _, ...noSid } = allowCaller;
        assert.deepEqual(await outcome(proof(), model(...bucketWith(doc(allowOther, noSid)))), [
            "passed",
            "Allowed",
            "allowed by resource policy #2",
        ]);
        const identity = { kind: "role", accountId: A, roleName: "caller", what: "caller role" } as const;
        const own = doc({ Sid: "Own", Effect: "Allow", Action: "s3:GetObject", Resource: OBJECT });
        const m = model(
            callerRole({ inlinePolicies: [{ name: "reads", policy: own }] }),
            ...bucketWith(doc(allowOther)),
        );
        assert.deepEqual(await outcome(proof({ identity }), m), ["passed", "Allowed", "allowed by identity reads Own"]);
    });

    it("says why a request is denied: an explicit deny, or no statement of a kind allowing it", async () => {
        assert.deepEqual(await outcome(proof(), model(...bucketWith(doc(allowCaller, denyCaller)))), [
            "failed",
            "ExplicitlyDenied",
            "expected Allowed, denied: explicit deny in resource policy DenyCaller",
        ]);
        assert.deepEqual(await outcome(proof({ expected: "Denied" }), model(...bucketWith(doc(allowOther)))), [
            "passed",
            "ImplicitlyDenied",
            "denied: no identity statement allows it; no resource policy statement allows it",
        ]);
    });

    it("leaves a proof unproven, saying what is missing, when its policies are not in the plan", async () => {
        const role = { kind: "role", accountId: A, roleName: "caller", what: "caller role" } as const;
        assert.deepEqual(await outcome(proof({ identity: role }), model(...bucketWith(doc(allowCaller)))), [
            "unproven",
            null,
            `no caller role (arn:aws:iam::${A}:role/caller) in the plan`,
        ]);
        const attached = model(
            callerRole(),
            res(TYPES.rolePolicyAttachment, "a", { role: "caller", policyArn: "arn:aws:iam::aws:policy/X" }),
            res(TYPES.rolePolicyAttachment, "b", { role: "caller", policyArn: "arn:aws:iam::aws:policy/Y" }),
            ...bucketWith(doc(allowCaller)),
        );
        assert.deepEqual(await outcome(proof({ identity: role }), attached), [
            "unproven",
            null,
            "caller role has attached policies whose documents are not in the plan: arn:aws:iam::aws:policy/X, arn:aws:iam::aws:policy/Y",
        ]);
        assert.deepEqual(await outcome(proof(), model()), ["unproven", null, `no bucket ${BUCKET} in the plan`]);
        assert.deepEqual(await outcome(proof(), model(...bucketWith())), [
            "unproven",
            null,
            "no data bucket policy in the plan",
        ]);
        const trust = { kind: "trust", accountId: A, roleName: "caller", what: "caller role" } as const;
        assert.deepEqual(await outcome(proof({ resourcePolicy: trust }), model(callerRole())), [
            "unproven",
            null,
            "no trust policy on the caller role in the plan",
        ]);
        const mrap = { kind: "mrap", what: "MRAP policy" } as const;
        assert.deepEqual(await outcome(proof({ resourcePolicy: mrap }), model()), [
            "unproven",
            null,
            "no Multi-Region Access Point in the plan",
        ]);
        const withMrap = model(
            res(TYPES.mrap, "m", { details: { name: "m" } }, { arn: `arn:aws:s3::${A}:accesspoint/m.mrap` }),
        );
        assert.deepEqual(await outcome(proof({ resourcePolicy: mrap }), withMrap), [
            "unproven",
            null,
            "no MRAP policy in the plan",
        ]);
    });

    it("leaves unproven what the simulator cannot model: MRAP ARNs, either way they are given, and access-point requests", async () => {
        const mrapArn = `arn:aws:s3::${A}:accesspoint/m.mrap`;
        const m = model(
            res(TYPES.mrap, "m", { details: { name: "m" } }, { arn: mrapArn }),
            res(TYPES.mrapPolicy, "mp", { details: { name: "m", policy: doc(allowCaller) } }),
            ...bucketWith(doc(allowCaller)),
        );
        assert.deepEqual(await outcome(proof({ resource: { mrapObjectKey: "k" } }), m), [
            "unproven",
            null,
            `the simulator does not model Multi-Region Access Point ARNs (${mrapArn}/object/k)`,
        ]);
        assert.deepEqual(await outcome(proof({ resource: { arn: `${mrapArn}/object/k`, accountId: A } }), m), [
            "unproven",
            null,
            `the simulator does not model Multi-Region Access Point ARNs (${mrapArn}/object/k)`,
        ]);
        // Only an MRAP ARN from its start is one.
        // Only an ARN that starts as an MRAP ARN is one; anything else goes to the simulator, which may not know it.
        assert.deepEqual(await outcome(proof({ resource: { arn: `x${mrapArn}`, accountId: A } }), m), [
            "unproven",
            null,
            `the simulator could not evaluate s3:GetObject on x${mrapArn}: no.resource.types`,
        ]);
        assert.deepEqual(await outcome(proof({ context: { "S3:DataAccessPointArn": "arn:x" } }), m), [
            "unproven",
            null,
            "the simulator does not model access-point requests (s3:DataAccessPointArn)",
        ]);
    });

    it("fails a proof whose generated document is unreadable or invalid, as IAM would refuse it", async () => {
        assert.deepEqual(await outcome(proof(), model(...bucketWith("{}"))), [
            "failed",
            null,
            "a generated policy is unreadable: policy has no Statement: {}",
        ]);
        const role = { kind: "role", accountId: A, roleName: "caller", what: "caller role" } as const;
        const unreadableInline = model(
            callerRole({ inlinePolicies: [{ name: "x", policy: "[" }] }),
            ...bucketWith(doc(allowCaller)),
        );
        const [status, actual, reason] = await outcome(proof({ identity: role }), unreadableInline);
        assert.deepEqual([status, actual], ["failed", null]);
        assert.match(reason, /^a generated policy is unreadable: policy is not JSON \(.+\): \[$/);
        const invalid = await outcome(proof(), model(...bucketWith(doc({ ...allowCaller, Effect: "Maybe" }))));
        assert.deepEqual(invalid.slice(0, 2), ["failed", null]);
        assert.equal(
            invalid[2],
            'a generated policy is invalid: {"resourcePolicyErrors":[{"path":"Statement[0].Effect","message":"Effect must be present and exactly \\"Allow\\" or \\"Deny\\""}]}',
        );
    });

    it("judges a bucket with several policies by the worst of them, and says which, since S3 keeps only the last written", async () => {
        const passing = doc(allowCaller);
        const failing = doc(allowCaller, denyCaller);
        assert.deepEqual(await outcome(proof(), model(...bucketWith(passing, failing, passing))), [
            "failed",
            "ExplicitlyDenied",
            "expected Allowed, denied: explicit deny in resource policy DenyCaller (with policy-2, one of 3 policies on the bucket; S3 keeps only the last written)",
        ]);
        // An unproven one (here, invalid for the simulator's wildcard) comes after a failed one, before a passed one.
        assert.deepEqual(await outcome(proof(), model(...bucketWith(passing, passing))), [
            "passed",
            "Allowed",
            "allowed by resource policy AllowCaller (with policy-1, one of 2 policies on the bucket; S3 keeps only the last written)",
        ]);
    });
});
