package dev.tokenmeter.query.rules;

import dev.tokenmeter.query.ids.Ids;
import dev.tokenmeter.query.access.Caller;
import dev.tokenmeter.query.budget.AlertInputs;
import dev.tokenmeter.query.budget.AlertSource;
import dev.tokenmeter.query.outbound.OutboundGuard;
import dev.tokenmeter.query.rules.RuleViews.NoticeDryRun;
import dev.tokenmeter.query.rules.RuleViews.EvaluateView;
import dev.tokenmeter.query.rules.RuleViews.NoticeView;
import dev.tokenmeter.query.rules.RuleViews.Page;
import dev.tokenmeter.query.web.BadParameter;
import dev.tokenmeter.query.web.Params;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * {@code /api/v1/rules} (usage rules), {@code /api/v1/anomalies} (spend anomaly watches) and
 * {@code /api/v1/digests}: the caller's tenant's rules of each kind. Viewers read them (channel URLs
 * masked) and their notices; admins, and the operator naming a tenant, create, replace, delete, evaluate,
 * dry-run and test-send them. Another tenant's rule is answered like a missing one, 404.
 */
@RestController
@RequestMapping("/api/v1")
class RuleController {

    private static final Set<String> PARAMS = Set.of("tenant");
    private static final Set<String> TEST_PARAMS = Set.of("tenant", "channel");
    private static final Set<String> NOTICE_PARAMS = Set.of("tenant", "limit");
    private static final int MAX_NOTICES = 500;

    private final Rules rules;
    private final RuleEvaluator evaluator;
    private final Notices notices;
    private final Deliveries deliveries;
    private final RuleSource source;
    private final RuleSettings settings;
    private final OutboundGuard guard;
    private final Clock clock;

    RuleController(Rules rules, RuleEvaluator evaluator, Notices notices, Deliveries deliveries, RuleSource source,
            RuleSettings settings, OutboundGuard guard, Clock clock) {
        this.source = source;
        this.rules = rules;
        this.evaluator = evaluator;
        this.notices = notices;
        this.deliveries = deliveries;
        this.settings = settings;
        this.guard = guard;
        this.clock = clock;
    }

    @Operation(summary = "The tenant's rules of the collection's kind, oldest first")
    @GetMapping({"/rules", "/anomalies", "/digests"})
    Mono<Page<Map<String, Object>>> list(Caller caller, ServerWebExchange exchange) {
        String tenant = reader(caller, exchange, PARAMS);
        return rules.list(tenant, kind(exchange))
                .map(rule -> RuleViews.rule(rule, caller.role().canManage()))
                .collectList()
                .map(Page::new);
    }

    @Operation(summary = "Creates a usage rule: a measure over a window crossing a threshold, with hysteresis")
    @PostMapping("/rules")
    Mono<ResponseEntity<Map<String, Object>>> createRule(Caller caller, ServerWebExchange exchange,
            @RequestBody @Valid Mono<RuleBodies.UsageRule> body) {
        return create(caller, exchange, Rule.Kind.USAGE, body);
    }

    @Operation(summary = "Creates a spend anomaly watch")
    @PostMapping("/anomalies")
    Mono<ResponseEntity<Map<String, Object>>> createAnomaly(Caller caller, ServerWebExchange exchange,
            @RequestBody @Valid Mono<RuleBodies.AnomalyWatch> body) {
        return create(caller, exchange, Rule.Kind.ANOMALY, body);
    }

    @Operation(summary = "Creates a daily or weekly digest")
    @PostMapping("/digests")
    Mono<ResponseEntity<Map<String, Object>>> createDigest(Caller caller, ServerWebExchange exchange,
            @RequestBody @Valid Mono<RuleBodies.Digest> body) {
        return create(caller, exchange, Rule.Kind.DIGEST, body);
    }

    @GetMapping({"/rules/{id}", "/anomalies/{id}", "/digests/{id}"})
    Mono<Map<String, Object>> get(Caller caller, ServerWebExchange exchange, @PathVariable String id) {
        return found(reader(caller, exchange, PARAMS), exchange, id)
                .map(rule -> RuleViews.rule(rule, caller.role().canManage()));
    }

    @Operation(summary = "Replaces a usage rule (fields left out take their defaults; a channel sent with its id and no secret keeps "
            + "its secret); a rule whose settings changed starts its hysteresis afresh")
    @PutMapping("/rules/{id}")
    Mono<Map<String, Object>> replaceRule(Caller caller, ServerWebExchange exchange, @PathVariable String id,
            @RequestBody @Valid Mono<RuleBodies.UsageRule> body) {
        return replace(caller, exchange, Rule.Kind.USAGE, id, body);
    }

    @Operation(summary = "Replaces a spend anomaly watch")
    @PutMapping("/anomalies/{id}")
    Mono<Map<String, Object>> replaceAnomaly(Caller caller, ServerWebExchange exchange, @PathVariable String id,
            @RequestBody @Valid Mono<RuleBodies.AnomalyWatch> body) {
        return replace(caller, exchange, Rule.Kind.ANOMALY, id, body);
    }

    @Operation(summary = "Replaces a digest")
    @PutMapping("/digests/{id}")
    Mono<Map<String, Object>> replaceDigest(Caller caller, ServerWebExchange exchange, @PathVariable String id,
            @RequestBody @Valid Mono<RuleBodies.Digest> body) {
        return replace(caller, exchange, Rule.Kind.DIGEST, id, body);
    }

    @Operation(summary = "Deletes the rule with its notices (deliveries already queued are still attempted)")
    @DeleteMapping({"/rules/{id}", "/anomalies/{id}", "/digests/{id}"})
    Mono<ResponseEntity<Void>> delete(Caller caller, ServerWebExchange exchange, @PathVariable String id) {
        String tenant = manager(caller, exchange, PARAMS);
        return rules.delete(tenant, kind(exchange), id)
                .filter(deleted -> deleted)
                .switchIfEmpty(Mono.error(() -> notFound(id)))
                .map(deleted -> ResponseEntity.noContent().build());
    }

    @Operation(summary = "Evaluates the rule now, as the schedule would, raising what is due into the alert outbox")
    @PostMapping({"/rules/{id}/evaluate", "/anomalies/{id}/evaluate", "/digests/{id}/evaluate"})
    Mono<EvaluateView> evaluate(Caller caller, ServerWebExchange exchange, @PathVariable String id) {
        return found(manager(caller, exchange, PARAMS), exchange, id)
                .flatMap(rule -> evaluator.find(rule, clock.instant(), false)
                        .flatMap(finding -> source.evaluate(rule)
                                .map(raised -> new EvaluateView(raised, finding.status()))));
    }

    @Operation(summary = "What evaluating now would send: the notice and each channel's payload exactly, nothing sent or recorded")
    @PostMapping({"/rules/{id}/dry-run", "/anomalies/{id}/dry-run", "/digests/{id}/dry-run"})
    Mono<NoticeDryRun> dryRun(Caller caller, ServerWebExchange exchange, @PathVariable String id) {
        return found(manager(caller, exchange, PARAMS), exchange, id)
                .flatMap(source::dryRun);
    }

    @Operation(summary = "Sends a message marked as a test (\"test\": true, subject starting with [TEST]) to one channel now: "
            + "the notice the rule would send were it due, with the current figures. Nothing is recorded or retried")
    @PostMapping({"/rules/{id}/test", "/anomalies/{id}/test", "/digests/{id}/test"})
    Mono<AlertSource.TestSend> test(Caller caller, ServerWebExchange exchange, @PathVariable String id) {
        String tenant = manager(caller, exchange, TEST_PARAMS);
        String channel = Params.required(exchange.getRequest().getQueryParams(), "channel", "the id of one of the rule's channels");
        return found(tenant, exchange, id)
                .flatMap(rule -> source.test(rule, channel))
                .switchIfEmpty(Mono.error(() -> new BadParameter("channel", "is not a channel of " + id)));
    }

    @Operation(summary = "The notices the rule raised, newest first, each with its delivery state per channel")
    @GetMapping({"/rules/{id}/notices", "/anomalies/{id}/notices", "/digests/{id}/notices"})
    Mono<Page<NoticeView>> notices(Caller caller, ServerWebExchange exchange, @PathVariable String id) {
        String tenant = reader(caller, exchange, NOTICE_PARAMS);
        int limit = Params.integer(exchange.getRequest().getQueryParams(), "limit", 50, 1, MAX_NOTICES);
        return found(tenant, exchange, id)
                .flatMap(rule -> withDeliveries(notices.list(tenant, rule.id(), limit).collectList()));
    }

    @Operation(summary = "The notices of all the tenant's rules, anomaly watches and digests, newest first, with their delivery state")
    @GetMapping("/notices")
    Mono<Page<NoticeView>> allNotices(Caller caller, ServerWebExchange exchange) {
        String tenant = reader(caller, exchange, NOTICE_PARAMS);
        int limit = Params.integer(exchange.getRequest().getQueryParams(), "limit", 50, 1, MAX_NOTICES);
        return withDeliveries(notices.list(tenant, null, limit).collectList());
    }

    private Mono<Page<NoticeView>> withDeliveries(Mono<List<Notices.Stored>> notices) {
        return notices.flatMap(stored -> deliveries.states(stored.stream().map(Notices.Stored::id).toList())
                .map(states -> new Page<>(stored.stream().map(n -> new NoticeView(n.id(), n.ruleId(), n.type(), n.occurrence(),
                        n.raisedAt(), RuleEvaluator.JSON.readTree(n.body()),
                        states.stream().filter(s -> s.noticeId().equals(n.id())).toList())).toList())));
    }

    /** Creates a rule of the kind; the body is read after the key's role is checked (a viewer gets 403). */
    private Mono<ResponseEntity<Map<String, Object>>> create(Caller caller, ServerWebExchange exchange, Rule.Kind kind,
            Mono<? extends RuleBodies.RuleBody> body) {
        String tenant = manager(caller, exchange, PARAMS);
        return body.map(this::spec)
                .flatMap(spec -> create(tenant, kind, spec));
    }

    private Mono<ResponseEntity<Map<String, Object>>> create(String tenant, Rule.Kind kind, Spec spec) {
        java.time.Instant now = clock.instant();
        Rule rule = new Rule(Ids.rule(), tenant, kind, spec.name(), spec.scope(), spec.spec(), channels(spec, List.of()),
                spec.enabled(), now, now);
        return rules.count(tenant)
                .filter(n -> n < settings.maxRulesPerTenant())
                .switchIfEmpty(Mono.error(() -> new BadParameter("body", "the tenant has " + settings.maxRulesPerTenant()
                        + " rules, the most allowed (tokenmeter.rules.max-rules-per-tenant); delete one first")))
                .flatMap(n -> rules.create(rule))
                .map(created -> ResponseEntity.created(URI.create("/api/v1/" + kind.path() + "/" + created.id()))
                        .body(RuleViews.rule(created, true)));
    }

    private Mono<Map<String, Object>> replace(Caller caller, ServerWebExchange exchange, Rule.Kind kind, String id,
            Mono<? extends RuleBodies.RuleBody> body) {
        String tenant = manager(caller, exchange, PARAMS);
        return body.map(this::spec)
                .flatMap(spec -> replace(tenant, kind, id, spec));
    }

    private Mono<Map<String, Object>> replace(String tenant, Rule.Kind kind, String id, Spec spec) {
        return rules.find(tenant, kind, id)
                .switchIfEmpty(Mono.error(() -> notFound(id)))
                .flatMap(old -> {
                    Rule rule = new Rule(id, tenant, kind, spec.name(), spec.scope(), spec.spec(), channels(spec, old.channels()),
                            spec.enabled(), old.createdAt(), clock.instant());
                    Mono<Void> reset = old.spec().equals(rule.spec()) && old.scope().equals(rule.scope())
                            ? Mono.empty()
                            : rules.resetState(id);
                    return rules.replace(rule).flatMap(replaced -> reset.thenReturn(replaced));
                })
                .map(rule -> RuleViews.rule(rule, true));
    }

    /** A rule as asked for, checked. */
    private record Spec(String name, Map<String, List<String>> scope, RuleSpec spec, List<AlertInputs.ChannelInput> channels,
            boolean enabled) {
    }

    private Spec spec(RuleBodies.RuleBody body) {
        return new Spec(body.name().trim(), body.filters(), body.toSpec(), AlertInputs.channels(body.channels(), guard),
                !Boolean.FALSE.equals(body.enabled()));
    }

    /** The asked-for channels; one sent with the id of an existing channel and no secret keeps that channel's secret. */
    private static List<RuleChannel> channels(Spec spec, List<RuleChannel> existing) {
        List<RuleChannel> channels = new ArrayList<>();
        for (int i = 0; i < spec.channels().size(); i++) {
            AlertInputs.ChannelInput in = spec.channels().get(i);
            RuleChannel old = in.id() == null ? null : existing.stream().filter(c -> c.id().equals(in.id())).findFirst().orElse(null);
            if (in.id() != null && old == null) {
                throw new BadParameter("channels[" + i + "].id", "is not a channel of this rule; leave it out for a new channel");
            }
            String secret = in.secret() != null ? in.secret() : old == null ? null : old.secret();
            if (secret == null && in.format().equals("json")) {
                throw new BadParameter("channels[" + i + "].secret", "is required for a json webhook: it signs every delivery");
            }
            channels.add(new RuleChannel(old == null ? Ids.channel() : old.id(), in.url(), in.format(), secret));
        }
        return channels;
    }

    private Mono<Rule> found(String tenant, ServerWebExchange exchange, String id) {
        return rules.find(tenant, kind(exchange), id)
                .switchIfEmpty(Mono.error(() -> notFound(id)));
    }

    /** The kind from the collection in the path: /api/v1/{rules|anomalies|digests}/... */
    private static Rule.Kind kind(ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        String collection = path.substring("/api/v1/".length()).split("/", 2)[0];
        return Rule.Kind.fromPath(collection);
    }

    private static String reader(Caller caller, ServerWebExchange exchange, Set<String> known) {
        for (String name : exchange.getRequest().getQueryParams().keySet()) {
            if (!known.contains(name)) {
                throw new BadParameter(name, "is not a parameter of this endpoint");
            }
        }
        return caller.requireTenant();
    }

    private static String manager(Caller caller, ServerWebExchange exchange, Set<String> known) {
        caller.requireManager();
        return reader(caller, exchange, known);
    }

    private static ResponseStatusException notFound(String id) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No rule " + id);
    }
}
