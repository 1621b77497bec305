package dev.tokenmeter.ingest.pricing;

import dev.tokenmeter.event.UsageEvent;
import dev.tokenmeter.pricing.Cost;
import dev.tokenmeter.pricing.Price;
import dev.tokenmeter.pricing.PriceCatalog;
import dev.tokenmeter.pricing.PriceJson;
import dev.tokenmeter.pricing.PriceOverrides;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.tokenmeter.schedule.Periodic;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Prices events override-first, catalog second: the tenants' own prices from {@code price_override}
 * (every tenant's reloaded every {@link PricingSettings#refresh()}; one tenant's as soon as PostgreSQL
 * notifies a change of its prices or of its provider aliases ({@code provider_alias}, same channel),
 * the notification naming the tenant), then the built-in catalog. An override applies to events at or after its {@code effectiveFrom},
 * whenever they arrive — including late events and events of days already re-priced.
 *
 * <p>{@link #ready()} completes once the prices have been loaded once: no event is priced before
 * the tenants' prices are known, so a restart never prices a batch with the catalog alone.
 */
@Component
public class TenantPrices {

    private static final Logger log = LoggerFactory.getLogger(TenantPrices.class);
    private static final String SELECT = """
            SELECT tenant, provider, model, endpoint, effective_from, input, output, cached_input, cache_write, reasoning,
                   service_tiers::text AS service_tiers, units::text AS units
            FROM price_override""";
    private static final String SELECT_TENANT = SELECT + " WHERE tenant = :tenant";
    private static final String SELECT_ALIASES = "SELECT tenant, alias, provider FROM provider_alias";
    private static final String SELECT_TENANT_ALIASES = SELECT_ALIASES + " WHERE tenant = :tenant";
    /** Tenant reloads waiting their turn; past this many, more are dropped and the next full reload covers them. */
    private static final int MAX_PENDING = 1024;

    private final PriceCatalog catalog;
    private final DatabaseClient db;
    private final PriceNotifications notifications;
    private final PricingSettings settings;
    private volatile @Nullable PriceOverrides overrides;
    /** What {@link #overrides} was built from: every tenant's prices. Replaced whole, never changed in place. */
    private volatile Map<String, List<Price>> byTenant = Map.of();
    /** Every tenant's own provider aliases, replaced whole like {@link #byTenant}. */
    private volatile Map<String, Map<String, String>> aliasesByTenant = Map.of();

    TenantPrices(PriceCatalog catalog, DatabaseClient db, PriceNotifications notifications, PricingSettings settings) {
        this.catalog = catalog;
        this.db = db;
        this.notifications = notifications;
        this.settings = settings;
    }

    /** The event's cost: provider-reported, else the tenant's price, else the catalog's, else unpriced. */
    public Cost cost(UsageEvent event) {
        PriceOverrides current = overrides;
        return catalog.cost(event, current == null ? PriceOverrides.NONE : current);
    }

    /** Completes once the tenants' prices are loaded; retries a failed first load with backoff, forever. */
    public Mono<Void> ready() {
        if (overrides != null) {
            return Mono.empty();
        }
        return reload()
                .retryWhen(Retry.backoff(Long.MAX_VALUE, settings.loadMinBackoff()).maxBackoff(settings.loadMaxBackoff())
                        .doBeforeRetry(signal -> log.warn("Loading tenant prices failed (attempt {}), retrying: {}",
                                signal.totalRetries() + 1, signal.failure().toString())))
                .then();
    }

    /** Loads every tenant's prices and makes them the ones in force. */
    Mono<PriceOverrides> reload() {
        Mono<Map<String, List<Price>>> prices = db.sql(SELECT)
                .map(TenantPrices::row)
                .all()
                .collectList()
                .map(TenantPrices::byTenant);
        Mono<Map<String, Map<String, String>>> aliases = db.sql(SELECT_ALIASES)
                .map(TenantPrices::alias)
                .all()
                .collectList()
                .map(TenantPrices::aliasesByTenant);
        return Mono.zip(prices, aliases)
                .map(loaded -> inForce(loaded.getT1(), loaded.getT2()));
    }

    /** Loads one tenant's prices and puts them in force; the other tenants' stay as they are. */
    Mono<PriceOverrides> reload(String tenant) {
        return db.sql(SELECT_TENANT)
                .bind("tenant", tenant)
                .map(TenantPrices::row)
                .all()
                .map(Row::price)
                .collectList()
                .zipWith(db.sql(SELECT_TENANT_ALIASES)
                        .bind("tenant", tenant)
                        .map(TenantPrices::alias)
                        .all()
                        .collectList())
                .map(loaded -> {
                    Map<String, List<Price>> next = new HashMap<>(byTenant);
                    if (loaded.getT1().isEmpty()) {
                        next.remove(tenant);
                    } else {
                        next.put(tenant, List.copyOf(loaded.getT1()));
                    }
                    Map<String, Map<String, String>> nextAliases = new HashMap<>(aliasesByTenant);
                    Map<String, Map<String, String>> own = aliasesByTenant(loaded.getT2());
                    if (own.isEmpty()) {
                        nextAliases.remove(tenant);
                    } else {
                        nextAliases.putAll(own);
                    }
                    return inForce(next, nextAliases);
                });
    }

    /**
     * Puts prices in force. The refresh pipeline runs one reload at a time; the first load of
     * {@link #ready()} may overlap one, and then the next full reload corrects whichever lost.
     */
    private PriceOverrides inForce(Map<String, List<Price>> prices, Map<String, Map<String, String>> aliases) {
        PriceOverrides loaded = PriceOverrides.of(prices).withAliases(aliases);
        byTenant = Map.copyOf(prices);
        aliasesByTenant = Map.copyOf(aliases);
        overrides = loaded;
        return loaded;
    }

    /**
     * Reloads every tenant each refresh period, and the tenant a notification names as soon as it comes
     * (every tenant for a notification without one), one reload at a time. A failed reload keeps the
     * prices in force; the next tick tries again.
     */
    @Bean
    Periodic<String> tenantPriceReloads() {
        return Periodic.on("Refreshing tenant prices", () -> Flux.merge(
                Flux.interval(settings.refresh(), settings.refresh()).map(tick -> ""),
                settings.listen() ? notifications.changes() : Flux.empty()), MAX_PENDING,
                tenant -> tenant.isEmpty() ? reload() : reload(tenant));
    }

    private record Row(String tenant, Price price) {
    }

    private record Alias(String tenant, String alias, String provider) {
    }

    private static Row row(Readable row) {
        String model = row.get("model", String.class);
        String endpoint = row.get("endpoint", String.class);
        return new Row(row.get("tenant", String.class), new Price(
                row.get("provider", String.class),
                model,
                row.get("effective_from", OffsetDateTime.class).toInstant(),
                row.get("input", BigDecimal.class),
                row.get("output", BigDecimal.class),
                row.get("cached_input", BigDecimal.class),
                row.get("cache_write", BigDecimal.class),
                row.get("reasoning", BigDecimal.class),
                null,
                List.of(),
                PriceJson.serviceTiers(row.get("service_tiers", String.class)),
                PriceJson.units(row.get("units", String.class)),
                model.isEmpty() ? endpoint : null));
    }

    private static Alias alias(Readable row) {
        return new Alias(row.get("tenant", String.class), row.get("alias", String.class), row.get("provider", String.class));
    }

    private static Map<String, Map<String, String>> aliasesByTenant(List<Alias> rows) {
        return rows.stream().collect(Collectors.groupingBy(Alias::tenant, Collectors.toMap(Alias::alias, Alias::provider)));
    }

    private static Map<String, List<Price>> byTenant(List<Row> rows) {
        return rows.stream()
                .collect(Collectors.groupingBy(Row::tenant, Collectors.mapping(Row::price, Collectors.toList())));
    }
}
