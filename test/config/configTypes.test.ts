// The region constants the checks use: which codes are commercial, and the longest code bucket names must fit.
import * as assert from "node:assert/strict";
import { COMMERCIAL_REGIONS, commercialRegions, LONGEST_REGION, longestRegion } from "../../config/configTypes";

describe("region constants", () => {
    it("keeps commercial codes, sorted, and drops each other partition by the start of its code", () => {
        const codes = [
            "us-west-2",
            "cn-north-1",
            "ap-northeast-1",
            "us-gov-west-1",
            "us-iso-east-1",
            "us-isob-east-1",
            "eu-isoe-west-1",
            "eusc-de-east-1",
            // A partition's letters later in a code do not make it that partition.
            "xx-cn-1",
        ];
        assert.deepEqual(commercialRegions(codes), ["ap-northeast-1", "us-west-2", "xx-cn-1"]);
    });

    it("the longest code is the first of the longest ones", () => {
        assert.equal(longestRegion(["us-east-1", "ap-northeast-1", "eu-west-1", "ap-southeast-1"]), "ap-northeast-1");
        assert.equal(longestRegion(["eu-west-1"]), "eu-west-1");
    });

    it("the constants are those of @pulumi/aws's region list: sorted, and the longest the first of its length", () => {
        assert.deepEqual(COMMERCIAL_REGIONS, [...COMMERCIAL_REGIONS].sort());
        assert.ok(COMMERCIAL_REGIONS.includes("ap-northeast-3"));
        const longest = Math.max(...COMMERCIAL_REGIONS.map((r) => r.length));
        assert.equal(
            LONGEST_REGION,
            COMMERCIAL_REGIONS.find((r) => r.length === longest),
        );
    });
});
