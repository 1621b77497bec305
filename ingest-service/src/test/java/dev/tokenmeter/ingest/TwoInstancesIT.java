package dev.tokenmeter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Two ingest instances in one consumer group share a 6-partition topic; stopping one mid-stream keeps totals exact. */
class TwoInstancesIT {

    static final IngestHarness harness = new IngestHarness("two_instances");

    @AfterAll
    static void close() {
        harness.close();
    }

    @Test
    void twoInstancesShareThePartitionsAndTotalsStayExactWhenOneStopsMidStream() throws Exception {
        ConfigurableApplicationContext first = start();
        ConfigurableApplicationContext second = start();
        List<String> tenants = IntStream.range(0, 12).mapToObj(i -> "pair-" + i).toList();
        TestEvents events = new TestEvents(21);

        // Trickle the first events until both instances have stored some: the second joins the group
        // a moment later, and the first alone could otherwise work through a burst before it does.
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        int next = 0;
        while (persisted(first) == 0 || persisted(second) == 0) {
            assertThat(System.nanoTime()).as("both instances stored events within 90 s").isLessThan(deadline);
            for (int end = Math.min(next + 50, 6_000); next < end; next++) {
                harness.send(tenants.get(next % tenants.size()), events.event(tenants.get(next % tenants.size()), "req-" + next));
            }
            harness.flush();
            Thread.sleep(250);
        }
        for (; next < 6_000; next++) {
            harness.send(tenants.get(next % tenants.size()), events.event(tenants.get(next % tenants.size()), "req-" + next));
        }
        harness.flush();

        first.close(); // mid-stream: its partitions move to the second instance
        for (int i = 6_000; i < 12_000; i++) {
            String tenant = tenants.get(i % tenants.size());
            harness.send(tenant, events.event(tenant, "req-" + i));
            if (i % 10 == 0) { // the same (tenant, id) again across the handover: a conflict, counted once
                String earlier = tenants.get((i - 5_000) % tenants.size());
                harness.send(earlier, events.event(earlier, "req-" + (i - 5_000)));
            }
        }
        harness.awaitConsumed();
        second.close();

        assertThat(harness.count("SELECT count(*) FROM usage_event WHERE tenant LIKE 'pair-%'")).isEqualTo(12_000);
        assertThat(harness.count("SELECT count(DISTINCT (tenant, id)) FROM usage_event WHERE tenant LIKE 'pair-%'")).isEqualTo(12_000);
        try (Connection connection = harness.connect()) {
            Totals.assertRollupsMatchRawEvents(connection, tenants);
        }
    }

    private static double persisted(ConfigurableApplicationContext instance) {
        return instance.getBean(MeterRegistry.class).counter("ingest.events.persisted").count();
    }

    private static ConfigurableApplicationContext start() {
        List<String> arguments = harness.arguments();
        arguments.add("--server.port=0");
        arguments.add("--management.server.port=-1"); // no actuator over HTTP: the test reads none
        arguments.add("--tokenmeter.kafka.max-poll-records=200");
        return new SpringApplicationBuilder(IngestApplication.class).run(arguments.toArray(String[]::new));
    }
}
