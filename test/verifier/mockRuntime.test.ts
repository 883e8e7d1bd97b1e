// The mock runtime records each resource as the engine would see it (kind, parent, options, read or created), and
// answers the only two invokes a program may make offline as AWS would.
import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { installMocks, settle, valueOf } from "../../verifier/mockRuntime";

const A = "111111111111";
const BUCKET = "aws:s3/bucket:Bucket";

class Box extends pulumi.ComponentResource {
    constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
        super("test:index:Box", name, {}, opts);
        new aws.s3.Bucket(`${name}-inner`, { bucket: `${name}-inner` }, { parent: this });
        this.registerOutputs({});
    }
}

describe("verifier mock runtime", () => {
    it("records a component, its child, a read resource and a top-level one with their kind, parent and options", async () => {
        const rec = await installMocks({ stack: "tokyo", accountId: A, region: "ap-northeast-1" });
        const box = new Box("box");
        const provider = new aws.Provider("osaka", { region: "ap-northeast-3" });
        const kept = new aws.s3.Bucket(
            "kept",
            { bucket: "kept" },
            { protect: true, retainOnDelete: true, dependsOn: [box], provider },
        );
        aws.s3.Bucket.get("legacy", "legacy-bucket");
        const replaced = new aws.s3.Bucket(
            "replaced",
            { bucket: "replaced" },
            {
                deleteBeforeReplace: true,
                ignoreChanges: ["tags"],
                replaceOnChanges: ["bucket"],
                deletedWith: kept,
                dependsOn: kept,
            },
        );
        await valueOf(kept.arn);
        await valueOf(replaced.arn);
        await settle();
        const brief = (type: string, name: string) => {
            const r = rec.one(type, name);
            return {
                custom: r.custom,
                read: r.read,
                id: r.id,
                parent: r.parent,
                dependencies: r.dependencies,
                provider: r.provider,
                protect: r.protect,
                retainOnDelete: r.retainOnDelete,
            };
        };
        const boxUrn = "urn:pulumi:tokyo::s3-multiregion::test:index:Box::box";
        // The mocks give every resource an id; a component's is a stable hash of its name.
        const boxRecord = brief("test:index:Box", "box");
        assert.match(boxRecord.id ?? "", /^box-[0-9a-f]{8}$/);
        assert.deepEqual(boxRecord, {
            custom: false,
            read: false,
            id: boxRecord.id,
            parent: undefined,
            dependencies: [],
            provider: undefined,
            protect: false,
            retainOnDelete: false,
        });
        assert.deepEqual(brief(BUCKET, "box-inner"), {
            custom: true,
            read: false,
            id: "box-inner",
            parent: boxUrn,
            dependencies: [],
            provider: undefined,
            protect: false,
            retainOnDelete: false,
        });
        const keptRecord = brief(BUCKET, "kept");
        assert.deepEqual(
            { ...keptRecord, provider: keptRecord.provider?.split("::").slice(0, 4) },
            {
                custom: true,
                read: false,
                id: "kept",
                parent: undefined,
                // Depending on a component is depending on its resources, as the engine records it.
                dependencies: ["urn:pulumi:tokyo::s3-multiregion::test:index:Box$aws:s3/bucket:Bucket::box-inner"],
                provider: ["urn:pulumi:tokyo", "s3-multiregion", "pulumi:providers:aws", "osaka"],
                protect: true,
                retainOnDelete: true,
            },
        );
        assert.deepEqual(brief(BUCKET, "legacy"), {
            custom: true,
            read: true,
            id: "legacy-bucket",
            parent: undefined,
            dependencies: [],
            provider: undefined,
            protect: false,
            retainOnDelete: false,
        });
        assert.deepEqual(
            rec
                .ofType(BUCKET)
                .map((b) => b.name)
                .sort(),
            ["box-inner", "kept", "legacy", "replaced"],
        );
        // The options as the program declared them, and only those it set (the stack transformation's view).
        const urn = (name: string) => rec.one(BUCKET, name).urn;
        assert.deepEqual(rec.one(BUCKET, "replaced").options, {
            deleteBeforeReplace: true,
            ignoreChanges: ["tags"],
            replaceOnChanges: ["bucket"],
            dependsOn: [urn("kept")],
            deletedWith: urn("kept"),
        });
        assert.deepEqual(rec.one(BUCKET, "kept").options, { protect: true, retainOnDelete: true, dependsOn: [boxUrn] });
        assert.deepEqual(rec.one(BUCKET, "box-inner").options, { parent: boxUrn });
        assert.deepEqual(rec.one("test:index:Box", "box").options, {});
        // Registrations arrive in any order: the message lists what there is, in that order.
        const have = rec.resources.map((r) => `${r.type}/${r.name}`).join(", ");
        assert.equal(have.split(", ").length, 6);
        assert.throws(
            () => rec.one(BUCKET, "none"),
            new Error(`expected one ${BUCKET} named none, found 0; have: ${have}`),
        );
    });

    it("answers who the caller is and which buckets it owns under a prefix, and refuses every other invoke", async () => {
        const rec = await installMocks({
            stack: "tokyo",
            accountId: A,
            region: "ap-northeast-1",
            callerAccountId: "333333333333",
            ownedBuckets: [
                { name: "legacy-a", region: "ap-northeast-3" },
                { name: "other", region: "ap-northeast-1" },
                { name: "", region: "ap-northeast-1" },
                { name: "x-legacy-b", region: "ap-northeast-1" },
            ],
        });
        const caller = await aws.getCallerIdentity({});
        assert.deepEqual(
            [caller.accountId, caller.arn, caller.userId],
            ["333333333333", "arn:aws:iam::333333333333:role/deployer", "AROAMOCK"],
        );
        const owned = await aws.s3.getBuckets({ prefix: "legacy" });
        assert.deepEqual(owned.buckets, [
            {
                name: "legacy-a",
                bucketRegion: "ap-northeast-3",
                bucketArn: "arn:aws:s3:::legacy-a",
                creationDate: "2020-01-01T00:00:00Z",
            },
        ]);
        // Any other fact must come from config: the invoke fails (the SDK reports the mock's refusal as an Error).
        await assert.rejects(aws.s3.getBucket({ bucket: "b" }));
        assert.deepEqual(rec.invokes, [
            "aws:index/getCallerIdentity:getCallerIdentity",
            "aws:s3/getBuckets:getBuckets",
            "aws:s3/getBucket:getBucket",
        ]);

        // Without a list, the account owns whichever bucket is asked for, in the stack's region; the caller is the
        // stack's own account.
        await installMocks({ stack: "tokyo", accountId: A, region: "ap-northeast-1" });
        assert.equal((await aws.getCallerIdentity({})).accountId, A);
        assert.deepEqual(
            (await aws.s3.getBuckets({ prefix: "asked" })).buckets?.map((b) => [b.name, b.bucketRegion]),
            [["asked", "ap-northeast-1"]],
        );
    });
});
