package dev.tokenmeter.query.usage;

import dev.tokenmeter.query.access.Caller;
import dev.tokenmeter.query.range.BucketUnit;
import dev.tokenmeter.query.range.RangeParser;
import dev.tokenmeter.query.range.TimeRange;
import dev.tokenmeter.query.web.BadParameter;
import dev.tokenmeter.query.web.Params;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The aggregate usage endpoints of the contract (§3), scoped to the caller's tenant. */
@RestController
@RequestMapping("/api/v1/usage")
class UsageController {

    /** What a breakdown's {@code by} accepts. */
    private static final String GROUPINGS = "provider, model, project, apiKey, endpoint, status, user or tag:<key>";

    private final UsageService usage;
    private final Forecast forecast;
    private final RangeParser ranges;
    private final Clock clock;

    UsageController(UsageService usage, Forecast forecast, RangeParser ranges, Clock clock) {
        this.usage = usage;
        this.forecast = forecast;
        this.ranges = ranges;
        this.clock = clock;
    }

    @GetMapping("/summary")
    Mono<Views.Summary> summary(Caller caller, ServerWebExchange exchange) {
        MultiValueMap<String, String> params = params(exchange);
        return usage.summary(caller.requireTenant(), ranges.parse(params), Filters.from(params));
    }

    @Operation(summary = "Usage per time bucket", description = "bucket = minute, hour, day (default), week or month; groupBy = a "
            + "dimension and top (default 10) add one series per top key plus other; compare=previous adds previous: the same "
            + "buckets' totals for the period of equal length just before the range (no series), in the same answer.")
    @GetMapping("/timeline")
    Mono<Views.Timeline> timeline(Caller caller, ServerWebExchange exchange) {
        MultiValueMap<String, String> params = params(exchange, "bucket", "groupBy", "top", "compare");
        String bucket = Params.single(params, "bucket");
        String groupBy = Params.single(params, "groupBy");
        if (groupBy == null && params.containsKey("top")) {
            throw new BadParameter("top", "applies only with groupBy");
        }
        String compare = Params.single(params, "compare");
        if (compare != null && !compare.equals("previous")) {
            throw new BadParameter("compare", "must be previous (the period of equal length just before the range)");
        }
        return usage.timeline(caller.requireTenant(), ranges.parse(params), bucket == null ? BucketUnit.DAY : BucketUnit.parse(bucket),
                Filters.from(params), groupBy == null ? null : Grouping.parse("groupBy", groupBy),
                Params.integer(params, "top", 10, 1, 50), compare != null);
    }

    @Operation(summary = "Usage per key of a dimension", description = "by = " + GROUPINGS + "; sort = cost (default), "
            + "requests, tokens, errorRate, latency (average) or lastSeen (most recent first), each descending, ties by "
            + "cost then key; limit (default 10); percentiles=false skips p95.")
    @GetMapping("/breakdown")
    Mono<Views.Breakdown> breakdown(Caller caller, ServerWebExchange exchange) {
        MultiValueMap<String, String> params = params(exchange, "by", "sort", "limit", "percentiles");
        String by = Params.required(params, "by", GROUPINGS);
        String sort = Params.single(params, "sort");
        return usage.breakdown(caller.requireTenant(), ranges.parse(params), Filters.from(params), Grouping.parse("by", by), by,
                sort == null ? BreakdownSort.COST : BreakdownSort.parse(sort), Params.integer(params, "limit", 10, 1, Integer.MAX_VALUE),
                Params.bool(params, "percentiles", true));
    }

    @GetMapping("/values/{dimension}")
    Mono<Views.Values> values(Caller caller, @PathVariable String dimension, ServerWebExchange exchange) {
        MultiValueMap<String, String> params = params(exchange, "limit");
        return usage.values(caller.requireTenant(), ranges.parse(params), Filters.from(params), Grouping.parse("dimension", dimension),
                dimension, Params.integer(params, "limit", 1000, 1, Integer.MAX_VALUE));
    }

    @Operation(summary = "Tag keys seen in the range", description = "Distinct keys of the events' tags in the range under the filters, in code point order, at most "
            + "limit (default 1000): the keys a breakdown by tag:<key> or a tag.<key> filter can use. From raw events, "
            + "so only within their retention.")
    @GetMapping("/tag-keys")
    Mono<Views.TagKeys> tagKeys(Caller caller, ServerWebExchange exchange) {
        MultiValueMap<String, String> params = params(exchange, "limit");
        return usage.tagKeys(caller.requireTenant(), ranges.parse(params), Filters.from(params),
                Params.integer(params, "limit", 1000, 1, Integer.MAX_VALUE));
    }

    @GetMapping("/periods")
    Mono<Views.Periods> periods(Caller caller, ServerWebExchange exchange) {
        MultiValueMap<String, String> params = params(exchange);
        if (params.containsKey("range") || params.containsKey("from") || params.containsKey("to")) {
            throw new BadParameter("range", "periods are fixed (today, this week, this month, all time); pass only tz and filters");
        }
        ZoneId zone = ranges.zone(Params.single(params, "tz"));
        TimeRange allTime = ranges.parse(MultiValueMap.fromSingleValue(Map.of("range", "all", "tz", zone.getId())));
        return usage.periods(caller.requireTenant(), zone, LocalDate.now(clock.withZone(zone)), allTime.from(), Filters.from(params));
    }

    @GetMapping("/forecast")
    Mono<Forecast.View> forecast(Caller caller, ServerWebExchange exchange) {
        MultiValueMap<String, String> params = params(exchange);
        if (params.containsKey("range") || params.containsKey("from") || params.containsKey("to")) {
            throw new BadParameter("range", "the forecast is for the current month in tz; pass only tz and filters");
        }
        return forecast.forecast(caller.requireTenant(), ranges.zone(Params.single(params, "tz")), Filters.from(params));
    }

    /** The request's query parameters; one that is neither common to the usage endpoints nor {@code accepted} is a 400. */
    private static MultiValueMap<String, String> params(ServerWebExchange exchange, String... accepted) {
        return Params.check(exchange.getRequest().getQueryParams(), Set.of(accepted));
    }
}
