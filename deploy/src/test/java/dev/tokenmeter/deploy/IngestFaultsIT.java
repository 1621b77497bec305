package dev.tokenmeter.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.tokenmeter.deploy.Faults.freePort;
import static dev.tokenmeter.deploy.Faults.kill;
import static dev.tokenmeter.deploy.files.DeployFiles.repository;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Ingest under faults done to real processes: a Kafka broker run as its own process, two ingest
 * service processes in one consumer group and PostgreSQL. Each test streams events of its own
 * tenant while it kills the broker or an instance with SIGKILL, pauses an instance with SIGSTOP past
 * its session timeout, terminates the writers' database connections, or kills an instance that a
 * fault hook parked between the two transactions of a batch; afterwards the raw rows and every
 * rollup table equal what was sent, exactly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestFaultsIT {

    static final int EVENTS = 20_000;
    static final List<String> ROLLUPS = List.of("usage_rollup_15m", "usage_rollup_1h", "usage_rollup_1d");
    static final List<String> DIM_ROLLUPS = List.of("usage_dim_rollup_15m", "usage_dim_rollup_1h", "usage_dim_rollup_1d");

    final Components components = new Components();
    DataDir dataDir;
    Ports ports;
    LocalPostgres postgres;
    LocalKafka kafka;
    ChildProcess ingestA;
    ChildProcess ingestB;
    BootService serviceA;
    BootService serviceB;
    KafkaProducer<byte[], byte[]> producer;

    @BeforeAll
    void startStack() throws Exception {
        dataDir = DataDir.open(Path.of("target", "ingest-faults").toAbsolutePath(), true);
        Files.createDirectories(dataDir.conf());
        ports = new Ports(freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), freePort());
        postgres = components.start(() -> LocalPostgres.start(dataDir, ports.postgres()));
        kafka = LocalKafka.start(dataDir, ports, components);
        serviceA = instance("ingest-a", ports.ingest(), ports.ingestManagement());
        serviceB = instance("ingest-b", ports.query(), ports.queryManagement());
        ingestA = serviceA.start(repository(), dataDir, components);
        ingestB = serviceB.start(repository(), dataDir, components);
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 300_000),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterAll
    void stopStack() throws IOException {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        components.stopAll();
        if (dataDir != null) {
            dataDir.close();
        }
    }

    @Test
    @Order(1)
    void brokerKilledMidStreamAndRestartedLosesAndDoublesNothing() throws Exception {
        Oracle sent = stream("broker-kill", () -> {
            kill(kafkaPid(), "KILL");
            kafka = LocalKafka.start(dataDir, ports, components);
        });
        assertExactTotals(sent);
    }

    @Test
    @Order(2)
    void instanceKilledMidBatchIsTakenOverByTheOtherInstance() throws Exception {
        Oracle sent = stream("instance-kill", () -> kill(ingestA.pid(), "KILL"));
        assertExactTotals(sent);
        ingestA = serviceA.start(repository(), dataDir, components);
    }

    @Test
    @Order(3)
    void pausedInstanceWhoseLateWriteAndCommitComeAfterTheTakeOverCountsNothingTwice() throws Exception {
        Oracle sent = stream("instance-pause", () -> {
            kill(ingestA.pid(), "STOP");
            // Past the lowered session timeout (6 s): the group gives A's partitions to B.
            ChildProcess.pause(Duration.ofSeconds(15));
            kill(ingestA.pid(), "CONT");
        });
        assertExactTotals(sent);
    }

    @Test
    @Order(4)
    void writersConnectionsTerminatedMidBatchLoseAndDoubleNothing() throws Exception {
        Oracle sent = stream("pg-terminate", () -> {
            for (int i = 0; i < 3; i++) {
                try (Connection connection = connect(); Statement sql = connection.createStatement()) {
                    sql.execute("""
                            SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                            WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
                              AND state IN ('active', 'idle in transaction')""");
                }
                ChildProcess.pause(Duration.ofMillis(700));
            }
        });
        assertExactTotals(sent);
    }

    @Test
    @Order(5)
    void deadLettersFixedAndReplayedWithTheToolAreCountedOnceHoweverOftenReplayed() throws Exception {
        String tenant = "replay-co";
        long input = 0;
        for (int i = 0; i < 40; i++) {
            // An upper-case tenant is a schema violation; the replay's fix-up sets the right one.
            String json = "{\"id\":\"replay-" + i + "\",\"tenant\":\"Replay-Co\",\"time\":\"" + Instant.now().minusSeconds(i)
                    + "\",\"provider\":\"openai\",\"model\":\"gpt-4o-mini\",\"usage\":{\"inputTokens\":" + (100 + i)
                    + ",\"outputTokens\":1}}";
            input += 100 + i;
            producer.send(
                    new ProducerRecord<>("usage-events", tenant.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8)));
        }
        producer.flush();
        List<String> replay = List.of("--bootstrap", kafka.bootstrap(), "--reason", "schema_violation", "--tenant", "Replay-Co",
                "--set", "tenant=" + tenant);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            // Letters not dead-lettered yet are read by a later run of the same group.
            assertThat(dev.tokenmeter.deploy.replay.DlqReplay.run(replay, Map.of())).isZero();
            return stored(tenant) == 40;
        });
        Oracle sent = new Oracle(tenant, 40, input, 40);
        assertExactTotals(sent);

        List<String> again = new java.util.ArrayList<>(replay);
        again.add("--all");
        assertThat(dev.tokenmeter.deploy.replay.DlqReplay.run(again, Map.of())).isZero();
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> stored(tenant) == 40);
        assertExactTotals(sent);
    }

    @Test
    @Order(6)
    void instanceKilledBetweenTheTwoTransactionsOfABatchWithHeldKeysLosesAndDoublesNothing() throws Exception {
        Path parked = dataDir.run().resolve("ingest-a.parked");
        Files.deleteIfExists(parked);
        ingestA.stop();
        ingestA = parkingBeforeHeldParts(serviceA, parked).start(repository(), dataDir, components, List.of(faultHooksJar()));
        List<String> parkedAtKill = new ArrayList<>();
        // Every event is published twice, the copy 40 to 580 records later: a batch often holds the key of an
        // earlier batch still in flight, and A parks the first such batch between its two transactions.
        Oracle sent = stream("held-kill", true, () -> Files.exists(parked) && Files.size(parked) > 0, () -> {
            long pid = ingestA.pid();
            parkedAtKill.addAll(Files.readAllLines(parked));
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("A, parked").hasValue(true);
            kill(pid, "KILL");
            ProcessHandle.of(pid).ifPresent(process -> process.onExit().join());
            ingestA = serviceA.start(repository(), dataDir, components);
        });
        assertThat(parkedAtKill).as("batches A stopped between their two transactions before it was killed")
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).matches("parked stored=[1-9][0-9]* held=[1-9][0-9]*"));
        assertExactTotals(sent);
    }

    /** What a test sent: its tenant, and the totals every table must end up with. */
    record Oracle(String tenant, long events, long inputTokens, long outputTokens) {
    }

    interface Fault {
        void run() throws Exception;
    }

    /**
     * Sends {@value #EVENTS} events of a new tenant in a steady stream and does the fault once a
     * third of them are stored, while the rest are still being sent; answers once all are stored.
     */
    private Oracle stream(String tenant, Fault fault) throws Exception {
        return stream(tenant, false, () -> stored(tenant) >= EVENTS / 3, fault);
    }

    /**
     * Sends {@value #EVENTS} distinct events of a new tenant in a steady stream, with {@code twice} each one again
     * (the same record, as a producer retry or a second publish sends it) 40 to 580 records later, and does the fault
     * once {@code faultWhen} holds; answers once all are stored.
     */
    private Oracle stream(String tenant, boolean twice, Callable<Boolean> faultWhen, Fault fault) throws Exception {
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        long[] totals = new long[2];
        Instant now = Instant.now();
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
            Map<Integer, List<ProducerRecord<byte[], byte[]>>> again = new HashMap<>();
            for (int i = 0; i < EVENTS; i++) {
                long input = 1 + i % 1000;
                long output = 1 + i % 100;
                totals[0] += input;
                totals[1] += output;
                String json = "{\"id\":\"" + tenant + "-" + i + "\",\"tenant\":\"" + tenant + "\",\"time\":\""
                        + now.minusSeconds(i % 86_400) + "\",\"provider\":\"openai\",\"model\":\"gpt-4o-mini\","
                        + "\"project\":\"p" + i % 7 + "\",\"latencyMs\":" + (10 + i % 500)
                        + ",\"usage\":{\"inputTokens\":" + input + ",\"outputTokens\":" + output + "}}";
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("usage-events",
                        (tenant + i % 12).getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8));
                send(record, failures);
                if (twice) {
                    again.computeIfAbsent(i + 40 + i % 10 * 60, later -> new ArrayList<>()).add(record);
                }
                for (ProducerRecord<byte[], byte[]> copy : again.getOrDefault(i, List.of())) {
                    send(copy, failures);
                }
                again.remove(i);
                if (i % 500 == 499) {
                    ChildProcess.pause(Duration.ofMillis(60));
                }
            }
            again.values().forEach(copies -> copies.forEach(copy -> send(copy, failures)));
            producer.flush();
        });
        await().atMost(Duration.ofSeconds(120)).until(faultWhen);
        fault.run();
        sending.get();
        assertThat(failures).as("sends the producer gave up on").isEmpty();
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500)).until(() -> stored(tenant) >= EVENTS);
        return new Oracle(tenant, EVENTS, totals[0], totals[1]);
    }

    private void send(ProducerRecord<byte[], byte[]> record, ConcurrentLinkedQueue<Throwable> failures) {
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                failures.add(error);
            }
        });
    }

    private void assertExactTotals(Oracle sent) throws SQLException {
        // Late writes of a fenced instance would land now, if at all.
        ChildProcess.pause(Duration.ofSeconds(3));
        try (Connection connection = connect()) {
            Map<String, Object> raw = totals(connection, "usage_event", sent.tenant(), "count(*)");
            assertThat(raw.get("requests")).as("raw rows").isEqualTo(sent.events());
            assertThat(raw.get("input")).as("raw input tokens").isEqualTo(sent.inputTokens());
            assertThat(raw.get("output")).as("raw output tokens").isEqualTo(sent.outputTokens());
            for (String table : ROLLUPS) {
                assertThat(totals(connection, table, sent.tenant(), "sum(requests)")).as(table).isEqualTo(raw);
            }
            for (String table : DIM_ROLLUPS) {
                assertThat(totals(connection, table + " WHERE dim = '' AND", sent.tenant(), "sum(requests)")).as(table).isEqualTo(raw);
                assertThat(totals(connection, table + " WHERE dim = 'project' AND", sent.tenant(), "sum(requests)"))
                        .as(table + " by project").isEqualTo(raw);
            }
        }
    }

    private static Map<String, Object> totals(Connection connection, String from, String tenant, String requests) throws SQLException {
        String where = from.contains(" WHERE ") ? from : from + " WHERE";
        try (var statement = connection.prepareStatement("SELECT " + requests + " AS requests, sum(input_tokens) AS input,"
                + " sum(output_tokens) AS output, sum(cost_usd) AS cost FROM " + where + " tenant = ?")) {
            statement.setString(1, tenant);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                Map<String, Object> totals = new HashMap<>();
                totals.put("requests", row.getLong("requests"));
                totals.put("input", row.getLong("input"));
                totals.put("output", row.getLong("output"));
                BigDecimal cost = row.getBigDecimal("cost");
                totals.put("cost", cost == null ? null : cost.stripTrailingZeros());
                return totals;
            }
        }
    }

    private long stored(String tenant) throws SQLException {
        try (Connection connection = connect();
                var statement = connection.prepareStatement(
                        "SELECT count(*) FROM usage_event WHERE tenant = ?")) {
            statement.setString(1, tenant);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), LocalPostgres.USER, LocalPostgres.PASSWORD);
    }

    /** An ingest instance of the shared consumer group, with a session timeout short enough for the pause test. */
    private BootService instance(String id, int port, int managementPort) {
        BootService base = Services.ingest(ports, Options.LOOPBACK, postgres, kafka,
                new Keys("operator-key-of-the-fault-tests-0000", false, "ingest-key-of-the-fault-tests", "viewer", "viewer-id"));
        Map<String, String> env = new HashMap<>(base.env());
        env.put("TOKENMETER_INGEST_PORT", Integer.toString(port));
        env.put("TOKENMETER_INGEST_MANAGEMENT_PORT", Integer.toString(managementPort));
        env.put("SPRING_APPLICATION_JSON", """
                {"tokenmeter":{"ingest":{"retry-max-backoff":"1s","write-timeout":"10s"},
                 "kafka":{"properties":{"session.timeout.ms":"6000","heartbeat.interval.ms":"1500"}}}}""");
        return new BootService(id, "Ingest " + id, base.module(), port, managementPort, Map.copyOf(env), "512m");
    }

    /**
     * The instance with the test-only fault hook {@code ParkBeforeHeldPart} (built by ingest-service into
     * {@link #faultHooksJar()}): it parks every batch between its two transactions, and appends a line to
     * {@code parked} for each.
     */
    private static BootService parkingBeforeHeldParts(BootService service, Path parked) {
        Map<String, String> env = new HashMap<>(service.env());
        env.put("SPRING_MAIN_SOURCES", "dev.tokenmeter.faulthooks.ParkBeforeHeldPart");
        env.put("TOKENMETER_FAULT_HOOKS_PARKED_FILE", parked.toString());
        return new BootService(service.id(), service.displayName(), service.module(), service.port(), service.managementPort(),
                Map.copyOf(env), service.heap());
    }

    private static Path faultHooksJar() throws IOException {
        Path dir = repository().resolve("ingest-service").resolve("target").resolve("fault-hooks");
        try (var jars = Files.exists(dir) ? Files.list(dir) : java.util.stream.Stream.<Path>empty()) {
            return jars.filter(jar -> jar.getFileName().toString().endsWith("-fault-hooks.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(dir + "/ingest-service-*-fault-hooks.jar is missing: build it with"
                            + " ./mvnw -pl ingest-service package"));
        }
    }

    private long kafkaPid() throws IOException {
        return Long.parseLong(Files.readString(dataDir.run().resolve("kafka.pid")).trim());
    }
}
