package dev.tokenmeter.query.log;

import dev.tokenmeter.query.web.BadParameter;
import dev.tokenmeter.query.web.CamelCaseParam;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * The orders the event log can be read in: the allow-list that maps the API's {@code sort} values
 * ({@link #param()}: time, cost, totalTokens, ...) to SQL expressions. Only these expressions ever reach SQL.
 * Ties are broken by {@code event_time}, then {@code id}, in the same direction, so every row has one place in the
 * order.
 */
enum LogSort implements CamelCaseParam {
    TIME("event_time", null), COST("cost_usd", BigDecimal.class), TOTAL_TOKENS("(input_tokens + output_tokens)",
            Long.class), INPUT_TOKENS("input_tokens", Long.class), OUTPUT_TOKENS("output_tokens", Long.class),
    /** Nullable: events without a latency come last in both orders. */
    LATENCY("latency_ms", Integer.class),
    /** Code point order (COLLATE "C", the same on every database); events without a project come last in both orders. */
    PROJECT("project COLLATE \"C\"", String.class),
    /** Code point order; events without a model (API.md §4) come last in both orders. */
    MODEL("model COLLATE \"C\"", String.class);

    private final String expression;
    private final @Nullable Class<?> type;

    LogSort(String expression, @Nullable Class<?> type) {
        this.expression = expression;
        this.type = type;
    }

    /** The sort key over {@code usage_event}, selected as {@code sort_value}; event_time itself for {@link #TIME}. */
    String expression() {
        return expression;
    }

    /** Whether the sort key is a column of its own, beside the event_time / id tie-breakers. */
    boolean hasValue() {
        return type != null;
    }

    boolean nullable() {
        return this == LATENCY || this == PROJECT || this == MODEL;
    }

    /** The sort key of a row selected with {@code sort_value}. */
    @Nullable
    Object valueOf(Readable row) {
        return type == null ? null : row.get("sort_value", type);
    }

    /** The sort key as cursor text: text keys as base64url, since a project or model may hold the cursor's newline. */
    String format(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof String text) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }
        return value.toString();
    }

    /** The sort key from its cursor text ({@link #format}); throws when it is not one. */
    Object parseValue(String text) {
        if (type == BigDecimal.class) {
            return new BigDecimal(text);
        }
        if (type == Long.class) {
            return Long.parseLong(text);
        }
        if (type == Integer.class) {
            return Integer.parseInt(text);
        }
        if (type == String.class) {
            return new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
        }
        throw new IllegalArgumentException("sort " + param() + " has no value of its own");
    }

    static LogSort parse(@Nullable String value) {
        return value == null ? TIME : BadParameter.oneOf("sort", values(), LogSort::param, value);
    }
}
