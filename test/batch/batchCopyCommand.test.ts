// The batch copy command: every value filled in, the manifest's key and ETag read at run time, shell quoting that survives bash.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { batchCopyCommand } from "../../components/batch/batchCopyCommand";

const ARGS = {
    destinationAccountId: "222222222222",
    destinationRegion: "ap-northeast-1",
    batchCopyRoleArn: "arn:aws:iam::222222222222:role/acme-batch-copy",
    targetBucketArn: "arn:aws:s3:::acme-replica-222222222222-ap-northeast-1",
    reportBucketName: "acme-reports-222222222222-ap-northeast-1",
    manifestBucketName: "acme-manifest-111111111111-ap-northeast-1",
    manifestRegion: "ap-northeast-1",
    manifestFolder:
        "s3://acme-manifest-111111111111-ap-northeast-1/inventory/acme-data-111111111111-ap-northeast-1/existing-objects/",
};

describe("batch copy command", () => {
    it("lists the newest manifest.json, reads its ETag and creates the Copy job in account B without confirmation", () => {
        assert.equal(
            batchCopyCommand(ARGS),
            [
                "MANIFEST_KEY=$(aws s3api list-objects-v2 --region ap-northeast-1 --bucket acme-manifest-111111111111-ap-northeast-1 --prefix inventory/acme-data-111111111111-ap-northeast-1/existing-objects/ --query \"sort_by(Contents[?ends_with(Key, 'manifest.json')], &LastModified)[-1].Key\" --output text)",
                'MANIFEST_ETAG=$(aws s3api head-object --region ap-northeast-1 --bucket acme-manifest-111111111111-ap-northeast-1 --key "$MANIFEST_KEY" --query ETag --output text | tr -d \'"\')',
                "aws s3control create-job --region ap-northeast-1 --account-id 222222222222 \\",
                '  --operation \'{"S3PutObjectCopy":{"TargetResource":"arn:aws:s3:::acme-replica-222222222222-ap-northeast-1"}}\' \\',
                '  --manifest \'{"Spec":{"Format":"S3InventoryReport_CSV_20161130"},"Location":{"ObjectArn":"arn:aws:s3:::acme-manifest-111111111111-ap-northeast-1/\'"$MANIFEST_KEY"\'","ETag":"\'"$MANIFEST_ETAG"\'"}}\' \\',
                '  --report \'{"Bucket":"arn:aws:s3:::acme-reports-222222222222-ap-northeast-1","Prefix":"batch-copy","Format":"Report_CSV_20180820","Enabled":true,"ReportScope":"AllTasks"}\' \\',
                "  --priority 10 --role-arn arn:aws:iam::222222222222:role/acme-batch-copy --no-confirmation-required",
            ].join("\n"),
        );
    });

    it("bash passes create-job exactly the JSON S3 Control expects, with the manifest key and ETag substituted", () => {
        // `aws` is replaced by a function printing one argument per line; the two lookups are stubbed.
        const stub = `aws() { if [ "$2" = list-objects-v2 ]; then echo inventory/src/existing-objects/2024-05-01T01-00Z/manifest.json; elif [ "$2" = head-object ]; then echo '"0123abcd"'; else printf '%s\\n' "$@"; fi; }\n`;
        const args = execFileSync("bash", ["-c", stub + batchCopyCommand(ARGS)], { encoding: "utf8" })
            .trimEnd()
            .split("\n");
        const value = (flag: string) => args[args.indexOf(flag) + 1];
        assert.deepEqual(JSON.parse(value("--manifest")), {
            Spec: { Format: "S3InventoryReport_CSV_20161130" },
            Location: {
                ObjectArn:
                    "arn:aws:s3:::acme-manifest-111111111111-ap-northeast-1/inventory/src/existing-objects/2024-05-01T01-00Z/manifest.json",
                ETag: "0123abcd",
            },
        });
        assert.deepEqual(JSON.parse(value("--operation")), {
            S3PutObjectCopy: { TargetResource: ARGS.targetBucketArn },
        });
        assert.deepEqual(JSON.parse(value("--report")), {
            Bucket: "arn:aws:s3:::acme-reports-222222222222-ap-northeast-1",
            Prefix: "batch-copy",
            Format: "Report_CSV_20180820",
            Enabled: true,
            ReportScope: "AllTasks",
        });
        assert.deepEqual(args.slice(0, 6), [
            "s3control",
            "create-job",
            "--region",
            "ap-northeast-1",
            "--account-id",
            "222222222222",
        ]);
        assert.equal(value("--role-arn"), ARGS.batchCopyRoleArn);
        assert.ok(args.includes("--no-confirmation-required"));
    });
});
