package dev.tokenmeter.event;

import java.time.Duration;
import java.time.Instant;

/**
 * The acceptance window and size limit of the contract.
 *
 * @param lateWindow     how old an event's {@code time} may be (default 35 days); also the
 *                       minimum length of the dedup window
 * @param futureSkew     how far ahead of the receiver's clock {@code time} may be (default 5 min)
 * @param maxRecordBytes the largest accepted record, in bytes (default 64 KiB)
 * @param backlogGrace   how long a record may wait in Kafka (an ingest or database outage) and still
 *                       be judged {@code too_old} from when it reached the broker rather than from now
 *                       (default 7 days); the dedup window must cover {@code lateWindow + backlogGrace}
 */
public record EventLimits(Duration lateWindow, Duration futureSkew, int maxRecordBytes, Duration backlogGrace) {

    public static final EventLimits DEFAULT = new EventLimits(Duration.ofDays(35), Duration.ofMinutes(5), 64 * 1024, Duration.ofDays(7));

    /** How old an event may be when the record reached Kafka at {@code arrived} and is read {@code now}. */
    Instant oldestAccepted(Instant arrived, Instant now) {
        Instant reference = arrived.isAfter(now) ? now : arrived;
        Instant earliestReference = now.minus(backlogGrace);
        return (reference.isBefore(earliestReference) ? earliestReference : reference).minus(lateWindow);
    }
}
