package dev.tokenmeter.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.event.Status;
import dev.tokenmeter.event.Usage;
import dev.tokenmeter.event.UsageEvent;
import dev.tokenmeter.pricing.Cost;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyOrderTest {

    private static PricedEvent event(String tenant, String id) {
        return PricedEvent.of(new UsageEvent(id, tenant, Instant.parse("2026-03-01T12:00:00Z"), "openai", "gpt-4o", "chat", null, null,
                null, Status.SUCCESS, null, null, new Usage(1, 0, 0, 1, 0), null, Map.of()), Cost.unpriced());
    }

    @Test
    void positionsComeInTenantThenIdOrderAsBytesCompare() {
        List<PricedEvent> batch = List.of(event("b", "1"), event("a", "req_9"), event("a", "REQ_1"), event("a", "req_10"));

        Integer[] order = KeyOrder.byTenantAndId(batch);

        // Byte order, as a code-point collation sorts: upper case before lower case, "req_10" before "req_9".
        assertThat(Arrays.stream(order).map(i -> batch.get(i).event().tenant() + "/" + batch.get(i).event().id()))
                .containsExactly("a/REQ_1", "a/req_10", "a/req_9", "b/1");
    }
}
