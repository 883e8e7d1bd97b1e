// Replication policies at their edges: a trust policy that does not parse, values not known yet (preview).

import { T } from "../lib/types";
import { UNKNOWN_SENTINEL } from "../lib/values";
import { replicationCrossAccountDestination, replicationRoleTrust } from "../policies/replication";
import { alter, json, policyCases, violation } from "./fixtures";
import { tokyoStack } from "./stacks";

const CONFIG = "replication-ap-northeast-1";
const noStatement = alter(tokyoStack(), "replication-role", T.role, (i) => {
    i.assumeRolePolicy = json({ Version: "2012-10-17" });
});

policyCases(replicationRoleTrust, {
    pass: [
        {
            title: "a configuration whose role is not known yet",
            resources: alter(tokyoStack(), CONFIG, T.replicationConfig, (i) => (i.role = UNKNOWN_SENTINEL)),
        },
    ],
    fail: [
        {
            title: "the replication role's trust policy has no statement",
            resources: noStatement,
            expect: [
                violation(
                    replicationRoleTrust,
                    noStatement.find((r) => r.name === "replication-role" && r.type === T.role),
                    `Role 'replication-role' (replication role of ${CONFIG}) has a trust policy that has no Statement.`,
                ),
            ],
        },
    ],
});

policyCases(replicationCrossAccountDestination, {
    pass: [
        {
            title: "a configuration whose role is not known yet",
            resources: alter(tokyoStack(), CONFIG, T.replicationConfig, (i) => (i.role = UNKNOWN_SENTINEL)),
        },
        {
            // Only names derived from config carry an account id; a bucket named otherwise says nothing about its account.
            title: "destination buckets whose names carry no account id",
            resources: alter(tokyoStack(), CONFIG, T.replicationConfig, (i) => {
                for (const rule of i.rules)
                    rule.destination.bucket = `arn:aws:s3:::example-${rule.destination.account ? "replica" : "osaka"}-copy`;
            }),
        },
        {
            title: "a rule whose destination account is not known yet",
            resources: alter(tokyoStack(), CONFIG, T.replicationConfig, (i) => {
                for (const rule of i.rules) if (rule.destination.account) rule.destination.account = UNKNOWN_SENTINEL;
            }),
        },
    ],
    fail: [],
});
