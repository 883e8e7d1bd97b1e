// Entry point of `npm run reconcile`; the logic is in reconcileCommand.ts.
import { AthenaClient } from "@aws-sdk/client-athena";
import { S3Client } from "@aws-sdk/client-s3";
import { consoleIo } from "../common/cli";
import { quietSdkNodeVersionNotice } from "../common/awsClients";
import { osScratch, reconcileMain } from "./reconcileCommand";

if (require.main === module) {
    quietSdkNodeVersionNotice(process.env);
    void reconcileMain(process.argv.slice(2), {
        io: consoleIo,
        // Inventories of any region: the client follows S3's redirect to the bucket's region.
        s3: () => new S3Client({ followRegionRedirects: true }),
        athena: (region) => new AthenaClient(region ? { region } : {}),
        scratch: osScratch,
    }).then((code) => {
        process.exitCode = code;
    });
}
