package dev.tokenmeter.query.pricing;

import dev.tokenmeter.pricing.ModelAlias;
import dev.tokenmeter.pricing.Price;
import dev.tokenmeter.pricing.PriceCatalog;
import dev.tokenmeter.pricing.ProviderAliases;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The answer of {@code GET /api/v1/prices}: one item per priced model — built into the catalog or
 * set by the tenant — with the entry in force now and the model's whole history (both sources,
 * latest first, future-dated entries included). For the same model a tenant's entry wins over the
 * catalog's from its {@code effectiveFrom} on, so {@code current} is the tenant's entry once one is
 * in force, else the catalog's.
 *
 * @param asOf    the instant {@code current} refers to
 * @param items   by provider, then model
 * @param aliases the catalog's rules for other names of priced models (dated snapshots)
 * @param providerAliases other provider names and whose prices they use: the built-in ones, the
 *                        Bedrock-style hosts (model id prefix → maker) and the tenant's own, which win
 */
record PriceList(Instant asOf, List<Item> items, List<Alias> aliases, ProviderAliasList providerAliases) {

    /** Provider aliases (API.md §4), lower case; pricing only, events keep the name they were sent with. */
    record ProviderAliasList(Map<String, String> builtin, Map<String, Map<String, String>> byModelPrefix,
            Map<String, String> tenant) {

        static ProviderAliasList of(ProviderAliases builtIn, Map<String, String> tenant) {
            Map<String, Map<String, String>> hosts = new TreeMap<>();
            builtIn.byModelOf().forEach((host, makers) -> {
                Map<String, String> byPrefix = new TreeMap<>();
                makers.forEach(maker -> byPrefix.put(maker.prefix(), maker.provider()));
                hosts.put(host, byPrefix);
            });
            return new ProviderAliasList(new TreeMap<>(builtIn.names()), hosts, new TreeMap<>(tenant));
        }
    }

    static final String BUILTIN = "builtin";
    static final String OVERRIDE = "override";

    /**
     * @param source  {@code builtin} or {@code override}: where {@code current} comes from
     * @param current the entry in force now; null when the model's only prices start in the future
     */
    record Item(String provider, String model, String source, @Nullable Entry current, List<Entry> history) {
    }

    /**
     * One effective-dated price, USD per 1 000 000 tokens; a null cachedInput or cacheWrite means
     * input applies, a null reasoning means output.
     *
     * @param url     the page the built-in price was read from; null for the tenant's own prices
     * @param tiers   long-context prices (built-in only)
     */
    record Entry(String source, Instant effectiveFrom, BigDecimal input, BigDecimal output,
            @Nullable BigDecimal cachedInput, @Nullable BigDecimal cacheWrite, @Nullable BigDecimal reasoning,
            List<Tier> tiers, @Nullable String url, String reference,
            Map<String, Map<String, BigDecimal>> serviceTiers, Map<String, BigDecimal> units, @Nullable String endpoint) {
    }

    record Tier(long aboveInputTokens, BigDecimal input, BigDecimal output, @Nullable BigDecimal cachedInput,
            @Nullable BigDecimal cacheWrite, @Nullable BigDecimal reasoning) {
    }

    record Alias(String provider, String pattern, String model) {
    }

    /** The list for a tenant, optionally narrowed to a provider and to models containing {@code search}. */
    static PriceList of(PriceCatalog catalog, List<Price> overrides, Instant now, @Nullable String provider, @Nullable String search) {
        return of(catalog, overrides, Map.of(), now, provider, search);
    }

    /** The list with the tenant's own provider aliases. Model-less entries are listed under model {@code @endpoint}. */
    static PriceList of(PriceCatalog catalog, List<Price> overrides, Map<String, String> tenantAliases, Instant now,
            @Nullable String provider, @Nullable String search) {
        Map<String, List<Entry>> byModel = new TreeMap<>();
        for (Price price : catalog.prices()) {
            byModel.computeIfAbsent(key(price), k -> new ArrayList<>()).add(entry(price, BUILTIN, ""));
        }
        for (Price price : overrides) {
            byModel.computeIfAbsent(key(price), k -> new ArrayList<>()).add(entry(price, OVERRIDE, "override:"));
        }
        List<Item> items = new ArrayList<>();
        byModel.forEach((key, entries) -> {
            String itemProvider = key.substring(0, key.indexOf('/'));
            String model = key.substring(key.indexOf('/') + 1);
            if (provider != null && !provider.equalsIgnoreCase(itemProvider)
                    || search != null && !model.contains(search.toLowerCase(Locale.ROOT))) {
                return;
            }
            // latest first; on the same date the tenant's entry first, as it wins
            entries.sort(Comparator.comparing(Entry::effectiveFrom).reversed()
                    .thenComparing(entry -> entry.source().equals(OVERRIDE) ? 0 : 1));
            Entry current = entries.stream().filter(entry -> !entry.effectiveFrom().isAfter(now)).findFirst().orElse(null);
            Entry currentOverride = entries.stream()
                    .filter(entry -> entry.source().equals(OVERRIDE) && !entry.effectiveFrom().isAfter(now)).findFirst().orElse(null);
            Entry inForce = currentOverride != null ? currentOverride : current;
            String source = inForce != null ? inForce.source() : entries.get(0).source();
            items.add(new Item(itemProvider, model, source, inForce, List.copyOf(entries)));
        });
        List<Alias> aliases = catalog.aliases().stream()
                .filter(alias -> provider == null || provider.equalsIgnoreCase(alias.provider()))
                .map(PriceList::alias)
                .toList();
        return new PriceList(now, items, aliases, ProviderAliasList.of(catalog.providerAliases(), tenantAliases));
    }

    private static String key(Price price) {
        return price.provider().toLowerCase(Locale.ROOT) + "/" + price.lookupName().toLowerCase(Locale.ROOT);
    }

    static Entry entry(Price price, String source, String referencePrefix) {
        List<Tier> tiers = price.tiers().stream()
                .map(t -> new Tier(t.aboveInputTokens(), exact(t.input()), exact(t.output()), plain(t.cachedInput()),
                        plain(t.cacheWrite()), plain(t.reasoning())))
                .toList();
        return new Entry(source, price.effectiveFrom(), exact(price.input()), exact(price.output()), plain(price.cachedInput()),
                plain(price.cacheWrite()), plain(price.reasoning()), tiers, price.source(), referencePrefix + price.reference(),
                serviceTiers(price), units(price), price.endpoint());
    }

    private static Map<String, Map<String, BigDecimal>> serviceTiers(Price price) {
        Map<String, Map<String, BigDecimal>> tiers = new TreeMap<>();
        price.serviceTiers().forEach((tier, prices) -> {
            Map<String, BigDecimal> fields = new java.util.LinkedHashMap<>();
            putPlain(fields, "multiplier", prices.multiplier());
            putPlain(fields, "input", prices.input());
            putPlain(fields, "cachedInput", prices.cachedInput());
            putPlain(fields, "cacheWrite", prices.cacheWrite());
            putPlain(fields, "output", prices.output());
            putPlain(fields, "reasoning", prices.reasoning());
            tiers.put(tier.code(), fields);
        });
        return tiers;
    }

    private static Map<String, BigDecimal> units(Price price) {
        Map<String, BigDecimal> units = new TreeMap<>();
        price.units().forEach((unit, usd) -> units.put(unit, plain(usd)));
        return units;
    }

    private static void putPlain(Map<String, BigDecimal> fields, String name, @Nullable BigDecimal value) {
        if (value != null) {
            fields.put(name, plain(value));
        }
    }

    private static Alias alias(ModelAlias alias) {
        return new Alias(alias.provider(), alias.pattern().pattern(), alias.target());
    }

    private static @Nullable BigDecimal plain(@Nullable BigDecimal value) {
        return value == null ? null : exact(value);
    }

    /** The price without trailing zeros, never in exponent notation: 2.50 → 2.5, 1E+1 → 10. */
    private static BigDecimal exact(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
