// The program's own three stacks, evaluated offline in deploy order, pass the whole CrossGuard pack.
import * as assert from "node:assert/strict";
import { runPolicyPack } from "../../policy/runner";
import { evaluatePlan } from "../../verifier/evaluate";
import { PROJECT_DIR } from "../support/stackConfigs";

describe("our stacks pass the policy pack", function () {
    this.timeout(180000);

    it("has zero mandatory violations in osaka, dest-account and tokyo", async () => {
        const plans = await evaluatePlan({ projectDir: PROJECT_DIR });
        assert.deepEqual(
            plans.map((p) => [p.stack, p.ok]),
            [
                ["osaka", true],
                ["dest-account", true],
                ["tokyo", true],
            ],
        );
        for (const plan of plans) {
            const violations = await runPolicyPack(plan.resources);
            // Every violation listed, so a failure says which policy and resource.
            assert.deepEqual(
                violations.filter((v) => v.enforcementLevel === "mandatory"),
                [],
                plan.stack,
            );
        }
    });
});
