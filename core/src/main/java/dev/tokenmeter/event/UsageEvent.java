package dev.tokenmeter.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One metered LLM/API call: the validated form of the contract's usage event.
 *
 * <p>{@code (tenant, id)} is the idempotency key. {@code endpoint} is {@code "unknown"} when the
 * publisher sent none. {@code costUsd} is the provider-reported cost, or null when the publisher
 * sent none (the price catalog then decides). {@code tags} is never null and keeps its keys sorted.
 */
public record UsageEvent(
        String id,
        String tenant,
        Instant time,
        String provider,
        String model,
        String endpoint,
        @Nullable String project,
        @Nullable String apiKey,
        @Nullable String user,
        Status status,
        @Nullable EventError error,
        @Nullable Integer latencyMs,
        Usage usage,
        @Nullable BigDecimal costUsd,
        Map<String, String> tags) {

    public static final String UNKNOWN_ENDPOINT = "unknown";
}
