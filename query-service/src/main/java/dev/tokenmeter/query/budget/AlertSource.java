package dev.tokenmeter.query.budget;

import reactor.core.publisher.Mono;

/**
 * Something that raises alerts into the {@link Outbox}, with the three verbs the API offers for each of
 * its subjects: evaluate now, dry run and test send. Budgets are one source; usage rules, anomalies and
 * digests ({@code dev.tokenmeter.query.rules}) are others, reusing the outbox, its worker and these verbs
 * through {@link AlertOutbox}.
 *
 * @param <T> what alerts are about (a budget, a rule, ...)
 * @param <D> what a dry run shows
 */
public interface AlertSource<T, D> {

    /** Evaluates the subject now and raises what is due; answers how many alerts notify. */
    Mono<Integer> evaluate(T subject);

    /** What evaluating now would send, each channel's payload exactly, without sending or recording anything. */
    Mono<D> dryRun(T subject);

    /** Sends a message marked as a test to one channel of the subject now, recording nothing; empty when no such channel. */
    Mono<TestSend> test(T subject, String channelId);

    /**
     * The outcome of a test send.
     *
     * @param deliveryId the {@code X-Tokenmeter-Delivery} it carried
     * @param statusCode the HTTP status, or 250 when the SMTP server accepted the email; null when no answer came
     * @param error      why it failed; null when it was delivered
     */
    record TestSend(String channelId, String format, String deliveryId, boolean delivered,
            @org.jspecify.annotations.Nullable Integer statusCode,
            @org.jspecify.annotations.Nullable String response, @org.jspecify.annotations.Nullable String error) {
    }
}
