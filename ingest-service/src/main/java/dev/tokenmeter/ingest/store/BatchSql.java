package dev.tokenmeter.ingest.store;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The statements that store a batch, in one transaction (see {@link EventStore}): {@link #LOCK_TENANTS}
 * takes the batch's tenants' rollup locks shared, {@link #KEYS} claims the batch's (tenant, id) keys and says which were known already; {@link #COPY_EVENTS} streams
 * the new events into the raw table and {@link #ROLLUPS} merges their rollup deltas (aggregated by
 * {@link RollupDeltas}) into the six rollup tables, and {@link #UNITS} the units deltas of events with units into the six units rollups; {@link #CONFLICTS} records redeliveries whose payload differs. Parameters are
 * parallel arrays. Rows are inserted in key order so that concurrent batches lock rows in the same
 * order and cannot deadlock.
 */
final class BatchSql {

    private BatchSql() {
    }

    /** The rollup levels' table suffixes, in {@link RollupRows#LEVELS} order (first: the statements below are built from it). */
    private static final List<String> LEVEL_SUFFIXES = List.of("15m", "1h", "1d");

    /** The columns of {@code usage_event} a batch writes, in {@link Columns} order. */
    static final String EVENT_COLUMNS = """
            tenant, id, event_time, provider, model, endpoint, project, api_key,
            user_id, status, error_type, error_message, latency_ms, input_tokens, cached_input_tokens,
            cache_write_tokens, output_tokens, reasoning_tokens, cost_usd, priced, cost_source, price_ref, tags,
            service_tier, units, unit_costs""";

    private static final String EVENT_TYPES = """
            $%d::text[], $%d::text[], $%d::timestamptz[], $%d::text[], $%d::text[], $%d::text[], $%d::text[], $%d::text[],
            $%d::text[], $%d::text[], $%d::text[], $%d::text[], $%d::int[], $%d::bigint[], $%d::bigint[],
            $%d::bigint[], $%d::bigint[], $%d::bigint[], $%d::numeric[], $%d::boolean[], $%d::text[], $%d::text[], $%d::jsonb[],
            $%d::text[], $%d::jsonb[], $%d::jsonb[]""";

    static final int EVENT_PARAMS = 26;

    static final String ROLLUP_COLUMNS = """
            requests, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens,
            cost_usd, unpriced_requests, latency_count, latency_sum_ms, latency_hist, last_seen""";

    private static final String ROLLUP_TYPES = """
            $%d::bigint[], $%d::bigint[], $%d::bigint[], $%d::bigint[], $%d::bigint[], $%d::bigint[],
            $%d::numeric[], $%d::bigint[], $%d::bigint[], $%d::bigint[], $%d::jsonb[], $%d::timestamptz[]""";

    private static final String FULL_KEYS = "tenant, bucket_start, provider, model, endpoint, project, api_key, status, service_tier";
    private static final String FULL_KEY_TYPES = "$%d::text[], $%d::timestamptz[], $%d::text[], $%d::text[], $%d::text[], "
            + "$%d::text[], $%d::text[], $%d::text[], $%d::text[]";
    private static final String DIM_KEYS = "tenant, dim, bucket_start, value, status";
    private static final String DIM_KEY_TYPES = "$%d::text[], $%d::text[], $%d::timestamptz[], $%d::text[], $%d::text[]";

    /**
     * The FIRST statement of a batch's transaction ($1 the batch's tenants, duplicates allowed): takes
     * {@code pg_advisory_xact_lock_shared(tenant_rollup_lock_key(tenant))} for each distinct tenant,
     * in key order (function {@code lock_tenant_rollups_shared}, migration V14). A re-pricing rebuild
     * takes the same key exclusively, so it waits for this batch, or this batch for it, and only for
     * the same tenant's. It runs before {@link #ROLLUPS} takes its snapshot: a batch either committed
     * before the rebuild (its events are in the raw rows the rebuild sums) or adds its increments to
     * the rebuilt rows — never both, never neither.
     */
    static final String LOCK_TENANTS = "SELECT lock_tenant_rollups_shared($1::text[])";

    /**
     * Claims the keys of the batch's first occurrences ($1 tenant, $2 id, $3 fingerprint hex,
     * $4 event time) and answers, for each one that was known already, its position (1-based) and
     * the stored fingerprint. The function {@code claim_usage_event_keys} (migration V11) inserts
     * into the current dedup-key generation and finds keys in the earlier kept ones, whatever
     * their event time; the stored fingerprint is read from the snapshot its statement started
     * with, so it is null when a concurrent writer claimed the key in the meantime.
     */
    static final String KEYS = """
            SELECT claimed_ord AS ord, claimed_kept_hex AS kept_hex
            FROM claim_usage_event_keys($1::text[], $2::text[], $3::text[], $4::timestamptz[])
            """;

    /**
     * Streams the new events into the raw table ({@link CopyRows} writes the body). A row the
     * database refuses fails the whole COPY with the row's SQLSTATE (class 22 or 23), like the
     * INSERT it replaces, so bisection still isolates it.
     */
    static final String COPY_EVENTS = "COPY usage_event (" + EVENT_COLUMNS.replace("\n", " ") + ") FROM STDIN";

    static final String ROLLUPS = rollups();

    /**
     * The earlier path ({@code tokenmeter.ingest.raw-rows=arrays}): the new events from parameter
     * arrays ($1..$23) and {@link #ROLLUPS}' rows after them, in one statement.
     */
    static final String STORE = """
            WITH stored AS (
                INSERT INTO usage_event (%s)
                SELECT * FROM unnest(%s)
            ),
            %s""".formatted(EVENT_COLUMNS, params(EVENT_TYPES, 1), renumber(ROLLUPS.substring("WITH ".length()), EVENT_PARAMS));

    private static final String UNIT_FULL_KEYS = FULL_KEYS + ", unit";
    private static final String UNIT_DIM_KEYS = DIM_KEYS + ", unit";
    private static final String UNIT_MEASURES = "quantity, cost_usd, unpriced_quantity";
    private static final String UNIT_MEASURE_TYPES = "$%d::numeric[], $%d::numeric[], $%d::numeric[]";

    /**
     * Adds a batch's units totals ({@link UnitDeltas}: one row per key and level) to the six units rollups
     * (migration V24), in key order, as {@link #ROLLUPS} does for the token rollups. Runs only for batches
     * with units, so the statements of token-only traffic are unchanged.
     */
    static final String UNITS = units();

    /** Records conflicting redeliveries: the events' columns, then each one's fingerprint and the kept one (hex). */
    static final String CONFLICTS = """
            INSERT INTO usage_event_conflict (tenant, id, fingerprint, kept_fingerprint, payload)
            SELECT DISTINCT ON (tenant, id, fingerprint_hex) tenant, id, decode(fingerprint_hex, 'hex'), decode(kept_hex, 'hex'),
                to_jsonb(c) - 'fingerprint_hex' - 'kept_hex'
            FROM unnest(%s, $%d::text[], $%d::text[]) AS c(%s, fingerprint_hex, kept_hex)
            ORDER BY tenant, id, fingerprint_hex
            ON CONFLICT (tenant, id, fingerprint) DO NOTHING
            """.formatted(params(EVENT_TYPES, 1), EVENT_PARAMS + 1, EVENT_PARAMS + 2, EVENT_COLUMNS);

    /** What a batch adds to the token rollups: every measure summed, the histograms merged, the latest time kept. */
    private static final String ROLLUP_SET = """
            requests = r.requests + excluded.requests,
            input_tokens = r.input_tokens + excluded.input_tokens,
            cached_input_tokens = r.cached_input_tokens + excluded.cached_input_tokens,
            cache_write_tokens = r.cache_write_tokens + excluded.cache_write_tokens,
            output_tokens = r.output_tokens + excluded.output_tokens,
            reasoning_tokens = r.reasoning_tokens + excluded.reasoning_tokens,
            cost_usd = r.cost_usd + excluded.cost_usd,
            unpriced_requests = r.unpriced_requests + excluded.unpriced_requests,
            latency_count = r.latency_count + excluded.latency_count,
            latency_sum_ms = r.latency_sum_ms + excluded.latency_sum_ms,
            latency_hist = CASE WHEN excluded.latency_hist = '{}'::jsonb THEN r.latency_hist
                ELSE r.latency_hist || (SELECT jsonb_object_agg(key, value::bigint + coalesce((r.latency_hist ->> key)::bigint, 0))
                                        FROM jsonb_each_text(excluded.latency_hist)) END,
            last_seen = greatest(r.last_seen, excluded.last_seen)""";

    private static final String UNIT_SET = """
            quantity = r.quantity + excluded.quantity,
            cost_usd = r.cost_usd + excluded.cost_usd,
            unpriced_quantity = r.unpriced_quantity + excluded.unpriced_quantity""";

    private static String rollups() {
        return family("rollup", FULL_KEYS, FULL_KEY_TYPES, DIM_KEYS, DIM_KEY_TYPES, ROLLUP_COLUMNS, ROLLUP_TYPES, ROLLUP_SET);
    }

    private static String units() {
        return family("unit_rollup", UNIT_FULL_KEYS, FULL_KEY_TYPES + ", $%d::text[]", UNIT_DIM_KEYS, DIM_KEY_TYPES + ", $%d::text[]",
                UNIT_MEASURES, UNIT_MEASURE_TYPES, UNIT_SET);
    }

    /**
     * One statement that merges a batch's rows into a family of six rollup tables ({@code usage_<name>_*}
     * for every dimension, {@code usage_<dim name>_*} for one dimension at a time, at 15 minutes, an hour
     * and a day): the all-dimension rows as parameters $1 (level), the keys, the measures, then the
     * one-dimension rows likewise. Each table's rows are inserted in key order; a key that exists gets
     * {@code set}. The histograms merge as {@code latency_hist_merge} does, written out: a sub-select costs
     * less per row than a call of the SQL function, which cannot be inlined.
     */
    private static String family(String name, String fullKeys, String fullKeyTypes, String dimKeys, String dimKeyTypes, String measures,
            String measureTypes, String set) {
        int full = 1;
        int dim = full + 1 + count(fullKeyTypes) + count(measureTypes);
        List<String> upserts = new java.util.ArrayList<>();
        String dimName = name.replace("rollup", "dim_rollup");
        for (String[] family : new String[][] {{name, fullKeys, "full_rows"}, {dimName, dimKeys, "dim_rows"}}) {
            for (int level = 0; level < LEVEL_SUFFIXES.size(); level++) {
                String table = family[0] + "_" + LEVEL_SUFFIXES.get(level);
                upserts.add("""
                        %1$s AS (
                            INSERT INTO usage_%1$s AS r (%2$s, %3$s)
                            SELECT %2$s, %3$s FROM %4$s WHERE level = %5$d
                            ORDER BY %2$s
                            ON CONFLICT (%2$s) DO UPDATE SET
                        %6$s
                        )""".formatted(table, family[1], measures, family[2], level, set.indent(8).stripTrailing()));
            }
        }
        return """
                WITH full_rows AS (
                    SELECT * FROM unnest($%1$d::int[], %2$s, %3$s) AS t(level, %4$s, %5$s)
                ),
                dim_rows AS (
                    SELECT * FROM unnest($%6$d::int[], %7$s, %8$s) AS t(level, %9$s, %5$s)
                ),
                %10$s
                SELECT 1
                """.formatted(full, params(fullKeyTypes, full + 1), params(measureTypes, full + 1 + count(fullKeyTypes)), fullKeys,
                measures,
                dim, params(dimKeyTypes, dim + 1), params(measureTypes, dim + 1 + count(dimKeyTypes)), dimKeys,
                String.join(",\n", upserts));
    }

    /** Shifts every {@code $n} placeholder of {@code sql} by {@code by}. */
    private static String renumber(String sql, int by) {
        return java.util.regex.Pattern.compile("\\$(\\d+)").matcher(sql)
                .replaceAll(match -> "\\$" + (Integer.parseInt(match.group(1)) + by));
    }

    /** Numbers the {@code $%d} placeholders of {@code types} from {@code first}. */
    private static String params(String types, int first) {
        return types.formatted(IntStream.range(first, first + count(types)).boxed().toArray());
    }

    /** How many placeholders {@code types} has. */
    private static int count(String types) {
        return types.split("%d", -1).length - 1;
    }
}
