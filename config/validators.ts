// One rule, one function: the value checks that config parsing (and components) share.
import { COMMERCIAL_REGIONS } from "./configTypes";
import { fail, Reader } from "./configReader";

export const ACCOUNT_ID = /^\d{12}$/;
export const STACK_NAME = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)?$/;
export const PRINCIPAL_ARN = /^arn:aws:iam::\d{12}:(root|role\/[\w+=,.@/-]+|user\/[\w+=,.@/-]+)$/;
export const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
export const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export function region(key: string, value: string | undefined): string {
    const allowed = `a commercial AWS region code such as ap-northeast-1 (${COMMERCIAL_REGIONS.length} known)`;
    if (value === undefined || !COMMERCIAL_REGIONS.includes(value)) fail(key, value, allowed);
    return value;
}

export function accountId(r: Reader, key: string): string {
    const v = r.string(key, "a 12-digit AWS account id");
    if (!ACCOUNT_ID.test(v)) fail(key, v, "a 12-digit AWS account id");
    return v;
}

export function acmCertificateArn(r: Reader, key: string, stackRegion: string, why: string): string {
    const allowed = `an ACM certificate ARN in ${stackRegion} (arn:aws:acm:${stackRegion}:<account>:certificate/<id>), ${why}`;
    const v = r.string(key, allowed);
    if (!new RegExp(`^arn:aws:acm:${stackRegion}:\\d{12}:certificate/[0-9a-f-]{36}$`).test(v)) fail(key, v, allowed);
    return v;
}
