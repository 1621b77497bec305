package dev.tokenmeter.query.pricing;

import dev.tokenmeter.event.ServiceTier;
import dev.tokenmeter.pricing.Price;
import dev.tokenmeter.pricing.PriceCatalog;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Compares an open price file with the prices a tenant has in force at {@code effectiveFrom} — its
 * own prices first, then the built-in catalog (exact name, then alias), as events are priced — and,
 * unless it is a dry run, saves the added and changed ones as the tenant's prices from that instant
 * (the same table and notification as {@code PUT /prices}, so ingest prices new events with them).
 * Unchanged prices are not written, which is why importing the same file twice changes nothing.
 */
@Component
record PriceImport(PriceCatalog catalog, TenantOverrides overrides, TransactionalOperator transaction) {

    @Schema(name = "PriceImportResult")
    record Result(
            @Schema(allowableValues = {
                    "litellm", "genai-prices"}) String format,
            Instant effectiveFrom,
            @Schema(description = "true: nothing was written; false: added and changed prices were saved") boolean dryRun,
            Counts counts,
            @Schema(description = "Models without a price in force for the tenant at effectiveFrom") List<Item> added,
            @Schema(description = "Models whose price in force differs; before shows it") List<Item> changed,
            @Schema(description = "Models whose price in force is already the file's (fallbacks resolved); not written") List<Item> unchanged,
            @Schema(description = "Entries, or parts of entries ('key [batch]', 'key [units]'), not imported, each with why") List<PriceFile.Skipped> skipped) {
    }

    record Counts(int added, int changed, int unchanged, int skipped) {
    }

    @Schema(name = "PriceImportItem")
    record Item(
            @Schema(description = "The entry's name in the file") String key,
            String provider,
            String model,
            @Schema(description = "input, output and, when the file gives them, cachedInput, cacheWrite, reasoning") Map<String, ImportedPrice.Amount> prices,
            @Schema(description = "Per service tier (batch, flex, priority) the file gives: its input, output and cache prices per 1M tokens") Map<String, Map<String, ImportedPrice.Amount>> serviceTiers,
            @Schema(description = "USD per one unit (images, audioInputTokens, ...), exactly as the file gives it") Map<String, BigDecimal> units,
            @Schema(description = "The price in force before (changed items only)") @Nullable Before before) {
    }

    @Schema(name = "PriceImportBefore")
    record Before(@Schema(allowableValues = {
            "builtin", "override"}) String source, Instant effectiveFrom, BigDecimal input,
            BigDecimal output, @Nullable BigDecimal cachedInput, @Nullable BigDecimal cacheWrite,
            @Nullable BigDecimal reasoning, Map<String, Map<String, BigDecimal>> serviceTiers,
            Map<String, BigDecimal> units) {

        static Before of(Price price) {
            PriceList.Entry entry = PriceList.entry(price, "", "");
            return new Before(price.source() == null ? "override" : "builtin", price.effectiveFrom(), price.input(),
                    price.output(), price.cachedInput(), price.cacheWrite(), price.reasoning(), entry.serviceTiers(),
                    entry.units());
        }
    }

    /** The answer and the prices to save for it. */
    private record Plan(Result result, List<Price> toSave) {
    }

    /** The diff of {@code file} against the tenant's prices at {@code effectiveFrom}, applied unless {@code dryRun}. */
    Mono<Result> run(String tenant, PriceFile file, Instant effectiveFrom, boolean dryRun) {
        return overrides.list(tenant)
                .collectList()
                .map(own -> plan(file, own, effectiveFrom, dryRun))
                .flatMap(plan -> dryRun ? Mono.just(plan.result()) : save(tenant, plan));
    }

    private Plan plan(PriceFile file, List<Price> own, Instant effectiveFrom, boolean dryRun) {
        List<Price> toSave = new ArrayList<>();
        List<Item> added = new ArrayList<>();
        List<Item> changed = new ArrayList<>();
        List<Item> unchanged = new ArrayList<>();
        for (ImportedPrice imported : file.prices()) {
            Optional<Price> current = inForce(own, imported, effectiveFrom);
            Price next = imported.toPrice(effectiveFrom, current.orElse(null));
            if (current.isEmpty()) {
                added.add(item(imported, null));
                toSave.add(next);
            } else if (samePrices(current.get(), next)) {
                unchanged.add(item(imported, null));
            } else {
                changed.add(item(imported, Before.of(current.get())));
                toSave.add(next);
            }
        }
        List<PriceFile.Skipped> skipped = file.skipped();
        return new Plan(new Result(file.format().code, effectiveFrom, dryRun,
                new Counts(added.size(), changed.size(), unchanged.size(), skipped.size()), added, changed, unchanged, skipped),
                toSave);
    }

    /** Saves the added and changed prices in one transaction: all of them or, on a failure, none. */
    private Mono<Result> save(String tenant, Plan plan) {
        return Flux.fromIterable(plan.toSave())
                .concatMap(price -> overrides.save(tenant, price))
                .then()
                .as(transaction::transactional)
                .thenReturn(plan.result());
    }

    /** The tenant's own price of the exact name in force at {@code time}, else the catalog's. */
    private Optional<Price> inForce(List<Price> own, ImportedPrice imported, Instant time) {
        Optional<Price> override = own.stream()
                .filter(price -> price.provider().equalsIgnoreCase(imported.provider())
                        && price.model().equalsIgnoreCase(imported.model())
                        && !price.effectiveFrom().isAfter(time))
                .max(Comparator.comparing(Price::effectiveFrom));
        return override.isPresent() ? override : catalog.find(imported.provider(), imported.model(), time);
    }

    /**
     * Equal when every rate an event could be billed at is equal — on every service tier, fallbacks
     * (API.md §2, §4) resolved, so a multiplier and the explicit prices it gives are equal — and
     * every unit has the same price.
     */
    static boolean samePrices(Price a, Price b) {
        for (ServiceTier tier : ServiceTier.values()) {
            if (!sameRates(a.ratesFor(0, tier), b.ratesFor(0, tier))) {
                return false;
            }
        }
        return a.units().keySet().equals(b.units().keySet())
                && a.units().entrySet().stream().allMatch(unit -> unit.getValue().compareTo(b.units().get(unit.getKey())) == 0);
    }

    private static boolean sameRates(Price.Rates a, Price.Rates b) {
        return a.input().compareTo(b.input()) == 0
                && a.output().compareTo(b.output()) == 0
                && a.cachedInput().compareTo(b.cachedInput()) == 0
                && a.cacheWrite().compareTo(b.cacheWrite()) == 0
                && a.reasoning().compareTo(b.reasoning()) == 0;
    }

    private static Item item(ImportedPrice imported, @Nullable Before before) {
        Map<String, Map<String, ImportedPrice.Amount>> tiers = new TreeMap<>();
        imported.serviceTiers().forEach((tier, amounts) -> tiers.put(tier.code(), amounts.amounts()));
        return new Item(imported.key(), imported.provider(), imported.model(), imported.amounts(), tiers, imported.units(),
                before);
    }
}
