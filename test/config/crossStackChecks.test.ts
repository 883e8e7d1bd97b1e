// crossStackProblems rule by rule: which values count, which names collide, which references are checked and which stacks no hub lists.
import * as assert from "node:assert/strict";
import { crossStackProblems, RoleStackFile } from "../../config/crossStackChecks";
import { DeclaredKey, declaredKeys } from "../../config/projectFile";
import { discoverStacks } from "../../config/stackFiles";
import { PROJECT_DIR } from "../support/stackConfigs";

const P = "s3-multiregion:";
const declared: Map<string, DeclaredKey> = declaredKeys(PROJECT_DIR);
const example = (): RoleStackFile[] => discoverStacks(PROJECT_DIR).map((s) => ({ ...s, config: { ...s.config } }));
const byName = (stacks: RoleStackFile[], name: string) => stacks.find((s) => s.name === name)!;
const ALLOWED_NAMES = "allowed: each stack file its own region, role or namePrefix";

/** A copy of an example stack under another name, with config changes (undefined deletes a key). */
function copyOf(stacks: RoleStackFile[], from: string, name: string, changes: Record<string, unknown> = {}) {
    const source = byName(stacks, from);
    const config: Record<string, unknown> = { ...source.config, ...changes };
    for (const [k, v] of Object.entries(changes)) if (v === undefined) delete config[k];
    const copy = { ...source, name, file: source.file.replace(`Pulumi.${from}.yaml`, `Pulumi.${name}.yaml`), config };
    stacks.push(copy);
    return copy;
}

const disagree = (key: string, values: string) =>
    `stacks disagree on ${P}${key}: ${values}; allowed: one value in every stack file (each side derives names and grants from it)`;

describe("crossStackProblems: shared keys", () => {
    it("compares a number YAML read from an unquoted account id as its digits", () => {
        const stacks = example();
        byName(stacks, "dest-account").config[`${P}sourceAccountId`] = 333333333334;
        assert.deepEqual(crossStackProblems(stacks, declared).errors, [
            disagree("sourceAccountId", '"111111111111" in osaka, tokyo; "333333333334" in dest-account'),
        ]);
        byName(stacks, "dest-account").config[`${P}sourceAccountId`] = 111111111111;
        assert.deepEqual(crossStackProblems(stacks, declared).errors, []);
    });

    it("leaves out a value that is unset, empty, a list or a secret: parseConfig names those", () => {
        for (const value of [undefined, "", ["other-s3mr"], { secure: "v1:abc" }]) {
            const stacks = example();
            if (value === undefined) delete byName(stacks, "dest-account").config[`${P}namePrefix`];
            else byName(stacks, "dest-account").config[`${P}namePrefix`] = value;
            assert.deepEqual(crossStackProblems(stacks, declared).errors, [], JSON.stringify(value));
        }
    });
});

describe("crossStackProblems: names two stacks would both create", () => {
    it("a hub prefix that ends where another hub's role purpose begins: one role name in one account", () => {
        const stacks = example();
        copyOf(stacks, "tokyo", "tokyo-batch", { [`${P}namePrefix`]: "example-s3mr-batch", "aws:region": "us-east-1" });
        const { errors } = crossStackProblems(stacks, declared);
        assert.deepEqual(errors.slice(1), [
            `stacks tokyo and tokyo-batch would both create role example-s3mr-batch-replication in 111111111111; ${ALLOWED_NAMES}`,
        ]);
    });

    it("two hubs of different prefixes in one account and region create no name twice", () => {
        const stacks = example();
        copyOf(stacks, "tokyo", "tokyo-other", { [`${P}namePrefix`]: "other-s3mr" });
        assert.deepEqual(crossStackProblems(stacks, declared).errors, [
            disagree("namePrefix", '"example-s3mr" in dest-account, osaka, tokyo; "other-s3mr" in tokyo-other'),
        ]);
    });

    it("a hub file turned secondary in the hub's region: its data and reports buckets and nothing else", () => {
        const stacks = example();
        copyOf(stacks, "tokyo", "tokyo-regional", { [`${P}role`]: "secondary" }).role = "secondary";
        assert.deepEqual(crossStackProblems(stacks, declared).errors, [
            `stacks tokyo and tokyo-regional would both create bucket example-s3mr-data-111111111111-ap-northeast-1 (and 1 more name(s)); ${ALLOWED_NAMES}`,
        ]);
    });

    it("two secondaries in one region: both buckets and the regional Batch Replication role", () => {
        const stacks = example();
        copyOf(stacks, "osaka", "osaka-copy");
        assert.deepEqual(crossStackProblems(stacks, declared).errors, [
            `stacks osaka and osaka-copy would both create bucket example-s3mr-data-111111111111-ap-northeast-3 (and 2 more name(s)); ${ALLOWED_NAMES}`,
        ]);
    });

    it("two destinations in one account and region: replica and reports buckets and the batch copy role", () => {
        const stacks = example();
        copyOf(stacks, "dest-account", "dest-copy");
        assert.deepEqual(crossStackProblems(stacks, declared).errors, [
            `stacks dest-account and dest-copy would both create bucket example-s3mr-replica-222222222222-ap-northeast-1 (and 2 more name(s)); ${ALLOWED_NAMES}`,
        ]);
    });

    it("a destination in account A and the hub's region: its reports bucket is the hub's", () => {
        const stacks = example();
        const dest = byName(stacks, "dest-account");
        dest.config[`${P}destinationAccountId`] = "111111111111";
        delete dest.config["aws:allowedAccountIds"];
        const { errors } = crossStackProblems(stacks, declared);
        assert.deepEqual(errors.slice(1), [
            `stacks dest-account and tokyo would both create bucket example-s3mr-reports-111111111111-ap-northeast-1; ${ALLOWED_NAMES}`,
        ]);
    });

    for (const key of [`${P}namePrefix`, `${P}sourceAccountId`, "aws:region"]) {
        it(`two copies without ${key} claim no names (parseConfig names the missing key)`, () => {
            const stacks = example();
            delete byName(stacks, "tokyo").config[key];
            copyOf(stacks, "tokyo", "tokyo-copy");
            assert.deepEqual(crossStackProblems(stacks, declared).errors, []);
        });
    }
});

describe("crossStackProblems: references from the hub", () => {
    const secondaries = (stacks: RoleStackFile[], value: unknown) =>
        (byName(stacks, "tokyo").config[`${P}secondaryStacks`] = value);
    const unlisted = (name: string, role: string, key: string, hubs = "tokyo") =>
        `stack ${name} (${role}) is listed by no hub (${hubs}): it would deploy alone, outside the MRAP and the replication; add it to ${key} or remove Pulumi.${name}.yaml`;

    it("a fully-qualified reference to this project's stack is checked and lists it", () => {
        const stacks = example();
        secondaries(stacks, ["org/s3-multiregion/osaka@ap-northeast-3"]);
        assert.deepEqual(crossStackProblems(stacks, declared), { errors: [], advisories: [] });
        secondaries(stacks, ["org/s3-multiregion/osaka@ap-northeast-1"]);
        assert.deepEqual(crossStackProblems(stacks, declared).errors, [
            'Pulumi.tokyo.yaml: s3-multiregion:secondaryStacks entry "org/s3-multiregion/osaka@ap-northeast-1": stack osaka is in ap-northeast-3 (its aws:region); allowed: osaka@ap-northeast-3',
        ]);
    });

    it("another project's stack is not checked here and lists none of this project's", () => {
        for (const ref of ["org/other-project/nosuch", "org/other-project/osaka", "org/s3-multiregion", "a/b/c/d"]) {
            const stacks = example();
            secondaries(stacks, [`${ref}@ap-northeast-3`]);
            assert.deepEqual(
                crossStackProblems(stacks, declared),
                { errors: [], advisories: [unlisted("osaka", "secondary", "secondaryStacks")] },
                ref,
            );
        }
        const stacks = example();
        byName(stacks, "tokyo").config[`${P}destinationStack`] = "org/other-project/dest-account";
        assert.deepEqual(crossStackProblems(stacks, declared), {
            errors: [],
            advisories: [unlisted("dest-account", "destination", "destinationStack")],
        });
    });

    it("entries parseConfig refuses (no @, not a list) are left to it, and list nothing", () => {
        for (const value of [["osaka"], [5], "osaka@ap-northeast-3"]) {
            const stacks = example();
            secondaries(stacks, value);
            assert.deepEqual(
                crossStackProblems(stacks, declared),
                { errors: [], advisories: [unlisted("osaka", "secondary", "secondaryStacks")] },
                JSON.stringify(value),
            );
        }
    });

    it("names the stack files sorted, and every stack of the wanted role or that there is none", () => {
        const stacks = example().reverse();
        copyOf(stacks, "osaka", "bangkok", { "aws:region": "ap-southeast-7" });
        secondaries(stacks, ["osaka@ap-northeast-3", "bangkok@ap-southeast-7", "nowhere@ap-northeast-2"]);
        assert.deepEqual(crossStackProblems(stacks, declared).errors, [
            'Pulumi.tokyo.yaml: s3-multiregion:secondaryStacks entry "nowhere@ap-northeast-2" names no stack file (stacks: bangkok, dest-account, osaka, tokyo)',
        ]);
        secondaries(stacks, ["osaka@ap-northeast-3", "dest-account@ap-northeast-1"]);
        assert.equal(
            crossStackProblems(stacks, declared).errors[0],
            'Pulumi.tokyo.yaml: s3-multiregion:secondaryStacks entry "dest-account@ap-northeast-1" names stack dest-account, whose role is destination; allowed: a secondary stack (bangkok, osaka)',
        );
        const noDestination = example().filter((s) => s.role !== "destination");
        byName(noDestination, "tokyo").config[`${P}destinationStack`] = "osaka";
        assert.deepEqual(crossStackProblems(noDestination, declared).errors, [
            'Pulumi.tokyo.yaml: s3-multiregion:destinationStack = "osaka" names stack osaka, whose role is secondary; allowed: a destination stack (none in this project)',
        ]);
    });

    it("a listed stack without aws:region is not compared (parseConfig names it)", () => {
        const stacks = example();
        delete byName(stacks, "osaka").config["aws:region"];
        assert.deepEqual(crossStackProblems(stacks, declared), { errors: [], advisories: [] });
    });

    it("only a hub's references are checked: a secondary's destinationStack is not its to set", () => {
        const stacks = example();
        byName(stacks, "osaka").config[`${P}destinationStack`] = "nowhere";
        assert.deepEqual(crossStackProblems(stacks, declared), { errors: [], advisories: [] });
    });

    it("advisories name every hub, and none are given in a project without a hub", () => {
        const stacks = example();
        copyOf(stacks, "tokyo", "virginia", { "aws:region": "us-east-1", [`${P}secondaryStacks`]: [] });
        copyOf(stacks, "osaka", "bangkok", { "aws:region": "ap-southeast-7" });
        assert.deepEqual(crossStackProblems(stacks, declared).advisories, [
            unlisted("bangkok", "secondary", "secondaryStacks", "tokyo, virginia"),
        ]);
        const noHub = example().filter((s) => s.role !== "primary");
        assert.deepEqual(crossStackProblems(noHub, declared), { errors: [], advisories: [] });
    });
});
