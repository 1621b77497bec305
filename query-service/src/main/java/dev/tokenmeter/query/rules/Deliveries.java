package dev.tokenmeter.query.rules;

import dev.tokenmeter.query.budget.AlertOutbox;
import dev.tokenmeter.query.budget.AlertSource;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A notice's deliveries through the budgets' alert outbox: one per channel, with what that channel
 * receives (a JSON webhook the notice's JSON, Slack {@code {"text": ...}}, email a plain-text and an
 * HTML part), delivered at least once by the outbox's worker with {@code X-Tokenmeter-Delivery}.
 */
@Component
record Deliveries(AlertOutbox outbox, Clock clock) {

    /**
     * What one channel would receive. For a webhook {@code headers} and {@code body} are the POST as it
     * would go out, signed; for email {@code url} is {@code mailto:} the recipients and {@code body} the
     * rendered email as JSON ({@code subject}, {@code text}, {@code html}).
     */
    record NoticePreview(String channelId, String format, String url, Map<String, String> headers, String body) {
    }

    /** A delivery of a notice to a channel as the outbox holds it. */
    record State(String deliveryId, String noticeId, String channelId, String format, String state, int attempts,
            @Nullable Instant lastAttemptAt, @Nullable Integer lastStatusCode, @Nullable String lastError,
            @Nullable Instant deliveredAt) {
    }

    /** Queues the notice for each of its rule's channels; joins the caller's transaction. */
    Mono<Void> enqueue(Notice notice) {
        List<AlertOutbox.Delivery> deliveries = notice.rule().channels().stream()
                .map(c -> new AlertOutbox.Delivery(c.id(), c.url().toString(), c.format(), payload(notice, c)))
                .toList();
        return outbox.enqueue(notice.id(), notice.rule().tenant(), notice.rule().id(), deliveries, clock.instant());
    }

    List<NoticePreview> previews(Notice notice) {
        return notice.rule().channels().stream()
                .map(c -> {
                    String body = payload(notice, c);
                    Map<String, String> headers = c.isEmail() ? Map.of() : outbox.headers(target(c), "dlv_preview", body);
                    return new NoticePreview(c.id(), c.format(), c.url().toString(), headers, body);
                })
                .toList();
    }

    /** Sends the notice to the channel now, once, recording nothing. */
    Mono<AlertSource.TestSend> test(Notice notice, RuleChannel channel) {
        String deliveryId = AlertOutbox.newDeliveryId();
        return outbox.sendNow(target(channel), deliveryId, notice.id(), payload(notice, channel))
                .map(o -> new AlertSource.TestSend(channel.id(), channel.format(), deliveryId, o.error() == null, o.status(), o.response(),
                        o.error()));
    }

    /** The deliveries of the notices. */
    Mono<List<State>> states(List<String> noticeIds) {
        return outbox.deliveries(noticeIds)
                .map(d -> new State(d.id(), d.alertId(), d.channelId(), d.format(), d.state(), d.attempts(), d.lastAttemptAt(),
                        d.lastStatusCode(), d.lastError(), d.deliveredAt()))
                .collectList();
    }

    static String payload(Notice notice, RuleChannel channel) {
        return switch (channel.format()) {
            case "json" -> notice.json();
            case "slack" -> RuleEvaluator.JSON.writeValueAsString(Map.of("text", notice.message().slack()));
            default -> AlertOutbox.emailPayload(notice.message().subject(), notice.message().text(), notice.message().html());
        };
    }

    private static AlertOutbox.Target target(RuleChannel c) {
        return new AlertOutbox.Target(c.id(), c.url(), c.format(), c.secret());
    }
}
