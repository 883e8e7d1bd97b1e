// One stack file's checks rule by rule: secure values, account ids YAML read as numbers, misspelt namespaces and placeholders.
import * as assert from "node:assert/strict";
import { DeclaredKey, declaredKeys } from "../../config/projectFile";
import { isSecureValue, placeholderKeys, stackFileProblems } from "../../config/stackFileChecks";
import { PROJECT_DIR } from "../support/stackConfigs";

const P = "s3-multiregion:";
const declared: Map<string, DeclaredKey> = declaredKeys(PROJECT_DIR);
const file = (config: Record<string, unknown>) => ({ name: "osaka", file: "/project/Pulumi.osaka.yaml", config });
const hint = (key: string, value: number, quoted: string) =>
    `Pulumi.osaka.yaml: config ${key} = ${value} was read by YAML as a number, which drops leading zeros; allowed: a 12-digit account id in quotes, e.g. "${quoted}"`;

describe("stack file checks", () => {
    it("isSecureValue: exactly one `secure` string, nothing else", () => {
        assert.equal(isSecureValue({ secure: "v1:abc" }), true);
        for (const value of [
            null,
            undefined,
            "v1:abc",
            ["v1:abc"],
            { secure: 5 },
            { plain: "x" },
            { secure: "v1:abc", x: 1 },
        ])
            assert.equal(isSecureValue(value), false, JSON.stringify(value));
    });

    it("hints at YAML's number reading for every key that holds account ids, and for no other key", () => {
        const cases: [string, unknown, string][] = [
            [`${P}sourceAccountId`, 12345678901, "012345678901"],
            [`${P}destinationAccountId`, 2345678901, "002345678901"],
            [`${P}partnerPrincipals`, ["arn:aws:iam::111111111111:root", 345678901], "000345678901"],
            [`${P}operatorPrincipals`, [45678901], "000045678901"],
            ["aws:allowedAccountIds", [111111111111, 5678901], "000005678901"],
            // YAML reads 000000000000 as 0.
            [`${P}sourceAccountId`, 0, "000000000000"],
        ];
        for (const [key, value, quoted] of cases) {
            const problems = stackFileProblems(file({ [key]: value }), declared);
            assert.deepEqual(problems, [hint(key, Number(quoted), quoted)], key);
        }
        assert.deepEqual(stackFileProblems(file({ [`${P}noncurrentVersionExpirationDays`]: 90 }), declared), []);
    });

    it("no hint for what is not a lost leading zero: quoted text, fractions and negative numbers", () => {
        for (const value of [["1111"], "1111", [1.5], -5, [-5]])
            assert.deepEqual(
                stackFileProblems(file({ "aws:allowedAccountIds": value }), declared),
                [],
                JSON.stringify(value),
            );
    });

    it("a misspelt namespace suggests the project key of the same name, however far the namespace is", () => {
        assert.deepEqual(stackFileProblems(file({ "foo:namePrefix": "x" }), declared), [
            'Pulumi.osaka.yaml: config key foo:namePrefix has an unknown namespace "foo" (allowed: s3-multiregion, aws, pulumi); did you mean s3-multiregion:namePrefix?',
        ]);
    });

    it("an undeclared project key is matched only to project keys, not to another namespace's", () => {
        // Long enough that the other namespace's key is within the edit distance a suggestion allows.
        const name = "someVeryLongSettingNameOfAnotherNamespace";
        const withOther = new Map(declared).set(`aws:${name}`, { key: `aws:${name}`, secret: false });
        assert.deepEqual(stackFileProblems(file({ [`${P}${name}`]: "x" }), withOther), [
            `Pulumi.osaka.yaml: config key ${P}${name} is not declared in Pulumi.yaml`,
        ]);
    });

    it("finds the example partner account alone or in an ARN, never inside a longer number", () => {
        const keys = (value: unknown) => placeholderKeys(file({ [`${P}partnerPrincipals`]: value }));
        assert.deepEqual(keys(["333333333333"]), [`${P}partnerPrincipals`]);
        assert.deepEqual(keys(["arn:aws:iam::333333333333:root"]), [`${P}partnerPrincipals`]);
        assert.deepEqual(keys(["1333333333333", "3333333333331"]), []);
    });

    it("finds the all-zero certificate and example.com addresses only at the end of the value", () => {
        const zero = "arn:aws:acm:ap-northeast-1:111111111111:certificate/00000000-0000-0000-0000-000000000001";
        const keyOf = (key: string, value: unknown) => placeholderKeys(file({ [key]: value }));
        assert.deepEqual(keyOf(`${P}vpnServerCertificateArn`, zero), [`${P}vpnServerCertificateArn`]);
        assert.deepEqual(keyOf(`${P}vpnServerCertificateArn`, `${zero}2`), []);
        assert.deepEqual(keyOf(`${P}alarmEmails`, ["oncall@example.org"]), [`${P}alarmEmails`]);
        assert.deepEqual(keyOf(`${P}alarmEmails`, ["oncall@example.com.au"]), []);
    });
});
