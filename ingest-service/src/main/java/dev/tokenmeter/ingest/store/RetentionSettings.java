package dev.tokenmeter.ingest.store;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long stored data is kept ({@code tokenmeter.retention.*}).
 *
 * @param rawEvents     raw events are kept at least this long: a monthly partition is dropped once
 *                      every day in it is older (UTC days); must exceed {@code late-window + backlog-grace}
 * @param rollups       rollup rows of UTC days older than this are deleted; null (the default) keeps
 *                      them forever; when set, at least {@code rawEvents}
 * @param keyMargin     dedup keys are kept at least {@code late-window} + {@code backlog-grace} + the
 *                      future skew + this: the oldest event ingest accepts is {@code late-window}
 *                      before a record's arrival in Kafka, at most {@code backlog-grace} ago; the
 *                      margin covers clock differences and the time between maintenance runs
 * @param keyGeneration how often a new dedup-key generation (a partition of {@code usage_event_key})
 *                      starts; a generation is dropped whole, so keys live up to this much longer
 */
@ConfigurationProperties("tokenmeter.retention")
record RetentionSettings(
        @DefaultValue("400d") Duration rawEvents,
        @Nullable Duration rollups,
        @DefaultValue("1d") Duration keyMargin,
        @DefaultValue("14d") Duration keyGeneration) {
}
