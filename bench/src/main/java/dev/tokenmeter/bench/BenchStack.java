package dev.tokenmeter.bench;

import dev.tokenmeter.deploy.BootService;
import dev.tokenmeter.deploy.ChildProcess;
import dev.tokenmeter.deploy.Components;
import dev.tokenmeter.deploy.DataDir;
import dev.tokenmeter.deploy.Leftovers;
import dev.tokenmeter.deploy.LocalKafka;
import dev.tokenmeter.deploy.LocalPostgres;
import dev.tokenmeter.deploy.Ports;
import dev.tokenmeter.deploy.StartupException;
import dev.tokenmeter.process.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The product as {@code deploy/local/start} runs it — embedded PostgreSQL 18, a KRaft Kafka broker
 * process, the services from their jars as child processes — on ports of its own and a fresh data
 * directory, so a benchmark never touches someone's running stack. The services apply the schema
 * (Flyway) when they start, as they do everywhere. One addition to the local stack's database:
 * {@code pg_stat_statements}, so the report can say where database time goes.
 */
public final class BenchStack implements AutoCloseable {

    /** The usage topic and the ingest service's consumer group. */
    public static final String TOPIC = "usage-events";
    public static final String CONSUMER_GROUP = "tokenmeter-bench-ingest";
    /** The ingest service's heap, as the local stack gives it. */
    public static final String INGEST_HEAP = "512m";
    static final String QUERY_HEAP = "512m";
    /** How long a process killed with SIGKILL may take to be gone. */
    static final Duration KILL_WAIT = Duration.ofSeconds(60);

    private final Path repo;
    private final Ports ports;
    private final int uiPort;
    private final Components components = new Components();
    private final String operatorKey = "tm_op_bench_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    private @Nullable DataDir dataDir;
    private @Nullable LocalPostgres postgres;
    private @Nullable LocalKafka kafka;
    private @Nullable ChildProcess ingest;
    private @Nullable ChildProcess query;

    BenchStack(Path repo, Map<String, String> env) {
        this.repo = repo;
        this.ports = new Ports(port(env, "TOKENMETER_BENCH_PG_PORT", 25432), port(env, "TOKENMETER_BENCH_KAFKA_PORT", 29092),
                port(env, "TOKENMETER_BENCH_KAFKA_PORT", 29092) + 1, port(env, "TOKENMETER_BENCH_INGEST_PORT", 28081),
                port(env, "TOKENMETER_BENCH_QUERY_PORT", 28080), port(env, "TOKENMETER_BENCH_INGEST_MANAGEMENT_PORT", 28181),
                port(env, "TOKENMETER_BENCH_QUERY_MANAGEMENT_PORT", 28180));
        this.uiPort = port(env, "TOKENMETER_BENCH_UI_PORT", 28090);
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
    }

    /** Starts PostgreSQL (with pg_stat_statements) and Kafka. */
    void start(Path dataRoot, boolean profile) throws StartupException, SQLException {
        DataDir old = DataDir.open(dataRoot, false);
        Leftovers.stop(old); // a bench killed with kill -9 leaves its children running
        try {
            old.close();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot release " + dataRoot + ": " + e, e);
        }
        DataDir dir = DataDir.open(dataRoot, true);
        dataDir = dir;
        try {
            // What the launcher's logging set-up creates before Kafka writes its configuration there.
            Files.createDirectories(dir.root().resolve("conf"));
            Files.createDirectories(dir.logs());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write under " + dir.root() + ": " + e, e);
        }
        for (int port : new int[] {ports.postgres(), ports.kafka(), ports.kafkaController(), ports.ingest(), ports.query(),
                ports.ingestManagement(), ports.queryManagement(), uiPort}) {
            requireFree(port);
        }
        Say.step("Starting PostgreSQL on :" + ports.postgres() + " (data in " + dir.root() + ")");
        // pg_stat_statements must be preloaded: start once, configure, and start again.
        LocalPostgres first = LocalPostgres.start(dir, ports.postgres());
        try (Connection c = DriverManager.getConnection(first.jdbcUrl(), LocalPostgres.USER, LocalPostgres.PASSWORD);
                Statement s = c.createStatement()) {
            s.execute("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
            s.execute("ALTER SYSTEM SET pg_stat_statements.max = 1000");
            if (profile) {
                s.execute("ALTER SYSTEM SET session_preload_libraries = 'auto_explain'");
                s.execute("ALTER SYSTEM SET auto_explain.log_min_duration = '250ms'");
                s.execute("ALTER SYSTEM SET auto_explain.log_analyze = on");
                s.execute("ALTER SYSTEM SET auto_explain.log_buffers = on");
                s.execute("ALTER SYSTEM SET auto_explain.log_nested_statements = on");
            }
        }
        first.stop();
        postgres = components.start(() -> LocalPostgres.start(dir, ports.postgres()));
        try (Connection c = jdbc(); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        }
        Say.step("PostgreSQL " + postgres.version() + " ready");
        Say.step("Starting Kafka on :" + ports.kafka());
        kafka = LocalKafka.start(dir, ports, components);
        Say.step("Kafka " + LocalKafka.version() + " ready");
    }

    private static void requireFree(int port) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress("localhost", port));
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " is in use (another bench run?). Stop it, or choose other ports with "
                    + "TOKENMETER_BENCH_PG_PORT, _KAFKA_PORT, _INGEST_PORT, _QUERY_PORT, _INGEST_MANAGEMENT_PORT, "
                    + "_QUERY_MANAGEMENT_PORT, _UI_PORT.");
        }
    }

    /** Starts the ingest service (real jar, child process) unless it runs; {@code extraEnv} e.g. JAVA_TOOL_OPTIONS. */
    public ChildProcess ingest(Map<String, String> extraEnv) throws StartupException {
        if (ingest == null) {
            Map<String, String> env = new HashMap<>(database());
            env.put("TOKENMETER_KAFKA_BOOTSTRAP", kafka().bootstrap());
            env.put("TOKENMETER_KAFKA_TOPIC", TOPIC);
            env.put("TOKENMETER_KAFKA_CONSUMERGROUP", CONSUMER_GROUP);
            env.put("TOKENMETER_INGEST_PORT", Integer.toString(ports.ingest()));
            env.put("TOKENMETER_INGEST_MANAGEMENT_PORT", Integer.toString(ports.ingestManagement()));
            env.putAll(extraEnv);
            ingest = new BootService("ingest", "Ingest service", "ingest-service", ports.ingest(), ports.ingestManagement(),
                    Map.copyOf(env), INGEST_HEAP)
                    .start(repo, dataDir(), components);
        }
        return ingest;
    }

    public ChildProcess query() throws StartupException {
        if (query == null) {
            Map<String, String> env = new HashMap<>(database());
            env.put("TOKENMETER_QUERY_PORT", Integer.toString(ports.query()));
            env.put("TOKENMETER_QUERY_MANAGEMENT_PORT", Integer.toString(ports.queryManagement()));
            env.put("TOKENMETER_OPERATOR_KEY", operatorKey);
            query = new BootService("query", "Query service", "query-service", ports.query(), ports.queryManagement(),
                    Map.copyOf(env), QUERY_HEAP)
                    .start(repo, dataDir(), components);
        }
        return query;
    }

    /** Stops the ingest service with SIGTERM (so a JFR recording is dumped), SIGKILL after a minute, if it runs. */
    public void stopIngest() {
        ChildProcess running = ingest;
        if (running != null) {
            ProcessHandle.of(running.pid()).ifPresent(handle -> Processes.stop(handle, KILL_WAIT));
            ingest = null;
        }
    }

    /** Kills the ingest service with SIGKILL (no shutdown hook runs) and starts it again with the same settings. */
    public ChildProcess killAndRestartIngest(Map<String, String> extraEnv) throws StartupException {
        ChildProcess running = ingest;
        if (running != null) {
            ProcessHandle.of(running.pid()).ifPresent(handle -> Processes.kill(handle, KILL_WAIT));
            ingest = null;
        }
        return ingest(extraEnv);
    }

    /** Kills the Kafka broker with SIGKILL and starts it again on the same data; answers once it serves. */
    public void killAndRestartKafka() throws StartupException {
        pidFile(dataDir().root().resolve("run/kafka.pid")).flatMap(ProcessHandle::of)
                .ifPresent(broker -> Processes.kill(broker, KILL_WAIT));
        kafka = LocalKafka.start(dataDir(), ports, components);
    }

    /** The database settings, and both ports of a service on loopback only, as the local stack has them. */
    private Map<String, String> database() {
        LocalPostgres pg = postgres();
        return Map.of("SERVER_ADDRESS", "127.0.0.1", "MANAGEMENT_SERVER_ADDRESS", "127.0.0.1",
                "TOKENMETER_R2DBC_URL", pg.r2dbcUrl(), "TOKENMETER_JDBC_URL", pg.jdbcUrl(),
                "TOKENMETER_DB_USER", LocalPostgres.USER, "TOKENMETER_DB_PASSWORD", LocalPostgres.PASSWORD);
    }

    public Connection jdbc() throws SQLException {
        return DriverManager.getConnection(postgres().jdbcUrl(), LocalPostgres.USER, LocalPostgres.PASSWORD);
    }

    /** The processes of the stack that run now, by name, for CPU accounting. */
    Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        if (ingest != null) {
            pids.put("ingest service", ingest.pid());
        }
        if (query != null) {
            pids.put("query service", query.pid());
        }
        pidFile(dataDir().root().resolve("postgres/postmaster.pid")).ifPresent(pid -> pids.put("PostgreSQL", pid));
        pidFile(dataDir().root().resolve("run/kafka.pid")).ifPresent(pid -> pids.put("Kafka broker", pid));
        return pids;
    }

    private static java.util.Optional<Long> pidFile(Path file) {
        try {
            return java.util.Optional.of(Long.parseLong(Files.readAllLines(file).get(0).strip()));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** The ingest service's process id, while it runs. */
    public long ingestPid() {
        if (ingest == null) {
            throw new IllegalStateException("the ingest service is not running");
        }
        return ingest.pid();
    }

    public String bootstrap() {
        return kafka().bootstrap();
    }

    public String operatorKey() {
        return operatorKey;
    }

    public String queryUrl() {
        return "http://localhost:" + ports.query();
    }

    public String ingestUrl() {
        return "http://localhost:" + ports.ingest();
    }

    /** The ingest service's actuator (health, {@code /actuator/prometheus}), on its management port. */
    public String ingestManagementUrl() {
        return "http://127.0.0.1:" + ports.ingestManagement();
    }

    /** The query service's actuator, on its management port. */
    public String queryManagementUrl() {
        return "http://127.0.0.1:" + ports.queryManagement();
    }

    public int uiPort() {
        return uiPort;
    }

    public Path repo() {
        return repo;
    }

    public Path logs() {
        return dataDir().logs();
    }

    String postgresVersion() {
        return postgres == null ? "?" : postgres.version();
    }

    private DataDir dataDir() {
        if (dataDir == null) {
            throw new IllegalStateException("the stack is not started");
        }
        return dataDir;
    }

    private LocalPostgres postgres() {
        if (postgres == null) {
            throw new IllegalStateException("PostgreSQL is not started");
        }
        return postgres;
    }

    private LocalKafka kafka() {
        if (kafka == null) {
            throw new IllegalStateException("Kafka is not started");
        }
        return kafka;
    }

    /** Stops the services, Kafka and PostgreSQL, in that order. */
    @Override
    public void close() {
        components.stopAll();
    }
}
