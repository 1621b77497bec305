package dev.tokenmeter.query.log;

import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.json.JsonMapper;

/**
 * One stored usage event as the log shows it, in the contract's field names.
 *
 * @param error       null when the event carries no error type or message
 * @param latencyMs   null when the publisher reported none
 * @param totalTokens inputTokens + outputTokens (cached, cache-write and reasoning tokens are
 *                    already inside those two)
 * @param costUsd     exact, written as a plain JSON number (never an exponent)
 * @param model       null for a call without a model (API.md §4)
 * @param serviceTier standard, batch, flex or priority
 * @param usage       token counts, and {@code units} ({@code usage.units}) when the event sent any
 * @param unitCosts   what each priced unit cost (part of costUsd); a unit sent but missing here is unpriced
 */
record LogEvent(String id, String tenant, Instant time, String provider, @Nullable String model, String endpoint,
        @Nullable String project, @Nullable String apiKey, @Nullable String user, String status,
        @Nullable Failure error, @Nullable Integer latencyMs, Tokens usage, long totalTokens,
        @JsonSerialize(using = PlainDecimal.class) BigDecimal costUsd, boolean priced, String costSource,
        @Nullable String priceRef, Map<String, Object> tags, String serviceTier,
        @Nullable Map<String, Object> unitCosts) {

    /** What the log selects from {@code usage_event} to build an event. */
    static final String COLUMNS = """
            tenant, id, event_time, provider, model, endpoint, project, api_key, user_id, status, error_type,
            error_message, latency_ms, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens,
            reasoning_tokens, cost_usd, priced, cost_source, price_ref, tags::text AS tags, service_tier,
            units::text AS units, unit_costs::text AS unit_costs""";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> TAGS = new TypeReference<>() {
    };

    record Failure(@Nullable String type, @Nullable String message) {
    }

    record Tokens(long inputTokens, long cachedInputTokens, long cacheWriteTokens, long outputTokens, long reasoningTokens,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) @Nullable Map<String, Object> units) {
    }

    static LogEvent of(Readable row) {
        String errorType = row.get("error_type", String.class);
        String errorMessage = row.get("error_message", String.class);
        Tokens usage = new Tokens(number(row, "input_tokens"), number(row, "cached_input_tokens"),
                number(row, "cache_write_tokens"), number(row, "output_tokens"), number(row, "reasoning_tokens"),
                json(row, "units"));
        return new LogEvent(
                required(row, "id", String.class),
                required(row, "tenant", String.class),
                required(row, "event_time", Instant.class),
                required(row, "provider", String.class),
                row.get("model", String.class),
                required(row, "endpoint", String.class),
                row.get("project", String.class),
                row.get("api_key", String.class),
                row.get("user_id", String.class),
                required(row, "status", String.class),
                errorType == null && errorMessage == null ? null : new Failure(errorType, errorMessage),
                row.get("latency_ms", Integer.class),
                usage,
                usage.inputTokens() + usage.outputTokens(),
                money(required(row, "cost_usd", BigDecimal.class)),
                required(row, "priced", Boolean.class),
                required(row, "cost_source", String.class),
                row.get("price_ref", String.class),
                JSON.readValue(required(row, "tags", String.class), TAGS),
                required(row, "service_tier", String.class),
                json(row, "unit_costs"));
    }

    private static @Nullable Map<String, Object> json(Readable row, String column) {
        String json = row.get(column, String.class);
        return json == null ? null : JSON.readValue(json, TAGS);
    }

    /** The amount without trailing zeros: 0.000321, not 0.000321000000. */
    static BigDecimal money(BigDecimal usd) {
        BigDecimal stripped = usd.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static long number(Readable row, String column) {
        return required(row, column, Long.class);
    }

    private static <T> T required(Readable row, String column, Class<T> type) {
        T value = row.get(column, type);
        if (value == null) {
            throw new IllegalStateException("usage_event." + column + " is NOT NULL but was read as null");
        }
        return value;
    }

    /** Writes a decimal as a plain JSON number: 0.000000000001 rather than 1E-12. */
    static final class PlainDecimal extends ValueSerializer<BigDecimal> {

        @Override
        public void serialize(BigDecimal value, JsonGenerator generator, SerializationContext context) {
            generator.writeNumber(value.toPlainString());
        }
    }
}
