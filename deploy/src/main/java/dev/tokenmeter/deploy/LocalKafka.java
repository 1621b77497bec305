package dev.tokenmeter.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * A real Kafka broker in KRaft mode (broker and controller in one process), run as a child process
 * from the {@code kafka_2.13} jars on the launcher's own classpath. Its log segments live in
 * {@code <data-dir>/kafka}; it logs to {@code <data-dir>/logs/kafka.log}.
 */
public final class LocalKafka implements Components.Part {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final ChildProcess broker;
    private final String bootstrap;

    private LocalKafka(ChildProcess broker, String bootstrap) {
        this.broker = broker;
        this.bootstrap = bootstrap;
    }

    /** Formats the storage on first start, starts the broker, and waits until it answers. */
    public static LocalKafka start(DataDir dataDir, Ports ports, Components components) throws StartupException {
        Path log = dataDir.logs().resolve("kafka.log");
        Path serverProperties = dataDir.conf().resolve("kafka-server.properties");
        Path log4j;
        try {
            Files.createDirectories(dataDir.kafka());
            Files.writeString(serverProperties, KafkaServerProperties.render(dataDir.kafka(), ports));
            log4j = Log4jConfig.write(dataDir.conf().resolve("log4j2-kafka.properties"), log);
        } catch (IOException e) {
            throw new StartupException("Cannot write the Kafka configuration under " + dataDir.conf() + ": " + e, e);
        }
        if (!Files.exists(dataDir.kafka().resolve("meta.properties"))) {
            format(dataDir, serverProperties, log4j, log);
        }
        String bootstrap = "localhost:" + ports.kafka();
        LocalKafka kafka = components.start(() -> new LocalKafka(ChildProcess.spawn("Kafka",
                java(log4j, "kafka.Kafka", serverProperties.toString()), Map.of(), log,
                dataDir.run().resolve("kafka.pid"), Duration.ofSeconds(60)), bootstrap));
        try (Admin admin = admin(bootstrap)) {
            kafka.broker.awaitReady(() -> !admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty(), READY_TIMEOUT);
        }
        return kafka;
    }

    /** {@code kafka-storage format}: writes meta.properties with a new cluster id. */
    private static void format(DataDir dataDir, Path serverProperties, Path log4j, Path log) throws StartupException {
        ChildProcess storageTool = ChildProcess.spawn("Kafka storage format",
                java(log4j, "kafka.tools.StorageTool", "format", "--cluster-id", Uuid.randomUuid().toString(),
                        "--config", serverProperties.toString(), "--ignore-formatted"),
                Map.of(), log, dataDir.run().resolve("kafka-format.pid"), Duration.ofSeconds(10));
        int exit = storageTool.waitForExit(Duration.ofSeconds(120));
        if (exit != 0) {
            throw new StartupException("Formatting the Kafka storage failed (exit code " + exit + ").\n" + storageTool.tail()
                    + "\nStart over with --fresh if " + dataDir.kafka() + " holds something else.");
        }
    }

    /** A JVM with the launcher's classpath (which holds the broker's jars), logging through {@code log4j}. */
    private static List<String> java(Path log4j, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms256m", "-Xmx512m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + log4j,
                "-cp", brokerClasspath(),
                mainClass));
        command.addAll(List.of(args));
        return command;
    }

    /** The launcher's classpath without the launcher's own jar, which a rebuild rewrites. */
    private static String brokerClasspath() {
        Path own = OwnClasses.location().toAbsolutePath();
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).toAbsolutePath().equals(own))
                .collect(Collectors.joining(File.pathSeparator));
    }

    static Admin admin(String bootstrap) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500));
    }

    public String bootstrap() {
        return bootstrap;
    }

    public static String version() {
        return AppInfoParser.getVersion();
    }

    /** SIGTERM: a controlled shutdown that flushes the logs. */
    @Override
    public void stop() {
        broker.stop();
    }

    void onUnexpectedExit(java.util.function.Consumer<ChildProcess> handler) {
        broker.onUnexpectedExit(handler);
    }
}
