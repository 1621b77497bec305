package dev.tokenmeter.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenmeter.event.EventError;
import dev.tokenmeter.event.Status;
import dev.tokenmeter.event.Usage;
import dev.tokenmeter.event.UsageEvent;
import dev.tokenmeter.ingest.pricing.TenantPrices;
import dev.tokenmeter.pricing.Cost;
import dev.tokenmeter.pricing.PriceCatalog;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Against the real broker and database: a tenant's price saved in {@code price_override} prices the
 * events ingested after it, for event times at or after its effectiveFrom — picked up through the
 * change notification alone (the periodic reload is set to an hour here).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "tokenmeter.ingest.pricing.refresh=1h")
@WithIngestHarness
class TenantPricesIT {

    static final IngestHarness harness = IngestHarness.of(TenantPricesIT.class);
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    static final Instant PRICE_FROM = NOW.minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);

    @Autowired
    TenantPrices prices;

    @Autowired
    MeterRegistry meters;

    @Test
    void aTenantPriceSavedInTheTablePricesEventsIngestedAfterIt() throws Exception {
        double unpricedBefore = meters.counter("pricing.events.unpriced").count();
        send("tp-acme", "before-1", NOW.minus(Duration.ofHours(1)), "acme-ai", "house-llm", new Usage(1000, 0, 0, 100, 0));
        harness.awaitConsumed();
        assertThat(stored("tp-acme", "before-1")).containsEntry("cost_source", "unpriced").containsEntry("priced", "false");
        assertThat(meters.counter("pricing.events.unpriced").count() - unpricedBefore).isEqualTo(1.0);

        try (Connection connection = harness.connect(); var insert = connection.prepareStatement("""
                INSERT INTO price_override (tenant, provider, model, effective_from, input, output, cached_input, reasoning)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (Object[] row : List.of(
                    new Object[] {"tp-acme", "acme-ai", "house-llm", PRICE_FROM, "0.5", "2", "0.05", "4"},
                    new Object[] {"tp-acme", "openai", "gpt-4o", PRICE_FROM, "1", "4", null, null})) {
                insert.setString(1, (String) row[0]);
                insert.setString(2, (String) row[1]);
                insert.setString(3, (String) row[2]);
                insert.setTimestamp(4, Timestamp.from((Instant) row[3]));
                for (int i = 4; i < 8; i++) {
                    insert.setBigDecimal(i + 1, row[i] == null ? null : new BigDecimal((String) row[i]));
                }
                insert.executeUpdate();
            }
        }
        UsageEvent probe = event("tp-acme", "probe", NOW, "acme-ai", "House-LLM", Usage.NONE);
        await().atMost(Duration.ofSeconds(30)).until(() -> prices.cost(probe).source() == Cost.Source.OVERRIDE);

        Usage usage = new Usage(10_000, 4_000, 0, 2_000, 500);
        send("tp-acme", "after-1", NOW.minus(Duration.ofHours(2)), "acme-ai", "house-llm", usage);
        send("tp-acme", "older-than-price", PRICE_FROM.minusSeconds(1), "acme-ai", "house-llm", usage);
        send("tp-acme", "gpt", NOW.minus(Duration.ofHours(3)), "openai", "gpt-4o-2024-08-06", usage);
        send("tp-other", "gpt", NOW.minus(Duration.ofHours(3)), "openai", "gpt-4o", usage);
        harness.awaitConsumed();

        // 6_000 × 0.5 + 4_000 × 0.05 + 1_500 × 2 + 500 × 4 = 8_200 per 1M
        assertThat(stored("tp-acme", "after-1"))
                .containsEntry("cost_source", "override")
                .containsEntry("price_ref", "override:acme-ai/house-llm@" + PRICE_FROM);
        assertThat(new BigDecimal(stored("tp-acme", "after-1").get("cost_usd"))).isEqualByComparingTo("0.0082");
        assertThat(stored("tp-acme", "older-than-price")).containsEntry("cost_source", "unpriced");
        // the tenant's gpt-4o price also prices its dated snapshot: 10_000 × 1 + 2_000 × 4 = 18_000 per 1M
        assertThat(new BigDecimal(stored("tp-acme", "gpt").get("cost_usd"))).isEqualByComparingTo("0.018");
        Cost catalog = PriceCatalog.builtIn().cost(event("tp-other", "gpt", NOW.minus(Duration.ofHours(3)), "openai", "gpt-4o", usage));
        assertThat(stored("tp-other", "gpt")).containsEntry("cost_source", "catalog").containsEntry("price_ref", catalog.reference());
        assertThat(new BigDecimal(stored("tp-other", "gpt").get("cost_usd"))).isEqualByComparingTo(catalog.usd());
        assertThat(meters.counter("pricing.events.unpriced").count() - unpricedBefore).isEqualTo(2.0);
        try (Connection connection = harness.connect()) {
            Totals.assertRollupsMatchRawEvents(connection, List.of("tp-acme", "tp-other"));
        }
    }

    @Test
    void aNotificationReloadsOnlyTheTenantItNames() throws Exception {
        UsageEvent quiet = event("tp-quiet", "probe", NOW, "quiet-ai", "model-q", Usage.NONE);
        UsageEvent loud = event("tp-loud", "probe", NOW, "loud-ai", "model-l", Usage.NONE);
        try (Connection connection = harness.connect()) {
            // Saved without a notification (triggers off for this session): only a reload of every tenant would see it.
            try (var silently = connection.createStatement()) {
                silently.execute("SET session_replication_role = replica");
                silently.execute("INSERT INTO price_override (tenant, provider, model, effective_from, input, output)"
                        + " VALUES ('tp-quiet', 'quiet-ai', 'model-q', '" + PRICE_FROM + "', 1, 1)");
                silently.execute("SET session_replication_role = origin");
            }
            try (var notified = connection.createStatement()) {
                notified.execute("INSERT INTO price_override (tenant, provider, model, effective_from, input, output)"
                        + " VALUES ('tp-loud', 'loud-ai', 'model-l', '" + PRICE_FROM + "', 1, 1)");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> prices.cost(loud).source() == Cost.Source.OVERRIDE);
            assertThat(prices.cost(quiet).source()).as("the other tenant's prices were not reloaded").isNotEqualTo(Cost.Source.OVERRIDE);

            // Its own notification reloads it; removing the loud tenant's price reloads that one, to none.
            try (var notified = connection.createStatement()) {
                notified.execute("UPDATE price_override SET output = 2 WHERE tenant = 'tp-quiet'");
                notified.execute("DELETE FROM price_override WHERE tenant = 'tp-loud'");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> prices.cost(quiet).source() == Cost.Source.OVERRIDE
                    && prices.cost(loud).source() != Cost.Source.OVERRIDE);
        }
    }

    private static void send(String tenant, String id, Instant time, String provider, String model, Usage usage) throws Exception {
        harness.send(tenant, String.format(Locale.ROOT, """
                {"id":"%s","tenant":"%s","time":"%s","provider":"%s","model":"%s","status":"success",
                 "usage":{"inputTokens":%d,"cachedInputTokens":%d,"cacheWriteTokens":%d,"outputTokens":%d,"reasoningTokens":%d}}""",
                id, tenant, time, provider, model, usage.inputTokens(), usage.cachedInputTokens(), usage.cacheWriteTokens(),
                usage.outputTokens(), usage.reasoningTokens())).get();
    }

    private static UsageEvent event(String tenant, String id, Instant time, String provider, String model, Usage usage) {
        return new UsageEvent(id, tenant, time, provider, model, "unknown", null, null, null, Status.SUCCESS,
                (EventError) null, null, usage, null, Map.of());
    }

    private static Map<String, String> stored(String tenant, String id) throws Exception {
        try (Connection connection = harness.connect();
                var select = connection.prepareStatement(
                        "SELECT cost_usd::text, priced::text, cost_source, price_ref FROM usage_event WHERE tenant = ? AND id = ?")) {
            select.setString(1, tenant);
            select.setString(2, id);
            try (var rows = select.executeQuery()) {
                assertThat(rows.next()).as(tenant + "/" + id + " stored").isTrue();
                Map<String, String> row = new java.util.HashMap<>();
                row.put("cost_usd", rows.getString(1));
                row.put("priced", rows.getString(2));
                row.put("cost_source", rows.getString(3));
                row.put("price_ref", rows.getString(4));
                return row;
            }
        }
    }
}
