package dev.tokenmeter.ingest.otlp;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * OTLP/HTTP trace ingest ({@code tokenmeter.ingest.otlp.*}). Each attribute list is searched in
 * order, in the span's attributes first and then in its resource's; the first one present wins.
 *
 * @param maxBody    largest request body AFTER decompression (and before it); larger ones get 413
 *                   without being inflated further than this
 * @param retryAfter what {@code Retry-After} tells an exporter when the broker or the key store did
 *                   not answer (a 503)
 * @param project    attributes that name the event's {@code project}
 * @param user       attributes that name the event's {@code user}
 * @param apiKey     attributes that name the event's {@code apiKey} (a key's id or name, never a secret)
 * @param tags       the allow-list of attributes copied into the event's tags, under their own names
 */
@Validated
@ConfigurationProperties("tokenmeter.ingest.otlp")
public record OtlpSettings(
        @DefaultValue("4MB") DataSize maxBody,
        @DefaultValue("5s") Duration retryAfter,
        @DefaultValue({
                "tokenmeter.project", "service.name"}) List<String> project,
        @DefaultValue({"tokenmeter.user", "user.id", "enduser.id"}) List<String> user,
        @DefaultValue({"tokenmeter.api_key"}) List<String> apiKey,
        @DefaultValue({"deployment.environment.name", "deployment.environment"}) List<String> tags) {
}
