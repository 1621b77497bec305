package dev.tokenmeter.query.pricing;

import dev.tokenmeter.pricing.Price;
import dev.tokenmeter.query.web.BadParameter;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code PUT /api/v1/prices}: {@code {provider, model, effectiveFrom, input, output,
 * cachedInput?, cacheWrite?, reasoning?}}, prices in USD per 1 000 000 tokens. Provider and model
 * are stored lower-cased, as they match events case-insensitively.
 */
final class OverrideRequest {

    static final Set<String> FIELDS = Set.of("provider", "model", "effectiveFrom", "input", "output",
            "cachedInput", "cacheWrite", "reasoning");
    private static final Pattern NAME = Pattern.compile("[^\\p{Cntrl}]+");

    private OverrideRequest() {
    }

    static Price parse(@Nullable String body) {
        JsonNode json = Bodies.object(body, FIELDS);
        String provider = name(json, "provider", 64);
        String model = name(json, "model", 256);
        return new Price(provider, model, Bodies.instant(json, "effectiveFrom"),
                java.util.Objects.requireNonNull(Bodies.price(json, "input", true)),
                java.util.Objects.requireNonNull(Bodies.price(json, "output", true)),
                Bodies.price(json, "cachedInput", false), Bodies.price(json, "cacheWrite", false),
                Bodies.price(json, "reasoning", false), null);
    }

    private static String name(JsonNode json, String field, int maxLength) {
        String value = Bodies.text(json, field, maxLength);
        if (!NAME.matcher(value).matches()) {
            throw new BadParameter(field, "must not contain control characters");
        }
        return value.toLowerCase(Locale.ROOT);
    }
}
