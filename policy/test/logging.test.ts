// s3-bucket-access-logging: data and replica buckets log their requests; manifest, report and log buckets need not.

import * as aws from "@pulumi/aws";

import { UNKNOWN_SENTINEL } from "../lib/values";
import { bucketAccessLogging } from "../policies/logging";
import { PolicyInputResource } from "../runner";
import { policyCases, res, violation } from "./fixtures";
import { hardenedBucket } from "./stacks";

const DATA = "example-s3mr-data-111111111111-ap-northeast-1";
const LOGS = "example-s3mr-logs-111111111111-ap-northeast-1";
const MANIFEST = "example-s3mr-manifest-111111111111-ap-northeast-1";
const ARCHIVE = "example-archive";

const data = (): PolicyInputResource[] => hardenedBucket("data", DATA, []);
const logs = (): PolicyInputResource[] => hardenedBucket("logs", LOGS, []);
const logging = (source: string, target: string, name = `${source}-logging`): PolicyInputResource =>
    res(aws.s3.BucketLogging, name, { bucket: source, targetBucket: target, targetPrefix: "access-logs/" });

policyCases(bucketAccessLogging, {
    pass: [
        {
            title: "data bucket logs into the log bucket, which does not log itself",
            resources: [...data(), ...logs(), logging(DATA, LOGS)],
        },
        { title: "a manifest bucket without logging", resources: hardenedBucket("m", MANIFEST, []) },
        {
            title: "any bucket that receives access logs is exempt, whatever its name",
            resources: [...data(), ...hardenedBucket("a", ARCHIVE, []), logging(DATA, ARCHIVE)],
        },
        {
            title: "the deprecated inline logging block counts",
            resources: [res(aws.s3.Bucket, "i", { bucket: DATA, logging: { targetBucket: LOGS } }, { id: DATA })],
        },
        {
            // The configuration may be this bucket's: nothing is judged before its bucket is known.
            title: "a logging configuration whose bucket is not known yet (preview)",
            resources: [...data(), ...logs(), logging(UNKNOWN_SENTINEL, LOGS, "other-logging")],
        },
        {
            title: "an inline logging block whose target is not known yet (preview)",
            resources: [
                res(aws.s3.Bucket, "i", { bucket: DATA, logging: { targetBucket: UNKNOWN_SENTINEL } }, { id: DATA }),
            ],
        },
        {
            title: "a name matching the configured exempt pattern",
            resources: hardenedBucket("a", ARCHIVE, []),
            options: { config: { "s3-bucket-access-logging": { exemptBucketPattern: "archive" } } },
        },
    ],
    fail: [
        {
            title: "data bucket without logging (accessLogging off, no trail in sight)",
            resources: [...data(), ...logs()],
            expect: [
                violation(
                    bucketAccessLogging,
                    data()[0],
                    `Bucket '${DATA}' has no server access logging, so no request to it is recorded.`,
                ),
            ],
        },
        {
            title: "logging of another bucket does not cover this one",
            resources: [...data(), ...logs(), ...hardenedBucket("a", ARCHIVE, []), logging(ARCHIVE, LOGS)],
            expect: [
                violation(
                    bucketAccessLogging,
                    data()[0],
                    `Bucket '${DATA}' has no server access logging, so no request to it is recorded.`,
                ),
            ],
        },
        {
            title: "a configured pattern replaces the default, so a log-named bucket is checked",
            resources: logs(),
            options: { config: { "s3-bucket-access-logging": { exemptBucketPattern: "archive" } } },
            expect: [
                violation(
                    bucketAccessLogging,
                    logs()[0],
                    `Bucket '${LOGS}' has no server access logging, so no request to it is recorded.`,
                ),
            ],
        },
    ],
});
