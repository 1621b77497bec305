package dev.tokenmeter.query.log;

import dev.tokenmeter.query.UsageTables;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Raw events for the log tests, inserted over JDBC: many ties on every sort key and on time, so
 * the tie-breakers are exercised, and text that needs CSV quoting.
 */
final class LogEvents {

    record Row(String tenant, String id, Instant time, String provider, String model, String endpoint,
            @Nullable String project, @Nullable String apiKey, @Nullable String user, String status,
            @Nullable String errorType, @Nullable String errorMessage, @Nullable Integer latencyMs,
            long input, long cached, long cacheWrite, long output, long reasoning,
            BigDecimal cost, boolean priced, String costSource, @Nullable String priceRef, Map<String, String> tags) {

        long totalTokens() {
            return input + output;
        }
    }

    static final String[][] MODELS = {{"openai", "gpt-4o"}, {"openai", "gpt-4o-mini"}, {"anthropic", "claude-sonnet-4-5"},
            {"google", "gemini-2.5-flash"}};
    static final BigDecimal[] COSTS = {BigDecimal.ZERO, new BigDecimal("0.000000000001"), new BigDecimal("0.000321"),
            new BigDecimal("0.5"), new BigDecimal("12.345678901234")};
    static final long[] TOKENS = {0, 100, 1000, 4096};
    static final Integer[] LATENCIES = {null, null, 0, 50, 812};
    static final String[] STATUSES = {"success", "success", "success", "success", "success", "error", "timeout"};
    static final String[] MESSAGES = {"429 from upstream", "upstream said \"slow down\", retry", "line one\nline two", null};

    private LogEvents() {
    }

    /** {@code count} events of the tenant in [from, to), ids {@code ev-00000...}; a third share their time with another. */
    static List<Row> generate(Random random, String tenant, Instant from, Instant to, int count) {
        long spanMicros = (to.getEpochSecond() - from.getEpochSecond()) * 1_000_000;
        List<Row> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Instant time = i > 0 && random.nextInt(3) == 0
                    ? rows.get(random.nextInt(rows.size())).time()
                    : from.plusNanos(random.nextLong(spanMicros) * 1000);
            rows.add(row(random, tenant, "ev-%05d".formatted(i), time));
        }
        return rows;
    }

    static Row row(Random random, String tenant, String id, Instant time) {
        String[] model = MODELS[random.nextInt(MODELS.length)];
        String status = STATUSES[random.nextInt(STATUSES.length)];
        boolean failed = !status.equals("success");
        long input = random.nextInt(4) == 0 ? random.nextInt(50_000) : TOKENS[random.nextInt(TOKENS.length)];
        long output = random.nextInt(4) == 0 ? random.nextInt(8_000) : TOKENS[random.nextInt(TOKENS.length)];
        Integer latency = random.nextInt(4) == 0 ? Integer.valueOf(random.nextInt(60_000)) : LATENCIES[random.nextInt(LATENCIES.length)];
        BigDecimal cost = random.nextInt(4) == 0
                ? BigDecimal.valueOf(random.nextLong(100_000_000_000_000L), 12)
                : COSTS[random.nextInt(COSTS.length)];
        boolean priced = random.nextInt(10) > 0;
        Map<String, String> tags = switch (random.nextInt(3)) {
            case 0 -> Map.of();
            case 1 -> Map.of("env", "prod");
            default -> orderedTags("env", "dev", "team", "a,\"b\"");
        };
        return new Row(tenant, id, time, model[0], model[1], random.nextBoolean() ? "chat.completions" : "responses",
                random.nextInt(4) == 0 ? null : "project-" + random.nextInt(3),
                random.nextInt(4) == 0 ? null : "key_" + random.nextInt(3),
                random.nextInt(3) == 0 ? null : "u" + random.nextInt(3),
                status, failed ? "upstream" : null, failed ? MESSAGES[random.nextInt(MESSAGES.length)] : null,
                latency, input, random.nextInt((int) input + 1) / 2, 0, output, random.nextInt((int) output + 1) / 3,
                cost, priced, priced ? "catalog" : "unpriced", priced ? "openai/" + model[1] + "@2026-01-01" : null, tags);
    }

    static void insert(Connection connection, List<Row> rows, Instant from, Instant to) throws SQLException {
        UsageTables.ensurePartitions(connection, from, to);
        try (var insert = connection.prepareStatement("""
                INSERT INTO usage_event (tenant, id, event_time, provider, model, endpoint, project, api_key, user_id, status,
                    error_type, error_message, latency_ms, input_tokens, cached_input_tokens, cache_write_tokens,
                    output_tokens, reasoning_tokens, cost_usd, priced, cost_source, price_ref, tags)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""")) {
            for (Row r : rows) {
                int i = 0;
                insert.setString(++i, r.tenant());
                insert.setString(++i, r.id());
                insert.setObject(++i, OffsetDateTime.ofInstant(r.time(), ZoneOffset.UTC));
                insert.setString(++i, r.provider());
                insert.setString(++i, r.model());
                insert.setString(++i, r.endpoint());
                insert.setString(++i, r.project());
                insert.setString(++i, r.apiKey());
                insert.setString(++i, r.user());
                insert.setString(++i, r.status());
                insert.setString(++i, r.errorType());
                insert.setString(++i, r.errorMessage());
                insert.setObject(++i, r.latencyMs());
                insert.setLong(++i, r.input());
                insert.setLong(++i, r.cached());
                insert.setLong(++i, r.cacheWrite());
                insert.setLong(++i, r.output());
                insert.setLong(++i, r.reasoning());
                insert.setBigDecimal(++i, r.cost());
                insert.setBoolean(++i, r.priced());
                insert.setString(++i, r.costSource());
                insert.setString(++i, r.priceRef());
                insert.setString(++i, json(r.tags()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        // As ingest leaves them: the rollups hold the same events (the log's totalCount reads them).
        UsageTables.rebuildRollups(connection, from, to);
    }

    private static Map<String, String> orderedTags(String... keysAndValues) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            tags.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return tags;
    }

    private static String json(Map<String, String> tags) {
        return tags.entrySet().stream()
                .map(e -> quote(e.getKey()) + ":" + quote(e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
