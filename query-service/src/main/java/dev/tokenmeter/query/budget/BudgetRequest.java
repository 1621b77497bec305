package dev.tokenmeter.query.budget;

import dev.tokenmeter.query.usage.Dimension;
import dev.tokenmeter.query.usage.Filters;
import dev.tokenmeter.query.web.BadParameter;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.zone.ZoneRulesProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and checks the body of {@code POST /budgets} and {@code PUT /budgets/{id}}; every mistake is
 * a 400 naming the field ({@code limitUsd}, {@code scope.project}, {@code channels[0].url}, ...).
 * Unknown fields are refused, except the read-only ones a client may send back from a GET.
 */
final class BudgetRequest {

    /** A budget as asked for, checked. */
    record Spec(String name, Map<String, List<String>> scope, PeriodUnit period, ZoneId zone, Limit limit,
            List<Integer> thresholds, boolean forecast, boolean hard, NotifyPolicy notifyPolicy,
            List<ChannelRequest.ChannelSpec> channels) {
    }

    static final List<Integer> DEFAULT_THRESHOLDS = List.of(50, 80, 100);
    static final int MAX_NAME = 128;
    static final int MAX_THRESHOLDS = 10;
    static final int MAX_THRESHOLD = 1000;
    private static final BigDecimal MAX_USD = new BigDecimal("1000000000000");
    private static final long MAX_TOKENS = 1_000_000_000_000_000L;
    private static final Set<String> FIELDS = Set.of("name", "scope", "period", "tz", "limitUsd", "limitTokens",
            "thresholds", "forecast", "hard", "notify", "channels");
    private static final Set<String> READ_ONLY = Set.of("id", "tenant", "createdAt", "updatedAt");
    private static final Set<String> ZONES = ZoneRulesProvider.getAvailableZoneIds();
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private BudgetRequest() {
    }

    static Spec parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new BadParameter("body", "is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadParameter("body", "must be a JSON object");
        }
        knownFields(root, "", FIELDS, READ_ONLY);
        return new Spec(name(root.get("name")), scope(root.get("scope")), period(root.get("period")), zone(root.get("tz")),
                limit(root.get("limitUsd"), root.get("limitTokens")), thresholds(root.get("thresholds")),
                bool(root.get("forecast"), "forecast", true), bool(root.get("hard"), "hard", false), notify(root.get("notify")),
                ChannelRequest.parse(root.get("channels")));
    }

    static void knownFields(JsonNode object, String prefix, Set<String> fields, Set<String> ignored) {
        for (String field : object.propertyNames()) {
            if (!fields.contains(field) && !ignored.contains(field)) {
                throw new BadParameter(prefix + field, "is not a known field; fields are " + new TreeSet<>(fields));
            }
        }
    }

    static String name(@Nullable JsonNode node) {
        String name = text(node, "name");
        if (name == null || name.isBlank() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw new BadParameter("name", "is required: 1-" + MAX_NAME + " characters, not all blank, no control characters");
        }
        return name.trim();
    }

    /** Each filter of the contract, as a string or a list of strings; checked as the usage endpoints check them. */
    static Map<String, List<String>> scope(@Nullable JsonNode node) {
        if (absent(node)) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new BadParameter("scope", "must be an object of filters, e.g. {\"project\": [\"support-bot\"]}; {} is the whole tenant");
        }
        Map<String, List<String>> scope = new TreeMap<>();
        MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
        for (Map.Entry<String, JsonNode> filter : node.properties()) {
            String key = filter.getKey();
            String field = "scope." + key;
            if (!key.startsWith("tag.") && !isDimension(key)) {
                throw new BadParameter(field, "is not a filter: use provider, model, project, apiKey, endpoint, status, user or tag.<key>");
            }
            List<String> values = strings(filter.getValue(), field);
            if (values.isEmpty()) {
                throw new BadParameter(field, "needs at least one value; leave the filter out to not filter");
            }
            scope.put(key, values);
            params.addAll(key, values);
        }
        try {
            Filters.from(params);
        } catch (BadParameter e) {
            throw new BadParameter("scope." + e.parameter(), String.valueOf(e.getMessage()));
        }
        return scope;
    }

    private static boolean isDimension(String key) {
        for (Dimension dimension : Dimension.values()) {
            if (dimension.param().equals(key)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> strings(JsonNode node, String field) {
        if (node.isString()) {
            return List.of(node.stringValue());
        }
        if (!node.isArray()) {
            throw new BadParameter(field, "must be a string or a list of strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode value : node.values()) {
            if (!value.isString()) {
                throw new BadParameter(field, "must be a string or a list of strings");
            }
            if (!values.contains(value.stringValue())) {
                values.add(value.stringValue());
            }
        }
        return values;
    }

    private static PeriodUnit period(@Nullable JsonNode node) {
        String period = text(node, "period");
        try {
            return PeriodUnit.fromCode(period == null ? "" : period);
        } catch (IllegalArgumentException e) {
            throw new BadParameter("period", "is required: day, week or month");
        }
    }

    static ZoneId zone(@Nullable JsonNode node) {
        String tz = text(node, "tz");
        if (tz == null) {
            return ZoneId.of("UTC");
        }
        try {
            if (ZONES.contains(tz)) {
                return ZoneId.of(tz);
            }
        } catch (DateTimeException e) {
            // reported below
        }
        throw new BadParameter("tz", "'" + tz + "' is not an IANA time zone such as Europe/Berlin or America/New_York");
    }

    private static Limit limit(@Nullable JsonNode usd, @Nullable JsonNode tokens) {
        if (absent(usd) == absent(tokens)) {
            throw new BadParameter("limitUsd", "give exactly one of limitUsd (an amount in USD) or limitTokens (a number of tokens)");
        }
        if (!absent(usd)) {
            if (!usd.isNumber()) {
                throw new BadParameter("limitUsd", "must be a number of USD");
            }
            BigDecimal amount = usd.decimalValue();
            if (amount.signum() <= 0 || amount.compareTo(MAX_USD) > 0 || amount.stripTrailingZeros().scale() > 12) {
                throw new BadParameter("limitUsd",
                        "must be more than 0 and at most " + MAX_USD.toPlainString() + ", with at most 12 decimals");
            }
            return Limit.usd(BudgetViews.plain(amount));
        }
        if (tokens == null || !tokens.isIntegralNumber() || !tokens.canConvertToLong() || tokens.longValue() <= 0
                || tokens.longValue() > MAX_TOKENS) {
            throw new BadParameter("limitTokens", "must be a whole number of tokens from 1 to " + MAX_TOKENS);
        }
        return Limit.tokens(tokens.longValue());
    }

    private static List<Integer> thresholds(@Nullable JsonNode node) {
        if (absent(node)) {
            return DEFAULT_THRESHOLDS;
        }
        if (!node.isArray() || node.isEmpty() || node.size() > MAX_THRESHOLDS) {
            throw new BadParameter("thresholds", "must be a list of 1-" + MAX_THRESHOLDS + " percents of the limit, e.g. [50, 80, 100]");
        }
        TreeSet<Integer> thresholds = new TreeSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode value = node.get(i);
            if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1 || value.intValue() > MAX_THRESHOLD) {
                throw new BadParameter("thresholds[" + i + "]", "must be a whole percent from 1 to " + MAX_THRESHOLD);
            }
            if (!thresholds.add(value.intValue())) {
                throw new BadParameter("thresholds[" + i + "]", "repeats " + value.intValue());
            }
        }
        return List.copyOf(thresholds);
    }

    private static NotifyPolicy notify(@Nullable JsonNode node) {
        String notify = text(node, "notify");
        try {
            return notify == null ? NotifyPolicy.PER_THRESHOLD : NotifyPolicy.fromCode(notify);
        } catch (IllegalArgumentException e) {
            throw new BadParameter("notify", "must be perThreshold (each threshold once per period) or daily (at most one per 24 h)");
        }
    }

    private static boolean bool(@Nullable JsonNode node, String field, boolean defaultValue) {
        if (absent(node)) {
            return defaultValue;
        }
        if (!node.isBoolean()) {
            throw new BadParameter(field, "must be true or false");
        }
        return node.booleanValue();
    }

    static @Nullable String text(@Nullable JsonNode node, String field) {
        if (absent(node)) {
            return null;
        }
        if (!node.isString()) {
            throw new BadParameter(field, "must be a string");
        }
        return node.stringValue();
    }

    @org.springframework.lang.Contract("null -> true")
    static boolean absent(@Nullable JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }
}
