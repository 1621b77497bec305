package dev.tokenmeter.ingest;

import static org.awaitility.Awaitility.await;

import dev.tokenmeter.testsupport.Infrastructure;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One isolated ingest-service setup on the shared real PostgreSQL and Kafka: its own database,
 * topics and consumer group, plus the producer and SQL access tests need.
 */
public final class IngestHarness implements AutoCloseable {

    public static final String INGEST_KEY = "test-ingest-key";

    public final Infrastructure infra;
    public final String database;
    public final String topic;
    public final String deadLetterTopic;
    public final String group;
    private final KafkaProducer<byte[], byte[]> producer;
    private static final Map<Class<?>, IngestHarness> BY_TEST_CLASS = new ConcurrentHashMap<>();

    public IngestHarness(String name) {
        this(Infrastructure.shared(), Infrastructure.shared().createDatabase(name));
    }

    private IngestHarness(Infrastructure infra, String database) {
        this.infra = infra;
        this.database = database;
        topic = database + ".usage-events";
        deadLetterTopic = topic + ".dlq";
        group = database + "-ingest";
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * The setup of a {@link WithIngestHarness} test class: created on the first call, the same one for its
     * Spring context; closed when that context closes.
     */
    public static IngestHarness of(Class<?> testClass) {
        Infrastructure infra = Infrastructure.shared();
        return BY_TEST_CLASS.computeIfAbsent(testClass, type -> new IngestHarness(infra, infra.databaseFor(type)));
    }

    /** A client of the ingest service under test on its HTTP port, waiting up to 30 s for an answer. */
    public static WebTestClient client(int port) {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** The properties that point the ingest service under test at this setup. */
    public Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>(infra.springProperties(database));
        properties.put("tokenmeter.kafka.topic", topic);
        properties.put("tokenmeter.kafka.dead-letter-topic", deadLetterTopic);
        properties.put("tokenmeter.kafka.consumer-group", group);
        properties.put("tokenmeter.kafka.partitions", 6);
        properties.put("tokenmeter.ingest.http.keys", "acme:" + INGEST_KEY);
        properties.put("tokenmeter.ingest.retry-max-backoff", "2s");
        return properties;
    }

    /**
     * {@link #properties()} as command-line arguments ({@code --name=value}), which win over application.yml:
     * for an instance the test starts itself.
     */
    public List<String> arguments() {
        List<String> arguments = new ArrayList<>();
        properties().forEach((name, value) -> arguments.add("--" + name + "=" + value));
        return arguments;
    }

    /** Points an ingest service started by the test itself at this setup. */
    public void register(DynamicPropertyRegistry registry) {
        properties().forEach((name, value) -> registry.add(name, () -> value));
    }

    /** Publishes a record keyed by tenant and answers where it landed, once acknowledged. */
    public Future<RecordMetadata> send(String tenant, byte[] value) {
        return producer.send(new ProducerRecord<>(topic, tenant.getBytes(StandardCharsets.UTF_8), value));
    }

    public Future<RecordMetadata> send(String tenant, String json) {
        return send(tenant, json.getBytes(StandardCharsets.UTF_8));
    }

    public void flush() {
        producer.flush();
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(infra.jdbcUrl(database), infra.username(), infra.password());
    }

    public long count(String sql, Object... args) {
        try (Connection c = connect(); var statement = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every record now on the dead-letter topic. */
    public List<ConsumerRecord<byte[], byte[]>> deadLetters() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(deadLetterTopic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(20);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** Waits until the ingest consumer group has committed every record published so far. */
    public void awaitConsumed() {
        producer.flush();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, Long> end = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                        .get();
                return end.entrySet().stream().allMatch(e -> e.getValue() == 0
                        || committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue());
            });
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The consumer group's committed offsets. */
    public Map<TopicPartition, Long> committedOffsets() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()))) {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .forEach((tp, om) -> offsets.put(tp, om == null ? 0 : om.offset()));
            return offsets;
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
