package dev.tokenmeter.ingest.store;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long stored data is kept ({@code tokenmeter.retention.*}).
 *
 * @param rawEvents     raw events are kept at least this long: a monthly partition is dropped once
 *                      every day in it is older (UTC days); must exceed {@code tokenmeter.ingest.late-window}
 * @param rollups       rollup rows of UTC days older than this are deleted; null (the default) keeps
 *                      them forever; when set, at least {@code rawEvents}
 * @param keyMargin     dedup keys are kept at least {@code late-window} + this (+ the future skew):
 *                      how late after reaching Kafka a record may still be processed (a consumer
 *                      backlog); Kafka's default log retention is 7 days
 * @param keyGeneration how often a new dedup-key generation (a partition of {@code usage_event_key})
 *                      starts; a generation is dropped whole, so keys live up to this much longer
 */
@ConfigurationProperties("tokenmeter.retention")
record RetentionSettings(
        @DefaultValue("400d") Duration rawEvents,
        @Nullable Duration rollups,
        @DefaultValue("7d") Duration keyMargin,
        @DefaultValue("14d") Duration keyGeneration) {
}
