package dev.tokenmeter.query.budget;

import static dev.tokenmeter.query.budget.Rows.instant;
import static dev.tokenmeter.query.budget.Rows.number;
import static dev.tokenmeter.query.budget.Rows.text;

import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Raised alerts and their delivery log (tables {@code budget_alert}, {@code budget_alert_delivery}). */
@Component
class Alerts {

    private static final String RAISED_IN = """
            SELECT id, kind, threshold FROM budget_alert WHERE budget_id = :budget AND period_start = :periodStart""";
    private static final String COLUMNS = """
            SELECT id, tenant, budget_id, period_start, period_end, kind, threshold, share, raised_at, notified, body::text AS body
            FROM budget_alert""";
    private static final String NEWEST_FIRST = " ORDER BY raised_at DESC, threshold DESC, kind, id LIMIT :limit";
    private static final String OF_BUDGET = " AND budget_id = :budget";
    private static final String TO_CHANNEL = " AND EXISTS (SELECT 1 FROM alert_delivery d WHERE d.alert_id = budget_alert.id AND d.channel_id = :channel)";
    private static final String BY_ID = COLUMNS + " WHERE tenant = :tenant AND id = :id";
    private static final String LOG = """
            INSERT INTO budget_alert_delivery (alert_id, channel_id, url, attempt, status_code, error, attempted_at)
            VALUES (:alert, :channel, :url, :attempt, :status, :error, :at)""";
    private static final String DELIVERIES = """
            SELECT alert_id, channel_id, url, attempt, status_code, error, attempted_at FROM budget_alert_delivery
            WHERE alert_id = ANY(:alerts) ORDER BY alert_id, attempted_at, channel_id, attempt""";
    private static final int MAX_ERROR = 1000;

    /**
     * A raised alert as stored; {@code body} is the JSON delivered.
     *
     * @param notified false when it was recorded without notifying (covered by a higher threshold under the daily policy)
     */
    record Stored(String id, String tenant, String budgetId, AlertKey key, Instant periodStart, Instant periodEnd,
            BigDecimal share, Instant raisedAt, boolean notified, String body) {
    }

    /**
     * One attempt to deliver an alert to a channel.
     *
     * @param statusCode the HTTP status answered; null when none came (timeout, connection refused)
     * @param error      why the attempt failed (an answer other than 2xx, or none); null when it succeeded
     */
    record Attempt(String alertId, String channelId, String url, int attempt, @Nullable Integer statusCode,
            @Nullable String error, Instant attemptedAt) {

        boolean ok() {
            return error == null;
        }
    }

    /** An alert already raised in a period. */
    record Raised(String id, AlertKey key) {
    }

    private final DatabaseClient db;

    Alerts(DatabaseClient db) {
        this.db = db;
    }

    Flux<Raised> raisedIn(String budgetId, Instant periodStart) {
        return db.sql(RAISED_IN)
                .bind("budget", budgetId)
                .bind("periodStart", periodStart)
                .map(row -> new Raised(text(row, "id"), new AlertKey(AlertKey.Kind.fromCode(text(row, "kind")), number(row, "threshold"))))
                .all();
    }

    Mono<Void> log(Attempt attempt) {
        DatabaseClient.GenericExecuteSpec insert = db.sql(LOG)
                .bind("alert", attempt.alertId())
                .bind("channel", attempt.channelId())
                .bind("url", attempt.url())
                .bind("attempt", attempt.attempt())
                .bind("at", attempt.attemptedAt());
        insert = attempt.statusCode() == null ? insert.bindNull("status", Integer.class) : insert.bind("status", attempt.statusCode());
        insert = attempt.error() == null
                ? insert.bindNull("error", String.class)
                : insert.bind("error", attempt.error().length() > MAX_ERROR ? attempt.error().substring(0, MAX_ERROR) : attempt.error());
        return insert.fetch().rowsUpdated().then();
    }

    /**
     * A tenant's alerts, newest first; of one budget when {@code budgetId} is given, and only those
     * delivered (or to be delivered) to a channel when {@code channelId} is given.
     */
    Flux<Stored> list(String tenant, @Nullable String budgetId, @Nullable String channelId, int limit) {
        String sql = COLUMNS + " WHERE tenant = :tenant" + (budgetId == null ? "" : OF_BUDGET)
                + (channelId == null ? "" : TO_CHANNEL) + NEWEST_FIRST;
        DatabaseClient.GenericExecuteSpec query = db.sql(sql).bind("tenant", tenant);
        query = budgetId == null ? query : query.bind("budget", budgetId);
        query = channelId == null ? query : query.bind("channel", channelId);
        return query.bind("limit", limit).map(Alerts::stored).all();
    }

    Mono<Stored> find(String tenant, String id) {
        return db.sql(BY_ID).bind("tenant", tenant).bind("id", id).map(Alerts::stored).one();
    }

    /** Every delivery attempt of the alerts, in the order they happened. */
    Flux<Attempt> attempts(List<String> alertIds) {
        if (alertIds.isEmpty()) {
            return Flux.empty();
        }
        return db.sql(DELIVERIES)
                .bind("alerts", alertIds.toArray(String[]::new))
                .map(row -> new Attempt(text(row, "alert_id"), text(row, "channel_id"), text(row, "url"), number(row, "attempt"),
                        row.get("status_code", Integer.class), row.get("error", String.class), instant(row, "attempted_at")))
                .all();
    }

    private static Stored stored(Readable row) {
        return new Stored(text(row, "id"), text(row, "tenant"), text(row, "budget_id"),
                new AlertKey(AlertKey.Kind.fromCode(text(row, "kind")), number(row, "threshold")),
                instant(row, "period_start"), instant(row, "period_end"),
                Objects.requireNonNull(row.get("share", BigDecimal.class)), instant(row, "raised_at"),
                Boolean.TRUE.equals(row.get("notified", Boolean.class)), text(row, "body"));
    }
}
