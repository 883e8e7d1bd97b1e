// A small system for can(P, A, R): one role, the bucket policies given, and requests and statements to ask about.

import * as assert from "node:assert/strict";

import { AccessRequest, AccessSource } from "../lib/access";
import { Statement, parsePolicyDocument } from "../lib/iamDocument";
import { UNKNOWN } from "../lib/values";

export const A = "111111111111";
export const B = "222222222222";
export const ROLE = `arn:aws:iam::${A}:role/example-replication`;
export const OTHER_ROLE = `arn:aws:iam::${A}:role/other`;

export function statements(...sts: Record<string, unknown>[]): Statement[] {
    const parsed = parsePolicyDocument({ Version: "2012-10-17", Statement: sts } as never);
    assert.ok(parsed !== undefined && parsed !== UNKNOWN && parsed.ok);
    return parsed.statements;
}

/** A system of one role and the bucket policies given (UNKNOWN: a policy not known yet). */
export function system(
    identity: Statement[],
    buckets: Record<string, Statement[] | typeof UNKNOWN> = {},
    complete = true,
): AccessSource {
    return {
        identityOf: (arn) => (arn === ROLE ? { statements: identity, complete } : undefined),
        bucketPolicyOf: (bucket) => buckets[bucket],
    };
}

export const req = (action: string, resource: string, resourceAccount?: string): AccessRequest => ({
    principal: ROLE,
    action,
    resource,
    ...(resourceAccount ? { resourceAccount } : {}),
});
export const allow = (Action: unknown, Resource: unknown, extra: Record<string, unknown> = {}) => ({
    Effect: "Allow",
    Action,
    Resource,
    ...extra,
});
export const obj = (bucket: string) => `arn:aws:s3:::${bucket}/k`;
