package dev.tokenmeter.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.event.EventError;
import dev.tokenmeter.event.Status;
import dev.tokenmeter.event.Usage;
import dev.tokenmeter.event.UsageEvent;
import dev.tokenmeter.pricing.Cost;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreparedWriteTest {

    private static final Cost PRICED = new Cost(new BigDecimal("0.0001"), Cost.Source.CATALOG, "openai/gpt-4o@2026-01-01");

    private static PricedEvent event(String tenant, String id, String message) {
        return PricedEvent.of(new UsageEvent(id, tenant, Instant.parse("2026-03-01T12:00:00Z"), "openai", "gpt-4o", "chat", null,
                null, null, Status.ERROR, new EventError("upstream", message), 10, new Usage(5, 0, 0, 1, 0), null, Map.of()), PRICED);
    }

    @Test
    void theCopyLinesOfTheNewFirstOccurrencesAreThoseCopyRowsWritesForThem() {
        PricedEvent a = event("acme", "b", "two\nlines");
        PricedEvent b = event("acme", "a", "é ünïcödé → 日本");
        PricedEvent c = event("zeta", "a", "plain");
        PricedEvent repeat = event("acme", "b", "a repeat, not stored");

        PreparedWrite prepared = PreparedWrite.of(List.of(a, b, repeat, c));

        assertThat(prepared.firsts).containsExactly(a, b, c);
        assertThat(prepared.rowsOf(new int[] {0, 1, 2})).isEqualTo(CopyRows.of(List.of(a, b, c)));
        assertThat(prepared.rowsOf(new int[] {0, 2})).isEqualTo(CopyRows.of(List.of(a, c)));
        assertThat(prepared.rowsOf(new int[] {1})).isEqualTo(CopyRows.of(List.of(b)));
        assertThat(prepared.rowsOf(new int[] {})).isEmpty();
    }

    @Test
    void theClaimArraysHoldTheFirstOccurrencesInTenantAndIdOrder() {
        PricedEvent a = event("zeta", "a", "m");
        PricedEvent b = event("acme", "b", "m");
        PricedEvent c = event("acme", "a", "m");

        PreparedWrite prepared = PreparedWrite.of(List.of(a, b, c, b));

        assertThat(prepared.tenant).containsExactly("acme", "acme", "zeta");
        assertThat(prepared.id).containsExactly("a", "b", "a");
        assertThat(prepared.order).containsExactly(2, 1, 0);
        assertThat(prepared.fingerprint).containsExactly(c.fingerprintHex(), b.fingerprintHex(), a.fingerprintHex());
        assertThat(prepared.tenants).containsExactlyInAnyOrder("acme", "zeta");
        assertThat(prepared.events()).hasSize(4);
    }
}
