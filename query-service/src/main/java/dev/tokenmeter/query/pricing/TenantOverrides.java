package dev.tokenmeter.query.pricing;

import dev.tokenmeter.pricing.Price;
import dev.tokenmeter.pricing.PriceJson;
import dev.tokenmeter.pricing.PriceOverrides;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The tenants' own prices (table {@code price_override}, migration {@code V7__tenant_prices.sql}).
 * Saving one notifies the ingest services (a trigger runs {@code pg_notify}), which price new
 * events with it from then on.
 */
@Component
class TenantOverrides {

    private static final String COLUMNS = """
            provider, model, endpoint, effective_from, input, output, cached_input, cache_write, reasoning,
            service_tiers::text AS service_tiers, units::text AS units""";
    private static final String UPSERT = """
            INSERT INTO price_override (tenant, provider, model, endpoint, effective_from, input, output, cached_input, cache_write,
                                        reasoning, service_tiers, units)
            VALUES (:tenant, :provider, :model, :endpoint, :effectiveFrom, :input, :output, :cachedInput, :cacheWrite, :reasoning,
                    CAST(:serviceTiers AS jsonb), CAST(:units AS jsonb))
            ON CONFLICT (tenant, provider, model, endpoint, effective_from) DO UPDATE SET
                input = excluded.input, output = excluded.output, cached_input = excluded.cached_input,
                cache_write = excluded.cache_write, reasoning = excluded.reasoning, service_tiers = excluded.service_tiers,
                units = excluded.units, updated_at = now()""";

    private final DatabaseClient db;

    TenantOverrides(DatabaseClient db) {
        this.db = db;
    }

    /** The tenant's prices, as a lookup for pricing events. */
    Mono<PriceOverrides> of(String tenant) {
        return list(tenant)
                .collectList()
                .zipWith(aliases(tenant))
                .map(both -> PriceOverrides.of(tenant, both.getT1()).withAliases(java.util.Map.of(tenant, both.getT2())));
    }

    Flux<Price> list(String tenant) {
        return db.sql("SELECT " + COLUMNS + " FROM price_override WHERE tenant = :tenant ORDER BY provider, model, effective_from DESC")
                .bind("tenant", tenant)
                .map(TenantOverrides::price)
                .all();
    }

    /** Saves a price; a second save for the same model and date replaces the first. */
    Mono<Void> save(String tenant, Price price) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(UPSERT)
                .bind("tenant", tenant)
                .bind("provider", price.provider())
                .bind("model", price.model())
                .bind("endpoint", price.endpoint() == null ? "" : price.endpoint())
                .bind("effectiveFrom", price.effectiveFrom().atOffset(ZoneOffset.UTC))
                .bind("input", price.input())
                .bind("output", price.output());
        spec = bindNullable(spec, "cachedInput", price.cachedInput());
        spec = bindNullable(spec, "cacheWrite", price.cacheWrite());
        spec = bindNullable(spec, "reasoning", price.reasoning());
        spec = bindNullableText(spec, "serviceTiers", PriceJson.write(price.serviceTiers()));
        spec = bindNullableText(spec, "units", PriceJson.writeUnits(price.units()));
        return spec.then();
    }

    private static DatabaseClient.GenericExecuteSpec bindNullable(DatabaseClient.GenericExecuteSpec spec, String name,
            @Nullable BigDecimal value) {
        return value == null ? spec.bindNull(name, BigDecimal.class) : spec.bind(name, value);
    }

    private static DatabaseClient.GenericExecuteSpec bindNullableText(DatabaseClient.GenericExecuteSpec spec, String name,
            @Nullable String value) {
        return value == null ? spec.bindNull(name, String.class) : spec.bind(name, value);
    }

    private static Price price(Readable row) {
        String model = row.get("model", String.class);
        return new Price(row.get("provider", String.class), model,
                row.get("effective_from", OffsetDateTime.class).toInstant(),
                row.get("input", BigDecimal.class), row.get("output", BigDecimal.class),
                row.get("cached_input", BigDecimal.class), row.get("cache_write", BigDecimal.class),
                row.get("reasoning", BigDecimal.class), null, java.util.List.of(),
                PriceJson.serviceTiers(row.get("service_tiers", String.class)), PriceJson.units(row.get("units", String.class)),
                model.isEmpty() ? row.get("endpoint", String.class) : null);
    }

    /** The tenant's own provider aliases (alias → provider). */
    Mono<java.util.Map<String, String>> aliases(String tenant) {
        return db.sql("SELECT alias, provider FROM provider_alias WHERE tenant = :tenant ORDER BY alias")
                .bind("tenant", tenant)
                .map(row -> java.util.Map.entry(row.get("alias", String.class), row.get("provider", String.class)))
                .all()
                .collectMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue, java.util.TreeMap::new);
    }

    /** Sets an alias of the tenant (lower-cased); the trigger notifies the ingest services. */
    Mono<Void> saveAlias(String tenant, String alias, String provider) {
        return db.sql("""
                INSERT INTO provider_alias (tenant, alias, provider) VALUES (:tenant, :alias, :provider)
                ON CONFLICT (tenant, alias) DO UPDATE SET provider = excluded.provider""")
                .bind("tenant", tenant)
                .bind("alias", alias)
                .bind("provider", provider)
                .then();
    }

    /** Removes an alias of the tenant; answers whether there was one. */
    Mono<Boolean> deleteAlias(String tenant, String alias) {
        return db.sql("DELETE FROM provider_alias WHERE tenant = :tenant AND alias = :alias")
                .bind("tenant", tenant)
                .bind("alias", alias)
                .fetch()
                .rowsUpdated()
                .map(n -> n > 0);
    }
}
