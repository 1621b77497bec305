package dev.tokenmeter.pricing;

import dev.tokenmeter.event.UsageEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Effective-dated prices, looked up by provider and model case-insensitively. Immutable and
 * thread-safe; lookups are a hash probe plus a scan of that model's few price periods.
 */
public final class PriceCatalog {

    /** The built-in catalog shipped with Tokenmeter: public list prices with their sources. */
    public static final String BUILT_IN = "/dev/tokenmeter/pricing/catalog.json";

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** Per lower-cased "provider/model": its prices, latest first. */
    private final Map<String, List<Price>> byModel = new HashMap<>();

    private PriceCatalog(List<Price> prices) {
        for (Price price : prices) {
            byModel.computeIfAbsent(key(price.provider(), price.model()), k -> new ArrayList<>()).add(price);
        }
        byModel.values().forEach(list -> list.sort(Comparator.comparing(Price::effectiveFrom).reversed()));
    }

    public static PriceCatalog of(List<Price> prices) {
        return new PriceCatalog(prices);
    }

    public static PriceCatalog builtIn() {
        try (InputStream in = PriceCatalog.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("the built-in price catalog " + BUILT_IN + " is missing from the classpath");
            }
            return of(read(JSON.readTree(in)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The price in force for the model at {@code time}, if any. */
    public Optional<Price> find(String provider, String model, Instant time) {
        List<Price> prices = byModel.getOrDefault(key(provider, model), List.of());
        for (Price price : prices) {
            if (!price.effectiveFrom().isAfter(time)) {
                return Optional.of(price);
            }
        }
        return Optional.empty();
    }

    /** Prices an event: the provider-reported cost wins, then the catalog; else unpriced. */
    public Cost cost(UsageEvent event) {
        if (event.costUsd() != null) {
            return new Cost(event.costUsd(), Cost.Source.PROVIDER, null);
        }
        return find(event.provider(), event.model(), event.time())
                .map(price -> new Cost(CostFormula.cost(event.usage(), price), Cost.Source.CATALOG, price.reference()))
                .orElseGet(Cost::unpriced);
    }

    public List<Price> prices() {
        return byModel.values().stream().flatMap(List::stream).toList();
    }

    private static List<Price> read(JsonNode catalog) {
        List<Price> prices = new ArrayList<>();
        for (JsonNode entry : catalog.path("prices")) {
            prices.add(new Price(
                    entry.path("provider").asString(),
                    entry.path("model").asString(),
                    Instant.parse(entry.path("effectiveFrom").asString()),
                    entry.path("input").decimalValue(),
                    entry.path("output").decimalValue(),
                    optional(entry, "cachedInput"),
                    optional(entry, "cacheWrite"),
                    optional(entry, "reasoning"),
                    entry.path("source").asString()));
        }
        return prices;
    }

    private static @Nullable BigDecimal optional(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        return value == null || value.isNull() ? null : value.decimalValue();
    }

    private static String key(String provider, String model) {
        return provider.toLowerCase(Locale.ROOT) + "/" + model.toLowerCase(Locale.ROOT);
    }
}
