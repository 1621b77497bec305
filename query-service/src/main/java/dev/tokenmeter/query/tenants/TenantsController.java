package dev.tokenmeter.query.tenants;

import dev.tokenmeter.query.access.Caller;
import dev.tokenmeter.query.range.Bucket;
import dev.tokenmeter.query.range.RangeParser;
import dev.tokenmeter.query.range.TimeRange;
import dev.tokenmeter.query.usage.Filters;
import dev.tokenmeter.query.usage.UsageService;
import dev.tokenmeter.query.web.BadParameter;
import dev.tokenmeter.query.web.Params;
import io.swagger.v3.oas.annotations.Operation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code GET /api/v1/tenants}: for the operator key only, every tenant with its usage in the range. */
@RestController
@RequestMapping("/api/v1/tenants")
record TenantsController(TenantDirectory directory, UsageService usage, RangeParser ranges) {

    /** How many tenants' totals are computed at once. */
    private static final int CONCURRENCY = 4;

    /**
     * One tenant.
     *
     * @param firstSeen its first event (to the 15-minute bucket once raw events are past retention); null without usage
     * @param lastSeen  its latest event; null without usage
     * @param requests  requests in the range (under the filters)
     * @param costUsd   cost in the range (under the filters)
     */
    record TenantUsage(String name, @Nullable Instant firstSeen, @Nullable Instant lastSeen, long requests, long totalTokens,
            BigDecimal costUsd) {
    }

    /** The tenants in code point order of their names; {@code truncated} when more than {@code limit} exist. */
    record TenantList(Instant from, Instant to, List<TenantUsage> tenants, boolean truncated) {
    }

    @Operation(summary = "Every tenant with usage or keys, for the operator key only", description = "Each tenant's name, first and last event, and its requests, tokens and cost in the range "
            + "(range/from/to/tz, default 7d) under the usual filters; in code point order of names, at most limit "
            + "(1-1000, default 200) with truncated=true when there are more. Any other key gets 403.")
    @GetMapping
    Mono<TenantList> tenants(@RequestParam MultiValueMap<String, String> params, Caller caller) {
        if (!caller.isOperator()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only the operator key lists tenants");
        }
        Params.check(params, Set.of("limit"));
        if (params.containsKey("tenant")) {
            throw new BadParameter("tenant", "lists every tenant; name none");
        }
        TimeRange range = ranges.parse(params);
        Filters filters = Filters.from(params);
        int limit = Params.integer(params, "limit", 200, 1, 1000);
        List<Bucket> whole = List.of(new Bucket(range.from(), range.to()));
        return directory.tenants(limit + 1)
                .collectList()
                .flatMap(known -> Flux.fromIterable(known.subList(0, Math.min(limit, known.size())))
                        .flatMapSequential(tenant -> withUsage(tenant, whole, filters), CONCURRENCY)
                        .collectList()
                        .map(shown -> new TenantList(range.from(), range.to(), shown, known.size() > limit)));
    }

    private Mono<TenantUsage> withUsage(TenantDirectory.Known tenant, List<Bucket> whole, Filters filters) {
        return usage.total(tenant.name(), whole, filters)
                .map(t -> new TenantUsage(tenant.name(), tenant.firstSeen(), tenant.lastSeen(), t.requests(), t.totalTokens(),
                        money(t.costUsd())));
    }

    private static BigDecimal money(BigDecimal usd) {
        BigDecimal stripped = usd.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
