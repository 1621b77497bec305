package dev.tokenmeter.ingest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How events are accepted and stored ({@code tokenmeter.ingest.*}).
 *
 * @param lateWindow      oldest accepted event time, relative to now; also the dedup window
 * @param futureSkew      how far in the future an event time may be
 * @param backlogGrace    how long a record may have waited in Kafka (an outage) and still be judged
 *                        too old from when it reached the broker, not from when it is processed
 * @param maxRecordSize   largest accepted record
 * @param consumerEnabled whether this instance consumes the Kafka topic (HTTP-only instances turn it off)
 * @param writeTimeout    longest a batch write may take before it is retried
 * @param retryMinBackoff first pause after a transient failure (database or broker down)
 * @param retryMaxBackoff longest pause between retries; retries never give up
 * @param shutdownTimeout how long a graceful shutdown waits for the batch in flight
 * @param writers         batches written at once, each in its own transaction; with more than one,
 *                        concurrent transactions update the same rollup rows and wait on each other's row
 *                        locks, but a batch stores the events whose keys an earlier batch in flight holds
 *                        only after that batch, so claims never wait on each other's dedup keys
 * @param rawRows         how a batch's new events reach the raw table: {@code copy} (streamed with
 *                        COPY) or {@code arrays} (one INSERT of parameter arrays, the earlier path,
 *                        kept to compare the two in one benchmark run)
 * @param decoding        how a Kafka record becomes an event: {@code streaming} (its bytes read token by
 *                        token straight into the event, the fingerprint hashed as it is written) or
 *                        {@code tree} (a Jackson tree of the record first, the fingerprint of a tree's
 *                        bytes: the earlier path, kept to compare the two in one benchmark run); both
 *                        give every record the same verdict and every event the same fingerprint
 */
@Validated
@ConfigurationProperties("tokenmeter.ingest")
public record IngestSettings(
        @DefaultValue("35d") Duration lateWindow,
        @DefaultValue("5m") Duration futureSkew,
        @DefaultValue("7d") Duration backlogGrace,
        @DefaultValue("64KB") DataSize maxRecordSize,
        @DefaultValue("true") boolean consumerEnabled,
        @DefaultValue("30s") Duration writeTimeout,
        @DefaultValue("200ms") Duration retryMinBackoff,
        @DefaultValue("10s") Duration retryMaxBackoff,
        @DefaultValue("30s") Duration shutdownTimeout,
        @DefaultValue("2") @Min(1) @Max(8) int writers,
        @DefaultValue("copy") RawRows rawRows,
        @DefaultValue("streaming") Decoding decoding,
        @DefaultValue @Valid Http http) {

    /** How new events reach the raw table (see {@code rawRows}). */
    public enum RawRows {
        COPY, ARRAYS
    }

    /** How a Kafka record becomes an event (see {@code decoding}). */
    public enum Decoding {
        STREAMING, TREE
    }

    /**
     * HTTP ingest ({@code tokenmeter.ingest.http.*}).
     *
     * @param maxBody  largest request body; larger ones get 413
     * @param maxItems most events in one request
     * @param keys     ingest keys as {@code tenant:secret} pairs, until keys are stored in the database
     */
    public record Http(
            @DefaultValue("1MB") DataSize maxBody,
            @DefaultValue("1000") @Min(1) @Max(10_000) int maxItems,
            @DefaultValue List<String> keys) {
    }
}
