// The SDK internals the offline recorder relies on (verifier/pulumiSdk.ts) are still there, and the recorder still
// sees parents, dependencies and declared options.
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { installMocks, settle, valueOf } from "../../verifier/mockRuntime";
import { engineUrn, installedPulumiVersion, PULUMI_VERSION_WRITTEN_FOR } from "../../verifier/pulumiSdk";

class Thing extends pulumi.CustomResource {
    constructor(name: string, props: pulumi.Inputs, opts: pulumi.CustomResourceOptions) {
        super("test:index:Thing", name, props, opts);
    }
}

class Box extends pulumi.ComponentResource {
    readonly first: Thing;
    readonly second: Thing;
    constructor(name: string) {
        super("test:index:Box", name, {});
        this.first = new Thing(`${name}-first`, { size: 1 }, { parent: this });
        this.second = new Thing(
            `${name}-second`,
            { size: 2 },
            {
                parent: this,
                dependsOn: [this.first],
                deleteBeforeReplace: true,
                protect: true,
                retainOnDelete: true,
                ignoreChanges: ["tags"],
            },
        );
        this.registerOutputs({ firstUrn: this.first.urn });
    }
}

describe("verifier/pulumiSdk: the internals of the pinned @pulumi/pulumi", () => {
    it(`the installed @pulumi/pulumi is ${PULUMI_VERSION_WRITTEN_FOR}, the version the adapter was written for`, () => {
        assert.equal(
            installedPulumiVersion(),
            PULUMI_VERSION_WRITTEN_FOR,
            `verifier/pulumiSdk.ts reaches into @pulumi/pulumi ${PULUMI_VERSION_WRITTEN_FOR} internals (the mock monitor's requests, runtime/settings waitForRPCs, Output.promise); re-check each against the installed version before moving the pin`,
        );
    });

    it("records type, name, engine URN, parent, dependencies, inputs and mock outputs of every resource; the root stack is left out", async () => {
        const rec = await installMocks({ stack: "sdk", accountId: "111111111111", region: "ap-northeast-1" });
        const box = new Box("box");
        await valueOf(box.second.urn);
        await settle();
        const base = "urn:pulumi:sdk::s3-multiregion::";
        assert.deepEqual(
            rec.resources.map((r) => ({
                urn: r.urn,
                parent: r.parent,
                dependencies: r.dependencies,
                inputs: r.inputs,
            })),
            [
                { urn: `${base}test:index:Box::box`, parent: undefined, dependencies: [], inputs: {} },
                {
                    urn: `${base}test:index:Box$test:index:Thing::box-first`,
                    parent: `${base}test:index:Box::box`,
                    dependencies: [],
                    inputs: { size: 1 },
                },
                {
                    urn: `${base}test:index:Box$test:index:Thing::box-second`,
                    parent: `${base}test:index:Box::box`,
                    dependencies: [`${base}test:index:Box$test:index:Thing::box-first`],
                    inputs: { size: 2 },
                },
            ],
        );
        const second = rec.one("test:index:Thing", "box-second");
        assert.deepEqual(
            { protect: second.protect, retainOnDelete: second.retainOnDelete, outputs: second.outputs },
            { protect: true, retainOnDelete: true, outputs: { size: 2 } },
        );
        // A component's registerOutputs, resolved; a custom resource registers none.
        assert.deepEqual(rec.registeredOutputs.get(rec.one("test:index:Box", "box").urn), {
            firstUrn: "urn:pulumi:sdk::s3-multiregion::test:index:Box$test:index:Thing::box-first",
        });
        assert.equal(rec.registeredOutputs.has(second.urn), false);
    });

    it("captures each resource's declared options through the stack transformation, with URNs as recorded", async () => {
        const rec = await installMocks({ stack: "sdk", accountId: "111111111111", region: "ap-northeast-1" });
        new Box("box");
        await settle();
        const base = "urn:pulumi:sdk::s3-multiregion::";
        assert.deepEqual(
            rec.resources.map((r) => [r.name, r.options]),
            [
                ["box", {}],
                ["box-first", { parent: `${base}test:index:Box::box` }],
                [
                    "box-second",
                    {
                        parent: `${base}test:index:Box::box`,
                        dependsOn: [`${base}test:index:Box$test:index:Thing::box-first`],
                        deleteBeforeReplace: true,
                        protect: true,
                        retainOnDelete: true,
                        ignoreChanges: ["tags"],
                    },
                ],
            ],
        );
    });

    it("an Output that fails rejects valueOf instead of hanging", async () => {
        await installMocks({ stack: "sdk", accountId: "111111111111", region: "ap-northeast-1" });
        const failing = pulumi.output("x").apply((): string => {
            throw new Error("peer in the wrong region");
        });
        await assert.rejects(valueOf(failing), /peer in the wrong region/);
    });

    it("engineUrn drops the root stack's type the mock monitor puts in front of its children's types", () => {
        assert.equal(
            engineUrn("urn:pulumi:s::p::pulumi:pulumi:Stack$aws:s3/bucket:Bucket::b"),
            "urn:pulumi:s::p::aws:s3/bucket:Bucket::b",
        );
        assert.equal(
            engineUrn("urn:pulumi:s::p::pulumi:pulumi:Stack$x:y:C$aws:s3/bucket:Bucket::b"),
            "urn:pulumi:s::p::x:y:C$aws:s3/bucket:Bucket::b",
        );
    });
});
