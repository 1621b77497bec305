package dev.tokenmeter.query.usage;

import dev.tokenmeter.query.range.Bucket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Writes the FROM clause that yields the usage rows of a range from the cheapest exact source.
 *
 * <p>Time: every requested bucket is covered by whole UTC days (daily rollups), then whole UTC
 * hours (hourly), then 15-minute buckets; the unaligned edges of the range — or everything, when
 * the question needs tags, minutes or the user with another dimension — come from raw events; a
 * question about users alone (besides status) reads whole UTC days from the daily rows by user and
 * the rest from raw events ({@link #byUser}), or an edge day's rows by user when the tenant has no event in the
 * rest of that day ({@link #userEdge}). Dimensions: the narrowest
 * rollup holding what the question filters and groups by — the one-dimension rollup when that is
 * at most one of provider, model, endpoint, project, API key (status is in every rollup), the
 * all-dimension rollup otherwise.
 *
 * <p>Every row has the same columns, so callers aggregate without caring where it came from:
 * {@code ts, provider, model, endpoint, project, api_key, status, user_id, tags, requests,
 * <token columns>, cost_usd, unpriced_requests, latency_count, latency_sum_ms, latency_hist, latency_bucket,
 * last_seen} (a one-dimension row has only its own dimension set). A rollup row's latency
 * histogram is {@code latency_hist} (jsonb {bucket: count}); a raw event's is one count in its
 * {@code latency_bucket} (migration V5), null without a latency. Filters apply to that outer row
 * set, and PostgreSQL pushes them into each branch.
 *
 * <p>Every row also has {@code bucket} and {@code sign}. Rows are normally placed in the requested
 * bucket holding their {@code ts} ({@code bucket} null, {@code sign} 1). When several buckets are
 * requested, a bucket holding most but not all of a UTC day — a local day, week or month in a zone
 * off UTC — takes that day's daily row ({@code bucket} = its index, {@code sign} 1) less the rollup
 * rows of the rest of the day ({@code bucket} = its index, {@code sign} -1), see {@link RollupCover}:
 * the same counts, sums and histograms from a fraction of the rows (a New York day: its daily row and
 * four hourly rows instead of 24). Such rows carry no meaningful {@code last_seen}, which no
 * multi-bucket question shows.
 */
final class UsageSource {

    private static final long QUARTER = RollupCover.QUARTER;
    private static final long HOUR = RollupCover.HOUR;
    private static final long DAY = RollupCover.DAY;
    /** The {@code dim} of the daily rows by user (migration V25). */
    private static final String USER_DIM = "user";

    static final String METRICS = "input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, cost_usd";
    private static final String ROLLUP_METRICS = "requests, " + METRICS
            + ", unpriced_requests, latency_count, latency_sum_ms, latency_hist,"
            + " NULL::integer AS latency_bucket, last_seen";
    /** The rollup dimensions in the column order every branch of the union uses. */
    private static final List<Dimension> IN_DIMENSION_ROLLUP = List.of(Dimension.PROVIDER, Dimension.MODEL, Dimension.ENDPOINT,
            Dimension.PROJECT, Dimension.API_KEY,
            Dimension.SERVICE_TIER);

    private UsageSource() {
    }

    /**
     * Appends {@code (SELECT * FROM (... UNION ALL ...) u WHERE <filters>) AS usage_rows}.
     *
     * @param grouping what the caller groups by, so the chosen rollup holds it; null when none
     * @param rawOnly  read raw events for the whole span (minute buckets)
     */
    static void append(Sql sql, String tenant, List<Bucket> buckets, Filters filters, @Nullable Grouping grouping, boolean rawOnly) {
        append(sql, tenant, buckets, filters, grouping, rawOnly, buckets.size() > 1);
    }

    /**
     * As {@link #append(Sql, String, List, Filters, Grouping, boolean)}; without {@code subtract} no
     * bucket takes a whole UTC day less the rest of it, so every row lies in the bucket of its
     * {@code ts} with sign 1: what a distinct count per bucket needs (a day's row names values that
     * only the subtracted hours had).
     */
    static void append(Sql sql, String tenant, List<Bucket> buckets, Filters filters, @Nullable Grouping grouping, boolean rawOnly,
            boolean subtract) {
        Instant from = buckets.get(0).start();
        Instant to = buckets.get(buckets.size() - 1).end();
        Instant alignedFrom = ceil(from, QUARTER);
        Instant alignedTo = RollupCover.floor(to, QUARTER);
        boolean rollups = !rawOnly && filters.inRollups() && (grouping == null || grouping.inRollups())
                && alignedFrom.isBefore(alignedTo) && aligned(buckets);
        List<String> parts = new ArrayList<>();
        Instant dayFrom = ceil(from, DAY);
        Instant dayTo = RollupCover.floor(to, DAY);
        if (!rollups && !rawOnly && byUser(filters, grouping) && dayFrom.isBefore(dayTo) && dayAligned(buckets)) {
            for (RollupCover.Part part : RollupCover.of(buckets, dayFrom, dayTo, false).parts()) {
                addRollup(sql, parts, part, tenant, true, Dimension.USER, filters);
            }
            if (from.isBefore(dayFrom)) {
                userEdge(sql, parts, tenant, from, dayFrom, dayFrom.minusSeconds(DAY), filters);
            }
            if (dayTo.isBefore(to)) {
                userEdge(sql, parts, tenant, dayTo, to, dayTo, filters);
            }
        } else if (!rollups) {
            parts.add(raw(sql, tenant, from, to));
        } else {
            RollupCover cover = RollupCover.of(buckets, alignedFrom, alignedTo, subtract);
            Dimension only = narrowest(filters, grouping);
            boolean narrow = only != null || filters.dimensions().keySet().stream().allMatch(d -> d == Dimension.STATUS)
                    && (grouping == null || grouping.dimension() == Dimension.STATUS);
            for (RollupCover.Part part : cover.parts()) {
                addRollup(sql, parts, part, tenant, narrow, only, filters);
            }
            if (from.isBefore(alignedFrom)) {
                parts.add(raw(sql, tenant, from, alignedFrom));
            }
            if (alignedTo.isBefore(to)) {
                parts.add(raw(sql, tenant, alignedTo, to));
            }
            if (parts.isEmpty()) {
                parts.add(raw(sql, tenant, from, to));
            }
        }
        sql.append("(SELECT * FROM (" + String.join(" UNION ALL ", parts) + ") AS u WHERE true");
        filters.appendTo(sql);
        sql.append(") AS usage_rows");
    }

    /**
     * The one dimension a question needs besides status, or null when it needs none or several: when
     * not null (and the filters are in the rollups), its rows come from the one-dimension rollups.
     */
    static @Nullable Dimension narrowest(Filters filters, @Nullable Grouping grouping) {
        Set<Dimension> needed = EnumSet.noneOf(Dimension.class);
        needed.addAll(filters.dimensions().keySet());
        if (grouping != null && grouping.dimension() != null) {
            needed.add(grouping.dimension());
        }
        needed.remove(Dimension.STATUS);
        return needed.size() == 1 && IN_DIMENSION_ROLLUP.containsAll(needed) ? needed.iterator().next() : null;
    }

    /**
     * Whether a question needs the user and no other dimension besides status, and no tag: its whole UTC
     * days then come from the daily rows by user ({@code usage_dim_rollup_1d}, dim {@code 'user'}, V25), only
     * the rest of its range (under a day at each edge) from raw events. The requested buckets must then
     * start on UTC midnights, so that each day's row belongs to one bucket.
     */
    static boolean byUser(Filters filters, @Nullable Grouping grouping) {
        if (!filters.tags().isEmpty() || grouping != null && grouping.tagKey() != null) {
            return false;
        }
        Set<Dimension> needed = EnumSet.noneOf(Dimension.class);
        needed.addAll(filters.dimensions().keySet());
        if (grouping != null && grouping.dimension() != null) {
            needed.add(grouping.dimension());
        }
        needed.remove(Dimension.STATUS);
        return needed.equals(EnumSet.of(Dimension.USER));
    }

    /**
     * The part [from, to) of the UTC day starting {@code day} of a question about users: its raw events, or the day's
     * rows by user when they hold exactly those events — when the tenant has raw events in [from, to) (so the day's
     * raw events are kept: retention drops whole months) and none in the rest of the day. A range that ends now
     * (the dashboard's) has no events after it: its last day then reads a few thousand daily rows by user instead of
     * up to a day of raw events. The conditions are uncorrelated, so PostgreSQL checks them once and runs only the
     * branch that holds.
     */
    private static void userEdge(Sql sql, List<String> parts, String tenant, Instant from, Instant to, Instant day,
            Filters filters) {
        Instant dayEnd = day.plusSeconds(DAY);
        String only = anyEvent(sql, tenant, from, to);
        if (day.isBefore(from)) {
            only += " AND NOT " + anyEvent(sql, tenant, day, from);
        }
        if (to.isBefore(dayEnd)) {
            only += " AND NOT " + anyEvent(sql, tenant, to, dayEnd);
        }
        int before = parts.size();
        addRollup(sql, parts, new RollupCover.Part(DAY, 1, List.of(day), null, false), tenant, true, Dimension.USER, filters);
        parts.set(before, parts.get(before) + " AND " + only);
        parts.add(raw(sql, tenant, from, to) + " AND NOT (" + only + ")");
    }

    /**
     * Whether the tenant has a raw event in [from, to): its first event time there, which PostgreSQL always reads as
     * one probe of the raw events' key (tenant, event_time, id). An EXISTS was planned as a sequential scan of the
     * month when the estimate expected many rows in an empty span (the rest of today after now: 550 ms at 2 M events).
     */
    private static String anyEvent(Sql sql, String tenant, Instant from, Instant to) {
        return "(SELECT min(event_time) FROM usage_event WHERE tenant = " + sql.bind(tenant) + " AND event_time >= "
                + sql.bind(from.toString()) + "::timestamptz AND event_time < " + sql.bind(to.toString()) + "::timestamptz) IS NOT NULL";
    }

    private static void addRollup(Sql sql, List<String> parts, RollupCover.Part part, String tenant,
            boolean narrow, @Nullable Dimension only, Filters filters) {
        if (part.starts().isEmpty()) {
            return;
        }
        String level = part.step() == DAY ? "1d" : part.step() == HOUR ? "1h" : "15m";
        if (only == Dimension.USER && part.step() != DAY) {
            throw new IllegalStateException("users have daily rollup rows only");
        }
        String where = " WHERE tenant = " + sql.bind(tenant) + " AND " + bucketStarts(sql, part.starts(), part.step());
        String placement = part.twice() ? ", placed.bucket, placed.sign" : placement(sql, part, true);
        String join = part.twice()
                ? " CROSS JOIN LATERAL (VALUES (NULL::integer, 1), (" + placement(sql, part, false) + ", "
                        + part.sign() + ")) AS placed(bucket, sign)"
                : "";
        if (!narrow) {
            parts.add("SELECT bucket_start AS ts, provider, NULLIF(model, '') AS model, endpoint, NULLIF(project, '') AS project,"
                    + " NULLIF(api_key, '') AS api_key, service_tier, status, NULL::text AS user_id, NULL::jsonb AS tags, "
                    + ROLLUP_METRICS + placement + " FROM usage_rollup_" + level + join + where
                    + storedValues(sql, filters, Dimension.PROJECT, "project") + storedValues(sql, filters, Dimension.API_KEY, "api_key")
                    + storedValues(sql, filters, Dimension.MODEL, "model"));
            return;
        }
        if (only != null) {
            where += storedValues(sql, filters, only, "value");
        }
        String dim = only == null ? "" : only == Dimension.USER ? USER_DIM : only.column();
        StringBuilder columns = new StringBuilder();
        for (Dimension d : IN_DIMENSION_ROLLUP) {
            columns.append(d == only ? "NULLIF(value, '')" : "NULL::text").append(" AS ").append(d.column()).append(", ");
        }
        String user = only == Dimension.USER ? "NULLIF(value, '')" : "NULL::text";
        parts.add("SELECT bucket_start AS ts, " + columns + "status, " + user + " AS user_id, NULL::jsonb AS tags, "
                + ROLLUP_METRICS + placement + " FROM usage_dim_rollup_" + level + join + where + " AND dim = " + sql.bind(dim));
    }

    /**
     * The {@code bucket} and {@code sign} columns of a part's rows (or, without {@code columns}, the
     * bucket expression alone): null and 1 when its rows fall in the bucket of their time; else each
     * start's bucket index, looked up by binary search ({@code width_bucket} over the part's
     * ascending, distinct starts).
     */
    private static String placement(Sql sql, RollupCover.Part part, boolean columns) {
        if (part.buckets() == null) {
            return ", NULL::integer AS bucket, " + part.sign() + " AS sign";
        }
        String bucket = "(SELECT " + sql.bind(part.buckets().toArray(Integer[]::new)) + "::integer[])[width_bucket(bucket_start, (SELECT "
                + sql.bind(part.starts().stream().map(Instant::toString).toArray(String[]::new)) + "::timestamptz[]))]";
        return columns ? ", " + bucket + " AS bucket, " + part.sign() + " AS sign" : bucket;
    }

    /**
     * The filter on a column the rollups store with '' for "none", repeated on the stored column so
     * the index can use it: the outer filter's {@code NULLIF(column, '') = ANY(v)}, or {@code IS NULL}
     * for the value '' (none, allowed for optional dimensions only), keeps the same rows as
     * {@code column = ANY(v)} — so a breakdown's shown rows read only their own rollup rows even when
     * one of them is the row without a key (e.g. events without a user).
     */
    static String storedValues(Sql sql, Filters filters, Dimension dimension, String column) {
        List<String> values = filters.dimensions().get(dimension);
        return values == null ? "" : " AND " + column + " = ANY(" + sql.bind(values.toArray(String[]::new)) + ")";
    }

    /**
     * Selects exactly the given rollup buckets (ascending, multiples of {@code step}): one half-open
     * range when they run back to back (one index range scan), else listed (one index probe each).
     * Several ranges OR-ed together are not used: PostgreSQL then scanned every bucket of the tenant
     * and dimension and filtered them, e.g. all 90 days of hours for the first and last hour of a range.
     */
    static String bucketStarts(Sql sql, List<Instant> starts, long step) {
        Instant first = starts.get(0);
        Instant last = starts.get(starts.size() - 1);
        if (Duration.between(first, last).getSeconds() == (starts.size() - 1) * step) {
            return "bucket_start >= " + sql.bind(first.toString()) + "::timestamptz AND bucket_start < "
                    + sql.bind(last.plusSeconds(step).toString()) + "::timestamptz";
        }
        return "bucket_start = ANY(" + sql.bind(starts.stream().map(Instant::toString).toArray(String[]::new)) + "::timestamptz[])";
    }

    private static String raw(Sql sql, String tenant, Instant from, Instant to) {
        return "SELECT event_time AS ts, provider, model, endpoint, project, api_key, service_tier, status, user_id, tags,"
                + " 1::bigint AS requests, " + METRICS + ", (NOT priced)::int::bigint AS unpriced_requests,"
                + " (latency_ms IS NOT NULL)::int::bigint AS latency_count, coalesce(latency_ms, 0)::bigint AS latency_sum_ms, "
                + " NULL::jsonb AS latency_hist, latency_bucket(latency_ms) AS latency_bucket, event_time AS last_seen,"
                + " NULL::integer AS bucket, 1 AS sign"
                + " FROM usage_event WHERE tenant = " + sql.bind(tenant)
                + " AND event_time >= " + sql.bind(from.toString()) + "::timestamptz"
                + " AND event_time < " + sql.bind(to.toString()) + "::timestamptz";
    }

    /** Inner bucket boundaries on UTC midnights, for daily rollup rows to belong to one bucket. */
    private static boolean dayAligned(List<Bucket> buckets) {
        for (int i = 1; i < buckets.size(); i++) {
            if (buckets.get(i).start().getEpochSecond() % DAY != 0 || buckets.get(i).start().getNano() != 0) {
                return false;
            }
        }
        return true;
    }

    /** Inner bucket boundaries must fall on 15-minute marks for rollup rows to belong to one bucket. */
    static boolean aligned(List<Bucket> buckets) {
        for (int i = 1; i < buckets.size(); i++) {
            if (buckets.get(i).start().getEpochSecond() % QUARTER != 0 || buckets.get(i).start().getNano() != 0) {
                return false;
            }
        }
        return true;
    }

    private static Instant ceil(Instant time, long seconds) {
        Instant floor = RollupCover.floor(time, seconds);
        return floor.equals(time) ? floor : floor.plusSeconds(seconds);
    }
}
