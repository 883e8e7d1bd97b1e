// The hub's config (secondaries, destination, failover, partners, alarms): the exact line for each bad value.
import * as assert from "node:assert/strict";
import { ConfigError, parseConfig, PrimaryConfig } from "../../config/platformConfig";
import { rawStackConfig, stackConfig } from "../support/stackConfigs";

const P = "s3-multiregion:";
const SEC = "a list of <stack>@<region> entries naming each secondary stack and its region, e.g. osaka@ap-northeast-3";
const PRINCIPALS =
    "IAM principal ARNs (arn:aws:iam::<account>:root | role/<name> | user/<name>) or 12-digit account ids";

/** The one line parseConfig throws for the tokyo example with `overrides` (undefined unsets a key). */
function errorOf(overrides: Record<string, string | undefined>): string {
    try {
        parseConfig(rawStackConfig("tokyo", overrides));
    } catch (e) {
        assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${String(e)}`);
        return e.message;
    }
    assert.fail("config was accepted");
}

const secondaries = (...entries: string[]) => ({ [`${P}secondaryStacks`]: JSON.stringify(entries) });

describe("primary config", () => {
    it("parses the hub as role primary", () => {
        assert.equal(stackConfig<PrimaryConfig>("tokyo").role, "primary");
    });

    it("takes several secondaries of distinct stacks and regions, in the order given", () => {
        const cfg = stackConfig<PrimaryConfig>("tokyo", secondaries("osaka@ap-northeast-3", "seoul@ap-northeast-2"));
        assert.deepEqual(cfg.secondaries, [
            { stack: "osaka", region: "ap-northeast-3" },
            { stack: "seoul", region: "ap-northeast-2" },
        ]);
    });

    it("secondaryStacks: each entry a <stack>@<region> of a commercial MRAP region, stacks and regions distinct", () => {
        const table: [Record<string, string>, string][] = [
            [
                secondaries(),
                `config ${P}secondaryStacks = []; allowed: ${SEC} (at least one: the MRAP needs a second region)`,
            ],
            // No @: the entry's stack part is not "osak" and its region not "osaka".
            [secondaries("osaka"), `config ${P}secondaryStacks = ["osaka"]; allowed: ${SEC}; osaka is not`],
            [
                secondaries("@ap-northeast-3"),
                `config ${P}secondaryStacks = ["@ap-northeast-3"]; allowed: ${SEC}; @ap-northeast-3 is not`,
            ],
            [
                secondaries("os aka@ap-northeast-3"),
                `config ${P}secondaryStacks = ["os aka@ap-northeast-3"]; allowed: ${SEC}; os aka@ap-northeast-3 is not`,
            ],
            [
                secondaries("gov@us-gov-west-1"),
                `config ${P}secondaryStacks = ["gov@us-gov-west-1"]; allowed: ${SEC}; us-gov-west-1 is not a commercial AWS region`,
            ],
            [
                secondaries("osaka@ap-northeast-3", "osaka2@ap-northeast-3"),
                `config ${P}secondaryStacks = ["osaka@ap-northeast-3","osaka2@ap-northeast-3"]; allowed: regions distinct from each other and from this stack's region ap-northeast-1 (one bucket per region)`,
            ],
            [
                secondaries("osaka@ap-northeast-3", "osaka@us-east-1"),
                `config ${P}secondaryStacks = ["osaka@ap-northeast-3","osaka@us-east-1"]; allowed: distinct stack names`,
            ],
        ];
        for (const [overrides, message] of table) assert.equal(errorOf(overrides), message);
    });

    it("destinationStack: required, a stack name or org/project/stack", () => {
        assert.equal(
            errorOf({ [`${P}destinationStack`]: undefined }),
            `config ${P}destinationStack is not set; allowed: a stack name, e.g. dest-account`,
        );
        assert.equal(
            errorOf({ [`${P}destinationStack`]: "dest account" }),
            `config ${P}destinationStack = "dest account"; allowed: a stack name (letters, digits, - _ .) or org/project/stack`,
        );
        const qualified = stackConfig<PrimaryConfig>("tokyo", { [`${P}destinationStack`]: "org/s3-multiregion/dest" });
        assert.equal(qualified.destinationStack, "org/s3-multiregion/dest");
    });

    it("activeRegion: unset with active-active", () => {
        assert.equal(
            errorOf({ [`${P}activeRegion`]: "ap-northeast-1" }),
            `config ${P}activeRegion = "ap-northeast-1"; allowed: unset when failoverMode is active-active (every region takes traffic)`,
        );
    });

    it("partners: no external id is needed without partner principals, and a set one must be STS's shape", () => {
        const none = stackConfig<PrimaryConfig>("tokyo", {
            [`${P}partnerPrincipals`]: "[]",
            [`${P}partnerExternalId`]: undefined,
        });
        assert.equal(none.partners, undefined);
        assert.equal(
            errorOf({ [`${P}partnerExternalId`]: "x" }),
            `config ${P}partnerExternalId = "x"; allowed: 2 to 1224 characters of letters, digits and +=,.@:/-_ (required when partnerPrincipals is set: it stops the confused-deputy problem)`,
        );
        assert.equal(
            errorOf({ [`${P}partnerPrincipals`]: undefined }),
            `config ${P}partnerPrincipals is not set; allowed: a list of ${PRINCIPALS}`,
        );
        assert.equal(
            errorOf({ [`${P}operatorPrincipals`]: '["arn:aws:iam::111111111111:group/ops"]' }),
            `config ${P}operatorPrincipals = ["arn:aws:iam::111111111111:group/ops"]; allowed: ${PRINCIPALS}; arn:aws:iam::111111111111:group/ops is neither`,
        );
    });

    it("alarmEmails: a list of e-mail addresses", () => {
        assert.equal(
            errorOf({ [`${P}alarmEmails`]: undefined }),
            `config ${P}alarmEmails is not set; allowed: a list of e-mail addresses`,
        );
        assert.equal(
            errorOf({ [`${P}alarmEmails`]: '["ops@example.com","oncall"]' }),
            `config ${P}alarmEmails = ["ops@example.com","oncall"]; allowed: e-mail addresses; oncall is not one`,
        );
    });
});
