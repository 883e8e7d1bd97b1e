// The pack's can(P, A, R) (Apache-2.0, no simulator) and @cloud-copilot/iam-simulate (AGPL, verifier only) agree.

// The pack cannot ship the simulator, so it evaluates access itself (policy/lib/access.ts). This table holds the
// two to the same answer, and to the answer AWS documents, on the questions the invariants ask: wildcard actions
// and resources, NotAction / NotResource, explicit denies in either policy, one account or two, conditions.
import * as assert from "node:assert/strict";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { AccessSource, can } from "../../policy/lib/access";
import { Statement, parsePolicyDocument } from "../../policy/lib/iamDocument";

const A = "111111111111";
const B = "222222222222";
const ROLE = `arn:aws:iam::${A}:role/example-replication`;
const OTHER = `arn:aws:iam::${A}:role/other`;
const DATA = `example-data-${A}-ap-northeast-1`;
const REPLICA = `example-replica-${B}-ap-northeast-1`;

type Doc = Record<string, unknown>[];
interface Case {
    title: string;
    identity: Doc;
    bucketPolicy?: Doc;
    action: string;
    resource: string;
    resourceAccount: string;
    expected: "Allowed" | "Denied";
}

const obj = (bucket: string, key = "k") => `arn:aws:s3:::${bucket}/${key}`;
const allow = (Action: unknown, Resource: unknown, extra: Record<string, unknown> = {}) => ({
    Effect: "Allow",
    Action,
    Resource,
    ...extra,
});
const tlsDeny = (bucket: string) => ({
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
});
const fromRoleOfA = (Action: unknown, Resource: unknown, role = ROLE) => ({
    Effect: "Allow",
    Principal: { AWS: `arn:aws:iam::${A}:root` },
    Action,
    Resource,
    Condition: { ArnEquals: { "aws:PrincipalArn": role } },
});
const replicaGrant = [
    tlsDeny(REPLICA),
    fromRoleOfA(["s3:ReplicateObject", "s3:ReplicateDelete"], `arn:aws:s3:::${REPLICA}/*`),
];

const CASES: Case[] = [
    {
        title: "s3:Get* reads the source for replication",
        identity: [allow("s3:Get*", `arn:aws:s3:::${DATA}/*`)],
        action: "s3:GetObjectVersionForReplication",
        resource: obj(DATA),
        resourceAccount: A,
        expected: "Allowed",
    },
    {
        title: "s3:Get* does not replicate",
        identity: [allow("s3:Get*", `arn:aws:s3:::${DATA}/*`)],
        action: "s3:ReplicateObject",
        resource: obj(DATA),
        resourceAccount: A,
        expected: "Denied",
    },
    {
        title: "S3:putobject in another case, s3:Get?bject with a ?",
        identity: [allow(["S3:putobject", "s3:Get?bject"], "*")],
        action: "s3:PutObject",
        resource: obj(DATA),
        resourceAccount: A,
        expected: "Allowed",
    },
    {
        title: "an object pattern does not cover the bucket itself",
        identity: [allow("s3:ListBucket", `arn:aws:s3:::${DATA}/*`)],
        action: "s3:ListBucket",
        resource: `arn:aws:s3:::${DATA}`,
        resourceAccount: A,
        expected: "Denied",
    },
    {
        title: "NotAction grants what it does not list",
        identity: [{ Effect: "Allow", NotAction: "s3:Delete*", Resource: "*" }],
        action: "s3:PutObject",
        resource: obj(DATA),
        resourceAccount: A,
        expected: "Allowed",
    },
    {
        title: "NotAction does not grant what it lists",
        identity: [{ Effect: "Allow", NotAction: "s3:Delete*", Resource: "*" }],
        action: "s3:DeleteObjectVersion",
        resource: obj(DATA),
        resourceAccount: A,
        expected: "Denied",
    },
    {
        title: "across accounts: the role's grant and the replica's grant to the role",
        identity: [allow("s3:Replicate*", `arn:aws:s3:::example-*/*`)],
        bucketPolicy: replicaGrant,
        action: "s3:ReplicateObject",
        resource: obj(REPLICA),
        resourceAccount: B,
        expected: "Allowed",
    },
    {
        title: "across accounts: the replica grants other actions only",
        identity: [allow("s3:Replicate*", `arn:aws:s3:::example-*/*`)],
        bucketPolicy: replicaGrant,
        action: "s3:ReplicateTags",
        resource: obj(REPLICA),
        resourceAccount: B,
        expected: "Denied",
    },
    {
        title: "across accounts: the replica grants another role",
        identity: [allow("s3:Replicate*", "*")],
        bucketPolicy: [fromRoleOfA("s3:*", `arn:aws:s3:::${REPLICA}/*`, OTHER)],
        action: "s3:ReplicateObject",
        resource: obj(REPLICA),
        resourceAccount: B,
        expected: "Denied",
    },
    {
        title: "across accounts: the bucket grant alone is not enough",
        identity: [],
        bucketPolicy: replicaGrant,
        action: "s3:ReplicateObject",
        resource: obj(REPLICA),
        resourceAccount: B,
        expected: "Denied",
    },
    {
        title: "a Deny with NotResource that does not spare the replica",
        identity: [
            allow("s3:Replicate*", "*"),
            { Effect: "Deny", Action: "s3:Replicate*", NotResource: `arn:aws:s3:::${DATA}/*` },
        ],
        bucketPolicy: replicaGrant,
        action: "s3:ReplicateObject",
        resource: obj(REPLICA),
        resourceAccount: B,
        expected: "Denied",
    },
    {
        title: "a bucket-policy Deny of every principal but another role",
        identity: [allow("s3:*", "*")],
        bucketPolicy: [
            tlsDeny(DATA),
            {
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: `arn:aws:s3:::${DATA}/*`,
                Condition: { StringNotEquals: { "aws:PrincipalArn": OTHER } },
            },
        ],
        action: "s3:GetObject",
        resource: obj(DATA),
        resourceAccount: A,
        expected: "Denied",
    },
    {
        title: "the TLS-only deny does not deny a TLS request",
        identity: [allow("s3:GetObject", `arn:aws:s3:::${DATA}/*`)],
        bucketPolicy: [tlsDeny(DATA)],
        action: "s3:GetObject",
        resource: obj(DATA),
        resourceAccount: A,
        expected: "Allowed",
    },
    {
        title: "one account: the bucket policy naming the role grants alone",
        identity: [],
        bucketPolicy: [
            { Effect: "Allow", Principal: { AWS: ROLE }, Action: "s3:PutObject", Resource: `arn:aws:s3:::${DATA}/*` },
        ],
        action: "s3:PutObject",
        resource: obj(DATA),
        resourceAccount: A,
        expected: "Allowed",
    },
    {
        title: "one account: a bucket policy naming only the account leaves it to the role's policies",
        identity: [],
        bucketPolicy: [
            { Effect: "Allow", Principal: { AWS: A }, Action: "s3:PutObject", Resource: `arn:aws:s3:::${DATA}/*` },
        ],
        action: "s3:PutObject",
        resource: obj(DATA),
        resourceAccount: A,
        expected: "Denied",
    },
    {
        title: "an access-point delegation grants nothing to a direct request",
        identity: [],
        bucketPolicy: [
            {
                Effect: "Allow",
                Principal: { AWS: "*" },
                Action: "s3:*",
                Resource: `arn:aws:s3:::${DATA}/*`,
                Condition: { StringEquals: { "s3:DataAccessPointAccount": A } },
            },
        ],
        action: "s3:GetObject",
        resource: obj(DATA),
        resourceAccount: A,
        expected: "Denied",
    },
    {
        title: "a condition on the caller's account that holds",
        identity: [allow("s3:PutObject", "*", { Condition: { StringEquals: { "aws:PrincipalAccount": A } } })],
        action: "s3:PutObject",
        resource: obj(DATA),
        resourceAccount: A,
        expected: "Allowed",
    },
    {
        title: "a condition on the caller's account that does not",
        identity: [allow("s3:PutObject", "*", { Condition: { StringEquals: { "aws:PrincipalAccount": B } } })],
        action: "s3:PutObject",
        resource: obj(DATA),
        resourceAccount: A,
        expected: "Denied",
    },
];

function parsed(doc: Doc): Statement[] {
    const p = parsePolicyDocument({ Version: "2012-10-17", Statement: doc } as never);
    assert.ok(p !== undefined && typeof p === "object" && p.ok);
    return p.statements;
}

function packAnswer(c: Case): string {
    const bucket = /^arn:aws:s3:::([^/]+)/.exec(c.resource)?.[1] ?? "";
    const source: AccessSource = {
        identityOf: (arn) =>
            arn === ROLE ? { statements: c.identity.length ? parsed(c.identity) : [], complete: true } : undefined,
        bucketPolicyOf: (b) => (b === bucket && c.bucketPolicy ? parsed(c.bucketPolicy) : undefined),
    };
    const d = can(source, {
        principal: ROLE,
        action: c.action,
        resource: c.resource,
        resourceAccount: c.resourceAccount,
    });
    assert.notEqual(d.allowed, undefined, `the pack could not decide: ${d.reason}`);
    return d.allowed ? "Allowed" : "Denied";
}

async function simulatorAnswer(c: Case): Promise<string> {
    const sim = await runSimulation(
        {
            request: {
                principal: ROLE,
                action: c.action,
                resource: { resource: c.resource, accountId: c.resourceAccount },
                // What the pack knows of every request it asks about (access.ts), given to the simulator as such.
                contextVariables: {
                    "aws:SecureTransport": "true",
                    "aws:PrincipalArn": ROLE,
                    "aws:PrincipalAccount": A,
                },
            },
            identityPolicies: c.identity.length
                ? [{ name: "permissions", policy: { Version: "2012-10-17", Statement: c.identity } }]
                : [],
            serviceControlPolicies: [],
            resourceControlPolicies: [],
            resourcePolicy: c.bucketPolicy ? { Version: "2012-10-17", Statement: c.bucketPolicy } : undefined,
        },
        {},
    );
    assert.equal(sim.resultType, "single", JSON.stringify(sim));
    return sim.overallResult === "Allowed" ? "Allowed" : "Denied";
}

describe("verifier: the pack's access evaluator agrees with iam-simulate", () => {
    for (const c of CASES) {
        it(`${c.expected}: ${c.title}`, async () => {
            const simulator = await simulatorAnswer(c);
            assert.equal(simulator, c.expected, "iam-simulate");
            assert.equal(packAnswer(c), c.expected, "the pack");
        });
    }
});
