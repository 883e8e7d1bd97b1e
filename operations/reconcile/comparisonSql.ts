// The one comparison, as SQL text that both engines run: embedded DuckDB and Amazon Athena (Trino).
// The few functions whose names differ between the two are the Dialect; everything else is shared.

/** RTC's promise: 99.99 % of objects replicate within 15 minutes; newer differences are in flight. */
export const RTC_WINDOW_MS = 15 * 60 * 1000;

export interface Dialect {
    name: "duckdb" | "athena";
    /**
     * S3 Inventory writes keys URL-encoded, a space as `+` (a literal `+` is `%2B`), so `+` becomes a
     * space before percent-decoding.
     */
    decodeKey(column: string): string;
    /** An ISO 8601 text column (LastModifiedDate) as a timestamp with time zone. */
    timestamp(column: string): string;
    /** An ISO 8601 instant as a timestamp-with-time-zone literal. */
    instant(iso: string): string;
}

export const DUCKDB: Dialect = {
    name: "duckdb",
    decodeKey: (c) => `url_decode(replace(${c}, '+', ' '))`,
    timestamp: (c) => `TRY_CAST(NULLIF(${c}, '') AS TIMESTAMPTZ)`,
    instant: (iso) => `CAST('${iso}' AS TIMESTAMPTZ)`,
};

export const ATHENA: Dialect = {
    name: "athena",
    // Trino's url_decode is Java's URLDecoder: it already reads `+` as a space.
    decodeKey: (c) => `url_decode(${c})`,
    timestamp: (c) => `from_iso8601_timestamp(NULLIF(${c}, ''))`,
    instant: (iso) => `from_iso8601_timestamp('${iso}')`,
};

/** The raw column name of a `fileSchema` field: lowercase, as Athena stores column names. */
export function rawColumn(field: string): string {
    return field.toLowerCase();
}

const NULL_TEXT = "CAST(NULL AS VARCHAR)";

/**
 * One inventory's rows in a shape both sides share, whatever its configuration wrote: an inventory of
 * current versions has no VersionId, IsLatest or IsDeleteMarker, and every row of it is current.
 */
export function normalizedSelect(d: Dialect, from: string, fields: readonly string[]): string {
    const has = (f: string) => fields.includes(f);
    const text = (f: string) => (has(f) ? `NULLIF(${rawColumn(f)}, '')` : NULL_TEXT);
    return [
        "SELECT",
        `  ${d.decodeKey(rawColumn("Key"))} AS object_key,`,
        `  ${text("VersionId")} AS version_id,`,
        `  ${has("IsLatest") ? `${rawColumn("IsLatest")} = 'true'` : "TRUE"} AS is_latest,`,
        `  ${has("IsDeleteMarker") ? `${rawColumn("IsDeleteMarker")} = 'true'` : "FALSE"} AS is_delete_marker,`,
        `  TRY_CAST(NULLIF(${rawColumn("Size")}, '') AS BIGINT) AS size,`,
        `  ${d.timestamp(rawColumn("LastModifiedDate"))} AS last_modified,`,
        `  ${text("ETag")} AS etag,`,
        `  ${text("ReplicationStatus")} AS replication_status`,
        `FROM ${from}`,
    ].join("\n");
}

/**
 * The current objects of both sides: with all versions, the current object of a key is its latest
 * version unless that is a delete marker (then the key has none).
 */
function currentObjects(source: string, target: string): string {
    return [
        "WITH",
        `  s AS (SELECT * FROM ${source} WHERE is_latest AND NOT is_delete_marker),`,
        `  t AS (SELECT * FROM ${target} WHERE is_latest AND NOT is_delete_marker)`,
    ].join("\n");
}

/** How many current objects each side holds: one row, `source_objects`, `target_objects`. */
export function countSql(source: string, target: string): string {
    return `${currentObjects(source, target)}\nSELECT (SELECT count(*) FROM s) AS source_objects, (SELECT count(*) FROM t) AS target_objects`;
}

/** The difference classes the comparison assigns; `ok` rows are returned only when they failed to replicate. */
export type Difference = "missing" | "mismatched" | "extra" | "inflight" | "ok";

/** Columns of every row the comparison returns, in order. */
export const DIFF_COLUMNS = [
    "difference",
    "failed",
    "object_key",
    "source_version_id",
    "target_version_id",
    "source_etag",
    "target_etag",
    "source_size",
    "target_size",
    "source_last_modified",
    "replication_status",
] as const;

/**
 * The comparison of current objects by key. A difference whose source object changed after `cutoffIso`
 * (the target inventory's creation time minus the RTC window) is in flight, unless S3 already marked its
 * replication FAILED: a failed replication is never retried by S3 itself. Version ids are compared where
 * both sides carry them, since replication keeps the version id.
 */
export function comparisonSql(d: Dialect, source: string, target: string, cutoffIso: string): string {
    return `${currentObjects(source, target)},
  j AS (
    SELECT
      COALESCE(s.object_key, t.object_key) AS object_key,
      s.object_key IS NOT NULL AS in_source,
      t.object_key IS NOT NULL AS in_target,
      s.version_id AS source_version_id,
      t.version_id AS target_version_id,
      s.etag AS source_etag,
      t.etag AS target_etag,
      s.size AS source_size,
      t.size AS target_size,
      s.last_modified AS source_last_modified,
      s.replication_status AS replication_status
    FROM s FULL OUTER JOIN t ON s.object_key = t.object_key
  ),
  c AS (
    SELECT
      CASE
        WHEN NOT in_source THEN 'extra'
        WHEN in_target
          AND source_etag IS NOT DISTINCT FROM target_etag
          AND source_size IS NOT DISTINCT FROM target_size
          AND (source_version_id IS NULL OR target_version_id IS NULL OR source_version_id = target_version_id)
          THEN 'ok'
        WHEN COALESCE(replication_status, '') <> 'FAILED' AND source_last_modified > ${d.instant(cutoffIso)}
          THEN 'inflight'
        WHEN NOT in_target THEN 'missing'
        ELSE 'mismatched'
      END AS difference,
      COALESCE(replication_status = 'FAILED', FALSE) AS failed,
      j.*
    FROM j
  )
SELECT ${DIFF_COLUMNS.join(", ")}
FROM c
WHERE difference <> 'ok' OR failed
ORDER BY difference, object_key`;
}

/** `cutoff` for a target inventory created at `createdAt`. */
export function inFlightCutoff(createdAt: Date): string {
    return new Date(createdAt.getTime() - RTC_WINDOW_MS).toISOString();
}
