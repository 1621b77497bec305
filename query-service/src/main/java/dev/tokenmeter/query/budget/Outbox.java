package dev.tokenmeter.query.budget;

import static dev.tokenmeter.query.budget.Rows.instant;
import static dev.tokenmeter.query.budget.Rows.number;
import static dev.tokenmeter.query.budget.Rows.text;

import dev.tokenmeter.query.ids.Ids;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The alert outbox (table {@code alert_delivery}): an alert and its deliveries, one per channel, are
 * written in one transaction, so an alert is never recorded without what it must send, nor sent
 * without being recorded. {@link DeliveryWorker} then delivers them at least once.
 *
 * <p>Any alert source (budgets today; usage rules, anomalies and digests later) enqueues through
 * {@link #raise}: a (budget, period, kind, threshold) row decides once, and its deliveries follow it.
 */
@Component
class Outbox {

    /** Serialises raising per budget across instances, so the 24-hour window is judged on committed rows. */
    private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext(:budget)) AS locked";
    private static final String RAISED_IN = """
            SELECT kind, threshold FROM budget_alert WHERE budget_id = :budget AND period_start = :periodStart""";
    private static final String RAISED_SINCE = """
            SELECT period_start, kind, threshold FROM budget_alert WHERE budget_id = :budget AND period_start >= :from""";
    private static final String NOTIFIED_SINCE = """
            SELECT count(*) AS n FROM budget_alert WHERE budget_id = :budget AND notified AND raised_at > :since""";
    private static final String RAISE = """
            INSERT INTO budget_alert (id, tenant, budget_id, period_start, period_end, kind, threshold, share, raised_at, body, notified)
            VALUES (:id, :tenant, :budget, :periodStart, :periodEnd, :kind, :threshold, :share, :raisedAt, CAST(:body AS json), :notified)
            ON CONFLICT (budget_id, period_start, kind, threshold) DO NOTHING
            RETURNING id""";
    private static final String ENQUEUE = """
            INSERT INTO alert_delivery (id, alert_id, tenant, source_id, channel_id, url, format, payload, state, next_attempt_at, created_at)
            VALUES (:id, :alert, :tenant, :budget, :channel, :url, :format, :payload, 'pending', :due, :due)""";
    /**
     * Claims due deliveries: locked rows are skipped, so concurrent workers take disjoint ones, and
     * {@code next_attempt_at} moves past the claim's expiry, so no other worker takes them while this
     * attempt runs; a worker that dies leaves them due again when the claim expires.
     */
    private static final String CLAIM = """
            WITH claimed AS (
                UPDATE alert_delivery d SET attempts = d.attempts + 1, next_attempt_at = :claimUntil, last_attempt_at = :now
                FROM (SELECT id FROM alert_delivery WHERE state IN ('pending', 'failed') AND next_attempt_at <= :now
                      ORDER BY next_attempt_at LIMIT :batch FOR UPDATE SKIP LOCKED) due
                WHERE d.id = due.id
                RETURNING d.id, d.alert_id, d.source_id, d.channel_id, d.url, d.format, d.payload, d.attempts, d.created_at)
            SELECT claimed.id, claimed.alert_id, claimed.source_id, claimed.channel_id, claimed.format, claimed.payload,
                   claimed.attempts, claimed.created_at, coalesce(c.url, claimed.url) AS url, c.secret,
                   c.id IS NOT NULL AS channel_exists
            FROM claimed LEFT JOIN (SELECT id, url, secret FROM budget_channel
                                     UNION ALL SELECT id, url, secret FROM alert_rule_channel) c ON c.id = claimed.channel_id""";
    private static final String DELIVERED = """
            UPDATE alert_delivery SET state = 'delivered', delivered_at = :now, last_status_code = :status,
                last_response = :response, last_error = NULL
            WHERE id = :id AND attempts = :attempts""";
    private static final String FAILED = """
            UPDATE alert_delivery SET state = :state, next_attempt_at = :next, last_status_code = :status,
                last_response = :response, last_error = :error
            WHERE id = :id AND attempts = :attempts""";
    private static final String OF_ALERTS = """
            SELECT id, alert_id, channel_id, url, format, state, attempts, next_attempt_at, created_at, last_attempt_at,
                   last_status_code, last_response, last_error, delivered_at
            FROM alert_delivery WHERE alert_id = ANY(:alerts) ORDER BY alert_id, created_at, channel_id""";
    private static final int MAX_RESPONSE = 500;
    private static final int MAX_ERROR = 1000;

    /** An alert to raise with what each of its channels is to receive. */
    record Candidate(Alert alert, List<Message> messages) {
    }

    /** What one channel receives for an alert: the payload as {@link Sender} reads it. */
    record Message(Channel channel, String payload) {
    }

    /** A delivery claimed for one attempt. */
    record Claimed(String id, String alertId, String sourceId, String channelId, String url, Channel.Format format,
            String payload, int attempts, Instant createdAt, @Nullable String secret, boolean channelExists) {

        Channel channel() {
            return new Channel(channelId, java.net.URI.create(url), format, secret);
        }
    }

    /**
     * What an attempt got.
     *
     * @param status   the HTTP status, or the SMTP reply code (250 when accepted); null when no answer came
     * @param response the start of the answer's body
     * @param error    why it failed, in words safe to show the tenant; null on success
     */
    record Outcome(@Nullable Integer status, @Nullable String response, @Nullable String error) {

        boolean ok() {
            return error == null;
        }
    }

    /** A delivery as stored. */
    record Stored(String id, String alertId, String channelId, String url, String format, String state, int attempts,
            Instant nextAttemptAt, Instant createdAt, @Nullable Instant lastAttemptAt, @Nullable Integer lastStatusCode,
            @Nullable String lastResponse, @Nullable String lastError, @Nullable Instant deliveredAt) {
    }

    private final DatabaseClient db;
    private final TransactionalOperator transaction;

    Outbox(DatabaseClient db, TransactionalOperator transaction) {
        this.db = db;
        this.transaction = transaction;
    }

    /**
     * Raises the candidates not raised before in their period, in one transaction with their deliveries;
     * answers how many alerts notify. Under {@link NotifyPolicy#DAILY}, nothing is raised within 24 h of the
     * budget's last notification, and of several raised at once only the highest threshold notifies (the
     * others are recorded as covered by it, so they never notify later in the period).
     *
     * @param at the evaluation instant: the alerts' raise time and the end of the 24-hour window
     */
    Mono<Integer> raise(Budget budget, Instant periodStart, List<Candidate> candidates, Instant at, Instant due) {
        if (candidates.isEmpty()) {
            return Mono.just(0);
        }
        return db.sql(LOCK).bind("budget", budget.id()).fetch().rowsUpdated()
                .then(raisedIn(budget.id(), periodStart))
                .map(raised -> candidates.stream().filter(c -> !raised.contains(c.alert().key())).toList())
                .filterWhen(fresh -> fresh.isEmpty() ? Mono.just(false) : mayNotify(budget, at))
                .flatMap(fresh -> insert(budget, fresh, chosen(budget, fresh), due))
                .defaultIfEmpty(0)
                .as(transaction::transactional);
    }

    /** The alerts raised in each period of the budget that started at or after {@code from}, by period start. */
    Mono<Map<Instant, Set<AlertKey>>> raisedSince(String budgetId, Instant from) {
        return db.sql(RAISED_SINCE).bind("budget", budgetId).bind("from", from)
                .map(row -> Map.entry(instant(row, "period_start"),
                        new AlertKey(AlertKey.Kind.fromCode(text(row, "kind")), number(row, "threshold"))))
                .all()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toSet())));
    }

    Mono<Set<AlertKey>> raisedIn(String budgetId, Instant periodStart) {
        return db.sql(RAISED_IN).bind("budget", budgetId).bind("periodStart", periodStart)
                .map(row -> new AlertKey(AlertKey.Kind.fromCode(text(row, "kind")), number(row, "threshold")))
                .all()
                .collect(Collectors.toSet());
    }

    private Mono<Boolean> mayNotify(Budget budget, Instant at) {
        if (budget.notifyPolicy() != NotifyPolicy.DAILY) {
            return Mono.just(true);
        }
        return db.sql(NOTIFIED_SINCE).bind("budget", budget.id()).bind("since", at.minus(Duration.ofHours(24)))
                .map(row -> Objects.requireNonNull(row.get("n", Long.class)))
                .one()
                .map(n -> n == 0);
    }

    /** The one that notifies under the daily policy: the highest threshold, else the forecast; null: all notify. */
    private static @Nullable AlertKey chosen(Budget budget, List<Candidate> fresh) {
        if (budget.notifyPolicy() != NotifyPolicy.DAILY) {
            return null;
        }
        return fresh.stream().map(c -> c.alert().key())
                .max(Comparator.comparing((AlertKey k) -> k.kind() == AlertKey.Kind.THRESHOLD).thenComparingInt(AlertKey::threshold))
                .orElse(null);
    }

    private Mono<Integer> insert(Budget budget, List<Candidate> fresh, @Nullable AlertKey chosen, Instant due) {
        return Flux.fromIterable(fresh)
                .concatMap(candidate -> {
                    boolean notifies = chosen == null || chosen.equals(candidate.alert().key());
                    return insert(candidate.alert(), notifies)
                            .flatMap(inserted -> notifies
                                    ? enqueue(budget, candidate, due).thenReturn(1)
                                    : Mono.just(0));
                })
                .reduce(0, Integer::sum);
    }

    private Mono<String> insert(Alert alert, boolean notified) {
        Evaluation e = alert.evaluation();
        return db.sql(RAISE)
                .bind("id", alert.id())
                .bind("tenant", e.budget().tenant())
                .bind("budget", e.budget().id())
                .bind("periodStart", e.period().start())
                .bind("periodEnd", e.period().end())
                .bind("kind", alert.key().kind().code())
                .bind("threshold", alert.key().threshold())
                .bind("share", e.share())
                .bind("raisedAt", alert.raisedAt())
                .bind("body", alert.json())
                .bind("notified", notified)
                .map(row -> text(row, "id"))
                .one();
    }

    private Mono<Void> enqueue(Budget budget, Candidate candidate, Instant due) {
        return Flux.fromIterable(candidate.messages())
                .concatMap(message -> db.sql(ENQUEUE)
                        .bind("id", Ids.delivery())
                        .bind("alert", candidate.alert().id())
                        .bind("tenant", budget.tenant())
                        .bind("budget", budget.id())
                        .bind("channel", message.channel().id())
                        .bind("url", message.channel().url().toString())
                        .bind("format", message.channel().format().code())
                        .bind("payload", message.payload())
                        .bind("due", due)
                        .fetch().rowsUpdated())
                .then();
    }

    /** Claims up to {@code batch} due deliveries for one attempt each, until {@code claimUntil}. */
    Flux<Claimed> claim(Instant now, int batch, Instant claimUntil) {
        return db.sql(CLAIM)
                .bind("now", now)
                .bind("batch", batch)
                .bind("claimUntil", claimUntil)
                .map(row -> new Claimed(text(row, "id"), text(row, "alert_id"), text(row, "source_id"), text(row, "channel_id"),
                        text(row, "url"), Channel.Format.fromCode(text(row, "format")), text(row, "payload"), number(row, "attempts"),
                        instant(row, "created_at"), row.get("secret", String.class),
                        Boolean.TRUE.equals(row.get("channel_exists", Boolean.class))))
                .all();
    }

    /** Records an attempt's outcome, unless another worker claimed the delivery since (its claim expired). */
    Mono<Void> record(Claimed claimed, Outcome outcome, Instant now, @Nullable Instant next) {
        DatabaseClient.GenericExecuteSpec update = outcome.ok()
                ? db.sql(DELIVERED)
                : db.sql(FAILED)
                        .bind("state", next == null ? "given_up" : "failed")
                        .bind("next", next == null ? now : next)
                        .bind("error", cut(Objects.requireNonNull(outcome.error()), MAX_ERROR));
        if (outcome.ok()) {
            update = update.bind("now", now);
        }
        update = outcome.status() == null ? update.bindNull("status", Integer.class) : update.bind("status", outcome.status());
        update = outcome.response() == null
                ? update.bindNull("response", String.class)
                : update.bind("response", cut(outcome.response(), MAX_RESPONSE));
        return update.bind("id", claimed.id()).bind("attempts", claimed.attempts()).fetch().rowsUpdated().then();
    }

    /** The deliveries of the alerts, of one channel when {@code channelId} is given. */
    Flux<Stored> deliveriesOf(List<String> alertIds, @Nullable String channelId) {
        if (alertIds.isEmpty()) {
            return Flux.empty();
        }
        return db.sql(OF_ALERTS).bind("alerts", alertIds.toArray(String[]::new))
                .map(row -> new Stored(text(row, "id"), text(row, "alert_id"), text(row, "channel_id"), text(row, "url"),
                        text(row, "format"), text(row, "state"), number(row, "attempts"), instant(row, "next_attempt_at"),
                        instant(row, "created_at"), row.get("last_attempt_at", Instant.class), row.get("last_status_code", Integer.class),
                        row.get("last_response", String.class), row.get("last_error", String.class),
                        row.get("delivered_at", Instant.class)))
                .all()
                .filter(d -> channelId == null || d.channelId().equals(channelId));
    }

    private static String cut(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }
}
