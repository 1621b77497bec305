package dev.tokenmeter.query.pricing;

import dev.tokenmeter.event.Usage;
import dev.tokenmeter.pricing.Price;
import dev.tokenmeter.pricing.PriceCatalog;
import dev.tokenmeter.pricing.PriceOverrides;
import dev.tokenmeter.query.access.Caller;
import dev.tokenmeter.query.range.RangeParser;
import dev.tokenmeter.query.range.TimeRange;
import dev.tokenmeter.query.retention.RawHorizon;
import dev.tokenmeter.query.web.BadParameter;
import dev.tokenmeter.query.web.Params;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code /api/v1/prices} and {@code /api/v1/jobs}: the tenant's effective price list, setting its
 * own prices (admin), models seen without a price, and re-pricing stored events (admin) as a job.
 * Any key that reads the tenant may read prices and jobs; the operator names the tenant with
 * {@code tenant=}.
 */
@RestController
@RequestMapping("/api/v1")
record PricesController(PriceCatalog catalog, TenantOverrides overrides, UnpricedModels unpriced, RepricingJobs repricing, JobStore jobs,
        RangeParser ranges, RawHorizon rawHorizon, Clock clock) {

    /** Longest range one re-pricing job may cover. */
    static final Duration MAX_REPRICE_RANGE = Duration.ofDays(400);
    private static final Set<String> LIST_PARAMS = Set.of("tenant", "provider", "q");
    private static final Set<String> TENANT_ONLY = Set.of("tenant");
    private static final String PROVIDER_NAME = "[a-z0-9][a-z0-9._:/@-]{0,127}";
    private static final String PROVIDER_RULE = "must be a provider name: 1-128 characters of [a-z0-9._:/@-], starting with a letter or digit";

    /** @param units units sent without a price, also of events whose tokens were priced */
    record Unpriced(List<UnpricedModels.Model> items, List<UnpricedModels.UnpricedUnit> units) {
    }

    /** The effective list: every built-in and tenant price, marked {@code builtin} or {@code override}, with history. */
    @GetMapping("/prices")
    Mono<PriceList> list(Caller caller, ServerWebExchange exchange) {
        MultiValueMap<String, String> params = only(exchange, LIST_PARAMS);
        String tenant = caller.requireTenant();
        String provider = Params.single(params, "provider");
        String search = Params.single(params, "q");
        return overrides.list(tenant)
                .collectList()
                .zipWith(overrides.aliases(tenant))
                .map(own -> PriceList.of(catalog, own.getT1(), own.getT2(), clock.instant(), provider, search));
    }

    /** An alias and the provider whose prices it uses (the body of {@code PUT /prices/aliases} and its answer). */
    record ProviderAlias(
            @NotNull @Pattern(regexp = PROVIDER_NAME, flags = Pattern.Flag.CASE_INSENSITIVE, message = PROVIDER_RULE) String alias,
            @NotNull @Pattern(regexp = PROVIDER_NAME, flags = Pattern.Flag.CASE_INSENSITIVE, message = PROVIDER_RULE) String provider) {
    }

    /** The body of {@code POST /prices/reprice}: RFC 3339 instants or dates {@code YYYY-MM-DD} (midnight UTC). */
    record RepriceBody(@NotBlank @Size(max = 64) String from, @NotBlank @Size(max = 64) String to) {
    }

    /** The tenant's own provider aliases (the built-in ones are in {@code GET /prices}, {@code providerAliases}). */
    @io.swagger.v3.oas.annotations.Operation(summary = "The tenant's own provider aliases", description = "alias -> provider, lower case. The built-in aliases (google_ai, vertex_ai, azure_openai, "
            + "aws.bedrock, ...) are in GET /prices, providerAliases. Any key that reads the tenant.")
    @GetMapping("/prices/aliases")
    Mono<Map<String, String>> aliases(Caller caller, ServerWebExchange exchange) {
        only(exchange, TENANT_ONLY);
        return overrides.aliases(caller.requireTenant());
    }

    /**
     * Sets a provider alias of the tenant (admin): events sent with provider {@code alias} are priced with
     * {@code provider}'s prices when no price exists under the name as sent; they keep the name as sent.
     * Ingest picks it up within seconds (notification).
     */
    @io.swagger.v3.oas.annotations.Operation(summary = "Set a provider alias of the tenant", description = "Body {alias, provider}: events sent with provider alias are priced with provider's prices when no "
            + "price exists under the name as sent (the tenant's price, then the catalog); events keep the name "
            + "they were sent with. Names are lower-cased; 400 for a name outside [a-z0-9._:/@-]. Admin key, or the "
            + "operator key with tenant=. Ingest picks it up within seconds.")
    @PutMapping("/prices/aliases")
    Mono<ProviderAlias> putAlias(Caller caller, ServerWebExchange exchange, @RequestBody @Valid ProviderAlias body) {
        only(exchange, TENANT_ONLY);
        caller.requireManager();
        String tenant = caller.requireTenant();
        String alias = body.alias().toLowerCase(Locale.ROOT);
        String provider = body.provider().toLowerCase(Locale.ROOT);
        if (alias.equals(provider)) {
            throw new BadParameter("alias", "an alias names another provider than itself");
        }
        return overrides.saveAlias(tenant, alias, provider).thenReturn(new ProviderAlias(alias, provider));
    }

    /** Removes a provider alias of the tenant (admin); 404 when it has none of that name. */
    @io.swagger.v3.oas.annotations.Operation(summary = "Remove a provider alias of the tenant", description = "204 when removed, 404 when the tenant has no alias of that name. Admin key, or the operator key with tenant=.")
    @DeleteMapping("/prices/aliases/{alias}")
    Mono<ResponseEntity<Void>> deleteAlias(Caller caller, @PathVariable String alias, ServerWebExchange exchange) {
        only(exchange, TENANT_ONLY);
        caller.requireManager();
        return overrides.deleteAlias(caller.requireTenant(), alias.toLowerCase(Locale.ROOT))
                .map(deleted -> deleted ? ResponseEntity.noContent().<Void>build() : ResponseEntity.notFound().<Void>build());
    }

    /** Sets the tenant's price of a model from {@code effectiveFrom} on (admin); answers the model's list item. */
    @PutMapping("/prices")
    Mono<PriceList.Item> put(Caller caller, ServerWebExchange exchange, @RequestBody @Valid PriceBody body) {
        only(exchange, TENANT_ONLY);
        caller.requireManager();
        String tenant = caller.requireTenant();
        Price price = body.toPrice();
        return overrides.save(tenant, price)
                .then(overrides.list(tenant).collectList())
                .map(own -> PriceList.of(catalog, own, clock.instant(), price.provider(), null).items().stream()
                        .filter(item -> item.model().equals(price.lookupName().toLowerCase(Locale.ROOT)))
                        .findFirst()
                        .orElseThrow());
    }

    /**
     * Models seen without a price, most events first: from the tenant's raw events with
     * {@code priced = false}, in {@code range}/{@code from}/{@code to} (all time when none is given).
     */
    @GetMapping("/prices/unpriced")
    Mono<Unpriced> unpriced(Caller caller, ServerWebExchange exchange) {
        MultiValueMap<String, String> params = only(exchange, Set.of("tenant", "range", "from", "to", "tz", "limit"));
        String tenant = caller.requireTenant();
        boolean ranged = params.containsKey("range") || params.containsKey("from") || params.containsKey("to");
        TimeRange range = ranged ? ranges.parse(params) : null;
        Instant from = range == null ? Bodies.EARLIEST : range.from();
        Instant to = range == null ? Bodies.LATEST : range.to();
        int limit = Params.integer(params, "limit", 1000, 1, 10_000);
        return overrides.of(tenant)
                .flatMap(own -> unpriced.list(tenant, from, to, limit)
                        .map(model -> withPricedNow(model, tenant, own))
                        .collectList())
                .zipWith(unpriced.units(tenant, from, to, limit).collectList())
                .map(both -> new Unpriced(both.getT1(), both.getT2()));
    }

    /**
     * Queues a job re-pricing the tenant's events in {@code {from, to}} with the prices in force now
     * (admin). A range whose first UTC day begins before the raw-event horizon is refused: a day's
     * rollups are rebuilt from its raw events, which retention has dropped there.
     */
    @PostMapping("/prices/reprice")
    Mono<ResponseEntity<JobStore.Job>> reprice(Caller caller, ServerWebExchange exchange,
            @RequestBody @Valid RepriceBody body) {
        only(exchange, TENANT_ONLY);
        caller.requireManager();
        String tenant = caller.requireTenant();
        Instant from = Bodies.instant("from", body.from());
        Instant to = Bodies.instant("to", body.to());
        if (!from.isBefore(to)) {
            throw new BadParameter("to", "must be after from");
        }
        if (Duration.between(from, to).compareTo(MAX_REPRICE_RANGE) > 0) {
            throw new BadParameter("to", "a job re-prices at most " + MAX_REPRICE_RANGE.toDays() + " days; split the range");
        }
        return refuseDaysPastRawHorizon(from)
                .then(Mono.defer(() -> repricing.submit(tenant, from, to)))
                .map(job -> ResponseEntity.status(HttpStatus.ACCEPTED)
                        .location(URI.create("/api/v1/jobs/" + job.id()))
                        .body(job));
    }

    /** Fails with a 400 when the UTC day of {@code from} begins before the raw-event horizon. */
    private Mono<Void> refuseDaysPastRawHorizon(Instant from) {
        Instant firstDay = from.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant();
        return rawHorizon.current()
                .filter(firstDay::isBefore)
                .flatMap(horizon -> Mono.<Void>error(pastRawHorizon(from, horizon)));
    }

    private static BadParameter pastRawHorizon(Instant from, Instant horizon) {
        return new BadParameter("from", from + " is before the raw-event horizon " + horizon
                + ": raw events before it were dropped by retention (tokenmeter.retention.raw-events), and re-pricing a day"
                + " rebuilds its rollups from its raw events, so those days would lose their totals; re-price from "
                + horizon + " on (rollups before it keep the prices they were stored with)");
    }

    /** A job's state and progress; another tenant's job is answered like a missing one, 404. */
    @GetMapping("/jobs/{id}")
    Mono<JobStore.Job> job(Caller caller, @PathVariable String id, ServerWebExchange exchange) {
        only(exchange, TENANT_ONLY);
        String tenant = caller.requireTenant();
        return jobs.find(tenant, id)
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No job " + id)));
    }

    private UnpricedModels.Model withPricedNow(UnpricedModels.Model model, String tenant, PriceOverrides own) {
        String endpoint = model.endpoint() == null ? dev.tokenmeter.event.UsageEvent.UNKNOWN_ENDPOINT : model.endpoint();
        boolean pricedNow = catalog.price(tenant, model.provider(), model.model(), endpoint, model.lastSeen(),
                Usage.NONE, dev.tokenmeter.event.ServiceTier.STANDARD, Map.of(), own).priced();
        return new UnpricedModels.Model(model.provider(), model.model(), model.endpoint(), model.events(), model.inputTokens(),
                model.outputTokens(), model.totalTokens(), model.firstSeen(), model.lastSeen(), pricedNow);
    }

    /** The query parameters, refusing any the endpoint does not know (a typo is a 400, never ignored). */
    private static MultiValueMap<String, String> only(ServerWebExchange exchange, Set<String> known) {
        MultiValueMap<String, String> params = exchange.getRequest().getQueryParams();
        for (String name : params.keySet()) {
            if (!known.contains(name)) {
                throw new BadParameter(name, "is not a parameter of this endpoint");
            }
        }
        return params;
    }
}
