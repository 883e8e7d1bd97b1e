// Account B's copy in config: each mode parses exactly; every bad value is one line naming the key and what is allowed.
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import {
    backupCopyOf,
    COPY_TAG_KEY,
    copyKeySetOffDestination,
    DEFAULT_DESTINATION_MODE,
    DestinationCopy,
} from "../../config/destinationCopy";
import { ConfigError, DestinationConfig, parseConfig } from "../../config/platformConfig";
import { COPY_TAG_KEY as PACK_COPY_TAG_KEY } from "../../policy/policies/backup";
import { PROJECT_DIR, rawStackConfig, stackConfig } from "../support/stackConfigs";

const P = "s3-multiregion:";

function errorOf(stack: string, overrides: Record<string, string>): string {
    try {
        parseConfig(rawStackConfig(stack, overrides));
    } catch (e) {
        assert.ok(e instanceof ConfigError, `expected ConfigError, got ${e}`);
        assert.ok(!e.message.includes("\n"), "the message is one line");
        return e.message;
    }
    assert.fail("config was accepted");
}

const copyOf = (overrides: Record<string, string>): DestinationCopy =>
    stackConfig<DestinationConfig>("dest-account", overrides).copy;

describe("destinationMode and the backup keys", () => {
    it("parses each mode exactly", () => {
        const table: [Record<string, string>, DestinationCopy][] = [
            [{}, { mode: "backup" }],
            [{ [`${P}destinationMode`]: "mirror" }, { mode: "mirror" }],
            [{ [`${P}backupNoncurrentDays`]: "365" }, { mode: "backup", noncurrentDays: 365 }],
            [{ [`${P}backupNoncurrentDays`]: "36500" }, { mode: "backup", noncurrentDays: 36500 }],
            [
                { [`${P}objectLockMode`]: "GOVERNANCE", [`${P}objectLockRetentionDays`]: "1" },
                { mode: "backup", objectLock: { mode: "GOVERNANCE", days: 1 } },
            ],
            [
                {
                    [`${P}destinationMode`]: "backup",
                    [`${P}backupNoncurrentDays`]: "30",
                    [`${P}objectLockMode`]: "COMPLIANCE",
                    [`${P}objectLockRetentionDays`]: "36500",
                },
                { mode: "backup", noncurrentDays: 30, objectLock: { mode: "COMPLIANCE", days: 36500 } },
            ],
        ];
        for (const [overrides, expected] of table)
            assert.deepEqual(copyOf(overrides), expected, JSON.stringify(overrides));
    });

    const bad: [string, string, Record<string, string>, string][] = [
        [
            "an unknown mode",
            "dest-account",
            { [`${P}destinationMode`]: "archive" },
            'config s3-multiregion:destinationMode = "archive"; allowed: mirror or backup (unset = backup)',
        ],
        [
            "negative backup days",
            "dest-account",
            { [`${P}backupNoncurrentDays`]: "-1" },
            'config s3-multiregion:backupNoncurrentDays = "-1"; allowed: 0 (keep noncurrent versions forever) or a number of days from 1 to 36500',
        ],
        [
            "backup days beyond the bound",
            "dest-account",
            { [`${P}backupNoncurrentDays`]: "36501" },
            'config s3-multiregion:backupNoncurrentDays = "36501"; allowed: 0 (keep noncurrent versions forever) or a number of days from 1 to 36500',
        ],
        [
            "fractional backup days",
            "dest-account",
            { [`${P}backupNoncurrentDays`]: "1.5" },
            'config s3-multiregion:backupNoncurrentDays = "1.5"; allowed: 0 (keep noncurrent versions forever) or a number of days from 1 to 36500',
        ],
        [
            "backup days in mirror mode",
            "dest-account",
            { [`${P}destinationMode`]: "mirror", [`${P}backupNoncurrentDays`]: "30" },
            "config s3-multiregion:backupNoncurrentDays = 30; allowed: 0 when destinationMode is mirror (a mirror's noncurrent versions expire after noncurrentVersionExpirationDays)",
        ],
        [
            "an unknown lock mode",
            "dest-account",
            { [`${P}objectLockMode`]: "governance", [`${P}objectLockRetentionDays`]: "30" },
            'config s3-multiregion:objectLockMode = "governance"; allowed: unset (no Object Lock), GOVERNANCE or COMPLIANCE',
        ],
        [
            "Object Lock on a mirror",
            "dest-account",
            {
                [`${P}destinationMode`]: "mirror",
                [`${P}objectLockMode`]: "COMPLIANCE",
                [`${P}objectLockRetentionDays`]: "30",
            },
            'config s3-multiregion:objectLockMode = "COMPLIANCE"; allowed: unset when destinationMode is mirror (a mirror follows deletes; Object Lock belongs to a backup)',
        ],
        [
            "retention days on a mirror",
            "dest-account",
            { [`${P}destinationMode`]: "mirror", [`${P}objectLockRetentionDays`]: "30" },
            "config s3-multiregion:objectLockRetentionDays = 30; allowed: 0 when destinationMode is mirror (a mirror follows deletes)",
        ],
        [
            "a lock mode without retention days",
            "dest-account",
            { [`${P}objectLockMode`]: "COMPLIANCE" },
            "config s3-multiregion:objectLockRetentionDays = 0; allowed: a number of days from 1 to 36500, required when objectLockMode is COMPLIANCE",
        ],
        [
            "retention beyond what Object Lock accepts",
            "dest-account",
            { [`${P}objectLockMode`]: "GOVERNANCE", [`${P}objectLockRetentionDays`]: "36501" },
            'config s3-multiregion:objectLockRetentionDays = "36501"; allowed: a number of days from 1 to 36500 (what S3 Object Lock accepts), with objectLockMode',
        ],
        [
            "retention days without a lock mode",
            "dest-account",
            { [`${P}objectLockRetentionDays`]: "30" },
            "config s3-multiregion:objectLockRetentionDays = 30; allowed: 0 unless objectLockMode is GOVERNANCE or COMPLIANCE",
        ],
        [
            "a mode on the hub, which follows the destination stack",
            "tokyo",
            { [`${P}destinationMode`]: "mirror" },
            'config s3-multiregion:destinationMode = "mirror"; allowed: unset on a primary stack (account B\'s copy is set on the destination stack, whose outputs the hub follows)',
        ],
        [
            "Object Lock on a secondary",
            "osaka",
            { [`${P}objectLockMode`]: "COMPLIANCE" },
            'config s3-multiregion:objectLockMode = "COMPLIANCE"; allowed: unset on a secondary stack (account B\'s copy is set on the destination stack, whose outputs the hub follows)',
        ],
        [
            "backup days on a secondary",
            "osaka",
            { [`${P}backupNoncurrentDays`]: "30" },
            'config s3-multiregion:backupNoncurrentDays = "30"; allowed: unset on a secondary stack (account B\'s copy is set on the destination stack, whose outputs the hub follows)',
        ],
    ];
    for (const [what, stack, overrides, expected] of bad) {
        it(`refuses ${what} with one line naming the key`, () => assert.equal(errorOf(stack, overrides), expected));
    }

    it("accepts the default mode, written out, on a regional stack (what Pulumi.yaml's default hands it)", () => {
        assert.doesNotThrow(() => stackConfig("tokyo", { [`${P}destinationMode`]: DEFAULT_DESTINATION_MODE }));
    });

    it("Pulumi.yaml declares the mode's default the code assumes, and the other copy keys unset", () => {
        const project = yaml.load(fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), "utf8")) as {
            config: Record<string, { default?: unknown }>;
        };
        assert.equal(project.config.destinationMode.default, DEFAULT_DESTINATION_MODE);
        assert.equal(project.config.backupNoncurrentDays.default, 0);
        assert.equal(project.config.objectLockMode.default, "");
        assert.equal(project.config.objectLockRetentionDays.default, 0);
    });
});

describe("account B's copy beyond parsing", () => {
    it("backupCopyOf gives the destination stack's backup copy, and nothing for a mirror or another role", () => {
        const lock = { [`${P}objectLockMode`]: "GOVERNANCE", [`${P}objectLockRetentionDays`]: "30" };
        const backup = stackConfig<DestinationConfig>("dest-account", lock);
        assert.deepEqual(backupCopyOf(backup), { mode: "backup", objectLock: { mode: "GOVERNANCE", days: 30 } });
        assert.equal(backupCopyOf(stackConfig("dest-account", { [`${P}destinationMode`]: "mirror" })), undefined);
        assert.equal(backupCopyOf(stackConfig("tokyo")), undefined);
        assert.equal(backupCopyOf(stackConfig("osaka")), undefined);
    });

    it("a regional stack's copy keys count as set only when they differ from Pulumi.yaml's defaults", () => {
        // The defaults as the CLI may hand them over: unset, "" for the texts, "0" for the day counts.
        assert.equal(copyKeySetOffDestination({}), undefined);
        assert.equal(
            copyKeySetOffDestination({
                destinationMode: "",
                backupNoncurrentDays: "0",
                objectLockMode: "",
                objectLockRetentionDays: "",
            }),
            undefined,
        );
        assert.equal(copyKeySetOffDestination({ destinationMode: DEFAULT_DESTINATION_MODE }), undefined);
        assert.deepEqual(copyKeySetOffDestination({ destinationMode: "mirror" }), {
            key: "destinationMode",
            value: "mirror",
        });
        assert.deepEqual(copyKeySetOffDestination({ objectLockMode: "", objectLockRetentionDays: "1" }), {
            key: "objectLockRetentionDays",
            value: "1",
        });
    });

    it("the copy tag is the one the policy pack reads a bucket's intent from", () => {
        assert.equal(COPY_TAG_KEY, PACK_COPY_TAG_KEY);
    });
});
