package dev.tokenmeter.testsupport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class InfrastructureIT {

    private final Infrastructure infrastructure = Infrastructure.shared();

    @Test
    void aCreatedDatabaseAcceptsATableAndAnInsertOverJdbc() throws SQLException {
        String database = infrastructure.createDatabase("it_jdbc");

        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE usage_event (id BIGINT PRIMARY KEY, tokens INT NOT NULL)");
            statement.execute("INSERT INTO usage_event VALUES (1, 42)");

            assertEquals(42, singleInt(statement, "SELECT tokens FROM usage_event WHERE id = 1"));
        }
    }

    @Test
    void aRecordProducedWithAcksAllToAThreePartitionTopicIsConsumed() throws Exception {
        String topic = "it-round-trip-" + UUID.randomUUID();
        infrastructure.createTopic(topic, 3);

        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "tenant-1", "{\"tokens\":42}")).get();
        }

        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            assertEquals(3, consumer.partitionsFor(topic).size());
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> received = new ArrayList<>();

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                        return !received.isEmpty();
                    });

            assertEquals(1, received.size());
            assertEquals("tenant-1", received.get(0).key());
            assertEquals("{\"tokens\":42}", received.get(0).value());
        }
    }

    @Test
    void duringAPostgresOutageNewAndOpenConnectionsFailAndAfterwardsTheEarlierRowIsStillThere() throws SQLException {
        String database = infrastructure.createDatabase("it_outage");
        try (Connection open = connect(database); Statement statement = open.createStatement()) {
            statement.execute("CREATE TABLE survivor (id INT PRIMARY KEY)");
            statement.execute("INSERT INTO survivor VALUES (7)");

            infrastructure.stopPostgres();
            try {
                assertThrows(SQLException.class, () -> connect(database).close());
                assertThrows(SQLException.class, () -> statement.execute("SELECT 1"));
            } finally {
                infrastructure.startPostgres();
            }
        }

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
                assertEquals(7, singleInt(statement, "SELECT id FROM survivor"));
            }
        });
    }

    /** Short timeouts, so connecting to or querying a paused container fails instead of hanging. */
    private Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", infrastructure.username());
        properties.setProperty("password", infrastructure.password());
        properties.setProperty("connectTimeout", "3"); // seconds
        properties.setProperty("loginTimeout", "3"); // seconds
        properties.setProperty("socketTimeout", "3"); // seconds
        return DriverManager.getConnection(infrastructure.jdbcUrl(database), properties);
    }

    private static int singleInt(Statement statement, String query) throws SQLException {
        try (ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getInt(1);
        }
    }
}
