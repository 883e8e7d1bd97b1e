// A lifecycle rule kept from an adopted bucket (S3 API shape, as GetBucketLifecycleConfiguration returns it) turned
// into the Pulumi rule input of the bucket's one lifecycle configuration.
import * as aws from "@pulumi/aws";

type Rule = aws.types.input.s3.BucketLifecycleConfigurationRule;
type Json = Record<string, unknown>;

/** Members this converter knows; anything else would be silently dropped from the live rule, so it is refused. */
const KNOWN = {
    rule: [
        "ID",
        "Status",
        "Filter",
        "Prefix",
        "Expiration",
        "Transitions",
        "NoncurrentVersionExpiration",
        "NoncurrentVersionTransitions",
        "AbortIncompleteMultipartUpload",
    ],
    filter: ["Prefix", "Tag", "And", "ObjectSizeGreaterThan", "ObjectSizeLessThan"],
    and: ["Prefix", "Tags", "ObjectSizeGreaterThan", "ObjectSizeLessThan"],
};

function only(where: string, obj: Json, allowed: readonly string[], ruleId: string): void {
    const extra = Object.keys(obj).filter((k) => !allowed.includes(k));
    if (extra.length > 0) {
        throw new Error(
            `kept lifecycle rule ${ruleId}: ${where} has ${extra.join(", ")}, which the stack cannot carry over; drop the rule with adopt or remove the member from the file`,
        );
    }
}

const num = (v: unknown): number | undefined => (v === undefined || v === null ? undefined : Number(v));
const date = (v: unknown): string | undefined =>
    v === undefined || v === null ? undefined : new Date(v as string).toISOString();

function defined<T extends object>(o: T): T {
    return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** The Pulumi input for one kept rule; throws one line naming the rule for a member it cannot carry over. */
export function keptLifecycleRuleInput(rule: Json): Rule {
    const id = String(rule.ID);
    only("the rule", rule, KNOWN.rule, id);
    const f = rule.Filter as Json | undefined;
    let filter: Rule["filter"];
    if (f) {
        only("Filter", f, KNOWN.filter, id);
        const tag = f.Tag as { Key: string; Value: string } | undefined;
        const and = f.And as Json | undefined;
        if (and) only("Filter.And", and, KNOWN.and, id);
        filter = defined({
            prefix: f.Prefix as string | undefined,
            objectSizeGreaterThan: num(f.ObjectSizeGreaterThan),
            objectSizeLessThan: num(f.ObjectSizeLessThan),
            tag: tag ? { key: tag.Key, value: tag.Value } : undefined,
            and: and
                ? defined({
                      prefix: and.Prefix as string | undefined,
                      objectSizeGreaterThan: num(and.ObjectSizeGreaterThan),
                      objectSizeLessThan: num(and.ObjectSizeLessThan),
                      tags: and.Tags
                          ? Object.fromEntries(
                                (and.Tags as Array<{ Key: string; Value: string }>).map((t) => [t.Key, t.Value]),
                            )
                          : undefined,
                  })
                : undefined,
        });
    } else {
        // The API's legacy top-level Prefix means the same as a prefix filter; an empty filter is the whole bucket.
        filter = rule.Prefix !== undefined ? { prefix: rule.Prefix as string } : {};
    }
    const e = rule.Expiration as Json | undefined;
    const nve = rule.NoncurrentVersionExpiration as Json | undefined;
    const abort = rule.AbortIncompleteMultipartUpload as Json | undefined;
    return defined({
        id,
        status: String(rule.Status),
        filter,
        expiration: e
            ? defined({
                  days: num(e.Days),
                  date: date(e.Date),
                  expiredObjectDeleteMarker: e.ExpiredObjectDeleteMarker as boolean | undefined,
              })
            : undefined,
        transitions: (rule.Transitions as Json[] | undefined)?.map((t) =>
            defined({ days: num(t.Days), date: date(t.Date), storageClass: String(t.StorageClass) }),
        ),
        noncurrentVersionExpiration: nve
            ? defined({
                  noncurrentDays: num(nve.NoncurrentDays),
                  newerNoncurrentVersions: num(nve.NewerNoncurrentVersions),
              })
            : undefined,
        noncurrentVersionTransitions: (rule.NoncurrentVersionTransitions as Json[] | undefined)?.map((t) =>
            defined({
                noncurrentDays: num(t.NoncurrentDays),
                newerNoncurrentVersions: num(t.NewerNoncurrentVersions),
                storageClass: String(t.StorageClass),
            }),
        ),
        abortIncompleteMultipartUpload: abort ? { daysAfterInitiation: num(abort.DaysAfterInitiation) } : undefined,
    }) as Rule;
}
