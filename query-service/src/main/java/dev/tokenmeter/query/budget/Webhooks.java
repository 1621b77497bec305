package dev.tokenmeter.query.budget;

import dev.tokenmeter.query.outbound.OutboundGuard;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers alerts to webhooks: a POST per channel, signed (see {@link Signature}), retried with
 * exponential backoff until a 2xx answer or the last attempt, every attempt written to the
 * delivery log. Every request goes through the {@link OutboundGuard}: a destination it refuses is
 * never contacted, and the delivery log says why in words that name no internal address (the
 * service log has the details). At-most-once per attempt from this side; a receiver that answered
 * 2xx too late to be seen gets the alert again on the next attempt, so receivers deduplicate on the
 * alert's id.
 */
@Component
class Webhooks {

    private static final Logger log = LoggerFactory.getLogger(Webhooks.class);
    static final String USER_AGENT = "Tokenmeter-Webhooks/1";

    /** One HTTP request to a channel, exactly as it is (or would be) sent. */
    record Request(String channelId, String url, String format, Map<String, String> headers, String body) {
    }

    /** An attempt that did not get a 2xx answer; retried until the attempts run out. */
    static final class DeliveryFailed extends RuntimeException {
        DeliveryFailed(Alerts.Attempt attempt) {
            super("attempt " + attempt.attempt() + " to " + attempt.url() + " failed: "
                    + (attempt.error() != null ? attempt.error() : "HTTP " + attempt.statusCode()), null, false, false);
        }
    }

    private final Alerts alerts;
    private final BudgetSettings settings;
    private final Clock clock;
    private final MeterRegistry meters;
    private final OutboundGuard guard;
    private final WebClient web;
    private final JsonMapper json = JsonMapper.builder().build();

    Webhooks(Alerts alerts, BudgetSettings settings, Clock clock, MeterRegistry meters, OutboundGuard guard) {
        this.alerts = alerts;
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
        this.guard = guard;
        this.web = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(guard.httpClient().responseTimeout(settings.deliveryTimeout())))
                .build();
    }

    /** The request for a channel, signed with a timestamp in Unix seconds. */
    Request request(Alert alert, Channel channel, long timestamp) {
        String body = channel.format() == Channel.Format.JSON
                ? alert.json()
                : json.writeValueAsString(Map.of("text", alert.body().text()));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE);
        headers.put(HttpHeaders.USER_AGENT, USER_AGENT);
        headers.put(Signature.TIMESTAMP_HEADER, Long.toString(timestamp));
        if (channel.secret() != null) {
            headers.put(Signature.SIGNATURE_HEADER, Signature.sign(channel.secret(), timestamp, body));
        }
        return new Request(channel.id(), channel.url().toString(), channel.format().code(), headers, body);
    }

    /** Delivers to every channel of the alert's budget at once; completes when each has succeeded or given up. */
    Mono<Void> deliver(Alert alert) {
        return Flux.fromIterable(alert.budget().channels())
                .flatMap(channel -> deliver(alert, channel))
                .then();
    }

    private Mono<Boolean> deliver(Alert alert, Channel channel) {
        AtomicInteger attempts = new AtomicInteger();
        return Mono.defer(() -> attempt(alert, channel, attempts.incrementAndGet()))
                .retryWhen(retry())
                .thenReturn(true)
                .doOnNext(delivered -> meters.counter("tokenmeter.budget.deliveries", "outcome", "delivered").increment())
                .onErrorResume(e -> gaveUp(alert, channel, e));
    }

    /** Only a failed delivery is retried: an error writing the log must not send the alert again. */
    private Retry retry() {
        return Retry.backoff(settings.deliveryAttempts() - 1L, settings.firstRetryDelay())
                .multiplier(settings.retryMultiplier())
                .jitter(0)
                .filter(DeliveryFailed.class::isInstance);
    }

    private Mono<Void> attempt(Alert alert, Channel channel, int number) {
        Request request = request(alert, channel, clock.instant().getEpochSecond());
        return send(request)
                .map(status -> attempt(alert, channel, number, status, null))
                .onErrorResume(e -> Mono.just(attempt(alert, channel, number, null, failure(channel, e))))
                .flatMap(attempt -> alerts.log(attempt).thenReturn(attempt))
                .flatMap(attempt -> attempt.ok() ? Mono.empty() : Mono.error(new DeliveryFailed(attempt)));
    }

    /** Checked again at send time: the allow-list may have changed since the channel was saved. */
    private Mono<Integer> send(Request request) {
        URI url = URI.create(request.url());
        return Mono.fromRunnable(() -> guard.check(url))
                .then(Mono.defer(() -> post(url, request)));
    }

    private Mono<Integer> post(URI url, Request request) {
        return web.post()
                .uri(url)
                .headers(headers -> request.headers().forEach(headers::set))
                .bodyValue(request.body())
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()))
                .timeout(settings.deliveryTimeout());
    }

    private Alerts.Attempt attempt(Alert alert, Channel channel, int number, @Nullable Integer status, @Nullable String error) {
        String failure = error == null && status != null && (status < 200 || status >= 300) ? "HTTP " + status : error;
        return new Alerts.Attempt(alert.id(), channel.id(), channel.url().toString(), number, status, failure, clock.instant());
    }

    /** The tenant sees the general reason; the operator's log gets the error itself. */
    private static String failure(Channel channel, Throwable e) {
        String reason = OutboundGuard.describe(e);
        log.info("Delivery to channel {} failed ({}): {}", channel.id(), reason, e.toString());
        return reason;
    }

    private Mono<Boolean> gaveUp(Alert alert, Channel channel, Throwable e) {
        log.warn("Alert {} of budget {} was not delivered to channel {}: {}", alert.id(), alert.budget().id(), channel.id(),
                e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
        meters.counter("tokenmeter.budget.deliveries", "outcome", "failed").increment();
        return Mono.just(false);
    }
}
