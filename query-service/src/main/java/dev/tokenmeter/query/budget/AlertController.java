package dev.tokenmeter.query.budget;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.tokenmeter.query.access.Caller;
import dev.tokenmeter.query.budget.BudgetViews.Page;
import dev.tokenmeter.query.web.Params;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code /api/v1/alerts}: the alerts the tenant's budgets raised, newest first, each with its delivery
 * log. {@code budget=<id>} keeps one budget's, {@code limit} (default 100, at most 1000) caps the list.
 */
@RestController
@RequestMapping("/api/v1/alerts")
class AlertController {

    private static final Set<String> LIST_PARAMS = Set.of("tenant", "budget", "limit");
    private static final Set<String> ONE_PARAMS = Set.of("tenant");

    /**
     * A raised alert.
     *
     * @param delivery {@code delivered} (every channel answered 2xx), {@code failed} (a channel used up its
     *                 attempts), {@code retrying}, or {@code none} (the budget had no channel)
     * @param alert    the JSON delivered to json webhooks, as sent
     */
    record AlertView(String id, String budgetId, String kind, int threshold, Instant periodStart, Instant periodEnd,
                     BigDecimal share, Instant raisedAt, String delivery, @JsonRawValue String alert,
                     List<AttemptView> deliveries) {
    }

    /**
     * One delivery attempt: {@code ok} with a 2xx answer, else {@code error} says why in general terms
     * ({@code HTTP 500}, {@code connection failed}, {@code destination refused: ...}), never naming an
     * internal address. {@code url} is masked for viewers as in the budget's channels.
     */
    record AttemptView(String channelId, String url, int attempt, @Nullable Integer statusCode, @Nullable String error,
                       boolean ok, Instant at) {
    }

    private final Alerts alerts;
    private final BudgetSettings settings;

    AlertController(Alerts alerts, BudgetSettings settings) {
        this.alerts = alerts;
        this.settings = settings;
    }

    @GetMapping
    Mono<Page<AlertView>> list(Caller caller, ServerWebExchange exchange) {
        String tenant = QueryParams.reader(caller, exchange, LIST_PARAMS);
        MultiValueMap<String, String> params = exchange.getRequest().getQueryParams();
        String budget = Params.single(params, "budget");
        int limit = Params.integer(params, "limit", 100, 1, 1000);
        return withAttempts(alerts.list(tenant, budget, limit), caller.role().canManage())
                .map(Page::new);
    }

    @GetMapping("/{id}")
    Mono<AlertView> get(Caller caller, ServerWebExchange exchange, @PathVariable String id) {
        String tenant = QueryParams.reader(caller, exchange, ONE_PARAMS);
        return withAttempts(alerts.find(tenant, id).flux(), caller.role().canManage())
                .flatMap(found -> found.isEmpty()
                        ? Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "No alert " + id))
                        : Mono.just(found.get(0)));
    }

    private Mono<List<AlertView>> withAttempts(Flux<Alerts.Stored> stored, boolean wholeUrls) {
        return stored.collectList()
                .flatMap(list -> alerts.attempts(list.stream().map(Alerts.Stored::id).toList())
                        .collect(Collectors.groupingBy(Alerts.Attempt::alertId))
                        .map(attempts -> list.stream().map(a -> view(a, attempts.getOrDefault(a.id(), List.of()), wholeUrls)).toList()));
    }

    private AlertView view(Alerts.Stored alert, List<Alerts.Attempt> attempts, boolean wholeUrls) {
        return new AlertView(alert.id(), alert.budgetId(), alert.key().kind().code(), alert.key().threshold(),
                alert.periodStart(), alert.periodEnd(), BudgetViews.plain(alert.share()), alert.raisedAt(),
                delivery(attempts), alert.body(),
                attempts.stream()
                        .map(a -> new AttemptView(a.channelId(), BudgetViews.url(a.url(), wholeUrls), a.attempt(), a.statusCode(), a.error(), a.ok(), a.attemptedAt()))
                        .toList());
    }

    private String delivery(List<Alerts.Attempt> attempts) {
        if (attempts.isEmpty()) {
            return "none";
        }
        Map<String, List<Alerts.Attempt>> byChannel = attempts.stream().collect(Collectors.groupingBy(Alerts.Attempt::channelId));
        boolean failed = byChannel.values().stream()
                .anyMatch(tries -> tries.stream().noneMatch(Alerts.Attempt::ok) && tries.size() >= settings.deliveryAttempts());
        boolean delivered = byChannel.values().stream().allMatch(tries -> tries.stream().anyMatch(Alerts.Attempt::ok));
        return failed ? "failed" : delivered ? "delivered" : "retrying";
    }
}
