// Pure checks of the stack files: the rules behind the plan's and the deploy's cross-stack and single-file lines.
import * as assert from "node:assert/strict";
import { closest } from "../../config/closest";
import { crossStackProblems, RoleStackFile } from "../../config/crossStackChecks";
import { namePrefixProblem } from "../../config/naming";
import { DeclaredKey, declaredKeys } from "../../config/projectFile";
import { checkProject, placeholderLine } from "../../config/projectChecks";
import { discoverStacks } from "../../config/stackFiles";
import { placeholderKeys, stackFileProblems } from "../../config/stackFileChecks";
import { PROJECT_DIR } from "../support/stackConfigs";

const P = "s3-multiregion:";
const declared: Map<string, DeclaredKey> = declaredKeys(PROJECT_DIR);
const example = (): RoleStackFile[] => discoverStacks(PROJECT_DIR).map((s) => ({ ...s, config: { ...s.config } }));
const byName = (stacks: RoleStackFile[], name: string) => stacks.find((s) => s.name === name)!;

describe("project checks", () => {
    it("the example stack files pass every check, and only their example values are reported", () => {
        const result = checkProject(PROJECT_DIR, example());
        assert.deepEqual(result.errors, []);
        assert.deepEqual(result.placeholders, [
            {
                file: "Pulumi.tokyo.yaml",
                keys: [
                    `${P}partnerPrincipals`,
                    `${P}partnerExternalId`,
                    `${P}alarmEmails`,
                    `${P}operatorPrincipals`,
                    `${P}vpnServerCertificateArn`,
                    `${P}vpnClientRootCertificateArn`,
                ],
            },
        ]);
        assert.deepEqual(result.advisories, [placeholderLine(result.placeholders)]);
    });

    for (const key of ["namePrefix", "sourceAccountId", "destinationAccountId"]) {
        it(`refuses stack files that disagree on ${key}`, () => {
            const stacks = example();
            const other = key === "namePrefix" ? "other-s3mr" : "333333333334";
            byName(stacks, "dest-account").config[`${P}${key}`] = other;
            const { errors } = crossStackProblems(stacks, declared);
            const shared =
                key === "namePrefix" ? "example-s3mr" : key === "sourceAccountId" ? "111111111111" : "222222222222";
            assert.equal(
                errors[0],
                `stacks disagree on ${P}${key}: "${shared}" in osaka, tokyo; "${other}" in dest-account; ` +
                    "allowed: one value in every stack file (each side derives names and grants from it)",
            );
        });
    }

    it("refuses aws:allowedAccountIds without the account the stack's role deploys into", () => {
        const stacks = example();
        byName(stacks, "dest-account").config["aws:allowedAccountIds"] = ["111111111111"];
        assert.deepEqual(crossStackProblems(stacks, declared).errors, [
            'Pulumi.dest-account.yaml: aws:allowedAccountIds ["111111111111"] does not contain 222222222222, the account a destination stack deploys into (s3-multiregion:destinationAccountId); allowed: a list that contains it',
        ]);
    });

    it("refuses two stack files that would create the same names (a copied hub file)", () => {
        const stacks = example();
        const tokyo = byName(stacks, "tokyo");
        stacks.push({ ...tokyo, name: "tokyo-copy", file: tokyo.file.replace("tokyo", "tokyo-copy") });
        assert.deepEqual(crossStackProblems(stacks, declared).errors, [
            "stacks tokyo and tokyo-copy would both create bucket example-s3mr-data-111111111111-ap-northeast-1 (and 6 more name(s)); allowed: each stack file its own region, role or namePrefix",
        ]);
    });

    it("refuses one existing bucket adopted by two stacks", () => {
        const stacks = example();
        byName(stacks, "osaka").config[`${P}existingBucketName`] = "legacy-data";
        byName(stacks, "tokyo").config[`${P}existingBucketName`] = "legacy-data";
        assert.deepEqual(crossStackProblems(stacks, declared).errors, [
            "s3-multiregion:existingBucketName: stacks osaka and tokyo both adopt bucket legacy-data; each bucket belongs to one stack, so set existingBucketName on one of them only",
        ]);
    });

    it("names the stacks that exist and the closest one when destinationStack names no stack file", () => {
        const stacks = example();
        byName(stacks, "tokyo").config[`${P}destinationStack`] = "dest-acount";
        assert.deepEqual(crossStackProblems(stacks, declared).errors, [
            'Pulumi.tokyo.yaml: s3-multiregion:destinationStack = "dest-acount" names no stack file (stacks: dest-account, osaka, tokyo); did you mean dest-account?',
        ]);
    });

    it("refuses a secondaryStacks entry of the wrong role or region", () => {
        const stacks = example();
        byName(stacks, "tokyo").config[`${P}secondaryStacks`] = ["dest-account@ap-northeast-1"];
        assert.equal(
            crossStackProblems(stacks, declared).errors[0],
            'Pulumi.tokyo.yaml: s3-multiregion:secondaryStacks entry "dest-account@ap-northeast-1" names stack dest-account, whose role is destination; allowed: a secondary stack (osaka)',
        );
        byName(stacks, "tokyo").config[`${P}secondaryStacks`] = ["osaka@ap-northeast-1"];
        assert.deepEqual(crossStackProblems(stacks, declared).errors, [
            'Pulumi.tokyo.yaml: s3-multiregion:secondaryStacks entry "osaka@ap-northeast-1": stack osaka is in ap-northeast-3 (its aws:region); allowed: osaka@ap-northeast-3',
        ]);
    });

    it("a regional stack file that no hub lists is an advisory, not an error", () => {
        const stacks = example();
        const osaka = byName(stacks, "osaka");
        stacks.push({
            ...osaka,
            name: "singapore",
            file: osaka.file.replace("osaka", "singapore"),
            config: { ...osaka.config, "aws:region": "ap-southeast-1" },
        });
        const result = crossStackProblems(stacks, declared);
        assert.deepEqual(result.errors, []);
        assert.deepEqual(result.advisories, [
            "stack singapore (secondary) is listed by no hub (tokyo): it would deploy alone, outside the MRAP and the replication; add it to secondaryStacks or remove Pulumi.singapore.yaml",
        ]);
    });

    it("names the closest declared key for an undeclared key or an unknown namespace", () => {
        const tokyo = byName(example(), "tokyo");
        const problems = stackFileProblems(
            {
                ...tokyo,
                config: {
                    [`${P}vpcCIRD`]: "10.0.0.0/16",
                    "s3multiregion:namePrefix": "x",
                    "aws:region": "ap-northeast-1",
                },
            },
            declared,
        );
        assert.deepEqual(problems, [
            "Pulumi.tokyo.yaml: config key s3-multiregion:vpcCIRD is not declared in Pulumi.yaml; did you mean s3-multiregion:vpcCidr?",
            'Pulumi.tokyo.yaml: config key s3multiregion:namePrefix has an unknown namespace "s3multiregion" (allowed: s3-multiregion, aws, pulumi); did you mean s3-multiregion:namePrefix?',
        ]);
    });

    it("reads the declared keys from Pulumi.yaml, so a key declared there is never refused", () => {
        const tokyo = byName(example(), "tokyo");
        const withNewKey = new Map(declared).set(`${P}someNewKey`, { key: `${P}someNewKey`, secret: false });
        assert.deepEqual(stackFileProblems({ ...tokyo, config: { [`${P}someNewKey`]: "x" } }, withNewKey), []);
        assert.equal(stackFileProblems({ ...tokyo, config: { [`${P}someNewKey`]: "x" } }, declared).length, 1);
    });

    it("hints to quote an account id that YAML read as a number and lost its leading zero", () => {
        const osaka = byName(example(), "osaka");
        assert.deepEqual(stackFileProblems({ ...osaka, config: { [`${P}sourceAccountId`]: 12345678901 } }, declared), [
            'Pulumi.osaka.yaml: config s3-multiregion:sourceAccountId = 12345678901 was read by YAML as a number, which drops leading zeros; allowed: a 12-digit account id in quotes, e.g. "012345678901"',
        ]);
        assert.deepEqual(
            stackFileProblems({ ...osaka, config: { "aws:allowedAccountIds": [111111111111] } }, declared),
            [],
        );
    });

    it("finds placeholders in strings, lists and secure values, and nothing in real-looking ones", () => {
        const file = { name: "x", file: "Pulumi.x.yaml", config: {} as Record<string, unknown> };
        file.config = {
            [`${P}partnerPrincipals`]: ["arn:aws:iam::444455556666:root", "arn:aws:iam::333333333333:root"],
            [`${P}partnerExternalId`]: { secure: "v1:example-partner-external-id" },
            [`${P}alarmEmails`]: ["oncall@corp.example.jp"],
            [`${P}vpnServerCertificateArn`]:
                "arn:aws:acm:ap-northeast-1:111111111111:certificate/0b1c2d3e-0000-4000-8000-000000000001",
        };
        assert.deepEqual(placeholderKeys(file), [`${P}partnerPrincipals`, `${P}partnerExternalId`]);
    });

    it("closest suggests only names near enough", () => {
        assert.equal(closest("dest-acount", ["osaka", "dest-account", "tokyo"]), "dest-account");
        assert.equal(closest("singapore", ["osaka", "dest-account", "tokyo"]), undefined);
    });
});

describe("namePrefixProblem", () => {
    const R = "ap-southeast-5";
    const cases: [string, string | undefined][] = [
        ["example-s3mr", undefined],
        ["Example", "lowercase letters only (S3 refuses uppercase in bucket names)"],
        ["example.s3", "only lowercase letters, digits and hyphens (no dots, underscores or spaces)"],
        ["1example", "a prefix that starts with a letter"],
        ["example-", "a prefix that does not end with a hyphen (names join it with one)"],
        ["xn--abc", "a prefix that does not start with xn-- (reserved by S3)"],
        ["sthree-abc", "a prefix that does not start with sthree- (reserved by S3)"],
        ["abc-s3alias", "a prefix that does not end with -s3alias (a suffix S3 reserves)"],
        ["abc--ol-s3", "a prefix that does not end with --ol-s3 (a suffix S3 reserves)"],
        ["ab--cd", "no two hyphens in a row (S3 reserves such forms for access point aliases)"],
        ["a", "at least 2 characters"],
    ];
    for (const [prefix, want] of cases) {
        it(`${JSON.stringify(prefix)}: ${want ?? "valid"}`, () => assert.equal(namePrefixProblem(prefix, R), want));
    }
    it("a prefix too long for the longest bucket name names the limit", () => {
        assert.match(namePrefixProblem("a".repeat(40), R) ?? "", /^at most \d+ characters \(bucket names like /);
    });
});
