// The hub's config: secondary stacks, failover, routes region, partners, alarms, batch job, network.
import { fail, Reader } from "./configReader";
import { CommonConfig, FailoverMode, MRAP_REGIONS, MRAP_ROUTES_REGIONS, PrimaryConfig } from "./configTypes";
import { batchReplicationSettings } from "./batchReplicationConfig";
import { network } from "./networkConfig";
import {
    isCommercialRegion,
    isEmail,
    isExternalId,
    isMrapRegion,
    isPrincipalOrAccountId,
    isStackName,
} from "./validators";

function principalList(r: Reader, key: string): string[] {
    const allowed =
        "IAM principal ARNs (arn:aws:iam::<account>:root | role/<name> | user/<name>) or 12-digit account ids";
    const list = r.array(key, allowed);
    for (const p of list) if (!isPrincipalOrAccountId(p)) fail(key, list, `${allowed}; ${p} is neither`);
    return list;
}

export function primary(r: Reader, common: CommonConfig): PrimaryConfig {
    const secAllowed =
        "a list of <stack>@<region> entries naming each secondary stack and its region, e.g. osaka@ap-northeast-3";
    const secondaryList = r.array("secondaryStacks", secAllowed);
    if (secondaryList.length === 0)
        fail("secondaryStacks", secondaryList, `${secAllowed} (at least one: the MRAP needs a second region)`);
    const secondaries = secondaryList.map((entry) => {
        const at = entry.lastIndexOf("@");
        const stack = entry.slice(0, at);
        const reg = entry.slice(at + 1);
        // Stryker disable next-line EqualityOperator: an entry that starts with @ leaves an empty stack, which isStackName refuses too
        if (at <= 0 || !isStackName(stack)) fail("secondaryStacks", secondaryList, `${secAllowed}; ${entry} is not`);
        if (!isCommercialRegion(reg))
            fail("secondaryStacks", secondaryList, `${secAllowed}; ${reg} is not a commercial AWS region`);
        if (!isMrapRegion(reg))
            fail(
                "secondaryStacks",
                secondaryList,
                `${secAllowed}, in a region Multi-Region Access Points support (${MRAP_REGIONS.join(", ")}); ${reg} is not one`,
            );
        return { stack, region: reg };
    });
    const regions = [common.region, ...secondaries.map((s) => s.region)];
    if (new Set(regions).size !== regions.length) {
        fail(
            "secondaryStacks",
            secondaryList,
            `regions distinct from each other and from this stack's region ${common.region} (one bucket per region)`,
        );
    }
    if (new Set(secondaries.map((s) => s.stack)).size !== secondaries.length)
        fail("secondaryStacks", secondaryList, "distinct stack names");

    const destinationStack = r.string("destinationStack", "a stack name, e.g. dest-account");
    if (!isStackName(destinationStack))
        fail("destinationStack", destinationStack, "a stack name (letters, digits, - _ .) or org/project/stack");

    const mode = r.oneOf<FailoverMode>("failoverMode", ["active-active", "active-passive"]);
    const activeText = r.optionalString("activeRegion");
    let failover: PrimaryConfig["failover"];
    if (mode === "active-passive") {
        const active = regions.find((r) => r === activeText);
        if (active === undefined) {
            fail(
                "activeRegion",
                activeText,
                `one of the MRAP's regions (${regions.join(", ")}), required when failoverMode is active-passive`,
            );
        }
        failover = { mode, activeRegion: active };
    } else {
        if (activeText !== undefined)
            fail("activeRegion", activeText, "unset when failoverMode is active-active (every region takes traffic)");
        failover = { mode };
    }

    const routesRegion = r.oneOf("routesRegion", MRAP_ROUTES_REGIONS);

    const partnerPrincipals = principalList(r, "partnerPrincipals");
    let partners: PrimaryConfig["partners"];
    if (partnerPrincipals.length > 0) {
        const allowed =
            "2 to 1224 characters of letters, digits and +=,.@:/-_ (required when partnerPrincipals is set: it stops the confused-deputy problem)";
        const externalId = r.string("partnerExternalId", allowed);
        if (!isExternalId(externalId)) fail("partnerExternalId", externalId, allowed);
        partners = { principals: partnerPrincipals, externalId };
    }

    const alarmEmails = r.array("alarmEmails", "e-mail addresses");
    for (const e of alarmEmails) if (!isEmail(e)) fail("alarmEmails", alarmEmails, `e-mail addresses; ${e} is not one`);

    return {
        ...common,
        role: "primary",
        secondaries,
        destinationStack,
        replicateToDestination: r.boolean("replicateToDestination"),
        failover,
        routesRegion,
        partners,
        alarmEmails,
        operatorPrincipals: principalList(r, "operatorPrincipals"),
        ...batchReplicationSettings(r),
        network: r.boolean("networkEnabled") ? network(r, common.region) : undefined,
    };
}
