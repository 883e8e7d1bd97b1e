// The replica bucket's two grants to the replication role: a backup replica refuses exactly the delete-marker write.
import * as assert from "node:assert/strict";
import { REPLICA_BACKUP_OBJECT_ACTIONS, REPLICA_OBJECT_ACTIONS } from "../../components/iam/actions";

describe("replica bucket action lists", () => {
    it("a mirror replica lets the replication role write objects, delete markers, tags and the owner override", () => {
        assert.deepEqual(
            [...REPLICA_OBJECT_ACTIONS],
            ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags", "s3:ObjectOwnerOverrideToBucketOwner"],
        );
    });

    it("a backup replica grants the same minus s3:ReplicateDelete, the action S3 checks to write a delete marker", () => {
        assert.deepEqual(
            [...REPLICA_BACKUP_OBJECT_ACTIONS],
            ["s3:ReplicateObject", "s3:ReplicateTags", "s3:ObjectOwnerOverrideToBucketOwner"],
        );
    });
});
