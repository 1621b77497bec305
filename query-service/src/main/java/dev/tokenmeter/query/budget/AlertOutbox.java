package dev.tokenmeter.query.budget;

import dev.tokenmeter.query.ids.Ids;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The alert outbox as other alert sources (usage rules, anomaly watches, digests) use it: they queue
 * deliveries that the {@link DeliveryWorker} sends at least once, exactly as it sends budgets' alerts
 * (same retries, same {@code X-Tokenmeter-Delivery}, same signatures and outbound guard), preview the
 * signed request, and send a test now. A source's channels live in its own table, shaped as
 * {@code budget_channel}; the worker reads a delivery's destination and secret from either.
 */
@Component
public class AlertOutbox {

    private static final String ENQUEUE = """
            INSERT INTO alert_delivery (id, alert_id, tenant, source_id, channel_id, url, format, payload, state, next_attempt_at, created_at)
            VALUES (:id, :alert, :tenant, :source, :channel, :url, :format, :payload, 'pending', :due, :due)""";

    /** A channel of any source: {@code url} is the webhook or {@code mailto:} the recipients; format json, slack or email. */
    public record Target(String id, URI url, String format, @Nullable String secret) {
    }

    /** One delivery to queue: what the channel receives, rendered once (for email, {@link #emailPayload}). */
    public record Delivery(String channelId, String url, String format, String payload) {
    }

    /**
     * What an attempt got.
     *
     * @param status the HTTP status, or 250 when the SMTP server accepted; null when no answer came
     * @param error  why it failed, in words safe to show the tenant; null on success
     */
    public record Outcome(@Nullable Integer status, @Nullable String response, @Nullable String error) {
    }

    /** A delivery as the outbox holds it. */
    public record DeliveryState(String id, String alertId, String channelId, String format, String state, int attempts,
            @Nullable Instant lastAttemptAt, @Nullable Integer lastStatusCode, @Nullable String lastError,
            @Nullable Instant deliveredAt) {
    }

    private final DatabaseClient db;
    private final Outbox outbox;
    private final DeliveryWorker worker;
    private final Webhooks webhooks;
    private final java.time.Clock clock;

    AlertOutbox(DatabaseClient db, Outbox outbox, DeliveryWorker worker, Webhooks webhooks, java.time.Clock clock) {
        this.clock = clock;
        this.db = db;
        this.outbox = outbox;
        this.worker = worker;
        this.webhooks = webhooks;
    }

    /** A new {@code X-Tokenmeter-Delivery} id. */
    public static String newDeliveryId() {
        return Ids.delivery();
    }

    /** The payload of an email channel's delivery: subject, a plain-text and an HTML part. */
    public static String emailPayload(String subject, String text, String html) {
        return Mailer.payload(new AlertEmail(subject, text, html));
    }

    /**
     * Queues the deliveries of an alert, due at {@code due}; joins the caller's transaction, so an alert
     * recorded in it is never without its deliveries.
     *
     * @param sourceId the rule (or budget) that raised the alert
     */
    public Mono<Void> enqueue(String alertId, String tenant, String sourceId, List<Delivery> deliveries, Instant due) {
        return Flux.fromIterable(deliveries)
                .concatMap(d -> db.sql(ENQUEUE)
                        .bind("id", Ids.delivery()).bind("alert", alertId).bind("tenant", tenant).bind("source", sourceId)
                        .bind("channel", d.channelId()).bind("url", d.url()).bind("format", d.format()).bind("payload", d.payload())
                        .bind("due", due)
                        .fetch().rowsUpdated())
                .then();
    }

    /** The headers a webhook delivery would carry now, signed (for a dry run). */
    public Map<String, String> headers(Target target, String deliveryId, String payload) {
        return webhooks.request(channel(target), deliveryId, payload, clock.instant().getEpochSecond()).headers();
    }

    /** One attempt now, recording nothing (a test send). */
    public Mono<Outcome> sendNow(Target target, String deliveryId, String alertId, String payload) {
        return worker.send(channel(target), deliveryId, alertId, payload)
                .map(o -> new Outcome(o.status(), o.response(), o.error()));
    }

    /** The deliveries of the alerts. */
    public Flux<DeliveryState> deliveries(List<String> alertIds) {
        return outbox.deliveriesOf(alertIds, null)
                .map(d -> new DeliveryState(d.id(), d.alertId(), d.channelId(), d.format(), d.state(), d.attempts(), d.lastAttemptAt(),
                        d.lastStatusCode(), d.lastError(), d.deliveredAt()));
    }

    private static Channel channel(Target t) {
        return new Channel(t.id(), t.url(), Channel.Format.fromCode(t.format()), t.secret());
    }
}
