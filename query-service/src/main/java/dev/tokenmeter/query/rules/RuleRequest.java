package dev.tokenmeter.query.rules;

import dev.tokenmeter.query.budget.AlertInputs;
import dev.tokenmeter.query.outbound.OutboundGuard;
import dev.tokenmeter.query.web.BadParameter;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and checks the body of {@code POST}/{@code PUT} on {@code /rules}, {@code /anomalies} and
 * {@code /digests}: {@code name}, {@code scope} and {@code channels} as budgets take them, and the
 * kind's own settings at the top level. A mistake is a 400 naming the field. Stored settings are read
 * back through the same code.
 */
final class RuleRequest {

    static final Duration MIN_WINDOW = Duration.ofMinutes(5);
    static final Duration MAX_WINDOW = Duration.ofDays(1);
    static final int MAX_CLEAR_AFTER = 100;
    static final int MAX_MOVERS = 20;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> COMMON = Set.of("name", "scope", "channels", "enabled");
    private static final Set<String> READ_ONLY = Set.of("id", "tenant", "kind", "createdAt", "updatedAt", "state");
    private static final Map<Rule.Kind, Set<String>> FIELDS = Map.of(
            Rule.Kind.USAGE, Set.of("window", "measure", "comparison", "threshold", "clearThreshold", "clearAfter"),
            Rule.Kind.ANOMALY, Set.of("granularity", "tz", "k", "minSpendUsd"),
            Rule.Kind.DIGEST, Set.of("cadence", "day", "at", "tz", "topMovers"));

    private RuleRequest() {
    }

    /** A rule as asked for, checked. */
    record Spec(String name, Map<String, List<String>> scope, RuleSpec spec, List<AlertInputs.ChannelInput> channels,
            boolean enabled) {
    }

    static Spec parse(Rule.Kind kind, String body, OutboundGuard guard) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new BadParameter("body", "is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new BadParameter("body", "must be a JSON object");
        }
        Set<String> fields = new java.util.HashSet<>(COMMON);
        fields.addAll(FIELDS.get(kind));
        AlertInputs.knownFields(root, fields, READ_ONLY);
        JsonNode enabled = root.get("enabled");
        if (enabled != null && !absent(enabled) && !enabled.isBoolean()) {
            throw new BadParameter("enabled", "must be true or false");
        }
        return new Spec(AlertInputs.name(root.get("name")), AlertInputs.scope(root.get("scope")), spec(kind, root),
                AlertInputs.channels(root.get("channels"), guard), enabled == null || absent(enabled) || enabled.booleanValue());
    }

    /** The kind's settings from an object holding them (a request body or the stored {@code spec}). */
    static RuleSpec spec(Rule.Kind kind, JsonNode node) {
        return switch (kind) {
            case USAGE -> usage(node);
            case ANOMALY -> new RuleSpec.Anomaly(granularity(node.get("granularity")), AlertInputs.zone(node.get("tz")),
                    decimal(node.get("k"), "k", new BigDecimal("3"), new BigDecimal("0.5"), new BigDecimal("20")),
                    decimal(node.get("minSpendUsd"), "minSpendUsd", BigDecimal.TEN, BigDecimal.ZERO, new BigDecimal("1000000000")));
            case DIGEST -> digest(node);
        };
    }

    static RuleSpec spec(Rule.Kind kind, String stored) {
        return spec(kind, JSON.readTree(stored));
    }

    private static RuleSpec.Usage usage(JsonNode node) {
        Duration window = window(text(node.get("window"), "window"));
        String measureText = text(node.get("measure"), "measure");
        Measure measure = measureText == null ? null : Measure.fromCode(measureText);
        if (measure == null) {
            throw new BadParameter("measure",
                    "is required: errorRate, p95LatencyMs, requests, tokensPerRequest, unpricedRequests or costUsd");
        }
        String comparisonText = text(node.get("comparison"), "comparison");
        RuleSpec.Comparison comparison;
        if (comparisonText == null || comparisonText.equals("above")) {
            comparison = RuleSpec.Comparison.ABOVE;
        } else if (comparisonText.equals("below")) {
            comparison = RuleSpec.Comparison.BELOW;
        } else {
            throw new BadParameter("comparison", "must be above or below");
        }
        BigDecimal max = measure == Measure.ERROR_RATE ? BigDecimal.ONE : new BigDecimal("1000000000000");
        if (absent(node.get("threshold"))) {
            throw new BadParameter("threshold", "is required: a number"
                    + (measure == Measure.ERROR_RATE ? " from 0 to 1 (0.05 = 5% of requests failed)" : " of at least 0"));
        }
        BigDecimal threshold = decimal(node.get("threshold"), "threshold", BigDecimal.ZERO, BigDecimal.ZERO, max);
        BigDecimal clear = decimal(node.get("clearThreshold"), "clearThreshold", threshold, BigDecimal.ZERO, max);
        if (comparison == RuleSpec.Comparison.ABOVE ? clear.compareTo(threshold) > 0 : clear.compareTo(threshold) < 0) {
            throw new BadParameter("clearThreshold", comparison == RuleSpec.Comparison.ABOVE
                    ? "must not be above the threshold: the rule resolves when the measure is back at or below it"
                    : "must not be below the threshold: the rule resolves when the measure is back at or above it");
        }
        int clearAfter = decimal(node.get("clearAfter"), "clearAfter", BigDecimal.ONE, BigDecimal.ONE,
                BigDecimal.valueOf(MAX_CLEAR_AFTER)).intValue();
        return new RuleSpec.Usage(window, measure, comparison, threshold, clear, clearAfter);
    }

    private static Duration window(@Nullable String text) {
        Duration window = null;
        try {
            window = text == null ? null : DurationStyle.detectAndParse(text);
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (window == null || window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0
                || window.toSeconds() % 60 != 0) {
            throw new BadParameter("window", "is required: whole minutes from 5m to 1d, e.g. 15m, 1h or 1d");
        }
        return window;
    }

    private static RuleSpec.Anomaly.Granularity granularity(@Nullable JsonNode node) {
        String text = text(node, "granularity");
        if (text == null || text.equals("day")) {
            return RuleSpec.Anomaly.Granularity.DAY;
        }
        if (text.equals("hour")) {
            return RuleSpec.Anomaly.Granularity.HOUR;
        }
        throw new BadParameter("granularity", "must be day (today so far) or hour (this hour so far)");
    }

    private static RuleSpec.Digest digest(JsonNode node) {
        String cadence = text(node.get("cadence"), "cadence");
        RuleSpec.Digest.Cadence parsed;
        if (cadence == null || cadence.equals("weekly")) {
            parsed = RuleSpec.Digest.Cadence.WEEKLY;
        } else if (cadence.equals("daily")) {
            parsed = RuleSpec.Digest.Cadence.DAILY;
        } else {
            throw new BadParameter("cadence", "must be daily or weekly");
        }
        String day = text(node.get("day"), "day");
        DayOfWeek weekday;
        try {
            weekday = day == null ? DayOfWeek.MONDAY : DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadParameter("day", "must be a weekday: monday ... sunday");
        }
        String at = text(node.get("at"), "at");
        LocalTime time;
        try {
            time = at == null ? LocalTime.of(9, 0) : LocalTime.parse(at);
        } catch (DateTimeParseException e) {
            throw new BadParameter("at", "must be a local time HH:MM, e.g. 09:00");
        }
        int movers = decimal(node.get("topMovers"), "topMovers", BigDecimal.valueOf(5), BigDecimal.ZERO,
                BigDecimal.valueOf(MAX_MOVERS)).intValue();
        return new RuleSpec.Digest(parsed, weekday, time, AlertInputs.zone(node.get("tz")), movers);
    }

    private static BigDecimal decimal(@Nullable JsonNode node, String field, BigDecimal defaultValue, BigDecimal min, BigDecimal max) {
        if (node == null || absent(node)) {
            return defaultValue;
        }
        if (!node.isNumber() || node.decimalValue().compareTo(min) < 0 || node.decimalValue().compareTo(max) > 0
                || field.equals("clearAfter") && node.decimalValue().stripTrailingZeros().scale() > 0
                || field.equals("topMovers") && node.decimalValue().stripTrailingZeros().scale() > 0) {
            throw new BadParameter(field, "must be a number from " + min.toPlainString() + " to " + max.toPlainString()
                    + (field.equals("clearAfter") || field.equals("topMovers") ? ", a whole one" : ""));
        }
        return node.decimalValue();
    }

    private static @Nullable String text(@Nullable JsonNode node, String field) {
        if (node == null || absent(node)) {
            return null;
        }
        if (!node.isString()) {
            throw new BadParameter(field, "must be a string");
        }
        return node.stringValue();
    }

    static boolean absent(@Nullable JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }
}
