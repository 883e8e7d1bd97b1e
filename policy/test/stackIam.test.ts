// IAM in a stack: a role found by its ARN (by name while the ARN is not known), and every permission attached to it.

import * as assert from "node:assert/strict";

import { StackView } from "../lib/stack";
import { roleByArn, rolePermissions, trustPolicy } from "../lib/stackIam";
import { T } from "../lib/types";
import { UNKNOWN, UNKNOWN_SENTINEL } from "../lib/values";

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

    it("reads inline policies, skipping a malformed or missing document, and is incomplete while one is not known", () => {
        const inline = (...policies: unknown[]) =>
            role("writer", { inlinePolicies: policies.map((policy) => ({ policy })) });
        assert.deepEqual(
            actions(view(inline(allowDoc("s3:GetObject"), "{not json", undefined, allowDoc("s3:PutObject")))),
            {
                actions: ["s3:GetObject", "s3:PutObject"],
                complete: true,
            },
        );
        assert.deepEqual(actions(view(inline(UNKNOWN_SENTINEL, allowDoc("s3:GetObject")))), {
            actions: ["s3:GetObject"],
            complete: false,
        });
        assert.deepEqual(actions(view(role("writer", { inlinePolicies: UNKNOWN_SENTINEL }))), {
            actions: [],
            complete: false,
        });
    });

    it("takes a RolePolicy naming the role by name, ARN or id, and no other", () => {
        const me = role("writer", { arn: `arn:aws:iam::${A}:role/writer`, id: "AROAWRITER" });
        const rp = (name: string, r: string, action: string) => ({
            type: T.rolePolicy,
            name,
            props: { role: r, policy: allowDoc(action) },
        });
        const v = view(
            me,
            rp("by-name", "writer", "s3:GetObject"),
            rp("by-arn", `arn:aws:iam::${A}:role/writer`, "s3:PutObject"),
            rp("by-id", "AROAWRITER", "s3:ListBucket"),
            rp("other", "reader", "s3:DeleteObject"),
        );
        assert.deepEqual(actions(v), { actions: ["s3:GetObject", "s3:PutObject", "s3:ListBucket"], complete: true });
    });

    it("is incomplete while an attachment's role, a PolicyAttachment's roles or the managed ARNs are not known", () => {
        const attach = { type: T.rolePolicyAttachment, name: "att", props: { role: UNKNOWN_SENTINEL, policyArn: "x" } };
        assert.deepEqual(actions(view(writer, attach)), { actions: [], complete: false });
        const group = { type: T.policyAttachment, name: "pa", props: { roles: UNKNOWN_SENTINEL, policyArn: "x" } };
        assert.deepEqual(actions(view(writer, group)), { actions: [], complete: false });
        const unknownManaged = role("writer", { managedPolicyArns: [UNKNOWN_SENTINEL] });
        assert.deepEqual(actions(view(unknownManaged)), { actions: [], complete: false });
    });

    it("reads a managed policy by its ARN or, while that is not known, by its name; an AWS managed one is not here", () => {
        const policy = {
            type: T.iamPolicy,
            name: "read",
            props: { name: "read", arn: UNKNOWN_SENTINEL, policy: allowDoc("s3:GetObject") },
        };
        const managed = (arn: string) => role("writer", { managedPolicyArns: [arn] });
        assert.deepEqual(actions(view(managed(`arn:aws:iam::${A}:policy/team/read`), policy)), {
            actions: ["s3:GetObject"],
            complete: true,
        });
        assert.deepEqual(actions(view(managed(`arn:aws:iam::${A}:policy/team/read/`), policy)), {
            actions: [],
            complete: false,
        });
        assert.deepEqual(actions(view(managed("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"), policy)), {
            actions: [],
            complete: false,
        });
    });

    it("parses the role's trust policy, and is not known while it is not", () => {
        const trust = JSON.stringify({
            Statement: [{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole" }],
        });
        const v = view(
            role("writer", { assumeRolePolicy: trust }),
            role("later", { assumeRolePolicy: UNKNOWN_SENTINEL }),
        );
        const parsed = trustPolicy(v, v.resources[0]);
        assert.ok(parsed !== undefined && parsed !== UNKNOWN && parsed.ok);
        assert.deepEqual(parsed.statements[0].principal?.service, ["s3.amazonaws.com"]);
        assert.equal(trustPolicy(v, v.resources[1]), UNKNOWN);
    });
});
