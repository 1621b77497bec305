package dev.tokenmeter.ingest.store;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The storage maintenance job ({@code tokenmeter.partitions.*}): it creates the monthly partitions
 * of {@code usage_event} ahead, rotates and purges dedup-key generations and applies retention.
 *
 * @param monthsAhead months after the current one whose partitions always exist, so that no event
 *                    ever waits for a partition to be created
 * @param interval    time between two runs (the first runs at start)
 * @param lockTimeout longest one step waits for a table lock; a step that times out changes nothing
 *                    and is tried again at the next run, so maintenance never queues ingest or
 *                    queries behind it for longer
 */
@Validated
@ConfigurationProperties("tokenmeter.partitions")
record PartitionSettings(
        @DefaultValue("2") @Min(2) int monthsAhead,
        @DefaultValue("1h") Duration interval,
        @DefaultValue("3s") Duration lockTimeout) {
}
