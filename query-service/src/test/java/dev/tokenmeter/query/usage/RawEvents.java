package dev.tokenmeter.query.usage;

import dev.tokenmeter.query.UsageTables;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Random raw events for query tests, inserted over JDBC and rolled up with {@code rebuild_usage_rollups}. */
final class RawEvents {

    record Event(String tenant, String id, Instant time, String provider, String model, String endpoint,
            String project, String apiKey, String user, String status, Integer latencyMs,
            long input, long cached, long cacheWrite, long output, long reasoning, BigDecimal cost, boolean priced,
            Map<String, String> tags) {

        String get(String dimension) {
            return switch (dimension) {
                case "provider" -> provider;
                case "model" -> model;
                case "endpoint" -> endpoint;
                case "project" -> project;
                case "apiKey" -> apiKey;
                case "user" -> user;
                case "status" -> status;
                default -> dimension.startsWith("tag:") ? tags.get(dimension.substring(4)) : null;
            };
        }
    }

    static final String[] PROVIDERS = {"openai", "anthropic", "google"};
    static final String[] MODELS = {"gpt-4o", "gpt-4o-mini", "claude-sonnet-4-5", "gemini-2.5-flash", "o4-mini"};
    static final String[] PROJECTS = {"support-bot", "search", "agents", null};
    static final String[] KEYS = {"key_a", "key_b", "key_c", "key_d", null};
    static final String[] ENDPOINTS = {"chat.completions", "responses", "messages"};
    static final String[] USERS = {"u1", "u2", "u3", null};
    static final String[] STATUSES = {"success", "success", "success", "success", "error", "timeout"};

    private RawEvents() {
    }

    /** Events spread over the given windows, with some exactly on UTC and local midnights. */
    static List<Event> generate(Random random, List<String> tenants, List<Instant[]> windows, int count) {
        List<Event> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Instant[] window = windows.get(random.nextInt(windows.size()));
            long span = window[1].getEpochSecond() - window[0].getEpochSecond();
            Instant time = window[0].plusSeconds(random.nextLong(span)).plusMillis(random.nextInt(1000));
            if (random.nextInt(50) == 0) {
                time = Instant.ofEpochSecond(time.getEpochSecond() - Math.floorMod(time.getEpochSecond(), 900)); // on a 15-minute mark
            }
            long input = random.nextInt(5000);
            long cached = random.nextInt((int) input + 1);
            long output = random.nextInt(2000);
            Integer latency = random.nextInt(10) == 0
                    ? null
                    : random.nextInt(20) == 0 ? 0 : (int) Math.min(3_600_000, Math.exp(3 + 2 * random.nextDouble() * 3));
            Map<String, String> tags = random.nextInt(3) == 0 ? Map.of() : Map.of("env", random.nextBoolean() ? "prod" : "dev");
            // Rare extra keys, so that which tag keys a range holds depends on the range and the filters.
            if (i % 997 == 0) {
                tags = Map.of("team", "t" + (i % 5), "Cost.Center", "cc-" + (i % 3));
            }
            events.add(new Event(tenants.get(random.nextInt(tenants.size())), "e" + i, time,
                    pick(random, PROVIDERS), pick(random, MODELS), pick(random, ENDPOINTS), pick(random, PROJECTS),
                    pick(random, KEYS), pick(random, USERS), pick(random, STATUSES), latency, input, cached, 0, output,
                    random.nextInt((int) output + 1), BigDecimal.valueOf(random.nextLong(10_000_000_000L), 12),
                    random.nextInt(10) > 0, tags));
        }
        return events;
    }

    static void insert(Connection connection, List<Event> events, Instant from, Instant to) throws SQLException {
        UsageTables.ensurePartitions(connection, from, to);
        try (var insert = connection.prepareStatement("""
                INSERT INTO usage_event (tenant, id, event_time, provider, model, endpoint, project, api_key, user_id, status,
                    latency_ms, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens,
                    cost_usd, priced, cost_source, tags)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""")) {
            for (Event e : events) {
                insert.setString(1, e.tenant());
                insert.setString(2, e.id());
                insert.setTimestamp(3, Timestamp.from(e.time()));
                insert.setString(4, e.provider());
                insert.setString(5, e.model());
                insert.setString(6, e.endpoint());
                insert.setString(7, e.project());
                insert.setString(8, e.apiKey());
                insert.setString(9, e.user());
                insert.setString(10, e.status());
                insert.setObject(11, e.latencyMs());
                insert.setLong(12, e.input());
                insert.setLong(13, e.cached());
                insert.setLong(14, e.cacheWrite());
                insert.setLong(15, e.output());
                insert.setLong(16, e.reasoning());
                insert.setBigDecimal(17, e.cost());
                insert.setBoolean(18, e.priced());
                insert.setString(19, e.priced() ? "catalog" : "unpriced");
                // The generated keys and values are plain ASCII words: no JSON escaping needed.
                insert.setString(20, e.tags().entrySet().stream().map(t -> "\"" + t.getKey() + "\":\"" + t.getValue() + "\"")
                        .collect(java.util.stream.Collectors.joining(",", "{", "}")));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        UsageTables.rebuildRollups(connection, from, to);
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }
}
