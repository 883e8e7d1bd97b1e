// The typed reader under every parser: "" is unset, each type refuses what it cannot read in one line naming the key.
import * as assert from "node:assert/strict";
import { ConfigError, Reader } from "../../config/configReader";

const reader = (values: Record<string, string | undefined>) =>
    new Reader({ stack: "tokyo", awsRegion: "ap-northeast-1", values });

/** The ConfigError `read` throws: its key and its one line. */
function refusal(read: () => unknown): { key: string; message: string } {
    try {
        read();
    } catch (e) {
        assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${e}`);
        return { key: e.key, message: e.message };
    }
    assert.fail("the value was accepted");
}

describe("config reader", () => {
    it("refuses a key the program does not declare, as a programming error", () => {
        assert.throws(
            () => reader({ nope: "x" }).optionalString("nope"),
            (e: Error) => !(e instanceof ConfigError) && e.message === "config key nope is not declared in CONFIG_KEYS",
        );
    });

    it("reads an empty text as unset (Pulumi.yaml's default for optional keys)", () => {
        assert.equal(reader({ kmsKeyArn: "" }).optionalString("kmsKeyArn"), undefined);
        assert.equal(reader({}).optionalString("kmsKeyArn"), undefined);
        assert.equal(reader({ kmsKeyArn: "k" }).optionalString("kmsKeyArn"), "k");
        assert.deepEqual(
            refusal(() => reader({ namePrefix: "" }).string("namePrefix", "lower-case letters")),
            {
                key: "s3-multiregion:namePrefix",
                message: "config s3-multiregion:namePrefix is not set; allowed: lower-case letters",
            },
        );
    });

    it("reads a boolean from exactly true or false", () => {
        assert.equal(reader({ protectBuckets: "true" }).boolean("protectBuckets"), true);
        assert.equal(reader({ protectBuckets: "false" }).boolean("protectBuckets"), false);
        assert.equal(
            refusal(() => reader({}).boolean("protectBuckets")).message,
            "config s3-multiregion:protectBuckets is not set; allowed: true or false",
        );
        assert.equal(
            refusal(() => reader({ protectBuckets: "yes" }).boolean("protectBuckets")).message,
            'config s3-multiregion:protectBuckets = "yes"; allowed: true or false',
        );
    });

    it("reads a list from a JSON list of strings, and nothing else", () => {
        const list = (v: string | undefined) => reader({ alarmEmails: v }).array("alarmEmails", "e-mail addresses");
        assert.deepEqual(list("[]"), []);
        assert.deepEqual(list('["a@example.com","b@example.com"]'), ["a@example.com", "b@example.com"]);
        for (const unset of [undefined, ""])
            assert.deepEqual(
                refusal(() => list(unset)),
                {
                    key: "s3-multiregion:alarmEmails",
                    message: "config s3-multiregion:alarmEmails is not set; allowed: a list of e-mail addresses",
                },
            );
        for (const bad of ["[", "a@example.com", '"a@example.com"', '{"a":"b"}', "[1]", '["a@example.com",1]'])
            assert.equal(
                refusal(() => list(bad)).message,
                `config s3-multiregion:alarmEmails = ${JSON.stringify(bad)}; allowed: a list of e-mail addresses`,
                bad,
            );
    });
});
