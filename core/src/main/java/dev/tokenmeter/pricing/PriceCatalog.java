package dev.tokenmeter.pricing;

import dev.tokenmeter.event.ServiceTier;
import dev.tokenmeter.event.Usage;
import dev.tokenmeter.event.UsageEvent;
import java.math.BigDecimal;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Effective-dated prices, looked up by provider and model case-insensitively. Immutable and
 * thread-safe; lookups are a hash probe plus a scan of that model's few price periods.
 *
 * <p>Matching is exact first; a name the catalog does not price at the event's time is then
 * resolved by the catalog's alias rules ({@link ModelAlias}, e.g. a dated snapshot to its model),
 * never by guessing. With tenant overrides, the order for an event is: the tenant's price of the
 * exact name, the catalog's price of the exact name, then the same two for the alias target —
 * exact beats alias, and for the same name the tenant's price beats the catalog.
 *
 * <p><b>Provider aliases</b> ({@link ProviderAliases}; the catalog's built-in ones, the tenant's own
 * on top): a call is first priced under the provider name as sent, exactly as before (so no existing
 * price changes meaning); when that finds no price, under the provider the alias names — tenant
 * price, then catalog, exact name then model alias. A call without a model is priced by the
 * model-less entry of its provider (or alias) and endpoint ({@link Price#modelLess()}).
 */
public final class PriceCatalog {

    /** The built-in catalog shipped with Tokenmeter: public list prices with their sources. */
    public static final String BUILT_IN = "/dev/tokenmeter/pricing/catalog.json";
    /** Prefix of {@link Cost#reference()} for a tenant's own price. */
    public static final String OVERRIDE_REFERENCE = "override:";

    /** Per lower-cased "provider/model": its prices, latest first. */
    private final Map<String, List<Price>> byModel = new HashMap<>();
    private final List<ModelAlias> aliases;
    private final ProviderAliases providerAliases;
    /** Per lower-cased "provider/model": the date the provider retires it. */
    private final Map<String, LocalDate> deprecated;
    /** Each price's {@link Price#reference()}, spelled once: every event it prices names it. */
    private final IdentityHashMap<Price, String> references = new IdentityHashMap<>();

    private PriceCatalog(List<Price> prices, List<ModelAlias> aliases, ProviderAliases providerAliases,
            Map<String, LocalDate> deprecated) {
        for (Price price : prices) {
            byModel.computeIfAbsent(PriceOverrides.key(price.provider(), price.lookupName()), k -> new ArrayList<>()).add(price);
            references.put(price, price.reference());
        }
        byModel.values().forEach(list -> list.sort(Comparator.comparing(Price::effectiveFrom).reversed()));
        this.aliases = List.copyOf(aliases);
        this.providerAliases = providerAliases;
        this.deprecated = Map.copyOf(deprecated);
    }

    public static PriceCatalog of(List<Price> prices) {
        return new PriceCatalog(prices, List.of(), ProviderAliases.NONE, Map.of());
    }

    public static PriceCatalog of(List<Price> prices, List<ModelAlias> aliases) {
        return new PriceCatalog(prices, aliases, ProviderAliases.NONE, Map.of());
    }

    public static PriceCatalog of(List<Price> prices, List<ModelAlias> aliases, ProviderAliases providerAliases) {
        return new PriceCatalog(prices, aliases, providerAliases, Map.of());
    }

    static PriceCatalog of(List<Price> prices, List<ModelAlias> aliases, ProviderAliases providerAliases,
            Map<String, LocalDate> deprecated) {
        return new PriceCatalog(prices, aliases, providerAliases, deprecated);
    }

    /** A catalog whose models may carry retirement dates, keyed by {@link PriceOverrides#key(String, String)}. */
    static PriceCatalog of(List<Price> prices, List<ModelAlias> aliases, Map<String, LocalDate> deprecated) {
        return new PriceCatalog(prices, aliases, ProviderAliases.NONE, deprecated);
    }

    /**
     * The date from which the provider no longer serves this exact model (the catalog's
     * {@code deprecated} field), or empty when none is known. Calls before it stay priced.
     */
    public Optional<LocalDate> deprecated(String provider, String model) {
        return Optional.ofNullable(deprecated.get(PriceOverrides.key(provider, model)));
    }

    public static PriceCatalog builtIn() {
        try (InputStream in = PriceCatalog.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("the built-in price catalog " + BUILT_IN + " is missing from the classpath");
            }
            return CatalogJson.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The catalog price in force for the model at {@code time}: exact name first, then alias rules. */
    public Optional<Price> find(String provider, String model, Instant time) {
        Optional<Price> exact = findExact(provider, model, time);
        if (exact.isPresent()) {
            return exact;
        }
        String target = alias(provider, model);
        return target == null ? Optional.empty() : findExact(provider, target, time);
    }

    /** The catalog price in force for exactly this model name at {@code time}. */
    public Optional<Price> findExact(String provider, String model, Instant time) {
        for (Price price : byModel.getOrDefault(PriceOverrides.key(provider, model), List.of())) {
            if (!price.effectiveFrom().isAfter(time)) {
                return Optional.of(price);
            }
        }
        return Optional.empty();
    }

    /** The model the first matching alias rule maps {@code model} to, or null when no rule applies. */
    public @Nullable String alias(String provider, String model) {
        for (ModelAlias alias : aliases) {
            String target = alias.resolve(provider, model);
            if (target != null) {
                return target;
            }
        }
        return null;
    }

    /** Prices an event: the provider-reported cost wins, then the catalog; else unpriced. */
    public Cost cost(UsageEvent event) {
        return cost(event, PriceOverrides.NONE);
    }

    /** Prices an event: the provider-reported cost wins, then the tenant's prices and the catalog; else unpriced. */
    public Cost cost(UsageEvent event, PriceOverrides overrides) {
        if (event.costUsd() != null) {
            return new Cost(event.costUsd(), Cost.Source.PROVIDER, null);
        }
        return price(event.tenant(), event.provider(), event.model(), event.endpoint(), event.time(), event.usage(),
                event.serviceTier(), event.units(), overrides);
    }

    /**
     * Computes the cost of a call from prices alone (ignoring any provider-reported cost), with its
     * service tier, units and endpoint (for a call without a model); unpriced without a price.
     * Provider aliases apply when the name as sent finds no price.
     */
    public Cost price(String tenant, String provider, @Nullable String model, String endpoint, Instant time, Usage usage,
            ServiceTier serviceTier, Map<String, Long> units, PriceOverrides overrides) {
        Call call = new Call(usage, serviceTier, units);
        Cost cost = priceProvider(tenant, provider, model, endpoint, time, call, overrides);
        if (cost != null) {
            return cost;
        }
        ProviderAliases.Resolved alias = providerAliases.with(overrides.aliases(tenant)).resolve(provider, model);
        if (alias != null) {
            cost = priceProvider(tenant, alias.provider(), alias.model(), endpoint, time, call, overrides);
        }
        return cost != null ? cost : Cost.unpriced();
    }

    private @Nullable Cost priceProvider(String tenant, String provider, @Nullable String model, String endpoint, Instant time,
            Call call, PriceOverrides overrides) {
        String name = model == null ? Price.endpointKey(endpoint) : model;
        Cost cost = priceExactly(tenant, provider, name, time, call, overrides);
        if (cost != null || model == null) {
            return cost;
        }
        String target = alias(provider, model);
        return target == null ? null : priceExactly(tenant, provider, target, time, call, overrides);
    }

    /**
     * Computes the cost of a call from prices alone (ignoring any provider-reported cost): the
     * tenant's price or the catalog's for the exact name, then for its alias; unpriced without one.
     */
    public Cost price(String tenant, String provider, String model, Instant time, Usage usage, PriceOverrides overrides) {
        return price(tenant, provider, model, UsageEvent.UNKNOWN_ENDPOINT, time, usage, ServiceTier.STANDARD, Map.of(), overrides);
    }

    /** What is priced: the tokens, on a service tier, and the units. */
    private record Call(Usage usage, ServiceTier serviceTier, Map<String, Long> units) {
    }

    private @Nullable Cost priceExactly(String tenant, String provider, String name, Instant time, Call call,
            PriceOverrides overrides) {
        Optional<Price> own = overrides.find(tenant, provider, name, time);
        if (own.isPresent()) {
            return computed(own.get(), overrides.reference(own.get()), call, Cost.Source.OVERRIDE);
        }
        return findExact(provider, name, time)
                .map(price -> computed(price, reference(price), call, Cost.Source.CATALOG))
                .orElse(null);
    }

    private String reference(Price price) {
        String reference = references.get(price);
        return reference != null ? reference : price.reference();
    }

    /** The cost of the call at {@code price}, whose {@link Price#reference()} (prefixed for an override) is {@code reference}. */
    private static Cost computed(Price price, String reference, Call call, Cost.Source source) {
        Price.Rates rates = price.ratesFor(call.usage().inputTokens(), call.serviceTier());
        BigDecimal usd = CostFormula.cost(call.usage(), rates);
        Map<String, BigDecimal> unitCosts = new TreeMap<>();
        call.units().forEach((unit, quantity) -> {
            BigDecimal perUnit = price.units().get(unit);
            if (perUnit != null) {
                unitCosts.put(unit, perUnit.multiply(BigDecimal.valueOf(quantity)));
            }
        });
        for (BigDecimal unitCost : unitCosts.values()) {
            usd = usd.add(unitCost);
        }
        return new Cost(usd, source, price.reference(reference, rates, call.serviceTier()), unitCosts);
    }

    public List<Price> prices() {
        return byModel.values().stream().flatMap(List::stream).toList();
    }

    public List<ModelAlias> aliases() {
        return aliases;
    }

    /** The built-in provider aliases. */
    public ProviderAliases providerAliases() {
        return providerAliases;
    }
}
