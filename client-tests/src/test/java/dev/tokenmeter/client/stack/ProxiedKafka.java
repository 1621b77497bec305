package dev.tokenmeter.client.stack;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node KRaft broker (Kafka's own test kit) that every client reaches through a
 * {@link TcpProxy}: the broker advertises the proxy's address, so after bootstrapping, clients
 * still connect through it, and a test can cut them off while the broker keeps running. The
 * shared test broker of {@code Infrastructure} cannot be cut off like that, which is why the
 * forced-disconnect test has this broker of its own.
 */
public final class ProxiedKafka implements AutoCloseable {

    private final TcpProxy proxy;
    private final KafkaClusterTestKit cluster;

    public ProxiedKafka() throws Exception {
        proxy = new TcpProxy();
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                .setBaseDirectory(Path.of("target", "proxied-kafka", "node-" + ProcessHandle.current().pid()).toAbsolutePath())
                .build();
        cluster = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("advertised.listeners", nodes.brokerListenerName().value() + "://127.0.0.1:" + proxy.port())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("auto.create.topics.enable", "false")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        try {
            cluster.format();
            cluster.startup();
            String direct = cluster.bootstrapServers().split(",")[0];
            int colon = direct.lastIndexOf(':');
            proxy.target(new InetSocketAddress(direct.substring(0, colon), Integer.parseInt(direct.substring(colon + 1))));
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /** The address clients use: the proxy's. */
    public String bootstrapServers() {
        return "127.0.0.1:" + proxy.port();
    }

    public TcpProxy proxy() {
        return proxy;
    }

    @Override
    public void close() {
        proxy.close();
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("Could not stop the proxied Kafka broker", e);
        }
    }
}
