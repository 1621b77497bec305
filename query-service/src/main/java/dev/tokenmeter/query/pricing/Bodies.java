package dev.tokenmeter.query.pricing;

import dev.tokenmeter.query.web.BadParameter;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads JSON request bodies field by field, so that every bad field is a 400 naming it. Numbers are
 * read as exact decimals (never through binary floating point).
 */
final class Bodies {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    /** Earliest and latest accepted instants, as for the usage endpoints' from/to. */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    private Bodies() {
    }

    /** The body as a JSON object whose fields are all among {@code known}. */
    static JsonNode object(@Nullable String body, Set<String> known) {
        JsonNode node;
        try {
            node = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (JacksonException e) {
            throw new BadParameter("body", "is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new BadParameter("body", "must be a JSON object");
        }
        for (String name : node.propertyNames()) {
            if (!known.contains(name)) {
                throw new BadParameter(name, "is not a field of this request; known fields: " + String.join(", ", known));
            }
        }
        return node;
    }

    static String text(JsonNode body, String field, int maxLength) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw new BadParameter(field, "is required");
        }
        if (!value.isString() || value.asString().isBlank() || value.asString().length() > maxLength) {
            throw new BadParameter(field, "must be a non-blank string of at most " + maxLength + " characters");
        }
        return value.asString().trim();
    }

    /** A price per 1M tokens: a JSON number, 0 to 1 000 000, at most 6 decimals (so every cost is exact to 1e-12 USD). */
    static @Nullable BigDecimal price(JsonNode body, String field, boolean required) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new BadParameter(field, "is required: USD per 1 000 000 tokens");
            }
            return null;
        }
        if (!value.isNumber()) {
            throw new BadParameter(field, "must be a number: USD per 1 000 000 tokens");
        }
        BigDecimal price = value.decimalValue().stripTrailingZeros();
        if (price.signum() < 0 || price.compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
            throw new BadParameter(field, "must be from 0 to 1000000 (USD per 1 000 000 tokens)");
        }
        if (price.scale() > 6) {
            throw new BadParameter(field, "may have at most 6 decimals");
        }
        return price.scale() < 0 ? price.setScale(0) : price;
    }

    /** An RFC 3339 instant, or a date {@code YYYY-MM-DD} taken as midnight UTC. */
    static Instant instant(JsonNode body, String field) {
        String text = text(body, field, 64);
        Instant instant;
        try {
            instant = text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            throw new BadParameter(field, "must be an RFC 3339 instant such as 2026-01-01T00:00:00Z, or a date YYYY-MM-DD (UTC)");
        }
        if (instant.isBefore(EARLIEST) || !instant.isBefore(LATEST)) {
            throw new BadParameter(field, "must lie in 1970-2199");
        }
        return instant;
    }
}
