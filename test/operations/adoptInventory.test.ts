// `npm run adopt` and the adopted bucket's live inventory configurations, against moto_server: one under the
// platform's Id is shown as replaced, others as kept.
import * as assert from "assert";
import { PutBucketInventoryConfigurationCommand } from "@aws-sdk/client-s3";
import { INVENTORY_ID } from "../../components/batch/inventoryManifest";
import { PLATFORM_INVENTORY_ID } from "../../operations/adopt/keptSettings";
import { useMotoServer } from "../support/motoServer";
import { ACCOUNT_A } from "./fixtures";
import {
    accountCredentials,
    createBucket,
    Credentials,
    LEGACY,
    makeProject,
    OSAKA,
    removeProjects,
    runAdopt,
} from "./adoptWorld";

const MANIFEST = "example-s3mr-manifest-111111111111-ap-northeast-3";

describe("ops adopt: inventory configurations (moto_server)", function () {
    this.timeout(60_000);
    const moto = useMotoServer();
    after(removeProjects);
    let A: Credentials;
    beforeEach(async () => {
        A = await accountCredentials(moto.endpoint, ACCOUNT_A);
    });

    it("adopt's idea of the platform's inventory Id is the one the stack writes", () => {
        assert.strictEqual(PLATFORM_INVENTORY_ID, INVENTORY_ID);
    });

    async function withInventory(id: string, destination: string) {
        const s3 = await createBucket(moto.endpoint, LEGACY, OSAKA, A);
        await s3.send(
            new PutBucketInventoryConfigurationCommand({
                Bucket: LEGACY,
                Id: id,
                InventoryConfiguration: {
                    Id: id,
                    IsEnabled: true,
                    IncludedObjectVersions: "Current",
                    Schedule: { Frequency: "Weekly" },
                    Destination: { S3BucketDestination: { Bucket: `arn:aws:s3:::${destination}`, Format: "CSV" } },
                },
            }),
        );
    }

    async function inventoryRow(): Promise<string | undefined> {
        const r = await runAdopt(moto.endpoint, makeProject(), ["--stack", "osaka", "--dry-run"], A);
        assert.strictEqual(r.code, 0, r.err.join("\n"));
        return r.out.find((l) => l.slice(4).startsWith("inventory "))?.replace(/\s+/g, " ");
    }

    it("a live configuration under the platform's Id that delivers elsewhere is shown as replaced", async () => {
        await withInventory(INVENTORY_ID, "team-inventories");
        assert.strictEqual(
            await inventoryRow(),
            ` ~ inventory existing-objects -> existing-objects (to arn:aws:s3:::team-inventories) replaced by the platform's existing-objects, to ${MANIFEST}; the others kept as they are`,
        );
    });

    it("the platform's own configuration, delivering to the stack's manifest bucket, is left as it is", async () => {
        await withInventory(INVENTORY_ID, MANIFEST);
        assert.match((await inventoryRow())!, /^ = inventory existing-objects; kept as they are/);
    });

    it("a configuration under another Id is kept as it is", async () => {
        await withInventory("weekly-audit", "team-inventories");
        assert.match((await inventoryRow())!, /^ = inventory weekly-audit; kept as they are/);
    });
});
