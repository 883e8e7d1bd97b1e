// IAM in a stack: a role found by its ARN (by name while the ARN is not known), and every permission attached to it.

import * as assert from "node:assert/strict";

import { StackView } from "../lib/stack";
import { roleByArn, rolePermissions } from "../lib/stackIam";
import { T } from "../lib/types";
import { UNKNOWN_SENTINEL } from "../lib/values";

const A = "111111111111";
const B = "222222222222";

function view(...resources: { type: string; name: string; props: Record<string, unknown> }[]): StackView {
    return new StackView({
        resources: resources.map((r) => ({ ...r, urn: `urn:pulumi:test::p::${r.type}::${r.name}`, dependencies: [] })),
    } as never);
}
const role = (name: string, props: Record<string, unknown>) => ({ type: T.role, name, props: { name, ...props } });
const allowDoc = (Action: string) => JSON.stringify({ Statement: [{ Effect: "Allow", Action, Resource: "*" }] });

describe("lib: roles by ARN", () => {
    it("takes the role whose ARN is the one asked, before another of the same name", () => {
        const v = view(
            role("writer", { arn: `arn:aws:iam::${A}:role/team-a/writer` }),
            role("writer", { arn: `arn:aws:iam::${A}:role/team-b/writer` }),
        );
        assert.equal(roleByArn(v, `arn:aws:iam::${A}:role/team-b/writer`), v.resources[1]);
        assert.equal(roleByArn(v, `arn:aws:iam::${A}:role/team-a/writer`), v.resources[0]);
    });

    it("finds a role by the last segment of a whole role ARN while its own ARN is not known, in its account only", () => {
        const unknownArn = view(role("writer", { arn: UNKNOWN_SENTINEL }));
        assert.equal(roleByArn(unknownArn, `arn:aws:iam::${A}:role/writer`), unknownArn.resources[0]);
        assert.equal(roleByArn(unknownArn, `arn:aws:iam::${A}:role/team/eu/writer`), unknownArn.resources[0]);
        assert.equal(roleByArn(unknownArn, `xarn:aws:iam::${A}:role/writer`), undefined);
        assert.equal(roleByArn(unknownArn, `arn:aws:iam::${A}:role/writer/`), undefined);
        assert.equal(roleByArn(unknownArn, `arn:aws:iam::${A}:user/writer`), undefined);
        const otherAccount = view(role("writer", { arn: `arn:aws:iam::${B}:role/writer` }));
        assert.equal(roleByArn(otherAccount, `arn:aws:iam::${A}:role/writer`), undefined);
        const noArn = view(role("writer", {}));
        assert.equal(roleByArn(noArn, `arn:aws:iam::${A}:role/writer`), noArn.resources[0]);
    });
});

describe("lib: a role's permissions in a stack", () => {
    const writer = role("writer", { arn: `arn:aws:iam::${A}:role/writer` });
    const actions = (v: StackView) => {
        const p = rolePermissions(v, v.resources[0]);
        return { actions: p.statements.flatMap((s) => s.action ?? []), complete: p.complete };
    };

    it("is incomplete while a RolePolicy's role is not known", () => {
        const v = view(writer, {
            type: T.rolePolicy,
            name: "p",
            props: { role: UNKNOWN_SENTINEL, policy: allowDoc("s3:GetObject") },
        });
        assert.deepEqual(actions(v), { actions: [], complete: false });
    });

    it("reads an attached policy by its ARN, and is incomplete while that ARN is not known", () => {
        const policy = (name: string, arn: string, action: string) => ({
            type: T.iamPolicy,
            name,
            props: { name: "read", arn, policy: allowDoc(action) },
        });
        const attach = (policyArn?: string) => ({
            type: T.rolePolicyAttachment,
            name: "att",
            props: { role: "writer", ...(policyArn === undefined ? {} : { policyArn }) },
        });
        const a = `arn:aws:iam::${A}:policy/a/read`;
        const b = `arn:aws:iam::${A}:policy/b/read`;
        const two = [policy("pa", a, "s3:GetObject"), policy("pb", b, "s3:ListBucket")];
        assert.deepEqual(actions(view(writer, ...two, attach(b))), { actions: ["s3:ListBucket"], complete: true });
        assert.deepEqual(actions(view(writer, policy("p", UNKNOWN_SENTINEL, "s3:*"), attach(UNKNOWN_SENTINEL))), {
            actions: [],
            complete: false,
        });
        assert.deepEqual(actions(view(writer, ...two, attach())), { actions: [], complete: true });
    });

    it("reads a PolicyAttachment that lists the role, and is incomplete while its policy ARN is not known", () => {
        const arn = `arn:aws:iam::${A}:policy/read`;
        const policy = {
            type: T.iamPolicy,
            name: "read",
            props: { name: "read", arn, policy: allowDoc("s3:GetObject") },
        };
        const attach = (policyArn: string, roles: string[]) => ({
            type: T.policyAttachment,
            name: "att",
            props: { roles, policyArn },
        });
        assert.deepEqual(actions(view(writer, policy, attach(arn, ["other", "writer"]))), {
            actions: ["s3:GetObject"],
            complete: true,
        });
        assert.deepEqual(actions(view(writer, policy, attach(arn, ["other"]))), { actions: [], complete: true });
        assert.deepEqual(actions(view(writer, policy, attach(UNKNOWN_SENTINEL, ["writer"]))), {
            actions: [],
            complete: false,
        });
    });
});
