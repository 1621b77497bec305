package dev.tokenmeter.event;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Checks one event object field by field, collecting every violation (single use). The fields come
 * as {@link EventFields} values, from a record's bytes or from a tree: the verdict does not depend on
 * which.
 */
final class EventValidator {

    /** Per-event ceilings that keep rollup sums far from overflow; far above any real call. */
    static final long MAX_TOKENS = 1_000_000_000_000L;
    static final int MAX_LATENCY_MS = 3_600_000;

    static final CharClass ID = CharClass.of("A-Za-z0-9._:-", 128);
    static final CharClass TENANT = CharClass.of("a-z0-9_-", 64);
    static final CharClass TAG_KEY = CharClass.of("A-Za-z0-9_.-", 64);
    /** At most this many entries in {@code usage.units}, as for tags. */
    static final int MAX_UNITS = 16;
    /** Per-unit ceiling, like {@link #MAX_TOKENS}: far above any real call, far from overflowing a rollup sum. */
    static final long MAX_UNIT_QUANTITY = MAX_TOKENS;

    private final EventFields node;
    private final List<Violation> violations;
    private final EventLimits limits;
    private final Instant now;
    private final Instant oldestAccepted;

    EventValidator(EventFields node, List<Violation> violations, EventLimits limits, Instant now, Instant arrived) {
        this.node = node;
        this.violations = violations;
        this.limits = limits;
        this.now = now;
        this.oldestAccepted = limits.oldestAccepted(arrived, now);
    }

    /** The event, or null when any violation was found (they are in the list given). */
    @Nullable
    UsageEvent validate() {
        String id = matching(node.id, "id", ID, "1-128 characters of [A-Za-z0-9._:-]");
        String tenant = matching(node.tenant, "tenant", TENANT, "1-64 characters of [a-z0-9_-]");
        Instant time = time();
        String provider = text(node.provider, "provider", 128, true);
        String model = text(node.model, "model", 128, false);
        String endpoint = text(node.endpoint, "endpoint", 128, false);
        String project = text(node.project, "project", 128, false);
        String apiKey = text(node.apiKey, "apiKey", 128, false);
        String user = text(node.user, "user", 128, false);
        Status status = status();
        EventError error = error();
        Long latency = integer(node.latencyMs, "latencyMs", MAX_LATENCY_MS);
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
        String value = text(node.serviceTier, "serviceTier", 16, false);
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
        Object units = node.usage instanceof Map<?, ?> usage ? usage.get("units") : null;
        Map<String, Long> result = new TreeMap<>();
        if (units == null) {
            return result;
        }
        if (!(units instanceof Map<?, ?> named) || named.size() > MAX_UNITS) {
            schema("usage.units", "must be an object of at most " + MAX_UNITS + " integer quantities");
            return result;
        }
        for (Map.Entry<String, @Nullable Object> unit : properties(named)) {
            String field = "usage.units." + unit.getKey();
            if (!tagKey(unit.getKey())) {
                schema(field, "unit names must be 1-64 characters of [A-Za-z0-9_.-]");
                continue;
            }
            Long quantity = integer(unit.getValue(), field, MAX_UNIT_QUANTITY);
            if (quantity != null) {
                result.put(unit.getKey(), quantity);
            }
        }
        return result;
    }

    private @Nullable String matching(@Nullable Object raw, String field, CharClass allowed, String rule) {
        String value = text(raw, field, Integer.MAX_VALUE, true);
        if (value != null && !allowed.matches(value)) {
            schema(field, "must be " + rule);
        }
        return value;
    }

    private @Nullable Instant time() {
        String value = text(node.time, "time", 64, true);
        if (value == null) {
            return null;
        }
        Instant time;
        try {
            // Kept to the microsecond (API.md §4): what PostgreSQL stores is what is bucketed and fingerprinted.
            time = Rfc3339.parse(value).truncatedTo(ChronoUnit.MICROS);
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
        String value = text(node.status, "status", 16, false);
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
        Object error = node.error;
        if (error == null) {
            return null;
        }
        if (!(error instanceof Map<?, ?> fields)) {
            schema("error", "must be an object with type and message");
            return null;
        }
        return new EventError(text(fields.get("type"), "error.type", 64, false),
                text(fields.get("message"), "error.message", 1000, false));
    }

    private Usage usage() {
        Object raw = node.usage;
        if (raw == null) {
            return Usage.NONE;
        }
        if (!(raw instanceof Map<?, ?> usage)) {
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

    private long tokens(Map<?, ?> usage, String name) {
        Long value = integer(usage.get(name), "usage." + name, MAX_TOKENS);
        return value == null ? 0 : value;
    }

    private @Nullable BigDecimal cost() {
        Object raw = node.costUsd;
        if (raw == null) {
            return null;
        }
        BigDecimal cost = decimal(raw);
        if (cost == null || !Money.withinEventLimit(cost)) {
            schema("costUsd", "must be a number from 0 to " + Money.MAX_EVENT_COST);
            return null;
        }
        BigDecimal normalized = Money.storable(cost).stripTrailingZeros();
        return normalized.scale() < 0 ? normalized.setScale(0) : normalized;
    }

    private Map<String, String> tags() {
        Object raw = node.tags;
        Map<String, String> result = new TreeMap<>();
        if (raw == null) {
            return result;
        }
        if (!(raw instanceof Map<?, ?> tags) || tags.size() > 16) {
            schema("tags", "must be an object of at most 16 string values");
            return result;
        }
        for (Map.Entry<String, @Nullable Object> tag : properties(tags)) {
            String field = "tags." + tag.getKey();
            if (!tagKey(tag.getKey())) {
                schema(field, "tag keys must be 1-64 characters of [A-Za-z0-9_.-]");
            } else if (!(tag.getValue() instanceof String value) || value.length() > 256 || value.indexOf('\0') >= 0) {
                schema(field, "tag values must be strings of at most 256 characters, without NUL");
            } else {
                result.put(tag.getKey(), value);
            }
        }
        return result;
    }

    private @Nullable String text(@Nullable Object value, String path, int maxLength, boolean required) {
        if (value == null) {
            if (required) {
                schema(path, "is required");
            }
            return null;
        }
        if (!(value instanceof String text)) {
            schema(path, "must be a string");
            return null;
        }
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

    private @Nullable Long integer(@Nullable Object value, String path, long max) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Long number) || number < 0 || number > max) {
            schema(path, "must be an integer from 0 to " + String.format(Locale.ROOT, "%,d", max));
            return null;
        }
        return number;
    }

    /** A number of any form as a decimal; null for any other value. */
    private static @Nullable BigDecimal decimal(Object value) {
        if (value instanceof Long number) {
            return BigDecimal.valueOf(number);
        }
        if (value instanceof BigInteger number) {
            return new BigDecimal(number);
        }
        return value instanceof BigDecimal number ? number : null;
    }

    /** An object's properties; {@link EventFields} only ever holds string-keyed objects. */
    @SuppressWarnings("unchecked")
    private static Iterable<Map.Entry<String, @Nullable Object>> properties(Map<?, ?> object) {
        return ((Map<String, @Nullable Object>) object).entrySet();
    }

    private static boolean tagKey(String key) {
        return TAG_KEY.matches(key);
    }

    private void schema(String field, String message) {
        violations.add(new Violation(field, Reason.SCHEMA_VIOLATION, message));
    }

    private void inconsistent(String field, String message) {
        violations.add(new Violation(field, Reason.INCONSISTENT_USAGE, message));
    }
}
