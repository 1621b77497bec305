package dev.tokenmeter.testsupport;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * A real PostgreSQL server and a real Kafka broker, shared by every integration test in a JVM.
 *
 * <p>Both start on the first call to {@link #shared()} and stop when the JVM exits. Where a Docker
 * engine answers they run as Testcontainers ({@code postgres:18}, {@code apache/kafka} in KRaft mode);
 * elsewhere as embedded servers (zonky's PostgreSQL binaries, Kafka's in-JVM test kit). Set the
 * system property or environment variable {@code TOKENMETER_TEST_INFRA} to {@code embedded} or
 * {@code containers} to force one.
 *
 * <p>Tests share the servers, so isolate state by name: one {@link #createDatabase database} per
 * test class, topic names unique per test.
 */
public final class Infrastructure {

    private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,39}");
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);
    private static @Nullable Infrastructure shared;

    private final PostgresServer postgres;
    private final KafkaServer kafka;
    private final Map<Class<?>, String> databases = new ConcurrentHashMap<>();

    private Infrastructure(PostgresServer postgres, KafkaServer kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    /**
     * Returns the servers of this JVM, starting both on the first call (a few seconds embedded; with
     * Docker, longer on the first image pull). Safe to call from any thread; later calls return at once.
     */
    public static synchronized Infrastructure shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    private static Infrastructure start() {
        long choosingAt = System.nanoTime();
        boolean containers = useContainers();
        long startedAt = System.nanoTime();
        PostgresServer postgres = containers ? new ContainerPostgresServer() : new EmbeddedPostgresServer();
        long postgresUp = System.nanoTime();
        KafkaServer kafka;
        try {
            kafka = containers ? new ContainerKafkaServer() : new EmbeddedKafkaServer();
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
        log.info("{} PostgreSQL up at {}:{} in {} ms, Kafka up at {} in {} ms (choosing took {} ms)",
                containers ? "Testcontainers" : "Embedded", postgres.host(), postgres.port(),
                millisBetween(startedAt, postgresUp), kafka.bootstrapServers(),
                millisBetween(postgresUp, System.nanoTime()), millisBetween(choosingAt, startedAt));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            postgres.close();
        }, "tokenmeter-test-infrastructure-shutdown"));
        return new Infrastructure(postgres, kafka);
    }

    private static long millisBetween(long startNanos, long endNanos) {
        return TimeUnit.NANOSECONDS.toMillis(endNanos - startNanos);
    }

    private static boolean useContainers() {
        String forced = System.getProperty("TOKENMETER_TEST_INFRA", System.getenv("TOKENMETER_TEST_INFRA"));
        if (forced != null && !forced.isBlank()) {
            return switch (forced.trim().toLowerCase(Locale.ROOT)) {
                case "embedded" -> false;
                case "containers" -> true;
                default -> throw new IllegalArgumentException(
                        "TOKENMETER_TEST_INFRA must be 'embedded' or 'containers', not '" + forced + "'");
            };
        }
        // Answers false within milliseconds when no Docker engine is reachable.
        return DockerClientFactory.instance().isDockerAvailable();
    }

    /** The host name PostgreSQL listens on, as clients on this machine should address it. */
    public String postgresHost() {
        return postgres.host();
    }

    /** The TCP port PostgreSQL listens on; it does not change across {@link #stopPostgres()}. */
    public int postgresPort() {
        return postgres.port();
    }

    /** A superuser name, allowed to create databases. */
    public String username() {
        return postgres.username();
    }

    /** The password of {@link #username()} (the embedded server accepts any password). */
    public String password() {
        return postgres.password();
    }

    /**
     * Creates an empty database named {@code <prefix>_<8 random hex digits>}, so every test class
     * (or Spring context) can have its own schema on the shared server.
     *
     * @param prefix lower-case letters, digits and underscores, at most 40 characters
     * @return the new database's name, for {@link #jdbcUrl} and {@link #r2dbcUrl}
     */
    public String createDatabase(String prefix) {
        if (!IDENTIFIER.matcher(prefix).matches()) {
            throw new IllegalArgumentException("Not a lower-case SQL identifier of at most 40 characters: " + prefix);
        }
        String name = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), username(), password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name); // safe: both parts are validated identifiers
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
        return name;
    }

    /**
     * The database of a test class: created on the first call for that class (named after it, as
     * {@link #createDatabase} names them), the same name on every later call in this JVM. This is how a
     * {@link WithInfrastructure} test and its Spring context agree on one database.
     */
    public String databaseFor(Class<?> testClass) {
        return databases.computeIfAbsent(testClass, type -> createDatabase(prefix(type)));
    }

    /** {@code ApiKeysIT} → {@code api_keys_it}, cut to 40 characters. */
    static String prefix(Class<?> testClass) {
        String snake = testClass.getSimpleName()
                .replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        String prefix = Character.isDigit(snake.charAt(0)) ? "t_" + snake : snake;
        return prefix.substring(0, Math.min(prefix.length(), 40));
    }

    /**
     * The Spring properties that point a service at {@code database} on this server and at this
     * broker: the R2DBC URL and credentials, Flyway's JDBC URL (Flyway takes the R2DBC credentials),
     * and {@code tokenmeter.kafka.bootstrap-servers}.
     */
    public Map<String, Object> springProperties(String database) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.r2dbc.url", r2dbcUrl(database));
        properties.put("spring.r2dbc.username", username());
        properties.put("spring.r2dbc.password", password());
        properties.put("spring.flyway.url", jdbcUrl(database));
        properties.put("tokenmeter.kafka.bootstrap-servers", kafkaBootstrapServers());
        return properties;
    }

    /**
     * {@link #springProperties} as command-line arguments ({@code --spring.r2dbc.url=…}), for a service
     * started in its own process or with {@code SpringApplicationBuilder}.
     */
    public List<String> springArguments(String database) {
        return springProperties(database).entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toList();
    }

    /** The JDBC URL of a database on this server: {@code jdbc:postgresql://host:port/database}. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + postgresHost() + ":" + postgresPort() + "/" + database;
    }

    /** The R2DBC URL of a database on this server: {@code r2dbc:postgresql://host:port/database}. */
    public String r2dbcUrl(String database) {
        return "r2dbc:postgresql://" + postgresHost() + ":" + postgresPort() + "/" + database;
    }

    /** The {@code bootstrap.servers} value Kafka clients connect with, such as {@code localhost:39127}. */
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /**
     * Creates a topic with replication factor 1 and returns once every partition has a leader, so a
     * producer can write to it at once. A topic that already exists is left as it is. Topics are never
     * auto-created by the broker.
     *
     * @param partitions the number of partitions, at least 1
     */
    public void createTopic(String name, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers()))) {
            try {
                admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                        .all().get(TOPIC_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("Could not create topic " + name, e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while creating topic " + name, e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("Timed out creating topic " + name, e);
            }
            // The controller has committed the topic; wait until the broker serves every partition.
            await("leaders of topic " + name).atMost(TOPIC_TIMEOUT).ignoreExceptions().until(() -> {
                TopicDescription topic = admin.describeTopics(List.of(name)).allTopicNames().get().get(name);
                return topic != null && topic.partitions().stream().allMatch(partition -> partition.leader() != null);
            });
        }
    }

    /**
     * Simulates a database outage until {@link #startPostgres()}. Embedded: the server stops, open
     * connections are terminated and new ones refused. Testcontainers: the container is paused, so
     * new and open connections hang until the client's timeout instead of failing at once.
     */
    public void stopPostgres() {
        postgres.stop();
    }

    /** Ends a {@link #stopPostgres()} outage: the same server on the same host and port, with its data. */
    public void startPostgres() {
        postgres.start();
    }
}
