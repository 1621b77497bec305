package dev.tokenmeter.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Against the real broker and database: ingest takes each tenant's rollup lock shared (migration
 * V14) before it stores a batch, so while a re-pricing rebuild holds one tenant's lock, that
 * tenant's events wait and other tenants' events are stored; once the lock is released the waiting
 * events are stored and counted once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@WithIngestHarness
class TenantRollupLockIT {

    static final IngestHarness harness = IngestHarness.of(TenantRollupLockIT.class);

    final TestEvents events = new TestEvents(5);

    @Test
    void whileATenantsRollupLockIsHeldItsEventsWaitAndOtherTenantsEventsAreStored() throws Exception {
        try (Connection rebuild = harness.connect(); var sql = rebuild.createStatement()) {
            sql.execute("SELECT pg_advisory_lock(tenant_rollup_lock_key('held-co'))");
            for (int i = 0; i < 20; i++) {
                harness.send("free-co", events.event("free-co", "free-" + i));
            }
            harness.flush();
            await().atMost(Duration.ofSeconds(60)).until(() -> stored("free-co") == 20);

            for (int i = 0; i < 20; i++) {
                harness.send("held-co", events.event("held-co", "held-" + i));
            }
            harness.flush();
            await().atMost(Duration.ofSeconds(60)).until(() -> harness.count(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted") > 0);
            assertThat(stored("held-co")).isZero();

            sql.execute("SELECT pg_advisory_unlock(tenant_rollup_lock_key('held-co'))");
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> stored("held-co") == 20);
        assertThat(harness.count("SELECT coalesce(sum(requests), 0) FROM usage_rollup_1d WHERE tenant = 'held-co'")).isEqualTo(20);
        assertThat(harness.count("SELECT coalesce(sum(requests), 0) FROM usage_rollup_1d WHERE tenant = 'free-co'")).isEqualTo(20);
    }

    private static long stored(String tenant) {
        return harness.count("SELECT count(*) FROM usage_event WHERE tenant = ?", tenant);
    }
}
