package dev.tokenmeter.query.budget;

import dev.tokenmeter.query.outbound.OutboundGuard;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhook requests: their bodies (the alert's JSON, or Slack's {@code {"text": ...}}), headers and
 * signature, and one attempt to send one. Every request carries {@code X-Tokenmeter-Delivery} (the
 * same on every retry of a delivery, so receivers deduplicate) and is signed afresh with the
 * attempt's own {@code X-Tokenmeter-Timestamp} (see {@link Signature}). Every request goes through the
 * {@link OutboundGuard}: a destination it refuses is never contacted, and the outcome says why in words
 * that name no internal address (the service log has the details).
 */
@Component
class Webhooks {

    private static final Logger log = LoggerFactory.getLogger(Webhooks.class);
    static final String USER_AGENT = "Tokenmeter-Webhooks/1";
    static final String DELIVERY_HEADER = "X-Tokenmeter-Delivery";
    private static final int MAX_RESPONSE = 500;

    /** One HTTP request to a channel, exactly as it is (or would be) sent. */
    record Request(String channelId, String url, String format, Map<String, String> headers, String body) {
    }

    private final OutboundGuard guard;
    private final DeliverySettings settings;
    private final WebClient web;
    private final JsonMapper json = JsonMapper.builder().build();

    Webhooks(OutboundGuard guard, DeliverySettings settings, WebClient webhookWebClient) {
        this.guard = guard;
        this.settings = settings;
        this.web = webhookWebClient;
    }

    /** The body a webhook channel receives for an alert. */
    String payload(Alert alert, Channel.Format format) {
        return format == Channel.Format.JSON ? alert.json() : json.writeValueAsString(Map.of("text", alert.body().text()));
    }

    /** The request for a delivery, signed with a timestamp in Unix seconds. */
    Request request(Channel channel, String deliveryId, String body, long timestamp) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE);
        headers.put(HttpHeaders.USER_AGENT, USER_AGENT);
        headers.put(DELIVERY_HEADER, deliveryId);
        headers.put(Signature.TIMESTAMP_HEADER, Long.toString(timestamp));
        if (channel.secret() != null) {
            headers.put(Signature.SIGNATURE_HEADER, Signature.sign(channel.secret(), timestamp, body));
        }
        return new Request(channel.id(), channel.url().toString(), channel.format().code(), headers, body);
    }

    /** One attempt; checked by the guard at send time, since the allow-list may have changed since the channel was saved. */
    Mono<Outbox.Outcome> send(Request request) {
        URI url = URI.create(request.url());
        return Mono.fromRunnable(() -> guard.check(url))
                .then(Mono.defer(() -> post(url, request)))
                .onErrorResume(e -> Mono.just(new Outbox.Outcome(null, null, failure(request, e))));
    }

    private Mono<Outbox.Outcome> post(URI url, Request request) {
        return web.post()
                .uri(url)
                .headers(headers -> request.headers().forEach(headers::set))
                .bodyValue(request.body())
                .exchangeToMono(response -> response.bodyToMono(byte[].class)
                        .map(bytes -> excerpt(bytes))
                        .defaultIfEmpty("")
                        .map(text -> outcome(response.statusCode().value(), text)))
                .timeout(settings.timeout());
    }

    private static String excerpt(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, MAX_RESPONSE * 4), StandardCharsets.UTF_8);
        return text.length() > MAX_RESPONSE ? text.substring(0, MAX_RESPONSE) : text;
    }

    private static Outbox.Outcome outcome(int status, @Nullable String response) {
        return new Outbox.Outcome(status, response, status >= 200 && status < 300 ? null : "HTTP " + status);
    }

    /** The tenant sees the general reason; the operator's log gets the error itself. */
    private static String failure(Request request, Throwable e) {
        String reason = OutboundGuard.describe(e);
        log.info("Delivery to channel {} failed ({}): {}", request.channelId(), reason, e.toString());
        return reason;
    }
}
