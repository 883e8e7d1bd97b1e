// The Batch Replication switch every regional stack reads: whether to run the job of its own bucket, and its run number.
import { Reader } from "./configReader";
import { BatchReplicationSettings } from "./configTypes";

/** `batchReplicationJob` and `batchReplicationRunNumber` of a primary or secondary stack. */
export function batchReplicationSettings(r: Reader): BatchReplicationSettings {
    return {
        batchReplicationJob: r.boolean("batchReplicationJob"),
        batchReplicationRunNumber: r.integer("batchReplicationRunNumber", 1, 1000000),
    };
}
