// The Batch Replication job's caller: the stack's aws: settings, read the way the AWS provider reads them.
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { stackAwsCaller } from "../../stacks/awsCaller";

const DEPLOYER = "arn:aws:iam::111111111111:role/deployer";
const AUDITOR = "arn:aws:iam::111111111111:role/auditor";
const OLD = "arn:aws:iam::111111111111:role/old-single";

describe("stackAwsCaller: the aws: settings the job is created with", () => {
    let saved: Record<string, string>;
    before(() => (saved = pulumi.runtime.allConfig()));
    afterEach(() => pulumi.runtime.setAllConfig(saved));

    /** The caller settings with exactly these aws: keys set (values as the CLI stores them: strings, objects as JSON). */
    function callerWith(aws: Record<string, unknown>) {
        pulumi.runtime.setAllConfig(
            Object.fromEntries(
                Object.entries(aws).map(([k, v]) => [`aws:${k}`, typeof v === "string" ? v : JSON.stringify(v)]),
            ),
        );
        return stackAwsCaller();
    }

    it("no aws: settings: no profile, no roles, no account restriction (the process's own credentials)", () => {
        assert.deepEqual(callerWith({}), {});
    });

    it("set but empty settings count as not set: an empty profile, role list and account list add no key", () => {
        assert.deepEqual(callerWith({ profile: "", assumeRoles: [], allowedAccountIds: [] }), {});
    });

    it("aws:assumeRoles in order, each with only the fields that decide the caller, and wins over aws:assumeRole", () => {
        assert.deepEqual(
            callerWith({
                profile: "tokyo-admin",
                assumeRoles: [
                    { roleArn: DEPLOYER, sessionName: "up", externalId: "ext", duration: "1h" },
                    { roleArn: AUDITOR },
                    { sessionName: "no-arn" },
                ],
                assumeRole: { roleArn: OLD },
                allowedAccountIds: ["111111111111"],
            }),
            {
                profile: "tokyo-admin",
                assumeRoles: [
                    { roleArn: DEPLOYER, sessionName: "up", externalId: "ext" },
                    { roleArn: AUDITOR },
                    // An entry without a role ARN is passed on empty: the job refuses it in one line naming aws:assumeRoles.
                    { roleArn: "", sessionName: "no-arn" },
                ],
                allowedAccountIds: ["111111111111"],
            },
        );
    });

    it("the older single aws:assumeRole is used when aws:assumeRoles is empty or absent", () => {
        const single = { roleArn: OLD, sessionName: "up", externalId: "ext" };
        assert.deepEqual(callerWith({ assumeRoles: [], assumeRole: single }), { assumeRoles: [single] });
        assert.deepEqual(callerWith({ assumeRole: { roleArn: OLD, sessionName: "", externalId: "" } }), {
            assumeRoles: [{ roleArn: OLD }],
        });
    });

    it("an aws:assumeRole without a role ARN assumes nothing", () => {
        assert.deepEqual(callerWith({ assumeRole: { sessionName: "up" } }), {});
    });

    it("aws:allowedAccountIds alone restricts the caller's account", () => {
        assert.deepEqual(callerWith({ allowedAccountIds: ["111111111111", "222222222222"] }), {
            allowedAccountIds: ["111111111111", "222222222222"],
        });
    });
});
