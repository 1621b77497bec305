package dev.tokenmeter.query.usage;

import dev.tokenmeter.query.range.Bucket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the FROM clause that yields the usage rows of a range, drawn from the cheapest exact
 * source: whole UTC days that lie inside one requested bucket from the daily rollup, other
 * 15-minute buckets from the 15-minute rollup, and the unaligned edges of the range (or
 * everything, when the question needs user, tags or minutes) from raw events. Every row has
 * the same columns, so the caller aggregates without caring where it came from:
 * {@code ts, provider, model, endpoint, project, api_key, status, user_id, tags, requests,
 * <token columns>, cost_usd, unpriced_requests, latency_count, latency_sum_ms, latency_hist, last_seen}.
 */
final class UsageSource {

    private static final long QUARTER = 900;
    private static final long DAY = 86_400;

    static final String METRICS = "input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, cost_usd";

    /** A raw event's latency histogram: one count in its {@code latency_bucket()} (migration V5). */
    private static final String RAW_HIST =
            "CASE WHEN latency_ms IS NULL THEN '{}'::jsonb ELSE jsonb_build_object(latency_bucket(latency_ms)::text, 1) END";

    private UsageSource() {
    }

    /**
     * Appends {@code (SELECT ... UNION ALL ...) AS usage_rows} for the tenant's rows in the
     * buckets' span, under the filters.
     *
     * @param rawOnly read raw events for the whole span (user or tag questions, minute buckets)
     */
    static void append(Sql sql, String tenant, List<Bucket> buckets, Filters filters, boolean rawOnly) {
        Instant from = buckets.get(0).start();
        Instant to = buckets.get(buckets.size() - 1).end();
        Instant alignedFrom = ceil(from, QUARTER);
        Instant alignedTo = floor(to, QUARTER);
        boolean rollups = !rawOnly && filters.inRollups() && alignedFrom.isBefore(alignedTo) && aligned(buckets);
        sql.append("(");
        if (!rollups) {
            raw(sql, tenant, from, to, filters);
        } else {
            List<Instant> days = wholeDays(buckets, alignedFrom, alignedTo);
            String dayArray = sql.bind(days.stream().map(Instant::toString).toArray(String[]::new));
            rollup(sql, "usage_rollup_15m", tenant, filters);
            sql.append(" AND bucket_start >= " + sql.bind(alignedFrom.toString()) + "::timestamptz"
                    + " AND bucket_start < " + sql.bind(alignedTo.toString()) + "::timestamptz"
                    + " AND date_trunc('day', bucket_start, 'UTC') <> ALL(" + dayArray + "::timestamptz[])");
            sql.append(" UNION ALL ");
            rollup(sql, "usage_rollup_1d", tenant, filters);
            sql.append(" AND bucket_start = ANY(" + dayArray + "::timestamptz[])");
            if (from.isBefore(alignedFrom)) {
                sql.append(" UNION ALL ");
                raw(sql, tenant, from, alignedFrom, filters);
            }
            if (alignedTo.isBefore(to)) {
                sql.append(" UNION ALL ");
                raw(sql, tenant, alignedTo, to, filters);
            }
        }
        sql.append(") AS usage_rows");
    }

    private static void rollup(Sql sql, String table, String tenant, Filters filters) {
        sql.append("SELECT bucket_start AS ts, provider, model, endpoint, NULLIF(project, '') AS project,"
                + " NULLIF(api_key, '') AS api_key, status, NULL::text AS user_id, NULL::jsonb AS tags, requests, "
                + METRICS + ", unpriced_requests, latency_count, latency_sum_ms, latency_hist, last_seen FROM " + table
                + " WHERE tenant = " + sql.bind(tenant));
        filters.appendTo(sql);
    }

    private static void raw(Sql sql, String tenant, Instant from, Instant to, Filters filters) {
        sql.append("SELECT event_time AS ts, provider, model, endpoint, project, api_key, status, user_id, tags,"
                + " 1::bigint AS requests, " + METRICS + ", (NOT priced)::int::bigint AS unpriced_requests,"
                + " (latency_ms IS NOT NULL)::int::bigint AS latency_count, coalesce(latency_ms, 0)::bigint AS latency_sum_ms, "
                + RAW_HIST + " AS latency_hist, event_time AS last_seen FROM usage_event WHERE tenant = " + sql.bind(tenant)
                + " AND event_time >= " + sql.bind(from.toString()) + "::timestamptz"
                + " AND event_time < " + sql.bind(to.toString()) + "::timestamptz");
        filters.appendTo(sql);
    }

    /** UTC days inside [from, to) that no bucket boundary cuts: those the daily rollup may answer. */
    private static List<Instant> wholeDays(List<Bucket> buckets, Instant from, Instant to) {
        List<Instant> days = new ArrayList<>();
        for (Bucket bucket : buckets) {
            Instant start = ceil(max(bucket.start(), from), DAY);
            Instant end = min(bucket.end(), to);
            for (Instant day = start; !day.plus(Duration.ofDays(1)).isAfter(end); day = day.plus(Duration.ofDays(1))) {
                days.add(day);
            }
        }
        return days;
    }

    /** Inner bucket boundaries must fall on 15-minute marks for rollup rows to belong to one bucket. */
    private static boolean aligned(List<Bucket> buckets) {
        for (int i = 1; i < buckets.size(); i++) {
            if (buckets.get(i).start().getEpochSecond() % QUARTER != 0 || buckets.get(i).start().getNano() != 0) {
                return false;
            }
        }
        return true;
    }

    private static Instant ceil(Instant time, long seconds) {
        Instant floor = floor(time, seconds);
        return floor.equals(time) ? floor : floor.plusSeconds(seconds);
    }

    private static Instant floor(Instant time, long seconds) {
        return Instant.ofEpochSecond(time.getEpochSecond() - Math.floorMod(time.getEpochSecond(), seconds));
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
