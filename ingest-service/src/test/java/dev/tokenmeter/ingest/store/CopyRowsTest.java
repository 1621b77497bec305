package dev.tokenmeter.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.event.EventError;
import dev.tokenmeter.event.Status;
import dev.tokenmeter.event.Usage;
import dev.tokenmeter.event.UsageEvent;
import dev.tokenmeter.pricing.Cost;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CopyRowsTest {

    private static final Cost PRICED = new Cost(new BigDecimal("0.000123456789"), Cost.Source.CATALOG, "openai/gpt-4o@2026-01-01");

    @Test
    void writesOneTabSeparatedLinePerEventInTheRawTablesColumnOrder() {
        UsageEvent e = new UsageEvent("e-1", "acme", Instant.parse("2026-03-01T12:14:59.123456Z"), "openai", "gpt-4o", "chat",
                "proj", "key-1", "user-9", Status.SUCCESS, null, 120, new Usage(100, 20, 0, 50, 5), null,
                Map.of("env", "prod"));

        String body = new String(CopyRows.of(List.of(PricedEvent.of(e, PRICED))), StandardCharsets.UTF_8);

        assertThat(body).isEqualTo(String.join("\t", "acme", "e-1", "2026-03-01T12:14:59.123456Z", "openai", "gpt-4o", "chat",
                "proj", "key-1", "user-9", "success", "\\N", "\\N", "120", "100", "20", "0", "50", "5", "0.000123456789", "t",
                "catalog", "openai/gpt-4o@2026-01-01", "{\"env\":\"prod\"}", "standard", "\\N", "\\N") + "\n");
        assertThat(body.split("\t", -1)).hasSize(BatchSql.EVENT_PARAMS);
    }

    @Test
    void escapesWhatTheTextFormatGivesMeaningToAndWritesNullsAsBackslashN() {
        UsageEvent e = new UsageEvent("e-2", "acme", Instant.parse("2026-03-01T12:00:00Z"), "openai", "gpt-4o", "chat",
                null, null, null, Status.ERROR, new EventError("rate_limit", "line one\nline\ttwo\r back\\slash"), null,
                new Usage(0, 0, 0, 0, 0), null, Map.of("team", "a\tb"));

        String body = new String(CopyRows.of(List.of(PricedEvent.of(e, Cost.unpriced()))), StandardCharsets.UTF_8);

        String[] cells = body.substring(0, body.length() - 1).split("\t", -1);
        assertThat(body).endsWith("\n").doesNotContain("\r").hasLineCount(1);
        assertThat(cells).hasSize(BatchSql.EVENT_PARAMS);
        assertThat(cells[6]).isEqualTo("\\N");
        assertThat(cells[11]).isEqualTo("line one\\nline\\ttwo\\r back\\\\slash");
        assertThat(cells[12]).isEqualTo("\\N");
        assertThat(cells[19]).isEqualTo("f");
        assertThat(cells[21]).isEqualTo("\\N");
        assertThat(cells[22]).isEqualTo("{\"team\":\"a\\\\tb\"}");
    }
}
