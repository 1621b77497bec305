package dev.tokenmeter.query.budget;

import dev.tokenmeter.query.access.Caller;
import dev.tokenmeter.query.budget.BudgetViews.BudgetView;
import dev.tokenmeter.query.budget.BudgetViews.Page;
import dev.tokenmeter.query.budget.BudgetViews.StatusView;
import dev.tokenmeter.query.outbound.OutboundGuard;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import dev.tokenmeter.query.web.BadParameter;
import dev.tokenmeter.query.web.Params;
import org.springframework.util.MultiValueMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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
 * {@code /api/v1/budgets}: the caller's tenant's budgets. Viewers read them and their status, with
 * channel URLs masked; admins (and the operator naming a tenant) see the URLs whole and create,
 * replace, delete and dry-run them. Another tenant's budget is answered like a missing one, 404.
 */
@RestController
@RequestMapping("/api/v1/budgets")
record BudgetController(Budgets budgets, Evaluator evaluator, UtilizationGauges gauges, Clock clock, OutboundGuard guard,
        BudgetCheck check) {

    private static final String PATH = "/api/v1/budgets/";
    private static final Set<String> PARAMS = Set.of("tenant");
    private static final Set<String> TEST_PARAMS = Set.of("tenant", "channel");
    private static final Set<String> CHECK_PARAMS = new java.util.TreeSet<>(Set.of("provider", "model", "project", "apiKey",
            "endpoint", "status", "user", "serviceTier"));

    @GetMapping
    Mono<Page<BudgetView>> list(Caller caller, ServerWebExchange exchange) {
        String tenant = QueryParams.reader(caller, exchange, PARAMS);
        return budgets.list(tenant)
                .map(budget -> BudgetView.of(budget, caller.role().canManage()))
                .collectList()
                .map(Page::new);
    }

    /** Creates a budget: 201 with its {@code Location}. The body is read after the key's role is checked (a viewer gets 403). */
    @PostMapping
    Mono<ResponseEntity<BudgetView>> create(Caller caller, ServerWebExchange exchange,
            @RequestBody @Valid Mono<BudgetBody> body) {
        String tenant = QueryParams.manager(caller, exchange, PARAMS);
        return body.map(this::checked)
                .flatMap(spec -> budgets.create(tenant, spec))
                .map(budget -> ResponseEntity.created(URI.create(PATH + budget.id())).body(BudgetView.of(budget, true)));
    }

    @GetMapping("/{id}")
    Mono<BudgetView> get(Caller caller, ServerWebExchange exchange, @PathVariable String id) {
        return found(QueryParams.reader(caller, exchange, PARAMS), id)
                .map(budget -> BudgetView.of(budget, caller.role().canManage()));
    }

    /**
     * Replaces a budget's settings (fields left out take their defaults; a channel sent with its id
     * and no secret keeps its secret). Alerts raised earlier in the current period stay raised.
     */
    @PutMapping("/{id}")
    Mono<BudgetView> replace(Caller caller, ServerWebExchange exchange, @PathVariable String id,
            @RequestBody @Valid Mono<BudgetBody> body) {
        String tenant = QueryParams.manager(caller, exchange, PARAMS);
        return body.map(this::checked)
                .flatMap(spec -> budgets.update(tenant, id, spec))
                .switchIfEmpty(Mono.error(() -> notFound(id)))
                .map(budget -> BudgetView.of(budget, true));
    }

    /** Deletes a budget with its alerts and their delivery log. */
    @DeleteMapping("/{id}")
    Mono<ResponseEntity<Void>> delete(Caller caller, ServerWebExchange exchange, @PathVariable String id) {
        String tenant = QueryParams.manager(caller, exchange, PARAMS);
        return budgets.delete(tenant, id)
                .filter(deleted -> deleted)
                .switchIfEmpty(Mono.error(() -> notFound(id)))
                .doOnNext(deleted -> gauges.remove(id))
                .map(deleted -> ResponseEntity.noContent().build());
    }

    /** Where the budget stands in its current period, and where it is heading. */
    @GetMapping("/{id}/status")
    Mono<StatusView> status(Caller caller, ServerWebExchange exchange, @PathVariable String id) {
        return found(QueryParams.reader(caller, exchange, PARAMS), id)
                .flatMap(budget -> evaluator.standing(budget, clock.instant()))
                .map(StatusView::of);
    }

    /** Evaluates the budget now and shows what would be sent, signed, without sending or recording anything. */
    @PostMapping("/{id}/dry-run")
    Mono<DryRun> dryRun(Caller caller, ServerWebExchange exchange, @PathVariable String id) {
        return found(QueryParams.manager(caller, exchange, PARAMS), id)
                .flatMap(evaluator::dryRun);
    }

    /** Evaluates the budget now, as the schedule would, raising what is due into the outbox. */
    @PostMapping("/{id}/evaluate")
    Mono<EvaluateView> evaluate(Caller caller, ServerWebExchange exchange, @PathVariable String id) {
        return found(QueryParams.manager(caller, exchange, PARAMS), id)
                .flatMap(budget -> evaluator.evaluate(budget)
                        .flatMap(raised -> evaluator.standing(budget, clock.instant())
                                .map(status -> new EvaluateView(raised, StatusView.of(status)))));
    }

    /**
     * What {@code POST /budgets/{id}/evaluate} did.
     *
     * @param raised how many alerts it raised that notify (their deliveries are in the outbox, see {@code GET /alerts})
     */
    record EvaluateView(int raised, StatusView status) {
    }

    /**
     * Sends a message marked as a test ({@code "test": true}, subject and text starting with {@code [TEST]})
     * to one channel of the budget now: the alert of its lowest threshold with the current figures. Nothing
     * is recorded or retried; the answer says what the receiver answered.
     */
    @PostMapping("/{id}/test")
    Mono<AlertSource.TestSend> test(Caller caller, ServerWebExchange exchange, @PathVariable String id) {
        String tenant = QueryParams.manager(caller, exchange, TEST_PARAMS);
        String channel = Params.required(exchange.getRequest().getQueryParams(), "channel", "the id of one of the budget's channels");
        return found(tenant, id)
                .flatMap(budget -> evaluator.test(budget, channel))
                .switchIfEmpty(Mono.error(() -> new BadParameter("channel", "is not a channel of budget " + id)));
    }

    /**
     * Whether a call with these attributes is within every hard budget whose scope matches them: for
     * gateways and publishers that refuse calls once a hard budget is spent. Viewer, admin and ingest keys
     * may ask. Each attribute is one value of a filter of the contract.
     */
    @GetMapping("/check")
    Mono<BudgetCheck.Answer> check(Caller caller, ServerWebExchange exchange) {
        MultiValueMap<String, String> params = exchange.getRequest().getQueryParams();
        Map<String, String> call = new TreeMap<>();
        params.forEach((name, values) -> {
            if (name.equals("tenant")) {
                return;
            }
            if (!CHECK_PARAMS.contains(name) && !name.startsWith("tag.")) {
                throw new BadParameter(name, "is not a parameter of this endpoint; attributes are " + CHECK_PARAMS + " and tag.<key>");
            }
            if (values.size() != 1 || values.get(0).isEmpty() || values.get(0).length() > 256) {
                throw new BadParameter(name, "must be given once, 1-256 characters: the call's value");
            }
            call.put(name, values.get(0));
        });
        return check.check(caller.requireTenant(), call, clock.instant());
    }

    /** Refuses, as a 400 naming the field, a channel the outbound guard would refuse to send to. */
    private BudgetBody.Spec checked(BudgetBody body) {
        BudgetBody.Spec spec = body.toSpec();
        ChannelBody.checkDestinations(spec.channels(), guard);
        return spec;
    }

    private Mono<Budget> found(String tenant, String id) {
        return budgets.find(tenant, id)
                .switchIfEmpty(Mono.error(() -> notFound(id)));
    }

    private static ResponseStatusException notFound(String id) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No budget " + id);
    }
}
