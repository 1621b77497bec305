package dev.tokenmeter.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaPublisherSettingsTest {

    private final KafkaPublisherSettings defaults = KafkaPublisherSettings.of("kafka-1:9092");

    @Test
    void eachWitherChangesOnlyItsOwnComponentsAndLeavesTheOriginalAsItWas() {
        KafkaPublisherSettings changed = defaults.withTopic("t").withClientId("c").withBuffer(1024, Duration.ofMillis(7))
                .withBatching(Duration.ofMillis(11), 2048).withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(40))
                .withCompression("zstd").withProperty("security.protocol", "SSL");

        assertThat(changed).isEqualTo(new KafkaPublisherSettings("kafka-1:9092", "t", "c", 1024, Duration.ofMillis(7),
                Duration.ofMillis(11), 2048, Duration.ofSeconds(3), Duration.ofSeconds(40), "zstd",
                Map.of("security.protocol", "SSL")));
        assertThat(defaults.topic()).isEqualTo(KafkaPublisherSettings.DEFAULT_TOPIC);
        assertThat(defaults.properties()).isEmpty();
    }

    @Test
    void propertiesAddUpAndTheCopiesStayImmutable() {
        KafkaPublisherSettings one = defaults.withProperty("a", "1");
        KafkaPublisherSettings two = one.withProperty("b", "2");

        assertThat(one.properties()).containsExactly(Map.entry("a", "1"));
        assertThat(two.properties()).containsOnly(Map.entry("a", "1"), Map.entry("b", "2"));
    }
}
