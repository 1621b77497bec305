package dev.tokenmeter.query.pricing;

import dev.tokenmeter.event.ServiceTier;
import dev.tokenmeter.event.Usage;
import dev.tokenmeter.pricing.Cost;
import dev.tokenmeter.pricing.PriceCatalog;
import dev.tokenmeter.pricing.PriceOverrides;
import dev.tokenmeter.query.JobDatabase;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Re-prices one tenant's stored events of one UTC day with the prices in force now and corrects
 * that day's rollups, in one transaction.
 *
 * <p><b>Why totals stay exact while ingest goes on.</b> The transaction first rewrites the cost of
 * the day's events (row locks on existing events only; ingest only inserts new ones, so neither
 * waits for the other), then calls {@code rebuild_usage_rollups(tenant, day)}, which takes the
 * tenant's advisory lock {@code pg_advisory_xact_lock(tenant_rollup_lock_key(tenant))} (migration
 * V14) before it deletes and re-inserts that tenant's rollup rows. Every ingest batch takes the same
 * key shared, for each tenant it carries, as the first statement of its transaction — before the
 * statement that inserts raw events and rollup increments takes its snapshot. So a batch holding
 * this tenant either committed before the rebuild's lock was granted (its events are in the raw
 * rows the rebuild sums, which take their snapshots after the lock; the increments it made are
 * deleted with the old rows) or it waits for this transaction to commit and then adds its
 * increments to the rebuilt rows, which do not contain its events. No event is counted twice or
 * lost, whatever the interleaving. Batches of other tenants take other keys and never wait for the
 * rebuild: the exclusion is per tenant, for the rest of this day's transaction. Events stored
 * after this transaction are priced by ingest with the same prices: an override is saved before the
 * job starts, and ingest reloads overrides on its change notification (and every few seconds).
 * Events committed between this transaction's read and its rebuild keep the price ingest gave them,
 * and still count once.
 *
 * <p><b>Idempotent.</b> Only rows whose cost, priced flag, source or price reference differ are
 * written, and the day's rollups are rebuilt only when a row changed: a second run with the same
 * prices writes nothing. Provider-reported costs ({@code cost_source = 'provider'}) are kept.
 *
 * <p><b>Past the raw-event horizon.</b> The API refuses such days (see {@code RawHorizon}). Should
 * retention drop a queued day's partition before the job reaches it, the day has no rows: nothing
 * is re-priced and its rollups are not rebuilt, so its totals stay as they were. A day's raw rows
 * live in one monthly partition, so a day is never half there; and the partition's DROP waits for a
 * day's transaction that reads it.
 */
@Component
class Repricer {

    static final int PAGE = 2000;
    private static final String PAGE_SQL = """
            SELECT event_time, id, provider, model, endpoint, service_tier, units::text AS units, unit_costs::text AS unit_costs,
                   input_tokens, cached_input_tokens, cache_write_tokens,
                   output_tokens, reasoning_tokens, cost_usd, priced, cost_source, price_ref
            FROM usage_event
            WHERE tenant = $1 AND event_time >= $2 AND event_time < $3 AND (event_time, id) > ($4::timestamptz, $5)
            ORDER BY event_time, id
            LIMIT $6""";
    private static final String UPDATE_SQL = """
            UPDATE usage_event e SET cost_usd = u.cost, priced = u.priced, cost_source = u.cost_source, price_ref = u.price_ref,
                unit_costs = u.unit_costs
            FROM unnest($4::timestamptz[], $5::text[], $6::numeric[], $7::boolean[], $8::text[], $9::text[], $10::jsonb[])
                AS u(event_time, id, cost, priced, cost_source, price_ref, unit_costs)
            WHERE e.tenant = $1 AND e.event_time >= $2 AND e.event_time < $3
              AND e.event_time = u.event_time AND e.id = u.id""";

    /** What re-pricing one day did. */
    record DayResult(long examined, long repriced) {
    }

    private record Stored(Instant time, String id, String provider, @Nullable String model, String endpoint,
            ServiceTier serviceTier, Map<String, Long> units, @Nullable String unitCosts, Usage usage,
            BigDecimal cost, boolean priced, String costSource, @Nullable String priceRef) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    /** One page of the day's events, with how many of them it examined and re-priced. */
    private record Page(List<Stored> rows, long repriced) {
    }

    private final DatabaseClient db;
    private final PriceCatalog catalog;
    private final TransactionalOperator transactions;

    /** On the jobs' pool ({@link JobDatabase}): its statement and lock timeouts are those of a background job. */
    Repricer(JobDatabase database, PriceCatalog catalog) {
        this.db = database.client();
        this.catalog = catalog;
        this.transactions = database.transactions();
    }

    /** Re-prices the tenant's events in [from, to), which lie within one UTC day, and rebuilds that day's rollups. */
    Mono<DayResult> repriceDay(String tenant, Instant from, Instant to, PriceOverrides prices) {
        Mono<DayResult> work = page(tenant, from, to, null, prices)
                .expand(page -> page.rows().size() < PAGE
                        ? Mono.empty()
                        : page(tenant, from, to, page.rows().get(page.rows().size() - 1), prices))
                .reduce(new DayResult(0, 0), (sum, page) -> new DayResult(sum.examined() + page.rows().size(),
                        sum.repriced() + page.repriced()))
                .flatMap(day -> day.repriced() == 0
                        ? Mono.just(day)
                        : rebuild(tenant, from, to).thenReturn(day));
        return transactions.transactional(work);
    }

    /** The page of events after {@code after} (keyset on event_time, id), re-priced. */
    private Mono<Page> page(String tenant, Instant from, Instant to, @Nullable Stored after, PriceOverrides prices) {
        return db.sql(PAGE_SQL)
                .bind(0, tenant)
                .bind(1, from.atOffset(ZoneOffset.UTC))
                .bind(2, to.atOffset(ZoneOffset.UTC))
                .bind(3, (after == null ? from.minusNanos(1000) : after.time()).toString())
                .bind(4, after == null ? "" : after.id())
                .bind(5, PAGE)
                .map(Repricer::stored)
                .all()
                .collectList()
                .flatMap(rows -> update(tenant, from, to, rows, prices)
                        .map(changed -> new Page(rows, changed)));
    }

    /** Writes the page's changed rows; answers how many changed. */
    private Mono<Long> update(String tenant, Instant from, Instant to, List<Stored> rows, PriceOverrides prices) {
        List<String> times = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<String> costs = new ArrayList<>();
        List<Boolean> priced = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        List<String> refs = new ArrayList<>();
        List<String> unitCosts = new ArrayList<>();
        for (Stored row : rows) {
            if (row.costSource().equals("provider")) {
                continue;
            }
            Cost cost = catalog.price(tenant, row.provider(), row.model(), row.endpoint(), row.time(), row.usage(),
                    row.serviceTier(), row.units(), prices);
            String newUnitCosts = unitCosts(cost.unitCosts());
            BigDecimal usd = cost.usd().setScale(12, RoundingMode.HALF_UP);
            String source = cost.source().name().toLowerCase(Locale.ROOT);
            if (usd.compareTo(row.cost()) != 0 || cost.priced() != row.priced() || !source.equals(row.costSource())
                    || !Objects.equals(cost.reference(), row.priceRef()) || !sameUnitCosts(newUnitCosts, row.unitCosts())) {
                times.add(row.time().toString());
                ids.add(row.id());
                costs.add(usd.toPlainString());
                priced.add(cost.priced());
                sources.add(source);
                refs.add(cost.reference());
                unitCosts.add(newUnitCosts);
            }
        }
        if (ids.isEmpty()) {
            return Mono.just(0L);
        }
        return db.sql(UPDATE_SQL)
                .bind(0, tenant)
                .bind(1, from.atOffset(ZoneOffset.UTC))
                .bind(2, to.atOffset(ZoneOffset.UTC))
                .bind(3, times.toArray(String[]::new))
                .bind(4, ids.toArray(String[]::new))
                .bind(5, costs.toArray(String[]::new))
                .bind(6, priced.toArray(Boolean[]::new))
                .bind(7, sources.toArray(String[]::new))
                .bind(8, refs.toArray(String[]::new))
                .bind(9, unitCosts.toArray(String[]::new))
                .fetch()
                .rowsUpdated();
    }

    private Mono<Void> rebuild(String tenant, Instant from, Instant to) {
        return db.sql("SELECT rebuild_usage_rollups($1, $2, $3) AS rows")
                .bind(0, tenant)
                .bind(1, from.atOffset(ZoneOffset.UTC))
                .bind(2, to.atOffset(ZoneOffset.UTC))
                .fetch()
                .first()
                .then();
    }

    private static @Nullable String unitCosts(Map<String, BigDecimal> costs) {
        if (costs.isEmpty()) {
            return null;
        }
        ObjectNode node = JSON.createObjectNode();
        costs.forEach(node::put);
        return JSON.writeValueAsString(node);
    }

    /** Equal as JSON numbers (the stored jsonb may print 0.075 as 0.075000000000). */
    private static boolean sameUnitCosts(@Nullable String computed, @Nullable String stored) {
        if (computed == null || stored == null) {
            return computed == null && stored == null;
        }
        Map<String, BigDecimal> a = new TreeMap<>();
        Map<String, BigDecimal> b = new TreeMap<>();
        JSON.readTree(computed).properties().forEach(e -> a.put(e.getKey(), e.getValue().decimalValue().stripTrailingZeros()));
        JSON.readTree(stored).properties().forEach(e -> b.put(e.getKey(), e.getValue().decimalValue().stripTrailingZeros()));
        return a.equals(b);
    }

    private static Map<String, Long> units(@Nullable String json) {
        Map<String, Long> units = new TreeMap<>();
        if (json != null) {
            JSON.readTree(json).properties().forEach(e -> units.put(e.getKey(), e.getValue().longValue()));
        }
        return units;
    }

    private static Stored stored(Readable row) {
        String tier = row.get("service_tier", String.class);
        ServiceTier serviceTier = tier == null ? null : ServiceTier.of(tier);
        return new Stored(row.get("event_time", OffsetDateTime.class).toInstant(), row.get("id", String.class),
                row.get("provider", String.class), row.get("model", String.class), row.get("endpoint", String.class),
                serviceTier == null ? ServiceTier.STANDARD : serviceTier, units(row.get("units", String.class)),
                row.get("unit_costs", String.class),
                new Usage(row.get("input_tokens", Long.class), row.get("cached_input_tokens", Long.class),
                        row.get("cache_write_tokens", Long.class), row.get("output_tokens", Long.class),
                        row.get("reasoning_tokens", Long.class)),
                row.get("cost_usd", BigDecimal.class), row.get("priced", Boolean.class),
                row.get("cost_source", String.class), row.get("price_ref", String.class));
    }
}
