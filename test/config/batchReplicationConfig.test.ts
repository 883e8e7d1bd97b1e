// The Batch Replication switch and run number a regional stack reads, as values and as one-line refusals.
import * as assert from "node:assert/strict";
import { batchReplicationSettings } from "../../config/batchReplicationConfig";
import { ConfigError, Reader } from "../../config/configReader";
import { PrimaryConfig, SecondaryConfig } from "../../config/configTypes";
import { rawStackConfig, stackConfig } from "../support/stackConfigs";

const P = "s3-multiregion:";
const settings = (stack: string, overrides: Record<string, string | undefined> = {}) =>
    batchReplicationSettings(new Reader(rawStackConfig(stack, overrides)));

describe("Batch Replication settings", () => {
    it("read the switch and the run number as set, on the hub and on a secondary", () => {
        const on = { [`${P}batchReplicationJob`]: "true", [`${P}batchReplicationRunNumber`]: "7" };
        assert.deepEqual(settings("tokyo", on), { batchReplicationJob: true, batchReplicationRunNumber: 7 });
        const tokyo = stackConfig<PrimaryConfig>("tokyo", on);
        const osaka = stackConfig<SecondaryConfig>("osaka", on);
        for (const cfg of [tokyo, osaka])
            assert.deepEqual(
                { job: cfg.batchReplicationJob, run: cfg.batchReplicationRunNumber },
                { job: true, run: 7 },
                cfg.stack,
            );
    });

    it("default to off and run 1 (Pulumi.yaml's defaults)", () => {
        assert.deepEqual(settings("osaka"), { batchReplicationJob: false, batchReplicationRunNumber: 1 });
    });

    it("take run numbers from 1 to 1000000, refusing the first value outside each end", () => {
        for (const run of [1, 1000000])
            assert.equal(
                settings("osaka", { [`${P}batchReplicationRunNumber`]: String(run) }).batchReplicationRunNumber,
                run,
            );
        for (const run of ["0", "1000001"])
            assert.throws(
                () => settings("osaka", { [`${P}batchReplicationRunNumber`]: run }),
                (e: Error) =>
                    e instanceof ConfigError &&
                    e.message ===
                        `config s3-multiregion:batchReplicationRunNumber = "${run}"; allowed: an integer from 1 to 1000000`,
            );
    });
});
