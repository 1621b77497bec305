package dev.tokenmeter.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One metered LLM/API call: the validated form of the contract's usage event.
 *
 * <p>{@code (tenant, id)} is the idempotency key. {@code model} is null for a call that is not a
 * model call (a search or weather API, API.md §4). {@code endpoint} is {@code "unknown"} when the
 * publisher sent none. {@code costUsd} is the provider-reported cost, or null when the publisher
 * sent none (the price catalog then decides). {@code tags} is never null and keeps its keys sorted.
 * {@code serviceTier} is {@link ServiceTier#STANDARD} unless sent; {@code units} ({@code usage.units}:
 * billable quantities that are not text tokens) is never null, empty when none were sent, sorted by name.
 */
public record UsageEvent(
        String id,
        String tenant,
        Instant time,
        String provider,
        @Nullable String model,
        String endpoint,
        @Nullable String project,
        @Nullable String apiKey,
        @Nullable String user,
        Status status,
        @Nullable EventError error,
        @Nullable Integer latencyMs,
        Usage usage,
        @Nullable BigDecimal costUsd,
        Map<String, String> tags,
        ServiceTier serviceTier,
        Map<String, Long> units) {

    public static final String UNKNOWN_ENDPOINT = "unknown";

    /** An event on the standard tier without units, as every event was before API.md §4. */
    public UsageEvent(String id, String tenant, Instant time, String provider, @Nullable String model, String endpoint,
            @Nullable String project, @Nullable String apiKey, @Nullable String user, Status status,
            @Nullable EventError error, @Nullable Integer latencyMs, Usage usage, @Nullable BigDecimal costUsd,
            Map<String, String> tags) {
        this(id, tenant, time, provider, model, endpoint, project, apiKey, user, status, error, latencyMs, usage, costUsd,
                tags, ServiceTier.STANDARD, Map.of());
    }
}
