package dev.tokenmeter.query.budget;

import dev.tokenmeter.query.ids.Ids;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import dev.tokenmeter.schedule.Periodic;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Delivers the outbox, at least once: every {@code poll-interval} it claims due deliveries (see
 * {@link Outbox#claim}) and makes one attempt at each. A failed attempt is retried after an
 * exponentially growing wait ({@link DeliverySettings#retryDelay}) until {@code give-up-after} has
 * passed since the alert was raised; then the delivery is {@code given_up}. The state lives in the
 * database, so a restart loses nothing, and any number of instances run this worker: claims are
 * disjoint ({@code FOR UPDATE SKIP LOCKED}) and a claimed row stays invisible to the others until its
 * claim expires, which is longer than an attempt may take. Only an instance that dies after a
 * receiver accepted a delivery but before recording it causes a second send, with the same
 * {@code X-Tokenmeter-Delivery} id.
 */
@Component
class DeliveryWorker {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final Outbox outbox;
    private final Alerts alerts;
    private final Webhooks webhooks;
    private final Mailer mailer;
    private final DeliverySettings settings;
    private final Clock clock;
    private final MeterRegistry meters;

    DeliveryWorker(Outbox outbox, Alerts alerts, Webhooks webhooks, Mailer mailer, DeliverySettings settings, Clock clock,
            MeterRegistry meters) {
        this.outbox = outbox;
        this.alerts = alerts;
        this.webhooks = webhooks;
        this.mailer = mailer;
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
    }

    /** Delivers what is due every {@code poll-interval}, unless {@code enabled} is false. */
    @Bean
    Periodic<Long> alertDelivery() {
        return Periodic.every("Alert delivery round", settings.pollInterval(), this::deliverDue)
                .enabled(settings.enabled());
    }

    /** One round: claims what is due and attempts each; answers how many attempts were made. */
    Mono<Integer> deliverDue() {
        Instant now = clock.instant();
        return outbox.claim(now, settings.batchSize(), now.plus(settings.claimTimeout()))
                .flatMap(this::attempt, settings.batchSize())
                .count()
                .map(Long::intValue);
    }

    private Mono<Void> attempt(Outbox.Claimed claimed) {
        return send(claimed)
                .flatMap(outcome -> record(claimed, outcome));
    }

    private Mono<Outbox.Outcome> send(Outbox.Claimed claimed) {
        if (!claimed.channelExists()) {
            return Mono.just(new Outbox.Outcome(null, null, "channel removed"));
        }
        return send(claimed.channel(), claimed.id(), claimed.alertId(), claimed.payload());
    }

    /** One attempt to send a payload to a channel, signed (webhooks) with this instant's timestamp. */
    Mono<Outbox.Outcome> send(Channel channel, String deliveryId, String alertId, String payload) {
        if (channel.format() == Channel.Format.EMAIL) {
            return mailer.send(channel.recipients(), deliveryId, alertId, Mailer.email(payload));
        }
        return Mono.defer(() -> webhooks.send(webhooks.request(channel, deliveryId, payload, clock.instant().getEpochSecond())));
    }

    private Mono<Void> record(Outbox.Claimed claimed, Outbox.Outcome outcome) {
        Instant now = clock.instant();
        Instant next = outcome.ok() || !claimed.channelExists() ? null : nextAttempt(claimed, now);
        String result = outcome.ok() ? "delivered" : next == null ? "given_up" : "failed";
        meters.counter("tokenmeter.alerts.deliveries", "outcome", result, "format", claimed.format().code()).increment();
        if (next == null && !outcome.ok()) {
            log.warn("Delivery {} of alert {} to channel {} given up after {} attempts: {}", claimed.id(), claimed.alertId(),
                    claimed.channelId(), claimed.attempts(), outcome.error());
        }
        // The attempt log (budget_alert_delivery) belongs to budget alerts; a rule's notice keeps its last attempt in the outbox row.
        Mono<Void> log = Ids.isBudget(claimed.sourceId())
                ? alerts.log(new Alerts.Attempt(claimed.alertId(), claimed.channelId(), claimed.url(), claimed.attempts(),
                        outcome.status(), outcome.error(), now))
                : Mono.empty();
        return outbox.record(claimed, outcome, now, next)
                .then(log);
    }

    /** When to try again, or null when the retry horizon has passed. */
    private @Nullable Instant nextAttempt(Outbox.Claimed claimed, Instant now) {
        Instant next = now.plus(settings.retryDelay(claimed.attempts()));
        return next.isAfter(claimed.createdAt().plus(settings.giveUpAfter())) ? null : next;
    }
}
