// can(P, A, R) over the system: identity and bucket policies together, explicit denies, accounts, conditions, wildcards.

import * as assert from "node:assert/strict";

import { bucketOfArn, can, canAny } from "../lib/access";
import { ActionCatalogue, loadActionCatalogue } from "../lib/actions";
import { ConditionEntry, RequestContext, conditionHolds } from "../lib/conditions";
import { UNKNOWN } from "../lib/values";
import { A, B, OTHER_ROLE, ROLE, allow, obj, req, statements, system } from "./accessFixtures";

const tlsDeny = {
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: ["arn:aws:s3:::replica", "arn:aws:s3:::replica/*"],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
};
const fromRole = (Action: unknown, Resource: unknown) => ({
    Effect: "Allow",
    Principal: { AWS: `arn:aws:iam::${A}:root` },
    Action,
    Resource,
    Condition: { ArnEquals: { "aws:PrincipalArn": ROLE } },
});

describe("lib: conditions evaluated against what is known of a request", () => {
    const ctx: RequestContext = {
        values: new Map([
            ["aws:principalarn", [ROLE]],
            ["aws:principalaccount", [A]],
            ["aws:securetransport", ["true"]],
            // Multivalued keys: a request carrying two tag keys, and one carrying none.
            ["aws:tagkeys", ["team", "cost"]],
            ["aws:calledvia", []],
        ]),
        absent: new Set(["s3:dataaccesspointaccount"]),
    };
    const c = (operator: string, key: string, values: string[], setOperator?: string): ConditionEntry => ({
        operator,
        key,
        values,
        ...(setOperator ? { setOperator } : {}),
    });
    const table: [ConditionEntry, boolean | undefined][] = [
        [c("StringEquals", "aws:principalaccount", [A]), true],
        [c("StringEquals", "aws:principalaccount", [B]), false],
        [c("StringEquals", "aws:principalaccount", [B, A]), true],
        [c("StringNotEquals", "aws:principalarn", [OTHER_ROLE]), true],
        [c("StringNotEquals", "aws:principalarn", [OTHER_ROLE, ROLE]), false],
        [c("ArnLike", "aws:principalarn", [`arn:aws:iam::${A}:role/*`]), true],
        [c("ArnEquals", "aws:principalarn", [`arn:aws:iam::${B}:role/*`]), false],
        // A pattern matches the whole value, `?` one character, and any other character only itself.
        [c("StringLike", "aws:principalarn", [`arn:aws:iam::${A}:role/example.replication`]), false],
        [c("StringLike", "aws:principalarn", [`arn:aws:iam::${A}:role/example-replicatio?`]), true],
        [c("StringLike", "aws:principalarn", [`arn:aws:iam::${A}:role/example`]), false],
        [c("StringLike", "aws:principalarn", [`${ROLE}+`]), false],
        [c("StringLike", "aws:principalarn", [`aws:iam::${A}:role/example-replication`]), false],
        [c("ArnNotLike", "aws:principalarn", [`arn:aws:iam::${A}:role/example-*`]), false],
        [c("StringEqualsIgnoreCase", "aws:principalarn", [ROLE.toUpperCase()]), true],
        [c("StringEquals", "aws:principalarn", [ROLE.toUpperCase()]), false],
        [c("Bool", "aws:securetransport", ["false"]), false],
        [c("Bool", "aws:securetransport", ["TRUE"]), true],
        [c("BoolIfExists", "aws:securetransport", ["false"]), false],
        // A key the request does not carry: positive operators fail, negations, IfExists and ForAllValues hold.
        [c("StringEquals", "s3:dataaccesspointaccount", [A]), false],
        [c("StringNotEquals", "s3:dataaccesspointaccount", [A]), true],
        [c("StringEqualsIfExists", "s3:dataaccesspointaccount", [B]), true],
        [c("StringEquals", "s3:dataaccesspointaccount", [A], "ForAnyValue"), false],
        [c("StringEquals", "s3:dataaccesspointaccount", [A], "ForAllValues"), true],
        [c("Null", "s3:dataaccesspointaccount", ["true"]), true],
        [c("Null", "s3:dataaccesspointaccount", ["false"]), false],
        [c("Null", "aws:principalarn", ["false"]), true],
        // What the pack cannot know: a source address, a key it was not told about, policy variables.
        [c("IpAddress", "aws:sourceip", ["203.0.113.0/24"]), undefined],
        [c("StringEquals", "aws:sourcevpce", ["vpce-1"]), undefined],
        [c("Null", "aws:sourcevpce", ["true"]), undefined],
        [c("StringLike", "aws:principalarn", ["${aws:username}"]), undefined],
        [c("StringEquals", "aws:principalaccount", [A, "${aws:PrincipalTag/account}"]), undefined],
        [c("NumericNotEquals", "aws:principalaccount", ["1"]), undefined],
        // Set operators over several request values: ForAllValues needs every one, ForAnyValue one of them.
        [c("StringEquals", "aws:tagkeys", ["team"], "ForAllValues"), false],
        [c("StringEquals", "aws:tagkeys", ["team", "cost"], "ForAllValues"), true],
        [c("StringEquals", "aws:tagkeys", ["cost"], "ForAnyValue"), true],
        [c("StringEquals", "aws:tagkeys", ["owner"], "ForAnyValue"), false],
        [c("StringEquals", "aws:calledvia", ["athena.amazonaws.com"], "ForAnyValue"), false],
        [c("StringEquals", "aws:calledvia", ["athena.amazonaws.com"], "ForAllValues"), true],
    ];
    for (const [entry, expected] of table) {
        it(`${entry.setOperator ? `${entry.setOperator}:` : ""}${entry.operator} ${entry.key} ${JSON.stringify(entry.values)} -> ${String(expected)}`, () => {
            assert.equal(conditionHolds(entry, ctx), expected);
        });
    }
});

describe("lib: can(principal, action, resource)", () => {
    let catalogue: ActionCatalogue;
    before(async () => {
        catalogue = await loadActionCatalogue();
    });

    it("reads wildcard actions and resources as IAM does: s3:Get* reads, but does not replicate", () => {
        const s = system(statements(allow("s3:Get*", "arn:aws:s3:::example-*/*")));
        assert.equal(can(s, req("s3:GetObjectVersionForReplication", obj("example-data"))).allowed, true);
        assert.equal(can(s, req("s3:ReplicateObject", obj("example-data"))).allowed, false);
        assert.equal(can(s, req("s3:GetObject", obj("other-data"))).allowed, false);
        assert.equal(can(s, req("s3:GetObject", "arn:aws:s3:::example-data")).allowed, false, "bucket, not object");
    });

    it("an explicit Deny wins: the role's own NotResource deny, or a bucket policy deny of other principals", () => {
        const notResource = system(
            statements(allow("s3:Replicate*", "*"), {
                Effect: "Deny",
                Action: "s3:Replicate*",
                NotResource: "arn:aws:s3:::example-data/*",
            }),
        );
        assert.equal(can(notResource, req("s3:ReplicateObject", obj("example-data"))).allowed, true);
        assert.deepEqual(can(notResource, req("s3:ReplicateObject", obj("replica"))), {
            allowed: false,
            reason: "the role's own statement #2 denies it",
        });
        const bucketDeny = system(statements(allow("s3:*", "*")), {
            replica: statements(tlsDeny, {
                Sid: "OnlyTheCopyRole",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: "arn:aws:s3:::replica/*",
                Condition: { StringNotEquals: { "aws:PrincipalArn": OTHER_ROLE } },
            }),
        });
        assert.deepEqual(can(bucketDeny, req("s3:ReplicateObject", obj("replica"))), {
            allowed: false,
            reason: "statement 'OnlyTheCopyRole' of the policy of 'replica' denies it",
        });
    });

    it("a TLS-only deny and an access-point delegation neither deny nor grant a direct TLS request", () => {
        const delegation = {
            Effect: "Allow",
            Principal: { AWS: "*" },
            Action: "s3:*",
            Resource: "arn:aws:s3:::replica/*",
            Condition: { StringEquals: { "s3:DataAccessPointAccount": A } },
        };
        const s = system(statements(allow("s3:ReplicateObject", "arn:aws:s3:::replica/*")), {
            replica: statements(tlsDeny, delegation),
        });
        assert.equal(can(s, req("s3:ReplicateObject", obj("replica"))).allowed, true);
        assert.equal(
            can(system([], { replica: statements(delegation) }), req("s3:GetObject", obj("replica"))).allowed,
            false,
        );
    });

    it("across accounts both sides must allow; the other account's bucket is judged when it is seen", () => {
        const identity = statements(allow(["s3:ReplicateObject", "s3:ReplicateDelete"], "arn:aws:s3:::replica/*"));
        const granted = system(identity, {
            replica: statements(tlsDeny, fromRole("s3:ReplicateObject", "arn:aws:s3:::replica/*")),
        });
        assert.equal(can(granted, req("s3:ReplicateObject", obj("replica"), B)).allowed, true);
        assert.deepEqual(can(granted, req("s3:ReplicateDelete", obj("replica"), B)), {
            allowed: false,
            reason: `the policy of 'replica' (account ${B}) does not allow the role`,
        });
        assert.equal(can(system(identity), req("s3:ReplicateDelete", obj("replica"), B)).allowed, true, "not seen");
        assert.equal(
            can(system(identity, { replica: UNKNOWN }), req("s3:ReplicateDelete", obj("replica"), B)).allowed,
            undefined,
        );
        const otherRole = system(identity, {
            replica: statements({
                ...fromRole("s3:*", "*"),
                Condition: { ArnEquals: { "aws:PrincipalArn": OTHER_ROLE } },
            }),
        });
        assert.equal(can(otherRole, req("s3:ReplicateObject", obj("replica"), B)).allowed, false);
        // The bucket policy alone does not let a role of another account in: its own policies must allow too.
        assert.equal(
            can(
                system([], { replica: statements(fromRole("s3:*", "*")) }),
                req("s3:ReplicateObject", obj("replica"), B),
            ).allowed,
            false,
        );
    });

    it("in one account the bucket policy may grant the role alone, but not by naming the whole account", () => {
        const named = {
            Effect: "Allow",
            Principal: { AWS: ROLE },
            Action: "s3:PutObject",
            Resource: "arn:aws:s3:::reports/*",
        };
        assert.equal(
            can(system([], { reports: statements(named) }), req("s3:PutObject", obj("reports"), A)).allowed,
            true,
        );
        const account = { ...named, Principal: { AWS: A } };
        assert.equal(
            can(system([], { reports: statements(account) }), req("s3:PutObject", obj("reports"), A)).allowed,
            false,
        );
    });

    it("cannot tell when some of the role's policies are not in the system, unless something denies", () => {
        const partial = system(statements(allow("s3:GetObject", "*")), {}, false);
        assert.equal(can(partial, req("s3:PutObject", obj("x"))).allowed, undefined);
        assert.equal(can(partial, req("s3:GetObject", obj("x"))).allowed, true);
        const denied = system(statements({ Effect: "Deny", Action: "s3:PutObject", Resource: "*" }), {}, false);
        assert.equal(can(denied, req("s3:PutObject", obj("x"))).allowed, false);
        assert.equal(can(partial, { ...req("s3:GetObject", obj("x")), principal: OTHER_ROLE }).allowed, undefined);
    });

    it("canAny expands a pattern question against the real action list", () => {
        const s = system(statements(allow("s3:*Object", "arn:aws:s3:::data/*")));
        const del = canAny(s, req("s3:Delete*", obj("data")), catalogue);
        assert.equal(del.allowed, true);
        assert.ok(del.actions.includes("s3:DeleteObject") && !del.actions.includes("s3:DeleteObjectVersion"));
        assert.deepEqual(canAny(s, req("s3:PutBucket*", "arn:aws:s3:::data"), catalogue), {
            allowed: false,
            actions: [],
        });
    });
    it("a bucket policy names the role's account by its id or its root ARN, one entry of a list being enough", () => {
        const identity = statements(allow("s3:ReplicateObject", "arn:aws:s3:::replica/*"));
        const grantTo = (AWS: unknown) =>
            system(identity, {
                replica: statements({
                    Effect: "Allow",
                    Principal: { AWS },
                    Action: "s3:ReplicateObject",
                    Resource: "arn:aws:s3:::replica/*",
                }),
            });
        const asked = req("s3:ReplicateObject", obj("replica"), B);
        assert.equal(can(grantTo(A), asked).allowed, true, "the account id");
        assert.equal(can(grantTo(`arn:aws:iam::${A}:root`), asked).allowed, true, "the root ARN");
        assert.equal(can(grantTo(["333333333333", A]), asked).allowed, true, "one entry of a list");
        assert.deepEqual(can(grantTo(["333333333333", `arn:aws:iam::333333333333:root`]), asked), {
            allowed: false,
            reason: `the policy of 'replica' (account ${B}) does not allow the role`,
        });
        assert.equal(can(grantTo(`arn:aws:iam::${A}:role/other`), asked).allowed, false, "another role");
    });

    it("canAny cannot tell when no action is allowed but some are not known", () => {
        const partial = system(statements(allow("s3:GetObject", "*")), {}, false);
        assert.deepEqual(canAny(partial, req("s3:Delete*", obj("x")), catalogue), { allowed: undefined, actions: [] });
    });

    it("reads the bucket of an S3 ARN only from a whole ARN", () => {
        assert.equal(bucketOfArn("arn:aws:s3:::data/key/part"), "data");
        assert.equal(bucketOfArn("arn:aws-cn:s3:::data"), "data");
        assert.equal(bucketOfArn("xarn:aws:s3:::data"), undefined);
        assert.equal(bucketOfArn("arn:aws:s3:us-east-1:111111111111:accesspoint/ap"), undefined);
    });
});
