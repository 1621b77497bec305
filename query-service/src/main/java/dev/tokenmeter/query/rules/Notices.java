package dev.tokenmeter.query.rules;

import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Raised notices (table {@code alert_rule_notice}) and usage rules' hysteresis (table
 * {@code alert_rule_state}). A notice and its deliveries are written in one transaction; an occurrence
 * raised before (by this or another instance) is not raised again.
 */
@Component
record Notices(DatabaseClient db, TransactionalOperator transaction, Deliveries deliveries) {

    private static final String RAISE = """
            INSERT INTO alert_rule_notice (id, tenant, rule_id, type, occurrence, raised_at, body)
            VALUES (:id, :tenant, :rule, :type, :occurrence, :at, CAST(:body AS json))
            ON CONFLICT (rule_id, occurrence) DO NOTHING RETURNING id""";
    private static final String STATE = """
            SELECT firing, incident, clear_streak, last_value FROM alert_rule_state WHERE rule_id = :rule""";
    private static final String ENSURE_STATE = """
            INSERT INTO alert_rule_state (rule_id, firing, evaluated_at) VALUES (:rule, false, :at) ON CONFLICT (rule_id) DO NOTHING""";
    private static final String SAVE_STATE = """
            UPDATE alert_rule_state SET firing = :firing, incident = :incident, clear_streak = :streak, last_value = :value,
                evaluated_at = :at WHERE rule_id = :rule""";
    private static final String LIST = """
            SELECT id, rule_id, type, occurrence, raised_at, body::text AS body FROM alert_rule_notice
            WHERE tenant = :tenant""";

    /** A notice as stored; {@code body} is the JSON delivered. */
    record Stored(String id, String ruleId, String type, String occurrence, Instant raisedAt, String body) {
    }

    /** Raises the notice unless its occurrence was raised before; answers whether it was raised here. */
    Mono<Boolean> raise(Notice notice) {
        return insert(notice).as(transaction::transactional);
    }

    private Mono<Boolean> insert(Notice notice) {
        return db.sql(RAISE)
                .bind("id", notice.id()).bind("tenant", notice.rule().tenant()).bind("rule", notice.rule().id())
                .bind("type", notice.type()).bind("occurrence", notice.occurrence()).bind("at", notice.raisedAt())
                .bind("body", notice.json())
                .map(row -> Rules.text(row, "id"))
                .one()
                .flatMap(id -> deliveries.enqueue(notice).thenReturn(true))
                .defaultIfEmpty(false);
    }

    Mono<Boolean> exists(String ruleId, String occurrence) {
        return db.sql("SELECT 1 AS one FROM alert_rule_notice WHERE rule_id = :rule AND occurrence = :occurrence")
                .bind("rule", ruleId).bind("occurrence", occurrence)
                .map((Readable row) -> true).first().defaultIfEmpty(false);
    }

    /** The rule's state as the last evaluation left it; quiet when never evaluated. */
    Mono<Hysteresis.State> state(String ruleId) {
        return db.sql(STATE).bind("rule", ruleId).map((Readable row) -> state(row)).one().defaultIfEmpty(Hysteresis.State.QUIET);
    }

    /**
     * One evaluation of a usage rule: under the state row's lock (evaluations of one rule are serialised
     * across instances), the next state is saved and, on a transition, its notice raised, in one transaction.
     * Answers how many notices were raised (0 or 1).
     */
    Mono<Integer> step(Rule rule, RuleSpec.Usage spec, @Nullable BigDecimal value, Instant at,
            Function<Hysteresis.Step, Notice> notice) {
        return db.sql(ENSURE_STATE).bind("rule", rule.id()).bind("at", at).fetch().rowsUpdated()
                .then(db.sql(STATE + " FOR UPDATE").bind("rule", rule.id()).map((Readable row) -> state(row)).one())
                .flatMap(state -> {
                    Hysteresis.Step step = Hysteresis.next(spec, state, value);
                    Mono<Integer> raised = step.transition() == Hysteresis.Transition.NONE
                            ? Mono.just(0)
                            : insert(notice.apply(step)).map(inserted -> inserted ? 1 : 0);
                    return save(rule.id(), step.state(), at).then(raised);
                })
                .as(transaction::transactional);
    }

    private Mono<Void> save(String ruleId, Hysteresis.State state, Instant at) {
        DatabaseClient.GenericExecuteSpec update = db.sql(SAVE_STATE).bind("rule", ruleId).bind("firing", state.firing())
                .bind("incident", state.incident()).bind("streak", state.clearStreak()).bind("at", at);
        update = state.lastValue() == null ? update.bindNull("value", BigDecimal.class) : update.bind("value", state.lastValue());
        return update.fetch().rowsUpdated().then();
    }

    /** The tenant's notices, newest first; of one rule when {@code ruleId} is given. */
    Flux<Stored> list(String tenant, @Nullable String ruleId, int limit) {
        DatabaseClient.GenericExecuteSpec query = db.sql(LIST + (ruleId == null ? "" : " AND rule_id = :rule")
                + " ORDER BY raised_at DESC, id LIMIT :limit")
                .bind("tenant", tenant).bind("limit", limit);
        query = ruleId == null ? query : query.bind("rule", ruleId);
        return query.map(row -> new Stored(Rules.text(row, "id"), Rules.text(row, "rule_id"), Rules.text(row, "type"),
                Rules.text(row, "occurrence"), Rules.instant(row, "raised_at"), Rules.text(row, "body"))).all();
    }

    private static Hysteresis.State state(Readable row) {
        return new Hysteresis.State(Boolean.TRUE.equals(row.get("firing", Boolean.class)),
                Objects.requireNonNull(row.get("incident", Integer.class)), Objects.requireNonNull(row.get("clear_streak", Integer.class)),
                row.get("last_value", BigDecimal.class));
    }
}
