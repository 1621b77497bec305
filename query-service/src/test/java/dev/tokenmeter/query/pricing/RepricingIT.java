package dev.tokenmeter.query.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenmeter.query.Api;
import dev.tokenmeter.query.UsageTables;
import dev.tokenmeter.event.Usage;
import dev.tokenmeter.event.UsageEvent;
import dev.tokenmeter.pricing.Cost;
import dev.tokenmeter.pricing.Price;
import dev.tokenmeter.pricing.PriceCatalog;
import dev.tokenmeter.pricing.PriceOverrides;
import dev.tokenmeter.query.pricing.IngestLikeWriter.Priced;
import dev.tokenmeter.testsupport.Infrastructure;
import dev.tokenmeter.testsupport.WithInfrastructure;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Against the real PostgreSQL: unpriced events are stored and counted; an admin sets prices
 * effective from past dates and re-prices while an ingest-like writer keeps storing events; every
 * event's cost then equals the formula, every total and rollup row equals the sum of its events,
 * events written during the job count once with the new price, and a second re-price changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tokenmeter.query.operator-key=op-secret-0123456789abcdef0123456789")
@WithInfrastructure
class RepricingIT {

    static final Infrastructure infra = Infrastructure.shared();
    static final String database = infra.databaseFor(RepricingIT.class);
    static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    static final PriceCatalog CATALOG = PriceCatalog.builtIn();
    static final String TENANT = "acme";
    static final String OTHER = "globex";
    static final Instant FROM = Instant.parse("2026-10-05T00:00:00Z");
    static final Instant TO = Instant.parse("2026-10-09T00:00:00Z");
    /** The house model has no price anywhere until the admin sets one from here on. */
    static final Instant HOUSE_PRICE_FROM = Instant.parse("2026-10-06T12:00:00Z");
    static final Instant GPT_OVERRIDE_FROM = Instant.parse("2026-10-08T00:00:00Z");
    static final int INITIAL = 24_000;

    @LocalServerPort
    int port;

    @BeforeAll
    static void load(@Autowired org.flywaydb.core.Flyway flyway) throws Exception {
        try (Connection connection = connect()) {
            UsageTables.ensurePartitions(connection, FROM, TO);
            Random random = new Random(7);
            List<Priced> batch = new ArrayList<>();
            for (int i = 0; i < INITIAL; i++) {
                String tenant = i % 5 == 0 ? OTHER : TENANT;
                batch.add(priced(randomEvent(random, tenant, "init-" + i), PriceOverrides.NONE));
                if (batch.size() == 1000) {
                    IngestLikeWriter.write(connection, batch);
                    batch.clear();
                }
            }
        }
    }

    @Test
    void unpricedEventsArePricedByARepriceThatKeepsEveryTotalExactWhileIngestContinues() throws Exception {
        String admin = api().key(TENANT, "admin");
        String viewer = api().key(TENANT, "viewer");

        // Unpriced events are stored with cost 0, listed, and counted in the summary.
        long unpricedBefore = count("SELECT count(*) FROM usage_event WHERE tenant = ? AND NOT priced", TENANT);
        assertThat(unpricedBefore).isGreaterThan(1000);
        assertThat(count("SELECT count(*) FROM usage_event WHERE tenant = ? AND NOT priced AND cost_usd <> 0", TENANT)).isZero();
        JsonNode unpriced = get("/api/v1/prices/unpriced", viewer);
        assertThat(unpriced.get("items")).hasSize(1);
        assertThat(unpriced.get("items").get(0).get("model").asString()).isEqualTo("house-llm-1");
        assertThat(unpriced.get("items").get(0).get("events").longValue()).isEqualTo(unpricedBefore);
        assertThat(unpriced.get("items").get(0).get("pricedNow").booleanValue()).isFalse();
        assertThat(summary(viewer).get("unpricedRequests").longValue()).isEqualTo(unpricedBefore);

        // Only an admin sets prices; bad input is a 400 naming the field.
        assertThat(put(viewer, houseBody("2026-10-06T12:00:00Z")).getStatus().value()).isEqualTo(403);
        EntityExchangeResult<String> bad = put(admin, "{\"provider\":\"acme-ai\",\"model\":\"house-llm-1\","
                + "\"effectiveFrom\":\"2026-10-06\",\"input\":\"cheap\",\"output\":1}");
        assertThat(bad.getStatus().value()).isEqualTo(400);
        assertThat(JSON.readTree(bad.getResponseBody()).get("parameter").asString()).isEqualTo("input");

        JsonNode house = JSON.readTree(put(admin, houseBody("2026-10-06T12:00:00Z")).getResponseBody());
        assertThat(house.get("source").asString()).isEqualTo("override");
        put(admin, """
                {"provider":"openai","model":"gpt-4o","effectiveFrom":"2026-10-08","input":2,"output":7.5,"cachedInput":0.2}""");
        PriceOverrides prices = overrides();
        assertThat(get("/api/v1/prices/unpriced", viewer).get("items").get(0).get("pricedNow").booleanValue()).isTrue();

        // An ingest-like writer keeps storing events, priced with the new prices, while the job runs.
        AtomicBoolean stop = new AtomicBoolean();
        List<Instant> writes = new CopyOnWriteArrayList<>();
        AtomicInteger written = new AtomicInteger();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> writeUntil(stop, prices, writes, written));
        await().atMost(Duration.ofSeconds(30)).until(() -> writes.size() >= 2);

        JsonNode job = post(admin, "{\"from\":\"2026-10-05\",\"to\":\"2026-10-09\"}");
        assertThat(job.get("state").asString()).isEqualTo("queued");
        JsonNode done = awaitJob(viewer, job.get("id").asString());
        stop.set(true);
        writer.get();

        assertThat(done.get("state").asString()).isEqualTo("done");
        assertThat(done.get("daysTotal").intValue()).isEqualTo(4);
        assertThat(done.get("eventsDone").longValue()).isGreaterThanOrEqualTo(done.get("eventsTotal").longValue());
        assertThat(done.get("eventsRepriced").longValue()).isGreaterThan(0);
        Instant started = Instant.parse(done.get("startedAt").asString());
        Instant finished = Instant.parse(done.get("finishedAt").asString());
        assertThat(writes).as("the writer stored batches while the job ran").anyMatch(t -> t.isAfter(started) && t.isBefore(finished));

        assertEveryEventCostsWhatTheFormulaSays(prices);
        assertEveryTotalIsTheSumOfItsEvents(viewer, INITIAL + written.get());
        long stillUnpriced = count("SELECT count(*) FROM usage_event WHERE tenant = ? AND NOT priced", TENANT);
        assertThat(stillUnpriced).isEqualTo(count("SELECT count(*) FROM usage_event WHERE tenant = ? AND model = 'house-llm-1'"
                + " AND event_time < ?", TENANT, Timestamp.from(HOUSE_PRICE_FROM)));
        assertThat(get("/api/v1/prices/unpriced", viewer).get("items").get(0).get("events").longValue()).isEqualTo(stillUnpriced);

        // A second run with the same prices changes nothing.
        String before = fingerprint();
        JsonNode again = awaitJob(viewer,
                post(admin, "{\"from\":\"2026-10-05T00:00:00Z\",\"to\":\"2026-10-09T00:00:00Z\"}").get("id").asString());
        assertThat(again.get("state").asString()).isEqualTo("done");
        assertThat(again.get("eventsRepriced").longValue()).isZero();
        assertThat(fingerprint()).isEqualTo(before);
    }

    @Test
    void pricesListMarksBuiltInAndOverrideEntriesWithHistory() throws Exception {
        String admin = api().key(TENANT, "admin");
        put(admin, """
                {"provider":"Anthropic","model":"claude-haiku-4-5","effectiveFrom":"2026-01-01T00:00:00Z","input":0.5,"output":2.5}""");
        put(admin, """
                {"provider":"anthropic","model":"claude-haiku-4-5","effectiveFrom":"2199-01-01","input":9,"output":9}""");

        JsonNode list = get("/api/v1/prices?provider=anthropic&q=haiku-4-5", admin);
        JsonNode haiku = list.get("items").get(0);
        assertThat(list.get("items")).hasSize(1);
        assertThat(haiku.get("source").asString()).isEqualTo("override");
        assertThat(haiku.get("current").get("input").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(haiku.get("history")).hasSize(3);
        assertThat(haiku.get("history").get(0).get("effectiveFrom").asString()).startsWith("2199-01-01");
        assertThat(haiku.get("history").get(2).get("source").asString()).isEqualTo("builtin");
        assertThat(haiku.get("history").get(2).get("url").asString()).startsWith("https://");
        JsonNode builtIn = get("/api/v1/prices?provider=google&q=gemini-2.5-pro", admin).get("items").get(0);
        assertThat(builtIn.get("source").asString()).isEqualTo("builtin");
        assertThat(builtIn.get("current").get("tiers").get(0).get("aboveInputTokens").longValue()).isEqualTo(200_000);
        assertThat(get("/api/v1/prices?tenant=" + OTHER, "op-secret-0123456789abcdef0123456789").toString()).doesNotContain("\"override\"");
        assertThat(api().send("GET", "/api/v1/prices?provder=x", admin, null).getStatus().value()).isEqualTo(400);
    }

    // --- the checks ------------------------------------------------------------------------------

    private void assertEveryEventCostsWhatTheFormulaSays(PriceOverrides prices) throws SQLException {
        int checked = 0;
        try (Connection connection = connect(); var statement = connection.prepareStatement("""
                SELECT tenant, id, event_time, provider, model, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens,
                       reasoning_tokens, cost_usd, priced, cost_source, price_ref
                FROM usage_event WHERE tenant IN (?, ?)""")) {
            statement.setString(1, TENANT);
            statement.setString(2, OTHER);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    UsageEvent event = IngestLikeWriter.event(rows.getString("tenant"), rows.getString("id"),
                            rows.getTimestamp("event_time").toInstant(), rows.getString("provider"), rows.getString("model"),
                            new Usage(rows.getLong("input_tokens"), rows.getLong("cached_input_tokens"), rows.getLong("cache_write_tokens"),
                                    rows.getLong("output_tokens"), rows.getLong("reasoning_tokens")),
                            null);
                    if (rows.getString("cost_source").equals("provider")) {
                        assertThat(rows.getBigDecimal("cost_usd")).isEqualByComparingTo(providerCost(event.usage()));
                        continue;
                    }
                    Cost expected = CATALOG.cost(event, prices);
                    String what = event.id() + " " + event.model() + " at " + event.time();
                    assertThat(rows.getBigDecimal("cost_usd")).as(what)
                            .isEqualByComparingTo(expected.usd().setScale(12, RoundingMode.HALF_UP));
                    assertThat(rows.getBoolean("priced")).as(what).isEqualTo(expected.priced());
                    assertThat(rows.getString("cost_source")).as(what)
                            .isEqualTo(expected.source().name().toLowerCase(java.util.Locale.ROOT));
                    assertThat(rows.getString("price_ref")).as(what).isEqualTo(expected.reference());
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(INITIAL / 2);
    }

    private void assertEveryTotalIsTheSumOfItsEvents(String viewer, long allEvents) throws SQLException {
        try (Connection connection = connect()) {
            assertThat(RollupCheck.differences(connection, TENANT)).allSatisfy((table, differences) -> assertThat(differences)
                    .as(table + " rows differing from the raw events of " + TENANT).isZero());
            assertThat(RollupCheck.differences(connection, OTHER)).allSatisfy(
                    (table, differences) -> assertThat(differences).as(table + " rows differing from the raw events of " + OTHER).isZero());
        }
        assertThat(count("SELECT count(*) FROM usage_event WHERE tenant IN (?, ?)", TENANT, OTHER)).isEqualTo(allEvents);
        JsonNode summary = summary(viewer);
        assertThat(summary.get("requests").longValue()).isEqualTo(count("SELECT count(*) FROM usage_event WHERE tenant = ?", TENANT));
        assertThat(summary.get("costUsd").decimalValue())
                .isEqualByComparingTo(sum("SELECT sum(cost_usd) FROM usage_event WHERE tenant = ?"));
        assertThat(summary.get("unpricedRequests").longValue())
                .isEqualTo(count("SELECT count(*) FROM usage_event WHERE tenant = ? AND NOT priced", TENANT));
        JsonNode breakdown = get("/api/v1/usage/breakdown?by=model&limit=100&from=2026-10-05&to=2026-10-09", viewer);
        for (JsonNode row : breakdown.get("rows")) {
            BigDecimal expected = sum("SELECT coalesce(sum(cost_usd), 0) FROM usage_event WHERE tenant = ? AND model = '"
                    + row.get("key").asString() + "'");
            assertThat(row.get("costUsd").decimalValue()).as(row.get("key").asString()).isEqualByComparingTo(expected);
        }
        assertThat(breakdown.get("rows")).hasSize(4);
    }

    // --- events ----------------------------------------------------------------------------------

    /** Models: one the catalog prices (with caching), one unknown everywhere, one with a reasoning price mix, one provider-reported. */
    static UsageEvent randomEvent(Random random, String tenant, String id) {
        Instant time = FROM.plusMillis(random.nextLong(Duration.between(FROM, TO).toMillis()));
        long input = 1 + random.nextInt(300_000);
        long cached = random.nextInt(3) == 0 ? random.nextLong(input) : 0;
        long output = random.nextInt(4000);
        long reasoning = random.nextBoolean() ? random.nextLong(output + 1) : 0;
        Usage usage = new Usage(input, cached, 0, output, reasoning);
        return switch (random.nextInt(4)) {
            case 0 -> IngestLikeWriter.event(tenant, id, time, "openai", "gpt-4o", usage, null);
            case 1 -> IngestLikeWriter.event(tenant, id, time, "acme-ai", "house-llm-1", usage, null);
            case 2 -> IngestLikeWriter.event(tenant, id, time, "google", "gemini-2.5-pro", usage, null);
            default -> IngestLikeWriter.event(tenant, id, time, "openai", "o4-mini", usage, providerCost(usage));
        };
    }

    static BigDecimal providerCost(Usage usage) {
        return BigDecimal.valueOf(usage.inputTokens() + usage.outputTokens(), 9);
    }

    static Priced priced(UsageEvent event, PriceOverrides prices) {
        return new Priced(event, CATALOG.cost(event, prices));
    }

    private void writeUntil(AtomicBoolean stop, PriceOverrides prices, List<Instant> writes, AtomicInteger written) {
        Random random = new Random(99);
        try (Connection connection = connect()) {
            for (int b = 0; b < 400 && !stop.get(); b++) {
                List<Priced> batch = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    batch.add(priced(randomEvent(random, TENANT, "live-" + b + "-" + i), prices));
                }
                writes.add(IngestLikeWriter.write(connection, batch));
                written.addAndGet(batch.size());
                Thread.onSpinWait();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- plumbing --------------------------------------------------------------------------------

    private PriceOverrides overrides() {
        Map<String, List<Price>> own = new HashMap<>();
        own.put(TENANT, List.of(
                new Price("acme-ai", "house-llm-1", HOUSE_PRICE_FROM, new BigDecimal("0.8"), new BigDecimal("3.2"),
                        new BigDecimal("0.08"), null, new BigDecimal("6.4"), null),
                new Price("openai", "gpt-4o", GPT_OVERRIDE_FROM, new BigDecimal("2"), new BigDecimal("7.5"),
                        new BigDecimal("0.2"), null, null, null)));
        return PriceOverrides.of(own);
    }

    private static String houseBody(String from) {
        return """
                {"provider":"ACME-AI","model":"House-LLM-1","effectiveFrom":"%s","input":0.8,"output":3.2,"cachedInput":0.08,"reasoning":6.4}"""
                .formatted(from);
    }

    private JsonNode awaitJob(String key, String id) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = get("/api/v1/jobs/" + id, key);
            String state = last[0].get("state").asString();
            return state.equals("done") || state.equals("failed");
        });
        return last[0];
    }

    private JsonNode summary(String key) {
        return get("/api/v1/usage/summary?from=2026-10-05&to=2026-10-09", key);
    }

    private String fingerprint() throws SQLException {
        try (Connection connection = connect();
                var statement = connection.createStatement();
                var rows = statement.executeQuery(
                        """
                                SELECT (SELECT md5(string_agg(tenant || id || cost_usd || priced || cost_source || coalesce(price_ref, '-'), ',' ORDER BY tenant, id))
                                        FROM usage_event)
                                    || (SELECT md5(string_agg(tenant || bucket_start || model || requests || cost_usd || unpriced_requests, ','
                                            ORDER BY tenant, bucket_start, provider, model, endpoint, status)) FROM usage_rollup_15m)
                                    || (SELECT md5(string_agg(tenant || bucket_start || dim || value || cost_usd, ','
                                            ORDER BY tenant, dim, bucket_start, value, status)) FROM usage_dim_rollup_1d)""")) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Test
    void aRepriceOfDaysPastTheRawEventHorizonIsRefusedAndRawEventAnswersNameTheHorizon() throws Exception {
        String admin = api().key(TENANT, "admin");
        String viewer = api().key(TENANT, "viewer");
        String otherAdmin = api().key("initech", "admin");
        try {
            // What the ingest service's retention writes when it drops raw partitions before 2026-10-07.
            execute("SELECT advance_retention_horizon('raw_events', '2026-10-07T00:00:00Z')");
            long jobsBefore = jobsOf(TENANT);

            EntityExchangeResult<String> refused = api().send("POST", "/api/v1/prices/reprice", admin,
                    "{\"from\":\"2026-10-06T12:00:00Z\",\"to\":\"2026-10-09\"}");
            assertThat(refused.getStatus().value()).isEqualTo(400);
            JsonNode problem = JSON.readTree(refused.getResponseBody());
            assertThat(problem.get("parameter").asString()).isEqualTo("from");
            assertThat(problem.get("detail").asString())
                    .contains("raw-event horizon 2026-10-07T00:00:00Z", "rebuilds its rollups from its raw events");
            assertThat(jobsOf(TENANT)).as("no job was queued for the refused range").isEqualTo(jobsBefore);

            // The horizon's own day is whole: accepted (a tenant without events, so no other test's totals move).
            EntityExchangeResult<String> accepted = api().send("POST", "/api/v1/prices/reprice", otherAdmin,
                    "{\"from\":\"2026-10-07\",\"to\":\"2026-10-08\"}");
            assertThat(accepted.getStatus().value()).as(accepted.getResponseBody()).isEqualTo(202);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api().send("GET",
                    "/api/v1/usage/events?from=2026-10-05&to=2026-10-09", viewer, null).getResponseHeaders()
                    .getFirst("X-Tokenmeter-Raw-Horizon")).isEqualTo("2026-10-07T00:00:00Z"));
            assertThat(api().send("GET", "/api/v1/usage/breakdown?by=user&from=2026-10-05&to=2026-10-09", viewer, null)
                    .getResponseHeaders().getFirst("X-Tokenmeter-Raw-Horizon")).isEqualTo("2026-10-07T00:00:00Z");
            assertThat(api().send("GET", "/api/v1/prices", viewer, null).getResponseHeaders().containsHeader("X-Tokenmeter-Raw-Horizon"))
                    .as("answers not read from raw events carry no horizon").isFalse();
        } finally {
            execute("DELETE FROM retention_horizon");
        }
    }

    private long jobsOf(String tenant) throws SQLException {
        return count("SELECT count(*) FROM pricing_job WHERE tenant = ?", tenant);
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = connect(); var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(infra.jdbcUrl(database), infra.username(), infra.password());
    }

    private static long count(String sql, Object... args) throws SQLException {
        return sum(sql, args).longValueExact();
    }

    private static BigDecimal sum(String sql, Object... args) throws SQLException {
        try (Connection connection = connect(); var statement = connection.prepareStatement(sql)) {
            Object[] values = args.length == 0 ? new Object[] {TENANT} : args;
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            try (var rows = statement.executeQuery()) {
                rows.next();
                BigDecimal value = rows.getBigDecimal(1);
                return value == null ? BigDecimal.ZERO : value;
            }
        }
    }

    private JsonNode get(String uri, String key) {
        return api().get(uri, key);
    }

    private EntityExchangeResult<String> put(String key, String body) {
        return api().send("PUT", "/api/v1/prices", key, body);
    }

    private JsonNode post(String key, String body) {
        EntityExchangeResult<String> answer = api().send("POST", "/api/v1/prices/reprice", key, body);
        assertThat(answer.getStatus().value()).as("reprice answered " + answer.getResponseBody()).isEqualTo(202);
        return JSON.readTree(answer.getResponseBody());
    }

    private Api api() {
        return new Api(port);
    }
}
