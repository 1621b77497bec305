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
 * {@code /api/v1/alerts}: the alerts the tenant's budgets raised, newest first, each with its
 * deliveries (one per channel, from the outbox) and every attempt. {@code budget=<id>} keeps one
 * budget's, {@code channel=<id>} those delivered to one channel, {@code limit} (default 100, at most
 * 1000) caps the list.
 */
@RestController
@RequestMapping("/api/v1/alerts")
class AlertController {

    private static final Set<String> LIST_PARAMS = Set.of("tenant", "budget", "channel", "limit");
    private static final Set<String> ONE_PARAMS = Set.of("tenant");

    /**
     * A raised alert.
     *
     * @param delivery   over its deliveries: {@code delivered} (all), {@code given_up} (any gave up),
     *                   {@code retrying} (any failed and will be tried again), {@code pending} (not tried
     *                   yet), or {@code none} (nothing to send: no channel, or not notified)
     * @param notified   false when recorded without notifying: under the budget's daily policy a higher
     *                   threshold crossed at the same time was sent instead
     * @param alert      the JSON delivered to json webhooks, as sent
     * @param deliveries one per channel: state, attempts, last answer
     * @param attempts   every attempt, in order, with its status code or error
     */
    record AlertView(String id, String budgetId, String kind, int threshold, Instant periodStart, Instant periodEnd,
            BigDecimal share, Instant raisedAt, boolean notified, String delivery, @JsonRawValue String alert,
            List<DeliveryView> deliveries, List<AttemptView> attempts) {
    }

    /**
     * One delivery of the alert to one channel, retried until delivered or given up.
     *
     * @param id             {@code X-Tokenmeter-Delivery}, the same on every attempt
     * @param state          {@code pending}, {@code failed} (will be retried at {@code nextAttemptAt}),
     *                       {@code delivered} or {@code given_up}
     * @param lastStatusCode the last HTTP status, or 250 for an email the SMTP server accepted
     * @param lastResponse   the start (500 characters) of the last answer's body
     * @param url            masked for viewers as in the budget's channels
     */
    record DeliveryView(String id, String channelId, String format, String url, String state, int attempts,
            @Nullable Instant nextAttemptAt, @Nullable Instant lastAttemptAt, @Nullable Integer lastStatusCode,
            @Nullable String lastResponse, @Nullable String lastError, @Nullable Instant deliveredAt) {
    }

    /**
     * One delivery attempt: {@code ok} with a 2xx answer (or an accepted email), else {@code error} says why in
     * general terms ({@code HTTP 500}, {@code connection failed}, {@code destination refused: ...}), never
     * naming an internal address.
     */
    record AttemptView(String channelId, String url, int attempt, @Nullable Integer statusCode, @Nullable String error,
            boolean ok, Instant at) {
    }

    private final Alerts alerts;
    private final Outbox outbox;

    AlertController(Alerts alerts, Outbox outbox) {
        this.alerts = alerts;
        this.outbox = outbox;
    }

    @GetMapping
    Mono<Page<AlertView>> list(Caller caller, ServerWebExchange exchange) {
        String tenant = QueryParams.reader(caller, exchange, LIST_PARAMS);
        MultiValueMap<String, String> params = exchange.getRequest().getQueryParams();
        String budget = Params.single(params, "budget");
        String channel = Params.single(params, "channel");
        int limit = Params.integer(params, "limit", 100, 1, 1000);
        return views(alerts.list(tenant, budget, channel, limit), channel, caller.role().canManage())
                .map(Page::new);
    }

    @GetMapping("/{id}")
    Mono<AlertView> get(Caller caller, ServerWebExchange exchange, @PathVariable String id) {
        String tenant = QueryParams.reader(caller, exchange, ONE_PARAMS);
        return views(alerts.find(tenant, id).flux(), null, caller.role().canManage())
                .flatMap(found -> found.isEmpty()
                        ? Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "No alert " + id))
                        : Mono.just(found.get(0)));
    }

    private Mono<List<AlertView>> views(Flux<Alerts.Stored> stored, @Nullable String channel, boolean wholeUrls) {
        return stored.collectList()
                .flatMap(list -> {
                    List<String> ids = list.stream().map(Alerts.Stored::id).toList();
                    return Mono.zip(
                            outbox.deliveriesOf(ids, channel).collect(Collectors.groupingBy(Outbox.Stored::alertId)),
                            alerts.attempts(ids).filter(a -> channel == null || a.channelId().equals(channel))
                                    .collect(Collectors.groupingBy(Alerts.Attempt::alertId)))
                            .map(both -> list.stream()
                                    .map(a -> view(a, both.getT1().getOrDefault(a.id(), List.of()),
                                            both.getT2().getOrDefault(a.id(), List.of()), wholeUrls))
                                    .toList());
                });
    }

    private AlertView view(Alerts.Stored alert, List<Outbox.Stored> deliveries, List<Alerts.Attempt> attempts, boolean wholeUrls) {
        return new AlertView(alert.id(), alert.budgetId(), alert.key().kind().code(), alert.key().threshold(),
                alert.periodStart(), alert.periodEnd(), BudgetViews.plain(alert.share()), alert.raisedAt(), alert.notified(),
                delivery(deliveries), alert.body(),
                deliveries.stream().map(d -> delivery(d, wholeUrls)).toList(),
                attempts.stream()
                        .map(a -> new AttemptView(a.channelId(), url(a.url(), wholeUrls), a.attempt(), a.statusCode(), a.error(), a.ok(),
                                a.attemptedAt()))
                        .toList());
    }

    private static DeliveryView delivery(Outbox.Stored d, boolean wholeUrls) {
        boolean open = d.state().equals("pending") || d.state().equals("failed");
        return new DeliveryView(d.id(), d.channelId(), d.format(), url(d.url(), wholeUrls), d.state(), d.attempts(),
                open ? d.nextAttemptAt() : null, d.lastAttemptAt(), d.lastStatusCode(), d.lastResponse(), d.lastError(), d.deliveredAt());
    }

    /** Email recipients are shown as they are; webhook URLs masked for viewers. */
    private static String url(String url, boolean whole) {
        return url.startsWith("mailto:") ? url : BudgetViews.url(url, whole);
    }

    private static String delivery(List<Outbox.Stored> deliveries) {
        if (deliveries.isEmpty()) {
            return "none";
        }
        Map<String, Long> states = deliveries.stream().collect(Collectors.groupingBy(Outbox.Stored::state, Collectors.counting()));
        if (states.containsKey("given_up")) {
            return "given_up";
        }
        if (states.containsKey("failed")) {
            return "retrying";
        }
        return states.containsKey("pending") ? "pending" : "delivered";
    }
}
