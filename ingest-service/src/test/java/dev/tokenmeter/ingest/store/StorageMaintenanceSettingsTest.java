package dev.tokenmeter.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmeter.ingest.IngestSettings;
import java.time.Duration;
import java.time.YearMonth;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class StorageMaintenanceSettingsTest {

    @Test
    void theDefaultsKeepRawEventsFourHundredDaysAndRollupsForever() {
        RetentionSettings retention = retention(Map.of());
        assertThat(retention.rawEvents()).isEqualTo(Duration.ofDays(400));
        assertThat(retention.rollups()).isNull();
        assertThat(retention.keyMargin()).isEqualTo(Duration.ofDays(1));
        assertThatCode(() -> StorageMaintenance.check(retention, ingest(Map.of()))).doesNotThrowAnyException();
        PartitionSettings partitions = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("tokenmeter.partitions", PartitionSettings.class);
        assertThat(partitions.monthsAhead()).isEqualTo(2);
        assertThat(partitions.lockTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void rawEventRetentionNotLongerThanTheOldestAcceptedEventIsRefusedAtStart() {
        assertThatThrownBy(() -> StorageMaintenance.check(retention(Map.of("tokenmeter.retention.raw-events", "40d")),
                ingest(Map.of("tokenmeter.ingest.late-window", "35d", "tokenmeter.ingest.backlog-grace", "7d"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("raw-events").hasMessageContaining("late-window + backlog-grace");
        assertThatCode(() -> StorageMaintenance.check(retention(Map.of("tokenmeter.retention.raw-events", "43d")),
                ingest(Map.of("tokenmeter.ingest.late-window", "35d", "tokenmeter.ingest.backlog-grace", "7d"))))
                .doesNotThrowAnyException();
    }

    @Test
    void rollupRetentionShorterThanRawEventRetentionIsRefusedAtStart() {
        assertThatThrownBy(() -> StorageMaintenance.check(retention(Map.of("tokenmeter.retention.rollups", "100d")), ingest(Map.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rollups");
        assertThatCode(() -> StorageMaintenance.check(retention(Map.of("tokenmeter.retention.rollups", "800d")), ingest(Map.of())))
                .doesNotThrowAnyException();
    }

    @Test
    void onlyMonthlyPartitionNamesAreReadAsMonths() {
        assertThat(Partitions.month("usage_event_202701")).isEqualTo(YearMonth.of(2027, 1));
        assertThat(Partitions.month("usage_event_key_g3")).isNull();
        assertThat(Partitions.month("usage_event_2027")).isNull();
    }

    private static RetentionSettings retention(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("tokenmeter.retention", RetentionSettings.class);
    }

    private static IngestSettings ingest(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("tokenmeter.ingest", IngestSettings.class);
    }
}
