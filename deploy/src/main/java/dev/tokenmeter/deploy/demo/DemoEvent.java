package dev.tokenmeter.deploy.demo;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A usage event as a client publishes it (API.md §1): absent fields are left out, not sent as null.
 *
 * @param user    null for calls without an end user (batch jobs)
 * @param error   null unless {@code status} is {@code error} or {@code timeout}
 * @param costUsd the provider-reported cost, only for models that report it (embeddings); else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DemoEvent(String id, String tenant, Instant time, String provider, String model, String endpoint,
        String project, String apiKey, @Nullable String user, String status, @Nullable Failure error,
        int latencyMs, Tokens usage, @Nullable BigDecimal costUsd, Map<String, String> tags) {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    /** The contract's {@code usage} object. */
    public record Tokens(long inputTokens, long cachedInputTokens, long cacheWriteTokens,
            long outputTokens, long reasoningTokens) {

        static final Tokens NONE = new Tokens(0, 0, 0, 0, 0);
    }

    /** The contract's {@code error} object. */
    public record Failure(String type, String message) {
    }

    /** The record value: UTF-8 JSON. */
    public byte[] toJson() {
        return JSON.writeValueAsString(this).getBytes(StandardCharsets.UTF_8);
    }
}
