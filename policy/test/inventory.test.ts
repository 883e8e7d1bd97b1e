// Passing and failing fixtures for S3 inventory as a system: each inventory is delivered in its source bucket's region.

import * as aws from "@pulumi/aws";

import { inventorySameRegion } from "../policies/inventory";
import { PolicyInputResource } from "../runner";
import { T } from "../lib/types";
import { UNKNOWN_SENTINEL } from "../lib/values";
import { alter, policyCases, raw, res, violation } from "./fixtures";
import { A, arn, names, tokyoStack } from "./stacks";

const find = (stack: PolicyInputResource[], name: string, type: string): PolicyInputResource =>
    stack.find((r) => r.name === name && r.type === type) as PolicyInputResource;

{
    const tokyo = tokyoStack();
    const osakaManifest = `example-s3mr-manifest-${A}-ap-northeast-3`;
    // Osaka's data bucket inventoried into Tokyo's manifest bucket: the mistake of a hub-only manifest bucket.
    const osakaIntoTokyo = res(aws.s3.Inventory, "osaka-inventory", {
        bucket: names.dataOsaka,
        name: "batch-manifest",
        includedObjectVersions: "Current",
        schedule: { frequency: "Daily" },
        destination: { bucket: { bucketArn: arn(names.manifest), format: "CSV" } },
    });
    const osakaOwn = alter([osakaIntoTokyo], "osaka-inventory", undefined, (i) => {
        i.destination.bucket.bucketArn = arn(osakaManifest);
    });
    // Buckets without a region in their names: the regions come from the buckets' own `region` (v7) and providers.
    const provider = raw("pulumi:providers:aws", "eu", { region: "eu-west-1" }, { id: "p-eu" });
    const plainNames = (destRegion: string): PolicyInputResource[] => [
        res(aws.s3.Bucket, "logs", { bucket: "acme-logs" }, { id: "acme-logs", provider: `${provider.urn}::p-eu` }),
        res(aws.s3.Bucket, "lists", { bucket: "acme-lists", region: destRegion }, { id: "acme-lists" }),
        res(aws.s3.Inventory, "logs-inventory", {
            bucket: "acme-logs",
            name: "all",
            includedObjectVersions: "All",
            schedule: { frequency: "Weekly" },
            destination: { bucket: { bucketArn: arn("acme-lists"), format: "Parquet" } },
        }),
    ];
    const crossPlain = [provider, ...plainNames("eu-central-1")];
    // A list-shaped destination (older providers, hand-written exports) is read as well.
    const listShaped = raw(T.inventory, "list-inventory", {
        bucket: names.dataOsaka,
        name: "x",
        destination: [{ bucket: [{ bucketArn: arn(names.manifest), format: "CSV" }] }],
    });
    policyCases(inventorySameRegion, {
        pass: [
            { title: "tokyo: Tokyo's inventory into Tokyo's manifest bucket", resources: tokyo },
            { title: "each region's inventory into the manifest bucket of its own region", resources: osakaOwn },
            {
                title: "regions from the provider and the bucket's own region agree",
                resources: [provider, ...plainNames("eu-west-1")],
            },
            {
                title: "source not known yet (preview), the inventory's own region another than the destination's",
                resources: alter([osakaIntoTokyo], "osaka-inventory", undefined, (i) => {
                    i.bucket = UNKNOWN_SENTINEL;
                    i.region = "ap-northeast-3";
                }),
            },
            {
                title: "the source's region known, the destination's nowhere to be read",
                resources: alter([osakaIntoTokyo], "osaka-inventory", undefined, (i) => {
                    i.destination.bucket.bucketArn = arn("acme-lists");
                }),
            },
            {
                title: "destination not known yet (preview)",
                resources: alter([osakaIntoTokyo], "osaka-inventory", undefined, (i) => {
                    i.destination.bucket.bucketArn = UNKNOWN_SENTINEL;
                }),
            },
            {
                title: "regions nowhere to be read are not judged",
                resources: [
                    res(aws.s3.Inventory, "inv", {
                        bucket: "acme-logs",
                        name: "all",
                        includedObjectVersions: "All",
                        schedule: { frequency: "Weekly" },
                        destination: { bucket: { bucketArn: arn("acme-lists"), format: "CSV" } },
                    }),
                ],
            },
        ],
        fail: [
            {
                title: "Osaka's data bucket inventoried into Tokyo's manifest bucket",
                resources: [osakaIntoTokyo],
                expect: [
                    violation(
                        inventorySameRegion,
                        osakaIntoTokyo,
                        `Inventory osaka-inventory of '${names.dataOsaka}' (ap-northeast-3) delivers to '${names.manifest}' in ap-northeast-1; S3 delivers inventory only to a bucket of the source's region.`,
                    ),
                ],
            },
            {
                title: "regions read from a provider and a bucket's own region",
                resources: crossPlain,
                expect: [
                    violation(
                        inventorySameRegion,
                        find(crossPlain, "logs-inventory", T.inventory),
                        "Inventory logs-inventory of 'acme-logs' (eu-west-1) delivers to 'acme-lists' in eu-central-1; S3 delivers inventory only to a bucket of the source's region.",
                    ),
                ],
            },
            {
                title: "destination written as one-element lists",
                resources: [listShaped],
                expect: [
                    violation(
                        inventorySameRegion,
                        listShaped,
                        `Inventory list-inventory of '${names.dataOsaka}' (ap-northeast-3) delivers to '${names.manifest}' in ap-northeast-1; S3 delivers inventory only to a bucket of the source's region.`,
                    ),
                ],
            },
        ],
    });
}
