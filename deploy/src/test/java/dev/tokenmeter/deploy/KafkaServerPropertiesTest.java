package dev.tokenmeter.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaServerPropertiesTest {

    @Test
    void aSingleNodeKraftBrokerOnTheChosenPortsWithSingleReplicaInternalTopics() throws Exception {
        Properties properties = new Properties();
        properties.load(new StringReader(KafkaServerProperties.render(Path.of("/data/kafka"), new Ports(1, 29092, 29093, 3, 4, 5, 6))));

        assertThat(properties)
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("controller.quorum.voters", "1@localhost:29093")
                .containsEntry("listeners", "PLAINTEXT://localhost:29092,CONTROLLER://localhost:29093")
                .containsEntry("log.dirs", "/data/kafka")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("auto.create.topics.enable", "false");
    }
}
