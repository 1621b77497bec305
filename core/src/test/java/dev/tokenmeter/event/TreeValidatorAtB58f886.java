package dev.tokenmeter.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The validator as it was before records were read as a stream (commit b58f886), unchanged but for its
 * name: the reference {@link StreamingReaderParityTest} holds the service's reader to, verdict for verdict
 * and violation for violation.
 */
final class TreeValidatorAtB58f886 {

    /** Per-event ceilings that keep rollup sums far from overflow; far above any real call. */
    static final long MAX_TOKENS = 1_000_000_000_000L;
    static final int MAX_LATENCY_MS = 3_600_000;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern TENANT = Pattern.compile("[a-z0-9_-]{1,64}");
    private static final Pattern TAG_KEY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    /** At most this many entries in {@code usage.units}, as for tags. */
    static final int MAX_UNITS = 16;
    /** Per-unit ceiling, like {@link #MAX_TOKENS}: far above any real call, far from overflowing a rollup sum. */
    static final long MAX_UNIT_QUANTITY = MAX_TOKENS;

    private final ObjectNode node;
    private final List<Violation> violations;
    private final EventLimits limits;
    private final Instant now;
    private final Instant oldestAccepted;

    TreeValidatorAtB58f886(ObjectNode node, List<Violation> violations, EventLimits limits, Instant now, Instant arrived) {
        this.node = node;
        this.violations = violations;
        this.limits = limits;
        this.now = now;
        this.oldestAccepted = limits.oldestAccepted(arrived, now);
    }

    /** The event, or null when any violation was found (they are in the list given). */
    @Nullable
    UsageEvent validate() {
        String id = matching("id", ID, "1-128 characters of [A-Za-z0-9._:-]");
        String tenant = matching("tenant", TENANT, "1-64 characters of [a-z0-9_-]");
        Instant time = time();
        String provider = text(node, "provider", 128, true);
        String model = text(node, "model", 128, false);
        String endpoint = text(node, "endpoint", 128, false);
        String project = text(node, "project", 128, false);
        String apiKey = text(node, "apiKey", 128, false);
        String user = text(node, "user", 128, false);
        Status status = status();
        EventError error = error();
        Long latency = integer(node, "latencyMs", "latencyMs", MAX_LATENCY_MS);
        Usage usage = usage();
        BigDecimal cost = cost();
        Map<String, String> tags = tags();
        ServiceTier serviceTier = serviceTier();
        Map<String, Long> units = units();
        if (!violations.isEmpty()) {
            return null;
        }
        // No violation: every required field was read.
        return new UsageEvent(Objects.requireNonNull(id), Objects.requireNonNull(tenant), Objects.requireNonNull(time),
                Objects.requireNonNull(provider), model,
                endpoint == null ? UsageEvent.UNKNOWN_ENDPOINT : endpoint,
                project, apiKey, user, status, error,
                latency == null ? null : latency.intValue(), usage, cost, tags, serviceTier, units);
    }

    private ServiceTier serviceTier() {
        String value = text(node, "serviceTier", 16, false);
        if (value == null) {
            return ServiceTier.STANDARD;
        }
        ServiceTier tier = ServiceTier.of(value);
        if (tier == null) {
            schema("serviceTier", "must be one of standard, batch, flex, priority");
            return ServiceTier.STANDARD;
        }
        return tier;
    }

    private Map<String, Long> units() {
        JsonNode usage = present("usage");
        JsonNode units = usage == null || !usage.isObject() ? null : usage.get("units");
        Map<String, Long> result = new TreeMap<>();
        if (units == null || units.isNull()) {
            return result;
        }
        if (!units.isObject() || units.size() > MAX_UNITS) {
            schema("usage.units", "must be an object of at most " + MAX_UNITS + " integer quantities");
            return result;
        }
        for (Map.Entry<String, JsonNode> unit : units.properties()) {
            String field = "usage.units." + unit.getKey();
            if (!TAG_KEY.matcher(unit.getKey()).matches()) {
                schema(field, "unit names must be 1-64 characters of [A-Za-z0-9_.-]");
                continue;
            }
            Long quantity = integer(units, field, unit.getKey(), MAX_UNIT_QUANTITY);
            if (quantity != null) {
                result.put(unit.getKey(), quantity);
            }
        }
        return result;
    }

    private @Nullable String matching(String field, Pattern pattern, String rule) {
        String value = text(node, field, Integer.MAX_VALUE, true);
        if (value != null && !pattern.matcher(value).matches()) {
            schema(field, "must be " + rule);
        }
        return value;
    }

    private @Nullable Instant time() {
        String value = text(node, "time", 64, true);
        if (value == null) {
            return null;
        }
        Instant time;
        try {
            // Kept to the microsecond (API.md §4): what PostgreSQL stores is what is bucketed and fingerprinted.
            time = OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            schema("time", "must be an RFC 3339 date-time with an offset, e.g. 2026-11-23T10:15:30.123Z");
            return null;
        }
        if (time.isBefore(oldestAccepted)) {
            violations.add(new Violation("time", Reason.TOO_OLD,
                    "is older than the late-arrival window of " + limits.lateWindow().toDays() + " days"));
        } else if (time.isAfter(now.plus(limits.futureSkew()))) {
            violations.add(new Violation("time", Reason.IN_FUTURE,
                    "is more than " + limits.futureSkew().toMinutes() + " minutes in the future"));
        }
        return time;
    }

    private Status status() {
        String value = text(node, "status", 16, false);
        if (value == null) {
            return Status.SUCCESS;
        }
        for (Status status : Status.values()) {
            if (status.code().equals(value)) {
                return status;
            }
        }
        schema("status", "must be one of success, error, timeout");
        return Status.SUCCESS;
    }

    private @Nullable EventError error() {
        JsonNode error = present("error");
        if (error == null) {
            return null;
        }
        if (!error.isObject()) {
            schema("error", "must be an object with type and message");
            return null;
        }
        return new EventError(text(error, "error.type", "type", 64, false),
                text(error, "error.message", "message", 1000, false));
    }

    private Usage usage() {
        JsonNode usage = present("usage");
        if (usage == null) {
            return Usage.NONE;
        }
        if (!usage.isObject()) {
            schema("usage", "must be an object of token counts");
            return Usage.NONE;
        }
        long input = tokens(usage, "inputTokens");
        long cached = tokens(usage, "cachedInputTokens");
        long cacheWrite = tokens(usage, "cacheWriteTokens");
        long output = tokens(usage, "outputTokens");
        long reasoning = tokens(usage, "reasoningTokens");
        if (cached > input) {
            inconsistent("usage.cachedInputTokens", "must not exceed inputTokens (which includes cached tokens)");
        } else if (cached + cacheWrite > input) {
            inconsistent("usage.cacheWriteTokens", "cachedInputTokens + cacheWriteTokens must not exceed inputTokens");
        }
        if (reasoning > output) {
            inconsistent("usage.reasoningTokens", "must not exceed outputTokens (which includes reasoning tokens)");
        }
        return new Usage(input, cached, cacheWrite, output, reasoning);
    }

    private long tokens(JsonNode usage, String name) {
        Long value = integer(usage, "usage." + name, name, MAX_TOKENS);
        return value == null ? 0 : value;
    }

    private @Nullable BigDecimal cost() {
        JsonNode cost = present("costUsd");
        if (cost == null) {
            return null;
        }
        if (!cost.isNumber() || !Money.withinEventLimit(cost.decimalValue())) {
            schema("costUsd", "must be a number from 0 to " + Money.MAX_EVENT_COST);
            return null;
        }
        BigDecimal normalized = Money.storable(cost.decimalValue()).stripTrailingZeros();
        return normalized.scale() < 0 ? normalized.setScale(0) : normalized;
    }

    private Map<String, String> tags() {
        JsonNode tags = present("tags");
        Map<String, String> result = new TreeMap<>();
        if (tags == null) {
            return result;
        }
        if (!tags.isObject() || tags.size() > 16) {
            schema("tags", "must be an object of at most 16 string values");
            return result;
        }
        for (Map.Entry<String, JsonNode> tag : tags.properties()) {
            String field = "tags." + tag.getKey();
            if (!TAG_KEY.matcher(tag.getKey()).matches()) {
                schema(field, "tag keys must be 1-64 characters of [A-Za-z0-9_.-]");
            } else if (!tag.getValue().isString() || tag.getValue().stringValue().length() > 256
                    || tag.getValue().stringValue().indexOf('\0') >= 0) {
                schema(field, "tag values must be strings of at most 256 characters, without NUL");
            } else {
                result.put(tag.getKey(), tag.getValue().stringValue());
            }
        }
        return result;
    }

    private @Nullable JsonNode present(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private @Nullable String text(JsonNode parent, String field, int maxLength, boolean required) {
        return text(parent, field, field, maxLength, required);
    }

    private @Nullable String text(JsonNode parent, String path, String field, int maxLength, boolean required) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                schema(path, "is required");
            }
            return null;
        }
        if (!value.isString()) {
            schema(path, "must be a string");
            return null;
        }
        String text = value.stringValue();
        if (text.indexOf('\0') >= 0) {
            schema(path, "must not contain NUL (\\u0000) characters");
            return null;
        }
        int length = text.codePointCount(0, text.length());
        if (length == 0 || length > maxLength) {
            schema(path, maxLength == Integer.MAX_VALUE
                    ? "must not be empty"
                    : "must be 1-" + maxLength + " characters");
            return null;
        }
        return text;
    }

    private @Nullable Long integer(JsonNode parent, String path, String field, long max) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()
                || value.longValue() < 0 || value.longValue() > max) {
            schema(path, "must be an integer from 0 to " + String.format(Locale.ROOT, "%,d", max));
            return null;
        }
        return value.longValue();
    }

    private void schema(String field, String message) {
        violations.add(new Violation(field, Reason.SCHEMA_VIOLATION, message));
    }

    private void inconsistent(String field, String message) {
        violations.add(new Violation(field, Reason.INCONSISTENT_USAGE, message));
    }
}
