// The daily S3 Inventory of a regional or replica bucket into a manifest bucket in its own region and
// account: what `npm run reconcile` compares, source against target, to prove no object was lost.
import { InventoryManifest, inventoryManifestFolder } from "../components/batch/inventoryManifest";
import { CommonConfig } from "../config/platformConfig";
import { HardenedBucket } from "../components/storage/hardenedBucket";
import { mainBucketName, ownBucketName } from "./stackBucket";

/**
 * The manifest bucket and inventory of this stack's main bucket (data, or account B's replica). S3
 * delivers an inventory only to a bucket it can write as the source account, and reading across regions
 * costs transfer, so each bucket's inventory lands beside it. `readers` are other accounts' principals that may read and list
 * the reports (the source account reconciling account B's replica); same-account readers need no grant.
 */
export function stackInventory(cfg: CommonConfig, source: HardenedBucket, readers: readonly string[] = []) {
    const manifestBucketName = ownBucketName(cfg, "manifest");
    const manifest = new InventoryManifest("manifest", {
        sourceBucketName: source.bucketName,
        sourceBucketArn: source.arn,
        sourceAccountId: cfg.accountId,
        manifestBucketName,
        operatorPrincipals: readers,
        noncurrentVersionExpirationDays: cfg.noncurrentVersionExpirationDays,
        protect: cfg.protectBuckets,
    });
    return {
        manifest,
        outputs: {
            manifestBucketName: manifest.bucketName,
            inventoryManifestFolder: inventoryManifestFolder(manifestBucketName, mainBucketName(cfg)),
        },
    };
}
