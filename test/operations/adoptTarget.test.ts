// Tests of `adopt --stack NAME` resolution beyond the basics: values YAML reads as numbers, config the parser refuses, mesh targets.
import * as assert from "assert";
import { discoverStacks } from "../../config/stackFiles";
import { UsageError } from "../../operations/common/cli";
import { resolveAdoptTarget } from "../../operations/adopt/adoptTarget";
import { LEGACY, makeProject, removeProjects } from "./adoptWorld";

describe("adopt: --stack resolution, values as YAML reads them", () => {
    after(removeProjects);
    const resolve = (project: string, stack: string) => resolveAdoptTarget(project, discoverStacks(project), stack);

    it("an all-digit existingBucketName or aws:profile is that name, as the stack reads it", () => {
        const project = makeProject({
            osaka: { "s3-multiregion:existingBucketName": 123456, "aws:profile": 42 },
        });
        const t = resolve(project, "osaka");
        assert.deepStrictEqual([t.bucket, t.profile], ["123456", "42"]);
    });

    it("no aws:profile, or an empty one, is the default credential chain", () => {
        assert.strictEqual(resolve(makeProject(), "osaka").profile, undefined);
        assert.strictEqual(
            resolve(makeProject({ osaka: { "s3-multiregion:existingBucketName": LEGACY, "aws:profile": "" } }), "osaka")
                .profile,
            undefined,
        );
    });

    it("a stack config the program would refuse is the parser's one line, naming the stack file", () => {
        const project = makeProject({
            osaka: { "s3-multiregion:existingBucketName": LEGACY, "s3-multiregion:namePrefix": "Bad_Prefix" },
        });
        assert.throws(
            () => resolve(project, "osaka"),
            (e: Error) => {
                assert.ok(e instanceof UsageError);
                assert.strictEqual(
                    e.message,
                    'Pulumi.osaka.yaml: config s3-multiregion:namePrefix = "Bad_Prefix"; allowed: lowercase letters only (S3 refuses uppercase in bucket names)',
                );
                return true;
            },
        );
    });

    it("a hub that does not replicate to account B leaves the replica out of the targets", () => {
        const project = makeProject({ tokyo: { "s3-multiregion:replicateToDestination": false } });
        assert.deepStrictEqual(resolve(project, "osaka").replicationTargets, [
            "example-s3mr-data-111111111111-ap-northeast-1",
        ]);
    });

    it("a mesh member that adopts a bucket is named by it; a stack file the hub names but lacks is named as a stack", () => {
        const project = makeProject({
            tokyo: { "s3-multiregion:existingBucketName": "legacy-tokyo-data" },
            "dest-account": { "s3-multiregion:existingBucketName": "legacy-replica" },
        });
        assert.deepStrictEqual(resolve(project, "osaka").replicationTargets, ["legacy-tokyo-data", "legacy-replica"]);
        const stacks = discoverStacks(project).filter((s) => s.name !== "dest-account");
        assert.deepStrictEqual(resolveAdoptTarget(project, stacks, "osaka").replicationTargets, [
            "legacy-tokyo-data",
            "(stack dest-account)",
        ]);
        const hubless = discoverStacks(project).filter((s) => s.name !== "tokyo");
        const t = resolveAdoptTarget(project, hubless, "osaka");
        assert.deepStrictEqual([t.replicationWriter, t.replicationTargets], ["(the primary stack)", []]);
    });

    it("a project without stack files lists none", () => {
        assert.throws(
            () => resolveAdoptTarget("/nowhere", [], "osaka"),
            (e: Error) =>
                e instanceof UsageError && e.message === "no stack file Pulumi.osaka.yaml in /nowhere; stacks: (none)",
        );
    });
});
