package dev.tokenmeter.testsupport;

import java.nio.file.Path;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.jspecify.annotations.Nullable;

/**
 * A real single-node KRaft Kafka broker running inside the test JVM (Kafka's own test kit), for
 * machines without Docker. One node is both broker and controller.
 */
final class EmbeddedKafkaServer implements KafkaServer {

    private final KafkaClusterTestKit cluster;

    EmbeddedKafkaServer() {
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                // The kit defaults to the newest *testing* metadata version, with unreleased features;
                // a real broker of this version formats with the production one.
                .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                // Log directories beside the module's build output rather than in /tmp.
                .setBaseDirectory(Path.of("target", "embedded-kafka", "node-" + ProcessHandle.current().pid())
                        .toAbsolutePath())
                .build();
        KafkaClusterTestKit kit = null;
        try {
            kit = new KafkaClusterTestKit.Builder(nodes)
                    // The defaults (3) cannot be met by one broker: consumer groups and transactions
                    // would then hang on INVALID_REPLICATION_FACTOR.
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    // Tests create their topics explicitly, with the partition count they mean.
                    .setConfigProp("auto.create.topics.enable", "false")
                    .setConfigProp("num.partitions", "1")
                    // The first consumer of a group would otherwise wait 3 s for more members.
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            closeQuietly(kit, e);
            throw new IllegalStateException("Could not start the embedded Kafka broker", e);
        }
        cluster = kit;
    }

    @Override
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public void close() {
        try {
            cluster.close(); // also deletes the log directories
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("Could not stop the embedded Kafka broker", e);
        }
    }

    /** Releases a half-started cluster's ports and threads; the start failure is what matters. */
    private static void closeQuietly(@Nullable KafkaClusterTestKit kit, Exception startFailure) {
        if (kit != null) {
            try {
                kit.close();
            } catch (Exception e) {
                startFailure.addSuppressed(e);
            }
        }
    }
}
